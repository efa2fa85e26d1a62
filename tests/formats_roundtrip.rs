//! Property tests: export then import gives the document back.
//!
//! Random documents mix astral characters (𠮷, 😀), a ZWJ emoji (👨‍👩‍👧, five
//! code points), CRLF and LF line ends, spaces, overlapping and
//! discontinuous annotations, relations, notes and attributes.
//!
//! - `biaozhu` and `w3c` are lossless: the whole document comes back.
//! - The others come back equal on what they carry (see each test), on
//!   documents restricted to what they can express.

use std::sync::OnceLock;

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use biaozhu::formats::{self, Format};
use biaozhu::segment::{Segmentation, Segmenter};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "李",
    "白",
    "出",
    "生",
    "于",
    "碎",
    "叶",
    "城",
    "𠮷",
    "野",
    "家",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "a",
    "Z",
    "7",
    " ",
    "，",
    "。",
    "\r\n",
    "\n",
    "В",
    "Ｇ",
];

/// Pieces without whitespace or sentence ends, for CoNLL.
const PLAIN: &[&str] = &[
    "李",
    "白",
    "出",
    "生",
    "碎",
    "叶",
    "城",
    "𠮷",
    "野",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "a",
    "7",
    "，",
];

fn text_from(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 1..40).prop_map(|v| v.concat())
}

const LABELS: &[&str] = &["PER", "LOC", "ORG"];

fn labels() -> Vec<Label> {
    vec![
        Label::new("PER", "人物 PER", "#e6550d", Some("1")),
        Label::new("LOC", "地点 LOC", "#009e73", Some("2")),
        Label::new("ORG", "机构 ORG", "#0072b2", None),
    ]
}

/// Raw material for one annotation: sorted distinct cut points (2 = a
/// contiguous span, 4 or 6 = fragments), label, extras.
#[derive(Clone, Debug)]
struct Raw {
    cuts: Vec<u32>,
    label: usize,
    created: usize,
    note: Option<String>,
    attr: Option<(String, String)>,
}

fn raw(len: u32) -> impl Strategy<Value = Raw> {
    (
        prop::sample::select(vec![2usize, 2, 2, 4, 6]),
        prop::collection::vec(0..=len, 6),
        0..LABELS.len(),
        0usize..3,
        prop::option::of("[a-z李白 ]{0,6}"),
        prop::option::of(("[A-Za-z]{1,5}", "[a-z0-9]{1,4}")),
    )
        .prop_map(|(n, mut cuts, label, created, note, attr)| {
            cuts.sort_unstable();
            cuts.dedup();
            cuts.truncate(n);
            if cuts.len() % 2 == 1 {
                cuts.pop();
            }
            Raw {
                cuts,
                label,
                created,
                note,
                attr,
            }
        })
}

fn build(text: String, raws: Vec<Raw>, rels: Vec<(usize, usize)>) -> AnnotatedDocument {
    let mut doc = AnnotatedDocument::new("doc.txt", &text);
    doc.labels = labels();
    for r in raws {
        if r.cuts.len() < 2 {
            continue;
        }
        let pieces: Vec<(u32, u32)> = r.cuts.chunks(2).map(|c| (c[0], c[1])).collect();
        let id = format!("T{}", doc.annotations.len() + 1);
        let mut a = Annotation::new(&id, r.cuts[0], *r.cuts.last().unwrap(), LABELS[r.label]);
        if pieces.len() > 1 {
            a.fragments = pieces;
        }
        // Empty, an xsd:dateTime, and something else the page might hold.
        a.created = ["", "2024-05-01T12:00:00.000Z", "2024-05-01 12:00"][r.created].into();
        a.note = r.note;
        if let Some((k, v)) = r.attr {
            a.attributes.insert(k, v);
        }
        doc.annotations.push(a);
    }
    let n = doc.annotations.len();
    if n > 0 {
        for (i, (f, t)) in rels.into_iter().enumerate() {
            doc.relations.push(Relation {
                id: format!("R{}", i + 1),
                from: doc.annotations[f % n].id.clone(),
                to: doc.annotations[t % n].id.clone(),
                kind: ["出生地", "Friend"][i % 2].into(),
            });
        }
    }
    doc.doc_labels = vec!["news".into()];
    doc.source_encoding = Some("GB18030".into());
    doc
}

