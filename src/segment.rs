//! Words of a whole document: jieba's words for Han text, whole words for the rest.
//!
//! jieba cuts Han text well, but any character outside its own classes (CJK
//! and ASCII letters and digits) comes out alone: `ВСТРЕЧА` would become seven
//! one-letter tokens, `ＧＤＰ` three, and `👨‍👩‍👧` five. So the text is cut by
//! jieba whole, and every non-Han run is also cut at Unicode word boundaries
//! (UAX #29, `unicode-segmentation`); a jieba cut that falls inside one of
//! those words is dropped, which keeps `ВСТРЕЧА`, `２０３０` and a ZWJ emoji whole.
//!
//! Besides the words there are finer *sub-word boundaries*: jieba's search
//! mode also finds the dictionary words inside a long word (美国政府 holds
//! 美国 and 政府). Selection snapping stops at those.
//!
//! jieba's cut is either jieba-rs's own (with the dictionary it embeds, in
//! native builds) or, for a dictionary read from text as the page does, our
//! own walk over our own index of it, which gives the same tokens about
//! twice as fast (`segment/cut.rs`).
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

use std::collections::HashMap;
use std::fmt;
use std::io::BufRead;

#[cfg(not(target_arch = "wasm32"))]
use jieba_rs::Jieba;
use unicode_segmentation::UnicodeSegmentation;

pub(crate) mod abbrev;
pub use abbrev::joined_places;
mod cut;
mod dict;
mod edges;
mod given;
mod hmm;
mod learnt;

pub use given::{check_tokens, tokens_from_pairs, SegmentedText, WordsBuilder, WordsError};

pub use learnt::{LearnError, Learnt, LearntWord};

