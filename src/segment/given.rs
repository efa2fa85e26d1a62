//! Words handed over rather than found here: by the page's worker (which
//! segments in another wasm instance), a piece at a time, or by a caller of
//! an export. The one place that decides whether a list of words fits a text.

use std::fmt;

use super::{Segmentation, Segmenter, Word, WordKind};
use crate::offsets::{len_cp, AstralIndex};

/// Words that do not fit the text they were given for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordsError {
    /// The offsets are not `start, end` pairs, or the kinds not one a pair.
    Shape(&'static str),
    /// A token that is empty, overlaps the one before or ends past the text.
    OutOfOrder { start: u32, end: u32, len: u32 },
    /// A kind that is not a [`WordKind`].
    UnknownKind(u8),
    /// Sub-word boundaries that do not ascend or lie outside the text.
    Boundaries,
    /// A token whose start or end is not among the sub-word boundaries.
    MissingBoundary { start: u32, end: u32 },
}

impl fmt::Display for WordsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WordsError::Shape(why) => f.write_str(why),
            WordsError::OutOfOrder { start, end, len } => write!(
                f,
                "word [{start}, {end}) is out of order or outside the text ({len} code points); were these words found for another text?"
            ),
            WordsError::UnknownKind(k) => write!(f, "unknown word kind {k}"),
            WordsError::Boundaries => {
                f.write_str("sub-word boundaries must ascend and lie inside the text")
            }
            WordsError::MissingBoundary { start, end } => write!(
                f,
                "the sub-word boundaries lack the start or end of word [{start}, {end}); pass the subwordsCp the Segmenter gave with these words"
            ),
        }
    }
}

impl std::error::Error for WordsError {}

/// The rule every token list must keep: tokens ascend from `after` (the end
/// of the tokens before them), none empty or overlapping, and all end within
/// a text of `len` code points.
pub fn check_tokens(words: &[Word], after: u32, len: u32) -> Result<(), WordsError> {
    let mut last_end = after;
    for w in words {
        if w.start < last_end || w.end <= w.start || w.end > len {
            return Err(WordsError::OutOfOrder {
                start: w.start,
                end: w.end,
                len,
            });
        }
        last_end = w.end;
    }
    Ok(())
}

/// Tokens from interleaved `start, end` pairs, each of the kind `kind_of`
/// gives its span (unchecked: see [`check_tokens`]).
pub fn tokens_from_pairs(
    pairs: &[u32],
    mut kind_of: impl FnMut(u32, u32) -> Result<WordKind, WordsError>,
) -> Result<Vec<Word>, WordsError> {
    if !pairs.len().is_multiple_of(2) {
        return Err(WordsError::Shape(
            "the words must be start, end pairs (odd number of offsets)",
        ));
    }
    pairs
        .chunks_exact(2)
        .map(|pair| match *pair {
            [start, end] => Ok(Word {
                start,
                end,
                kind: kind_of(start, end)?,
            }),
            _ => Err(WordsError::Shape("odd number of offsets")),
        })
        .collect()
}

/// Words arriving in pieces, each checked against the text and against the
/// end of the pieces before it; [`finish`](Self::finish) gives them whole.
///
/// ```
/// use biaozhu::segment::WordsBuilder;
///
/// let mut words = WordsBuilder::new();
/// words.append(8, &[0, 2, 2, 4], &[0, 0], &[0, 2, 4]).unwrap();
/// // A piece may repeat the last boundary of the one before.
/// words.append(8, &[4, 8], &[0], &[4, 6, 8]).unwrap();
/// assert!(words.append(8, &[6, 9], &[0], &[9]).is_err(), "past the end");
/// assert_eq!(words.finish().subword_boundaries, [0, 2, 4, 6, 8]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct WordsBuilder {
    words: Vec<Word>,
    subwords: Vec<u32>,
}

impl WordsBuilder {
    pub fn new() -> WordsBuilder {
        WordsBuilder::default()
    }

