//! The native format: one JSON file that carries everything, and what is
//! needed to check it later.
//!
//! ```json
//! {"format": "biaozhu", "version": 2,
//!  "document": {"name": "libai.txt", "text": "😀李白…", "sha256": "…", "length": 17,
//!               "unit": "codepoint", "encoding": "GB18030"},
//!  "labels": [{"id": "PER", "name": "人物", "color": "#e06c75", "key": "1"}],
//!  "annotations": [{"id": "a1", "start": 1, "end": 3, "label": "PER", "quote": "李白",
//!                   "created": "2024-05-01T12:00:00Z",
//!                   "fragments": [[1, 2], [5, 6]], "attributes": {"k": "v"}, "note": "…"}],
//!  "relations": [{"id": "r1", "from": "a1", "to": "a2", "kind": "出生地"}],
//!  "docLabels": ["news"]}
//! ```
//!
//! - `sha256` is the hex SHA-256 of the text's exact UTF-8 bytes; `length`
//!   is its length in code points. Offsets are code points, half-open.
//! - `quote` is the text at `[start, end)`; for an annotation with
//!   `fragments` it is the pieces' texts joined by **one space**, as brat
//!   writes its TEXT column (so a quote is not always a substring).
//! - `encoding`, `fragments`, `attributes` and `note` appear only when set.
//! - Version 1 files (no `relations`, `docLabels`, `fragments`,
//!   `attributes`, `note` or `encoding`) are read too.
//!
//! `schema/biaozhu.schema.json` describes the file as JSON Schema.
//!
//! An import refuses the whole file, naming the first problem: invalid
//! JSON (with line and column), another `format`, an unknown `version`, a
//! text whose hash or length does not match, a quote that differs from the
//! text at its offsets, offsets out of range or reversed, an unknown label,
//! a duplicate id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    check_quote, cut, describe, excerpt, line_of, sha256_hex, stem, Exported, ImportError,
    ImportErrorKind, Source, Step,
};
use crate::annotation::{check_span, quote_in, AnnotatedDocument, Annotation, Label, Relation};
use crate::offsets::IndexedText;
use crate::scheme::Scheme;

/// The version this build writes.
pub const VERSION: u64 = 2;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    document: DocumentOut<'a>,
    labels: &'a [Label],
    annotations: Vec<AnnotationOut<'a>>,
    relations: &'a [Relation],
    #[serde(rename = "docLabels")]
    doc_labels: &'a [String],
    #[serde(skip_serializing_if = "Scheme::is_empty")]
    scheme: &'a Scheme,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    name: &'a str,
    text: &'a str,
    sha256: String,
    length: usize,
    unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: &'a str,
    start: u32,
    end: u32,
    label: &'a str,
    quote: String,
    created: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    fragments: &'a [(u32, u32)],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Deserialize)]
struct FileIn {
    document: DocumentIn,
    #[serde(default)]
    labels: Vec<Label>,
    #[serde(default)]
    annotations: Vec<AnnotationIn>,
    #[serde(default)]
    relations: Vec<Relation>,
    #[serde(default, rename = "docLabels")]
    doc_labels: Vec<String>,
    #[serde(default)]
    scheme: Scheme,
}

#[derive(Deserialize)]
struct DocumentIn {
    #[serde(default)]
    name: String,
    text: String,
    sha256: String,
    length: usize,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
}

#[derive(Deserialize)]
struct AnnotationIn {
    id: String,
    start: u32,
    end: u32,
    label: String,
    quote: String,
    #[serde(default)]
    created: String,
    #[serde(default)]
    fragments: Vec<(u32, u32)>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
    #[serde(default)]
    note: Option<String>,
}

/// The file name of a native export of a document named `name`.
pub fn file_name(name: &str) -> String {
    format!("{}.biaozhu.json", stem(name))
}

/// Writes the document as one native JSON file (pretty-printed). The
/// document must be valid (see [`AnnotatedDocument::validate`]).
pub fn to_string(doc: &AnnotatedDocument) -> String {
    let text = IndexedText::new(doc.text.as_str());
    write(doc, &Source::hashing(&text))
}

/// The native file of the annotations of `doc` on `source`'s text.
fn write(doc: &AnnotatedDocument, source: &Source<'_>) -> String {
    let text = source.text;
    let file = FileOut {
        format: "biaozhu",
        version: VERSION,
        document: DocumentOut {
            name: &doc.name,
            text: text.as_str(),
            sha256: crate::hash::hex(&source.digest),
            length: text.len_cp(),
            unit: "codepoint",
            encoding: doc.source_encoding.as_deref(),
        },
        labels: &doc.labels,
        annotations: doc
            .annotations
            .iter()
            .map(|a| AnnotationOut {
                id: &a.id,
                start: a.start,
                end: a.end,
                label: &a.label,
                quote: quote_in(text, a).unwrap_or_default(),
                created: &a.created,
                fragments: &a.fragments,
                attributes: &a.attributes,
                note: a.note.as_deref(),
            })
            .collect(),
        relations: &doc.relations,
        doc_labels: &doc.doc_labels,
        scheme: &doc.scheme,
    };
    // Serializing plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
    out.push('\n');
    out
}

