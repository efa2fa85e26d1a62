//! Bindings for text: segmentation, structure, offsets and snapping.

use js_sys::JsString;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::js_err;
use crate::document;
use crate::offsets::u16_positions_of;
use crate::segment::{self, WordsError};
use crate::snap::{SnapMode, Step};

fn pairs(spans: &[(u32, u32)]) -> Vec<u32> {
    spans.iter().flat_map(|&(s, e)| [s, e]).collect()
}

/// A JS string has UTF-16 units that a Rust string cannot hold (a lone
/// surrogate); wasm-bindgen would silently turn it into U+FFFD and shift
/// nothing but change the text. Refuse it instead, naming where it is.
fn checked_string(text: &JsString) -> Result<String, JsError> {
    checked_string_at(text, 0)
}

/// [`checked_string`] for a piece of a text that starts at UTF-16 unit
/// `base` of the whole, so that the refusal names the offset in the whole.
///
/// The check costs almost nothing on valid text. The string crosses into
/// wasm through `TextEncoder`, which turns each lone surrogate into one
/// U+FFFD (also one UTF-16 unit, so positions stay put); only where the
/// Rust string holds a U+FFFD is the JS string asked, with one call, what
/// it holds there. (Asking for every unit, as `JsString::is_valid_utf16`
/// does, is one call per unit: seconds for a long text.)
fn checked_string_at(text: &JsString, base: usize) -> Result<String, JsError> {
    let s = text
        .as_string()
        .ok_or_else(|| JsError::new("expected a string"))?;
    if s.contains(char::REPLACEMENT_CHARACTER) {
        let replaced = u16_positions_of(&s, char::REPLACEMENT_CHARACTER);
        for at in replaced {
            if text.char_code_at(at as u32) != f64::from(u32::from(char::REPLACEMENT_CHARACTER)) {
                let at = base + at;
                return Err(JsError::new(&format!(
                    "the text holds a lone surrogate (half of a UTF-16 pair) at UTF-16 offset {at}; it is not valid Unicode text"
                )));
            }
        }
    }
    Ok(s)
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
        let mut seg = Segmented::default();
        self.segment_next(&mut seg, text)?;
        Ok(seg)
    }

    /// Segments `piece`, the text that follows the text `seg` holds the
    /// words of, and appends its words to `seg`: a long text segmented
    /// piece by piece (cut after line breaks, which no word crosses) into one
    /// `Segmented` gives the words of the whole, with no merging in JS. A
    /// piece with a lone surrogate is refused, naming its UTF-16 offset in
    /// the whole text, and `seg` is left as it was.
    #[wasm_bindgen(js_name = segmentNext)]
    pub fn segment_next(&self, seg: &mut Segmented, piece: &JsString) -> Result<(), JsError> {
        push_piece(&self.inner, seg, piece)
    }
}

/// `segmentNext` with any core segmenter (a `Suggester`'s too).
pub(super) fn push_piece(
    core: &segment::Segmenter,
    seg: &mut Segmented,
    piece: &JsString,
) -> Result<(), JsError> {
    let text = checked_string_at(piece, seg.inner.len_u16() as usize)?;
    seg.inner.push(core, &text);
    Ok(())
}

impl Segmenter {
    /// The core's segmenter, for the other bindings (a project's export).
    pub(crate) fn core(&self) -> &segment::Segmenter {
        &self.inner
    }

    /// The core's segmenter, taken over by a `Suggester` (suggest.rs).
    pub(super) fn into_core(self) -> segment::Segmenter {
        self.inner
    }
}

impl From<segment::Segmenter> for Segmenter {
    fn from(inner: segment::Segmenter) -> Segmenter {
        Segmenter { inner }
    }
}

/// The words of a text (the core's [`segment::SegmentedText`]), as typed
/// arrays.
#[wasm_bindgen]
#[derive(Default)]
pub struct Segmented {
    inner: segment::SegmentedText,
}

