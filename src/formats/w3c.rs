//! W3C Web Annotation: an `AnnotationCollection` in JSON-LD.
//!
//! Each annotation targets the text through two selectors side by side:
//! a `TextQuoteSelector` (`exact`, with up to 32 code points of `prefix` and
//! `suffix`) and a `TextPositionSelector` (`start`, `end` in **code points**,
//! as the Data Model requires). The target's `source` is the text named by
//! its hash, an RFC 6920 IRI `ni:///sha-256;<base64url, no padding>` of its
//! exact UTF-8, so an importer can tell whether it holds the same text.
//!
//! ```json
//! {"@context": ["http://www.w3.org/ns/anno.jsonld", {"bz": "urn:biaozhu:ns:"}],
//!  "id": "urn:biaozhu:doc:<sha256 hex>", "type": "AnnotationCollection",
//!  "label": "libai.txt", "total": 1, "bz:text": "…", "bz:labels": [...],
//!  "first": {"id": "urn:biaozhu:doc:<sha256 hex>:page:1", "type": "AnnotationPage",
//!   "startIndex": 0, "items": [
//!    {"id": "urn:biaozhu:doc:<sha>:a:a1", "type": "Annotation", "motivation": "tagging",
//!     "created": "2024-05-01T12:00:00Z",
//!     "body": [{"type": "TextualBody", "purpose": "tagging", "value": "PER"}],
//!     "target": {"source": "ni:///sha-256;…",
//!       "selector": [{"type": "TextQuoteSelector", "exact": "李白", "prefix": "😀", "suffix": "出生于…"},
//!                    {"type": "TextPositionSelector", "start": 1, "end": 3}]}}]}}
//! ```
//!
//! Mapping: the label id is a `tagging` `TextualBody`; a note is a
//! `commenting` `TextualBody`; a discontinuous annotation has one target
//! per piece; a relation is an annotation with motivation `linking` whose
//! target is the `from` annotation and whose bodies are the `to` annotation's
//! IRI and a `tagging` body with the relation's kind. What the Data Model
//! has no place for goes in `bz:` extension properties: the text itself
//! (`bz:text`), the label set (`bz:labels`), attributes (`bz:attributes`),
//! document labels (`bz:docLabels`), the encoding (`bz:encoding`). With
//! them the format is lossless; other tools ignore them.
//!
//! The import reads a collection (with its first page embedded), a page, a
//! single annotation or an array of annotations. The text is the one given,
//! else `bz:text`; when both are there and the annotations' `ni:` source
//! names `bz:text` and not the given one, `bz:text`. A `ni:` source that
//! names another text is refused, and so is a `TextQuoteSelector` whose
//! `exact` differs from the text at the `TextPositionSelector`'s offsets. A quote without a position is found in
//! the text by `exact`, `prefix` and `suffix`; it must be found exactly once.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{
    check_quote, cut, describe, excerpt, field_offset, line_of, opt_field_str, stem,
    value_shape_message, wrong_field, Exported, ImportError, ImportErrorKind, Source,
};
use crate::annotation::{ensure_label, AnnotatedDocument, Annotation, Label, Relation};
use crate::offsets::{DenseIndex, IndexedText};

/// Code points of context kept in `prefix` and `suffix`.
const CONTEXT: usize = 32;

const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The RFC 6920 `ni:` IRI of a text: SHA-256 of its UTF-8, base64url
/// without padding.
pub fn ni_iri(text: &str) -> String {
    ni_iri_of(&Sha256::digest(text.as_bytes()))
}

fn ni_iri_of(digest: &[u8]) -> String {
    format!("ni:///sha-256;{}", base64url(digest))
}

fn base64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so that
/// any id fits in an IRI.
fn pct(out: &mut impl fmt::Write, id: &str) -> fmt::Result {
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.write_char(char::from(b))?;
        } else {
            write!(out, "%{b:02X}")?;
        }
    }
    Ok(())
}

