//! One open text: what the annotator knows about it while a person works on
//! it, and what every export of it needs.
//!
//! A [`Document`] holds the text indexed once ([`IndexedText`]), its
//! paragraphs and sentences ([`Structure`]), its SHA-256, and its words once
//! they arrive (found elsewhere, by the page's worker, and checked here). It
//! snaps a person's gestures to spans, answered in code points and UTF-16
//! units at once ([`Span`]), and exports annotations made on it without
//! indexing or hashing the text again. The wasm `Document` is this one with
//! its types converted.
//!
//! ```
//! use biaozhu::annotation::{AnnotatedDocument, Annotation, Label};
//! use biaozhu::document::Document;
//! use biaozhu::formats::Format;
//! use biaozhu::snap::SnapMode;
//!
//! let doc = Document::new("😀美国政府发表声明。");
//! // A drag over UTF-16 units 2..3 (inside 美) with no words yet keeps the character.
//! let span = doc.snap_u16(2, 3, SnapMode::Word).unwrap().unwrap();
//! assert_eq!((span.start_cp, span.end_cp, span.start_u16, span.end_u16), (1, 2, 2, 3));
//!
//! // The annotations come without their text: the document has it.
//! let mut marks = AnnotatedDocument::default();
//! marks.labels.push(Label::new("ORG", "ORG", "#61afef", None));
//! marks.annotations.push(Annotation::new("a1", 1, 5, "ORG"));
//! let out = doc.export(Format::Brat, &marks).unwrap();
//! assert_eq!(out.files[1].1, "T1\tORG 1 5\t美国政府\n");
//! ```

mod structure;

pub use structure::{Structure, StructureBuilder};

use std::fmt;

use crate::annotation::AnnotatedDocument;
use crate::formats::{self, ExportError, ExportErrorKind, Exported, Format, Source};
use crate::hash::{hex, Sha256Hex};
use crate::offsets::{IndexedText, IndexedTextBuilder, OffsetError};
use crate::segment::{Segmentation, WordsBuilder, WordsError};
use crate::snap::{self, SnapMode, Step};
use unicode_segmentation::UnicodeSegmentation;

/// A span in both units a caller may count in. `cut` is set by a snap whose
/// selection crossed a paragraph break and was cut back to its first
/// paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start_cp: u32,
    pub end_cp: u32,
    pub start_u16: u32,
    pub end_u16: u32,
    pub cut: bool,
}

/// A span that is not inside the text, or is reversed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpanError {
    Outside { start: u32, end: u32, len: u32 },
    Offset(OffsetError),
}

