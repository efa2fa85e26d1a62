//! Annotations, labels and relations: the model every format reads and writes.
//!
//! An [`AnnotatedDocument`] is a text together with everything a person
//! marked on it. Every position is a **code point** index into the text,
//! half-open `[start, end)`: `0` is before the first character, and the
//! text's length in code points is after the last. A `\r\n` counts as two.
//! The text is kept exactly as loaded; nothing here normalises it.
//!
//! An [`Annotation`] refers to its [`Label`] by the label's `id`, and a
//! [`Relation`] refers to two annotations by theirs. A discontinuous
//! annotation (北京 … 大学) keeps its pieces in `fragments`, and its
//! `start`/`end` are then the hull: the start of the first piece and the end
//! of the last.
//!
//! [`AnnotatedDocument::validate`] checks all of that and names the first
//! problem in words a person can act on.
//!
//! # Example
//!
//! ```
//! use biaozhu::annotation::{AnnotatedDocument, Annotation, Label};
//!
//! let mut doc = AnnotatedDocument::new("example.txt", "😀李白出生于碎叶城。");
//! doc.labels.push(Label::new("PER", "人物", "#e06c75", Some("1")));
//! doc.annotations.push(Annotation::new("a1", 1, 3, "PER"));
//! assert!(doc.validate().is_ok());
//! assert_eq!(doc.quote(&doc.annotations[0]).unwrap(), "李白");
//!
//! // Offsets the wrong way round are refused, with the annotation's id.
//! doc.annotations.push(Annotation::new("a7", 12, 9, "PER"));
//! let err = doc.validate().unwrap_err();
//! assert_eq!(err.to_string(), "annotation a7: offsets [12, 9) are reversed (start must be before end)");
//! ```
//!
//! # Discontinuous annotations
//!
//! ```
//! use biaozhu::annotation::{AnnotatedDocument, Annotation, Label};
//!
//! let mut doc = AnnotatedDocument::new("d.txt", "北京和上海大学");
//! doc.labels.push(Label::new("ORG", "ORG", "#61afef", None));
//! let mut a = Annotation::new("T1", 0, 7, "ORG");
//! a.fragments = vec![(0, 2), (5, 7)];
//! doc.annotations.push(a);
//! assert!(doc.validate().is_ok());
//! // The quote joins the pieces with one space, as brat does.
//! assert_eq!(doc.quote(&doc.annotations[0]).unwrap(), "北京 大学");
//! ```

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::offsets::IndexedText;
use crate::scheme::Scheme;

/// A text and what was marked on it.
///
/// Serialized (camelCase) this is exactly the page's state:
/// `{"name","text","labels","annotations","relations","docLabels","encoding"?,"scheme"?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnotatedDocument {
    /// A file name or title; not used to check anything.
    #[serde(default)]
    pub name: String,
    /// The text, exactly as decoded from its file. The page's state leaves
    /// it out when it is exported through the live document, which holds it.
    #[serde(default)]
    pub text: String,
    /// The label set, in display order.
    #[serde(default)]
    pub labels: Vec<Label>,
    /// The spans, in any order.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Links between annotations.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Labels of the whole document (classification), free strings.
    #[serde(default)]
    pub doc_labels: Vec<String>,
    /// The encoding the text was decoded from (e.g. `"GB18030"`), if known.
    #[serde(default, rename = "encoding", skip_serializing_if = "Option::is_none")]
    pub source_encoding: Option<String>,
    /// Relation types, attributes and document labels declared beside the
    /// labels; only the native format carries them.
    #[serde(default, skip_serializing_if = "Scheme::is_empty")]
    pub scheme: Scheme,
}

/// One label of the label set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// What annotations refer to; unique in the set.
    pub id: String,
    /// What a person reads.
    pub name: String,
    /// A CSS colour, e.g. `"#e06c75"`.
    #[serde(default)]
    pub color: String,
    /// The keyboard key that applies the label (`"1"`–`"9"` or a letter).
    #[serde(default)]
    pub key: Option<String>,
}

impl Label {
    /// A label from its four parts.
    pub fn new(id: &str, name: &str, color: &str, key: Option<&str>) -> Label {
        Label {
            id: id.to_owned(),
            name: name.to_owned(),
            color: color.to_owned(),
            key: key.map(str::to_owned),
        }
    }
}

