//! What the tagger sees of each character: the characters around it, its
//! kind, the dictionary word that covers it (its part of speech and where
//! the character sits in it; the dictionary's words alone, as if nothing
//! were learnt; a word jieba calls a person without the shape of a name
//! apart), a place or organisation of the [`gazetteer`] covering it, the rule
//! that reads it as a place of one character ([`short_places`], which also
//! cuts jieba's word there), how often the dictionary's words that start,
//! hold or end with the character are names ([`char_kinds`]), where it sits
//! in a stretch from a place to the nearest word that ends as organisations
//! end ([`org_spans`]), and the label of a learnt word covering it. Each
//! feature is a 64-bit hash, which the [`Suggester`](super::Suggester)
//! turns into a dense id that indexes the weights.

use super::affixes;
use super::gazetteer::{self, Kind};
use super::{char_kinds, org_spans, short_persons, short_places};
use crate::dict::KEPT_TAGS;
use crate::segment::{is_han, Segmenter, UNKNOWN_WORD};

/// A part of speech as the page's dictionary has it: the tags it keeps
/// ([`KEPT_TAGS`]) and [`UNKNOWN_WORD`], every other one `x`.
/// jieba-rs's own dictionary (the command line's) has them all; without
/// this the tagger measured on the command line would see more than the
/// one in the page.
fn kept(tag: String) -> String {
    if KEPT_TAGS.contains(&tag.as_str()) || tag == UNKNOWN_WORD {
        tag
    } else {
        "x".to_owned()
    }
}

/// The tag the tagger sees for a word jieba tags a person
/// ([`super::PERSON_TAGS`]) that has not the shape of a name.
const NOT_A_NAME: &str = "nr-";

/// Where a character sits in the word that covers it.
fn place(i: u32, start: u32, end: u32) -> u64 {
    match (i == start, i + 1 == end) {
        (true, true) => 1,
        (true, false) => 2,
        (false, true) => 3,
        (false, false) => 4,
    }
}

fn kind(c: Option<char>) -> u64 {
    match c {
        None => 0,
        Some(c) if is_han(c) => 1,
        Some(c) if c.is_ascii_digit() || ('０'..='９').contains(&c) => 2,
        Some(c) if c.is_alphabetic() => 3,
        Some(c) if c.is_whitespace() => 4,
        Some(_) => 5,
    }
}

/// The feature "the dictionary's part of speech `tag`, the character at
/// `place` of the word": the one the part-of-speech mapping seeds.
pub fn of_part_of_speech(tag: &str, place: u64) -> u64 {
    hash(12, &[str_hash(tag), place])
}