fn doc_from(pieces: &'static [&'static str]) -> impl Strategy<Value = AnnotatedDocument> {
    text_from(pieces).prop_flat_map(|text| {
        let len = text.chars().count() as u32;
        (
            Just(text),
            prop::collection::vec(raw(len), 0..8),
            prop::collection::vec((0usize..8, 0usize..8), 0..4),
        )
            .prop_map(|(t, r, rel)| build(t, r, rel))
    })
}

fn any_doc() -> impl Strategy<Value = AnnotatedDocument> {
    doc_from(PIECES)
}

fn words(text: &str) -> Segmentation {
    static SEG: OnceLock<Segmenter> = OnceLock::new();
    SEG.get_or_init(Segmenter::embedded).segment(text)
}

/// Export as `format`, then import the (last) file, with the text beside it.
fn round_trip(format: Format, doc: &AnnotatedDocument) -> AnnotatedDocument {
    assert_eq!(doc.validate(), Ok(()));
    let w = words(&doc.text);
    let out = formats::export(format, doc, Some(&w)).unwrap();
    let (name, content) = out.files.last().unwrap();
    formats::import(format, name, content, Some(&doc.text))
        .unwrap_or_else(|e| panic!("{format}: {e}\n{content}"))
}

/// Only contiguous annotations, and relations between those kept.
fn contiguous_only(mut doc: AnnotatedDocument) -> AnnotatedDocument {
    doc.annotations.retain(|a| a.fragments.is_empty());
    keep_relations(doc)
}

fn keep_relations(mut doc: AnnotatedDocument) -> AnnotatedDocument {
    let ids: Vec<String> = doc.annotations.iter().map(|a| a.id.clone()).collect();
    doc.relations
        .retain(|r| ids.contains(&r.from) && ids.contains(&r.to));
    doc
}

type SpanKey = (u32, u32, String);

fn spans(doc: &AnnotatedDocument) -> Vec<SpanKey> {
    doc.annotations
        .iter()
        .map(|a| (a.start, a.end, a.label.clone()))
        .collect()
}

