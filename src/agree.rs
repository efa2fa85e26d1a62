//! Agreement between annotators: how far two or more people's annotations of
//! the same documents agree, in the figures a reviewer is used to.
//!
//! Each *side* is one annotator's file: a label set and documents. Documents
//! are matched across sides by the SHA-256 of their text, never by name; a
//! document that only some sides have is listed in
//! [`Report::unmatched`] and left out of every figure.
//!
//! The first side is the **reference** and the second the **candidate**:
//!
//! - **Span precision, recall and F1**: an annotation of the candidate is a
//!   true positive when the reference has one with the same pieces and the
//!   same label (*exact*), counted as a multiset, so a span marked twice
//!   matches at most twice. *Overlap* match is looser: a candidate span is
//!   right when it shares a character with a reference span of its label,
//!   and a reference span is found when a candidate span of its label
//!   shares one with it. A ratio with nothing under it (no spans) is 0, as
//!   seqeval and scikit-learn give it.
//! - **Cohen's κ over characters**: each code point of the text gets one
//!   category, the label of the annotation covering it, `O` when none. When
//!   annotations of one side overlap, the one starting first wins, then the
//!   longer one, then the label name that sorts first, so nesting resolves
//!   to the outer span. κ over **words** gives each word of the segmentation
//!   (natively the embedded dictionary's) the category of its first code point.
//! - **Fleiss' κ** and **Krippendorff's α** (nominal, every side coding
//!   every code point, so no value is missing) take all sides at once, over
//!   the same characters' categories.
//! - **Relations**: a candidate relation matches a reference one with the
//!   same kind whose two ends have the same pieces and labels.
//! - **Disagreements**, the spans that exact match leaves unpaired: a
//!   reference span and a candidate span that overlap are paired, first the
//!   ones with the same pieces (*label* differs), then with the same label
//!   (*boundary* differs), then any (*both* differ), each reference span in
//!   text order taking the first candidate left; what is still unpaired is
//!   *missing* (reference only) or *extra* (candidate only).
//!
//! A reviewer then settles each disagreement ([`Choice`]: keep the
//! reference's span, the candidate's, both or neither) and [`gold`] makes
//! the document that results.
//!
//! ```
//! use biaozhu::agree::{compare, Side};
//! use biaozhu::annotation::{AnnotatedDocument, Annotation};
//!
//! let text = "习近平同普京会晤";
//! let mut a = AnnotatedDocument::new("a", text);
//! a.annotations = vec![Annotation::new("1", 0, 3, "PER"), Annotation::new("2", 4, 6, "PER")];
//! let mut b = AnnotatedDocument::new("b", text);
//! b.annotations = vec![Annotation::new("1", 0, 3, "PER"), Annotation::new("2", 4, 5, "PER")];
//! let report = compare(&[Side::new("a", &[], vec![&a]), Side::new("b", &[], vec![&b])]);
//! assert_eq!(report.overall.exact.precision, 0.5); // 普京 was cut short
//! assert_eq!(report.overall.overlap.f1, 1.0); // but it overlaps
//! assert_eq!(report.disagreements.boundary, 1);
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::annotation::{quote_in, AnnotatedDocument, Annotation, Label};
use crate::offsets::IndexedText;
use crate::segment::Segmenter;

mod unitizing;

/// One annotator's documents, under the label set that names their labels.
pub struct Side<'a> {
    /// What the report calls this side (a file name).
    pub name: &'a str,
    /// The label set; a label not in it (nor in the document's own set) is
    /// known by its id.
    pub labels: &'a [Label],
    pub documents: Vec<&'a AnnotatedDocument>,
}

impl<'a> Side<'a> {
    pub fn new(name: &'a str, labels: &'a [Label], documents: Vec<&'a AnnotatedDocument>) -> Self {
        Side {
            name,
            labels,
            documents,
        }
    }
}

/// Precision, recall and F1, with the counts they come from.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Spans (or relations) of the reference.
    pub reference: usize,
    /// Spans (or relations) of the candidate.
    pub candidate: usize,
    /// Candidate spans that match.
    pub matched: usize,
}