/// The names of one character in a line: places ([`short_places`], their
/// rule's number) and persons named by their family name
/// ([`short_persons`], rule 11), each with the part of speech of its kind
/// (`ns`, `nr`). `words` are jieba's words of the line.
pub(crate) fn one_character_names(
    segmenter: &Segmenter,
    chars: &[char],
    words: &[(u32, u32)],
) -> Vec<(usize, u64, &'static str)> {
    let is_word = |w: &str| segmenter.has_word(w);
    let mut out: Vec<(usize, u64, &'static str)> = short_places::find(chars, words, &is_word)
        .into_iter()
        .map(|(i, rule)| (i, rule as u64, "ns"))
        .collect();
    for i in short_persons::find(chars, words, &is_word) {
        if !out.iter().any(|x| x.0 == i) {
            out.push((i, 11, "nr"));
        }
    }
    out.sort_unstable();
    out
}

/// jieba's words with each name of one character a word of its own, with
/// the part of speech of its kind; what is left of a word so cut is `x`.
fn split_at_names(
    words: Vec<(u32, u32, String)>,
    short: &[(u64, &'static str)],
) -> Vec<(u32, u32, String)> {
    let mut out = Vec::with_capacity(words.len());
    for (s, e, tag) in words {
        if !(s..e).any(|i| short.get(i as usize).is_some_and(|r| r.0 != 0)) {
            out.push((s, e, tag));
            continue;
        }
        let mut from = s;
        for i in s..e {
            if let Some(&(_, pos)) = short.get(i as usize).filter(|r| r.0 != 0) {
                if from < i {
                    out.push((from, i, "x".to_owned()));
                }
                out.push((i, i + 1, pos.to_owned()));
                from = i + 1;
            }
        }
        if from < e {
            out.push((from, e, "x".to_owned()));
        }
    }
    out
}

/// A stable hash of a template number and its parts (FNV-1a then a mix).
fn hash(template: u64, parts: &[u64]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ template;
    for &p in parts {
        h ^= p;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        h ^= h >> 29;
    }
    h.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn str_hash(s: &str) -> u64 {
    hash(99, &s.chars().map(u64::from).collect::<Vec<_>>())
}

/// The features of every character of one line (no line break in it),
/// `line.chars().count()` lists.
pub fn of_line(segmenter: &Segmenter, line: &str, trust: &dyn Fn(&str) -> u64) -> Vec<Vec<u64>> {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    let at = |i: isize| -> u64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| chars.get(i))
            .map_or(0, |&c| u64::from(c) + 1)
    };
    let cls = |i: isize| -> u64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| chars.get(i))
            .map_or(16, |&c| affixes::class(c))
    };
    // Per character: part of speech, place in its word, the word itself.
    let mut pos = vec![(0u64, 0u64, 0u64); n];
    // Per character: the words before and after its own, and its word's last character.
    let mut around = vec![(0u64, 0u64, 0u64); n];
    // Per character: the class of the last character of its word and of the next word.
    let mut ends = vec![(0u64, 0u64); n];
    // Per character: its word's length and the class of the word's first
    // character: an unknown word of two or three characters that starts
    // with a family name (王发林) is most often a person.
    let mut shape = vec![(0u64, 0u64); n];
    let words: Vec<(u32, u32, String)> = segmenter
        .dictionary_parts_of_speech(line)
        .into_iter()
        .map(|(s, e, tag)| {
            // A listed place or organisation is one whatever jieba says (科索沃
            // is `nr` there), as the dictionary's own suggestions have it.
            let word = &chars[(s as usize).min(n)..(e as usize).min(n)];
            let listed = gazetteer::kind_of(word)
                .filter(|&k| k != Kind::Person)
                .map(Kind::part_of_speech);
            let tag = listed.map_or_else(|| kept(tag), str::to_owned);
            // jieba's `nr` on a word without a name's shape (多云) is a tag of
            // its own: the mapping's prior is for names.
            let tag = if listed.is_none()
                && super::PERSON_TAGS.contains(&tag.as_str())
                && !affixes::looks_like_a_person(word)
            {
                NOT_A_NAME.to_owned()
            } else {
                tag
            };
            (s, e, tag)
        })
        .collect();
    let mut short = vec![(0u64, ""); n];
    let spans: Vec<(u32, u32)> = words.iter().map(|w| (w.0, w.1)).collect();
    for (i, rule, pos) in one_character_names(segmenter, &chars, &spans) {
        short[i] = (rule, pos);
    }
    // The places' words cut, as an annotator cuts them: seeing 意中 as one
    // place, or 驻华使馆 as one word, the tagger learnt to ignore the rules
    // (span F1 at N = 500: 0.715 with the rules as features alone, 0.739 cut).
    let words = split_at_names(words, &short);
    let stretch = org_spans::stretches(&chars, &words);
    // Per character of a stretch, its last character (会 of 委员会, 馆 of 领事馆): each end
    // is learnt apart (span F1 +0.001 to +0.005 over five pass orders).
    let mut stretch_end = vec![0u64; n];
    let mut end = 0u64;
    for i in (0..n).rev() {
        if matches!(stretch[i], 1 | 3) {
            end = u64::from(chars[i]);
        }
        stretch_end[i] = if stretch[i] == 0 { 0 } else { end };
    }
    let word_hash = |s: u32, e: u32| {
        let e = (e as usize).min(n);
        hash(
            98,
            &chars[(s as usize).min(e)..e]
                .iter()
                .map(|&c| u64::from(c))
                .collect::<Vec<_>>(),
        )
    };
    for (k, (s, e, tag)) in words.iter().enumerate() {
        let (s, e) = (*s, *e);
        let t = str_hash(tag);
        let w = word_hash(s, e);
        let before = k
            .checked_sub(1)
            .map_or(0, |j| word_hash(words[j].0, words[j].1));
        let after = words.get(k + 1).map_or(0, |x| word_hash(x.0, x.1));
        let last = chars
            .get((e as usize).saturating_sub(1))
            .map_or(0, |&c| u64::from(c));
        let next_end = words
            .get(k + 1)
            .and_then(|x| chars.get((x.1 as usize).saturating_sub(1)))
            .map_or(16, |&c| affixes::class(c));
        for i in s..e.min(n as u32) {
            ends[i as usize] = (
                affixes::class(char::from_u32(last as u32).unwrap_or(' ')),
                next_end,
            );
            pos[i as usize] = (t, place(i, s, e), w);
            shape[i as usize] = (
                u64::from((e - s).min(5)),
                chars.get(s as usize).map_or(16, |&c| affixes::class(c)),
            );
            around[i as usize] = (before, after, last);
        }
    }
    // Per character: the names the dictionary knows that cover it, each as its tag and the place in it.
    let mut names: Vec<Vec<u64>> = vec![Vec::new(); n];
    for (s, e, tag) in segmenter.dictionary_words(line) {
        if !KEPT_TAGS.contains(&tag.as_str()) {
            continue;
        }
        let t = str_hash(&tag);
        for i in s..e.min(n as u32) {
            names[i as usize].push(hash(25, &[t, place(i, s, e)]));
        }
    }
    let mut listed = vec![(0u64, 0u64); n];
    // Listed persons are for the dictionary's suggestions alone: seen by the
    // tagger too they moved span F1 by −0.005 at N = 500 and −0.018 at
    // N = 2,000 (it learns persons from the annotations well enough).
    for (s, e, kind) in gazetteer::find(&chars)
        .into_iter()
        .filter(|x| x.2 != Kind::Person)
    {
        for (i, a) in listed.iter_mut().enumerate().take(e).skip(s) {
            *a = (kind as u64, place(i as u32, s as u32, e as u32));
        }
    }
    let mut learnt = vec![(0u64, 0u64, 0u64); n];
    for (s, e, entry) in segmenter.learnt().find(line) {
        let label = entry.tag.as_deref().map_or(1, str_hash);
        let word: String = chars[s as usize..(e as usize).min(n)].iter().collect();
        let level = trust(&word);
        for i in s..e.min(n as u32) {
            learnt[i as usize] = (label, place(i, s, e), level);
        }
    }
    (0..n)
        .map(|i| {
            let x = i as isize;
            let (tag, pl, word) = pos[i];
            let prev_tag = if i > 0 { pos[i - 1].0 } else { 0 };
            let next_tag = pos.get(i + 1).map_or(0, |p| p.0);
            let mut f = vec![
                hash(0, &[]),
                hash(1, &[at(x - 2)]),
                hash(2, &[at(x - 1)]),
                hash(3, &[at(x)]),
                hash(4, &[at(x + 1)]),
                hash(5, &[at(x + 2)]),
                hash(6, &[at(x - 1), at(x)]),
                hash(7, &[at(x), at(x + 1)]),
                hash(8, &[at(x - 2), at(x - 1)]),
                hash(9, &[at(x + 1), at(x + 2)]),
                hash(10, &[at(x - 1), at(x + 1)]),
                hash(
                    11,
                    &[
                        kind(chars.get(i.wrapping_sub(1)).copied()),
                        kind(Some(chars[i])),
                        kind(chars.get(i + 1).copied()),
                    ],
                ),
                hash(12, &[tag, pl]),
                hash(13, &[tag]),
                hash(14, &[word, pl]),
                hash(15, &[prev_tag, tag, next_tag]),
                hash(16, &[tag, pl, at(x)]),
                hash(19, &[around[i].0, pl]),
                hash(20, &[around[i].1, pl]),
                hash(21, &[around[i].2, pl]),
                hash(22, &[at(x - 3)]),
                hash(23, &[at(x + 3)]),
                hash(24, &[at(x - 1), at(x), at(x + 1)]),
                hash(26, &[cls(x)]),
                hash(27, &[cls(x - 1), cls(x)]),
                hash(28, &[cls(x), cls(x + 1)]),
                hash(29, &[cls(x - 1), cls(x), cls(x + 1)]),
                hash(30, &[cls(x - 2), cls(x - 1), cls(x)]),
                hash(31, &[cls(x), cls(x + 1), cls(x + 2)]),
                hash(32, &[cls(x), pl]),
                hash(33, &[ends[i].0, pl]),
                hash(34, &[ends[i].1, pl]),
                hash(39, &[tag, shape[i].0, pl, shape[i].1]),
            ];
            f.extend(names[i].iter().copied());
            if listed[i].0 != 0 {
                f.push(hash(40, &[listed[i].0, listed[i].1]));
                f.push(hash(41, &[listed[i].0, listed[i].1, ends[i].1]));
            }
            if stretch[i] != 0 {
                f.push(hash(44, &[u64::from(stretch[i])]));
                f.push(hash(45, &[u64::from(stretch[i]), tag]));
                f.push(hash(48, &[u64::from(stretch[i]), stretch_end[i]]));
            }
            // What jieba's dictionary says of the character: span F1 at
            // N = 2,000 +0.006 over five pass orders, at N = 500 +0.001.
            if let Some(row) = char_kinds::of(chars[i]) {
                for (column, &level) in row.iter().enumerate() {
                    if level != 0 {
                        f.push(hash(60, &[column as u64, u64::from(level)]));
                    }
                }
            }
            if short[i].0 != 0 {
                f.push(hash(42, &[short[i].0]));
                f.push(hash(43, &[short[i].0, at(x)]));
            }
            let (label, lp, level) = learnt[i];
            if label != 0 {
                f.push(hash(17, &[label, lp]));
                f.push(hash(18, &[label]));
                f.push(hash(38, &[label, lp, level]));
            }
            f
        })
        .collect()
}