#[wasm_bindgen]
impl Segmented {
    /// Tokens as interleaved `start, end` code points.
    #[wasm_bindgen(getter, js_name = wordsCp)]
    pub fn words_cp(&self) -> Vec<u32> {
        self.inner.words_cp()
    }
    /// The same tokens in UTF-16 units (JS string indices).
    #[wasm_bindgen(getter, js_name = wordsU16)]
    pub fn words_u16(&self) -> Vec<u32> {
        self.inner.words_u16()
    }
    /// One kind per token: 0 Han word, 1 other-script word, 2 punctuation or symbol.
    #[wasm_bindgen(getter)]
    pub fn kinds(&self) -> Vec<u8> {
        let words = &self.inner.segmentation().words;
        words.iter().map(|w| w.kind as u8).collect()
    }
    /// Sub-word boundaries, ascending code points.
    #[wasm_bindgen(getter, js_name = subwordsCp)]
    pub fn subwords_cp(&self) -> Vec<u32> {
        self.inner.segmentation().subword_boundaries.clone()
    }
    /// Sub-word boundaries in UTF-16 units.
    #[wasm_bindgen(getter, js_name = subwordsU16)]
    pub fn subwords_u16(&self) -> Vec<u32> {
        self.inner.subwords_u16()
    }
    /// Tokens that are words (not punctuation).
    #[wasm_bindgen(getter, js_name = wordCount)]
    pub fn word_count(&self) -> u32 {
        self.inner.word_count() as u32
    }
    /// Length of the segmented text in code points.
    #[wasm_bindgen(getter, js_name = lengthCp)]
    pub fn length_cp(&self) -> u32 {
        self.inner.len_cp()
    }
}

/// Builds a [`Document`] from a text that arrives in pieces, one short call
/// each, so that opening a long text never blocks the page for long.
///
/// V8 runs a long wasm call in its baseline compiler to the end (there is no
/// on-stack replacement), while a function called again and again gets
/// optimized: many calls over pieces of a quarter of a million characters
/// are several times faster than one call over the whole text, and the page
/// can show progress between them. Each piece is indexed, split into
/// paragraphs and sentences and hashed as it arrives, so `finish` is cheap.
///
/// ```js
/// const builder = new DocumentBuilder();
/// for (let at = 0; at < text.length; ) {
///   let end = Math.min(at + CHUNK, text.length);
///   // Never cut a surrogate pair: a lone half is refused.
///   const last = text.charCodeAt(end - 1);
///   if (last >= 0xd800 && last < 0xdc00) end += 1;
///   builder.push(text.slice(at, end));
///   if (at === 0) builder.reserve(text.length); // room for the rest
///   at = end;
///   await nextTask(); // let the page paint the progress bar
/// }
/// const doc = builder.finish();
/// ```
#[wasm_bindgen]
#[derive(Default)]
pub struct DocumentBuilder {
    inner: document::DocumentBuilder,
}

#[wasm_bindgen]
impl DocumentBuilder {
    /// A builder that has seen no text yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> DocumentBuilder {
        DocumentBuilder::default()
    }

    /// Appends the next piece of the text. A piece that holds a lone
    /// surrogate (half of a UTF-16 pair, so also a pair cut between two
    /// pieces) is refused, naming the UTF-16 offset in the whole text so
    /// far; the builder is then as it was before the call.
    pub fn push(&mut self, chunk: &JsString) -> Result<(), JsError> {
        let chunk = checked_string_at(chunk, self.inner.len_u16())?;
        self.inner.push_str(&chunk);
        Ok(())
    }

    /// Makes room for a text of `length_u16` UTF-16 units in all (the
    /// whole text's `length`), so that the text is not copied as it grows:
    /// each copy is one call that takes tens of milliseconds on a long text.
    /// Call it after the first `push` (see
    /// [`reserve_u16`](document::DocumentBuilder::reserve_u16)). Only a hint.
    pub fn reserve(&mut self, length_u16: u32) {
        self.inner.reserve_u16(length_u16 as usize);
    }

    /// Length so far in UTF-16 units (the sum of the pieces' `length`).
    #[wasm_bindgen(getter, js_name = lengthU16)]
    pub fn length_u16(&self) -> u32 {
        self.inner.len_u16() as u32
    }

    /// The document of the whole text; cheap, the work was done piece by
    /// piece. It is the same as `new Document(wholeText)`.
    pub fn finish(self) -> Document {
        Document {
            inner: self.inner.finish(),
        }
    }
}

/// A span as the page reads it: named ends in both units.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpanOut {
    start_cp: u32,
    end_cp: u32,
    start_u16: u32,
    end_u16: u32,
    /// Only for a snap: whether it was cut at a paragraph break.
    #[serde(skip_serializing_if = "Option::is_none")]
    cut: Option<bool>,
}

