//! Positions in a text, in the three units that meet in this project.
//!
//! | who counts | unit |
//! | --- | --- |
//! | Rust `&str`, jieba-rs `byte_start` | UTF-8 bytes |
//! | the file formats, Python `str`, jieba-rs `start` | Unicode code points |
//! | JavaScript strings, the DOM `Range` | UTF-16 code units |
//!
//! They disagree as soon as a character lies outside the Basic Multilingual
//! Plane (𠮷, 😀): such a character is 1 code point, 2 UTF-16 units and 4 bytes.
//! Every conversion in the project goes through this module, so there is one
//! place to get it right: [`IndexedText`] (a text indexed once), its
//! [`DenseIndex`] for a caller that cuts it at every token, [`AstralIndex`]
//! for words whose text is not kept, and [`len_cp`] / [`u16_positions_of`]
//! for strings that are not kept indexed. No other module turns a position
//! in one unit into another. What remains elsewhere walks a text once and
//! counts code points as it goes, which is producing positions, not
//! converting them: the segmenter and the dictionary (jieba's walk is over
//! characters, and is the hot path), CoNLL's one-character-a-line export,
//! and decoding, which counts the UTF-16 units of a file's bytes to name
//! where a lone surrogate is. Every position is a boundary *between* characters:
//! `0` is before the first one and the text's length is after the last one.
//!
//! ```
//! use biaozhu::offsets::IndexedText;
//!
//! let text = IndexedText::new("𠮷野家");
//! // 野 starts at code point 1, UTF-16 unit 2, byte 4.
//! assert_eq!(text.cp_to_u16(1).unwrap(), 2);
//! assert_eq!(text.cp_to_byte(1).unwrap(), 4);
//! assert_eq!(text.u16_to_cp(2).unwrap(), 1);
//! // Unit 1 is the middle of 𠮷's surrogate pair: not a position at all.
//! assert!(text.u16_to_cp(1).is_err());
//! ```

use std::collections::TryReserveError;
use std::fmt;

/// Code points between two byte checkpoints; a conversion to or from bytes
/// walks at most this many characters.
const STRIDE: usize = 64;

/// A text together with what is needed to convert positions in it quickly.
///
/// Conversions between code points and UTF-16 units are a binary search over
/// the text's astral characters (none at all in most Chinese text); those to
/// and from bytes start from a checkpoint kept every 64 code points.
/// Two `IndexedText`s are equal when their texts are: the index is a function
/// of the text (which is what lets [`IndexedTextBuilder`] be tested against
/// [`IndexedText::new`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedText {
    text: String,
    /// Code point index of every character outside the BMP, ascending.
    astral_cp: Vec<u32>,
    /// UTF-16 position of the same characters.
    astral_u16: Vec<u32>,
    /// Byte offset of code point `k * STRIDE`, for every such `k`.
    checkpoints: Vec<u32>,
    len_cp: usize,
}

/// The unit a position counts in; named in errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    CodePoint,
    Utf16,
    Byte,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::CodePoint => "code points",
            Unit::Utf16 => "UTF-16 units",
            Unit::Byte => "bytes",
        })
    }
}

/// A position that does not exist in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OffsetError {
    /// Past the end of the text.
    OutOfRange {
        offset: usize,
        len: usize,
        unit: Unit,
    },
    /// Between the two halves of a surrogate pair.
    InsideSurrogatePair { offset: usize },
    /// Inside the UTF-8 encoding of one character.
    NotCharBoundary { offset: usize },
}

impl fmt::Display for OffsetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OffsetError::OutOfRange { offset, len, unit } => write!(
                f,
                "offset {offset} is past the end of the text ({len} {unit})"
            ),
            OffsetError::InsideSurrogatePair { offset } => write!(
                f,
                "UTF-16 offset {offset} falls between the two halves of a character outside the BMP"
            ),
            OffsetError::NotCharBoundary { offset } => {
                write!(f, "byte offset {offset} falls inside a character")
            }
        }
    }
}