fn unpct(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes.get(i), hex) {
            (Some(b'%'), Some(v)) => {
                out.push(v);
                i += 3;
            }
            (Some(&b), _) => {
                out.push(b);
                i += 1;
            }
            (None, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

// The writer's shapes. serde_json prints a `Value` object's keys sorted,
// and the format was first written that way: every struct below declares
// its fields in that (byte) order, so files stay byte for byte what they
// were. Typed and borrowing, they cost no allocation per key or per string.

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, Namespace),
    #[serde(rename = "bz:docLabels", skip_serializing_if = "<[String]>::is_empty")]
    doc_labels: &'a [String],
    #[serde(rename = "bz:encoding", skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
    #[serde(rename = "bz:labels")]
    labels: Vec<LabelOut<'a>>,
    #[serde(rename = "bz:text")]
    text: &'a str,
    #[serde(rename = "bz:textSource")]
    text_source: &'a str,
    first: Page<'a>,
    id: &'a str,
    label: &'a str,
    total: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Namespace {
    bz: &'static str,
}

#[derive(Serialize)]
struct LabelOut<'a> {
    color: &'a str,
    id: &'a str,
    key: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    items: Items<'a>,
    #[serde(rename = "startIndex")]
    start_index: u32,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The annotations, then the relations, each written as it is reached.
struct Items<'a> {
    doc: &'a AnnotatedDocument,
    text: &'a DenseIndex<'a>,
    /// The collection's id, which our IRIs extend.
    base: &'a str,
    /// The text's `ni:` IRI, every target's `source`.
    source: &'a str,
}

/// One of our IRIs, `<base>:a:<id>` for an annotation, `<base>:r:<id>` for
/// a relation, written straight into the output.
struct Iri<'a> {
    base: &'a str,
    kind: &'static str,
    id: &'a str,
}

impl fmt::Display for Iri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:", self.base, self.kind)?;
        pct(f, self.id)
    }
}

impl Serialize for Iri<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Serialize)]
struct Item<'a> {
    body: Vec<Body<'a>>,
    #[serde(rename = "bz:attributes", skip_serializing_if = "no_attributes")]
    attributes: &'a BTreeMap<String, String>,
    #[serde(rename = "bz:created", skip_serializing_if = "Option::is_none")]
    bz_created: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a str>,
    id: Iri<'a>,
    motivation: &'static str,
    target: Targets<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

fn no_attributes(a: &&BTreeMap<String, String>) -> bool {
    a.is_empty()
}

#[derive(Serialize)]
struct Body<'a> {
    purpose: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
}

