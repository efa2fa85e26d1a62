//! Words of a whole document: jieba-rs for Han text, whole words for the rest.
//!
//! jieba cuts Han text well, but any character outside its own classes (CJK
//! and ASCII letters and digits) comes out alone: `ВСТРЕЧА` would become seven
//! one-letter tokens, `ＧＤＰ` three, and `👨‍👩‍👧` five. So the text goes through
//! jieba whole, and every non-Han run is also cut at Unicode word boundaries
//! (UAX #29, `unicode-segmentation`); a jieba cut that falls inside one of
//! those words is dropped, which keeps `ВСТРЕЧА`, `２０３０` and a ZWJ emoji whole.
//!
//! Besides the words there are finer *sub-word boundaries*: jieba's search
//! mode also finds the dictionary words inside a long word (美国政府 holds
//! 美国 and 政府). Selection snapping stops at those.
//!
//! All positions are code points, half-open `[start, end)`.
//!
//! ```
//! use biaozhu::segment::{Segmenter, WordKind};
//!
//! let segmenter = Segmenter::embedded();
//! let seg = segmenter.segment("普京 ВСТРЕЧА");
//! let words: Vec<_> = seg.words.iter().map(|w| (w.start, w.end, w.kind)).collect();
//! assert_eq!(words, [(0, 2, WordKind::Han), (3, 10, WordKind::Other)]);
//! ```

use std::fmt;
use std::io::BufRead;

use jieba_rs::Jieba;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum WordKind {
    /// Holds at least one Han character.
    Han = 0,
    /// Letters or digits of another script (Cyrillic, Latin, full-width…).
    Other = 1,
    /// Punctuation, symbols, emoji: a token, but not a word.
    Symbol = 2,
}

impl WordKind {
    /// Whether the token counts as a word (not punctuation or symbols).
    pub fn is_word(self) -> bool {
        self != WordKind::Symbol
    }

    /// Back from the `u8` the page receives.
    pub fn from_u8(v: u8) -> Option<WordKind> {
        match v {
            0 => Some(WordKind::Han),
            1 => Some(WordKind::Other),
            2 => Some(WordKind::Symbol),
            _ => None,
        }
    }
}

/// One token, `[start, end)` in code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: u32,
    pub end: u32,
    pub kind: WordKind,
}

/// The tokens of a text and its finer boundaries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Tokens in text order, none overlapping; whitespace is not a token.
    pub words: Vec<Word>,
    /// Every position where a word or a sub-word starts or ends, ascending,
    /// in code points. Includes every word boundary.
    pub subword_boundaries: Vec<u32>,
}

impl Segmentation {
    /// How many tokens are words (not punctuation).
    pub fn word_count(&self) -> usize {
        self.words.iter().filter(|w| w.kind.is_word()).count()
    }
}

/// A dictionary that could not be read.
#[derive(Debug)]
pub struct DictError(String);

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the dictionary could not be read: {}", self.0)
    }
}

impl std::error::Error for DictError {}

/// A jieba instance with its dictionary; build it once and keep it, since
/// building reads the whole dictionary (about 350 000 words).
pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    /// jieba-rs's own dictionary, embedded in the binary (native builds only;
    /// the page loads the same words from a file).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn embedded() -> Segmenter {
        Segmenter {
            jieba: Jieba::new(),
        }
    }

    /// A dictionary in jieba's text format: one `word [freq [tag]]` a line.
    pub fn from_dict<R: BufRead>(mut dict: R) -> Result<Segmenter, DictError> {
        let jieba = Jieba::with_dict(&mut dict).map_err(|e| DictError(e.to_string()))?;
        Ok(Segmenter { jieba })
    }

    /// Cuts a whole document into tokens and sub-word boundaries.
    pub fn segment(&self, text: &str) -> Segmentation {
        let whole = non_han_words(text);
        let mut words: Vec<Word> = Vec::with_capacity(text.len() / 4);
        let mut next_whole = whole.iter().peekable();
        for token in self.jieba.cut(text, true) {
            let (start, end) = (token.start as u32, token.end as u32);
            while next_whole.peek().is_some_and(|w| w.1 <= start) {
                next_whole.next();
            }
            let inside_whole = next_whole.peek().is_some_and(|w| w.0 < start);
            match words.last_mut() {
                Some(last) if inside_whole && last.end == start => last.end = end,
                _ => {
                    if token.word.chars().all(char::is_whitespace) {
                        continue;
                    }
                    words.push(Word {
                        start,
                        end,
                        kind: WordKind::Symbol,
                    })
                }
            }
        }
        classify(text, &mut words);

        let mut boundaries: Vec<u32> = Vec::with_capacity(words.len() * 2);
        for w in &words {
            boundaries.push(w.start);
            boundaries.push(w.end);
        }
        // Search mode's grams inside each Han word become cuts only where
        // they tile the word (see `inner_cuts`).
        let mut inner: Vec<(u32, u32)> = self
            .jieba
            .cut_for_search(text, false)
            .iter()
            .map(|t| (t.start as u32, t.end as u32))
            .collect();
        inner.sort_unstable();
        let mut at = 0;
        for w in words.iter().filter(|w| w.kind == WordKind::Han) {
            while inner.get(at).is_some_and(|t| t.0 < w.start) {
                at += 1;
            }
            let mut from = at;
            let mut parts: Vec<(u32, u32)> = Vec::new();
            while let Some(&t) = inner.get(from).filter(|t| t.0 < w.end) {
                // A single character is never a sub-word: inside a word
                // that HMM put together (a name such as 李明), search mode
                // without HMM gives the word's characters one by one.
                if t.1 <= w.end && t.1 - t.0 >= 2 && t != (w.start, w.end) {
                    parts.push(t);
                }
                from += 1;
            }
            inner_cuts(w, &parts, &mut boundaries);
        }
        boundaries.sort_unstable();
        boundaries.dedup();
        Segmentation {
            words,
            subword_boundaries: boundaries,
        }
    }
}