impl std::error::Error for OffsetError {}

impl IndexedText {
    /// Indexes `text`; it is kept exactly as given.
    ///
    /// This is [`IndexedTextBuilder`] fed the whole text at once (without
    /// copying it); a text that arrives in pieces can be indexed piece by
    /// piece with the builder instead, to the same result.
    pub fn new(text: impl Into<String>) -> IndexedText {
        let text = text.into();
        let mut builder = IndexedTextBuilder::new();
        builder.checkpoints.reserve(text.len() / STRIDE + 1);
        builder.index(0, &text);
        builder.text = text;
        builder.finish()
    }

    /// The text, exactly as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn len_cp(&self) -> usize {
        self.len_cp
    }

    /// Length in UTF-16 units.
    pub fn len_u16(&self) -> usize {
        self.len_cp + self.astral_cp.len()
    }

    /// Length in bytes.
    pub fn len_bytes(&self) -> usize {
        self.text.len()
    }

    /// Whether every character is in the BMP, so that code points and UTF-16
    /// units agree.
    pub fn is_bmp_only(&self) -> bool {
        self.astral_cp.is_empty()
    }

    fn check(&self, offset: usize, len: usize, unit: Unit) -> Result<(), OffsetError> {
        if offset > len {
            Err(OffsetError::OutOfRange { offset, len, unit })
        } else {
            Ok(())
        }
    }

    /// Code point position to UTF-16 position.
    pub fn cp_to_u16(&self, cp: usize) -> Result<usize, OffsetError> {
        self.check(cp, self.len_cp, Unit::CodePoint)?;
        Ok(cp + self.astral_cp.partition_point(|&a| (a as usize) < cp))
    }

    /// UTF-16 position to code point position; an offset between the halves
    /// of a surrogate pair is an error.
    pub fn u16_to_cp(&self, u: usize) -> Result<usize, OffsetError> {
        self.check(u, self.len_u16(), Unit::Utf16)?;
        // Pairs that end at or before `u` each count one unit more than a code point.
        let before = self.astral_u16.partition_point(|&s| (s as usize) + 2 <= u);
        match self.astral_u16.get(before) {
            Some(&s) if (s as usize) < u => Err(OffsetError::InsideSurrogatePair { offset: u }),
            _ => Ok(u - before),
        }
    }

    /// Code point position to byte position.
    pub fn cp_to_byte(&self, cp: usize) -> Result<usize, OffsetError> {
        self.check(cp, self.len_cp, Unit::CodePoint)?;
        let k = cp / STRIDE;
        let from = self.checkpoints[k] as usize;
        let walk = cp - k * STRIDE;
        Ok(from
            + self.text[from..]
                .chars()
                .take(walk)
                .map(char::len_utf8)
                .sum::<usize>())
    }

    /// Byte position to code point position; an offset inside a character is
    /// an error.
    pub fn byte_to_cp(&self, byte: usize) -> Result<usize, OffsetError> {
        self.check(byte, self.text.len(), Unit::Byte)?;
        if !self.text.is_char_boundary(byte) {
            return Err(OffsetError::NotCharBoundary { offset: byte });
        }
        let k = self.checkpoints.partition_point(|&c| (c as usize) <= byte) - 1;
        let from = self.checkpoints[k] as usize;
        Ok(k * STRIDE + self.text[from..byte].chars().count())
    }

    /// UTF-16 position to byte position.
    pub fn u16_to_byte(&self, u: usize) -> Result<usize, OffsetError> {
        self.cp_to_byte(self.u16_to_cp(u)?)
    }

    /// Byte position to UTF-16 position.
    pub fn byte_to_u16(&self, byte: usize) -> Result<usize, OffsetError> {
        self.cp_to_u16(self.byte_to_cp(byte)?)
    }

    /// Many code point positions to UTF-16 at once (the bulk form the page
    /// uses for word boundaries).
    pub fn cps_to_u16(&self, cps: &[u32]) -> Result<Vec<u32>, OffsetError> {
        if self.astral_cp.is_empty() {
            if let Some(&bad) = cps.iter().find(|&&c| c as usize > self.len_cp) {
                return Err(OffsetError::OutOfRange {
                    offset: bad as usize,
                    len: self.len_cp,
                    unit: Unit::CodePoint,
                });
            }
            return Ok(cps.to_vec());
        }
        cps.iter()
            .map(|&c| self.cp_to_u16(c as usize).map(|u| u as u32))
            .collect()
    }

    /// Many UTF-16 positions to code points at once.
    pub fn u16s_to_cp(&self, us: &[u32]) -> Result<Vec<u32>, OffsetError> {
        us.iter()
            .map(|&u| self.u16_to_cp(u as usize).map(|c| c as u32))
            .collect()
    }

    /// The byte offset of every code point position, for a caller that
    /// cuts the text at a great many places (an export writing every token,
    /// every quote and its context): each cut is then two lookups, where
    /// [`slice_cp`](Self::slice_cp) walks up to 64 characters from a
    /// checkpoint. It costs four bytes a character while it lives.
    ///
    /// ```
    /// let text = biaozhu::offsets::IndexedText::new("a😀b");
    /// let dense = text.dense();
    /// assert_eq!(dense.slice(1, 3), "😀b");
    /// assert_eq!(dense.char_at(1), Some('😀'));
    /// assert_eq!(dense.slice(2, 9), "", "past the end");
    /// ```
    pub fn dense(&self) -> DenseIndex<'_> {
        let mut bytes = Vec::with_capacity(self.len_cp + 1);
        bytes.extend(self.text.char_indices().map(|(i, _)| i as u32));
        bytes.push(self.text.len() as u32);
        DenseIndex {
            text: &self.text,
            bytes,
        }
    }

    /// The text between two code point positions.
    pub fn slice_cp(&self, start: usize, end: usize) -> Result<&str, OffsetError> {
        let (s, e) = (self.cp_to_byte(start)?, self.cp_to_byte(end)?);
        Ok(self.text.get(s.min(e)..e.max(s)).unwrap_or(""))
    }
}