impl<'a> Body<'a> {
    fn textual(purpose: &'static str, value: &'a str) -> Body<'a> {
        Body {
            purpose,
            kind: "TextualBody",
            value,
        }
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Targets<'a> {
    One(Target<'a>),
    Many(Vec<Target<'a>>),
}

#[derive(Serialize)]
struct Target<'a> {
    selector: (QuoteSelector<'a>, PositionSelector),
    source: &'a str,
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    exact: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    prefix: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    suffix: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct PositionSelector {
    end: u32,
    start: u32,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Link<'a> {
    body: (Body<'a>, Resource<'a>),
    id: Iri<'a>,
    motivation: &'static str,
    target: Iri<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Resource<'a> {
    id: Iri<'a>,
    source: Iri<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

fn target<'a>(text: &DenseIndex<'a>, source: &'a str, s: u32, e: u32) -> Target<'a> {
    let (su, eu) = (s as usize, e as usize);
    let quote = QuoteSelector {
        exact: text.slice(su, eu),
        prefix: text.slice(su.saturating_sub(CONTEXT), su),
        suffix: text.slice(eu, (eu + CONTEXT).min(text.len_cp())),
        kind: "TextQuoteSelector",
    };
    let position = PositionSelector {
        end: e,
        start: s,
        kind: "TextPositionSelector",
    };
    Target {
        selector: (quote, position),
        source,
    }
}

impl<'a> Items<'a> {
    fn iri(&self, kind: &'static str, id: &'a str) -> Iri<'a> {
        Iri {
            base: self.base,
            kind,
            id,
        }
    }

    fn annotation(&self, a: &'a Annotation) -> Item<'a> {
        let source = self.source;
        let targets: Vec<Target<'a>> = a
            .pieces()
            .into_iter()
            .map(|(s, e)| target(self.text, source, s, e))
            .collect();
        let mut body = vec![Body::textual("tagging", &a.label)];
        if let Some(note) = &a.note {
            body.push(Body::textual("commenting", note));
        }
        // The Data Model requires xsd:dateTime; anything else is kept aside.
        let (created, bz_created) = match a.created.as_str() {
            "" => (None, None),
            c if is_date_time(c) => (Some(c), None),
            c => (None, Some(c)),
        };
        Item {
            body,
            attributes: &a.attributes,
            bz_created,
            created,
            id: self.iri("a", &a.id),
            motivation: "tagging",
            target: match <[Target<'a>; 1]>::try_from(targets) {
                Ok([one]) => Targets::One(one),
                Err(many) => Targets::Many(many),
            },
            kind: "Annotation",
        }
    }

    fn relation(&self, r: &'a Relation) -> Link<'a> {
        Link {
            body: (
                Body::textual("tagging", &r.kind),
                Resource {
                    id: self.iri("a", &r.to),
                    source: self.iri("a", &r.to),
                    kind: "SpecificResource",
                },
            ),
            id: self.iri("r", &r.id),
            motivation: "linking",
            target: self.iri("a", &r.from),
            kind: "Annotation",
        }
    }
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let doc = self.doc;
        let mut seq = s.serialize_seq(Some(doc.annotations.len() + doc.relations.len()))?;
        for a in &doc.annotations {
            seq.serialize_element(&self.annotation(a))?;
        }
        for r in &doc.relations {
            seq.serialize_element(&self.relation(r))?;
        }
        seq.end()
    }
}

/// Writes one `.w3c.jsonld` file.
pub(crate) fn export(doc: &AnnotatedDocument, source_text: &Source<'_>) -> Exported {
    let text = source_text.text.dense();
    let digest = source_text.digest;
    let base = format!("urn:biaozhu:doc:{}", crate::hash::hex(&digest));
    let source = ni_iri_of(&digest);
    let collection = Collection {
        context: (
            ANNO_CONTEXT,
            Namespace {
                bz: "urn:biaozhu:ns:",
            },
        ),
        doc_labels: &doc.doc_labels,
        encoding: doc.source_encoding.as_deref(),
        labels: doc
            .labels
            .iter()
            .map(|l| LabelOut {
                color: &l.color,
                id: &l.id,
                key: l.key.as_deref(),
                name: &l.name,
            })
            .collect(),
        text: source_text.text.as_str(),
        text_source: &source,
        first: Page {
            id: format!("{base}:page:1"),
            items: Items {
                doc,
                text: &text,
                base: &base,
                source: &source,
            },
            start_index: 0,
            kind: "AnnotationPage",
        },
        id: &base,
        label: &doc.name,
        total: doc.annotations.len() + doc.relations.len(),
        kind: "AnnotationCollection",
    };
    let mut out = serde_json::to_string_pretty(&collection).unwrap_or_default();
    out.push('\n');
    Exported {
        files: vec![(format!("{}.w3c.jsonld", stem(&doc.name)), out)],
        left_out: Vec::new(),
    }
}

/// Whether `s` is an `xsd:dateTime` with a time zone, as the Data Model
/// wants for `created`: `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`.
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(digits(0..4)
        && at(4, b'-')
        && digits(5..7)
        && at(7, b'-')
        && digits(8..10)
        && at(10, b'T')
        && digits(11..13)
        && at(13, b':')
        && digits(14..16)
        && at(16, b':')
        && digits(17..19))
    {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            digits(i + 1..i + 3) && at(i + 3, b':') && digits(i + 4..i + 6) && i + 6 == b.len()
        }
        _ => false,
    }
}

fn one_or_many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// `bz:attributes`: an object of strings.
fn attributes(v: &Value) -> Result<std::collections::BTreeMap<String, String>, String> {
    let obj = v
        .as_object()
        .ok_or_else(|| wrong_field("bz:attributes", "an object of strings", Some(v)))?;
    obj.iter()
        .map(|(k, x)| match x {
            Value::String(x) => Ok((k.clone(), x.clone())),
            other => Err(wrong_field(
                &format!("bz:attributes.{}", cut(k)),
                "a string",
                Some(other),
            )),
        })
        .collect()
}

/// Our id back from an IRI we wrote; other IRIs stay whole.
fn local_id(iri: &str, kind: &str) -> String {
    let marker = format!(":{kind}:");
    match (iri.starts_with("urn:biaozhu:doc:"), iri.rfind(&marker)) {
        (true, Some(i)) => unpct(&iri[i + marker.len()..]),
        _ => iri.to_owned(),
    }
}

struct Reader<'a> {
    file: &'a str,
    content: &'a str,
    text: IndexedText,
    source: String,
}

impl Reader<'_> {
    fn err(&self, id: &str, kind: ImportErrorKind) -> ImportError {
        let e = ImportError::new(self.file, kind);
        match line_of(self.content, &format!("\"{id}\"")) {
            Some(l) => e.at_line(l),
            None => e,
        }
    }

