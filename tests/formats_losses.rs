//! Issue 14, "What it must show": one generator of every class of document
//! the issue tried (Han, Cyrillic, Latin, digits, 𠮷, emoji and ZWJ
//! sequences, CRLF, LF and CR, tabs, the rare whitespace and separators,
//! sentence ends inside lines, empty texts, no annotations, overlapping,
//! nested and identical spans, discontinuous spans, spans across sentence
//! and line ends, notes with line breaks, attributes with spaces, relations,
//! document labels), through every format and back.
//!
//! For each format, [`declared`] applies to the document exactly the losses
//! the README's formats table declares for it, and [`project`] drops on both
//! sides the fields the format has no place for (again as the README
//! declares); the import of the export must then be equal to it. Every file
//! of every export also goes through the decoder the page and the CLI open
//! files with (a blank file aside: the decoder refuses it, and the page
//! reads a blank brat `.ann` as no annotations), and imports again; and
//! `left_out` is empty when nothing was lost and names something when
//! anything but ids was (see [`lost`]).
//!
//! The case count is proptest's default for `make test`;
//! `PROPTEST_CASES=20000 cargo test --release --test formats_losses` runs
//! longer (the variable sets the count of each of the eight tests).

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use biaozhu::formats::{self, Format};
use biaozhu::segment::Segmentation;
use common::{any_doc, words};
use proptest::prelude::*;
use proptest::test_runner::Config;

// ---------------------------------------------------------------------------
// The declared losses, format by format (the README's "what is lossy").

/// The line boundaries of Python's `str.splitlines`, with which brat reads
/// its `.ann`: a span is split there, a note's become spaces.
fn brat_line_end(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// brat's single-token form of a type, attribute name or value: white
/// space (and brat's line ends) as `_`, an empty one as `_`.
fn brat_token(s: &str) -> String {
    if s.is_empty() {
        return "_".to_owned();
    }
    s.replace(|c: char| c.is_whitespace() || brat_line_end(c), "_")
}

fn is_brat_id(id: &str, prefix: char) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Ids not `{prefix}<n>` renumbered with the first numbers no kept id has.
fn brat_ids<'a>(ids: impl Iterator<Item = &'a str> + Clone, prefix: char) -> Vec<String> {
    let used: HashSet<&str> = ids.clone().filter(|i| is_brat_id(i, prefix)).collect();
    let mut next = 1;
    ids.map(|id| {
        if is_brat_id(id, prefix) {
            return id.to_owned();
        }
        loop {
            let fresh = format!("{prefix}{next}");
            next += 1;
            if !used.contains(fresh.as_str()) {
                return fresh;
            }
        }
    })
    .collect()
}

/// Relations kept between the annotations kept, their ends renamed.
fn relink(doc: &mut AnnotatedDocument, renamed: &HashMap<String, String>) {
    doc.relations
        .retain_mut(|r| match (renamed.get(&r.from), renamed.get(&r.to)) {
            (Some(f), Some(t)) => {
                (r.from, r.to) = (f.clone(), t.clone());
                true
            }
            _ => false,
        });
}

/// brat: spans split where brat reads a line end (a span of only line ends
/// gone, with its relations); ids not `T<n>`/`R<n>` renumbered; white space
/// in relation types, attribute names and values as `_`; a note's line
/// ends as spaces.
fn brat_declared(doc: &AnnotatedDocument) -> AnnotatedDocument {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut out = doc.clone();
    let ids = brat_ids(doc.annotations.iter().map(|a| a.id.as_str()), 'T');
    let mut renamed = HashMap::new();
    out.annotations.clear();
    for (a, id) in doc.annotations.iter().zip(ids) {
        let mut pieces = Vec::new();
        for (s, e) in a.pieces() {
            let mut start = s;
            for i in s..e {
                if brat_line_end(chars[i as usize]) {
                    if start < i {
                        pieces.push((start, i));
                    }
                    start = i + 1;
                }
            }
            if start < e {
                pieces.push((start, e));
            }
        }
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            continue;
        };
        let mut b = a.clone();
        (b.start, b.end) = (first.0, last.1);
        b.fragments = if pieces.len() > 1 { pieces } else { Vec::new() };
        b.id = id.clone();
        b.note = a.note.as_ref().map(|n| n.replace(brat_line_end, " "));
        b.attributes = BTreeMap::new();
        for (k, v) in &a.attributes {
            let v = if v == "true" {
                v.clone()
            } else {
                brat_token(v)
            };
            b.attributes.insert(brat_token(k), v);
        }
        renamed.insert(a.id.clone(), id);
        out.annotations.push(b);
    }
    let rids = brat_ids(doc.relations.iter().map(|r| r.id.as_str()), 'R');
    for (r, id) in out.relations.iter_mut().zip(rids) {
        r.id = id;
        r.kind = brat_token(&r.kind);
    }
    relink(&mut out, &renamed);
    out
}

