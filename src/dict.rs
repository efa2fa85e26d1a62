//! The dictionary file the page downloads, and the part of it one text needs.
//!
//! jieba's dictionary is a list of `word freq [tag]` lines (349 045 of them,
//! 1.7 MB gzipped without the tags). Packed, it is about two thirds of that:
//! the entries are sorted, and each word is stored as the number of leading
//! characters it shares with the word before it and the characters that
//! follow (front coding); each character is stored as its rank by frequency
//! (one byte for the 128 most frequent, two for the next 16 384, three for
//! the rest); and the lengths, the characters and the frequencies go in three
//! separate runs, so that gzip models each on its own. The entries that
//! begin with one character are a group, whose size in each run is listed
//! first, so that a reader can pass over a group without reading it.
//!
//! ```text
//! "BZD" 3                                   magic and version (2: no tags run)
//! varint entries, varint longest word (bytes), varint sum of all frequencies
//! varint characters; the characters, UTF-8, most frequent first
//! varint groups; per group: varint entries, bytes of heads, of ranks, of frequencies
//! varint length, heads: per entry (shared chars << 4 | new chars - 1), each
//!                       part that does not fit in 4 bits followed by a varint
//! varint length, ranks: the new characters of every entry
//! varint length, tags (version 3): varint names, each varint length and
//!                       UTF-8; varint tagged entries; per tagged entry the
//!                       varint gap from the one before (entry numbers);
//!                       per tagged entry one byte, its name's number
//! frequencies, one varint per entry, to the end
//! ```
//!
//! Building jieba's index of all 349 045 words takes a few hundred
//! milliseconds in a browser; a short text can be segmented long before that
//! with an index of only the words it contains. Segmentation looks up
//! nothing but substrings of the text, and weighs each word by its frequency
//! over the sum of all frequencies, so [`PackedDict::lines_for`] keeps the
//! entries that occur in the text and one more entry, of a character the text
//! does not hold, that carries the rest of the sum: the words come out the same
//! as with the whole dictionary (the tests check it on real news text).
//!
//! ```
//! use biaozhu::dict::{pack, parse_lines, PackedDict};
//!
//! let entries = parse_lines("北京 100\n北京大学 20\n大学 50\n上海 80\n").unwrap();
//! let packed = pack(&entries);
//! let dict = PackedDict::parse(packed).unwrap();
//! assert_eq!(dict.lines().unwrap(), "上海 80\n北京 100\n北京大学 20\n大学 50\n");
//! // For a text about Beijing: the one word in it, and one more for the rest of the sum.
//! assert_eq!(dict.lines_for("我爱北京").unwrap().unwrap(), "北京 100\n\u{e000} 150\n");
//! ```

use std::fmt;
use std::ops::Range;

use crate::segment::SegmenterBuilder;

const MAGIC: &[u8; 4] = b"BZD\x03";
/// The version before parts of speech were kept; still read.
const MAGIC_2: &[u8; 4] = b"BZD\x02";

/// Texts longer than this (in bytes of UTF-8) are segmented with the whole
/// dictionary: picking their words would take about as long as building it.
pub const MAX_SELECT_BYTES: usize = 1 << 17;

/// A dictionary file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictFileError(String);

impl fmt::Display for DictFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the dictionary file could not be read: {}", self.0)
    }
}

impl std::error::Error for DictFileError {}

fn damaged(what: &str) -> DictFileError {
    DictFileError(format!("it is damaged ({what})"))
}

/// Reads jieba's text format the way jieba-rs does: the first field of a
/// line is the word, the second its frequency (0 when missing), the rest is
/// ignored; blank lines are skipped.
pub fn parse_lines(text: &str) -> Result<Vec<(&str, u64)>, DictFileError> {
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = match fields.next() {
            None => 0,
            Some(f) => f.parse().map_err(|_| {
                DictFileError(format!(
                    "line {}: the frequency `{f}` is not a whole number",
                    n + 1
                ))
            })?,
        };
        entries.push((word, freq));
    }
    Ok(entries)
}

/// Packs entries in the format above. They may come in any order; for a
/// word given twice the later frequency counts, as when jieba-rs loads it.
pub fn pack(entries: &[(&str, u64)]) -> Vec<u8> {
    pack_tagged(entries, &[])
}