    /// Checks the next piece of words (`words_cp` interleaved pairs, one
    /// kind a token as [`WordKind`]'s `u8`, ascending sub-word boundaries)
    /// against a text of `len` code points and the pieces before it, and
    /// appends it; a refused piece changes nothing.
    ///
    /// Boundaries must include every token's start and end (they may have
    /// come in an earlier piece). One leniency at a join: a piece's first
    /// boundary may repeat the last one before it (segmenting pieces of text
    /// apart gives each piece both its ends); it is kept once.
    pub fn append(
        &mut self,
        len: u32,
        words_cp: &[u32],
        kinds: &[u8],
        subwords_cp: &[u32],
    ) -> Result<(), WordsError> {
        if words_cp.len() != kinds.len() * 2 {
            return Err(WordsError::Shape(
                "there must be one kind for every start, end pair",
            ));
        }
        // Order before kinds: a token out of place says more than its kind.
        let mut words = tokens_from_pairs(words_cp, |_, _| Ok(WordKind::Symbol))?;
        self.check(&words, len)?;
        for (w, &k) in words.iter_mut().zip(kinds) {
            w.kind = WordKind::from_u8(k).ok_or(WordsError::UnknownKind(k))?;
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
            return Err(WordsError::Boundaries);
        }
        // The words' ends come in order, so one walk along this piece's
        // boundaries finds them; a search of every boundary before, for each
        // word, was most of the main thread's time on opening a long text.
        let mut next = subwords.iter().peekable();
        let mut known = |b: u32| {
            while next.next_if(|&&x| x < b).is_some() {}
            next.peek() == Some(&&b)
                || (before.is_some_and(|last| b <= last) && self.subwords.binary_search(&b).is_ok())
        };
        if let Some(w) = words.iter().find(|w| !known(w.start) || !known(w.end)) {
            return Err(WordsError::MissingBoundary {
                start: w.start,
                end: w.end,
            });
        }
        self.words.extend(words);
        self.subwords.extend_from_slice(subwords);
        Ok(())
    }

    fn check(&self, words: &[Word], len: u32) -> Result<(), WordsError> {
        check_tokens(words, self.words.last().map_or(0, |w| w.end), len)
    }

    /// The words of every piece appended.
    pub fn finish(self) -> Segmentation {
        Segmentation {
            words: self.words,
            subword_boundaries: self.subwords,
        }
    }
}

/// The words of a text segmented piece by piece (each piece cut after a
/// line break, which no word crosses), with what is needed to hand them
/// over in both units: the UTF-16 offsets are worked out only when asked
/// for (the page's worker reads code points).
///
/// ```
/// use biaozhu::segment::{Segmenter, SegmentedText};
///
/// let segmenter = Segmenter::embedded();
/// let mut pieces = SegmentedText::default();
/// pieces.push(&segmenter, "😀李白\n");
/// pieces.push(&segmenter, "𠮷野家");
/// assert_eq!(pieces.segmentation(), &segmenter.segment("😀李白\n𠮷野家"));
/// assert_eq!((pieces.len_cp(), pieces.len_u16()), (7, 9));
/// assert_eq!(pieces.words_u16()[2..4], [2, 4]); // 李白 after 😀's two units
/// ```
#[derive(Clone, Debug, Default)]
pub struct SegmentedText {
    seg: Segmentation,
    astral: AstralIndex,
    word_count: usize,
    len_cp: u32,
}

impl SegmentedText {
    /// Segments `piece`, the text that follows the pieces before it, and
    /// appends its words.
    pub fn push(&mut self, segmenter: &Segmenter, piece: &str) {
        let before = self.seg.words.len();
        segmenter.segment_after(piece, self.len_cp, &mut self.seg);
        self.word_count += self.seg.words[before..]
            .iter()
            .filter(|w| w.kind.is_word())
            .count();
        self.astral.push_str(piece, self.len_cp);
        self.len_cp += len_cp(piece) as u32;
    }

    /// The words of every piece pushed.
    pub fn segmentation(&self) -> &Segmentation {
        &self.seg
    }

    /// Tokens as interleaved `start, end` code points.
    pub fn words_cp(&self) -> Vec<u32> {
        self.seg
            .words
            .iter()
            .flat_map(|w| [w.start, w.end])
            .collect()
    }

    /// The same in UTF-16 units.
    pub fn words_u16(&self) -> Vec<u32> {
        self.astral.ascending_cps_to_u16(&self.words_cp())
    }

    /// Sub-word boundaries in UTF-16 units.
    pub fn subwords_u16(&self) -> Vec<u32> {
        self.astral
            .ascending_cps_to_u16(&self.seg.subword_boundaries)
    }

    /// Tokens that are words (not punctuation).
    pub fn word_count(&self) -> usize {
        self.word_count
    }

    /// Length of the text so far in code points.
    pub fn len_cp(&self) -> u32 {
        self.len_cp
    }

    /// Length of the text so far in UTF-16 units.
    pub fn len_u16(&self) -> u32 {
        self.len_cp + self.astral.len() as u32
    }
}

impl Segmentation {
    /// Checks that these words fit a text of `len` code points (see
    /// [`check_tokens`]).
    pub fn check(&self, len: u32) -> Result<(), WordsError> {
        check_tokens(&self.words, 0, len)
    }
}
