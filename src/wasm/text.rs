//! Bindings for text: segmentation, structure, offsets and snapping.

use js_sys::JsString;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::js_err;
use crate::document::{Structure, StructureBuilder};
use crate::hash::{sha256_hex, Sha256Hex};
use crate::offsets::{AstralIndex, IndexedText, IndexedTextBuilder};
use crate::segment::{self, Segmentation, Word, WordKind};
use crate::snap::{self, SnapMode, Step};

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
        let mut at = 0u32;
        for c in s.chars() {
            if c == char::REPLACEMENT_CHARACTER
                && text.char_code_at(at) != f64::from(u32::from(char::REPLACEMENT_CHARACTER))
            {
                let at = base + at as usize;
                return Err(JsError::new(&format!(
                    "the text holds a lone surrogate (half of a UTF-16 pair) at UTF-16 offset {at}; it is not valid Unicode text"
                )));
            }
            at += c.len_utf16() as u32;
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
        let text = checked_string_at(piece, seg.length_u16 as usize)?;
        let before = seg.seg.words.len();
        self.inner.segment_after(&text, seg.length_cp, &mut seg.seg);
        seg.word_count += seg
            .seg
            .words
            .iter()
            .skip(before)
            .filter(|w| w.kind.is_word())
            .count() as u32;
        seg.astral.push_str(&text, seg.length_cp);
        seg.length_cp += text.chars().count() as u32;
        seg.length_u16 += piece.length();
        Ok(())
    }
}

impl From<segment::Segmenter> for Segmenter {
    fn from(inner: segment::Segmenter) -> Segmenter {
        Segmenter { inner }
    }
}

/// The words of a text, as typed arrays. The UTF-16 offsets are worked out
/// when asked for (the page's worker reads only code points).
#[wasm_bindgen]
#[derive(Default)]
pub struct Segmented {
    seg: Segmentation,
    astral: AstralIndex,
    word_count: u32,
    length_cp: u32,
    length_u16: u32,
}

impl Segmented {
    fn words_cp_vec(&self) -> Vec<u32> {
        self.seg
            .words
            .iter()
            .flat_map(|w| [w.start, w.end])
            .collect()
    }
}

#[wasm_bindgen]
impl Segmented {
    /// Tokens as interleaved `start, end` code points.
    #[wasm_bindgen(getter, js_name = wordsCp)]
    pub fn words_cp(&self) -> Vec<u32> {
        self.words_cp_vec()
    }
    /// The same tokens in UTF-16 units (JS string indices).
    #[wasm_bindgen(getter, js_name = wordsU16)]
    pub fn words_u16(&self) -> Vec<u32> {
        self.astral.ascending_cps_to_u16(&self.words_cp_vec())
    }
    /// One kind per token: 0 Han word, 1 other-script word, 2 punctuation or symbol.
    #[wasm_bindgen(getter)]
    pub fn kinds(&self) -> Vec<u8> {
        self.seg.words.iter().map(|w| w.kind as u8).collect()
    }
    /// Sub-word boundaries, ascending code points.
    #[wasm_bindgen(getter, js_name = subwordsCp)]
    pub fn subwords_cp(&self) -> Vec<u32> {
        self.seg.subword_boundaries.clone()
    }
    /// Sub-word boundaries in UTF-16 units.
    #[wasm_bindgen(getter, js_name = subwordsU16)]
    pub fn subwords_u16(&self) -> Vec<u32> {
        self.astral
            .ascending_cps_to_u16(&self.seg.subword_boundaries)
    }
    /// Tokens that are words (not punctuation).
    #[wasm_bindgen(getter, js_name = wordCount)]
    pub fn word_count(&self) -> u32 {
        self.word_count
    }
    /// Length of the segmented text in code points.
    #[wasm_bindgen(getter, js_name = lengthCp)]
    pub fn length_cp(&self) -> u32 {
        self.length_cp
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
    text: IndexedTextBuilder,
    structure: StructureBuilder,
    sha256: Sha256Hex,
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
        let chunk = checked_string_at(chunk, self.text.len_u16())?;
        self.text.push_str(&chunk);
        self.structure.push_str(&chunk);
        self.sha256.update(&chunk);
        Ok(())
    }

    /// Makes room for a text of `length_u16` UTF-16 units in all (the
    /// whole text's `length`), so that the text is not copied as it grows:
    /// each copy is one call that takes tens of milliseconds on a long text.
    /// Call it after the first `push`: the bytes the rest will take are
    /// guessed from the bytes per unit seen so far (before any, 3, the most
    /// a UTF-16 unit takes in UTF-8). Only a hint: a wrong guess costs memory
    /// or a copy, never a wrong document; room that cannot be had is not
    /// reserved, and pieces are taken as without it.
    pub fn reserve(&mut self, length_u16: u32) {
        let (seen_u16, seen_bytes) = (self.text.len_u16(), self.text.len_bytes());
        let rest = (length_u16 as usize).saturating_sub(seen_u16);
        let bytes = if seen_u16 == 0 {
            rest.saturating_mul(3)
        } else {
            // A little more than the rate so far, as the rest may differ.
            let per_unit = seen_bytes as f64 / seen_u16 as f64;
            (rest as f64 * per_unit * 1.05) as usize
        };
        // A hint that cannot be honoured is no error: pushing still works,
        // copying as the text grows.
        let _ = self.text.try_reserve(bytes);
    }

