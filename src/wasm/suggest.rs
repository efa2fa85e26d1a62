//! Bindings for suggestions and learnt words (issue 17): the worker's
//! `Suggester` holds the segmenter of the whole dictionary with the
//! project's learnt words, the tagger, and the open document's words, so
//! that a new annotation re-cuts only the lines that hold its string.
//!
//! What crosses: a page state as JSON text in, the open document's words as
//! typed arrays out (only when they changed), and the suggestions as typed
//! arrays too (`Found`): a document has thousands, which as one object each
//! took longer to make, post and read than the rest of an update.

use js_sys::JsString;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::js_err;
use super::text::{push_piece, Segmented, Segmenter};
use crate::offsets::IndexedText;
use crate::segment::Segmentation;
use crate::suggest::session::Session;
use crate::suggest::{Source, Suggestion};

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

/// The open document's suggestions, one column each: suggestion `i` is
/// `[startCp[i], endCp[i])` (`startU16`, `endU16` in UTF-16 units), of
/// label `labels[label[i]]`, from `sources[source[i]]`.
#[wasm_bindgen]
pub struct Found {
    start_cp: Vec<u32>,
    end_cp: Vec<u32>,
    start_u16: Vec<u32>,
    end_u16: Vec<u32>,
    label: Vec<u32>,
    labels: Vec<String>,
    source: Vec<u8>,
}

/// The names of `Found.source`'s values.
const SOURCES: [&str; 3] = ["dictionary", "repeat", "model"];