use cut::Token;
use dict::{Dict, DictBuilder};

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

    /// The kind of a token made of two parts of these kinds: Han if either
    /// holds a Han character, else a word if either is one.
    fn with(self, other: WordKind) -> WordKind {
        if self as u8 <= other as u8 {
            self
        } else {
            other
        }
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

/// A dictionary ready to segment with; build it once and keep it, since
/// building reads the whole dictionary (about 350 000 words).
pub struct Segmenter {
    engine: Engine,
    learnt: Learnt,
    /// Parts of speech of dictionary words, for a dictionary read from
    /// text or packed (jieba-rs's own keeps them itself): the packed one
    /// keeps those of names, places and organisations.
    tags: HashMap<String, String>,
    /// The longest word in `tags`, in characters.
    longest_tagged: usize,
}

/// The part of speech [`Segmenter::parts_of_speech`] gives a word the
/// dictionary does not have.
pub const UNKNOWN_WORD: &str = "?";

/// Two ways to jieba's tokens, the same tokens either way (the tests check).
enum Engine {
    /// jieba-rs itself: how a native build uses the dictionary jieba-rs
    /// embeds, which only jieba-rs can read. (The page has no use for it,
    /// so the wasm build leaves jieba-rs out.)
    #[cfg(not(target_arch = "wasm32"))]
    Jieba(Box<Jieba>),
    /// jieba's algorithm over our own index of a dictionary read from text
    /// (see `cut.rs`), with jieba-rs's HMM model for what the words leave over.
    Walk(Dict),
}

impl Engine {
    fn cut(&self, text: &str, emit: impl FnMut(Token)) {
        match self {
            #[cfg(not(target_arch = "wasm32"))]
            Engine::Jieba(jieba) => jieba
                .cut(text, true)
                .iter()
                .map(|t| Token {
                    byte_start: t.byte_start,
                    byte_end: t.byte_end,
                    start: t.start as u32,
                    end: t.end as u32,
                    in_block: false,
                })
                .for_each(emit),
            Engine::Walk(dict) => cut::cut(dict, text, &mut cut::Scratch::default(), emit),
        }
    }

    fn has_word(&self, word: &str) -> bool {
        match self {
            #[cfg(not(target_arch = "wasm32"))]
            Engine::Jieba(jieba) => jieba.has_word(word),
            Engine::Walk(dict) => dict.has(word.chars()),
        }
    }
}

impl Segmenter {
    /// Whether `word` is a word of the dictionary (the learnt words aside).
    pub(crate) fn has_word(&self, word: &str) -> bool {
        self.engine.has_word(word)
    }

    /// jieba-rs's own dictionary, embedded in the binary (native builds only;
    /// the page loads the same words from a file).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn embedded() -> Segmenter {
        Segmenter::with_jieba(Jieba::new())
    }

    /// Segments with this jieba-rs instance as it is: its dictionary, its
    /// HMM model (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_jieba(jieba: Jieba) -> Segmenter {
        Segmenter {
            engine: Engine::Jieba(Box::new(jieba)),
            learnt: Learnt::default(),
            tags: HashMap::new(),
            longest_tagged: 0,
        }
    }

    /// A dictionary in jieba's text format: one `word [freq [tag]]` a line.
    /// The words come out as jieba-rs would cut them with this dictionary,
    /// about twice as fast.
    pub fn from_dict<R: BufRead>(dict: R) -> Result<Segmenter, DictError> {
        Ok(Segmenter {
            engine: Engine::Walk(Dict::read(dict)?),
            learnt: Learnt::default(),
            tags: HashMap::new(),
            longest_tagged: 0,
        })
    }

    /// A dictionary already read into entries, added one by one: the
    /// segmenter [`Segmenter::from_dict`] makes of the lines `word freq`,
    /// without writing the entries as text and reading them back.
    ///
    /// ```
    /// use biaozhu::segment::Segmenter;
    ///
    /// let mut words = Segmenter::builder();
    /// for (word, freq) in [("北京", 100), ("大学", 50), ("北京大学", 200)] {
    ///     words.add(word, freq);
    /// }
    /// let segmenter = words.finish().unwrap();
    /// assert_eq!(segmenter.segment("北京大学").words.len(), 1);
    /// ```
    pub fn builder() -> SegmenterBuilder {
        SegmenterBuilder(DictBuilder::default())
    }

    /// Cuts a whole document into tokens and sub-word boundaries.
    pub fn segment(&self, text: &str) -> Segmentation {
        let mut out = Segmentation::default();
        self.segment_after(text, 0, &mut out);
        out
    }

    /// Cuts `text`, the part of a longer text that starts at code point
    /// `start`, appending its tokens and boundaries to `out` (which holds
    /// those of the text before it). Cut after a line break (no word crosses
    /// one), the parts give what [`Segmenter::segment`] gives the whole, with
    /// no copy of the words gathered so far: the page's worker segments a
    /// long text part by part into one `out`.
    pub fn segment_after(&self, text: &str, start: u32, out: &mut Segmentation) {
        self.cut_after(text, start, out, true);
    }

    /// [`Segmenter::segment_after`], with the learnt words laid over the
    /// dictionary's (`learnt`) or not.
    fn cut_after(&self, text: &str, start: u32, out: &mut Segmentation, learnt: bool) {
        let whole = non_han_words(text);
        out.words.reserve(text.len() / 4);
        out.subword_boundaries.reserve(text.len() / 3);
        let mut out = Builder {
            engine: &self.engine,
            learnt: &self.learnt,
            text,
            shift: start,
            words: &mut out.words,
            boundaries: &mut out.subword_boundaries,
            last_bytes: (0, 0),
            scratch: Scratch::default(),
        };
        let mut next_whole = whole.iter().peekable();
        let mut classes = CharClasses::default();
        let mut take = |token: Token| {
            let (start, end) = (token.start, token.end);
            while next_whole.peek().is_some_and(|w| w.1 <= start) {
                next_whole.next();
            }
            // Never true of a part's first token, so a word of the text
            // before this part is never extended.
            let inside_whole = next_whole.peek().is_some_and(|w| w.0 < start);
            let word = &text.as_bytes()[token.byte_start..token.byte_end];
            let kind = if token.in_block {
                Some(block_kind(word))
            } else {
                kind_of(&text[token.byte_start..token.byte_end], &mut classes)
            };
            let (start, end) = (start + out.shift, end + out.shift);
            match out.words.last_mut() {
                Some(last) if inside_whole && last.end == start => {
                    last.end = end;
                    last.kind = last.kind.with(kind.unwrap_or(WordKind::Symbol));
                    out.last_bytes.1 = token.byte_end;
                }
                _ => {
                    if let Some(kind) = kind {
                        out.push(
                            Word { start, end, kind },
                            (token.byte_start, token.byte_end),
                        );
                    }
                }
            }
        };
        if self.learnt.is_empty() || !learnt {
            self.engine.cut(text, take);
        } else {
            let mut tokens = Vec::with_capacity(text.len() / 4);
            self.engine.cut(text, |t| tokens.push(t));
            let found = self.learnt.occurrences(text);
            learnt::overlay(tokens, &found)
                .into_iter()
                .for_each(&mut take);
        }
        out.close_last();
    }

    /// The dictionary's part of speech (jieba's tags: `nr` person, `ns`
    /// place, `nt` organisation, ...) of each word of one line of text, as
    /// `(start, end, tag)` in code points. The words are those of
    /// [`Segmenter::segment`], learnt words and whole non-Han runs included;
    /// a word the dictionary has without a tag is `x`, a word it does not
    /// have [`UNKNOWN_WORD`]. A dictionary
    /// read from text or packed has the tags [`Segmenter::set_parts_of_speech`]
    /// gave it, and none before.
    pub fn parts_of_speech(&self, text: &str) -> Vec<(u32, u32, String)> {
        self.tag_words(text, true)
    }

    /// [`Segmenter::parts_of_speech`] of the dictionary's words alone, as
    /// if nothing had been learnt. What the suggestions' tagger sees: a
    /// learnt 国梁 would cut 刘国梁 into 刘|国梁 and hide the name the
    /// dictionary knows; the tagger is told of learnt words apart.
    ///
    /// ```
    /// use biaozhu::segment::Segmenter;
    ///
    /// let mut s = Segmenter::embedded();
    /// s.learn("国梁", None, Some("PER")).unwrap();
    /// let words = |w: Vec<(u32, u32, String)>| w.into_iter().map(|w| (w.0, w.1)).collect::<Vec<_>>();
    /// assert_eq!(words(s.parts_of_speech("刘国梁说")), [(0, 1), (1, 3), (3, 4)]);
    /// assert_eq!(words(s.dictionary_parts_of_speech("刘国梁说")), [(0, 3), (3, 4)]);
    /// ```
    pub fn dictionary_parts_of_speech(&self, text: &str) -> Vec<(u32, u32, String)> {
        self.tag_words(text, false)
    }

    fn tag_words(&self, text: &str, learnt: bool) -> Vec<(u32, u32, String)> {
        if matches!(self.engine, Engine::Walk(_)) && self.tags.is_empty() {
            return Vec::new();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut word = String::new();
        let mut cut = Segmentation::default();
        self.cut_after(text, 0, &mut cut, learnt);
        cut.words
            .iter()
            .map(|w| {
                word.clear();
                word.extend(&chars[w.start as usize..w.end as usize]);
                (w.start, w.end, self.part_of_speech(&word))
            })
            .collect()
    }

    /// The dictionary's part of speech of one word: `x` for a word it has
    /// without one, [`UNKNOWN_WORD`] for a word it does not have (one the
    /// HMM joined, a non-Han run): most unknown names are those.
    fn part_of_speech(&self, word: &str) -> String {
        let tag = match &self.engine {
            #[cfg(not(target_arch = "wasm32"))]
            Engine::Jieba(jieba) if jieba.has_word(word) => {
                match jieba.tag(word, true).as_slice() {
                    [one] => one.tag,
                    _ => "x",
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            Engine::Jieba(_) => UNKNOWN_WORD,
            Engine::Walk(dict) => match self.tags.get(word) {
                Some(tag) => tag.as_str(),
                None if dict.has(word.chars()) => "x",
                None => UNKNOWN_WORD,
            },
        };
        tag.to_owned()
    }

    /// Gives a dictionary read from text or packed its words' parts of
    /// speech, as `word tag` lines (what the packed dictionary keeps); they
    /// replace any given before. jieba-rs's own dictionary has its own.
    ///
    /// ```
    /// use biaozhu::segment::Segmenter;
    ///
    /// let mut s = Segmenter::from_dict("上海 100\n欢迎 100\n".as_bytes()).unwrap();
    /// s.set_parts_of_speech("上海 ns\n");
    /// assert_eq!(s.parts_of_speech("欢迎上海")[1], (2, 4, "ns".to_owned()));
    /// // A word it has without a part of speech is `x`; one it lacks, `?`.
    /// let tags: Vec<String> = s.parts_of_speech("欢迎Anna").into_iter().map(|w| w.2).collect();
    /// assert_eq!(tags, ["x", "?"]);
    /// ```
    pub fn set_parts_of_speech(&mut self, lines: &str) {
        self.tags = lines
            .lines()
            .filter_map(|l| {
                let mut f = l.split_whitespace();
                Some((f.next()?.to_owned(), f.next()?.to_owned()))
            })
            .collect();
        self.longest_tagged = self
            .tags
            .keys()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
    }

    /// Every dictionary word of two characters or more in one line of text,
    /// overlapping ones included (jieba's "full mode"), with its part of
    /// speech, as `(start, end, tag)` in code points. What a tagger sees of
    /// the names the dictionary knows even where the segmentation cut
    /// otherwise. A dictionary read from text or packed gives the words
    /// [`Segmenter::set_parts_of_speech`] tagged.
    pub fn dictionary_words(&self, text: &str) -> Vec<(u32, u32, String)> {
        match &self.engine {
            #[cfg(not(target_arch = "wasm32"))]
            Engine::Jieba(jieba) => jieba
                .cut_all(text)
                .into_iter()
                .filter(|t| t.end - t.start >= 2)
                .filter_map(|t| {
                    let tag = self.part_of_speech(t.word);
                    (tag != "x" && tag != UNKNOWN_WORD).then_some((
                        t.start as u32,
                        t.end as u32,
                        tag,
                    ))
                })
                .collect(),
            Engine::Walk(_) => {
                let chars: Vec<char> = text.chars().collect();
                let mut out = Vec::new();
                let mut word = String::new();
                for i in 0..chars.len() {
                    word.clear();
                    let reach = chars.len().min(i + self.longest_tagged);
                    for (j, &c) in chars.iter().enumerate().take(reach).skip(i) {
                        word.push(c);
                        if j > i {
                            if let Some(tag) = self.tags.get(&word) {
                                out.push((i as u32, j as u32 + 1, tag.clone()));
                            }
                        }
                    }
                }
                out
            }
        }
    }

    /// The words learnt at run time (see [`Segmenter::learn`]).
    pub fn learnt(&self) -> &Learnt {
        &self.learnt
    }

    /// Learns a word: from now on it is cut whole wherever it occurs, with
    /// no sub-word boundary inside (jieba-rs's `add_word`, but forcing the
    /// word). Segmentations made before are not changed: re-cut the lines
    /// that hold it with [`Segmenter::resegment`].
    ///
    /// ```
    /// use biaozhu::segment::Segmenter;
    ///
    /// let mut segmenter = Segmenter::embedded();
    /// segmenter.learn("带一", None, Some("LOC")).unwrap();
    /// let seg = segmenter.segment("一带一路");
    /// let words: Vec<_> = seg.words.iter().map(|w| (w.start, w.end)).collect();
    /// assert_eq!(words, [(0, 1), (1, 3), (3, 4)]);
    /// assert!(segmenter.learn("两 个", None, None).is_err());
    /// ```
    pub fn learn(
        &mut self,
        word: &str,
        freq: Option<u64>,
        tag: Option<&str>,
    ) -> Result<(), LearnError> {
        let tag = tag.map(str::to_owned);
        self.learnt.add(word, LearntWord { freq, tag })
    }

    /// Forgets a learnt word; whether it was one.
    pub fn forget(&mut self, word: &str) -> bool {
        self.learnt.remove(word)
    }

    /// Learns every word of a jieba user dictionary (`word [freq [tag]]` a
    /// line). A bad line is refused with its number, and then nothing is
    /// learnt. Returns how many lines were read.
    pub fn import_user_dict(&mut self, text: &str) -> Result<usize, LearnError> {
        let entries = Learnt::parse(text)?;
        let n = entries.len();
        for (word, entry) in entries {
            self.learnt.add(&word, entry)?;
        }
        Ok(n)
    }

    /// Makes the words of a jieba user dictionary the learnt words, in
    /// place of those before. A bad line is refused with its number, and
    /// then nothing changes. Returns how many lines were read.
    pub fn replace_user_dict(&mut self, text: &str) -> Result<usize, LearnError> {
        let entries = Learnt::parse(text)?;
        let n = entries.len();
        let mut learnt = Learnt::default();
        for (word, entry) in entries {
            learnt.add(&word, entry)?;
        }
        self.learnt = learnt;
        Ok(n)
    }

    /// The learnt words as a jieba user dictionary.
    pub fn export_user_dict(&self) -> String {
        self.learnt.to_lines()
    }

    /// Re-cuts only the lines of `text` that `[start, end)` (code points)
    /// touches, in `seg` (a segmentation of the same `text`), after the
    /// learnt words changed there: the same result as [`Segmenter::segment`]
    /// of the whole, at the cost of those lines.
    pub fn resegment(&self, text: &str, seg: &mut Segmentation, start: u32, end: u32) {
        // Byte and code point of each line start, up to the one after `end`.
        let (mut from, mut to) = ((0usize, 0u32), (text.len(), u32::MAX));
        let mut cp = 0u32;
        for (b, c) in text.char_indices() {
            cp += 1;
            if c == '\n' {
                if cp <= start {
                    from = (b + 1, cp);
                } else if cp > end.max(start + 1) - 1 {
                    to = (b + 1, cp);
                    break;
                }
            }
        }
        if to.1 == u32::MAX {
            to.1 = cp;
        }
        let mut part = Segmentation::default();
        self.segment_after(&text[from.0..to.0], from.1, &mut part);
        let lo = seg.words.partition_point(|w| w.end <= from.1);
        let hi = seg.words.partition_point(|w| w.start < to.1);
        seg.words.splice(lo..hi, part.words);
        let b = &mut seg.subword_boundaries;
        let lo = b.partition_point(|&x| x < from.1);
        // A boundary at the next line's start is that line's.
        let hi = if to.0 == text.len() {
            b.len()
        } else {
            b.partition_point(|&x| x < to.1)
        };
        b.splice(lo..hi, part.subword_boundaries);
    }
}

/// A segmenter's dictionary, an entry at a time (see [`Segmenter::builder`]).
pub struct SegmenterBuilder(DictBuilder);

impl SegmenterBuilder {
    /// Adds a word and its frequency. A word added twice keeps its last
    /// frequency; an empty word is ignored.
    pub fn add(&mut self, word: &str, freq: u64) {
        self.0.add(word, freq);
    }

    /// The segmenter, or the first entry that could not be taken.
    pub fn finish(self) -> Result<Segmenter, DictError> {
        Ok(Segmenter {
            engine: Engine::Walk(self.0.finish()?),
            learnt: Learnt::default(),
            tags: HashMap::new(),
            longest_tagged: 0,
        })
    }
}

/// Collects the words of [`Segmenter::segment_after`] and their boundaries.
/// A word's sub-word boundaries are found once the next word is pushed:
/// until then a later token may still be merged into it.
struct Builder<'a> {
    engine: &'a Engine,
    learnt: &'a Learnt,
    /// The part being cut, which starts at code point `shift` of the whole.
    text: &'a str,
    shift: u32,
    words: &'a mut Vec<Word>,
    /// Ascending by construction: a word's start, its inner cuts, its end.
    boundaries: &'a mut Vec<u32>,
    /// Byte span of the last word pushed from `text`.
    last_bytes: (usize, usize),
    scratch: Scratch,
}

/// Buffers reused from word to word, so that finding sub-words allocates
/// nothing per word.
#[derive(Default)]
struct Scratch {
    /// Byte offset of each character of a word, and of its end.
    offsets: Vec<usize>,
    /// `best[i]`: fewest pieces tiling the word's first `i` characters, and
    /// where the last of them starts.
    best: Vec<Option<(u32, usize)>>,
    cuts: Vec<u32>,
    /// The word's characters, and the cuts of [`abbrev::cuts`].
    chars: Vec<char>,
    more: Vec<u32>,
}

impl Builder<'_> {
    fn push(&mut self, word: Word, bytes: (usize, usize)) {
        self.close_last();
        self.words.push(word);
        self.last_bytes = bytes;
    }

    /// Writes the boundaries of the last word, if it is one of this part's.
    fn close_last(&mut self) {
        let Some(&w) = self.words.last().filter(|w| w.end > self.shift) else {
            return;
        };
        if self.boundaries.last() != Some(&w.start) {
            self.boundaries.push(w.start);
        }
        let word = &self.text[self.last_bytes.0..self.last_bytes.1];
        // A learnt word is what the annotator labels: a drag inside it takes it whole.
        if w.kind == WordKind::Han && w.end - w.start >= 2 && !self.learnt.contains(word) {
            let s = &mut self.scratch;
            s.cuts.clear();
            if w.end - w.start >= 4 {
                inner_cuts(self.engine, word, w.start, s);
            }
            s.chars.clear();
            s.chars.extend(word.chars());
            abbrev::cuts(&s.chars, |x| self.engine.has_word(x), &mut s.more);
            s.cuts.extend(s.more.iter().map(|c| w.start + c));
            if !self.engine.has_word(word) {
                edges::cuts(&s.chars, &mut s.more);
                s.cuts.extend(s.more.iter().map(|c| w.start + c));
            }
            s.cuts.sort_unstable();
            s.cuts.dedup();
            self.boundaries.extend(s.cuts.iter());
        }
        self.boundaries.push(w.end);
    }
}

