//! Bindings for text: segmentation, structure, offsets and snapping.

use js_sys::JsString;
use wasm_bindgen::prelude::*;

use super::js_err;
use crate::document::Structure;
use crate::offsets::IndexedText;
use crate::segment::{self, Segmentation, Word, WordKind};
use crate::snap::{self, SnapMode, Step};

fn pairs(spans: &[(u32, u32)]) -> Vec<u32> {
    spans.iter().flat_map(|&(s, e)| [s, e]).collect()
}

/// A JS string has UTF-16 units that a Rust string cannot hold (a lone
/// surrogate); wasm-bindgen would silently turn it into U+FFFD and shift
/// nothing but change the text. Refuse it instead, naming where it is.
fn checked_string(text: &JsString) -> Result<String, JsError> {
    if !text.is_valid_utf16() {
        let units: Vec<u16> = text.iter().collect();
        let at = char::decode_utf16(units.iter().copied())
            .scan(0usize, |pos, r| {
                let here = *pos;
                *pos += r.as_ref().map_or(1, |c| c.len_utf16());
                Some((here, r.is_err()))
            })
            .find(|&(_, bad)| bad)
            .map_or(0, |(at, _)| at);
        return Err(JsError::new(&format!(
            "the text holds a lone surrogate (half of a UTF-16 pair) at UTF-16 offset {at}; it is not valid Unicode text"
        )));
    }
    Ok(String::from(text))
}

/// The jieba dictionary, built once (in a Web Worker: it takes a few hundred ms).
#[wasm_bindgen]
pub struct Segmenter {
    inner: segment::Segmenter,
}

#[wasm_bindgen]
impl Segmenter {
    /// Builds from a dictionary in jieba's text format (`word [freq [tag]]` a line), as UTF-8 bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(dict: &[u8]) -> Result<Segmenter, JsError> {
        let inner = segment::Segmenter::from_dict(dict).map_err(js_err)?;
        Ok(Segmenter { inner })
    }

    /// Segments a whole text.
    pub fn segment(&self, text: &JsString) -> Result<Segmented, JsError> {
        let text = IndexedText::new(checked_string(text)?);
        let seg = self.inner.segment(text.as_str());
        Segmented::from_core(&text, seg)
    }
}

/// The words of a text, as typed arrays.
#[wasm_bindgen]
pub struct Segmented {
    words_cp: Vec<u32>,
    words_u16: Vec<u32>,
    kinds: Vec<u8>,
    subwords_cp: Vec<u32>,
    subwords_u16: Vec<u32>,
    word_count: u32,
}

impl Segmented {
    fn from_core(text: &IndexedText, seg: Segmentation) -> Result<Segmented, JsError> {
        let words_cp: Vec<u32> = seg.words.iter().flat_map(|w| [w.start, w.end]).collect();
        Ok(Segmented {
            words_u16: text.cps_to_u16(&words_cp).map_err(js_err)?,
            subwords_u16: text.cps_to_u16(&seg.subword_boundaries).map_err(js_err)?,
            kinds: seg.words.iter().map(|w| w.kind as u8).collect(),
            word_count: seg.word_count() as u32,
            words_cp,
            subwords_cp: seg.subword_boundaries,
        })
    }
}

#[wasm_bindgen]
impl Segmented {
    /// Tokens as interleaved `start, end` code points.
    #[wasm_bindgen(getter, js_name = wordsCp)]
    pub fn words_cp(&self) -> Vec<u32> {
        self.words_cp.clone()
    }
    /// The same tokens in UTF-16 units (JS string indices).
    #[wasm_bindgen(getter, js_name = wordsU16)]
    pub fn words_u16(&self) -> Vec<u32> {
        self.words_u16.clone()
    }
    /// One kind per token: 0 Han word, 1 other-script word, 2 punctuation or symbol.
    #[wasm_bindgen(getter)]
    pub fn kinds(&self) -> Vec<u8> {
        self.kinds.clone()
    }
    /// Sub-word boundaries, ascending code points.
    #[wasm_bindgen(getter, js_name = subwordsCp)]
    pub fn subwords_cp(&self) -> Vec<u32> {
        self.subwords_cp.clone()
    }
    /// Sub-word boundaries in UTF-16 units.
    #[wasm_bindgen(getter, js_name = subwordsU16)]
    pub fn subwords_u16(&self) -> Vec<u32> {
        self.subwords_u16.clone()
    }
    /// Tokens that are words (not punctuation).
    #[wasm_bindgen(getter, js_name = wordCount)]
    pub fn word_count(&self) -> u32 {
        self.word_count
    }
}

