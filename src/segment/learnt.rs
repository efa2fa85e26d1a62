//! Words the annotator taught the segmenter: every span they label. A
//! learnt word is cut whole wherever it occurs, whatever jieba would have
//! made of it (it splits the tokens around it and joins those inside it),
//! and keeps no sub-word boundary inside, so that a drag inside it takes
//! it whole. They are kept, imported and exported as jieba's user
//! dictionary lines, `word [freq [tag]]`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::cut::Token;

/// A learnt word's frequency and tag (a label id, or a jieba part of speech).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LearntWord {
    pub freq: Option<u64>,
    pub tag: Option<String>,
}

/// The learnt words, and for each first character the words that start
/// with it, longest first (the longest match wins).
#[derive(Clone, Debug, Default)]
pub struct Learnt {
    words: BTreeMap<String, LearntWord>,
    by_first: HashMap<char, Vec<(String, u32)>>,
}

/// A word that cannot be learnt, or a user dictionary line that cannot be
/// read (with its 1-based line number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnError {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for LearnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(n) => write!(f, "user dictionary line {n}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for LearnError {}

fn refuse(message: String) -> LearnError {
    LearnError {
        line: None,
        message,
    }
}

/// Whether `word` may be learnt: not empty, no whitespace (a dictionary
/// line could not hold it), at most 64 characters.
fn check_word(word: &str) -> Result<(), LearnError> {
    if word.is_empty() {
        return Err(refuse("an empty word cannot be learnt".into()));
    }
    if word.chars().any(char::is_whitespace) {
        return Err(refuse(format!(
            "`{word}` holds whitespace, which no word may"
        )));
    }
    if word.chars().count() > 64 {
        return Err(refuse(format!("`{word}` is longer than 64 characters")));
    }
    Ok(())
}

impl Learnt {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn contains(&self, word: &str) -> bool {
        !self.words.is_empty() && self.words.contains_key(word)
    }

    pub fn get(&self, word: &str) -> Option<&LearntWord> {
        self.words.get(word)
    }