/// One annotation a piece (doccano, Label Studio, Prodigy); a relation
/// starts and ends at the first piece of its annotations. Label Studio
/// names the pieces after the first `ID-2`, `ID-3`….
fn one_per_piece(doc: &AnnotatedDocument) -> AnnotatedDocument {
    let mut out = doc.clone();
    out.annotations.clear();
    let mut renamed = HashMap::new();
    for a in &doc.annotations {
        for (k, (s, e)) in a.pieces().into_iter().enumerate() {
            let id = if k == 0 {
                a.id.clone()
            } else {
                format!("{}-{}", a.id, k + 1)
            };
            renamed.entry(a.id.clone()).or_insert_with(|| id.clone());
            let mut b = a.clone();
            (b.id, b.start, b.end, b.fragments) = (id, s, e, Vec::new());
            out.annotations.push(b);
        }
    }
    relink(&mut out, &renamed);
    out
}

/// Label Studio: one region a piece, each with the note; one creation time
/// for the whole task, the earliest.
fn label_studio_declared(doc: &AnnotatedDocument) -> AnnotatedDocument {
    let mut out = one_per_piece(doc);
    let earliest = doc
        .annotations
        .iter()
        .map(|a| a.created.as_str())
        .filter(|c| !c.is_empty())
        .min()
        .unwrap_or("")
        .to_owned();
    for a in &mut out.annotations {
        a.created = earliest.clone();
    }
    out
}

/// Prodigy: one span a piece, exact offsets. A relation names its spans by
/// offsets and label, so it ends at the first span of the task with them.
fn prodigy_declared(doc: &AnnotatedDocument) -> AnnotatedDocument {
    let mut out = one_per_piece(doc);
    let first_like: HashMap<String, String> = out
        .annotations
        .iter()
        .map(|a| {
            let first = out
                .annotations
                .iter()
                .find(|b| (b.start, b.end, &b.label) == (a.start, a.end, &a.label))
                .map_or_else(String::new, |b| b.id.clone());
            (a.id.clone(), first)
        })
        .collect();
    relink(&mut out, &first_like);
    out
}

/// CoNLL: at most one annotation a code point (in order of start, the
/// longest first, each kept unless it shares a code point with one kept
/// already); tokens are the code points that are not white space
/// (`conll-char`) or the words (`conll-word`), and a token is tagged with
/// the annotation of its first annotated code point. An entity is a run of
/// tokens of one annotation, and a new one begins at the token holding the
/// first non-white-space code point of a piece; it comes back from the
/// start of its first token to the end of its last (so a piece is trimmed
/// of white space, widened or narrowed to whole words, and gone when no
/// token is its). Relations are gone.
fn conll_declared(doc: &AnnotatedDocument, tokens: &[(u32, u32)]) -> AnnotatedDocument {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut order: Vec<&Annotation> = doc.annotations.iter().collect();
    order.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
    let mut owner: Vec<Option<&Annotation>> = vec![None; chars.len()];
    let mut begins = vec![false; chars.len()];
    for a in order {
        let cps: Vec<usize> = a
            .pieces()
            .into_iter()
            .flat_map(|(s, e)| s as usize..e as usize)
            .collect();
        if cps.iter().any(|&c| owner[c].is_some()) {
            continue;
        }
        for &c in &cps {
            owner[c] = Some(a);
        }
        for (s, e) in a.pieces() {
            if let Some(c) = (s as usize..e as usize).find(|&c| !chars[c].is_whitespace()) {
                begins[c] = true;
            }
        }
    }
    let mut out = doc.clone();
    out.annotations.clear();
    out.relations.clear();
    let mut prev: Option<&Annotation> = None;
    for &(s, e) in tokens {
        let range = s as usize..e as usize;
        let o = range.clone().find_map(|c| owner[c]);
        let begin = o.is_some_and(|a| range.clone().any(|c| begins[c] && owner[c] == Some(a)));
        match o {
            Some(a) if prev.is_some_and(|p| std::ptr::eq(p, a)) && !begin => {
                out.annotations.last_mut().unwrap().end = e;
            }
            Some(a) => {
                let mut b = a.clone();
                (b.start, b.end, b.fragments) = (s, e, Vec::new());
                out.annotations.push(b);
            }
            None => {}
        }
        prev = o;
    }
    out
}