    /// Length so far in UTF-16 units (the sum of the pieces' `length`).
    #[wasm_bindgen(getter, js_name = lengthU16)]
    pub fn length_u16(&self) -> u32 {
        self.text.len_u16() as u32
    }

    /// The document of the whole text; cheap, the work was done piece by
    /// piece. It is the same as `new Document(wholeText)`.
    pub fn finish(self) -> Document {
        Document {
            text: self.text.finish(),
            structure: self.structure.finish(),
            sha256: self.sha256.finish(),
            seg: None,
            pending: PendingWords::default(),
        }
    }
}

/// Words that arrive in pieces (`appendWords`), checked piece by piece and
/// used once `finishWords` is called.
#[derive(Default)]
struct PendingWords {
    words: Vec<Word>,
    subwords: Vec<u32>,
}

impl PendingWords {
    /// Checks the next piece of words against the text and against the end
    /// of the pieces before it, and appends it; a refused piece changes
    /// nothing. `who` names the method in messages.
    ///
    /// The rules are those of one whole `setWords`: one kind per token,
    /// tokens in order and inside the text, sub-word boundaries ascending and
    /// including every token's start and end (they may have come in an
    /// earlier piece). One leniency at a join: a piece's first boundary may
    /// repeat the last one before it (segmenting pieces of text apart gives
    /// each piece both its ends); it is kept once.
    fn append(
        &mut self,
        len: u32,
        words_cp: &[u32],
        kinds: &[u8],
        subwords_cp: &[u32],
        who: &str,
    ) -> Result<(), JsError> {
        if words_cp.len() != kinds.len() * 2 {
            return Err(JsError::new(&format!(
                "{who}: there must be one kind for every start, end pair"
            )));
        }
        let mut words = Vec::with_capacity(kinds.len());
        let mut last_end = self.words.last().map_or(0, |w| w.end);
        for (pair, &k) in words_cp.chunks_exact(2).zip(kinds) {
            let (start, end) = match pair {
                [s, e] => (*s, *e),
                _ => return Err(JsError::new(&format!("{who}: odd number of offsets"))),
            };
            if start < last_end || end <= start || end > len {
                return Err(JsError::new(&format!(
                    "{who}: word [{start}, {end}) is out of order or outside the text ({len} code points); were these words found for another text?"
                )));
            }
            let kind = WordKind::from_u8(k)
                .ok_or_else(|| JsError::new(&format!("{who}: unknown word kind {k}")))?;
            words.push(Word { start, end, kind });
            last_end = end;
        }
        let before = self.subwords.last().copied();
        let subwords = match (subwords_cp.split_first(), before) {
            (Some((&first, rest)), Some(last)) if first == last => rest,
            _ => subwords_cp,
        };
        if subwords.windows(2).any(|w| w.first() >= w.get(1))
            || subwords.last().is_some_and(|&b| b > len)
            || subwords
                .first()
                .is_some_and(|&b| before.is_some_and(|last| b <= last))
        {
            return Err(JsError::new(&format!(
                "{who}: sub-word boundaries must ascend and lie inside the text"
            )));
        }
        let known =
            |b: u32| self.subwords.binary_search(&b).is_ok() || subwords.binary_search(&b).is_ok();
        if let Some(w) = words.iter().find(|w| !known(w.start) || !known(w.end)) {
            return Err(JsError::new(&format!(
                "{who}: the sub-word boundaries lack the start or end of word [{}, {}); pass the subwordsCp the Segmenter gave with these words",
                w.start, w.end
            )));
        }
        self.words.extend(words);
        self.subwords.extend_from_slice(subwords);
        Ok(())
    }

    fn into_segmentation(self) -> Segmentation {
        Segmentation {
            words: self.words,
            subword_boundaries: self.subwords,
        }
    }
}

/// One open text: its structure, its words once they arrive, and the offset
/// conversions and snapping the page asks for.
#[wasm_bindgen]
pub struct Document {
    text: IndexedText,
    structure: Structure,
    /// Hex SHA-256 of the text, computed once when the document was made.
    sha256: String,
    seg: Option<Segmentation>,
    /// Words arriving in pieces, not in use before `finishWords`.
    pending: PendingWords,
}

#[wasm_bindgen]
impl Document {
    /// The document of a whole text in one call. For a long text (more than
    /// a few hundred thousand characters) use a [`DocumentBuilder`].
    #[wasm_bindgen(constructor)]
    pub fn new(text: &JsString) -> Result<Document, JsError> {
        let text = IndexedText::new(checked_string(text)?);
        let structure = Structure::of(text.as_str());
        let sha256 = sha256_hex(text.as_str());
        Ok(Document {
            text,
            structure,
            sha256,
            seg: None,
            pending: PendingWords::default(),
        })
    }