/// Reads the parts of speech of jieba's text format (the third field)
/// that are among `keep`: `(word, tag)`.
pub fn parse_tags<'a>(text: &'a str, keep: &[&str]) -> Vec<(&'a str, &'a str)> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let word = fields.next()?;
            let tag = fields.nth(1)?;
            keep.contains(&tag).then_some((word, tag))
        })
        .collect()
}

/// The parts of speech the page's dictionary keeps: persons (and
/// transliterated ones, and `nrfg`, which jieba gives to a few hundred
/// full names such as 习近平), places, organisations and other proper nouns,
/// which the page suggests labels from and its tagger sees (the others
/// would make the download larger for little: see `suggest::features`).
pub const KEPT_TAGS: [&str; 6] = ["nr", "nrfg", "nrt", "ns", "nt", "nz"];

/// [`pack`], keeping the part of speech of each word `tags` names (the
/// page suggests names, places and organisations from them).
pub fn pack_tagged(entries: &[(&str, u64)], tags: &[(&str, &str)]) -> Vec<u8> {
    // jieba-rs skips an empty word.
    let mut sorted: Vec<(&str, u64)> = entries
        .iter()
        .copied()
        .filter(|e| !e.0.is_empty())
        .collect();
    // Stable, so that the last of equal words is the last of its run.
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut unique: Vec<(&str, u64)> = Vec::with_capacity(sorted.len());
    for e in sorted {
        match unique.last_mut() {
            Some(last) if last.0 == e.0 => *last = e,
            _ => unique.push(e),
        }
    }

    // Front coding: (shared characters, new characters) of every entry.
    let mut coded: Vec<(usize, &str)> = Vec::with_capacity(unique.len());
    let mut prev = "";
    for &(word, _) in &unique {
        let shared = prev
            .chars()
            .zip(word.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let at = word
            .char_indices()
            .nth(shared)
            .map_or(word.len(), |(i, _)| i);
        coded.push((shared, &word[at..]));
        prev = word;
    }

    let mut counts: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
    for (_, new) in &coded {
        for c in new.chars() {
            *counts.entry(c).or_default() += 1;
        }
    }
    let mut chars: Vec<(char, usize)> = counts.into_iter().collect();
    chars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let rank: std::collections::HashMap<char, usize> = chars
        .iter()
        .enumerate()
        .map(|(i, &(c, _))| (c, i))
        .collect();

    let mut heads = Vec::with_capacity(coded.len());
    let mut ranks = Vec::new();
    let mut freqs = Vec::with_capacity(coded.len() * 2);
    // Per group: [entries, heads bytes, ranks bytes, freqs bytes].
    let mut groups: Vec<[usize; 4]> = Vec::new();
    for (&(shared, new), &(_, freq)) in coded.iter().zip(&unique) {
        if shared == 0 {
            groups.push([0, heads.len(), ranks.len(), freqs.len()]);
        }
        if let Some(g) = groups.last_mut() {
            g[0] += 1;
        }
        put_varint(&mut freqs, freq);
        let added = new.chars().count();
        // A word is never a repeat of the one before it, so it adds at least one character.
        let extra = added - 1;
        heads.push(((shared.min(15) << 4) | extra.min(15)) as u8);
        if shared >= 15 {
            put_varint(&mut heads, (shared - 15) as u64);
        }
        if extra >= 15 {
            put_varint(&mut heads, (extra - 15) as u64);
        }
        for c in new.chars() {
            put_rank(&mut ranks, rank[&c]);
        }
    }

    // Where each group starts, to the sizes of each.
    let ends = [heads.len(), ranks.len(), freqs.len()];
    for i in 0..groups.len() {
        let next = groups.get(i + 1).map_or(ends, |g| [g[1], g[2], g[3]]);
        let g = &mut groups[i];
        (g[1], g[2], g[3]) = (next[0] - g[1], next[1] - g[2], next[2] - g[3]);
    }

    let mut out = MAGIC.to_vec();
    put_varint(&mut out, unique.len() as u64);
    put_varint(
        &mut out,
        unique.iter().map(|e| e.0.len()).max().unwrap_or(0) as u64,
    );
    // A sum past u64 (no real dictionary) is written as the largest u64, which readers refuse.
    let total: u128 = unique.iter().map(|e| u128::from(e.1)).sum();
    put_varint(&mut out, u64::try_from(total).unwrap_or(u64::MAX));
    put_varint(&mut out, chars.len() as u64);
    for (c, _) in &chars {
        let mut buf = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    put_varint(&mut out, groups.len() as u64);
    for g in &groups {
        for &n in g {
            put_varint(&mut out, n as u64);
        }
    }
    put_varint(&mut out, heads.len() as u64);
    out.extend_from_slice(&heads);
    put_varint(&mut out, ranks.len() as u64);
    out.extend_from_slice(&ranks);
    let tags = tags_run(&unique, tags);
    put_varint(&mut out, tags.len() as u64);
    out.extend_from_slice(&tags);
    out.extend_from_slice(&freqs);
    out
}

/// The tags run of the format above, for the sorted unique entries.
fn tags_run(unique: &[(&str, u64)], tags: &[(&str, &str)]) -> Vec<u8> {
    let of: std::collections::HashMap<&str, &str> = tags.iter().copied().collect();
    let mut names: Vec<&str> = of.values().copied().collect();
    names.sort_unstable();
    names.dedup();
    names.truncate(256);
    let tagged: Vec<(usize, u8)> = unique
        .iter()
        .enumerate()
        .filter_map(|(i, (w, _))| {
            let n = names.binary_search(of.get(w)?).ok()?;
            Some((i, n as u8))
        })
        .collect();
    let mut out = Vec::new();
    put_varint(&mut out, names.len() as u64);
    for n in &names {
        put_varint(&mut out, n.len() as u64);
        out.extend_from_slice(n.as_bytes());
    }
    put_varint(&mut out, tagged.len() as u64);
    let mut prev = 0;
    for &(i, _) in &tagged {
        put_varint(&mut out, (i - prev) as u64);
        prev = i;
    }
    out.extend(tagged.iter().map(|t| t.1));
    out
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

const TWO_BYTE: usize = 128;
const THREE_BYTE: usize = TWO_BYTE + (64 << 8);

fn put_rank(out: &mut Vec<u8>, r: usize) {
    if r < TWO_BYTE {
        out.push(r as u8);
    } else if r < THREE_BYTE {
        let r = r - TWO_BYTE;
        out.extend_from_slice(&[0x80 | (r >> 8) as u8, r as u8]);
    } else {
        // Ranks go up to the number of Unicode scalar values, well under 2^22.
        let r = r - THREE_BYTE;
        out.extend_from_slice(&[0xc0 | (r >> 16) as u8, (r >> 8) as u8, r as u8]);
    }
}

/// A cursor over bytes that reports running past the end as damage.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, DictFileError> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| damaged("it ends too soon"))?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, DictFileError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(damaged("a number is too long"))
    }

    fn size(&mut self) -> Result<usize, DictFileError> {
        usize::try_from(self.varint()?).map_err(|_| damaged("a size is too large"))
    }

    /// A run that starts with its length.
    fn range(&mut self) -> Result<Range<usize>, DictFileError> {
        let n = self.size()?;
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| damaged("it ends too soon"))?;
        let run = self.at..end;
        self.at = end;
        Ok(run)
    }

    fn skip_rank(&mut self) -> Result<(), DictFileError> {
        let len = match self.byte()? {
            0..=0x7f => 0,
            0x80..=0xbf => 1,
            _ => 2,
        };
        self.at += len;
        if self.at > self.bytes.len() {
            return Err(damaged("it ends too soon"));
        }
        Ok(())
    }

    fn rank(&mut self) -> Result<usize, DictFileError> {
        let b = self.byte()? as usize;
        Ok(match b {
            0..=0x7f => b,
            0x80..=0xbf => TWO_BYTE + (((b & 0x3f) << 8) | self.byte()? as usize),
            _ => {
                THREE_BYTE
                    + (((b & 0x3f) << 16) | ((self.byte()? as usize) << 8) | self.byte()? as usize)
            }
        })
    }
}