impl Prf {
    fn of(
        matched_candidate: usize,
        matched_reference: usize,
        reference: usize,
        candidate: usize,
    ) -> Prf {
        let precision = ratio(matched_candidate, candidate);
        let recall = ratio(matched_reference, reference);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
            reference,
            candidate,
            matched: matched_candidate,
        }
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// The figures of all labels together.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Overall {
    /// Exact match: `precision`, `recall`, `f1` and their counts.
    #[serde(flatten)]
    pub exact: Prf,
    /// Cohen's κ over characters, candidate against reference; `None`
    /// (JSON `null`) when chance agreement is total (one category only).
    pub kappa: Option<f64>,
    /// Cohen's κ over the words of the embedded segmentation.
    pub kappa_words: Option<f64>,
    /// Fleiss' κ over characters, all sides.
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's α, nominal, over characters, all sides.
    pub alpha: Option<f64>,
    pub overlap: Prf,
    /// Krippendorff's unitizing α of all sides, over code points: the
    /// labels' observed disagreements summed, over their expected ones
    /// summed (see [`unitizing`]).
    pub u_alpha: Option<f64>,
}

/// One label's figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LabelFigures {
    #[serde(flatten)]
    pub exact: Prf,
    pub overlap: Prf,
    /// Krippendorff's unitizing α of this label's stretches, all sides.
    pub u_alpha: Option<f64>,
}

/// How many disagreements of each kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub missing: usize,
    pub extra: usize,
    pub label: usize,
    pub boundary: usize,
    pub both: usize,
}

/// The kind of one disagreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Missing,
    Extra,
    Label,
    Boundary,
    Both,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Extra => "extra",
            Kind::Label => "label",
            Kind::Boundary => "boundary",
            Kind::Both => "both",
        }
    }
}

/// One side's span in a disagreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpanOf {
    /// The annotation's id in its file.
    pub id: String,
    pub start: u32,
    pub end: u32,
    pub label: String,
    pub quote: String,
}

/// One disagreement, for `--diff` and the review page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// The document's name in the reference.
    pub document: String,
    /// Its place among the matched documents.
    pub index: usize,
    pub kind: Kind,
    pub reference: Option<SpanOf>,
    pub candidate: Option<SpanOf>,
}

/// A document only some sides have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    pub document: String,
    pub sha256: String,
    /// The sides (by name) that have it.
    pub found_in: Vec<String>,
}

/// Everything [`compare`] measures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub annotators: Vec<String>,
    /// Documents every side has.
    pub documents: usize,
    pub unmatched: Vec<Unmatched>,
    pub overall: Overall,
    pub labels: BTreeMap<String, LabelFigures>,
    pub relations: Prf,
    pub disagreements: Counts,
    /// Every disagreement, in document and text order.
    #[serde(skip)]
    pub diff: Vec<Disagreement>,
}

/// A span made comparable: its pieces and its label's number.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    pieces: Vec<(u32, u32)>,
    label: u32,
}

/// Label names, numbered; 0 is `O`, no label.
#[derive(Default)]
struct Names {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Names {
    fn new() -> Names {
        // Not in `index`: a label a person named "O" is still a label.
        Names {
            names: vec!["O".to_owned()],
            index: HashMap::new(),
        }
    }

    fn number(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), i);
        i
    }
}

/// The name of an annotation's label, as the side's label set gives it.
fn label_name<'a>(side: &'a Side, doc: &'a AnnotatedDocument, id: &'a str) -> &'a str {
    side.labels
        .iter()
        .chain(&doc.labels)
        .find(|l| l.id == id)
        .map_or(id, |l| l.name.as_str())
}

/// One side's view of one matched document.
struct Marked<'a> {
    doc: &'a AnnotatedDocument,
    /// The keys of `doc.annotations`, in the same order.
    keys: Vec<Key>,
}

/// Measures the sides' agreement; the first is the reference, the second
/// the candidate. With fewer than two sides every figure is 0. Native only:
/// in the browser the dictionary is fetched, so the page calls
/// [`compare_with`] with its segmenter.
#[cfg(not(target_arch = "wasm32"))]
pub fn compare(sides: &[Side]) -> Report {
    compare_with(sides, &Segmenter::embedded())
}