/// Relations as (from span, to span, kind), independent of ids.
fn relation_spans(doc: &AnnotatedDocument) -> Vec<(SpanKey, SpanKey, String)> {
    let span_of = |id: &str| {
        let a = doc.annotations.iter().find(|a| a.id == id).unwrap();
        (a.start, a.end, a.label.clone())
    };
    let mut v: Vec<_> = doc
        .relations
        .iter()
        .map(|r| (span_of(&r.from), span_of(&r.to), r.kind.clone()))
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The native format is lossless.
    #[test]
    fn native_round_trip_is_identity(doc in any_doc()) {
        prop_assert_eq!(round_trip(Format::Native, &doc), doc);
    }

    /// W3C, with its `bz:` extensions, is lossless too.
    #[test]
    fn w3c_round_trip_is_identity(doc in any_doc()) {
        prop_assert_eq!(round_trip(Format::W3c, &doc), doc);
    }

    /// W3C without the embedded text: the text given beside it is used,
    /// and the `ni:` hash ties the annotations to it. With the embedded
    /// text, the copy the annotations name wins over another one given
    /// (the page passes the open document's text with every W3C file).
    #[test]
    fn w3c_refuses_another_text(doc in any_doc()) {
        let out = formats::export(Format::W3c, &doc, None).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&out.files[0].1).unwrap();
        let other = format!("{}x", doc.text);
        let with_copy = formats::import(Format::W3c, "a.jsonld", &out.files[0].1, Some(&other));
        if doc.annotations.is_empty() {
            prop_assert_eq!(with_copy.unwrap().text, other.clone());
        } else {
            prop_assert_eq!(with_copy.unwrap(), doc.clone());
        }
        v.as_object_mut().unwrap().remove("bz:text");
        let bare = serde_json::to_string(&v).unwrap();
        let r = formats::import(Format::W3c, "a.jsonld", &bare, Some(&other));
        prop_assert_eq!(r.is_err(), !doc.annotations.is_empty());
        let r = formats::import(Format::W3c, "a.jsonld", &bare, Some(&doc.text));
        prop_assert_eq!(r.unwrap(), doc);
    }

    /// brat keeps ids (T<n>), fragments, labels, attributes, notes and
    /// relations of spans that do not cross a line end.
    #[test]
    fn brat_round_trip_keeps_what_brat_carries(doc in any_doc()) {
        let mut doc = doc;
        let chars: Vec<char> = doc.text.chars().collect();
        doc.annotations.retain(|a| a.pieces().iter().all(|&(s, e)| {
            !chars[s as usize..e as usize].iter().any(|c| *c == '\n' || *c == '\r')
        }));
        for a in &mut doc.annotations {
            if let Some(n) = &mut a.note { *n = n.replace(['\n', '\r'], " "); }
        }
        let doc = keep_relations(doc);
        let back = round_trip(Format::Brat, &doc);
        let key = |d: &AnnotatedDocument| d.annotations.iter().map(|a| {
            (a.id.clone(), a.start, a.end, a.fragments.clone(), a.label.clone(), a.attributes.clone(), a.note.clone())
        }).collect::<Vec<_>>();
        prop_assert_eq!(key(&back), key(&doc));
        prop_assert_eq!(&back.relations, &doc.relations);
        prop_assert_eq!(&back.text, &doc.text);
    }

    /// doccano (UTF-16 offsets in the file) gives back every contiguous span
    /// and every relation.
    #[test]
    fn doccano_round_trip_keeps_spans_in_code_points(doc in any_doc()) {
        let doc = contiguous_only(doc);
        let back = round_trip(Format::Doccano, &doc);
        let mut want = spans(&doc);
        want.sort();
        let mut got = spans(&back);
        got.sort();
        prop_assert_eq!(got, want);
        prop_assert_eq!(relation_spans(&back), relation_spans(&doc));
        prop_assert_eq!(&back.text, &doc.text);
    }

    /// Label Studio keeps region ids, spans, notes, relations and document
    /// labels.
    #[test]
    fn label_studio_round_trip_keeps_regions(doc in any_doc()) {
        let doc = contiguous_only(doc);
        let back = round_trip(Format::LabelStudio, &doc);
        let key = |d: &AnnotatedDocument| d.annotations.iter()
            .map(|a| (a.id.clone(), a.start, a.end, a.label.clone(), a.note.clone()))
            .collect::<Vec<_>>();
        prop_assert_eq!(key(&back), key(&doc));
        let rel = |d: &AnnotatedDocument| d.relations.iter()
            .map(|r| (r.from.clone(), r.to.clone(), r.kind.clone())).collect::<Vec<_>>();
        prop_assert_eq!(rel(&back), rel(&doc));
        prop_assert_eq!(&back.doc_labels, &doc.doc_labels);
        prop_assert_eq!(&back.text, &doc.text);
    }

    /// Prodigy keeps exact offsets even off word boundaries, and relations.
    #[test]
    fn prodigy_round_trip_keeps_spans(doc in any_doc()) {
        let mut doc = contiguous_only(doc);
        // Relations are matched back by offsets: keep one span per offsets.
        let mut seen = Vec::new();
        doc.annotations.retain(|a| {
            let k = (a.start, a.end);
            let new = !seen.contains(&k);
            seen.push(k);
            new
        });
        let doc = keep_relations(doc);
        let back = round_trip(Format::Prodigy, &doc);
        prop_assert_eq!(spans(&back), spans(&doc));
        prop_assert_eq!(relation_spans(&back), relation_spans(&doc));
        prop_assert_eq!(&back.text, &doc.text);
    }

    /// Character-level CoNLL keeps non-overlapping contiguous spans, and
    /// without whitespace or sentence ends it rebuilds the text itself.
    #[test]
    fn conll_char_round_trip_keeps_non_overlapping_spans(doc in doc_from(PLAIN)) {
        let mut doc = contiguous_only(doc);
        let mut end = 0;
        doc.annotations.sort_by_key(|a| (a.start, a.end));
        doc.annotations.retain(|a| {
            let keep = a.start >= end;
            if keep { end = a.end; }
            keep
        });
        let doc = keep_relations(doc);
        let out = formats::export(Format::ConllChar, &doc, None).unwrap();
        let (name, content) = &out.files[0];
        let back = formats::import(Format::ConllChar, name, content, None).unwrap();
        prop_assert_eq!(&back.text, &doc.text);
        prop_assert_eq!(spans(&back), spans(&doc));
        // And against the original text.
        let back = formats::import(Format::ConllChar, name, content, Some(&doc.text)).unwrap();
        prop_assert_eq!(spans(&back), spans(&doc));
    }

    /// Issue 14, item 4: character-level CoNLL, read back against the text,
    /// gives exactly the declared losses and nothing else, on any document
    /// (whitespace, sentence ends, CRLF, overlaps, discontinuous spans): the
    /// overlapping annotations dropped (the first, longest kept), one entity
    /// per piece, each piece trimmed of whitespace (a piece of only
    /// whitespace gone). A span across a sentence end comes back whole, and
    /// a dropped overlap never cuts the span it sat in.
    #[test]
    fn conll_char_loses_only_what_left_out_declares(doc in any_doc()) {
        let out = formats::export(Format::ConllChar, &doc, None).unwrap();
        let (name, content) = &out.files[0];
        let back = formats::import(Format::ConllChar, name, content, Some(&doc.text))
            .unwrap_or_else(|e| panic!("{e}\n{content}"));
        let mut got = spans(&back);
        got.sort();
        prop_assert_eq!(got, conll_char_expected(&doc), "{}", content);
        let overlaps = doc.annotations.len() - kept_by_conll(&doc).len();
        let said = out.left_out.iter().any(|l| l.ends_with("overlapping annotations")
            || l.ends_with("overlapping annotation"));
        prop_assert_eq!(said, overlaps > 0, "{:?}", out.left_out);
    }

    /// Every export says in `left_out` what it dropped: a format that drops
    /// relations says how many.
    #[test]
    fn left_out_names_dropped_relations(doc in any_doc()) {
        let out = formats::export(Format::ConllChar, &doc, None).unwrap();
        let n = doc.relations.len();
        let want = if n == 1 { "1 relation".to_owned() } else { format!("{n} relations") };
        prop_assert_eq!(out.left_out.contains(&want), n > 0);
    }
}

