//! Prodigy / spaCy JSONL: one task a line, with tokens.
//!
//! ```json
//! {"text": "😀李白出生于碎叶城。", "tokens": [{"text": "😀", "start": 0, "end": 1, "id": 0, "ws": false}, ...],
//!  "spans": [{"start": 1, "end": 3, "token_start": 1, "token_end": 1, "label": "PER"}],
//!  "relations": [{"head": 1, "child": 4, "label": "出生地", "head_span": {...}, "child_span": {...}}],
//!  "answer": "accept", "meta": {"name": "libai.txt"}}
//! ```
//!
//! `start`/`end` are **code points** (Python `str` indices); `token_start`
//! and `token_end` are token indices, and `token_end` is **inclusive**.
//!
//! The export's tokens are our words ([`Segmentation`]), so it needs them,
//! and what lies between them, as spaCy tokenizes it: a word followed by
//! one space (U+0020) has `ws: true` and that space is no token; any other
//! text between words (line breaks, `\r\n`, tabs, U+3000, the rest of a run
//! of spaces after its first, white space at the start or the end of the
//! text) is one token of its own with `ws: false`, as spaCy keeps `\n\n`
//! or `\r\n` whole. So every token's `text` followed by a space when `ws`
//! gives the task's `text` exactly, and spaCy's
//! `Doc(vocab, words=[t["text"] …], spaces=[t["ws"] …])` has the same text
//! and the same code point offsets: `doc.char_span(start, end)` finds every
//! span on token boundaries. `id` is a token's index in this list.
//!
//! A span whose ends are not token boundaries (inside a word, or taking in
//! the space a word carries as `ws`) keeps its exact offsets, its token
//! indices cover the tokens it touches, and [`Exported::left_out`] counts
//! it as off word boundaries. A span of only that space touches no token
//! and is written without token indices. Relations are written with the
//! token ending each span as `head`/`child`. Not carried: discontinuous
//! spans (one span per piece), notes, attributes, creation times, ids,
//! label colours.
//!
//! The import reads the spans by their offsets, not their token indices:
//! files written before the tokens held white space read as they did. It
//! checks every token's and every span's `text`, when present, against the
//! text at its offsets, and refuses the file on a mismatch.
//! `_input_hash` is Prodigy's own murmurhash and is not recomputed.

use std::collections::HashMap;

use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    describe, field_offset, field_str, label_value, opt_field_str, stem, wrong_field, ExportError,
    Exported, ImportError, ImportErrorKind, LeftOut, Source,
};
use crate::annotation::{
    check_span, ensure_label, quote_in, AnnotatedDocument, Annotation, Relation,
};
use crate::offsets::{DenseIndex, IndexedText};
use crate::segment::{Segmentation, Word};

/// One token as Prodigy writes it.
#[derive(Serialize)]
struct Token<'a> {
    text: &'a str,
    start: u32,
    end: u32,
    id: usize,
    ws: bool,
}

/// A token that is no word: the text between two words (or before the
/// first, or after the last) less the one space the word before it carries
/// as `ws`.
#[derive(Clone, Copy)]
struct Gap {
    /// The index of the word it comes before (the number of words when it
    /// ends the text).
    before: usize,
    start: u32,
    end: u32,
}

/// The tokens: the words and the gaps between them, in text order, each
/// written as it is reached (a book has hundreds of thousands). Only the
/// gaps are kept apart, and most texts have few: a line break, a space
/// too many.
struct Tokens<'a> {
    words: &'a [Word],
    gaps: Vec<Gap>,
    text: &'a DenseIndex<'a>,
}

