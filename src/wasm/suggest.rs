//! Bindings for suggestions and learnt words (issue 17): the worker's
//! `Suggester` holds the segmenter of the whole dictionary with the
//! project's learnt words, the tagger, and the open document's words, so
//! that a new annotation re-cuts only the lines that hold its string.
//!
//! What crosses: a page state as JSON text in, the open document's words as
//! typed arrays out (only when they changed), the suggestions as one
//! serialized array of `{startCp, endCp, startU16, endU16, label, source}`.

use std::collections::{HashMap, HashSet};

use js_sys::JsString;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::js_err;
use super::text::{push_piece, Segmented, Segmenter};
use crate::segment::Segmentation;
use crate::suggest::{self, Source, Suggestion};

/// The annotations of a page state, all the learning reads of it.
#[derive(Deserialize)]
struct StateIn {
    #[serde(default)]
    annotations: Vec<AnnotationIn>,
}

#[derive(Deserialize)]
struct AnnotationIn {
    start: u32,
    end: u32,
    label: String,
    #[serde(default)]
    fragments: Vec<serde_json::Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SuggestionOut<'a> {
    start_cp: u32,
    end_cp: u32,
    start_u16: u32,
    end_u16: u32,
    label: &'a str,
    source: &'static str,
}

/// The open document's words after a re-cut, as typed arrays (those of
/// `Segmented`, whole: the page hands them to its `Document.setWords`).
#[wasm_bindgen]
pub struct Words {
    words_cp: Vec<u32>,
    words_u16: Vec<u32>,
    kinds: Vec<u8>,
    subwords_cp: Vec<u32>,
    word_count: u32,
}

#[wasm_bindgen]
impl Words {
    #[wasm_bindgen(getter, js_name = wordsCp)]
    pub fn words_cp(&self) -> Vec<u32> {
        self.words_cp.clone()
    }
    #[wasm_bindgen(getter, js_name = wordsU16)]
    pub fn words_u16(&self) -> Vec<u32> {
        self.words_u16.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn kinds(&self) -> Vec<u8> {
        self.kinds.clone()
    }
    #[wasm_bindgen(getter, js_name = subwordsCp)]
    pub fn subwords_cp(&self) -> Vec<u32> {
        self.subwords_cp.clone()
    }
    #[wasm_bindgen(getter, js_name = wordCount)]
    pub fn word_count(&self) -> u32 {
        self.word_count
    }
}

/// UTF-16 offsets of ascending code point offsets of `text`, in one pass.
fn to_u16(text: &str, cps: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut chars = text.chars();
    let (mut cp, mut u) = (0u32, 0u32);
    cps.into_iter()
        .map(|want| {
            while cp < want {
                match chars.next() {
                    Some(c) => u += c.len_utf16() as u32,
                    None => break,
                }
                cp += 1;
            }
            u
        })
        .collect()
}

/// The segmenter with learnt words, the tagger, and the open document.
#[wasm_bindgen]
pub struct Suggester {
    inner: suggest::Suggester,
    /// Dictionary words with a part of speech the mapping may name (the
    /// page's dictionary carries them apart from the segmenter's index).
    pos: HashMap<String, String>,
    mapping: Vec<(String, String)>,
    open: Option<Open>,
}

#[wasm_bindgen]
impl Suggester {
    /// Takes over `segmenter` (it cannot be used after): its words are
    /// the ones the learnt words are laid over.
    #[wasm_bindgen(constructor)]
    pub fn new(segmenter: Segmenter) -> Suggester {
        let mut inner = suggest::Suggester::new(segmenter.into_core());
        // Nothing is mapped until the page says which labels the parts of speech are.
        let _ = inner.set_mapping("");
        Suggester {
            inner,
            pos: HashMap::new(),
            mapping: Vec::new(),
            open: None,
        }
    }

    /// Segments a whole text with the learnt words (as `Segmenter.segment`).
    pub fn segment(&self, text: &JsString) -> Result<Segmented, JsError> {
        let mut seg = Segmented::default();
        push_piece(&self.inner.segmenter, &mut seg, text)?;
        Ok(seg)
    }