/// Every piece, plus the rare whitespace and separators a text may hold
/// (vertical tab, form feed, NEL, line and paragraph separators).
const RARE: &[&str] = &[
    "李", "白", "。", "𠮷", " ", "\r\n", "\n", "\u{b}", "\u{c}", "\u{85}", "\u{2028}", "\u{2029}",
    "a",
];

/// Documents over [`RARE`] (none to eight annotations), whose notes may
/// hold line breaks and whose attribute names and values may hold spaces
/// or be empty.
fn rare_doc() -> impl Strategy<Value = AnnotatedDocument> {
    (
        doc_from(RARE),
        prop::collection::vec(
            (
                prop::option::of("[a-z\n\r ]{0,5}"),
                prop::option::of(("[a-z ]{1,3}", "[a-z ]{0,3}")),
            ),
            8,
        ),
    )
        .prop_map(|(mut doc, extras)| {
            for (a, (note, attr)) in doc.annotations.iter_mut().zip(extras) {
                if note.is_some() {
                    a.note = note;
                }
                if let Some((k, v)) = attr {
                    a.attributes.insert(k, v);
                }
            }
            doc
        })
}

/// The line boundaries of Python's `str.splitlines`, with which brat reads
/// its `.ann` files.
fn brat_line_end(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// brat's single-token form of a type, attribute name or value.
fn brat_token(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_whitespace() || brat_line_end(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    if t.is_empty() {
        "_".to_owned()
    } else {
        t
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Issue 14, item 5: brat gives back exactly what it declares it
    /// changes, on documents with rare whitespace, no annotations, notes
    /// with line breaks and attributes with spaces: spans are split where
    /// brat's `.ann` reader ends a line, a note's line ends become spaces,
    /// whitespace in attribute names and values becomes `_`, and each
    /// change is said in `left_out`.
    #[test]
    fn brat_changes_only_what_left_out_declares(doc in rare_doc()) {
        let out = formats::export(Format::Brat, &doc, None).unwrap();
        let back = round_trip(Format::Brat, &doc);
        let mut want = doc.clone();
        // Split where brat's `.ann` reader (Python's `splitlines`) ends a line.
        let chars: Vec<char> = doc.text.chars().collect();
        let breaks = |i: usize| brat_line_end(chars[i]);
        want.annotations.retain_mut(|a| {
            let mut pieces = Vec::new();
            for (s, e) in a.pieces() {
                let mut start = s;
                for i in s..e {
                    if breaks(i as usize) {
                        if start < i { pieces.push((start, i)); }
                        start = i + 1;
                    }
                }
                if start < e { pieces.push((start, e)); }
            }
            let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else { return false };
            (a.start, a.end) = (first.0, last.1);
            a.fragments = if pieces.len() > 1 { pieces } else { Vec::new() };
            true
        });
        let mut flattened = false;
        let mut retokened = false;
        for a in &mut want.annotations {
            if let Some(n) = &mut a.note {
                flattened |= n.contains(brat_line_end);
                *n = n.replace(brat_line_end, " ");
            }
            let attrs = std::mem::take(&mut a.attributes);
            for (k, v) in attrs {
                let v2 = if v == "true" { v.clone() } else { brat_token(&v) };
                retokened |= brat_token(&k) != k || v2 != v;
                a.attributes.insert(brat_token(&k), v2);
            }
        }
        let want = keep_relations(want);
        let key = |d: &AnnotatedDocument| d.annotations.iter().map(|a| {
            (a.id.clone(), a.start, a.end, a.fragments.clone(), a.label.clone(), a.attributes.clone(), a.note.clone())
        }).collect::<Vec<_>>();
        prop_assert_eq!(key(&back), key(&want));
        prop_assert_eq!(&back.relations, &want.relations);
        let said = |what: &str| out.left_out.iter().any(|l| l.contains(what));
        if flattened {
            prop_assert!(said("line breaks (written on one line"), "{:?}", out.left_out);
        }
        if retokened {
            prop_assert!(said("attribute names or values"), "{:?}", out.left_out);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Issue 14, item 6: what biaozhu writes, biaozhu reads. Every file of
    /// every export of a text with rare whitespace (U+000B, U+000C, U+0085,
    /// U+2028, U+2029) goes through the decoder the page and the CLI open
    /// files with, and imports again. (An empty brat `.ann` is read as no
    /// annotations by the CLI, not decoded: `empty_brat_ann_reads_as_no_annotations`.)
    #[test]
    fn every_export_of_rare_whitespace_decodes_and_imports(doc in rare_doc()) {
        prop_assume!(!doc.text.chars().all(char::is_whitespace));
        let w = words(&doc.text);
        for f in Format::ALL {
            let out = formats::export(f, &doc, Some(&w)).unwrap();
            let mut read = Vec::new();
            for (name, content) in &out.files {
                if content.trim().is_empty() {
                    read.push(String::new());
                    continue;
                }
                let d = biaozhu::decode::decode(content.as_bytes(), None);
                prop_assert!(d.is_ok(), "{} {}: {}", f, name, d.unwrap_err());
                let d = d.unwrap();
                prop_assert_eq!(&d.text, content, "{} {}", f, name);
                read.push(d.text);
            }
            let (name, _) = out.files.last().unwrap();
            let back = formats::import(f, name, read.last().unwrap(), Some(&doc.text));
            prop_assert!(back.is_ok(), "{}: {}", f, back.unwrap_err());
        }
    }
}

/// Issue 14, item 5: brat reads its `.ann` with Python's `splitlines`, so
/// U+2028, U+2029, U+0085 and a vertical tab end a line there as `\n` and
/// `\r` do: a span is split at each (left out of its pieces, and said), and
/// a note's are written as spaces (and said), so that every line of the
/// `.ann` stays one line for brat.
#[test]
fn brat_splits_spans_where_brat_reads_a_line_end() {
    let mut doc = AnnotatedDocument::new("u.txt", "李\u{2028}白\u{2029}杜\r\n甫\u{85}诗\u{b}人");
    doc.labels = labels();
    let mut a = Annotation::new("T1", 0, 12, "PER");
    a.note = Some("一\u{2028}二".into());
    doc.annotations.push(a);
    let out = formats::export(Format::Brat, &doc, None).unwrap();
    assert_eq!(
        out.files[1].1,
        "T1\tPER 0 1;2 3;4 5;7 8;9 10;11 12\t李 白 杜 甫 诗 人\n#1\tAnnotatorNotes T1\t一 二\n"
    );
    assert!(
        out.left_out
            .iter()
            .any(|l| l.starts_with("1 annotation crossing a line end")),
        "{:?}",
        out.left_out
    );
    assert!(
        out.left_out
            .iter()
            .any(|l| l.starts_with("1 note with line breaks")),
        "{:?}",
        out.left_out
    );
}

/// The annotations CoNLL keeps, by the rule the README declares: in order
/// of start, longest first, each kept unless it shares a code point with
/// one kept already.
fn kept_by_conll(doc: &AnnotatedDocument) -> Vec<&Annotation> {
    let mut order: Vec<&Annotation> = doc.annotations.iter().collect();
    order.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
    let mut taken = vec![false; doc.text.chars().count()];
    let mut kept = Vec::new();
    for a in order {
        let cps: Vec<usize> = a
            .pieces()
            .into_iter()
            .flat_map(|(s, e)| s as usize..e as usize)
            .collect();
        if cps.iter().any(|&c| taken[c]) {
            continue;
        }
        for c in cps {
            taken[c] = true;
        }
        kept.push(a);
    }
    kept
}

/// What character-level CoNLL should give back against the text: one span
/// per piece of every kept annotation, trimmed of whitespace, sorted.
fn conll_char_expected(doc: &AnnotatedDocument) -> Vec<SpanKey> {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut want = Vec::new();
    for a in kept_by_conll(doc) {
        for (mut s, mut e) in a.pieces() {
            while s < e && chars[s as usize].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e as usize - 1].is_whitespace() {
                e -= 1;
            }
            if s < e {
                want.push((s, e, a.label.clone()));
            }
        }
    }
    want.sort();
    want
}

/// Issue 14, item 4, the case found: text `李白出生于碎叶城`, [0,8) PER and
/// [2,4) LOC. conll-char keeps [0,8) whole (the dropped LOC no longer
/// starts a `B-` inside it), and says it dropped one.
#[test]
fn conll_dropped_overlap_does_not_cut_the_kept_span() {
    let mut doc = AnnotatedDocument::new("o.txt", "李白出生于碎叶城");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 0, 8, "PER"));
    doc.annotations.push(Annotation::new("T2", 2, 4, "LOC"));
    for f in [Format::ConllChar, Format::ConllWord] {
        let out = formats::export(f, &doc, Some(&words(&doc.text))).unwrap();
        let back = formats::import(f, "o.bio", &out.files[0].1, Some(&doc.text)).unwrap();
        assert_eq!(
            spans(&back),
            [(0, 8, "PER".to_owned())],
            "{f}: {}",
            out.files[0].1
        );
        assert!(
            out.left_out
                .contains(&"1 overlapping annotation".to_owned()),
            "{f}: {:?}",
            out.left_out
        );
    }
}

/// Issue 14, item 4: a span across a sentence end (`。` inside a line, and a
/// line end) comes back as one span at both levels; the two sentences are
/// written as one block in the file.
#[test]
fn conll_keeps_a_span_across_a_sentence_end_whole() {
    let mut doc = AnnotatedDocument::new("s.txt", "他说。李白出生于碎叶城。\n杜甫很好");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 2, 5, "PER")); // 。李白
    doc.annotations.push(Annotation::new("T2", 8, 15, "LOC")); // 碎叶城。\n杜甫
    for f in [Format::ConllChar, Format::ConllWord] {
        let out = formats::export(f, &doc, Some(&words(&doc.text))).unwrap();
        let back = formats::import(f, "s.bio", &out.files[0].1, Some(&doc.text)).unwrap();
        let mut got = spans(&back);
        got.sort();
        if f == Format::ConllChar {
            // The line end is whitespace: the span is trimmed of nothing
            // (it ends on 甫) and comes back exactly.
            assert_eq!(got, spans(&doc), "{}", out.files[0].1);
        } else {
            assert_eq!(got.len(), 2, "{f}: {}", out.files[0].1);
        }
    }
}