fn conll_tokens(format: Format, doc: &AnnotatedDocument, w: &Segmentation) -> Vec<(u32, u32)> {
    match format {
        Format::ConllWord => w.words.iter().map(|w| (w.start, w.end)).collect(),
        _ => (0u32..)
            .zip(doc.text.chars())
            .filter(|(_, c)| !c.is_whitespace())
            .map(|(i, _)| (i, i + 1))
            .collect(),
    }
}

/// `doc` with exactly the losses the README declares for `format` applied
/// to what the format carries (what it has no place for is [`project`]ed
/// away).
fn declared(format: Format, doc: &AnnotatedDocument, w: &Segmentation) -> AnnotatedDocument {
    match format {
        Format::Native | Format::W3c => doc.clone(),
        Format::Brat => brat_declared(doc),
        Format::Doccano => one_per_piece(doc),
        Format::LabelStudio => label_studio_declared(doc),
        Format::Prodigy => prodigy_declared(doc),
        Format::ConllChar | Format::ConllWord => conll_declared(doc, &conll_tokens(format, doc, w)),
    }
}

/// What a format has a place for (the rest is declared lost).
#[derive(Clone, Copy)]
struct Carries {
    /// The document's name (else the file's name is used).
    name: bool,
    annotation_ids: bool,
    relation_ids: bool,
    created: bool,
    notes: bool,
    attributes: bool,
    doc_labels: bool,
    encoding: bool,
    /// Label names, colours, keys and labels no annotation uses (else an
    /// import has the labels in use, named by their ids).
    label_set: bool,
}

const ALL: Carries = Carries {
    name: true,
    annotation_ids: true,
    relation_ids: true,
    created: true,
    notes: true,
    attributes: true,
    doc_labels: true,
    encoding: true,
    label_set: true,
};
const LITTLE: Carries = Carries {
    name: false,
    annotation_ids: false,
    relation_ids: false,
    created: false,
    notes: false,
    attributes: false,
    doc_labels: false,
    encoding: false,
    label_set: false,
};

fn carries(format: Format) -> Carries {
    match format {
        Format::Native | Format::W3c => ALL,
        Format::Brat => Carries {
            name: true,
            annotation_ids: true,
            relation_ids: true,
            notes: true,
            attributes: true,
            ..LITTLE
        },
        Format::Doccano => LITTLE,
        Format::LabelStudio => Carries {
            name: true,
            annotation_ids: true,
            created: true,
            notes: true,
            doc_labels: true,
            ..LITTLE
        },
        Format::Prodigy => Carries {
            name: true,
            ..LITTLE
        },
        Format::ConllChar | Format::ConllWord => LITTLE,
    }
}

/// One annotation as compared: every field the format carries.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Span {
    pieces: Vec<(u32, u32)>,
    label: String,
    id: String,
    created: String,
    note: Option<String>,
    attributes: BTreeMap<String, String>,
}

/// A document as compared, in a fixed order; a relation names its ends by
/// everything compared of them, so that ids the format loses do not count.
#[derive(Debug, PartialEq, Eq)]
struct Projected {
    name: String,
    text: String,
    labels: Vec<Label>,
    spans: Vec<Span>,
    relations: Vec<(Span, Span, String, String)>,
    doc_labels: Vec<String>,
    encoding: Option<String>,
}