/// A span, or `undefined`, as one JS object (one per call: these answer a
/// person's gestures, not tokens). `with_cut` for a snap.
fn span_value(span: Option<document::Span>, with_cut: bool) -> Result<JsValue, JsError> {
    let Some(s) = span else {
        return Ok(JsValue::UNDEFINED);
    };
    SpanOut {
        start_cp: s.start_cp,
        end_cp: s.end_cp,
        start_u16: s.start_u16,
        end_u16: s.end_u16,
        cut: with_cut.then_some(s.cut),
    }
    .serialize(&serde_wasm_bindgen::Serializer::new())
    .map_err(js_err)
}

fn words_err(who: &str) -> impl Fn(WordsError) -> JsError + '_ {
    move |e| JsError::new(&format!("{who}: {e}"))
}

fn mode(exact: bool) -> SnapMode {
    if exact {
        SnapMode::Exact
    } else {
        SnapMode::Word
    }
}

/// One open text (the core's [`document::Document`]): its structure, its
/// words once they arrive, the offset conversions and snapping the page
/// asks for, and its exports.
#[wasm_bindgen]
pub struct Document {
    inner: document::Document,
}

#[wasm_bindgen]
impl Document {
    /// The document of a whole text in one call. For a long text (more than
    /// a few hundred thousand characters) use a [`DocumentBuilder`].
    #[wasm_bindgen(constructor)]
    pub fn new(text: &JsString) -> Result<Document, JsError> {
        Ok(Document {
            inner: document::Document::new(&checked_string(text)?),
        })
    }

    /// Hex SHA-256 of the text's UTF-8: the key the page saves it under.
    /// Computed once, when the document was made.
    #[wasm_bindgen(getter)]
    pub fn sha256(&self) -> String {
        self.inner.sha256().to_owned()
    }

    #[wasm_bindgen(getter, js_name = lengthCp)]
    pub fn length_cp(&self) -> u32 {
        self.inner.text().len_cp() as u32
    }
    #[wasm_bindgen(getter, js_name = lengthU16)]
    pub fn length_u16(&self) -> u32 {
        self.inner.text().len_u16() as u32
    }
    /// Paragraphs as interleaved `start, end` code points.
    #[wasm_bindgen(js_name = paragraphsCp)]
    pub fn paragraphs_cp(&self) -> Vec<u32> {
        pairs(&self.inner.structure().paragraphs)
    }
    /// Paragraphs in UTF-16 units.
    #[wasm_bindgen(js_name = paragraphsU16)]
    pub fn paragraphs_u16(&self) -> Result<Vec<u32>, JsError> {
        self.cp_to_u16(&self.paragraphs_cp())
    }
    /// Sentences as interleaved `start, end` code points.
    #[wasm_bindgen(js_name = sentencesCp)]
    pub fn sentences_cp(&self) -> Vec<u32> {
        pairs(&self.inner.structure().sentences)
    }
    /// Paragraphs with something other than whitespace in them.
    #[wasm_bindgen(js_name = nonblankParagraphs)]
    pub fn nonblank_paragraphs(&self) -> u32 {
        let text = self.inner.text().as_str();
        self.inner.structure().nonblank_paragraphs(text) as u32
    }
    /// How many sentences: the status line's count, without the array.
    #[wasm_bindgen(getter, js_name = sentenceCount)]
    pub fn sentence_count(&self) -> u32 {
        self.inner.structure().sentences.len() as u32
    }

    /// Code points to UTF-16 units, in bulk.
    #[wasm_bindgen(js_name = cpToU16)]
    pub fn cp_to_u16(&self, cps: &[u32]) -> Result<Vec<u32>, JsError> {
        self.inner.text().cps_to_u16(cps).map_err(js_err)
    }
    /// UTF-16 units to code points, in bulk.
    #[wasm_bindgen(js_name = u16ToCp)]
    pub fn u16_to_cp(&self, us: &[u32]) -> Result<Vec<u32>, JsError> {
        self.inner.text().u16s_to_cp(us).map_err(js_err)
    }

    /// Takes the words a `Segmenter` found for this text (from a worker):
    /// tokens as interleaved code points, their kinds, sub-word boundaries.
    /// They replace any words set before; a refused call changes nothing
    /// (and leaves words arriving by `appendWords` alone).
    #[wasm_bindgen(js_name = setWords)]
    pub fn set_words(
        &mut self,
        words_cp: &[u32],
        kinds: &[u8],
        subwords_cp: &[u32],
    ) -> Result<(), JsError> {
        self.inner
            .set_words(words_cp, kinds, subwords_cp)
            .map_err(words_err("setWords"))
    }