/// [`compare`], with the words of `segmenter` (which takes a while to
/// build: the CLI builds it while it reads the files).
pub fn compare_with(sides: &[Side], segmenter: &Segmenter) -> Report {
    let mut report = Report {
        annotators: sides.iter().map(|s| s.name.to_owned()).collect(),
        ..Report::default()
    };
    if sides.len() < 2 {
        return report;
    }
    let matched = match_documents(sides, &mut report.unmatched);
    report.documents = matched.len();
    let mut names = Names::new();
    let marked: Vec<Vec<Marked>> = matched
        .iter()
        .map(|docs| {
            docs.iter()
                .zip(sides)
                .map(|(&doc, side)| Marked {
                    doc,
                    keys: doc
                        .annotations
                        .iter()
                        .map(|a| Key {
                            pieces: a.pieces(),
                            label: names.number(label_name(side, doc, &a.label)),
                        })
                        .collect(),
                })
                .collect()
        })
        .collect();
    let n_labels = names.names.len();

    // Spans, exact and overlapping, per label.
    let mut exact = vec![(0usize, 0usize, 0usize); n_labels]; // matched, reference, candidate
    let mut overlap = vec![(0usize, 0usize); n_labels]; // candidate found, reference found
    let mut relations = (0usize, 0usize, 0usize);
    let texts: Vec<&str> = marked.iter().map(|d| d[0].doc.text.as_str()).collect();
    let word_starts = word_starts(segmenter, &texts);
    let mut chars = Confusion::new(sides.len(), n_labels);
    let mut words = Confusion::new(2, n_labels);
    let mut row = Vec::new();
    for (index, docs) in marked.iter().enumerate() {
        let (a, b) = (&docs[0], &docs[1]);
        let mut counts: HashMap<&Key, (usize, usize)> = HashMap::new();
        for k in &a.keys {
            counts.entry(k).or_default().0 += 1;
            exact[k.label as usize].1 += 1;
        }
        for k in &b.keys {
            counts.entry(k).or_default().1 += 1;
            exact[k.label as usize].2 += 1;
        }
        for (k, (na, nb)) in &counts {
            exact[k.label as usize].0 += na.min(nb);
        }
        for (one, other, slot) in [(a, b, 0), (b, a, 1)] {
            for k in &one.keys {
                if other
                    .keys
                    .iter()
                    .any(|o| o.label == k.label && overlaps(&o.pieces, &k.pieces))
                {
                    let c = &mut overlap[k.label as usize];
                    if slot == 0 {
                        c.1 += 1;
                    } else {
                        c.0 += 1;
                    }
                }
            }
        }
        let (m, r, c) = relation_match(a, b);
        relations.0 += m;
        relations.1 += r;
        relations.2 += c;
        disagree(a, b, index, &names, &mut report);

        // Categories of each code point, per side.
        let len = docs[0].doc.len_cp() as usize;
        let painted: Vec<Vec<u32>> = docs.iter().map(|m| paint(m, len, &names)).collect();
        for i in 0..len {
            row.clear();
            row.extend(painted.iter().map(|p| p[i]));
            chars.add(&row);
        }
        for &w in &word_starts[index] {
            words.add(&[painted[0][w as usize], painted[1][w as usize]]);
        }
    }

    let u_parts = unitizing_parts(&marked, sides.len(), n_labels);
    let mut total = (0, 0, 0);
    let mut total_overlap = (0, 0);
    for (i, name) in names.names.iter().enumerate().skip(1) {
        let (m, r, c) = exact[i];
        let (oc, or) = overlap[i];
        total = (total.0 + m, total.1 + r, total.2 + c);
        total_overlap = (total_overlap.0 + oc, total_overlap.1 + or);
        report.labels.insert(
            name.clone(),
            LabelFigures {
                exact: Prf::of(m, m, r, c),
                overlap: Prf::of(oc, or, r, c),
                u_alpha: u_parts
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(|(o, e)| unitizing::alpha(o, e)),
            },
        );
    }
    report.overall = Overall {
        exact: Prf::of(total.0, total.0, total.1, total.2),
        kappa: chars.cohen(),
        kappa_words: words.cohen(),
        fleiss_kappa: chars.fleiss(),
        alpha: chars.alpha(),
        overlap: Prf::of(total_overlap.0, total_overlap.1, total.1, total.2),
        u_alpha: {
            let (o, e) = u_parts
                .iter()
                .flatten()
                .fold((0.0, 0.0), |(o, e), (a, b)| (o + a, e + b));
            unitizing::alpha(o, e)
        },
    };
    report.relations = Prf::of(relations.0, relations.0, relations.1, relations.2);
    report
}