fn project(c: Carries, doc: &AnnotatedDocument) -> Projected {
    let span = |a: &Annotation| Span {
        pieces: a.pieces(),
        label: a.label.clone(),
        id: if c.annotation_ids {
            a.id.clone()
        } else {
            String::new()
        },
        created: if c.created {
            a.created.clone()
        } else {
            String::new()
        },
        note: a.note.clone().filter(|_| c.notes),
        attributes: if c.attributes {
            a.attributes.clone()
        } else {
            BTreeMap::new()
        },
    };
    let by_id: HashMap<&str, Span> = doc
        .annotations
        .iter()
        .map(|a| (a.id.as_str(), span(a)))
        .collect();
    let mut spans: Vec<Span> = doc.annotations.iter().map(span).collect();
    spans.sort();
    let mut relations: Vec<_> = doc
        .relations
        .iter()
        .map(|r| {
            (
                by_id[r.from.as_str()].clone(),
                by_id[r.to.as_str()].clone(),
                r.kind.clone(),
                if c.relation_ids {
                    r.id.clone()
                } else {
                    String::new()
                },
            )
        })
        .collect();
    relations.sort();
    let labels = if c.label_set {
        doc.labels.clone()
    } else {
        let used: std::collections::BTreeSet<&str> =
            doc.annotations.iter().map(|a| a.label.as_str()).collect();
        used.into_iter()
            .map(|id| Label::new(id, id, "", None))
            .collect()
    };
    Projected {
        name: if c.name {
            doc.name.clone()
        } else {
            String::new()
        },
        text: doc.text.clone(),
        labels,
        spans,
        relations,
        doc_labels: if c.doc_labels {
            doc.doc_labels.clone()
        } else {
            Vec::new()
        },
        encoding: doc.source_encoding.clone().filter(|_| c.encoding),
    }
}

// ---------------------------------------------------------------------------
// The checks.

/// Every file of an export through the decoder (what the page does with a
/// file it opens), then the import of what it gave, with the text beside
/// it as the page gives it (brat's `.txt` decoded too).
fn decode_and_import(
    format: Format,
    doc: &AnnotatedDocument,
    out: &formats::Exported,
) -> Result<AnnotatedDocument, String> {
    let mut read = Vec::new();
    for (name, content) in &out.files {
        // The decoder refuses a blank file; the page reads a blank brat
        // `.ann` as no annotations without decoding it, and the text of a
        // blank document could never have been opened from a file.
        if content.trim().is_empty() {
            read.push(content.clone());
            continue;
        }
        let d = biaozhu::decode::decode(content.as_bytes(), None)
            .map_err(|e| format!("{format} {name} does not decode: {e}"))?;
        if &d.text != content {
            return Err(format!("{format} {name} decodes as another text"));
        }
        read.push(d.text);
    }
    let text = if format == Format::Brat {
        read[0].as_str()
    } else {
        doc.text.as_str()
    };
    let (name, _) = out.files.last().unwrap();
    formats::import(format, name, read.last().unwrap(), Some(text))
        .map_err(|e| format!("{format} does not import again: {e}"))
}

/// Whether an export lost anything of `doc` that its `left_out` should
/// name: with `ids`, also annotation and relation ids (some formats say
/// so, some do not: the ids are the file's handles, not a person's work).
/// Label colours, keys and unused labels are the page's settings, which
/// no exchange format carries and no `left_out` lists.
fn lost(format: Format, doc: &AnnotatedDocument, want: &AnnotatedDocument, ids: bool) -> bool {
    let c = carries(format);
    let keep = Carries {
        name: false,
        annotation_ids: ids && c.annotation_ids,
        relation_ids: ids && c.relation_ids,
        label_set: true,
        ..c
    };
    let full = Carries {
        name: false,
        annotation_ids: ids,
        relation_ids: ids,
        label_set: true,
        ..ALL
    };
    // Label names: only those of labels in use when `ids` is off, every
    // one when on (the exporters count all of them).
    let names = |d: &AnnotatedDocument, set: bool| -> Vec<(String, String)> {
        let used: HashSet<&str> = d.annotations.iter().map(|a| a.label.as_str()).collect();
        d.labels
            .iter()
            .filter(|l| ids || used.contains(l.id.as_str()))
            .map(|l| {
                let name = if set { l.name.clone() } else { l.id.clone() };
                (l.id.clone(), name)
            })
            .collect()
    };
    let strip = |mut p: Projected| {
        p.labels.clear();
        p
    };
    let whitespace_gone = matches!(format, Format::ConllChar | Format::ConllWord)
        && doc.text.chars().any(char::is_whitespace);
    strip(project(keep, want)) != strip(project(full, doc))
        || names(doc, c.label_set) != names(doc, true)
        || whitespace_gone
}