/// A packed dictionary file, checked and ready to read.
pub struct PackedDict {
    bytes: Vec<u8>,
    entries: usize,
    longest: usize,
    total: u64,
    groups: Vec<Group>,
    /// The characters, most frequent first, and where each is in `table`.
    table: String,
    chars: Vec<(u32, u32)>,
    heads: Range<usize>,
    ranks: Range<usize>,
    tags: Range<usize>,
    freqs: Range<usize>,
}

/// The entries that begin with one character: how many, and their bytes in each run.
#[derive(Clone, Copy)]
struct Group {
    entries: usize,
    heads: usize,
    ranks: usize,
    freqs: usize,
}

impl PackedDict {
    /// Whether `bytes` are a packed dictionary (rather than jieba's text format).
    pub fn is_packed(bytes: &[u8]) -> bool {
        bytes.starts_with(MAGIC) || bytes.starts_with(MAGIC_2)
    }

    /// Reads the header and the character table; the entries are read as
    /// they are asked for.
    pub fn parse(bytes: Vec<u8>) -> Result<PackedDict, DictFileError> {
        if !Self::is_packed(&bytes) {
            return Err(DictFileError("it is not a packed dictionary".into()));
        }
        let mut r = Reader {
            bytes: &bytes,
            at: MAGIC.len(),
        };
        let entries = r.size()?;
        let longest = r.size()?;
        let total = r.varint()?;
        if usize::try_from(total).is_err() {
            return Err(damaged("the frequencies sum past what a segmenter counts"));
        }
        let n_chars = r.size()?;
        let start = r.at;
        let rest = &bytes[start..];
        // The table's length is not stored: it ends after `n_chars` characters, each 1 to 4 bytes.
        let rest = &rest[..rest.len().min(n_chars.saturating_mul(4))];
        let valid = match std::str::from_utf8(rest) {
            Ok(all) => all,
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default(),
        };
        let mut chars = Vec::with_capacity(n_chars.min(valid.len()));
        let mut indices = valid.char_indices();
        for _ in 0..n_chars {
            let (at, c) = indices
                .next()
                .ok_or_else(|| damaged("the character table ends too soon"))?;
            chars.push((at as u32, (at + c.len_utf8()) as u32));
        }
        let table_len = chars.last().map_or(0, |&(_, end)| end as usize);
        let table = valid[..table_len].to_owned();
        r.at = start + table_len;
        let n_groups = r.size()?;
        // At least four bytes a group: a count larger than what is left is damage, not a reason to allocate.
        if n_groups > bytes.len() / 4 {
            return Err(damaged("too many groups"));
        }
        let mut groups = Vec::with_capacity(n_groups);
        let mut sums = [0usize; 4];
        for _ in 0..n_groups {
            let g = Group {
                entries: r.size()?,
                heads: r.size()?,
                ranks: r.size()?,
                freqs: r.size()?,
            };
            if g.entries == 0 {
                return Err(damaged("an empty group"));
            }
            for (sum, n) in sums.iter_mut().zip([g.entries, g.heads, g.ranks, g.freqs]) {
                *sum = sum.saturating_add(n);
            }
            groups.push(g);
        }
        let heads = r.range()?;
        let ranks = r.range()?;
        let tags = if bytes.starts_with(MAGIC) {
            r.range()?
        } else {
            r.at..r.at
        };
        let freqs = r.at..bytes.len();
        if sums != [entries, heads.len(), ranks.len(), freqs.len()] {
            return Err(damaged("the groups do not add up"));
        }
        Ok(PackedDict {
            bytes,
            entries,
            longest,
            total,
            groups,
            table,
            chars,
            heads,
            ranks,
            tags,
            freqs,
        })
    }