    fn syntax(&self, id: &str, m: String) -> ImportError {
        self.err(id, ImportErrorKind::Syntax(m))
    }

    /// One target: `(start, end, exact)`.
    fn piece(&self, id: &str, target: &Value) -> Result<(u32, u32, Option<String>), ImportError> {
        let name = cut(id);
        if let Some(src) = target
            .get("source")
            .and_then(Value::as_str)
            .or_else(|| target.as_str())
        {
            if src.starts_with("ni:///sha-256;") && src != self.source {
                return Err(self.err(
                    id,
                    ImportErrorKind::TextMismatch(format!(
                        "annotation {name} targets the text {}, but the text given is {}; the annotations were made on a different text",
                        excerpt(src),
                        self.source
                    )),
                ));
            }
        }
        let sels = one_or_many(target.get("selector"));
        let mut pos = None;
        let mut quote = None;
        for s in sels {
            match str_of(s, "type") {
                Some("TextPositionSelector") => {
                    let get = |k: &str| {
                        field_offset(s, k).map_err(|m| {
                            self.syntax(id, format!("annotation {name}: TextPositionSelector {m}"))
                        })
                    };
                    pos = Some((get("start")?, get("end")?));
                }
                Some("TextQuoteSelector") => {
                    let exact = str_of(s, "exact").ok_or_else(|| {
                        self.syntax(
                            id,
                            format!("annotation {name}: TextQuoteSelector has no exact"),
                        )
                    })?;
                    let context = |k: &str| {
                        match s.get(k) {
                        None => Ok(String::new()),
                        Some(Value::String(v)) => Ok(v.clone()),
                        Some(other) => Err(self.syntax(
                            id,
                            format!("annotation {name}: TextQuoteSelector \"{k}\" must be one string, found {}", describe(other)),
                        )),
                    }
                    };
                    quote = Some((exact.to_owned(), context("prefix")?, context("suffix")?));
                }
                _ => {}
            }
        }
        match (pos, quote) {
            (Some((s, e)), q) => Ok((s, e, q.map(|q| q.0))),
            (None, Some((exact, prefix, suffix))) => {
                let (s, e) = self.find_quote(id, &exact, &prefix, &suffix)?;
                Ok((s, e, Some(exact)))
            }
            (None, None) => Err(self.syntax(
                id,
                format!(
                    "annotation {name}: its target has no TextPositionSelector or TextQuoteSelector"
                ),
            )),
        }
    }

    /// Where `exact` occurs with `prefix` before and `suffix` after, if
    /// exactly one place fits.
    fn find_quote(
        &self,
        id: &str,
        exact: &str,
        prefix: &str,
        suffix: &str,
    ) -> Result<(u32, u32), ImportError> {
        let name = cut(id);
        // Compared as UTF-8, which matches where the characters match, at
        // every character where `exact` starts (overlapping ones too).
        let hay = self.text.as_str();
        let mut found = Vec::new();
        // An empty quote is found nowhere.
        let step = exact.chars().next().map_or(0, char::len_utf8);
        let mut from = if step == 0 { hay.len() + 1 } else { 0 };
        while let Some(at) = hay.get(from..).and_then(|rest| rest.find(exact)) {
            let (s, e) = (from + at, from + at + exact.len());
            if hay[..s].ends_with(prefix) && hay[e..].starts_with(suffix) {
                let cp = |b: usize| self.text.byte_to_cp(b).unwrap_or(0) as u32;
                found.push((cp(s), cp(e)));
            }
            from = s + step;
        }
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(self.err(
                id,
                ImportErrorKind::TextMismatch(format!(
                    "annotation {name}: the quote {} (with its prefix and suffix) is not in the text; the annotations were made on a different text",
                    excerpt(exact)
                )),
            )),
            many => Err(self.syntax(
                id,
                format!(
                    "annotation {name}: the quote {} occurs {} times and the annotation has no TextPositionSelector to say which",
                    excerpt(exact),
                    many.len()
                ),
            )),
        }
    }
}