/// An [`IndexedText`]'s byte offset at every code point: see
/// [`IndexedText::dense`].
pub struct DenseIndex<'a> {
    text: &'a str,
    /// `len_cp + 1` entries: where each code point starts, then the end.
    bytes: Vec<u32>,
}

impl<'a> DenseIndex<'a> {
    /// Length of the text in code points.
    pub fn len_cp(&self) -> usize {
        self.bytes.len() - 1
    }

    /// The text between two code point positions; empty when either is
    /// past the end or they are reversed.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        match (self.bytes.get(start), self.bytes.get(end)) {
            (Some(&s), Some(&e)) => self.text.get(s as usize..e as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// The character at code point `cp`, if there is one.
    pub fn char_at(&self, cp: usize) -> Option<char> {
        self.text
            .get(*self.bytes.get(cp)? as usize..)?
            .chars()
            .next()
    }
}

/// Length in code points of a string that is not kept indexed (a token, a
/// piece of text on its way into a builder): one look at each byte, as
/// [`IndexedTextBuilder`] indexes.
///
/// ```
/// assert_eq!(biaozhu::offsets::len_cp("a😀李"), 3);
/// ```
pub fn len_cp(text: &str) -> usize {
    text.bytes().filter(|&b| b & 0xC0 != 0x80).count()
}

/// The UTF-16 position of every `c` in `text`, ascending: where a JS string
/// holding `text` has it.
///
/// ```
/// let at: Vec<usize> = biaozhu::offsets::u16_positions_of("😀\u{FFFD}a\u{FFFD}", '\u{FFFD}').collect();
/// assert_eq!(at, [2, 4]);
/// ```
pub fn u16_positions_of(text: &str, c: char) -> impl Iterator<Item = usize> + '_ {
    text.chars()
        .scan(0usize, |at, x| {
            let here = *at;
            *at += x.len_utf16();
            Some((here, x))
        })
        .filter(move |&(_, x)| x == c)
        .map(|(at, _)| at)
}