/// The fixture strings of shared/design/offsets.md, one annotation each on
/// the character after the astral / ZWJ / CRLF part, through every format.
#[test]
fn design_fixture_strings_survive_every_format() {
    let cases = [
        ("𠮷野家的牛肉饭", 1, 3),
        ("😀李白出生于碎叶城，与杜甫是好友。", 1, 3),
        ("👨\u{200d}👩\u{200d}👧 家庭", 6, 8),
        ("第一行\r\n第二行", 5, 8),
        ("ВСТРЕЧА ПРЕДСЕДАТЕЛЯ КНР", 8, 20),
    ];
    for (text, s, e) in cases {
        let mut doc = AnnotatedDocument::new("f.txt", text);
        doc.labels = labels();
        doc.annotations.push(Annotation::new("T1", s, e, "PER"));
        let want = doc.quote(&doc.annotations[0]).unwrap();
        for f in Format::ALL {
            let back = round_trip(f, &doc);
            let a = &back.annotations[0];
            assert_eq!((a.start, a.end), (s, e), "{f} on {text:?}");
            assert_eq!(back.quote(a).unwrap(), want, "{f} on {text:?}");
        }
    }
}

/// doccano's file holds UTF-16 units: 李白 after 😀 is [2, 4) there.
#[test]
fn doccano_export_counts_utf16_units() {
    let mut doc = AnnotatedDocument::new("d.txt", "😀李白");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 3, "PER"));
    let out = formats::export(Format::Doccano, &doc, None).unwrap();
    assert!(
        out.files[0].1.contains("[[2,4,\"PER\"]]"),
        "{}",
        out.files[0].1
    );
}