    /// Hex SHA-256 of the text's UTF-8: the key the page saves it under.
    /// Computed once, when the document was made.
    #[wasm_bindgen(getter)]
    pub fn sha256(&self) -> String {
        self.sha256.clone()
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
    /// How many sentences: the status line's count, without the array.
    #[wasm_bindgen(getter, js_name = sentenceCount)]
    pub fn sentence_count(&self) -> u32 {
        self.structure.sentences.len() as u32
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
    /// They replace any words set before; a refused call changes nothing
    /// (and leaves words arriving by `appendWords` alone).
    #[wasm_bindgen(js_name = setWords)]
    pub fn set_words(
        &mut self,
        words_cp: &[u32],
        kinds: &[u8],
        subwords_cp: &[u32],
    ) -> Result<(), JsError> {
        let mut all = PendingWords::default();
        all.append(self.len(), words_cp, kinds, subwords_cp, "setWords")?;
        self.seg = Some(all.into_segmentation());
        Ok(())
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
        let len = self.len();
        self.pending
            .append(len, words_cp, kinds, subwords_cp, "appendWords")
    }

    /// Puts the words given by `appendWords` since the last `finishWords`
    /// in use (replacing any there were); `hasWords` is then true. Without
    /// any `appendWords` before, the text has no words at all.
    #[wasm_bindgen(js_name = finishWords)]
    pub fn finish_words(&mut self) {
        let words = std::mem::take(&mut self.pending);
        self.seg = Some(words.into_segmentation());
    }

    fn len(&self) -> u32 {
        self.text.len_cp() as u32
    }

    /// Whether words have been set.
    #[wasm_bindgen(getter, js_name = hasWords)]
    pub fn has_words(&self) -> bool {
        self.seg.is_some()
    }

    /// Snaps a selection given in UTF-16 units (DOM positions): `undefined`
    /// when only whitespace was selected, else `{startCp, endCp, startU16,
    /// endU16, cut}`, `cut` true when the selection crossed a paragraph
    /// break and was cut back to its first paragraph. Without words, only
    /// whitespace is trimmed.
    pub fn snap(&self, start_u16: u32, end_u16: u32, exact: bool) -> Result<JsValue, JsError> {
        let s = self.text.u16_to_cp(start_u16 as usize).map_err(js_err)? as u32;
        let e = self.text.u16_to_cp(end_u16 as usize).map_err(js_err)? as u32;
        self.snap_cp(s, e, exact)
    }

    /// [`snap`](Self::snap) for ends given in code points (the keyboard's).
    #[wasm_bindgen(js_name = snapCp)]
    pub fn snap_cp(&self, start_cp: u32, end_cp: u32, exact: bool) -> Result<JsValue, JsError> {
        self.check_span(start_cp.min(end_cp), start_cp.max(end_cp))?;
        let mode = if exact {
            SnapMode::Exact
        } else {
            SnapMode::Word
        };
        match snap::snap(
            &self.text,
            &self.structure,
            self.seg.as_ref(),
            start_cp,
            end_cp,
            mode,
        ) {
            None => Ok(JsValue::UNDEFINED),
            Some(r) => self.span(r.start, r.end, Some(r.clipped_to_paragraph)),
        }
    }

    /// The span one step up from `[start_cp, end_cp)`: sentence, then
    /// paragraph, as `{startCp, endCp, startU16, endU16}`.
    pub fn widen(&self, start_cp: u32, end_cp: u32) -> Result<JsValue, JsError> {
        self.check_span(start_cp, end_cp)?;
        let (s, e) = snap::widen(&self.text, &self.structure, start_cp, end_cp);
        self.span(s, e, None)
    }

    /// The token at a UTF-16 position, as `{startCp, endCp, startU16,
    /// endU16}`, or `undefined` between tokens or before words arrive.
    #[wasm_bindgen(js_name = wordAt)]
    pub fn word_at(&self, at_u16: u32) -> Result<JsValue, JsError> {
        let cp = self.text.u16_to_cp(at_u16 as usize).map_err(js_err)? as u32;
        match self.seg.as_ref().and_then(|seg| snap::word_at(seg, cp)) {
            None => Ok(JsValue::UNDEFINED),
            Some((s, e)) => self.span(s, e, None),
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

    pub(super) fn text_and_words(&self) -> (&str, Option<&Segmentation>) {
        (self.text.as_str(), self.seg.as_ref())
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

    /// One span in both units, as one JS object (one per call: these are
    /// a person's gestures, not tokens).
    fn span(&self, s: u32, e: u32, cut: Option<bool>) -> Result<JsValue, JsError> {
        let span = SpanOut {
            start_cp: s,
            end_cp: e,
            start_u16: self.text.cp_to_u16(s as usize).map_err(js_err)? as u32,
            end_u16: self.text.cp_to_u16(e as usize).map_err(js_err)? as u32,
            cut,
        };
        span.serialize(&serde_wasm_bindgen::Serializer::new())
            .map_err(js_err)
    }
}