    /// As `Segmenter.segmentNext`.
    #[wasm_bindgen(js_name = segmentNext)]
    pub fn segment_next(&self, seg: &mut Segmented, piece: &JsString) -> Result<(), JsError> {
        push_piece(&self.inner.segmenter, seg, piece)
    }

    /// The mapping from parts of speech to label ids, `nr=PER,ns=LOC`
    /// (empty: none). A bad pair is refused, naming it; nothing changes.
    #[wasm_bindgen(js_name = setMapping)]
    pub fn set_mapping(&mut self, text: &str) -> Result<(), JsError> {
        self.inner.set_mapping(text).map_err(js_err)?;
        self.mapping = text
            .split(',')
            .filter_map(|p| p.split_once('='))
            .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
            .collect();
        Ok(())
    }

    /// The dictionary's parts of speech, `word tag` lines (the packed
    /// dictionary's `partsOfSpeech`); they replace any given before.
    #[wasm_bindgen(js_name = setPartsOfSpeech)]
    pub fn set_parts_of_speech(&mut self, lines: &str) {
        self.pos = lines
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(w, t)| (w.to_owned(), t.trim().to_owned()))
            .collect();
    }

    /// Learns a word (cut whole from now on), with a tag (a label id).
    #[wasm_bindgen(js_name = learnWord)]
    pub fn learn_word(&mut self, word: &str, tag: Option<String>) -> Result<(), JsError> {
        self.inner
            .segmenter
            .learn(word, None, tag.as_deref())
            .map_err(js_err)
    }

    /// Forgets a learnt word; whether it was one.
    pub fn forget(&mut self, word: &str) -> bool {
        self.inner.segmenter.forget(word)
    }

    /// The learnt words as jieba user dictionary lines, `word freq tag`.
    #[wasm_bindgen(js_name = exportUserDict)]
    pub fn export_user_dict(&self) -> String {
        self.inner.segmenter.export_user_dict()
    }

    /// Makes `text` (user dictionary lines) the learnt words, in place of
    /// those before; a bad line is refused, naming its number, and then
    /// nothing changes. Returns how many words there are.
    #[wasm_bindgen(js_name = replaceUserDict)]
    pub fn replace_user_dict(&mut self, text: &str) -> Result<u32, JsError> {
        crate::segment::Learnt::parse(text).map_err(js_err)?;
        let old: Vec<String> = self
            .inner
            .segmenter
            .learnt()
            .iter()
            .map(|(w, _)| w.to_owned())
            .collect();
        for w in &old {
            self.inner.segmenter.forget(w);
        }
        let n = self
            .inner
            .segmenter
            .import_user_dict(text)
            .map_err(js_err)?;
        Ok(n as u32)
    }

    /// How many words are learnt.
    #[wasm_bindgen(getter, js_name = learntCount)]
    pub fn learnt_count(&self) -> u32 {
        self.inner.segmenter.learnt().len() as u32
    }

    /// How many lines the tagger has learnt.
    #[wasm_bindgen(getter, js_name = linesLearnt)]
    pub fn lines_learnt(&self) -> u32 {
        self.inner.lines_learnt() as u32
    }

    /// Makes `text` the open document: segmented with the learnt words and kept.
    pub fn open(&mut self, text: &JsString) -> Result<(), JsError> {
        let text = text
            .as_string()
            .ok_or_else(|| JsError::new("expected a string"))?;
        let seg = self.inner.segmenter.segment(&text);
        self.open = Some(Open::new(text, seg));
        Ok(())
    }

    /// The open document's words (`undefined` when none is open).
    #[wasm_bindgen(js_name = openWords)]
    pub fn open_words(&self) -> Option<Words> {
        self.open.as_ref().map(|o| self.words_of(&o.text, &o.seg))
    }