/// The cuts inside a dictionary word that split it into dictionary
/// sub-words of two or three characters with nothing left over, in as few
/// pieces as possible: 美国政府 → 美国|政府, 联合国安理会 → 联合国|安理会. These
/// are the grams jieba's search mode offers; they overlap (俄罗斯 holds 罗斯,
/// 美国政府 holds 国政), and a cut that leaves a non-word on one side (俄|罗斯)
/// is not one a person means, so none is made. A single character is never
/// a sub-word. A word that is not in the dictionary (one that jieba's HMM
/// put together, such as a name) has no sub-words either: search mode has
/// only its characters to offer.
///
/// `word` starts at code point `start`; leaves the cuts in `scratch.cuts`,
/// descending.
fn inner_cuts(engine: &Engine, word: &str, start: u32, scratch: &mut Scratch) {
    scratch.cuts.clear();
    if !engine.has_word(word) {
        return;
    }
    let offsets = &mut scratch.offsets;
    offsets.clear();
    offsets.extend(word.char_indices().map(|(b, _)| b));
    offsets.push(word.len());
    let n = offsets.len() - 1;
    let best = &mut scratch.best;
    best.clear();
    best.resize(n + 1, None);
    best[0] = Some((0, 0));
    for i in 0..n {
        let Some((pieces, _)) = best[i] else { continue };
        for len in [2, 3] {
            let j = i + len;
            if j > n || !engine.has_word(&word[offsets[i]..offsets[j]]) {
                continue;
            }
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
            scratch.cuts.push(start + from as u32);
        }
        at = from;
    }
}