/// Prodigy's `token_end` is inclusive: 李白 as one word is token 1..=1.
#[test]
fn prodigy_token_end_is_inclusive() {
    let mut doc = AnnotatedDocument::new("p.txt", "😀李白出生于碎叶城");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 3, "PER"));
    doc.annotations.push(Annotation::new("T2", 6, 9, "LOC"));
    let out = formats::export(Format::Prodigy, &doc, Some(&words(&doc.text))).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out.files[0].1).unwrap();
    let tokens: Vec<&str> = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(tokens, ["😀", "李白", "出", "生于", "碎叶", "城"]);
    assert_eq!(
        (
            v["spans"][0]["token_start"].as_u64(),
            v["spans"][0]["token_end"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(
        (
            v["spans"][1]["token_start"].as_u64(),
            v["spans"][1]["token_end"].as_u64()
        ),
        (Some(4), Some(5))
    );
    assert!(
        out.left_out.iter().all(|l| !l.contains("word boundaries")),
        "{:?}",
        out.left_out
    );
}

/// Word-level CoNLL: one word a line, B-/I- per word; a span inside a word
/// is widened to the word and said in `left_out`; the words read back
/// against the text give the word-aligned spans.
#[test]
fn conll_word_tags_whole_words() {
    let mut doc = AnnotatedDocument::new("w.txt", "😀李白出生于碎叶城");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 3, "PER"));
    doc.annotations.push(Annotation::new("T2", 6, 9, "LOC"));
    let out = formats::export(Format::ConllWord, &doc, Some(&words(&doc.text))).unwrap();
    assert_eq!(
        out.files[0].1,
        "😀\tO\n李白\tB-PER\n出\tO\n生于\tO\n碎叶\tB-LOC\n城\tI-LOC\n"
    );
    // Only the label names (the labels' ids are written).
    assert_eq!(out.left_out, ["3 label names (labels are written by id)"]);
    let back =
        formats::import(Format::ConllWord, "w.bio", &out.files[0].1, Some(&doc.text)).unwrap();
    assert_eq!(spans(&back), spans(&doc));

    doc.annotations.push(Annotation::new("T3", 5, 6, "ORG")); // 于, inside 生于
    let out = formats::export(Format::ConllWord, &doc, Some(&words(&doc.text))).unwrap();
    assert!(
        out.files[0].1.contains("生于\tB-ORG\n"),
        "{}",
        out.files[0].1
    );
    assert!(
        out.left_out.contains(
            &"1 annotation not on word boundaries (widened or narrowed to whole words)".to_owned()
        ),
        "{:?}",
        out.left_out
    );
}