    /// How many entries the dictionary holds.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// Whether it holds no entry.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    fn char(&self, rank: usize) -> Result<&str, DictFileError> {
        let &(start, end) = self
            .chars
            .get(rank)
            .ok_or_else(|| damaged("a character out of range"))?;
        Ok(&self.table[start as usize..end as usize])
    }

    /// Calls `f(word, freq)` for up to `max` more entries after `cursor`, in
    /// ascending order of words; true once every entry is read.
    pub fn read(
        &self,
        cursor: &mut Cursor,
        max: usize,
        f: impl FnMut(&str, u64),
    ) -> Result<bool, DictFileError> {
        self.walk(cursor, max, &mut Each(f))
    }

    /// Reads up to `max` more entries after `cursor`, each read whole or,
    /// where `visit` does not want it, skipped with nothing but its
    /// frequency read; true once every entry is read.
    fn walk(
        &self,
        cursor: &mut Cursor,
        max: usize,
        visit: &mut impl Visit,
    ) -> Result<bool, DictFileError> {
        let mut heads = Reader {
            bytes: &self.bytes[self.heads.clone()],
            at: cursor.heads,
        };
        let mut ranks = Reader {
            bytes: &self.bytes[self.ranks.clone()],
            at: cursor.ranks,
        };
        let mut freqs = Reader {
            bytes: &self.bytes[self.freqs.clone()],
            at: cursor.freqs,
        };
        let Cursor {
            word,
            ends,
            read,
            group,
            left,
            group_ends,
            sum,
            passed,
            ..
        } = cursor;
        let until = self.entries.min(read.saturating_add(max));
        while *read < until {
            let starts_group = *left == 0;
            if starts_group {
                let g = *self
                    .groups
                    .get(*group)
                    .ok_or_else(|| damaged("more entries than its groups hold"))?;
                *group += 1;
                let mut probe = Reader {
                    bytes: ranks.bytes,
                    at: ranks.at,
                };
                if !visit.wants_group(self.char(probe.rank()?)?) {
                    // Within the runs: the group sizes add up to them (`parse`).
                    (heads.at, ranks.at, freqs.at) =
                        (heads.at + g.heads, ranks.at + g.ranks, freqs.at + g.freqs);
                    *read += g.entries;
                    *passed = true;
                    continue;
                }
                *left = g.entries;
                *group_ends = [heads.at + g.heads, ranks.at + g.ranks, freqs.at + g.freqs];
            }
            *read += 1;
            *left -= 1;
            let head = heads.byte()?;
            let mut shared = usize::from(head >> 4);
            if shared == 15 {
                shared += heads.size()?;
            }
            let mut added = usize::from(head & 15) + 1;
            if added == 16 {
                added += heads.size()?;
            }
            if (shared == 0) != starts_group {
                return Err(damaged(
                    "a group holds words that begin with another character",
                ));
            }
            if visit.wants(shared) {
                // Every entry skipped since the last one read shared more than
                // `shared` characters with the one before it: the last word read
                // holds this one's first `shared` characters.
                if shared > ends.len() {
                    return Err(damaged("a word shares more than the word before it has"));
                }
                let keep = if shared == 0 { 0 } else { ends[shared - 1] };
                // The character this word has where the one before it ends or differs.
                let replaced = ends.get(shared).map_or(0, |&end| end - keep);
                for i in 0..added {
                    let c = self.char(ranks.rank()?)?;
                    if i == 0 {
                        // Words come in order, each once: the first new character sorts after the one it replaces.
                        if replaced > 0 && c.as_bytes() <= &word.as_bytes()[keep..keep + replaced] {
                            return Err(damaged("the words are out of order"));
                        }
                        word.truncate(keep);
                        ends.truncate(shared);
                    }
                    word.push_str(c);
                    ends.push(word.len());
                }
                if word.len() > self.longest {
                    return Err(damaged("a word is longer than the header says"));
                }
                let freq = freqs.varint()?;
                *sum += u128::from(freq);
                visit.entry(word, ends, freq);
            } else {
                for _ in 0..added {
                    ranks.skip_rank()?;
                }
                *sum += u128::from(freqs.varint()?);
            }
            if *left == 0 && [heads.at, ranks.at, freqs.at] != *group_ends {
                return Err(damaged("a group's size is wrong"));
            }
        }
        (cursor.heads, cursor.ranks, cursor.freqs) = (heads.at, ranks.at, freqs.at);
        if *read < self.entries {
            return Ok(false);
        }
        if heads.at != heads.bytes.len()
            || ranks.at != ranks.bytes.len()
            || freqs.at != freqs.bytes.len()
        {
            return Err(damaged("bytes left over"));
        }
        if !*passed && *sum != u128::from(self.total) {
            return Err(damaged(
                "the frequencies do not add up to the sum in the header",
            ));
        }
        Ok(true)
    }

    /// Calls `f(word, freq)` for every entry, in ascending order of words.
    pub fn for_each(&self, f: impl FnMut(&str, u64)) -> Result<(), DictFileError> {
        self.read(&mut Cursor::default(), usize::MAX, f).map(|_| ())
    }

    /// The parts of speech the file keeps, `word tag` a line in entry
    /// order (none for a file of version 2).
    pub fn parts_of_speech(&self) -> Result<String, DictFileError> {
        let mut r = Reader {
            bytes: self.bytes.get(self.tags.clone()).unwrap_or_default(),
            at: 0,
        };
        if r.bytes.is_empty() {
            return Ok(String::new());
        }
        let mut names = Vec::new();
        for _ in 0..r.size()?.min(256) {
            let run = r.range()?;
            let name = std::str::from_utf8(r.bytes.get(run).unwrap_or_default())
                .map_err(|_| damaged("a part of speech is not UTF-8"))?;
            names.push(name);
        }
        let n = r.size()?;
        if n > r.bytes.len() {
            return Err(damaged("too many parts of speech"));
        }
        let mut at = Vec::with_capacity(n);
        let mut entry = 0usize;
        for _ in 0..n {
            entry = entry.saturating_add(r.size()?);
            at.push(entry);
        }
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.byte()? as usize;
            tags.push(
                *names
                    .get(k)
                    .ok_or_else(|| damaged("an unknown part of speech"))?,
            );
        }
        let mut out = String::new();
        let (mut i, mut next) = (0usize, 0usize);
        self.for_each(|w, _| {
            if at.get(next) == Some(&i) {
                out.push_str(w);
                out.push(' ');
                out.push_str(tags.get(next).copied().unwrap_or_default());
                out.push('\n');
                next += 1;
            }
            i += 1;
        })?;
        Ok(out)
    }

    /// Every entry in jieba's text format, `word freq` a line.
    pub fn lines(&self) -> Result<String, DictFileError> {
        let mut out = String::with_capacity(self.entries * 16);
        self.for_each(|w, f| out.add(w, f))?;
        Ok(out)
    }

    /// The entries segmentation of `text` can look up (the words that occur
    /// in it), in jieba's text format, and one more of a private-use
    /// character the text does not hold, whose frequency makes the sum of
    /// all frequencies the whole dictionary's. `None` when the text is longer
    /// than [`MAX_SELECT_BYTES`] or holds every private-use character.
    pub fn lines_for(&self, text: &str) -> Result<Option<String>, DictFileError> {
        let Some(mut lines) = Lines::picked(self, text) else {
            return Ok(None);
        };
        lines.step(self, usize::MAX)?;
        Ok(lines.finish())
    }
}

