//! The documents the format tests generate: every class of text and
//! annotation issue 14 tried, in one generator ([`any_doc`]).
#![allow(dead_code)] // each test crate uses a part

use std::sync::OnceLock;

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use biaozhu::segment::{Segmentation, Segmenter};
use proptest::prelude::*;

/// Every class of character of issue 14, one a piece: Han, 𠮷, emoji,
/// Cyrillic, full-width and ASCII letters, digits, sentence ends, and the
/// white space and separators (tab, LF, CR, U+000B, U+000C, U+001C–U+001E,
/// U+0085, U+2028, U+2029, U+00A0, U+3000).
const CHARS: &str = "李白出生于碎叶城杜甫𠮷野家😀ВсＧaZq70，。！？ \t\n\r\u{b}\u{c}\u{1c}\u{1d}\u{1e}\u{85}\u{2028}\u{2029}\u{a0}\u{3000}";

/// Pieces of more than one code point: a ZWJ sequence (five), CRLF.
const CLUSTERS: [&str; 2] = ["👨\u{200d}👩\u{200d}👧", "\r\n"];

/// The pieces texts are made of; `solid`, only those that are not white
/// space (U+001C–U+001E are not, for Rust).
pub fn pieces(solid: bool) -> Vec<String> {
    let keep = |p: &str| !(solid && p.chars().all(char::is_whitespace));
    CHARS
        .chars()
        .map(String::from)
        .chain(CLUSTERS.iter().map(|c| (*c).to_owned()))
        .filter(|p| keep(p))
        .collect()
}

/// The pieces texts are made of: every class of issue 14 at once.
/// Label ids the page can use as they are (no white space); names may hold
/// spaces, and one label is named by its id (nothing to lose there).
pub fn labels() -> Vec<Label> {
    vec![
        Label::new("PER", "人物 PER", "#e6550d", Some("1")),
        Label::new("LOC", "LOC", "#009e73", Some("2")),
        Label::new("ORG", "机构 ORG", "#0072b2", None),
        Label::new("地名", "地 名", "#cc79a7", Some("4")),
    ]
}

/// Notes are made of these: line breaks of every kind brat knows.
const NOTE: &[&str] = &[
    "注", "a", " ", "\t", "\n", "\r\n", "\r", "\u{2028}", "\u{85}", "\u{b}", "\u{1e}",
];
/// Attribute names and values, with spaces; and with `_`, so that brat,
/// which writes spaces as `_`, meets two names that become one.
const WORDY: &[&str] = &["k", "v", "2", "值", "_", " ", " "];
/// Relation kinds, one with a space and one empty.
const KINDS: &[&str] = &["出生地", "friend of", "", "R"];
const TIMES: &[&str] = &[
    "",
    "",
    "2024-05-01T12:00:00.000Z",
    "2023-01-01T00:00:00Z",
    "2024-05-01 12:00",
];

fn joined<T>(from: Vec<T>, n: std::ops::Range<usize>) -> BoxedStrategy<String>
where
    T: AsRef<str> + Clone + std::fmt::Debug + 'static,
{
    prop::collection::vec(prop::sample::select(from), n)
        .prop_map(|v| v.iter().map(AsRef::as_ref).collect())
        .boxed()
}

/// Raw material for one annotation.
#[derive(Clone, Debug)]
struct Raw {
    /// Sorted cut points: 2 for a plain span, 4 or 6 for fragments.
    cuts: Vec<u32>,
    /// Take the pieces of the annotation before (identical extent).
    same_as_previous: bool,
    label: usize,
    brat_id: bool,
    created: &'static str,
    note: Option<String>,
    attributes: Vec<(String, String)>,
}

fn raw(len: u32) -> impl Strategy<Value = Raw> {
    (
        prop::sample::select(vec![2usize, 2, 2, 4, 6]),
        prop::collection::vec(0..=len, 6),
        prop::bool::weighted(0.15),
        0..labels().len(),
        any::<bool>(),
        prop::sample::select(TIMES),
        prop::option::weighted(0.4, joined(NOTE.to_vec(), 0..6)),
        prop::collection::vec(
            (
                joined(WORDY.to_vec(), 1..4),
                prop_oneof![Just("true".to_owned()), joined(WORDY.to_vec(), 0..4)],
            ),
            0..3,
        ),
    )
        .prop_map(
            |(n, mut cuts, same_as_previous, label, brat_id, created, note, attributes)| {
                cuts.sort_unstable();
                cuts.dedup();
                cuts.truncate(n);
                if cuts.len() % 2 == 1 {
                    cuts.pop();
                }
                Raw {
                    cuts,
                    same_as_previous,
                    label,
                    brat_id,
                    created,
                    note,
                    attributes,
                }
            },
        )
}