    /// Learns the open document's annotations (`state`: a page state as
    /// JSON, whose `annotations` are read): the lines that `touched`
    /// (code point `start, end` pairs) overlaps, or every line with an
    /// annotation when it is empty. The labelled strings of the labels the
    /// mapping names become learnt words; the lines of the open document
    /// that hold a new one are re-cut, and its words come back (`undefined`
    /// when none changed). The suggestions of the lines learnt or re-cut are
    /// made again by the next `suggest`; those of the other lines, which the
    /// tagger's step changes less, by `refresh`.
    pub fn learn(&mut self, state: &str, touched: &[u32]) -> Result<Option<Words>, JsError> {
        let state: StateIn = serde_json::from_str(state)
            .map_err(|e| JsError::new(&format!("the page state could not be read: {e}")))?;
        let Some(mut open) = self.open.take() else {
            return Err(JsError::new("no document is open to learn from"));
        };
        let result = self.learn_open(&mut open, state, touched);
        self.open = Some(open);
        result
    }

    /// The suggestions for the open document: every other occurrence of a
    /// labelled string, then the tagger's spans once it has learnt a line
    /// (else the dictionary's parts of speech the mapping names), none
    /// overlapping one before it. Lines never suggested for, learnt or
    /// re-cut are suggested for now; the others as `refresh` left them.
    pub fn suggest(&mut self) -> Result<JsValue, JsError> {
        let Some(mut open) = self.open.take() else {
            return Ok(js_sys::Array::new().into());
        };
        for i in 0..open.lines.len() {
            if open.cache.get(i).is_some_and(|c| c.is_none()) {
                self.suggest_line(&mut open, i);
            }
        }
        let found: Vec<&Suggestion> = open.cache.iter().flatten().flat_map(|c| &c.0).collect();
        let u16s = to_u16(&open.text, found.iter().flat_map(|s| [s.start, s.end]));
        let out: Vec<SuggestionOut> = found
            .iter()
            .zip(u16s.chunks_exact(2))
            .map(|(s, u)| SuggestionOut {
                start_cp: s.start,
                end_cp: s.end,
                start_u16: u.first().copied().unwrap_or_default(),
                end_u16: u.get(1).copied().unwrap_or_default(),
                label: &s.label,
                source: match s.source {
                    Source::Dictionary => "dictionary",
                    Source::Repeat => "repeat",
                    Source::Model => "model",
                },
            })
            .collect();
        let value = serde_wasm_bindgen::to_value(&out).map_err(js_err);
        self.open = Some(open);
        value
    }

    /// Suggests again for up to `lines` lines whose suggestions predate the
    /// tagger's last step; how many such lines remain.
    pub fn refresh(&mut self, lines: u32) -> u32 {
        let Some(mut open) = self.open.take() else {
            return 0;
        };
        let mut left = lines;
        let mut remain = 0;
        for i in 0..open.lines.len() {
            if open
                .cache
                .get(i)
                .is_some_and(|c| c.as_ref().is_some_and(|c| !c.1))
            {
                if left > 0 {
                    self.suggest_line(&mut open, i);
                    left -= 1;
                } else {
                    remain += 1;
                }
            }
        }
        self.open = Some(open);
        remain
    }
}

/// The open document: its text and words, its lines (code point and byte
/// ranges), and each line's suggestions with whether they are of the
/// tagger as it is (`None`: to be made before the next answer).
struct Open {
    text: String,
    seg: Segmentation,
    lines: Vec<(u32, u32, usize, usize)>,
    cache: Vec<Option<(Vec<Suggestion>, bool)>>,
}

impl Open {
    fn new(text: String, seg: Segmentation) -> Open {
        let mut lines = Vec::new();
        let mut byte = 0usize;
        for (start, line) in suggest::lines(&text) {
            let end = start + line.chars().count() as u32;
            lines.push((start, end, byte, byte + line.len()));
            // The line, its `\r` if any, and its `\n`.
            byte = text
                .get(byte..)
                .and_then(|rest| rest.find('\n'))
                .map_or(text.len(), |i| byte + i + 1);
        }
        let cache = vec![None; lines.len()];
        Open {
            text,
            seg,
            lines,
            cache,
        }
    }

    fn line(&self, i: usize) -> (u32, u32, &str) {
        let (s, e, b0, b1) = self.lines.get(i).copied().unwrap_or_default();
        (s, e, self.text.get(b0..b1).unwrap_or_default())
    }