/// The kind of a token of jieba's block characters (see `cut.rs`), where
/// every character outside ASCII is Han.
fn block_kind(token: &[u8]) -> WordKind {
    if token.iter().any(|&b| b >= 0x80) {
        WordKind::Han
    } else if token.iter().any(u8::is_ascii_alphanumeric) {
        WordKind::Other
    } else {
        WordKind::Symbol
    }
}

/// The kind of a token from its characters, or `None` when it is all
/// whitespace (not a token).
fn kind_of(token: &str, classes: &mut CharClasses) -> Option<WordKind> {
    let mut kind = WordKind::Symbol;
    let mut blank = true;
    for c in token.chars() {
        let (han, alphanumeric, whitespace) = classes.of(c);
        if han {
            return Some(WordKind::Han);
        }
        if alphanumeric {
            kind = WordKind::Other;
        }
        blank &= whitespace;
    }
    (!blank).then_some(kind)
}

/// What [`kind_of`] asks of a character, remembered for the last few
/// characters outside ASCII: Unicode's tables answer slowly, and the
/// punctuation of a text is a handful of characters used again and again.
struct CharClasses {
    recent: [(char, u8); 64],
}

impl Default for CharClasses {
    fn default() -> Self {
        // An empty slot holds U+FFFF, which is neither alphanumeric nor
        // whitespace: finding it there gives the right answer.
        CharClasses {
            recent: [('\u{FFFF}', 0); 64],
        }
    }
}