pub(crate) fn export(doc: &AnnotatedDocument, source: &Source<'_>) -> Exported {
    Exported {
        files: vec![(file_name(&doc.name), write(doc, source))],
        left_out: Vec::new(),
    }
}

/// `e` at the line of the first `"id": "{id}"` (an annotation, label or
/// relation).
fn at_id(content: &str, e: ImportError, id: &str) -> ImportError {
    match line_of(content, &format!("\"id\": \"{id}\""))
        .or_else(|| line_of(content, &format!("\"id\":\"{id}\"")))
    {
        Some(l) => e.at_line(l),
        None => e,
    }
}

/// Reads a native file (version 1 or 2).
pub fn import(file: &str, content: &str) -> Result<AnnotatedDocument, ImportError> {
    let value: serde_json::Value =
        serde_json::from_str(content).map_err(|e| ImportError::json(file, content, &e))?;
    let wrong = |m: String| ImportError::new(file, ImportErrorKind::WrongFormat(m));
    match value.get("format") {
        Some(serde_json::Value::String(f)) if f == "biaozhu" => {}
        Some(other) => {
            return Err(wrong(format!(
                "\"format\" is {}, not \"biaozhu\"; this is not a biaozhu export",
                match other {
                    serde_json::Value::String(f) => excerpt(f),
                    other => describe(other),
                }
            )))
        }
        None => {
            return Err(wrong(
                "there is no \"format\": \"biaozhu\" field; this is not a biaozhu export".into(),
            ))
        }
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(1 | 2) => {}
        _ => {
            let v = value.get("version").map_or_else(
                || "missing".to_owned(),
                |v| match v {
                    serde_json::Value::Number(n) => n.to_string(),
                    other => describe(other),
                },
            );
            return Err(ImportError::new(
                file,
                ImportErrorKind::UnknownVersion(format!(
                    "\"version\" is {v}; this build reads versions 1 and 2 (a newer biaozhu may read it)"
                )),
            ));
        }
    }
    // Again from the text, so that shape errors carry a line and column.
    let parsed: FileIn =
        serde_json::from_str(content).map_err(|e| ImportError::json(file, content, &e))?;
    let d = parsed.document;
    if let Some(unit) = d.unit.as_deref() {
        if unit != "codepoint" {
            return Err(wrong(format!(
                "\"unit\" is {}; biaozhu files count offsets in \"codepoint\"",
                excerpt(unit)
            )));
        }
    }
    let sha = sha256_hex(&d.text);
    if !sha.eq_ignore_ascii_case(&d.sha256) {
        return Err(ImportError::new(
            file,
            ImportErrorKind::TextMismatch(format!(
                "the text's SHA-256 is {sha} but the file says {}; the text was changed after export (even a changed line end or space counts)",
                excerpt(&d.sha256)
            )),
        ));
    }
    let text = IndexedText::new(d.text);
    if text.len_cp() != d.length {
        return Err(ImportError::new(
            file,
            ImportErrorKind::TextMismatch(format!(
                "the text is {} code points long but the file says {}",
                text.len_cp(),
                d.length
            )),
        ));
    }
    let len = text.len_cp() as u32;
    // An empty label id is no label: a file that has one is broken, not a
    // document to import with a nameless label.
    if let Some(i) = parsed.labels.iter().position(|l| l.id.is_empty()) {
        let e = ImportError::new(
            file,
            ImportErrorKind::Syntax(format!(
                "\"labels[{i}].id\" is an empty string: every label needs an id"
            )),
        );
        return Err(e.at_path(content, &[Step::Key("labels"), Step::Index(i)]));
    }
    let mut annotations = Vec::with_capacity(parsed.annotations.len());
    for (i, a) in parsed.annotations.into_iter().enumerate() {
        if a.id.is_empty() {
            let e = ImportError::new(
                file,
                ImportErrorKind::Syntax(format!(
                    "\"annotations[{i}].id\" is an empty string: every annotation needs an id"
                )),
            );
            return Err(e.at_path(content, &[Step::Key("annotations"), Step::Index(i)]));
        }
        let ann = Annotation {
            id: a.id,
            start: a.start,
            end: a.end,
            label: a.label,
            created: a.created,
            fragments: a.fragments,
            attributes: a.attributes,
            note: a.note,
        };
        let at_line = |e: ImportError| at_id(content, e, &ann.id);
        if ann.label.is_empty() {
            return Err(at_line(ImportError::new(
                file,
                ImportErrorKind::Syntax(format!(
                    "annotation {}: \"label\" is an empty string: every span needs a label",
                    cut(&ann.id)
                )),
            )));
        }
        check_span(&ann, len).map_err(|e| at_line(ImportError::invalid(file, e)))?;
        check_quote(file, &text, &ann, &a.quote).map_err(at_line)?;
        annotations.push(ann);
    }
    let doc = AnnotatedDocument {
        name: d.name,
        text: text.as_str().to_owned(),
        labels: parsed.labels,
        annotations,
        relations: parsed.relations,
        doc_labels: parsed.doc_labels,
        source_encoding: d.encoding,
        scheme: parsed.scheme,
    };
    doc.validate().map_err(|e| {
        let id = e.id().to_owned();
        at_id(content, ImportError::invalid(file, e), &id)
    })?;
    Ok(doc)
}