/// Builds an [`IndexedText`] from a text that arrives in pieces.
///
/// Indexing is one pass over the text, and that pass can be cut anywhere
/// between two characters: feed the pieces in order with
/// [`push_str`](Self::push_str) and [`finish`](Self::finish) gives exactly
/// what [`IndexedText::new`] gives for the whole text, whatever the cuts.
/// The page uses this to open a long text without blocking: one piece per
/// task, each a short call, instead of one call over tens of megabytes.
///
/// ```
/// use biaozhu::offsets::{IndexedText, IndexedTextBuilder};
///
/// let mut builder = IndexedTextBuilder::new();
/// for piece in ["😀李", "白\r", "\n𠮷"] {
///     builder.push_str(piece);
/// }
/// assert_eq!(builder.len_u16(), 8); // 😀 and 𠮷 are two UTF-16 units each
/// let text = builder.finish();
/// assert_eq!(text, IndexedText::new("😀李白\r\n𠮷"));
/// assert_eq!(text.cp_to_u16(5).unwrap(), 6);
/// ```
#[derive(Clone, Debug, Default)]
pub struct IndexedTextBuilder {
    text: String,
    astral_cp: Vec<u32>,
    checkpoints: Vec<u32>,
    len_cp: usize,
    /// Characters until the next one that starts a stride (0: the next does).
    to_checkpoint: usize,
}

impl IndexedTextBuilder {
    /// An empty builder.
    pub fn new() -> IndexedTextBuilder {
        IndexedTextBuilder::default()
    }

    /// An empty builder with room for `bytes` bytes of text, for when the
    /// length is known ahead (it saves copying the text as it grows).
    pub fn with_capacity(bytes: usize) -> IndexedTextBuilder {
        IndexedTextBuilder {
            text: String::with_capacity(bytes),
            checkpoints: Vec::with_capacity(bytes / STRIDE + 1),
            ..IndexedTextBuilder::default()
        }
    }

    /// Makes room for `additional` more bytes of text, so that the text
    /// need not be copied as it grows (a copy of tens of megabytes is one
    /// long call). Only a hint: a wrong guess costs memory or a copy, never
    /// a wrong index. Too much to allocate is an error, not an abort.
    ///
    /// ```
    /// let mut builder = biaozhu::offsets::IndexedTextBuilder::new();
    /// builder.try_reserve(1 << 20).unwrap();
    /// assert!(builder.try_reserve(usize::MAX).is_err());
    /// builder.push_str("still fine");
    /// ```
    pub fn try_reserve(&mut self, additional: usize) -> Result<(), TryReserveError> {
        self.text.try_reserve(additional)?;
        self.checkpoints.try_reserve(additional / STRIDE + 1)
    }

    /// Appends `chunk` to the text and indexes it. A `&str` always ends on a
    /// character boundary, so there is no character cut in two to remember.
    pub fn push_str(&mut self, chunk: &str) {
        self.index(self.text.len(), chunk);
        self.text.push_str(chunk);
    }

    /// Indexes `chunk`, which starts at byte `base` of the text, without
    /// keeping it.
    fn index(&mut self, base: usize, chunk: &str) {
        // One look at each byte: a character starts at every byte that is
        // not a UTF-8 continuation byte (`0b10xx_xxxx`), and it lies outside
        // the BMP exactly when its first byte is `0b1111_0xxx` (four bytes).
        for (i, &b) in chunk.as_bytes().iter().enumerate() {
            if b & 0xC0 == 0x80 {
                continue;
            }
            if self.to_checkpoint == 0 {
                self.checkpoints.push((base + i) as u32);
                self.to_checkpoint = STRIDE;
            }
            self.to_checkpoint -= 1;
            if b >= 0xF0 {
                self.astral_cp.push(self.len_cp as u32);
            }
            self.len_cp += 1;
        }
    }