impl CharClasses {
    const ALPHANUMERIC: u8 = 2;
    const WHITESPACE: u8 = 4;

    /// Whether `c` is Han, alphanumeric, whitespace (a Han character counts
    /// as alphanumeric; a token that holds one is Han whatever else it holds).
    #[inline]
    fn of(&mut self, c: char) -> (bool, bool, bool) {
        if c.is_ascii() {
            return (
                false,
                c.is_ascii_alphanumeric(),
                c.is_ascii_whitespace() || c == '\u{B}',
            );
        }
        if is_han(c) {
            return (true, true, false);
        }
        let slot = &mut self.recent[c as usize % 64];
        if slot.0 != c {
            let bits = (u8::from(c.is_alphanumeric()) * Self::ALPHANUMERIC)
                | (u8::from(c.is_whitespace()) * Self::WHITESPACE);
            *slot = (c, bits);
        }
        (
            false,
            slot.1 & Self::ALPHANUMERIC != 0,
            slot.1 & Self::WHITESPACE != 0,
        )
    }
}

/// Whether `c` is a Han ideograph (any CJK Unified or Compatibility block, and 〇).
pub fn is_han(c: char) -> bool {
    // The main block first and alone, as nearly every Han character is in it.
    (0x4E00..=0x9FFF).contains(&(c as u32))
        || matches!(c as u32,
        0x3007
        | 0x3400..=0x4DBF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F
        | 0x30000..=0x323AF)
}