    /// Every learnt word, in code point order of the words.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &LearntWord)> {
        self.words.iter().map(|(w, l)| (w.as_str(), l))
    }

    /// Learns `word` (again: its frequency and tag are replaced).
    pub fn add(&mut self, word: &str, entry: LearntWord) -> Result<(), LearnError> {
        check_word(word)?;
        if let Some(t) = &entry.tag {
            if t.is_empty() || t.chars().any(char::is_whitespace) {
                return Err(refuse(format!(
                    "the tag `{t}` of `{word}` must be one word"
                )));
            }
        }
        if self.words.insert(word.to_owned(), entry).is_none() {
            let first = word.chars().next().unwrap_or_default();
            let list = self.by_first.entry(first).or_default();
            list.push((word.to_owned(), word.chars().count() as u32));
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        Ok(())
    }

    /// Forgets `word`; whether it was learnt.
    pub fn remove(&mut self, word: &str) -> bool {
        if self.words.remove(word).is_none() {
            return false;
        }
        let first = word.chars().next().unwrap_or_default();
        if let Some(list) = self.by_first.get_mut(&first) {
            list.retain(|(w, _)| w != word);
        }
        true
    }

    /// Reads jieba user dictionary lines, `word [freq [tag]]`, blank lines
    /// skipped; on any bad line nothing is learnt and the error names it.
    pub fn parse(text: &str) -> Result<Vec<(String, LearntWord)>, LearnError> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let at = |e: LearnError| LearnError {
                line: Some(i + 1),
                message: e.message,
            };
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (word, freq, tag) = match fields.as_slice() {
                [] => continue,
                [w] => (*w, None, None),
                [w, f] => (*w, Some(*f), None),
                [w, f, t] => (*w, Some(*f), Some(*t)),
                _ => {
                    return Err(at(refuse(format!(
                        "`{}` has {} fields; a line is `word [freq [tag]]`",
                        line.trim(),
                        fields.len()
                    ))))
                }
            };
            check_word(word).map_err(at)?;
            let freq = match freq {
                None => None,
                Some(f) => Some(f.parse::<u64>().map_err(|_| {
                    at(refuse(format!(
                        "the frequency `{f}` of `{word}` is not a whole number"
                    )))
                })?),
            };
            out.push((
                word.to_owned(),
                LearntWord {
                    freq,
                    tag: tag.map(str::to_owned),
                },
            ));
        }
        Ok(out)
    }

    /// The words as user dictionary lines, one a line: `word freq tag`
    /// (a missing frequency is written as 1 when there is a tag).
    pub fn to_lines(&self) -> String {
        let mut out = String::new();
        for (w, l) in &self.words {
            out.push_str(w);
            match (&l.freq, &l.tag) {
                (None, None) => {}
                (f, None) => out.push_str(&format!(" {}", f.unwrap_or(1))),
                (f, Some(t)) => out.push_str(&format!(" {} {t}", f.unwrap_or(1))),
            }
            out.push('\n');
        }
        out
    }

    /// The learnt words in `text` with their entries, leftmost and then
    /// longest first, none overlapping: `(cp start, cp end, entry)`.
    pub fn find(&self, text: &str) -> Vec<(u32, u32, &LearntWord)> {
        self.occurrences(text)
            .into_iter()
            .filter_map(|(b0, b1, s, e)| self.words.get(&text[b0..b1]).map(|l| (s, e, l)))
            .collect()
    }

    /// The learnt words in `text`, leftmost and then longest first, none
    /// overlapping: `(byte start, byte end, cp start, cp end)`.
    pub(super) fn occurrences(&self, text: &str) -> Vec<(usize, usize, u32, u32)> {
        let mut out = Vec::new();
        let mut skip_to = 0usize;
        for (cp, (b, c)) in (0u32..).zip(text.char_indices()) {
            if b >= skip_to {
                if let Some(list) = self.by_first.get(&c) {
                    if let Some((w, n)) =
                        list.iter().find(|(w, _)| text[b..].starts_with(w.as_str()))
                    {
                        out.push((b, b + w.len(), cp, cp + n));
                        skip_to = b + w.len();
                    }
                }
            }
        }
        out
    }
}

/// `tokens` (ascending, of one text) with every occurrence made one token:
/// tokens that cross an occurrence's end are split there, and those inside
/// one are joined.
pub(super) fn overlay(tokens: Vec<Token>, occurrences: &[(usize, usize, u32, u32)]) -> Vec<Token> {
    let cuts: Vec<(usize, u32)> = occurrences
        .iter()
        .flat_map(|o| [(o.0, o.2), (o.1, o.3)])
        .collect();
    let mut pieces = Vec::with_capacity(tokens.len() + cuts.len());
    let mut ci = 0;
    for t in tokens {
        while ci < cuts.len() && cuts[ci].1 <= t.start {
            ci += 1;
        }
        let mut cur = t;
        let mut k = ci;
        while k < cuts.len() && cuts[k].1 < cur.end {
            let (b, c) = cuts[k];
            pieces.push(Token {
                byte_end: b,
                end: c,
                ..cur
            });
            cur = Token {
                byte_start: b,
                start: c,
                ..cur
            };
            k += 1;
        }
        pieces.push(cur);
    }
    let mut out: Vec<Token> = Vec::with_capacity(pieces.len());
    let mut oi = 0;
    for p in pieces {
        while oi < occurrences.len() && occurrences[oi].3 <= p.start {
            oi += 1;
        }
        if let Some(o) = occurrences
            .get(oi)
            .filter(|o| o.2 <= p.start && p.end <= o.3)
        {
            if let Some(last) = out
                .last_mut()
                .filter(|l| l.start >= o.2 && l.end == p.start)
            {
                last.byte_end = p.byte_end;
                last.end = p.end;
                last.in_block = false;
                continue;
            }
        }
        out.push(p);
    }
    out
}