/// How far reading the entries has got.
#[derive(Default)]
pub struct Cursor {
    heads: usize,
    ranks: usize,
    freqs: usize,
    read: usize,
    word: String,
    /// Byte length of the word's first 1, 2, … characters.
    ends: Vec<usize>,
    /// The next group, the entries left in the one being read, and where it ends in each run.
    group: usize,
    left: usize,
    group_ends: [usize; 3],
    /// Sum of the frequencies read, and whether a group was passed over unread.
    sum: u128,
    passed: bool,
}

/// The entries in jieba's text format, all or those one text needs (see
/// [`PackedDict::lines_for`]), made a step at a time: in a browser, many
/// short calls let the engine optimise the code, where one long call would
/// run unoptimised to its end. The entries go to `O`: text lines
/// (`String`), or a segmenter's dictionary (`SegmenterBuilder`), which
/// then needs no lines written and read back.
pub struct Lines<O = String> {
    cursor: Cursor,
    how: How<O>,
}

enum How<O> {
    All(O),
    Pick(Pick<O>),
}

/// Where [`Lines`] puts the entries it reads.
pub trait Entries {
    fn add(&mut self, word: &str, freq: u64);
}

impl Entries for String {
    fn add(&mut self, word: &str, freq: u64) {
        use std::fmt::Write;
        let _ = writeln!(self, "{word} {freq}");
    }
}