/// The UAX #29 words of every non-Han run that hold more than one code
/// point and are not whitespace, as `(start, end)` code points, ascending.
fn non_han_words(text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut cp = 0u32;
    // The run so far: where it starts, and whether it holds a character
    // that may join its neighbours into a word.
    let mut run: Option<(usize, u32, bool)> = None;
    let flush = |from: usize, to: usize, cp0: u32, out: &mut Vec<(u32, u32)>| {
        let mut at = cp0;
        for word in text[from..to].split_word_bounds() {
            let n = crate::offsets::len_cp(word) as u32;
            if n > 1 && !word.chars().all(char::is_whitespace) {
                out.push((at, at + n));
            }
            at += n;
        }
    };
    let mut byte = 0;
    while let Some(c) = text.get(byte..).and_then(|rest| rest.chars().next()) {
        if is_han(c) {
            if let Some((b0, c0, joins)) = run.take() {
                if joins {
                    flush(b0, byte, c0, &mut out);
                }
            }
            // The rest of a Han run, U+5000 to U+9FFF (the bulk of Chinese
            // text) told by their lead byte alone.
            byte += c.len_utf8();
            cp += 1;
            while text
                .as_bytes()
                .get(byte)
                .is_some_and(|b| (0xE5..=0xE9).contains(b))
            {
                byte += 3;
                cp += 1;
            }
            continue;
        }
        let r = run.get_or_insert((byte, cp, false));
        r.2 |= !stands_alone(c);
        byte += c.len_utf8();
        cp += 1;
    }
    if let Some((b0, c0, true)) = run {
        flush(b0, text.len(), c0, &mut out);
    }
    out
}