/// One labelled span of the text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Unique among the document's annotations.
    pub id: String,
    /// First code point, inclusive.
    pub start: u32,
    /// Last code point, exclusive.
    pub end: u32,
    /// The `id` of a [`Label`].
    pub label: String,
    /// When it was made, ISO 8601 (`2024-05-01T12:00:00Z`); empty when the
    /// file it came from did not say.
    #[serde(default)]
    pub created: String,
    /// Empty for a contiguous span. Otherwise the pieces `(start, end)`, in
    /// order and not overlapping; `start`/`end` are then their hull.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<(u32, u32)>,
    /// Free key/value attributes (brat `A` lines).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// A free-text note (brat `AnnotatorNotes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Annotation {
    /// A contiguous annotation with no timestamp, attributes or note.
    pub fn new(id: &str, start: u32, end: u32, label: &str) -> Annotation {
        Annotation {
            id: id.to_owned(),
            start,
            end,
            label: label.to_owned(),
            ..Annotation::default()
        }
    }

    /// The pieces of the span: its fragments, or `[(start, end)]`.
    pub fn pieces(&self) -> Vec<(u32, u32)> {
        if self.fragments.is_empty() {
            vec![(self.start, self.end)]
        } else {
            self.fragments.clone()
        }
    }

    /// Whether the span has more than one piece.
    pub fn is_discontinuous(&self) -> bool {
        self.fragments.len() > 1
    }

    /// This annotation with its span moved to `[start, end)` in a text of
    /// `len` code points, its pieces following (the rule of
    /// `tests/fixtures/annotation-rules.json`, which the page's model keeps
    /// too):
    ///
    /// - the new span is checked first: reversed, out of range, empty;
    /// - a span of one piece (plain, or one fragment) simply becomes the
    ///   new span: it has no gaps to keep, so it may move past itself;
    /// - for more pieces, a start before the first piece moves that piece's
    ///   start; a start after it drops every piece that ends at or before it
    ///   and cuts the first piece left; the end likewise with the last piece;
    /// - one piece left is a plain span, none left is an empty span.
    ///
    /// So a resize never leaves pieces whose hull is not the span.
    ///
    /// ```
    /// use biaozhu::annotation::Annotation;
    ///
    /// let mut a = Annotation::new("a1", 0, 6, "PER");
    /// a.fragments = vec![(0, 2), (4, 6)];
    /// let b = a.resized(0, 8, 10).unwrap();
    /// assert_eq!((b.start, b.end, b.fragments), (0, 8, vec![(0, 2), (4, 8)]));
    /// assert_eq!(a.resized(2, 4, 10).unwrap_err().code(), "empty");
    /// // One piece moves past itself as a plain span does.
    /// a.fragments = vec![(0, 6)];
    /// let c = a.resized(7, 9, 10).unwrap();
    /// assert_eq!((c.start, c.end, c.fragments), (7, 9, vec![]));
    /// ```
    pub fn resized(&self, start: u32, end: u32, len: u32) -> Result<Annotation, ValidationError> {
        let mut out = Annotation {
            start,
            end,
            fragments: Vec::new(),
            ..self.clone()
        };
        check_span(&out, len)?;
        if self.fragments.len() <= 1 {
            return Ok(out);
        }
        let mut pieces = self.fragments.clone();
        if let Some(first) = pieces.first_mut().filter(|p| start < p.0) {
            first.0 = start;
        } else {
            pieces.retain(|&(_, e)| e > start);
            if let Some(first) = pieces.first_mut() {
                first.0 = first.0.max(start);
            }
        }
        if let Some(last) = pieces.last_mut().filter(|p| end > p.1) {
            last.1 = end;
        } else {
            pieces.retain(|&(s, _)| s < end);
            if let Some(last) = pieces.last_mut() {
                last.1 = last.1.min(end);
            }
        }
        match pieces.as_slice() {
            [] => Err(ValidationError::new(ValidationErrorKind::Empty {
                id: self.id.clone(),
                at: start,
            })),
            [(s, e)] => {
                (out.start, out.end) = (*s, *e);
                Ok(out)
            }
            [(s, _), .., (_, e)] => {
                (out.start, out.end) = (*s, *e);
                out.fragments = pieces;
                Ok(out)
            }
        }
    }
}

/// A directed link between two annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Unique among the document's relations.
    pub id: String,
    /// The `id` of the annotation it starts from.
    pub from: String,
    /// The `id` of the annotation it points to.
    pub to: String,
    /// What the link means, e.g. `"出生地"`. Written as `"kind"`. Also read
    /// from `"label"` because states the page autosaved before relations were
    /// named one way (issue 13) call it that, and such a state is still
    /// restored and exported; nothing writes `"label"` any more.
    #[serde(default, alias = "label")]
    pub kind: String,
    /// Free key/value attributes, as an annotation's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// A free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A document that breaks one of the model's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    kind: ValidationErrorKind,
}