/// Reads W3C annotations against `text` (or the file's `bz:text`).
pub(crate) fn import(
    file: &str,
    content: &str,
    text: Option<&str>,
) -> Result<AnnotatedDocument, ImportError> {
    let root: Value =
        serde_json::from_str(content).map_err(|e| ImportError::json(file, content, &e))?;
    import_value(file, content, &root, text)
}

/// [`import`] of a value already parsed; `content` is the file it came
/// from, whose lines errors name (a project collection hands each of its
/// documents here, with the whole file).
pub(crate) fn import_value(
    file: &str,
    content: &str,
    root: &Value,
    text: Option<&str>,
) -> Result<AnnotatedDocument, ImportError> {
    let wrong = |m: &str| ImportError::new(file, ImportErrorKind::WrongFormat(m.to_owned()));
    let items: Vec<&Value> = match (root, str_of(root, "type")) {
        (Value::Array(a), _) => a.iter().collect(),
        (_, Some("AnnotationCollection")) => match root.get("first") {
            Some(page @ Value::Object(_)) => one_or_many(page.get("items")),
            Some(Value::String(iri)) => {
                return Err(wrong(&format!(
                    "the collection's first page is only linked ({}), not embedded; download the pages and give them one at a time",
                    excerpt(iri)
                )))
            }
            _ => Vec::new(),
        },
        (_, Some("AnnotationPage")) => one_or_many(root.get("items")),
        (_, Some("Annotation")) => vec![root],
        _ => {
            return Err(wrong(
                "not a W3C Web Annotation: expected an Annotation, AnnotationPage or AnnotationCollection",
            ))
        }
    };
    // The file's own copy wins over the text given beside it when the
    // annotations name the copy (by its `ni:` hash) and not the other: the
    // page passes the open document's text along with any W3C file.
    let embedded = str_of(root, "bz:text");
    let named = items.iter().find_map(|item| {
        one_or_many(item.get("target"))
            .into_iter()
            .find_map(|t| str_of(t, "source").filter(|s| s.starts_with("ni:///sha-256;")))
    });
    let text = match (text, embedded) {
        (Some(given), Some(own))
            if given != own && named.is_some_and(|n| n == ni_iri(own) && n != ni_iri(given)) =>
        {
            Some(own)
        }
        (given, own) => given.or(own),
    };
    let text = match text {
        Some(t) => t,
        None => {
            return Err(ImportError::new(
                file,
                ImportErrorKind::NeedsText(
                    "W3C annotations point at a text they do not hold; give the text file too"
                        .into(),
                ),
            ))
        }
    };
    let r = Reader {
        file,
        content,
        text: IndexedText::new(text),
        source: ni_iri(text),
    };
    let mut doc = AnnotatedDocument::new(
        str_of(root, "label").unwrap_or(&format!("{}.txt", stem(file))),
        text,
    );
    let at_key = |e: ImportError, key: &str| match line_of(content, &format!("\"{key}\"")) {
        Some(l) => e.at_line(l),
        None => e,
    };
    if let Some(labels) = root.get("bz:labels") {
        let items = labels.as_array().ok_or_else(|| {
            at_key(
                wrong(&wrong_field("bz:labels", "a list of labels", Some(labels))),
                "bz:labels",
            )
        })?;
        // One at a time, so that the message names the label.
        for (i, l) in items.iter().enumerate() {
            let label = serde_json::from_value::<Label>(l.clone()).map_err(|e| {
                at_key(
                    wrong(&format!(
                        "{} (a label is {{\"id\", \"name\", \"color\", \"key\"}})",
                        value_shape_message(&format!("bz:labels[{i}]"), &e)
                    )),
                    "bz:labels",
                )
            })?;
            if label.id.is_empty() {
                return Err(at_key(
                    wrong(&format!(
                        "\"bz:labels[{i}].id\" is an empty string: every label needs an id"
                    )),
                    "bz:labels",
                ));
            }
            doc.labels.push(label);
        }
    }
    if let Some(dl) = root.get("bz:docLabels") {
        doc.doc_labels = serde_json::from_value(dl.clone()).map_err(|e| {
            at_key(
                wrong(&value_shape_message("bz:docLabels", &e)),
                "bz:docLabels",
            )
        })?;
    }
    doc.source_encoding = str_of(root, "bz:encoding").map(str::to_owned);
    let len = r.text.len_cp() as u32;
    let mut links = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let iri = str_of(item, "id").map_or_else(|| format!("#{}", i + 1), str::to_owned);
        if str_of(item, "motivation") == Some("linking") {
            links.push((iri, *item));
            continue;
        }
        let id = local_id(&iri, "a");
        let name = cut(&id);
        let bodies = one_or_many(item.get("body"));
        let mut label = None;
        let mut note = None;
        for b in &bodies {
            let value = opt_field_str(b, "value")
                .map_err(|m| r.syntax(&iri, format!("annotation {name}: a body's {m}")))?;
            match (str_of(b, "purpose"), value) {
                (Some("commenting"), Some(v)) => note = Some(v.to_owned()),
                (Some("tagging") | Some("classifying") | Some("identifying") | None, Some(v))
                    if label.is_none() =>
                {
                    label = Some(v.to_owned())
                }
                _ => {}
            }
        }
        let label = label
            .or_else(|| str_of(item, "bodyValue").map(str::to_owned))
            .ok_or_else(|| {
                r.syntax(
                    &iri,
                    format!("annotation {name}: no TextualBody with a value to use as its label"),
                )
            })?;
        if label.is_empty() {
            return Err(r.syntax(
                &iri,
                format!("annotation {name}: its label (the body's \"value\") is an empty string: every span needs a label"),
            ));
        }
        let targets = one_or_many(item.get("target"));
        if targets.is_empty() {
            return Err(r.syntax(&iri, format!("annotation {name} has no target")));
        }
        let mut pieces = Vec::new();
        for t in targets {
            pieces.push(r.piece(&iri, t)?);
        }
        pieces.sort_by_key(|p| (p.0, p.1));
        let a = Annotation {
            id: id.clone(),
            start: pieces.first().map_or(0, |p| p.0),
            end: pieces.last().map_or(0, |p| p.1),
            label,
            created: match (
                opt_field_str(item, "created"),
                opt_field_str(item, "bz:created"),
            ) {
                (Ok(Some(c)), _) | (Ok(None), Ok(Some(c))) => c.to_owned(),
                (Ok(None), Ok(None)) => String::new(),
                (Err(m), _) | (_, Err(m)) => {
                    return Err(r.syntax(&iri, format!("annotation {name}: {m}")))
                }
            },
            fragments: if pieces.len() > 1 {
                pieces.iter().map(|p| (p.0, p.1)).collect()
            } else {
                Vec::new()
            },
            attributes: match item.get("bz:attributes") {
                None => Default::default(),
                Some(v) => {
                    attributes(v).map_err(|m| r.syntax(&iri, format!("annotation {name}: {m}")))?
                }
            },
            note,
        };
        let at_line = |e: ImportError| match line_of(content, &format!("\"{iri}\"")) {
            Some(l) => e.at_line(l),
            None => e,
        };
        for &(s, e, ref exact) in &pieces {
            let one = Annotation::new(&id, s, e, "");
            crate::annotation::check_span(&one, len)
                .map_err(|err| at_line(ImportError::invalid(file, err)))?;
            if let Some(exact) = exact {
                check_quote(file, &r.text, &one, exact).map_err(at_line)?;
            }
        }
        if doc.label(&a.label).is_none() {
            ensure_label(&mut doc.labels, &a.label);
        }
        doc.annotations.push(a);
    }
    for (iri, item) in links {
        let from = one_or_many(item.get("target"))
            .first()
            .and_then(|t| {
                t.as_str()
                    .or_else(|| str_of(t, "id"))
                    .or_else(|| str_of(t, "source"))
            })
            .map(|s| local_id(s, "a"));
        let mut kind = None;
        let mut to = None;
        for b in one_or_many(item.get("body")) {
            match b {
                Value::String(s) => to = Some(local_id(s, "a")),
                _ if str_of(b, "type") == Some("TextualBody") => {
                    kind = str_of(b, "value").map(str::to_owned)
                }
                _ => {
                    to = str_of(b, "source")
                        .or_else(|| str_of(b, "id"))
                        .map(|s| local_id(s, "a"))
                }
            }
        }
        match (from, to) {
            (Some(from), Some(to)) => doc.relations.push(Relation {
                id: local_id(&iri, "r"),
                from,
                to,
                kind: kind.unwrap_or_default(),
                ..Default::default()
            }),
            _ => {
                return Err(r.syntax(
                    &iri,
                    format!(
                    "linking annotation {}: expected a target and a body naming two annotations",
                    excerpt(&iri)
                ),
                ))
            }
        }
    }
    Ok(doc)
}