    /// Takes the next piece of the words, for a text segmented piece by
    /// piece (so that no call is long): the arrays are as for `setWords`,
    /// and each piece must continue where the one before ended (tokens after
    /// its last token, boundaries after its last boundary, which a piece may
    /// repeat). A refused piece is not kept; the pieces before it are.
    ///
    /// The pieces are used only once `finishWords` is called: until then
    /// snapping goes on with the words there were before (none, at first).
    #[wasm_bindgen(js_name = appendWords)]
    pub fn append_words(
        &mut self,
        words_cp: &[u32],
        kinds: &[u8],
        subwords_cp: &[u32],
    ) -> Result<(), JsError> {
        self.inner
            .append_words(words_cp, kinds, subwords_cp)
            .map_err(words_err("appendWords"))
    }

    /// Puts the words given by `appendWords` since the last `finishWords`
    /// in use (replacing any there were); `hasWords` is then true. Without
    /// any `appendWords` before, the text has no words at all.
    #[wasm_bindgen(js_name = finishWords)]
    pub fn finish_words(&mut self) {
        self.inner.finish_words();
    }

    /// Whether words have been set.
    #[wasm_bindgen(getter, js_name = hasWords)]
    pub fn has_words(&self) -> bool {
        self.inner.words().is_some()
    }

    /// Snaps a selection given in UTF-16 units (DOM positions): `undefined`
    /// when only whitespace was selected, else `{startCp, endCp, startU16,
    /// endU16, cut}`, `cut` true when the selection crossed a paragraph
    /// break and was cut back to its first paragraph. Without words, only
    /// whitespace is trimmed.
    pub fn snap(&self, start_u16: u32, end_u16: u32, exact: bool) -> Result<JsValue, JsError> {
        let span = self.inner.snap_u16(start_u16, end_u16, mode(exact));
        span_value(span.map_err(js_err)?, true)
    }

    /// [`snap`](Self::snap) for ends given in code points (the keyboard's).
    #[wasm_bindgen(js_name = snapCp)]
    pub fn snap_cp(&self, start_cp: u32, end_cp: u32, exact: bool) -> Result<JsValue, JsError> {
        let span = self.inner.snap(start_cp, end_cp, mode(exact));
        span_value(span.map_err(js_err)?, true)
    }

    /// The span one step up from `[start_cp, end_cp)`: sentence, then
    /// paragraph, as `{startCp, endCp, startU16, endU16}`.
    pub fn widen(&self, start_cp: u32, end_cp: u32) -> Result<JsValue, JsError> {
        let span = self.inner.widen(start_cp, end_cp).map_err(js_err)?;
        span_value(Some(span), false)
    }

    /// The token at a UTF-16 position, as `{startCp, endCp, startU16,
    /// endU16}`, or `undefined` between tokens or before words arrive.
    #[wasm_bindgen(js_name = wordAt)]
    pub fn word_at(&self, at_u16: u32) -> Result<JsValue, JsError> {
        span_value(self.inner.word_at_u16(at_u16).map_err(js_err)?, false)
    }

    /// The next boundary after (or before) code point `cp`: by sub-word, or
    /// by character when `by_char`. Returns the code point.
    pub fn step(&self, cp: u32, forward: bool, by_char: bool) -> u32 {
        let by = if by_char { Step::Char } else { Step::Word };
        self.inner.step(cp, forward, by)
    }

    /// The text of `[start_cp, end_cp)`.
    #[wasm_bindgen(js_name = sliceCp)]
    pub fn slice_cp(&self, start_cp: u32, end_cp: u32) -> Result<String, JsError> {
        self.inner
            .slice_cp(start_cp, end_cp)
            .map(str::to_owned)
            .map_err(js_err)
    }
}

impl Document {
    /// The core document, for the other bindings (export).
    pub(super) fn core(&self) -> &document::Document {
        &self.inner
    }
}

/// What a project lists for a document that is not open: `{sha256, lengthCp}`
/// of a text (hex SHA-256 of its UTF-8, its length in code points), without
/// indexing it as an open [`Document`] does.
#[wasm_bindgen(js_name = textFacts)]
pub fn text_facts(text: &JsString) -> Result<JsValue, JsError> {
    let text = checked_string(text)?;
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Facts {
        sha256: String,
        length_cp: usize,
    }
    Facts {
        sha256: crate::hash::sha256_hex(&text),
        length_cp: crate::offsets::IndexedText::new(text.as_str()).len_cp(),
    }
    .serialize(&serde_wasm_bindgen::Serializer::new())
    .map_err(js_err)
}