    /// The lines `[start, end]` (code points) overlaps.
    fn lines_over(&self, start: u32, end: u32) -> std::ops::Range<usize> {
        let lo = self.lines.partition_point(|l| l.1 < start);
        let hi = self.lines.partition_point(|l| l.0 <= end);
        lo..hi.max(lo)
    }
}

impl Suggester {
    fn learn_open(
        &mut self,
        open: &mut Open,
        state: StateIn,
        touched: &[u32],
    ) -> Result<Option<Words>, JsError> {
        let before: HashMap<String, Option<String>> = self
            .inner
            .segmenter
            .learnt()
            .iter()
            .map(|(w, l)| (w.to_owned(), l.tag.clone()))
            .collect();
        let mut anns: Vec<&AnnotationIn> = state
            .annotations
            .iter()
            .filter(|a| a.start < a.end && a.fragments.is_empty())
            .collect();
        anns.sort_by_key(|a| a.start);
        let mut lines: Vec<usize> = if touched.is_empty() {
            anns.iter()
                .flat_map(|a| open.lines_over(a.start, a.start))
                .collect()
        } else {
            touched
                .chunks_exact(2)
                .filter_map(|p| Some(open.lines_over(*p.first()?, *p.get(1)?)))
                .flatten()
                .collect()
        };
        lines.dedup();
        lines.sort_unstable();
        lines.dedup();
        for &i in &lines {
            let (start, end, line) = open.line(i);
            let lo = anns.partition_point(|a| a.start < start);
            let spans: Vec<(u32, u32, &str)> = anns
                .get(lo..)
                .unwrap_or_default()
                .iter()
                .take_while(|a| a.start <= end)
                .filter(|a| a.end <= end)
                .map(|a| (a.start - start, a.end - start, a.label.as_str()))
                .collect();
            self.inner.learn_line(line, &spans);
        }
        // Only the labels the mapping names (names, places, organisations)
        // make words: a labelled phrase cut whole would leave no boundary
        // for a drag to reach the names nested inside it.
        let changed_words: Vec<(String, Option<String>)> = self
            .inner
            .segmenter
            .learnt()
            .iter()
            .filter(|(w, l)| before.get(*w).is_none_or(|t| *t != l.tag))
            .map(|(w, l)| (w.to_owned(), l.tag.clone()))
            .collect();
        let mut new = Vec::new();
        for (word, tag) in changed_words {
            let wanted = tag
                .as_ref()
                .is_some_and(|t| self.mapping.iter().any(|(_, l)| l == t));
            if wanted {
                new.push(word);
                continue;
            }
            self.inner.segmenter.forget(&word);
            if let Some(old) = before.get(&word) {
                self.inner
                    .segmenter
                    .learn(&word, None, old.as_deref())
                    .map_err(js_err)?;
            }
        }
        // The tagger stepped: every line's suggestions are stale; those learnt are made first.
        for c in open.cache.iter_mut().flatten() {
            c.1 = false;
        }
        for &i in &lines {
            if let Some(c) = open.cache.get_mut(i) {
                *c = None;
            }
        }
        let mut changed = false;
        if !new.is_empty() {
            let new: HashSet<&str> = new.iter().map(String::as_str).collect();
            for i in 0..open.lines.len() {
                let (_, _, line) = open.line(i);
                if new.iter().any(|w| line.contains(w)) {
                    self.recut_line(open, i);
                    if lines.binary_search(&i).is_err() {
                        self.repeats_now(open, i);
                    }
                    changed = true;
                }
            }
        }
        Ok(changed.then(|| self.words_of(&open.text, &open.seg)))
    }