/// What is wrong, with what is needed to say so.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValidationErrorKind {
    /// `start > end`.
    Reversed { id: String, start: u32, end: u32 },
    /// `start == end`.
    Empty { id: String, at: u32 },
    /// `end` (or a fragment's end) past the end of the text.
    OutOfRange {
        id: String,
        start: u32,
        end: u32,
        len: u32,
    },
    /// Fragments that are empty, out of order, overlapping, or whose hull is
    /// not `[start, end)`.
    BadFragments { id: String, why: String },
    /// An annotation whose label is not in the label set.
    UnknownLabel { id: String, label: String },
    /// Two annotations, two relations or two labels with one id.
    DuplicateId { what: &'static str, id: String },
    /// A relation whose end is not an annotation.
    DanglingRelation { id: String, missing: String },
}

impl ValidationErrorKind {
    /// The rule broken, as a code that does not change with the wording of
    /// the message: `reversed`, `empty`, `out-of-range`, `bad-fragments`,
    /// `unknown-label`, `duplicate-id`, `dangling-relation`. The page's model
    /// names the same rules with the same codes
    /// (`tests/fixtures/annotation-rules.json`).
    pub fn code(&self) -> &'static str {
        use ValidationErrorKind::*;
        match self {
            Reversed { .. } => "reversed",
            Empty { .. } => "empty",
            OutOfRange { .. } => "out-of-range",
            BadFragments { .. } => "bad-fragments",
            UnknownLabel { .. } => "unknown-label",
            DuplicateId { .. } => "duplicate-id",
            DanglingRelation { .. } => "dangling-relation",
        }
    }
}

impl ValidationError {
    pub(crate) fn new(kind: ValidationErrorKind) -> ValidationError {
        ValidationError { kind }
    }

    /// What is wrong.
    pub fn kind(&self) -> &ValidationErrorKind {
        &self.kind
    }

    /// The rule broken, as a stable code (see [`ValidationErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The id of the annotation, relation or label concerned.
    pub fn id(&self) -> &str {
        use ValidationErrorKind::*;
        match &self.kind {
            Reversed { id, .. }
            | Empty { id, .. }
            | OutOfRange { id, .. }
            | BadFragments { id, .. }
            | UnknownLabel { id, .. }
            | DuplicateId { id, .. }
            | DanglingRelation { id, .. } => id,
        }
    }