impl Entries for SegmenterBuilder {
    fn add(&mut self, word: &str, freq: u64) {
        SegmenterBuilder::add(self, word, freq);
    }
}

/// What one visit of the entries does with each (see [`PackedDict::walk`]).
trait Visit {
    /// Whether to read the next entry, which shares `shared` characters with
    /// the one before it; one not read is only `skipped`.
    fn wants(&mut self, _shared: usize) -> bool {
        true
    }
    /// Whether to read the group of entries that begin with `first`.
    fn wants_group(&mut self, _first: &str) -> bool {
        true
    }
    /// An entry read: `ends` holds the byte length of the word's first 1, 2, … characters.
    fn entry(&mut self, word: &str, ends: &[usize], freq: u64);
}

struct Each<F>(F);

impl<F: FnMut(&str, u64)> Visit for Each<F> {
    fn entry(&mut self, word: &str, _: &[usize], freq: u64) {
        (self.0)(word, freq)
    }
}

/// Picks the entries that occur in `text`. The text's suffixes, cut to the
/// longest word, are sorted: a word occurs in the text iff it begins the first
/// suffix not less than it, and the longest of its prefixes that occurs is
/// the longer of what it shares with that suffix and with the one before;
/// as the words ascend, so does that suffix. A word that shares more with the
/// word before than that word's longest prefix in the text cannot occur
/// either, and is skipped unread: most of the dictionary, for a short text.
struct Pick<O> {
    text: String,
    /// Byte ranges of the suffixes, sorted.
    suffixes: Vec<Range<usize>>,
    at: usize,
    /// The text's characters, sorted: a group that begins with another is passed over.
    chars: Vec<char>,
    /// How many leading characters of the last word read occur in the text.
    alive: usize,
    total: u64,
    kept: u128,
    filler: char,
    out: O,
}