/// Words that do not fit the text are an error, not a panic.
#[test]
fn words_for_another_text_are_refused() {
    use biaozhu::segment::{Word, WordKind};
    let mut doc = AnnotatedDocument::new("w.txt", "李白");
    doc.labels = labels();
    let bad = Segmentation {
        words: vec![Word {
            start: 1,
            end: 0,
            kind: WordKind::Han,
        }],
        subword_boundaries: vec![],
    };
    for f in [Format::Prodigy, Format::ConllWord] {
        let e = formats::export(f, &doc, Some(&bad)).unwrap_err();
        assert!(e.to_string().contains("another text"), "{e}");
    }
    let e = formats::words_from_pairs("李白", &[0, 1, 1, 5]).unwrap_err();
    assert!(e.to_string().contains("[1, 5)"), "{e}");
}

/// Natively, an export that needs words finds them itself when given none.
#[test]
fn word_exports_segment_natively_without_words() {
    let mut doc = AnnotatedDocument::new("n.txt", "😀李白出生于碎叶城");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 3, "PER"));
    let given = formats::export(Format::ConllWord, &doc, Some(&words(&doc.text))).unwrap();
    let own = formats::export(Format::ConllWord, &doc, None).unwrap();
    assert_eq!(own, given);
    assert!(formats::export(Format::Prodigy, &doc, None).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every export of any document reads back, whatever it had to leave
    /// out. Regression (brat): spans crossing line ends are split there, a
    /// split that leaves a single piece once wrote the old hull's quote, and
    /// relations to spans of only line ends once dangled.
    #[test]
    fn every_export_always_imports(doc in any_doc()) {
        let w = words(&doc.text);
        for f in Format::ALL {
            let out = formats::export(f, &doc, Some(&w)).unwrap();
            let (name, content) = out.files.last().unwrap();
            let back = formats::import(f, name, content, Some(&doc.text));
            prop_assert!(back.is_ok(), "{}: {}\n{}", f, back.unwrap_err(), content);
        }
    }
}