/// Each label's observed and expected unitizing disagreement (by label
/// number; none for `O`), every side's spans of it as units.
fn unitizing_parts(
    marked: &[Vec<Marked>],
    n_sides: usize,
    n_labels: usize,
) -> Vec<Option<(f64, f64)>> {
    let lens: Vec<u32> = marked
        .iter()
        .map(|d| d.first().map_or(0, |m| m.doc.len_cp()))
        .collect();
    let mut pieces = vec![vec![vec![Vec::new(); marked.len()]; n_sides]; n_labels];
    for (d, docs) in marked.iter().enumerate() {
        for (side, m) in docs.iter().enumerate() {
            for k in &m.keys {
                if let Some(slot) = pieces
                    .get_mut(k.label as usize)
                    .and_then(|p: &mut Vec<Vec<Vec<(u32, u32)>>>| p.get_mut(side))
                    .and_then(|p| p.get_mut(d))
                {
                    slot.extend(k.pieces.iter().copied());
                }
            }
        }
    }
    pieces
        .into_iter()
        .enumerate()
        .map(|(label, sides)| {
            if label == 0 {
                return None;
            }
            let units: Vec<Vec<unitizing::Units>> = sides
                .into_iter()
                .map(|docs| docs.into_iter().map(unitizing::units).collect())
                .collect();
            unitizing::disagreements(&units, &lens)
        })
        .collect()
}

/// One document's figures in a comparison of whole projects.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentFigures {
    /// Its name in the reference.
    pub document: String,
    pub sha256: String,
    pub overall: Overall,
    pub labels: BTreeMap<String, LabelFigures>,
    pub disagreements: Counts,
}

/// [`Report`] over every document the sides share, with each document's
/// own figures beside it (in the reference's order).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProjectReport {
    #[serde(flatten)]
    pub report: Report,
    pub per_document: Vec<DocumentFigures>,
}

/// [`compare_with`] over the whole of each side, and again over each
/// document every side has: a reviewer reads where a project agrees least
/// before opening anything.
pub fn compare_project(sides: &[Side], segmenter: &Segmenter) -> ProjectReport {
    let report = compare_with(sides, segmenter);
    if sides.len() < 2 {
        return ProjectReport {
            report,
            per_document: Vec::new(),
        };
    }
    let mut unmatched = Vec::new();
    let per_document = match_documents(sides, &mut unmatched)
        .into_iter()
        .map(|docs| {
            let one: Vec<Side> = sides
                .iter()
                .zip(&docs)
                .map(|(s, &d)| Side::new(s.name, s.labels, vec![d]))
                .collect();
            let r = compare_with(&one, segmenter);
            let first = docs.first().map_or("", |d| d.text.as_str());
            DocumentFigures {
                document: docs.first().map(|d| d.name.clone()).unwrap_or_default(),
                sha256: crate::hash::sha256_hex(first),
                overall: r.overall,
                labels: r.labels,
                disagreements: r.disagreements,
            }
        })
        .collect();
    ProjectReport {
        report,
        per_document,
    }
}

/// Where each text's words start. Natively the texts are shared among the
/// machine's cores: segmentation is most of the time `compare` takes.
fn word_starts(segmenter: &Segmenter, texts: &[&str]) -> Vec<Vec<u32>> {
    let one =
        |t: &&str| -> Vec<u32> { segmenter.segment(t).words.iter().map(|w| w.start).collect() };
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        if threads > 1 && texts.len() > 1 {
            let chunk = texts.len().div_ceil(threads);
            return std::thread::scope(|scope| {
                let parts: Vec<_> = texts
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|p| p.join().expect("segmenting a text panicked"))
                    .collect()
            });
        }
    }
    texts.iter().map(one).collect()
}