impl<O: Entries> Visit for Pick<O> {
    fn wants(&mut self, shared: usize) -> bool {
        shared <= self.alive
    }

    fn wants_group(&mut self, first: &str) -> bool {
        first
            .chars()
            .next()
            .is_some_and(|c| self.chars.binary_search(&c).is_ok())
    }

    fn entry(&mut self, word: &str, ends: &[usize], freq: u64) {
        let b = self.text.as_bytes();
        let w = word.as_bytes();
        let suffix = |i: usize| self.suffixes.get(i).map_or(&[][..], |s| &b[s.clone()]);
        while self.at < self.suffixes.len() && suffix(self.at) < w {
            self.at += 1;
        }
        let shared = |s: &[u8]| s.iter().zip(w).take_while(|(x, y)| x == y).count();
        let before = self.at.checked_sub(1).map_or(0, |i| shared(suffix(i)));
        let longest = shared(suffix(self.at)).max(before);
        self.alive = ends.iter().take_while(|&&end| end <= longest).count();
        if self.alive == ends.len() {
            self.kept += u128::from(freq);
            self.out.add(word, freq);
        }
    }
}

impl Lines {
    /// Every entry, as text.
    pub fn all(dict: &PackedDict) -> Lines {
        Lines::all_into(String::with_capacity(dict.entries * 16))
    }

    /// The entries `text` needs as text, or `None` (see [`PackedDict::lines_for`]).
    pub fn picked(dict: &PackedDict, text: &str) -> Option<Lines> {
        Lines::picked_into(dict, text, String::new())
    }
}

impl<O: Entries> Lines<O> {
    /// Every entry, into `out`.
    pub fn all_into(out: O) -> Lines<O> {
        Lines {
            cursor: Cursor::default(),
            how: How::All(out),
        }
    }

    /// The entries `text` needs, into `out`, or `None` (see [`PackedDict::lines_for`]).
    pub fn picked_into(dict: &PackedDict, text: &str, out: O) -> Option<Lines<O>> {
        if text.len() > MAX_SELECT_BYTES {
            return None;
        }
        let filler = ('\u{e000}'..='\u{f8ff}').find(|&c| !text.contains(c))?;
        let b = text.as_bytes();
        let mut suffixes: Vec<Range<usize>> = text
            .char_indices()
            .map(|(i, _)| i..b.len().min(i + dict.longest))
            .collect();
        suffixes.sort_unstable_by(|x, y| b[x.clone()].cmp(&b[y.clone()]));
        suffixes.dedup_by(|x, y| b[x.clone()] == b[y.clone()]);
        let pick = Pick {
            text: text.to_owned(),
            suffixes,
            at: 0,
            chars: {
                let mut chars: Vec<char> = text.chars().collect();
                chars.sort_unstable();
                chars.dedup();
                chars
            },
            alive: 0,
            total: dict.total,
            kept: 0,
            filler,
            out,
        };
        Some(Lines {
            cursor: Cursor::default(),
            how: How::Pick(pick),
        })
    }

    /// Reads up to `max` more entries of `dict` (the one these lines were
    /// made for); true once every entry is read.
    pub fn step(&mut self, dict: &PackedDict, max: usize) -> Result<bool, DictFileError> {
        match &mut self.how {
            How::All(out) => dict.read(&mut self.cursor, max, |w, f| out.add(w, f)),
            How::Pick(pick) => dict.walk(&mut self.cursor, max, pick),
        }
    }

    /// The lines, once `step` has returned true; `None` for picked lines
    /// whose frequencies add up to more than the whole dictionary's (a
    /// damaged file), which reading it whole is left to report.
    pub fn finish(self) -> Option<O> {
        match self.how {
            How::All(out) => Some(out),
            How::Pick(mut p) => {
                // Damage may have made `kept` larger.
                let rest = u64::try_from(u128::from(p.total).checked_sub(p.kept)?).ok()?;
                p.out.add(p.filler.encode_utf8(&mut [0; 4]), rest);
                Some(p.out)
            }
        }
    }
}