impl<'a> Tokens<'a> {
    fn new(words: &'a [Word], text: &'a DenseIndex<'a>) -> Tokens<'a> {
        let len = text.len_cp() as u32;
        let mut gaps = Vec::new();
        for before in 0..=words.len() {
            let mut start = match before {
                0 => 0,
                _ => words[before - 1].end,
            };
            let end = words.get(before).map_or(len, |w| w.start);
            if before > 0 && start < end && text.char_at(start as usize) == Some(' ') {
                // The word before carries it as `ws`.
                start += 1;
            }
            if start < end {
                gaps.push(Gap { before, start, end });
            }
        }
        Tokens { words, gaps, text }
    }

    fn len(&self) -> usize {
        self.words.len() + self.gaps.len()
    }

    /// The index of word `i` among the tokens.
    fn of_word(&self, i: usize) -> usize {
        i + self.gaps.partition_point(|g| g.before <= i)
    }

    /// The index of gap `j` among the tokens.
    fn of_gap(&self, j: usize) -> usize {
        self.gaps[j].before + j
    }

    /// Whether word `i` is followed by one space that is no token.
    fn ws(&self, i: usize) -> bool {
        let end = self.words[i].end;
        let next = self
            .words
            .get(i + 1)
            .map_or(self.text.len_cp() as u32, |w| w.start);
        end < next && self.text.char_at(end as usize) == Some(' ')
    }

    /// The first and last tokens `[s, e)` touches, and whether it starts at
    /// the first's start and ends at the last's end; `None` when it touches
    /// none (a span of only a space a word carries as `ws`).
    fn range(&self, s: u32, e: u32) -> Option<(usize, usize, bool)> {
        // Words and gaps each ascend and do not overlap: binary search both,
        // and take the nearer.
        let (words, gaps) = (self.words, &self.gaps);
        let word = words.partition_point(|w| w.end <= s);
        let gap = gaps.partition_point(|g| g.end <= s);
        let first = [
            words.get(word).map(|w| (self.of_word(word), w.start)),
            gaps.get(gap).map(|g| (self.of_gap(gap), g.start)),
        ]
        .into_iter()
        .flatten()
        .min()?;
        let word = words.partition_point(|w| w.start < e).checked_sub(1);
        let gap = gaps.partition_point(|g| g.start < e).checked_sub(1);
        let last = [
            word.map(|i| (self.of_word(i), words[i].end)),
            gap.map(|j| (self.of_gap(j), gaps[j].end)),
        ]
        .into_iter()
        .flatten()
        .max()?;
        if last.0 < first.0 {
            return None;
        }
        Some((first.0, last.0, first.1 == s && last.1 == e))
    }
}

impl Serialize for Tokens<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        let mut gaps = self.gaps.iter().peekable();
        let mut id = 0;
        for before in 0..=self.words.len() {
            if let Some(g) = gaps.next_if(|g| g.before == before) {
                seq.serialize_element(&Token {
                    text: self.text.slice(g.start as usize, g.end as usize),
                    start: g.start,
                    end: g.end,
                    id,
                    ws: false,
                })?;
                id += 1;
            }
            if let Some(w) = self.words.get(before) {
                seq.serialize_element(&Token {
                    text: self.text.slice(w.start as usize, w.end as usize),
                    start: w.start,
                    end: w.end,
                    id,
                    ws: self.ws(before),
                })?;
                id += 1;
            }
        }
        seq.end()
    }
}

// Spans, relations and `meta` were first written as `serde_json::Value`
// objects, whose keys print sorted: their fields are declared in that order
// so files stay byte for byte what they were.

#[derive(Clone, Copy, Serialize)]
struct Span<'a> {
    end: u32,
    label: &'a str,
    start: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    token_end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token_start: Option<usize>,
}

#[derive(Serialize)]
struct RelationOut<'a> {
    child: Option<usize>,
    child_span: Span<'a>,
    head: Option<usize>,
    head_span: Span<'a>,
    label: &'a str,
}

#[derive(Serialize)]
struct Meta<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Task<'a> {
    text: &'a str,
    meta: Meta<'a>,
    tokens: Tokens<'a>,
    spans: Vec<Span<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relations: Vec<RelationOut<'a>>,
    #[serde(rename = "_view_id")]
    view_id: &'static str,
    answer: &'static str,
}