/// One open text: its structure, its words once they arrive, and the offset
/// conversions and snapping the page asks for.
#[wasm_bindgen]
pub struct Document {
    text: IndexedText,
    structure: Structure,
    seg: Option<Segmentation>,
}

#[wasm_bindgen]
impl Document {
    #[wasm_bindgen(constructor)]
    pub fn new(text: &JsString) -> Result<Document, JsError> {
        let text = IndexedText::new(checked_string(text)?);
        let structure = Structure::of(text.as_str());
        Ok(Document {
            text,
            structure,
            seg: None,
        })
    }

    /// Hex SHA-256 of the text's UTF-8: the key the page saves it under.
    #[wasm_bindgen(getter)]
    pub fn sha256(&self) -> String {
        crate::hash::sha256_hex(self.text.as_str())
    }

    #[wasm_bindgen(getter, js_name = lengthCp)]
    pub fn length_cp(&self) -> u32 {
        self.text.len_cp() as u32
    }
    #[wasm_bindgen(getter, js_name = lengthU16)]
    pub fn length_u16(&self) -> u32 {
        self.text.len_u16() as u32
    }
    /// Paragraphs as interleaved `start, end` code points.
    #[wasm_bindgen(js_name = paragraphsCp)]
    pub fn paragraphs_cp(&self) -> Vec<u32> {
        pairs(&self.structure.paragraphs)
    }
    /// Paragraphs in UTF-16 units.
    #[wasm_bindgen(js_name = paragraphsU16)]
    pub fn paragraphs_u16(&self) -> Result<Vec<u32>, JsError> {
        self.text.cps_to_u16(&self.paragraphs_cp()).map_err(js_err)
    }
    /// Sentences as interleaved `start, end` code points.
    #[wasm_bindgen(js_name = sentencesCp)]
    pub fn sentences_cp(&self) -> Vec<u32> {
        pairs(&self.structure.sentences)
    }
    /// Paragraphs with something other than whitespace in them.
    #[wasm_bindgen(js_name = nonblankParagraphs)]
    pub fn nonblank_paragraphs(&self) -> u32 {
        self.structure.nonblank_paragraphs(self.text.as_str()) as u32
    }

    /// Code points to UTF-16 units, in bulk.
    #[wasm_bindgen(js_name = cpToU16)]
    pub fn cp_to_u16(&self, cps: &[u32]) -> Result<Vec<u32>, JsError> {
        self.text.cps_to_u16(cps).map_err(js_err)
    }
    /// UTF-16 units to code points, in bulk.
    #[wasm_bindgen(js_name = u16ToCp)]
    pub fn u16_to_cp(&self, us: &[u32]) -> Result<Vec<u32>, JsError> {
        self.text.u16s_to_cp(us).map_err(js_err)
    }

    /// Takes the words a `Segmenter` found for this text (from a worker):
    /// tokens as interleaved code points, their kinds, sub-word boundaries.
    #[wasm_bindgen(js_name = setWords)]
    pub fn set_words(
        &mut self,
        words_cp: &[u32],
        kinds: &[u8],
        subwords_cp: &[u32],
    ) -> Result<(), JsError> {
        let len = self.text.len_cp() as u32;
        if words_cp.len() != kinds.len() * 2 {
            return Err(JsError::new(
                "setWords: there must be one kind for every start, end pair",
            ));
        }
        let mut words = Vec::with_capacity(kinds.len());
        let mut last_end = 0;
        for (pair, &k) in words_cp.chunks_exact(2).zip(kinds) {
            let (start, end) = match pair {
                [s, e] => (*s, *e),
                _ => return Err(JsError::new("setWords: odd number of offsets")),
            };
            if start < last_end || end <= start || end > len {
                return Err(JsError::new(&format!(
                    "setWords: word [{start}, {end}) is out of order or outside the text ({len} code points); were these words found for another text?"
                )));
            }
            let kind = WordKind::from_u8(k)
                .ok_or_else(|| JsError::new(&format!("setWords: unknown word kind {k}")))?;
            words.push(Word { start, end, kind });
            last_end = end;
        }
        if subwords_cp.windows(2).any(|w| w.first() >= w.get(1))
            || subwords_cp.last().is_some_and(|&b| b > len)
        {
            return Err(JsError::new(
                "setWords: sub-word boundaries must ascend and lie inside the text",
            ));
        }
        if let Some(w) = words.iter().find(|w| {
            subwords_cp.binary_search(&w.start).is_err()
                || subwords_cp.binary_search(&w.end).is_err()
        }) {
            return Err(JsError::new(&format!(
                "setWords: the sub-word boundaries lack the start or end of word [{}, {}); pass the subwordsCp the Segmenter gave with these words",
                w.start, w.end
            )));
        }
        self.seg = Some(Segmentation {
            words,
            subword_boundaries: subwords_cp.to_vec(),
        });
        Ok(())
    }