/// A packed dictionary read a step at a time into lines of jieba's text
/// format or straight into a segmenter, so that no step is long (the page
/// reads it in a worker between other messages).
///
/// ```
/// use biaozhu::dict::{pack, DictReader, PackedDict};
///
/// let packed = PackedDict::parse(pack(&[("李白", 100), ("出生", 50)])).unwrap();
/// let mut reader = DictReader::new(packed);
/// reader.build_all();
/// while !reader.step(1).unwrap() {}
/// let segmenter = reader.take_segmenter().unwrap().unwrap();
/// assert_eq!(segmenter.segment("李白出生").words.len(), 2);
/// ```
pub struct DictReader {
    dict: PackedDict,
    reading: Option<Reading>,
}

/// What the entries being read go to.
enum Reading {
    Lines(Lines),
    Segmenter(Lines<SegmenterBuilder>),
}

/// Why a step or a segmenter could not be had.
#[derive(Debug)]
pub enum ReadError {
    /// `step` before any of `read_all`, `read_for`, `build_all`, `build_for`.
    NothingRead,
    File(DictFileError),
    Segmenter(crate::segment::DictError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NothingRead => f.write_str(
                "nothing is being read: call readAll, readFor, buildAll or buildFor first",
            ),
            ReadError::File(e) => write!(f, "{e}"),
            ReadError::Segmenter(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl DictReader {
    /// A reader of `dict`, reading nothing yet.
    pub fn new(dict: PackedDict) -> DictReader {
        DictReader {
            dict,
            reading: None,
        }
    }

    /// The file read.
    pub fn dict(&self) -> &PackedDict {
        &self.dict
    }

    /// Starts reading every entry as lines.
    pub fn read_all(&mut self) {
        self.reading = Some(Reading::Lines(Lines::all(&self.dict)));
    }

    /// Starts reading, as lines, only the entries segmenting `text` can use
    /// (see [`Lines::picked`]); false, and nothing started, when `text` is
    /// too long for that to pay.
    pub fn read_for(&mut self, text: &str) -> bool {
        self.reading = Lines::picked(&self.dict, text).map(Reading::Lines);
        self.reading.is_some()
    }

    /// Starts building a segmenter of every entry: the entries go straight
    /// into its index, with no lines written and read back.
    pub fn build_all(&mut self) {
        let out = crate::segment::Segmenter::builder();
        self.reading = Some(Reading::Segmenter(Lines::all_into(out)));
    }

    /// [`read_for`](Self::read_for), building a segmenter.
    pub fn build_for(&mut self, text: &str) -> bool {
        let out = crate::segment::Segmenter::builder();
        self.reading = Lines::picked_into(&self.dict, text, out).map(Reading::Segmenter);
        self.reading.is_some()
    }

    /// Reads up to `entries` more; true when the reading is done.
    pub fn step(&mut self, entries: usize) -> Result<bool, ReadError> {
        match &mut self.reading {
            Some(Reading::Lines(lines)) => lines.step(&self.dict, entries),
            Some(Reading::Segmenter(lines)) => lines.step(&self.dict, entries),
            None => return Err(ReadError::NothingRead),
        }
        .map_err(ReadError::File)
    }

    /// The lines read, in jieba's text format; `None` while a segmenter is
    /// being built, or if the entries `text` needs could not be picked (read
    /// them all instead).
    pub fn take(&mut self) -> Option<String> {
        match self.reading.take()? {
            Reading::Lines(lines) => lines.finish(),
            building => {
                self.reading = Some(building);
                None
            }
        }
    }

    /// The segmenter `build_all` or `build_for` began, once `step` is done;
    /// `None` as for `take`.
    pub fn take_segmenter(&mut self) -> Result<Option<crate::segment::Segmenter>, ReadError> {
        let lines = match self.reading.take() {
            Some(Reading::Segmenter(lines)) => lines,
            other => {
                self.reading = other;
                return Ok(None);
            }
        };
        match lines.finish() {
            Some(builder) => builder.finish().map(Some).map_err(ReadError::Segmenter),
            None => Ok(None),
        }
    }
}