/// What the document is made of, besides its text.
#[derive(Clone, Debug)]
struct Extras {
    raws: Vec<Raw>,
    relations: Vec<(usize, usize, usize, bool)>,
    doc_labels: Vec<&'static str>,
    encoding: bool,
    /// Which labels are named by their id.
    plain_names: Vec<bool>,
    /// No white space, notes, attributes, relations, label names, document
    /// labels or encoding: a document that a format may carry whole, so
    /// that `left_out` must then be empty, or name the one thing lost.
    bare: bool,
}

fn build(text: String, x: Extras) -> AnnotatedDocument {
    let mut doc = AnnotatedDocument::new("doc.txt", &text);
    doc.labels = labels();
    for (l, plain) in doc.labels.iter_mut().zip(x.plain_names) {
        if plain {
            l.name = l.id.clone();
        }
    }
    let Extras {
        mut raws,
        relations: mut rels,
        mut doc_labels,
        mut encoding,
        bare,
        ..
    } = x;
    if bare {
        for l in &mut doc.labels {
            l.name = l.id.clone();
        }
        for r in &mut raws {
            (r.note, r.attributes) = (None, Vec::new());
        }
        (doc_labels, encoding) = (Vec::new(), false);
        rels.clear();
    }
    for (i, r) in raws.into_iter().enumerate() {
        let pieces: Vec<(u32, u32)> = match doc.annotations.last() {
            Some(prev) if r.same_as_previous => prev.pieces(),
            _ if r.cuts.len() >= 2 => r.cuts.chunks(2).map(|c| (c[0], c[1])).collect(),
            _ => continue,
        };
        // Ids the way brat writes them, and the way the page does.
        let id = if r.brat_id {
            format!("T{}", i + 1)
        } else {
            format!("a{}", i + 1)
        };
        let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
        let mut a = Annotation::new(&id, first.0, last.1, &doc.labels[r.label].id);
        if pieces.len() > 1 {
            a.fragments = pieces;
        }
        a.created = r.created.to_owned();
        a.note = r.note;
        a.attributes = r.attributes.into_iter().collect();
        doc.annotations.push(a);
    }
    let n = doc.annotations.len();
    if n > 0 {
        for (i, (f, t, k, brat_id)) in rels.into_iter().enumerate() {
            doc.relations.push(Relation {
                id: if brat_id {
                    format!("R{}", i + 1)
                } else {
                    format!("r{}", i + 1)
                },
                from: doc.annotations[f % n].id.clone(),
                to: doc.annotations[t % n].id.clone(),
                kind: KINDS[k % KINDS.len()].to_owned(),
                ..Default::default()
            });
        }
    }
    doc.doc_labels = doc_labels.into_iter().map(str::to_owned).collect();
    doc.source_encoding = encoding.then(|| "GB18030".to_owned());
    doc
}

/// Documents of every class at once; three in ten are bare (see
/// [`Extras::bare`]).
pub fn any_doc() -> impl Strategy<Value = AnnotatedDocument> {
    prop::bool::weighted(0.3).prop_flat_map(|bare| doc_from(pieces(bare), bare))
}

/// Documents whose texts are made of `pieces`, about one in eight with no
/// annotations. A text of nothing but white space is not one of them: every
/// import refuses it, as the page and the decoder do
/// (`a_blank_text_is_refused_by_every_import`).
pub fn doc_from(pieces: Vec<String>, bare: bool) -> BoxedStrategy<AnnotatedDocument> {
    joined(pieces, 1..40)
        .prop_filter("a text with something to annotate", |t| {
            !t.chars().all(char::is_whitespace)
        })
        .prop_flat_map(move |text| {
            let len = text.chars().count() as u32;
            (
                Just(text),
                prop::collection::vec(raw(len), 0..8),
                prop::collection::vec((0usize..8, 0usize..8, 0usize..4, any::<bool>()), 0..4),
                prop::sample::subsequence(vec!["news", "体育 sport"], 0..=2),
                prop::bool::weighted(0.25),
                prop::collection::vec(prop::bool::weighted(0.8), 4),
            )
                .prop_map(
                    move |(t, raws, relations, doc_labels, encoding, plain_names)| {
                        build(
                            t,
                            Extras {
                                raws,
                                relations,
                                doc_labels,
                                encoding,
                                plain_names,
                                bare,
                            },
                        )
                    },
                )
        })
        .boxed()
}

/// The words of `text` by the embedded dictionary, built once.
pub fn words(text: &str) -> Segmentation {
    static SEG: OnceLock<Segmenter> = OnceLock::new();
    SEG.get_or_init(Segmenter::embedded).segment(text)
}