/// The documents every side has, in the reference's order, each side's own;
/// the others are said in `unmatched`. A text twice in one side counts once
/// (its first copy).
fn match_documents<'a>(
    sides: &[Side<'a>],
    unmatched: &mut Vec<Unmatched>,
) -> Vec<Vec<&'a AnnotatedDocument>> {
    let hashed: Vec<Vec<(String, &AnnotatedDocument)>> = sides
        .iter()
        .map(|s| {
            s.documents
                .iter()
                .map(|&d| (crate::hash::sha256_hex(&d.text), d))
                .collect()
        })
        .collect();
    let by_hash: Vec<HashMap<&str, &AnnotatedDocument>> = hashed
        .iter()
        .map(|docs| {
            let mut m = HashMap::new();
            for (h, d) in docs {
                m.entry(h.as_str()).or_insert(*d);
            }
            m
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut matched = Vec::new();
    for docs in &hashed {
        for (h, d) in docs {
            if !seen.insert(h.as_str()) {
                continue;
            }
            let found: Vec<Option<&AnnotatedDocument>> =
                by_hash.iter().map(|m| m.get(h.as_str()).copied()).collect();
            if found.iter().all(Option::is_some) {
                matched.push(found.into_iter().flatten().collect());
            } else {
                unmatched.push(Unmatched {
                    document: d.name.clone(),
                    sha256: h.clone(),
                    found_in: found
                        .iter()
                        .zip(sides)
                        .filter(|(f, _)| f.is_some())
                        .map(|(_, s)| s.name.to_owned())
                        .collect(),
                });
            }
        }
    }
    matched
}

fn overlaps(a: &[(u32, u32)], b: &[(u32, u32)]) -> bool {
    a.iter()
        .any(|&(s, e)| b.iter().any(|&(t, f)| s < f && t < e))
}

/// Each code point's category (see the module's rule for overlaps).
fn paint(m: &Marked, len: usize, names: &Names) -> Vec<u32> {
    let mut order: Vec<usize> = (0..m.keys.len()).collect();
    let ann = &m.doc.annotations;
    order.sort_by(|&i, &j| {
        (
            ann[i].start,
            std::cmp::Reverse(ann[i].end),
            &names.names[m.keys[i].label as usize],
        )
            .cmp(&(
                ann[j].start,
                std::cmp::Reverse(ann[j].end),
                &names.names[m.keys[j].label as usize],
            ))
    });
    let mut cats = vec![0u32; len];
    for i in order {
        for &(s, e) in &m.keys[i].pieces {
            for c in cats.iter_mut().take((e as usize).min(len)).skip(s as usize) {
                if *c == 0 {
                    *c = m.keys[i].label;
                }
            }
        }
    }
    cats
}

/// Relations of `a` and `b` matched by kind and both ends' keys: matched,
/// reference's, candidate's.
fn relation_match(a: &Marked, b: &Marked) -> (usize, usize, usize) {
    let keys = |m: &Marked| -> Vec<(String, Key, Key)> {
        let by_id: HashMap<&str, &Key> = m
            .doc
            .annotations
            .iter()
            .zip(&m.keys)
            .map(|(a, k)| (a.id.as_str(), k))
            .collect();
        m.doc
            .relations
            .iter()
            .filter_map(|r| {
                Some((
                    r.kind.clone(),
                    (*by_id.get(r.from.as_str())?).clone(),
                    (*by_id.get(r.to.as_str())?).clone(),
                ))
            })
            .collect()
    };
    let (ka, kb) = (keys(a), keys(b));
    let mut left: HashMap<&(String, Key, Key), usize> = HashMap::new();
    for k in &ka {
        *left.entry(k).or_default() += 1;
    }
    let mut matched = 0;
    for k in &kb {
        if let Some(n) = left.get_mut(k).filter(|n| **n > 0) {
            *n -= 1;
            matched += 1;
        }
    }
    (matched, ka.len(), kb.len())
}

/// Pairs and counts the spans exact match leaves over (see the module doc).
fn disagree(a: &Marked, b: &Marked, index: usize, names: &Names, report: &mut Report) {
    let mut left_a: Vec<usize> = (0..a.keys.len()).collect();
    let mut left_b: Vec<usize> = (0..b.keys.len()).collect();
    let by_place = |m: &Marked, v: &mut Vec<usize>| {
        v.sort_by(|&i, &j| {
            (&m.keys[i].pieces, m.keys[i].label).cmp(&(&m.keys[j].pieces, m.keys[j].label))
        })
    };
    by_place(a, &mut left_a);
    by_place(b, &mut left_b);
    // Exact matches leave, one for one.
    let mut in_b: HashMap<&Key, Vec<usize>> = HashMap::new();
    for &j in left_b.iter().rev() {
        in_b.entry(&b.keys[j]).or_default().push(j);
    }
    let mut gone_b = vec![false; b.keys.len()];
    left_a.retain(|&i| match in_b.get_mut(&a.keys[i]).and_then(Vec::pop) {
        Some(j) => {
            gone_b[j] = true;
            false
        }
        None => true,
    });
    left_b.retain(|&j| !gone_b[j]);

    let mut pairs: Vec<(Option<usize>, Option<usize>, Kind)> = Vec::new();
    let mut paired_a = vec![false; a.keys.len()];
    let mut paired_b = vec![false; b.keys.len()];
    type Test = fn(&Key, &Key) -> bool;
    let passes: [(Kind, Test); 3] = [
        (Kind::Label, |x, y| x.pieces == y.pieces),
        (Kind::Boundary, |x, y| {
            x.label == y.label && overlaps(&x.pieces, &y.pieces)
        }),
        (Kind::Both, |x, y| overlaps(&x.pieces, &y.pieces)),
    ];
    for (kind, test) in passes {
        for &i in &left_a {
            if paired_a[i] {
                continue;
            }
            if let Some(&j) = left_b
                .iter()
                .find(|&&j| !paired_b[j] && test(&a.keys[i], &b.keys[j]))
            {
                paired_a[i] = true;
                paired_b[j] = true;
                pairs.push((Some(i), Some(j), kind));
            }
        }
    }
    pairs.extend(
        left_a
            .iter()
            .filter(|&&i| !paired_a[i])
            .map(|&i| (Some(i), None, Kind::Missing)),
    );
    pairs.extend(
        left_b
            .iter()
            .filter(|&&j| !paired_b[j])
            .map(|&j| (None, Some(j), Kind::Extra)),
    );
    let start = |p: &(Option<usize>, Option<usize>, Kind)| match p {
        (Some(i), _, _) => a.keys[*i].pieces[0],
        (None, Some(j), _) => b.keys[*j].pieces[0],
        _ => (0, 0),
    };
    pairs.sort_by_key(|p| start(p));
    // Indexed once a side: a quote through `doc.quote` indexes the whole
    // text each time, which for thousands of disagreements in one long
    // document took seconds.
    let (text_a, text_b) = (
        IndexedText::new(a.doc.text.as_str()),
        IndexedText::new(b.doc.text.as_str()),
    );
    let span = |m: &Marked, text: &IndexedText, i: usize| {
        let an: &Annotation = &m.doc.annotations[i];
        SpanOf {
            id: an.id.clone(),
            start: an.start,
            end: an.end,
            label: names.names[m.keys[i].label as usize].clone(),
            quote: quote_in(text, an).unwrap_or_default(),
        }
    };
    for (i, j, kind) in pairs {
        let c = &mut report.disagreements;
        *match kind {
            Kind::Missing => &mut c.missing,
            Kind::Extra => &mut c.extra,
            Kind::Label => &mut c.label,
            Kind::Boundary => &mut c.boundary,
            Kind::Both => &mut c.both,
        } += 1;
        report.diff.push(Disagreement {
            document: a.doc.name.clone(),
            index,
            kind,
            reference: i.map(|i| span(a, &text_a, i)),
            candidate: j.map(|j| span(b, &text_b, j)),
        });
    }
}

/// Counts of categories per item (a character or a word) over `sides`
/// raters: what Cohen's κ (the first two), Fleiss' κ and Krippendorff's α
/// are computed from.
struct Confusion {
    raters: usize,
    categories: usize,
    /// Cohen: counts of (first's category, second's category).
    pairs: Vec<u64>,
    items: u64,
    /// Fleiss and α: how many times each category was given, over all items.
    totals: Vec<u64>,
    /// Σ over items of Σ over categories of n_ic², and Fleiss' Σ P_i.
    squares: u64,
    /// Reused per item.
    scratch: Vec<u32>,
}

impl Confusion {
    fn new(raters: usize, categories: usize) -> Confusion {
        Confusion {
            raters,
            categories,
            pairs: vec![0; categories * categories],
            items: 0,
            totals: vec![0; categories],
            squares: 0,
            scratch: vec![0; categories],
        }
    }

    fn add(&mut self, cats: &[u32]) {
        self.items += 1;
        self.pairs[cats[0] as usize * self.categories + cats[1] as usize] += 1;
        for &c in cats {
            self.scratch[c as usize] += 1;
            self.totals[c as usize] += 1;
        }
        for &c in cats {
            let n = std::mem::take(&mut self.scratch[c as usize]) as u64;
            self.squares += n * n;
        }
    }

    /// Cohen's κ of the first two raters.
    fn cohen(&self) -> Option<f64> {
        let n = self.items as f64;
        if self.items == 0 {
            return None;
        }
        let k = self.categories;
        let observed = (0..k).map(|c| self.pairs[c * k + c]).sum::<u64>() as f64 / n;
        let expected: f64 = (0..k)
            .map(|c| {
                let row: u64 = (0..k).map(|d| self.pairs[c * k + d]).sum();
                let col: u64 = (0..k).map(|d| self.pairs[d * k + c]).sum();
                (row as f64 / n) * (col as f64 / n)
            })
            .sum();
        defined((observed - expected) / (1.0 - expected), expected)
    }

    fn fleiss(&self) -> Option<f64> {
        let (n, m) = (self.items as f64, self.raters as f64);
        if self.items == 0 {
            return None;
        }
        let p_bar = (self.squares as f64 - n * m) / (n * m * (m - 1.0));
        let expected: f64 = self
            .totals
            .iter()
            .map(|&t| (t as f64 / (n * m)).powi(2))
            .sum();
        defined((p_bar - expected) / (1.0 - expected), expected)
    }

    /// Krippendorff's α, nominal, every rater rating every item.
    fn alpha(&self) -> Option<f64> {
        let m = self.raters as f64;
        let n = self.items as f64 * m;
        if self.items == 0 {
            return None;
        }
        let disagree_observed = (self.items as f64 * m * m - self.squares as f64) / (m - 1.0);
        let disagree_expected =
            (n * n - self.totals.iter().map(|&t| (t as f64).powi(2)).sum::<f64>()) / (n - 1.0);
        if disagree_expected == 0.0 {
            return None;
        }
        Some(1.0 - disagree_observed / disagree_expected)
    }
}

fn defined(value: f64, expected: f64) -> Option<f64> {
    (expected < 1.0 && value.is_finite()).then_some(value)
}

/// What a reviewer keeps of one disagreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Reference,
    Candidate,
    Both,
    Neither,
}