/// The cuts inside word `w` that split it into dictionary sub-words with
/// nothing left over, in as few pieces as possible: 美国政府 → 美国|政府,
/// 联合国安理会 → 联合国|安理会. Search mode's grams overlap (俄罗斯 holds
/// 罗斯, 美国政府 holds 国政); a cut that leaves a non-word on one side (俄|罗斯)
/// is not one a person means, so none is made.
fn inner_cuts(w: &Word, parts: &[(u32, u32)], out: &mut Vec<u32>) {
    let n = (w.end - w.start) as usize;
    // best[i]: fewest pieces tiling the word's first i characters, and where the last piece starts.
    let mut best: Vec<Option<(u32, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for i in 0..n {
        let Some((pieces, _)) = best[i] else { continue };
        for &(s, e) in parts {
            if (s - w.start) as usize != i {
                continue;
            }
            let j = (e - w.start) as usize;
            if best[j].is_none_or(|(p, _)| pieces + 1 < p) {
                best[j] = Some((pieces + 1, i));
            }
        }
    }
    let mut at = n;
    if best[n].is_none() {
        return;
    }
    while at > 0 {
        let Some((_, from)) = best[at] else { return };
        if from > 0 {
            out.push(w.start + from as u32);
        }
        at = from;
    }
}

/// Whether `c` is a Han ideograph (any CJK Unified or Compatibility block, and 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F
        | 0x30000..=0x323AF)
}

/// The UAX #29 words of every non-Han run that hold more than one code
/// point and are not whitespace, as `(start, end)` code points, ascending.
fn non_han_words(text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut cp = 0u32;
    let mut run_start: Option<(usize, u32)> = None;
    let flush = |from: usize, to: usize, cp0: u32, out: &mut Vec<(u32, u32)>| {
        let mut at = cp0;
        for word in text[from..to].split_word_bounds() {
            let n = word.chars().count() as u32;
            if n > 1 && !word.chars().all(char::is_whitespace) {
                out.push((at, at + n));
            }
            at += n;
        }
    };
    for (byte, c) in text.char_indices() {
        if is_han(c) {
            if let Some((b0, c0)) = run_start.take() {
                flush(b0, byte, c0, &mut out);
            }
        } else if run_start.is_none() {
            run_start = Some((byte, cp));
        }
        cp += 1;
    }
    if let Some((b0, c0)) = run_start {
        flush(b0, text.len(), c0, &mut out);
    }
    out
}

/// Sets each token's kind from its characters, in one pass over the text.
fn classify(text: &str, words: &mut [Word]) {
    let mut chars = text.chars();
    let mut cp = 0u32;
    for w in words.iter_mut() {
        while cp < w.start {
            chars.next();
            cp += 1;
        }
        let mut kind = WordKind::Symbol;
        while cp < w.end {
            let Some(c) = chars.next() else { break };
            cp += 1;
            if is_han(c) {
                kind = WordKind::Han;
            } else if c.is_alphanumeric() && kind == WordKind::Symbol {
                kind = WordKind::Other;
            }
        }
        w.kind = kind;
    }
}
