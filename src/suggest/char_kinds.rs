//! What jieba's dictionary says of each character: of its words of two
//! characters or more that the character starts, sits inside or ends, the
//! share that are persons' names (`nr`, `nrt`, `nrfg`), places (`ns`) and
//! organisations (`nt`).
//!
//! A tagger that has seen a few thousand sentences has met a few hundred
//! given names. jieba's dictionary holds about 80,000 persons' names, and
//! from them it knows that 明 ends names more often than 金 does.
//! The hand-written classes of [`affixes`](super::affixes) say the same of a
//! few hundred characters; this table says it of about 6,500, from the words
//! the page ships already. Nothing in it is learnt from an annotated corpus.
//!
//! The table is computed once from jieba's `dict.txt` by
//! [`from_dictionary`] and kept in `char_kinds.txt`, beside this file, a line
//! per character. The test `the_character_kinds_are_those_of_jieba_s_dictionary`
//! (`tests/dict.rs`) checks the file against jieba-rs's dictionary;
//! `BLESS=1` writes it anew.
//!
//! ```
//! use biaozhu::suggest::char_kinds::{from_dictionary, Level};
//!
//! let dict = "王明 9 nr\n李明 9 nr\n张明 9 nr\n赵明 9 nr\n孙明 9 nr\n光明 99 a\n";
//! let table = from_dictionary(dict);
//! // 明 ends six words, five of them persons: "3" (half or more) in the
//! // persons' column of the end; it starts no word and sits inside none
//! // ("-": fewer than five words say nothing).
//! assert!(table.lines().any(|line| line == "明 ------300"));
//! // 王 starts one word: too few to say anything, but a rare character is
//! // something to know too.
//! assert!(table.lines().any(|line| line == "王 ---------"));
//! assert_eq!(Level::of(5, 6), Level::Most);
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// The table, as [`from_dictionary`] writes it from jieba-rs's `dict.txt`.
const TABLE: &str = include_str!("char_kinds.txt");

/// The kinds of name, in the order of the table's columns.
const KINDS: [&[&str]; 3] = [&["nr", "nrt", "nrfg"], &["ns"], &["nt"]];

/// Fewer words than this with a character at one place say nothing of it.
const FEW: u32 = 5;

/// How large a share of the words is of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Fewer than 5%.
    Few = 0,
    /// 5% to 20%.
    Some = 1,
    /// 20% to 50%.
    Many = 2,
    /// Half or more.
    Most = 3,
}

impl Level {
    /// The level of `kind` words out of `all`.
    pub fn of(kind: u32, all: u32) -> Level {
        let share = f64::from(kind) / f64::from(all.max(1));
        if share < 0.05 {
            Level::Few
        } else if share < 0.2 {
            Level::Some
        } else if share < 0.5 {
            Level::Many
        } else {
            Level::Most
        }
    }
}

/// The table of a dictionary of `word freq [tag]` lines: a line per
/// character of its words of two characters or more, but those whose nine
/// columns are all 0 (不, 对: no name's character), in the order of the
/// characters' code points, the character, a space and nine columns: for
/// the start, the inside and the end of a word, in turn, the [`Level`] of
/// persons, places and organisations as a digit, or `-` where fewer than
/// five words have the character there.
pub fn from_dictionary(text: &str) -> String {
    // Per character, per place (start, inside, end): all words, then each kind.
    let mut counts: HashMap<char, [[u32; 4]; 3]> = HashMap::new();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let word: Vec<char> = parts.next().unwrap_or("").chars().collect();
        if word.len() < 2 {
            continue;
        }
        let tag = parts.nth(1).unwrap_or("");
        let kind = KINDS.iter().position(|k| k.contains(&tag));
        for (i, &c) in word.iter().enumerate() {
            let place = place_of(i, word.len());
            let row = &mut counts.entry(c).or_default()[place];
            row[0] += 1;
            if let Some(k) = kind {
                row[k + 1] += 1;
            }
        }
    }
    let mut chars: Vec<_> = counts.into_iter().collect();
    chars.sort_unstable_by_key(|x| x.0);
    let mut out = String::new();
    for (c, places) in chars {
        let mut columns = String::with_capacity(9);
        for row in places {
            for kind in 1..=3 {
                columns.push(if row[0] < FEW {
                    '-'
                } else {
                    char::from(b'0' + Level::of(row[kind], row[0]) as u8)
                });
            }
        }
        if columns != "000000000" {
            out.push(c);
            out.push(' ');
            out.push_str(&columns);
            out.push('\n');
        }
    }
    out
}

/// 0 at the start of a word, 1 inside, 2 at the end.
fn place_of(i: usize, len: usize) -> usize {
    if i == 0 {
        0
    } else if i + 1 == len {
        2
    } else {
        1
    }
}

/// The nine columns of `c` as numbers, `Level`s and 9 for `-`; `None` for a
/// character the table does not hold: one of no word of the dictionary, or
/// one whose columns are all 0 (the tagger sees nothing of either).
pub fn of(c: char) -> Option<&'static [u8; 9]> {
    static PARSED: OnceLock<HashMap<char, [u8; 9]>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            TABLE
                .lines()
                .filter_map(|line| {
                    let mut chars = line.chars();
                    let c = chars.next()?;
                    // A column missing is one that says nothing, not "fewer than 5%".
                    let mut row = [9u8; 9];
                    for (slot, d) in row.iter_mut().zip(chars.skip(1)) {
                        *slot = d.to_digit(10).map_or(9, |d| d as u8);
                    }
                    Some((c, row))
                })
                .collect()
        })
        .get(&c)
}

#[cfg(test)]
mod tests {
    use super::of;

    /// The file is read leniently (the page must not fail on it), so its
    /// shape is checked here: a character, a space, nine columns.
    #[test]
    fn every_line_of_the_table_is_a_character_and_nine_columns() {
        for line in super::TABLE.lines() {
            let chars: Vec<char> = line.chars().collect();
            assert_eq!(chars.len(), 11, "{line}");
            assert_eq!(chars[1], ' ', "{line}");
            assert!(chars[2..].iter().all(|c| "0123-".contains(*c)), "{line}");
        }
    }

    #[test]
    fn what_the_table_says_of_a_few_characters() {
        // 省 ends places, 院 organisations; 明 ends persons' names more
        // often than 金 does, and 的 ends no place.
        assert_eq!(of('省').unwrap()[7], 3, "省 ends places");
        assert_eq!(of('院').unwrap()[8], 3, "院 ends organisations");
        assert!(of('明').unwrap()[6] > of('金').unwrap()[6]);
        assert_eq!(of('的').unwrap()[7], 0);
        // A character of no word of the dictionary: nothing to say.
        assert_eq!(of('\u{e000}'), None);
    }
}