    /// The span concerned, in code points, if there is one.
    pub fn span(&self) -> Option<(u32, u32)> {
        use ValidationErrorKind::*;
        match &self.kind {
            Reversed { start, end, .. } | OutOfRange { start, end, .. } => Some((*start, *end)),
            Empty { at, .. } => Some((*at, *at)),
            _ => None,
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ValidationErrorKind::*;
        match &self.kind {
            Reversed { id, start, end } => write!(
                f,
                "annotation {id}: offsets [{start}, {end}) are reversed (start must be before end)"
            ),
            Empty { id, at } => write!(
                f,
                "annotation {id}: span [{at}, {at}) is empty; an annotation must cover at least one character"
            ),
            OutOfRange { id, start, end, len } => write!(
                f,
                "annotation {id}: offsets [{start}, {end}) go past the end of the text ({len} code points); was it made on another text?"
            ),
            BadFragments { id, why } => write!(f, "annotation {id}: {why}"),
            UnknownLabel { id, label } => write!(
                f,
                "annotation {id}: label {label:?} is not in the label set; add it to the labels or fix the annotation"
            ),
            DuplicateId { what, id } => {
                write!(f, "two {what}s have the id {id:?}; ids must be unique")
            }
            DanglingRelation { id, missing } => write!(
                f,
                "relation {id}: it refers to annotation {missing:?}, which does not exist"
            ),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Checks one annotation's offsets and fragments against a text of `len`
/// code points.
pub(crate) fn check_span(a: &Annotation, len: u32) -> Result<(), ValidationError> {
    use ValidationErrorKind::*;
    let id = a.id.clone();
    if a.start > a.end {
        return Err(ValidationError::new(Reversed {
            id,
            start: a.start,
            end: a.end,
        }));
    }
    if a.end > len {
        return Err(ValidationError::new(OutOfRange {
            id,
            start: a.start,
            end: a.end,
            len,
        }));
    }
    if a.start == a.end {
        return Err(ValidationError::new(Empty { id, at: a.start }));
    }
    if a.fragments.is_empty() {
        return Ok(());
    }
    let bad = |why: String| {
        Err(ValidationError::new(BadFragments {
            id: a.id.clone(),
            why,
        }))
    };
    let mut prev_end: Option<u32> = None;
    for &(s, e) in &a.fragments {
        if s >= e {
            return bad(format!(
                "fragment [{s}, {e}) is empty or reversed; every piece must cover at least one character"
            ));
        }
        if let Some(p) = prev_end {
            if s < p {
                return bad(format!(
                    "fragment [{s}, {e}) starts before the previous one ends ({p}); pieces must be in order and must not overlap"
                ));
            }
        }
        prev_end = Some(e);
    }
    let first = a.fragments.first().map_or(a.start, |f| f.0);
    let last = a.fragments.last().map_or(a.end, |f| f.1);
    if (first, last) != (a.start, a.end) {
        return bad(format!(
            "its pieces span [{first}, {last}) but the annotation says [{}, {}); start and end must be the hull of the pieces",
            a.start, a.end
        ));
    }
    Ok(())
}

impl AnnotatedDocument {
    /// Whether the text came from an encoding other than UTF-8, which an
    /// export to a UTF-8 format loses (a UTF-8 text loses nothing).
    pub fn has_legacy_encoding(&self) -> bool {
        self.source_encoding
            .as_deref()
            .is_some_and(|e| !e.eq_ignore_ascii_case("utf-8") && !e.eq_ignore_ascii_case("utf8"))
    }

    /// A document with no labels and no annotations.
    pub fn new(name: &str, text: &str) -> AnnotatedDocument {
        AnnotatedDocument {
            name: name.to_owned(),
            text: text.to_owned(),
            ..AnnotatedDocument::default()
        }
    }

    /// Length of the text in code points.
    pub fn len_cp(&self) -> u32 {
        crate::offsets::len_cp(&self.text) as u32
    }

    /// The label with this id.
    pub fn label(&self, id: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.id == id)
    }

    /// The text an annotation covers; for a discontinuous one, its pieces
    /// joined by one space (as brat writes its TEXT column). `None` if the
    /// offsets are not in the text. (It walks the text on each call; the
    /// exports index it once for all annotations.)
    pub fn quote(&self, a: &Annotation) -> Option<String> {
        quote_in(&IndexedText::new(self.text.as_str()), a)
    }

    /// Checks every rule of the model and names the first thing broken:
    /// offsets inside the text, `start < end`, fragments in order with
    /// `start`/`end` as their hull, known labels, unique ids, and relations
    /// between existing annotations.
    pub fn validate(&self) -> Result<(), ValidationError> {
        self.validate_on(self.len_cp())
    }

    /// [`validate`](Self::validate) against a text of `len` code points
    /// held elsewhere (a live [`Document`](crate::document::Document)): the
    /// document's own `text` is not read.
    pub fn validate_on(&self, len: u32) -> Result<(), ValidationError> {
        use ValidationErrorKind::*;
        let mut label_ids = HashSet::new();
        for l in &self.labels {
            if !label_ids.insert(l.id.as_str()) {
                return Err(ValidationError::new(DuplicateId {
                    what: "label",
                    id: l.id.clone(),
                }));
            }
        }
        let mut ids = HashSet::new();
        for a in &self.annotations {
            check_span(a, len)?;
            if !label_ids.contains(a.label.as_str()) {
                return Err(ValidationError::new(UnknownLabel {
                    id: a.id.clone(),
                    label: a.label.clone(),
                }));
            }
            if !ids.insert(a.id.as_str()) {
                return Err(ValidationError::new(DuplicateId {
                    what: "annotation",
                    id: a.id.clone(),
                }));
            }
        }
        let mut rel_ids = HashSet::new();
        for r in &self.relations {
            if !rel_ids.insert(r.id.as_str()) {
                return Err(ValidationError::new(DuplicateId {
                    what: "relation",
                    id: r.id.clone(),
                }));
            }
            for end in [&r.from, &r.to] {
                if !ids.contains(end.as_str()) {
                    return Err(ValidationError::new(DanglingRelation {
                        id: r.id.clone(),
                        missing: end.clone(),
                    }));
                }
            }
        }
        Ok(())
    }
}

/// [`AnnotatedDocument::quote`] on an already indexed text.
pub(crate) fn quote_in(text: &IndexedText, a: &Annotation) -> Option<String> {
    let mut out = String::new();
    for (i, (s, e)) in a.pieces().into_iter().enumerate() {
        if s > e {
            return None;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(text.slice_cp(s as usize, e as usize).ok()?);
    }
    Some(out)
}

/// Colours given to labels an import finds by name only.
pub(crate) const PALETTE: [&str; 9] = [
    "#e06c75", "#61afef", "#98c379", "#e5c07b", "#c678dd", "#56b6c2", "#d19a66", "#be5046",
    "#7f848e",
];

/// Adds a label named `name` (id = name) unless one with that id exists;
/// gives it a colour and, for the first nine, a digit key.
pub(crate) fn ensure_label(labels: &mut Vec<Label>, name: &str) {
    if labels.iter().any(|l| l.id == name) {
        return;
    }
    let i = labels.len();
    let key = (i < 9).then(|| (i + 1).to_string());
    labels.push(Label {
        id: name.to_owned(),
        name: name.to_owned(),
        color: PALETTE[i % PALETTE.len()].to_owned(),
        key,
    });
}