/// The gold version of one matched document: the reference's spans that
/// exact match paired, and of each of its disagreements (`diff`, the
/// [`Report::diff`] entries of this document) what `choose` keeps. A
/// candidate span keeps its id unless the reference uses it (then it gets
/// a fresh one) and takes the reference's label of the same name, or its
/// own label, added to the set. Relations are the reference's whose both
/// ends are kept.
pub fn gold(
    reference: &AnnotatedDocument,
    candidate: &AnnotatedDocument,
    diff: &[&Disagreement],
    choose: impl Fn(usize) -> Choice,
) -> AnnotatedDocument {
    let mut out = reference.clone();
    let mut dropped = std::collections::HashSet::new();
    let mut added = Vec::new();
    for (i, d) in diff.iter().enumerate() {
        let choice = choose(i);
        if let Some(r) = &d.reference {
            if matches!(choice, Choice::Candidate | Choice::Neither) {
                dropped.insert(r.id.as_str());
            }
        }
        if let Some(c) = &d.candidate {
            if matches!(choice, Choice::Candidate | Choice::Both) {
                added.push(c);
            }
        }
    }
    out.annotations.retain(|a| !dropped.contains(a.id.as_str()));
    let mut ids: std::collections::HashSet<String> =
        reference.annotations.iter().map(|a| a.id.clone()).collect();
    for c in added {
        let Some(a) = candidate.annotations.iter().find(|a| a.id == c.id) else {
            continue;
        };
        let mut a = a.clone();
        let mut n = 1;
        while ids.contains(&a.id) {
            a.id = format!("{}-{n}", c.id);
            n += 1;
        }
        ids.insert(a.id.clone());
        a.label = match out.labels.iter().find(|l| l.name == c.label) {
            Some(l) => l.id.clone(),
            None => {
                let own = candidate
                    .label(&a.label)
                    .cloned()
                    .unwrap_or_else(|| Label::new(&a.label, &c.label, "", None));
                if !out.labels.iter().any(|l| l.id == own.id) {
                    out.labels.push(own);
                }
                a.label
            }
        };
        out.annotations.push(a);
    }
    let kept: std::collections::HashSet<&str> =
        out.annotations.iter().map(|a| a.id.as_str()).collect();
    let relations = out
        .relations
        .iter()
        .filter(|r| {
            !dropped.contains(r.from.as_str())
                && !dropped.contains(r.to.as_str())
                && kept.contains(r.from.as_str())
                && kept.contains(r.to.as_str())
        })
        .cloned()
        .collect();
    out.relations = relations;
    out
}