fn check(format: Format, doc: &AnnotatedDocument) -> Result<(), TestCaseError> {
    prop_assert_eq!(doc.validate(), Ok(()));
    let w = words(&doc.text);
    let out = formats::export(format, doc, Some(&w)).unwrap();
    let (name, content) = out.files.last().unwrap();
    let back = formats::import(format, name, content, Some(&doc.text))
        .unwrap_or_else(|e| panic!("{format}: {e}\n{content}"));
    if carries(format).label_set {
        prop_assert_eq!(&back, doc, "{}", content);
    }
    let want = declared(format, doc, &w);
    let c = carries(format);
    prop_assert_eq!(project(c, &back), project(c, &want), "{}", content);

    let again = decode_and_import(format, doc, &out);
    prop_assert!(again.is_ok(), "{}", again.unwrap_err());
    prop_assert_eq!(project(c, &again.unwrap()), project(c, &want));

    let said = !out.left_out.is_empty();
    prop_assert!(
        !lost(format, doc, &want, false) || said,
        "{format} lost something and left_out is empty\n{content}"
    );
    prop_assert!(
        lost(format, doc, &want, true) || !said,
        "{format} lost nothing but left_out says {:?}",
        out.left_out
    );
    Ok(())
}

/// A few thousand cases in all under `make test` (the eight tests share
/// the cases); `PROPTEST_CASES` overrides it, as proptest's default
/// configuration reads it.
fn config() -> Config {
    let from_env = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_some() {
        from_env
    } else {
        Config {
            cases: 400,
            ..from_env
        }
    }
}

/// One property test a format, each named as the README cites it.
macro_rules! every_format {
    ($($name:ident: $format:ident),* $(,)?) => {
        proptest! {
            #![proptest_config(config())]
            $(
                #[test]
                fn $name(doc in any_doc()) {
                    check(Format::$format, &doc)?;
                }
            )*
        }
    };
}

every_format! {
    native_loses_nothing: Native,
    w3c_loses_nothing: W3c,
    brat_loses_only_what_the_readme_declares: Brat,
    doccano_loses_only_what_the_readme_declares: Doccano,
    label_studio_loses_only_what_the_readme_declares: LabelStudio,
    prodigy_loses_only_what_the_readme_declares: Prodigy,
    conll_char_loses_only_what_the_readme_declares: ConllChar,
    conll_word_loses_only_what_the_readme_declares: ConllWord,
}

// ---------------------------------------------------------------------------
// What the property tests found, each as the smallest case.

fn one_label_doc(text: &str) -> AnnotatedDocument {
    let mut doc = AnnotatedDocument::new("r.txt", text);
    doc.labels = vec![
        Label::new("PER", "PER", "#e6550d", Some("1")),
        Label::new("LOC", "LOC", "#009e73", Some("2")),
    ];
    doc
}

/// Prodigy: two spans on one extent with different labels, and a relation
/// to the second. The relation names its spans by offsets and label, and
/// comes back to the second, not to the first span with those offsets.
#[test]
fn prodigy_relation_finds_its_span_among_spans_of_one_extent() {
    let mut doc = one_label_doc("李白出生于碎叶城");
    doc.annotations.push(Annotation::new("a1", 0, 2, "PER"));
    doc.annotations.push(Annotation::new("a2", 0, 2, "LOC"));
    doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a2".into(),
        kind: "R".into(),
        ..Default::default()
    });
    let out = formats::export(Format::Prodigy, &doc, None).unwrap();
    let back = formats::import(Format::Prodigy, "r.jsonl", &out.files[0].1, None).unwrap();
    let label_of = |id: &str| {
        let a = back.annotations.iter().find(|a| a.id == id).unwrap();
        a.label.clone()
    };
    let r = &back.relations[0];
    assert_eq!(
        (label_of(&r.from), label_of(&r.to)),
        ("PER".into(), "LOC".into())
    );
}

/// U+001C–U+001E end a line for Python, and so for brat: a text made of
/// them (taken from a native file, where JSON escapes them) is written
/// into brat's `.txt` and CoNLL as it is, and must decode as a text when
/// opened again, not as "a binary file".
#[test]
fn information_separators_in_a_written_text_decode_again() {
    let mut doc = one_label_doc("李\u{1c}白\u{1d}\u{1e}");
    doc.annotations.push(Annotation::new("a1", 0, 1, "PER"));
    for f in [Format::Brat, Format::ConllChar] {
        let out = formats::export(f, &doc, None).unwrap();
        for (name, content) in &out.files {
            let d = biaozhu::decode::decode(content.as_bytes(), None);
            assert_eq!(d.map(|d| d.text).as_ref(), Ok(content), "{f} {name}");
        }
    }
}