    /// Length so far in code points.
    pub fn len_cp(&self) -> usize {
        self.len_cp
    }

    /// Length so far in UTF-16 units.
    pub fn len_u16(&self) -> usize {
        self.len_cp + self.astral_cp.len()
    }

    /// Length so far in bytes.
    pub fn len_bytes(&self) -> usize {
        self.text.len()
    }

    /// The text so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The indexed text. Cheap: the pieces were indexed as they came; only
    /// the UTF-16 positions of the astral characters (few, if any) are left
    /// to list.
    pub fn finish(mut self) -> IndexedText {
        // The end of the text is a position too: it gets a checkpoint when it
        // starts a stride, as the start of a character there would.
        if self.to_checkpoint == 0 {
            self.checkpoints.push(self.text.len() as u32);
        }
        // The k-th astral character has k pairs before it, each one unit
        // longer in UTF-16 than in code points.
        let astral_u16 = self
            .astral_cp
            .iter()
            .enumerate()
            .map(|(k, &a)| a + k as u32)
            .collect();
        IndexedText {
            text: self.text,
            astral_cp: self.astral_cp,
            astral_u16,
            checkpoints: self.checkpoints,
            len_cp: self.len_cp,
        }
    }
}

/// Where a text's characters outside the BMP are, which is all it takes to
/// move code point offsets to UTF-16: for a text that is segmented and then
/// dropped, a lighter index than [`IndexedText`], with the same answers.
///
/// ```
/// use biaozhu::offsets::AstralIndex;
///
/// let astral = AstralIndex::new("a😀b𠮷c");
/// // a|😀|b|𠮷|c: code points 0..5 are UTF-16 units 0, 1, 3, 4, 6, 7.
/// assert_eq!(astral.ascending_cps_to_u16(&[0, 1, 2, 3, 4, 5]), [0, 1, 3, 4, 6, 7]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct AstralIndex {
    /// Code point index of every character of two UTF-16 units, ascending; usually none.
    astral_cp: Vec<u32>,
}

impl AstralIndex {
    pub fn new(text: &str) -> AstralIndex {
        let mut index = AstralIndex::default();
        index.push_str(text, 0);
        index
    }

    /// Adds the characters of `text`, the part of a longer text that starts
    /// at code point `start` (after the parts already added).
    pub fn push_str(&mut self, text: &str, start: u32) {
        // Only a character of four UTF-8 bytes is two UTF-16 units; its lead
        // byte is the only byte ≥ 0xF0, which a byte scan finds fast.
        if !text.bytes().any(|b| b >= 0xF0) {
            return;
        }
        let astral = text
            .chars()
            .enumerate()
            .filter(|(_, c)| c.len_utf16() == 2)
            .map(|(i, _)| start + i as u32);
        self.astral_cp.extend(astral);
    }

    /// How many characters of two UTF-16 units were added.
    pub fn len(&self) -> usize {
        self.astral_cp.len()
    }

    /// Whether none were.
    pub fn is_empty(&self) -> bool {
        self.astral_cp.is_empty()
    }

    /// `cps`, which must ascend (as word boundaries do), in UTF-16 units, in one pass.
    pub fn ascending_cps_to_u16(&self, cps: &[u32]) -> Vec<u32> {
        if self.astral_cp.is_empty() {
            return cps.to_vec();
        }
        let mut before = 0;
        cps.iter()
            .map(|&cp| {
                while self.astral_cp.get(before).is_some_and(|&a| a < cp) {
                    before += 1;
                }
                cp + before as u32
            })
            .collect()
    }
}