/// Writes one JSONL line; `words` must be the words of `doc.text`.
pub(crate) fn export(
    doc: &AnnotatedDocument,
    source: &Source<'_>,
    words: &Segmentation,
) -> Result<Exported, ExportError> {
    let text = source.text.dense();
    let mut left = LeftOut::default();
    let tokens = Tokens::new(&words.words, &text);
    let (mut misaligned, mut split) = (0, 0);
    let mut spans = Vec::with_capacity(doc.annotations.len());
    let mut span_of = HashMap::with_capacity(doc.annotations.len());
    for a in &doc.annotations {
        if a.is_discontinuous() {
            split += 1;
        }
        let mut this_aligned = true;
        for (s, e) in a.pieces() {
            let mut span = Span {
                end: e,
                label: &a.label,
                start: s,
                token_end: None,
                token_start: None,
            };
            match tokens.range(s, e) {
                Some((ts, te, aligned)) => {
                    this_aligned &= aligned;
                    span.token_start = Some(ts);
                    span.token_end = Some(te);
                }
                None => this_aligned = false,
            }
            span_of.entry(a.id.as_str()).or_insert(span);
            spans.push(span);
        }
        if !this_aligned {
            misaligned += 1;
        }
    }
    let relations: Vec<RelationOut<'_>> = doc
        .relations
        .iter()
        .filter_map(|r| {
            let h = *span_of.get(r.from.as_str())?;
            let c = *span_of.get(r.to.as_str())?;
            Some(RelationOut {
                child: c.token_end,
                child_span: c,
                head: h.token_end,
                head_span: h,
                label: &r.kind,
            })
        })
        .collect();
    let task = Task {
        text: source.text.as_str(),
        meta: Meta { name: &doc.name },
        tokens,
        spans,
        relations,
        view_id: "ner_manual",
        answer: "accept",
    };
    // Off token boundaries; the white space tokens count among "the words"
    // here, as the page translates this phrase by its words
    // (`www/js/i18n/left-out.js`).
    left.count(
        misaligned,
        "annotations not on word boundaries (exact offsets kept; token indices cover the words they touch)",
    );
    left.count(split, "discontinuous annotations (one span per piece)");
    left.notes(doc);
    left.attributes(doc);
    left.creation_times(doc);
    left.when(!doc.annotations.is_empty(), "annotation ids");
    left.document_extras(doc);
    let mut out = serde_json::to_string(&task).unwrap_or_default();
    out.push('\n');
    Ok(Exported {
        files: vec![(format!("{}.prodigy.jsonl", stem(&doc.name)), out)],
        left_out: left.into_vec(),
    })
}

/// The part of a task the import reads; tokens typed, as a book has
/// hundreds of thousands.
#[derive(Deserialize)]
struct TaskIn {
    text: Option<String>,
    #[serde(default)]
    meta: Value,
    #[serde(default)]
    tokens: Vec<TokenIn>,
    #[serde(default)]
    spans: Vec<Value>,
    #[serde(default)]
    relations: Vec<Value>,
}

#[derive(Deserialize)]
struct TokenIn {
    start: u32,
    end: u32,
    #[serde(default)]
    text: Option<String>,
}

fn offsets(v: &Value) -> Option<(u32, u32)> {
    let s = v.get("start")?.as_u64()?;
    let e = v.get("end")?.as_u64()?;
    Some((u32::try_from(s).ok()?, u32::try_from(e).ok()?))
}