impl fmt::Display for SpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpanError::Outside { start, end, len } => write!(
                f,
                "span [{start}, {end}) is not inside the text ({len} code points)"
            ),
            SpanError::Offset(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SpanError {}

impl From<OffsetError> for SpanError {
    fn from(e: OffsetError) -> SpanError {
        SpanError::Offset(e)
    }
}

/// A text being worked on: see the [module](self).
#[derive(Clone, Debug)]
pub struct Document {
    text: IndexedText,
    structure: Structure,
    digest: [u8; 32],
    /// Hex of `digest`, the key the page saves the text under.
    sha256: String,
    words: Option<Segmentation>,
    /// Words arriving in pieces, not in use before `finish_words`.
    pending: WordsBuilder,
}

/// Builds a [`Document`] from a text that arrives in pieces: each piece is
/// indexed, split into paragraphs and sentences and hashed as it arrives,
/// so [`finish`](Self::finish) is cheap and equals [`Document::new`] of the
/// whole text.
#[derive(Clone, Debug, Default)]
pub struct DocumentBuilder {
    text: IndexedTextBuilder,
    structure: StructureBuilder,
    sha256: Sha256Hex,
}

impl DocumentBuilder {
    pub fn new() -> DocumentBuilder {
        DocumentBuilder::default()
    }

    /// Appends the next piece of the text.
    pub fn push_str(&mut self, piece: &str) {
        self.text.push_str(piece);
        self.structure.push_str(piece);
        self.sha256.update(piece);
    }

    /// Makes room for a text of `total_u16` UTF-16 units in all, so that
    /// the text is not copied as it grows (on a long text each copy is one
    /// call of tens of milliseconds). The bytes the rest will take are
    /// guessed from the bytes per unit seen so far (before any, 3, the most a
    /// UTF-16 unit takes in UTF-8). Only a hint: a wrong guess costs memory
    /// or a copy, never a wrong document; room that cannot be had is not
    /// reserved, and pieces are taken as without it.
    pub fn reserve_u16(&mut self, total_u16: usize) {
        let (seen_u16, seen_bytes) = (self.text.len_u16(), self.text.len_bytes());
        let rest = total_u16.saturating_sub(seen_u16);
        let bytes = if seen_u16 == 0 {
            rest.saturating_mul(3)
        } else {
            // A little more than the rate so far, as the rest may differ.
            let per_unit = seen_bytes as f64 / seen_u16 as f64;
            (rest as f64 * per_unit * 1.05) as usize
        };
        // A hint that cannot be honoured is no error.
        let _ = self.text.try_reserve(bytes);
    }

    /// Length so far in UTF-16 units.
    pub fn len_u16(&self) -> usize {
        self.text.len_u16()
    }

    /// Length so far in bytes.
    pub fn len_bytes(&self) -> usize {
        self.text.len_bytes()
    }

    /// The document of the whole text.
    pub fn finish(self) -> Document {
        let digest = self.sha256.finish_bytes();
        Document {
            text: self.text.finish(),
            structure: self.structure.finish(),
            sha256: hex(&digest),
            digest,
            words: None,
            pending: WordsBuilder::default(),
        }
    }
}

impl Document {
    /// The document of a whole text.
    pub fn new(text: &str) -> Document {
        let mut builder = DocumentBuilder::new();
        builder.push_str(text);
        builder.finish()
    }

    /// The text, indexed.
    pub fn text(&self) -> &IndexedText {
        &self.text
    }

    /// Its paragraphs and sentences.
    pub fn structure(&self) -> &Structure {
        &self.structure
    }

    /// Hex SHA-256 of the text's UTF-8, computed once.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The words in use, once they have been set.
    pub fn words(&self) -> Option<&Segmentation> {
        self.words.as_ref()
    }

    fn len(&self) -> u32 {
        self.text.len_cp() as u32
    }

    /// Puts in use the words found for this text (interleaved code point
    /// pairs, one [`WordKind`](crate::segment::WordKind) `u8` each, sub-word
    /// boundaries), replacing any before; a refused call changes nothing,
    /// and leaves words arriving by [`append_words`](Self::append_words) alone.
    pub fn set_words(
        &mut self,
        words_cp: &[u32],
        kinds: &[u8],
        subwords_cp: &[u32],
    ) -> Result<(), WordsError> {
        let mut all = WordsBuilder::new();
        all.append(self.len(), words_cp, kinds, subwords_cp)?;
        self.words = Some(all.finish());
        Ok(())
    }

    /// Takes the next piece of the words, as for `set_words`, continuing the
    /// pieces before it (see [`WordsBuilder::append`]). They are used once
    /// [`finish_words`](Self::finish_words) is called.
    pub fn append_words(
        &mut self,
        words_cp: &[u32],
        kinds: &[u8],
        subwords_cp: &[u32],
    ) -> Result<(), WordsError> {
        let len = self.len();
        self.pending.append(len, words_cp, kinds, subwords_cp)
    }

    /// Puts the words appended since the last call in use (none appended:
    /// a text with no words at all).
    pub fn finish_words(&mut self) {
        self.words = Some(std::mem::take(&mut self.pending).finish());
    }

    /// `[start, end)` in both units.
    fn span(&self, start: u32, end: u32, cut: bool) -> Result<Span, OffsetError> {
        Ok(Span {
            start_cp: start,
            end_cp: end,
            start_u16: self.text.cp_to_u16(start as usize)? as u32,
            end_u16: self.text.cp_to_u16(end as usize)? as u32,
            cut,
        })
    }

    /// Refuses a span that is reversed or not inside the text.
    pub fn check_span(&self, start: u32, end: u32) -> Result<(), SpanError> {
        let len = self.len();
        if start > end || end > len {
            return Err(SpanError::Outside { start, end, len });
        }
        Ok(())
    }

    /// Snaps a selection given in code points (either order, see
    /// [`snap::snap`]): `None` when only whitespace was selected.
    pub fn snap(&self, start: u32, end: u32, mode: SnapMode) -> Result<Option<Span>, SpanError> {
        self.check_span(start.min(end), start.max(end))?;
        let Some(r) = snap::snap(
            &self.text,
            &self.structure,
            self.words.as_ref(),
            start,
            end,
            mode,
        ) else {
            return Ok(None);
        };
        Ok(Some(self.span(r.start, r.end, r.clipped_to_paragraph)?))
    }

    /// [`snap`](Self::snap) for a selection in UTF-16 units (DOM positions).
    pub fn snap_u16(
        &self,
        start_u16: u32,
        end_u16: u32,
        mode: SnapMode,
    ) -> Result<Option<Span>, SpanError> {
        let s = self.text.u16_to_cp(start_u16 as usize)? as u32;
        let e = self.text.u16_to_cp(end_u16 as usize)? as u32;
        self.snap(s, e, mode)
    }

    /// The span one step up from `[start, end)`: sentence, then paragraph.
    pub fn widen(&self, start: u32, end: u32) -> Result<Span, SpanError> {
        self.check_span(start, end)?;
        let (s, e) = snap::widen(&self.text, &self.structure, start, end);
        Ok(self.span(s, e, false)?)
    }

    /// The token at a UTF-16 position; `None` between tokens or before
    /// words arrive.
    pub fn word_at_u16(&self, at_u16: u32) -> Result<Option<Span>, SpanError> {
        let cp = self.text.u16_to_cp(at_u16 as usize)? as u32;
        match self.words.as_ref().and_then(|w| snap::word_at(w, cp)) {
            None => Ok(None),
            Some((s, e)) => Ok(Some(self.span(s, e, false)?)),
        }
    }

    /// The next boundary after (or before) code point `cp`. By
    /// [`Step::Char`] it is the edge of the next character as a reader sees
    /// it (an extended grapheme cluster), so a caret or an annotation's end
    /// moved by the keyboard never stops inside 👩‍👩‍👧, between e and its
    /// accent, or between the CR and LF of a line end.
    ///
    /// ```
    /// use biaozhu::document::Document;
    /// use biaozhu::snap::Step;
    ///
    /// let doc = Document::new("a👩\u{200d}👩\u{200d}👧b\r\nc");
    /// assert_eq!(doc.step(1, true, Step::Char), 6); // over the five code points of 👩‍👩‍👧
    /// assert_eq!(doc.step(6, false, Step::Char), 1);
    /// assert_eq!(doc.step(7, true, Step::Char), 9); // CRLF is one step
    /// ```
    pub fn step(&self, cp: u32, forward: bool, by: Step) -> u32 {
        let len = self.len();
        let cp = cp.min(len);
        // Without words (still being cut, or the cut failed) a word step is a
        // character step too: never inside a cluster.
        if by == Step::Char || self.words.is_none() {
            let (start, end) = if forward { (cp, len) } else { (0, cp) };
            let Ok(text) = self.text.slice_cp(start as usize, end as usize) else {
                return cp;
            };
            let mut clusters = text.graphemes(true);
            let next = if forward {
                clusters.next()
            } else {
                clusters.next_back()
            };
            let n = next.map_or(0, |g| g.chars().count() as u32);
            return if forward { cp + n } else { cp - n };
        }
        snap::step(self.words.as_ref(), len, cp, forward, by)
    }

    /// The text of `[start, end)`.
    pub fn slice_cp(&self, start: u32, end: u32) -> Result<&str, SpanError> {
        self.check_span(start, end)?;
        Ok(self.text.slice_cp(start as usize, end as usize)?)
    }

    /// Checks annotations made on this text (`marks.text` is not read) by
    /// every rule of [`AnnotatedDocument::validate`].
    pub fn validate(
        &self,
        marks: &AnnotatedDocument,
    ) -> Result<(), crate::annotation::ValidationError> {
        marks.validate_on(self.len())
    }

    /// Exports annotations made on this text as `format`, with this text,
    /// its hash and its words (Prodigy and `conll-word` need them). `marks`
    /// must not carry a text of its own: the document's is the one written.
    pub fn export(
        &self,
        format: Format,
        marks: &AnnotatedDocument,
    ) -> Result<Exported, ExportError> {
        if !marks.text.is_empty() {
            return Err(ExportError::new(ExportErrorKind::Unsupported(
                "the annotations carry a text; the document's own text is exported, send them without it".into(),
            )));
        }
        // The words are this document's: none found elsewhere, in the
        // browser or natively, so both builds answer alike.
        if format.needs_words() && self.words.is_none() {
            return Err(ExportError::new(ExportErrorKind::NeedsWords(format)));
        }
        let source = Source {
            text: &self.text,
            digest: self.digest,
            structure: Some(&self.structure),
        };
        formats::export_on(format, marks, &source, self.words.as_ref())
    }
}