    /// Whether words have been set.
    #[wasm_bindgen(getter, js_name = hasWords)]
    pub fn has_words(&self) -> bool {
        self.seg.is_some()
    }

    /// Snaps a selection given in UTF-16 units (DOM positions). Returns
    /// `[start_cp, end_cp, start_u16, end_u16, clipped]`, or an empty array
    /// when only whitespace was selected. Without words, only whitespace is trimmed.
    pub fn snap(&self, start_u16: u32, end_u16: u32, exact: bool) -> Result<Vec<u32>, JsError> {
        let s = self.text.u16_to_cp(start_u16 as usize).map_err(js_err)? as u32;
        let e = self.text.u16_to_cp(end_u16 as usize).map_err(js_err)? as u32;
        let mode = if exact {
            SnapMode::Exact
        } else {
            SnapMode::Word
        };
        match snap::snap(&self.text, &self.structure, self.seg.as_ref(), s, e, mode) {
            None => Ok(Vec::new()),
            Some(r) => self.with_u16(r.start, r.end, r.clipped_to_paragraph as u32),
        }
    }

    /// The span one step up from `[start_cp, end_cp)`: sentence, then
    /// paragraph. Returns `[start_cp, end_cp, start_u16, end_u16]`.
    pub fn widen(&self, start_cp: u32, end_cp: u32) -> Result<Vec<u32>, JsError> {
        self.check_span(start_cp, end_cp)?;
        let (s, e) = snap::widen(&self.text, &self.structure, start_cp, end_cp);
        self.with_u16(s, e, 0).map(|mut v| {
            v.truncate(4);
            v
        })
    }

    /// The token at a UTF-16 position, as `[start_cp, end_cp, start_u16, end_u16]`,
    /// or an empty array between tokens or before words arrive.
    #[wasm_bindgen(js_name = wordAt)]
    pub fn word_at(&self, at_u16: u32) -> Result<Vec<u32>, JsError> {
        let cp = self.text.u16_to_cp(at_u16 as usize).map_err(js_err)? as u32;
        match self.seg.as_ref().and_then(|seg| snap::word_at(seg, cp)) {
            None => Ok(Vec::new()),
            Some((s, e)) => self.with_u16(s, e, 0).map(|mut v| {
                v.truncate(4);
                v
            }),
        }
    }

    /// The next boundary after (or before) code point `cp`: by sub-word, or
    /// by character when `by_char`. Returns the code point.
    pub fn step(&self, cp: u32, forward: bool, by_char: bool) -> u32 {
        let by = if by_char { Step::Char } else { Step::Word };
        snap::step(
            self.seg.as_ref(),
            self.text.len_cp() as u32,
            cp,
            forward,
            by,
        )
    }

    /// The text of `[start_cp, end_cp)`.
    #[wasm_bindgen(js_name = sliceCp)]
    pub fn slice_cp(&self, start_cp: u32, end_cp: u32) -> Result<String, JsError> {
        self.check_span(start_cp, end_cp)?;
        self.text
            .slice_cp(start_cp as usize, end_cp as usize)
            .map(str::to_owned)
            .map_err(js_err)
    }

    fn check_span(&self, s: u32, e: u32) -> Result<(), JsError> {
        let len = self.text.len_cp() as u32;
        if s > e || e > len {
            return Err(JsError::new(&format!(
                "span [{s}, {e}) is not inside the text ({len} code points)"
            )));
        }
        Ok(())
    }

    fn with_u16(&self, s: u32, e: u32, flag: u32) -> Result<Vec<u32>, JsError> {
        let su = self.text.cp_to_u16(s as usize).map_err(js_err)? as u32;
        let eu = self.text.cp_to_u16(e as usize).map_err(js_err)? as u32;
        Ok(vec![s, e, su, eu, flag])
    }
}