    /// Cuts line `i` of the open document again, in its words (as
    /// `Segmenter::resegment` does, which would look for the line's start
    /// from the text's: once a line, quadratic for a word on many lines).
    fn recut_line(&self, open: &mut Open, i: usize) {
        let (start, _, b0, _) = open.lines.get(i).copied().unwrap_or_default();
        // With its line break: the boundary at the next line's start is that line's.
        let b1 = open.lines.get(i + 1).map_or(open.text.len(), |l| l.2);
        let next = open.lines.get(i + 1).map_or(u32::MAX, |l| l.0);
        let mut part = Segmentation::default();
        let piece = open.text.get(b0..b1).unwrap_or_default();
        self.inner.segmenter.segment_after(piece, start, &mut part);
        let words = &mut open.seg.words;
        let lo = words.partition_point(|w| w.end <= start);
        let hi = words.partition_point(|w| w.start < next);
        words.splice(lo..hi.max(lo), part.words);
        let bounds = &mut open.seg.subword_boundaries;
        let lo = bounds.partition_point(|&x| x < start);
        let hi = bounds.partition_point(|&x| x < next);
        bounds.splice(lo..hi.max(lo), part.subword_boundaries);
    }

    /// Line `i`'s repeats made again at once (a new word may be on many
    /// lines), its other suggestions kept till `refresh` makes them again.
    fn repeats_now(&self, open: &mut Open, i: usize) {
        let (start, _, line) = open.line(i);
        let mut mine: Vec<Suggestion> = self
            .inner
            .repeats_line(line)
            .into_iter()
            .map(|mut s| {
                s.start += start;
                s.end += start;
                s
            })
            .collect();
        let kept = open.cache.get(i).cloned().flatten().map(|c| c.0);
        for s in kept.into_iter().flatten() {
            let overlaps = mine.iter().any(|m| m.start < s.end && s.start < m.end);
            if s.source != Source::Repeat && !overlaps {
                mine.push(s);
            }
        }
        mine.sort_by_key(|s| (s.start, s.end));
        if let Some(c) = open.cache.get_mut(i) {
            *c = Some((mine, false));
        }
    }

    /// Makes line `i`'s suggestions again.
    fn suggest_line(&self, open: &mut Open, i: usize) {
        let (start, end, line) = open.line(i);
        let at = |mut s: Suggestion| {
            s.start += start;
            s.end += start;
            s
        };
        let mut mine: Vec<Suggestion> = self.inner.repeats_line(line).into_iter().map(at).collect();
        let others = if self.inner.lines_learnt() > 0 {
            self.inner.model_line(line).into_iter().map(at).collect()
        } else {
            self.dictionary(line, &open.seg, start, end)
        };
        for s in others {
            if !mine.iter().any(|m| m.start < s.end && s.start < m.end) {
                mine.push(s);
            }
        }
        mine.sort_by_key(|s| (s.start, s.end));
        if let Some(c) = open.cache.get_mut(i) {
            *c = Some((mine, true));
        }
    }

    /// The words of the open document's line `line`, `[from, to)`, whose part of speech the mapping names.
    fn dictionary(&self, line: &str, seg: &Segmentation, from: u32, to: u32) -> Vec<Suggestion> {
        if self.mapping.is_empty() || self.pos.is_empty() {
            return Vec::new();
        }
        let lo = seg.words.partition_point(|w| w.end <= from);
        let line: Vec<char> = line.chars().collect();
        seg.words
            .get(lo..)
            .unwrap_or_default()
            .iter()
            .take_while(|w| w.start < to)
            .filter_map(|w| {
                let word: String = line
                    .get((w.start - from) as usize..(w.end - from) as usize)?
                    .iter()
                    .collect();
                let tag = self.pos.get(&word)?;
                let (_, label) = self.mapping.iter().find(|(p, _)| p == tag)?;
                Some(Suggestion {
                    start: w.start,
                    end: w.end,
                    label: label.clone(),
                    source: Source::Dictionary,
                })
            })
            .collect()
    }

    fn words_of(&self, text: &str, seg: &Segmentation) -> Words {
        let words_cp: Vec<u32> = seg.words.iter().flat_map(|w| [w.start, w.end]).collect();
        Words {
            words_u16: to_u16(text, words_cp.iter().copied()),
            words_cp,
            kinds: seg.words.iter().map(|w| w.kind as u8).collect(),
            subwords_cp: seg.subword_boundaries.clone(),
            word_count: seg.word_count() as u32,
        }
    }
}