#[test]
fn brat_span_ending_in_crlf_keeps_its_quote() {
    let mut doc = AnnotatedDocument::new("c.txt", "李白\r\n杜甫");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 5, "PER")); // 白\r\n杜
    doc.annotations.push(Annotation::new("T2", 2, 6, "PER")); // \r\n杜甫
    let out = formats::export(Format::Brat, &doc, None).unwrap();
    assert_eq!(
        out.files[1].1,
        "T1\tPER 1 2;4 5\t白 杜\nT2\tPER 4 6\t杜甫\n"
    );
    assert!(formats::import(Format::Brat, "c.ann", &out.files[1].1, Some(&doc.text)).is_ok());
}

/// A W3C annotation that has only a `TextQuoteSelector` is placed where its
/// quote, prefix and suffix occur, exactly once, in code points; overlapping
/// occurrences count as two.
#[test]
fn w3c_quote_without_a_position_is_found_once_in_code_points() {
    let one = |exact: &str, prefix: &str, suffix: &str| {
        serde_json::json!({
            "type": "Annotation", "id": "#a1",
            "body": [{"type": "TextualBody", "purpose": "tagging", "value": "PER"}],
            "target": {"selector": {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}}
        })
        .to_string()
    };
    let text = "😀他说好，𠮷他说好吗aaa";
    let import = |exact: &str, prefix: &str, suffix: &str| {
        formats::import(
            Format::W3c,
            "q.jsonld",
            &one(exact, prefix, suffix),
            Some(text),
        )
    };
    let doc = import("他说", "𠮷", "").unwrap();
    assert_eq!((doc.annotations[0].start, doc.annotations[0].end), (6, 8));
    let doc = import("他说", "", "好，").unwrap();
    assert_eq!((doc.annotations[0].start, doc.annotations[0].end), (1, 3));
    let e = import("他说", "", "").unwrap_err().to_string();
    assert!(e.contains("occurs 2 times"), "{e}");
    let e = import("aa", "", "").unwrap_err().to_string();
    assert!(e.contains("occurs 2 times"), "overlapping: {e}");
    let e = import("他们", "", "").unwrap_err().to_string();
    assert!(e.contains("is not in the text"), "{e}");
}