#[wasm_bindgen]
impl Found {
    #[wasm_bindgen(getter, js_name = startCp)]
    pub fn start_cp(&self) -> Vec<u32> {
        self.start_cp.clone()
    }
    #[wasm_bindgen(getter, js_name = endCp)]
    pub fn end_cp(&self) -> Vec<u32> {
        self.end_cp.clone()
    }
    #[wasm_bindgen(getter, js_name = startU16)]
    pub fn start_u16(&self) -> Vec<u32> {
        self.start_u16.clone()
    }
    #[wasm_bindgen(getter, js_name = endU16)]
    pub fn end_u16(&self) -> Vec<u32> {
        self.end_u16.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn label(&self) -> Vec<u32> {
        self.label.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn labels(&self) -> Vec<String> {
        self.labels.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn source(&self) -> Vec<u8> {
        self.source.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn sources(&self) -> Vec<String> {
        SOURCES.map(str::to_owned).to_vec()
    }
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        self.start_cp.len() as u32
    }
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

/// The segmenter with learnt words, the tagger, and the open document.
#[wasm_bindgen]
pub struct Suggester {
    inner: Session,
}

#[wasm_bindgen]
impl Suggester {
    /// Takes over `segmenter` (it cannot be used after): its words are
    /// the ones the learnt words are laid over.
    #[wasm_bindgen(constructor)]
    pub fn new(segmenter: Segmenter) -> Suggester {
        Suggester {
            inner: Session::new(segmenter.into_core()),
        }
    }

    /// Segments a whole text with the learnt words (as `Segmenter.segment`).
    pub fn segment(&self, text: &JsString) -> Result<Segmented, JsError> {
        let mut seg = Segmented::default();
        push_piece(&self.inner.suggester.segmenter, &mut seg, text)?;
        Ok(seg)
    }

    /// As `Segmenter.segmentNext`.
    #[wasm_bindgen(js_name = segmentNext)]
    pub fn segment_next(&self, seg: &mut Segmented, piece: &JsString) -> Result<(), JsError> {
        push_piece(&self.inner.suggester.segmenter, seg, piece)
    }

    /// The mapping from parts of speech to label ids, `nr=PER,ns=LOC`
    /// (empty: none). A bad pair is refused, naming it; nothing changes.
    #[wasm_bindgen(js_name = setMapping)]
    pub fn set_mapping(&mut self, text: &str) -> Result<(), JsError> {
        self.inner.set_mapping(text).map_err(js_err)
    }

    /// The dictionary's parts of speech, `word tag` lines (the packed
    /// dictionary's `partsOfSpeech`); they replace any given before.
    #[wasm_bindgen(js_name = setPartsOfSpeech)]
    pub fn set_parts_of_speech(&mut self, lines: &str) {
        self.inner.suggester.segmenter.set_parts_of_speech(lines);
    }

    /// Learns a word (cut whole from now on), with a tag (a label id).
    #[wasm_bindgen(js_name = learnWord)]
    pub fn learn_word(&mut self, word: &str, tag: Option<String>) -> Result<(), JsError> {
        self.inner
            .suggester
            .segmenter
            .learn(word, None, tag.as_deref())
            .map_err(js_err)
    }

    /// Forgets a learnt word; whether it was one.
    pub fn forget(&mut self, word: &str) -> bool {
        self.inner.suggester.segmenter.forget(word)
    }

    /// The learnt words as jieba user dictionary lines, `word freq tag`.
    #[wasm_bindgen(js_name = exportUserDict)]
    pub fn export_user_dict(&self) -> String {
        self.inner.suggester.segmenter.export_user_dict()
    }

    /// Makes `text` (user dictionary lines) the learnt words, in place of
    /// those before; a bad line is refused, naming its number, and then
    /// nothing changes. Returns how many words there are.
    #[wasm_bindgen(js_name = replaceUserDict)]
    pub fn replace_user_dict(&mut self, text: &str) -> Result<u32, JsError> {
        let n = self.inner.replace_user_dict(text).map_err(js_err)?;
        Ok(n as u32)
    }

    /// How many words are learnt.
    #[wasm_bindgen(getter, js_name = learntCount)]
    pub fn learnt_count(&self) -> u32 {
        self.inner.suggester.segmenter.learnt().len() as u32
    }

    /// How many lines the tagger has learnt.
    #[wasm_bindgen(getter, js_name = linesLearnt)]
    pub fn lines_learnt(&self) -> u32 {
        self.inner.suggester.lines_learnt() as u32
    }

    /// Makes `text` the open document: segmented with the learnt words and kept.
    pub fn open(&mut self, text: &JsString) -> Result<(), JsError> {
        let text = text
            .as_string()
            .ok_or_else(|| JsError::new("expected a string"))?;
        self.inner.open(text);
        Ok(())
    }

    /// The open document's words (`undefined` when none is open).
    #[wasm_bindgen(js_name = openWords)]
    pub fn open_words(&self) -> Option<Words> {
        self.inner.opened().map(|(text, seg)| words_of(text, seg))
    }

    /// Learns the open document's annotations (`state`: a page state as
    /// JSON, whose `annotations` are read): the lines that `touched`
    /// (code point `start, end` pairs) overlaps, or every line with an
    /// annotation when it is empty. The labelled strings of the labels the
    /// mapping names become learnt words; the lines of the open document
    /// that hold a new one are re-cut (when `touched` is given, only those
    /// it overlaps at once, the others by `refresh`: see `recutWords`), and
    /// its words come back (`undefined` when none changed). The suggestions
    /// of the lines learnt are made again by the next `suggest`, the
    /// repeats of the lines that hold a new word at once; the rest, which
    /// the tagger's step changes less, by `refresh`.
    pub fn learn(&mut self, state: &str, touched: &[u32]) -> Result<Option<Words>, JsError> {
        let annotations = annotations_of(state)?;
        if self.inner.opened().is_none() {
            return Err(JsError::new("no document is open to learn from"));
        }
        let changed = self.inner.learn(&annotations, touched);
        Ok(changed.then(|| self.open_words()).flatten())
    }

    /// Counts the open document's annotations (`state`: a page state as
    /// JSON) as the strings it labels, without learning them again, and
    /// makes `own` (words one a line) the learnt words it alone taught:
    /// each is forgotten once it no longer labels it (see `Session::claim`).
    pub fn claim(&mut self, state: &str, own: &str) -> Result<(), JsError> {
        let annotations = annotations_of(state)?;
        let own: Vec<String> = own
            .lines()
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        self.inner.claim(&annotations, &own);
        Ok(())
    }

    /// The suggestions for the open document: every other occurrence of a
    /// labelled string, then the tagger's spans once it has learnt a line
    /// (else the dictionary's parts of speech the mapping names), none
    /// overlapping one before it, in text order. Lines never suggested
    /// for or learnt are suggested for now; the others as `refresh` left
    /// them.
    pub fn suggest(&mut self) -> Result<Found, JsError> {
        let found: Vec<Suggestion> = self.inner.suggest().into_iter().cloned().collect();
        let cps: Vec<u32> = found.iter().flat_map(|s| [s.start, s.end]).collect();
        let u16s = match self.inner.opened() {
            Some((text, _)) => text.cps_to_u16(&cps).map_err(js_err)?,
            None => Vec::new(),
        };
        let mut labels: Vec<String> = Vec::new();
        let label = found
            .iter()
            .map(|s| match labels.iter().position(|l| *l == s.label) {
                Some(i) => i as u32,
                None => {
                    labels.push(s.label.clone());
                    labels.len() as u32 - 1
                }
            })
            .collect();
        Ok(Found {
            start_cp: found.iter().map(|s| s.start).collect(),
            end_cp: found.iter().map(|s| s.end).collect(),
            start_u16: u16s.iter().step_by(2).copied().collect(),
            end_u16: u16s.iter().skip(1).step_by(2).copied().collect(),
            label,
            labels,
            source: found
                .iter()
                .map(|s| match s.source {
                    Source::Dictionary => 0,
                    Source::Repeat => 1,
                    Source::Model => 2,
                })
                .collect(),
        })
    }

    /// Re-cuts up to `lines` lines that `learn` left for later, then
    /// suggests again for as many lines whose suggestions predate the
    /// tagger's last step as the count leaves; how many lines of either
    /// kind remain.
    pub fn refresh(&mut self, lines: u32) -> u32 {
        self.inner.refresh(lines)
    }

    /// Makes up to `steps` steps of the passes over the lines learnt that
    /// learning a whole document planned (a step is one tagger's on one
    /// line, `members` a line); whether some are left. Once the last is
    /// made, `refresh` suggests for every line again.
    pub fn refine(&mut self, steps: u32) -> bool {
        self.inner.refine(steps)
    }

    /// How many taggers learn the lines, each in passes of its own order.
    #[wasm_bindgen(getter)]
    pub fn members(&self) -> u32 {
        crate::suggest::MEMBERS as u32
    }

    /// The open document's words when `refresh` re-cut lines since this was
    /// last asked, else `undefined`.
    #[wasm_bindgen(js_name = recutWords)]
    pub fn recut_words(&mut self) -> Option<Words> {
        self.inner.take_recut().then(|| self.open_words()).flatten()
    }
}

fn words_of(text: &IndexedText, seg: &Segmentation) -> Words {
    let words_cp: Vec<u32> = seg.words.iter().flat_map(|w| [w.start, w.end]).collect();
    Words {
        // Boundaries of the text's own segmentation are always inside it.
        words_u16: text.cps_to_u16(&words_cp).unwrap_or_default(),
        words_cp,
        kinds: seg.words.iter().map(|w| w.kind as u8).collect(),
        subwords_cp: seg.subword_boundaries.clone(),
        word_count: seg.word_count() as u32,
    }
}

/// The annotations of one piece of a page state (JSON), `start, end, label`
/// in code points; a discontinuous one labels no one string, so it is left.
fn annotations_of(state: &str) -> Result<Vec<(u32, u32, String)>, JsError> {
    let state: StateIn = serde_json::from_str(state)
        .map_err(|e| JsError::new(&format!("the page state could not be read: {e}")))?;
    Ok(state
        .annotations
        .into_iter()
        .filter(|a| a.fragments.is_empty())
        .map(|a| (a.start, a.end, a.label))
        .collect())
}