/// Word-level CoNLL: the second piece of a discontinuous span starts on a
/// line end, so its first word holds no piece start; it is still a new
/// entity (as at character level), not the first piece run on.
#[test]
fn conll_word_piece_starting_on_whitespace_stays_apart() {
    let mut doc = one_label_doc("家\r\nс，");
    let mut a = Annotation::new("a1", 0, 4, "PER");
    a.fragments = vec![(0, 1), (2, 4)];
    doc.annotations.push(a);
    let out = formats::export(Format::ConllWord, &doc, None).unwrap();
    assert_eq!(out.files[0].1, "家\tB-PER\n\nс\tB-PER\n，\tO\n");
    let back =
        formats::import(Format::ConllWord, "r.bio", &out.files[0].1, Some(&doc.text)).unwrap();
    let spans: Vec<(u32, u32)> = back.annotations.iter().map(|a| (a.start, a.end)).collect();
    assert_eq!(spans, [(0, 1), (3, 4)]);
}

/// An annotation's creation time is one thing CoNLL has no place for, and
/// says so; Label Studio has one time for the task, and says so when a
/// span without a time would come back with it.
#[test]
fn left_out_names_creation_times_conll_and_label_studio_lose() {
    let mut doc = one_label_doc("李白出生于碎叶城");
    let mut a = Annotation::new("a1", 0, 2, "PER");
    a.created = "2024-05-01T12:00:00.000Z".into();
    doc.annotations.push(a);
    doc.annotations.push(Annotation::new("a2", 5, 8, "LOC"));
    for f in [Format::ConllChar, Format::ConllWord] {
        let out = formats::export(f, &doc, None).unwrap();
        assert_eq!(out.left_out, ["1 creation time"], "{f}");
    }
    let out = formats::export(Format::LabelStudio, &doc, None).unwrap();
    assert_eq!(
        out.left_out,
        ["per-span creation times (the annotation's created_at is the earliest)"]
    );
    doc.annotations[1].created = doc.annotations[0].created.clone();
    let out = formats::export(Format::LabelStudio, &doc, None).unwrap();
    assert_eq!(out.left_out, Vec::<String>::new());
}

/// brat renumbers relation ids that are not `R<n>`, and says so.
#[test]
fn brat_says_it_renumbers_relation_ids() {
    let mut doc = one_label_doc("李白出生于碎叶城");
    doc.annotations.push(Annotation::new("T1", 0, 2, "PER"));
    doc.relations.push(Relation {
        id: "r1".into(),
        from: "T1".into(),
        to: "T1".into(),
        kind: "R".into(),
        ..Default::default()
    });
    let out = formats::export(Format::Brat, &doc, None).unwrap();
    assert_eq!(
        out.files[1].1,
        "T1\tPER 0 2\t李白\nR1\tR Arg1:T1 Arg2:T1\t\n"
    );
    assert_eq!(out.left_out, ["1 relation id (renumbered as R1, R2, …)"]);
}

/// A document whose text is empty or only white space exported blank files
/// (brat's `.txt`, CoNLL) that the decoder then refused: what biaozhu wrote,
/// it could not read. Every import now refuses such a text, as the page and
/// the decoder do, so biaozhu never holds one.
#[test]
fn a_blank_text_is_refused_by_every_import() {
    for text in ["", " \n\t\u{3000}"] {
        let mut doc = one_label_doc(text);
        doc.annotations.clear();
        // The native file is written by hand: the exporter takes any document it is given.
        let native = serde_json::json!({
            "format": "biaozhu", "version": 2,
            "document": {"name": "blank.txt", "text": text, "sha256": biaozhu::hash::sha256_hex(text),
                         "length": text.chars().count(), "unit": "codepoint"},
            "labels": doc.labels, "annotations": []
        })
        .to_string();
        let doccano = format!("{}\n", serde_json::json!({"text": text, "label": []}));
        for (format, content) in [(Format::Native, native), (Format::Doccano, doccano)] {
            let e = formats::import(format, "blank", &content, None)
                .unwrap_err()
                .to_string();
            assert!(e.contains("there is nothing to annotate"), "{format}: {e}");
        }
    }
    let two = "{\"text\":\"李白\",\"label\":[]}\n{\"text\":\"\",\"label\":[]}\n";
    let e = formats::import_all(Format::Doccano, "two.jsonl", two, None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("document 2: the text is empty"), "{e}");
}