/// Reads every line as one document.
pub(crate) fn import_all(file: &str, content: &str) -> Result<Vec<AnnotatedDocument>, ImportError> {
    let lines = super::jsonl_lines(content);
    let many = lines.len() > 1;
    let mut docs = Vec::new();
    for (k, (n, line)) in lines.into_iter().enumerate() {
        let syntax = |m: String| ImportError::syntax(file, n, m);
        let v: TaskIn =
            serde_json::from_str(line).map_err(|e| ImportError::json(file, line, &e).at_line(n))?;
        let text = v
            .text
            .as_deref()
            .ok_or_else(|| syntax("\"text\" is missing: a Prodigy task holds its text".into()))?;
        if !(v.meta.is_object() || v.meta.is_null()) {
            return Err(syntax(wrong_field("meta", "an object", Some(&v.meta))));
        }
        let name = opt_field_str(&v.meta, "name")
            .map_err(|m| syntax(format!("\"meta\": {m}")))?
            .map(str::to_owned)
            .unwrap_or_else(|| {
                if many {
                    format!("{}-{}.txt", stem(file), k + 1)
                } else {
                    format!("{}.txt", stem(file))
                }
            });
        let mut doc = AnnotatedDocument::new(&name, text);
        let it = IndexedText::new(text);
        let len = it.len_cp() as u32;
        for (i, tok) in v.tokens.iter().enumerate() {
            let same = tok.start <= tok.end
                && tok.end <= len
                && tok
                    .text
                    .as_deref()
                    .is_none_or(|t| it.slice_cp(tok.start as usize, tok.end as usize) == Ok(t));
            if !same {
                // Only now build what the error needs.
                let a = Annotation::new(&format!("token {i}"), tok.start, tok.end, "");
                check_span(&a, len).map_err(|err| ImportError::invalid(file, err).at_line(n))?;
                if let Some(t) = &tok.text {
                    super::check_quote(file, &it, &a, t).map_err(|err| err.at_line(n))?;
                }
            }
        }
        for (i, sp) in v.spans.iter().enumerate() {
            let at = |m: String| syntax(format!("span {}: {m}", i + 1));
            if !sp.is_object() {
                return Err(at(format!("must be an object, found {}", describe(sp))));
            }
            let s = field_offset(sp, "start").map_err(at)?;
            let e = field_offset(sp, "end").map_err(at)?;
            let label = label_value(sp.get("label"), "label").map_err(at)?;
            let quote = opt_field_str(sp, "text").map_err(at)?;
            let id = format!("a{}", doc.annotations.len() + 1);
            let a = Annotation::new(&id, s, e, label);
            check_span(&a, len).map_err(|err| ImportError::invalid(file, err).at_line(n))?;
            if let Some(t) = quote {
                super::check_quote(file, &it, &a, t).map_err(|err| err.at_line(n))?;
            }
            ensure_label(&mut doc.labels, label);
            doc.annotations.push(a);
        }
        for (i, r) in v.relations.iter().enumerate() {
            // Spans of one extent with different labels are told apart by
            // the label the relation's span names, when it names one.
            let find = |key: &str| {
                let span = r.get(key)?;
                let (s, e) = offsets(span)?;
                let label = span.get("label").and_then(Value::as_str);
                doc.annotations
                    .iter()
                    .find(|a| a.start == s && a.end == e && label.is_none_or(|l| a.label == l))
                    .map(|a| a.id.clone())
            };
            let kind =
                field_str(r, "label").map_err(|m| syntax(format!("relation {}: {m}", i + 1)))?;
            match (find("head_span"), find("child_span")) {
                (Some(from), Some(to)) => doc.relations.push(Relation {
                    id: format!("r{}", i + 1),
                    from,
                    to,
                    kind: kind.to_owned(),
                    ..Default::default()
                }),
                _ => {
                    return Err(ImportError::new(
                        file,
                        ImportErrorKind::Syntax(format!(
                            "relation {} needs head_span and child_span matching spans of the task",
                            i + 1
                        )),
                    )
                    .at_line(n))
                }
            }
        }
        // Quotes the file gave are checked; make sure ours agree too.
        debug_assert!(doc.annotations.iter().all(|a| quote_in(&it, a).is_some()));
        docs.push(doc);
    }
    Ok(docs)
}