/// Whether `c` is a word of its own, whatever is next to it, unless letters
/// or digits are (a word of whitespace aside): ASCII other than letters,
/// digits and `_`, and the punctuation of Chinese text. A run of Chinese
/// punctuation then needs no UAX #29 pass; a test holds every pair of these
/// characters to what `unicode-segmentation` says.
fn stands_alone(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => !(c.is_ascii_alphanumeric() || c == '_'),
        '\u{B7}'
        | '\u{2010}'..='\u{2027}'
        | '\u{3000}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF3E}'
        | '\u{FF40}'
        | '\u{FF5B}'..='\u{FF60}' => true,
        _ => false,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`non_han_words`] as first written: every non-Han run through UAX #29.
    fn non_han_words_plainly(text: &str) -> Vec<(u32, u32)> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if is_han(chars[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && !is_han(chars[i]) {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let mut at = start as u32;
            for w in run.split_word_bounds() {
                let n = w.chars().count() as u32;
                if n > 1 && !w.chars().all(char::is_whitespace) {
                    out.push((at, at + n));
                }
                at += n;
            }
        }
        out
    }

    proptest! {
        /// Skipping the runs that cannot hold a word, and reading the
        /// commonest Han characters by their lead byte, finds the same words.
        #[test]
        fn non_han_words_are_those_of_every_run(text in proptest::collection::vec(
            proptest::sample::select(&[
                '中', '国', '㐀', '𠮷', '〇', 'a', 'Z', '1', '_', '.', ',', ' ', '\r', '\n', '\u{3000}',
                '，', '。', '「', '」', '、', '：', '—', '·', '’', 'Я', 'ё', '\u{301}', '\u{200D}',
                '👍', '🏽', '🇨', '🇳', 'ｶ', 'ー', 'カ', 'Ｇ', '２', '\u{4DC0}', '鿿', '\u{A000}',
            ][..]), 0..30).prop_map(|cs| cs.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(non_han_words(&text), non_han_words_plainly(&text));
        }
    }

    /// No two characters that [`stands_alone`] names make one word under
    /// UAX #29, bar whitespace: so a run of them has no word to keep whole.
    #[test]
    fn characters_that_stand_alone_never_join() {
        let alone: Vec<char> = (0..=0xFFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| stands_alone(c))
            .collect();
        assert!(alone.len() > 140);
        let mut pair = String::new();
        for &a in &alone {
            for &b in &alone {
                pair.clear();
                pair.push(a);
                pair.push(b);
                let joined = pair
                    .split_word_bounds()
                    .any(|w| w.chars().count() > 1 && !w.chars().all(char::is_whitespace));
                assert!(!joined, "{a:?} and {b:?} make one word");
            }
        }
    }
}
