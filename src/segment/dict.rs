//! jieba's dictionary, laid out for the walk segmentation makes: from each
//! character of a text, every dictionary word that starts there.
//!
//! A character trie. The root's children are a table indexed by BMP
//! character; every other edge is a 16-byte slot of one open-addressing
//! table keyed by `(parent node, character)`. Each entry carries what the
//! walk needs of the node it leads to (its id, whether it ends a word and
//! has children, and the word's weight), so that each step reads one cache
//! line.
//!
//! Most characters that follow a node are not its children (in running
//! text, four positions in five start no word of two characters), and
//! finding that out from a table of half a million edges would miss the
//! cache each time. Two Bloom filters answer most of those questions
//! without it: 32 bits in each root entry for the characters its children
//! start with, and one of all edges, an eighth of the table's size.

use std::io::BufRead;

use super::DictError;

/// A node: its id in the low bits, whether it ends a word, whether it has
/// children. 0 is no node (the root is never a child).
type Ptr = u32;
const KIDS: Ptr = 1 << 20;
const WORD: Ptr = 1 << 21;
const ID: Ptr = KIDS - 1;
/// A slot's key and pointer share 64 bits, so node ids have 20.
const MAX_NODES: usize = 1 << 20;
const PTR_BITS: u32 = 22;
const CHAR_BITS: u32 = 21;

/// Characters with a root entry of their own.
const ROOT_LEN: usize = 0x1_0000;
const SLOT_HASH: u64 = 0x9E37_79B9_7F4A_7C15;
const FILTER_HASH: u64 = 0xD6E8_FEB8_6659_FD93;

/// A step to a node, with the weight of the word it ends (if it does).
#[derive(Clone, Copy, Default)]
struct Edge {
    weight: f64,
    to: Ptr,
}

/// A root entry: the edge, and a Bloom filter of the characters that the
/// node's children start with.
#[derive(Clone, Copy, Default)]
struct RootEdge {
    edge: Edge,
    kids: u32,
}

/// An edge below the root.
#[derive(Clone, Copy, Default)]
struct Slot {
    /// `key << PTR_BITS | to`, or 0 for an empty slot. A key is
    /// `parent << CHAR_BITS | char`, never 0: the root's children in slots
    /// are outside the BMP.
    tag: u64,
    weight: f64,
}

#[inline(always)]
fn key(parent: u32, ch: char) -> u64 {
    (u64::from(parent) << CHAR_BITS) | u64::from(ch)
}

/// The bit `ch` sets in a root entry's filter.
#[inline(always)]
fn kid_bit(ch: char) -> u32 {
    1 << ((ch as u32).wrapping_mul(0x9E37_79B1) >> 27)
}

/// The words of a dictionary in jieba's text format, weighed as jieba
/// weighs them.
pub(super) struct Dict {
    root: Vec<RootEdge>,
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`.
    slot_shift: u32,
    /// Two bits per edge, both in one 64-bit word (a blocked Bloom filter).
    filter: Vec<u64>,
    filter_shift: u32,
    /// `0 - ln(total)`: jieba's weight for a character that starts no word.
    unknown_weight: f64,
}

impl Dict {
    /// Reads `word [freq [tag]]` lines as jieba-rs does: a word listed
    /// twice keeps its last frequency; a missing frequency is 0.
    pub(super) fn read<R: BufRead>(mut dict: R) -> Result<Dict, DictError> {
        let mut trie = Trie::default();
        let mut line = String::new();
        let mut line_no = 0;
        loop {
            line.clear();
            match dict.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => return Err(DictError(e.to_string())),
            }
            line_no += 1;
            let mut fields = line.split_whitespace();
            let Some(word) = fields.next() else { continue };
            let freq = match fields.next() {
                None => 0,
                Some(f) => f.parse::<usize>().map_err(|e| {
                    DictError(format!(
                        "line {line_no} `{}`: frequency {f} is not a valid integer: {e}",
                        line.trim_end()
                    ))
                })?,
            };
            trie.insert(word, freq)?;
        }
        Ok(trie.finish())
    }

    #[inline(always)]
    fn filter_bits(&self, key: u64) -> (usize, u64) {
        let h = key.wrapping_mul(FILTER_HASH);
        let word = (h >> self.filter_shift) as usize;
        (word, (1u64 << (h & 63)) | (1u64 << ((h >> 6) & 63)))
    }

    /// The edge from the root on `ch` and its children's filter; `to` is 0
    /// if there is none.
    #[inline(always)]
    fn root_step(&self, ch: char) -> RootEdge {
        match self.root.get(ch as usize) {
            Some(&e) => e,
            None => RootEdge {
                edge: self.step(0, ch),
                kids: u32::MAX,
            },
        }
    }

    /// The edge from node `parent` on `ch`; `to` is 0 if there is none.
    #[inline(always)]
    fn step(&self, parent: u32, ch: char) -> Edge {
        let key = key(parent, ch);
        let (w, bits) = self.filter_bits(key);
        if self.filter[w] & bits != bits {
            return Edge::default();
        }
        let mask = self.slots.len() - 1;
        let mut i = (key.wrapping_mul(SLOT_HASH) >> self.slot_shift) as usize;
        loop {
            let s = self.slots[i];
            if s.tag >> PTR_BITS == key {
                return Edge {
                    weight: s.weight,
                    to: (s.tag & ((1 << PTR_BITS) - 1)) as Ptr,
                };
            }
            if s.tag == 0 {
                return Edge::default();
            }
            i = (i + 1) & mask;
        }
    }

    /// Calls `f(end, weight)` for every word `chars[at..end]`, shortest first.
    #[inline(always)]
    pub(super) fn words_at(&self, chars: &[char], at: usize, mut f: impl FnMut(usize, f64)) {
        let root = self.root_step(chars[at]);
        let mut e = root.edge;
        if e.to & WORD != 0 {
            f(at + 1, e.weight);
        }
        match chars.get(at + 1) {
            Some(&c) if e.to & KIDS != 0 && root.kids & kid_bit(c) != 0 => {
                e = self.step(e.to & ID, c)
            }
            _ => return,
        }
        let mut end = at + 2;
        loop {
            if e.to & WORD != 0 {
                f(end, e.weight);
            }
            if e.to & KIDS == 0 || end >= chars.len() {
                return;
            }
            e = self.step(e.to & ID, chars[end]);
            end += 1;
        }
    }

    /// Whether `chars` make a word.
    pub(super) fn has(&self, chars: impl IntoIterator<Item = char>) -> bool {
        let mut chars = chars.into_iter();
        let Some(first) = chars.next() else {
            return false;
        };
        let mut e = self.root_step(first).edge;
        for c in chars {
            if e.to & KIDS == 0 {
                return false;
            }
            e = self.step(e.to & ID, c);
        }
        e.to & WORD != 0
    }

    pub(super) fn unknown_weight(&self) -> f64 {
        self.unknown_weight
    }
}

/// A [`Dict`] made from entries one at a time.
#[derive(Default)]
pub(super) struct DictBuilder {
    trie: Trie,
    /// The first entry that could not be taken; the rest are ignored.
    error: Option<DictError>,
}

impl DictBuilder {
    /// Adds a word, as a line `word freq` would (see [`Dict::read`]).
    pub(super) fn add(&mut self, word: &str, freq: u64) {
        if self.error.is_some() || word.is_empty() {
            return;
        }
        let added = usize::try_from(freq)
            .map_err(|_| DictError(format!("the frequency {freq} of `{word}` is too large")))
            .and_then(|freq| self.trie.insert(word, freq));
        self.error = added.err();
    }

    pub(super) fn finish(self) -> Result<Dict, DictError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.trie.finish()),
        }
    }
}

/// The trie as it is read, before the weights (which need the sum of all
/// frequencies) are known.
struct Trie {
    /// Node of each BMP character below the root, or 0.
    root: Vec<u32>,
    /// Open addressing: `key` and child node, `key` 0 for an empty slot.
    keys: Vec<u64>,
    kids: Vec<u32>,
    len: usize,
    shift: u32,
    /// Per node: `KIDS` and `WORD` flags.
    flags: Vec<Ptr>,
    /// Per node: its frequency if it ends a word.
    freq: Vec<usize>,
}

impl Default for Trie {
    fn default() -> Self {
        let slots = 1 << 10;
        Trie {
            root: vec![0; ROOT_LEN],
            keys: vec![0; slots],
            kids: vec![0; slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
            // Node 0 is the root.
            flags: vec![0],
            freq: vec![0],
        }
    }
}

impl Trie {
    fn insert(&mut self, word: &str, freq: usize) -> Result<(), DictError> {
        let mut node = 0;
        for c in word.chars() {
            self.flags[node as usize] |= KIDS;
            node = self.child(node, c)?;
        }
        if node != 0 {
            self.flags[node as usize] |= WORD;
            self.freq[node as usize] = freq;
        }
        Ok(())
    }

    fn new_node(&mut self) -> Result<u32, DictError> {
        let id = self.flags.len();
        if id >= MAX_NODES {
            return Err(DictError(format!(
                "it has more than {MAX_NODES} prefixes of words, more than this index holds"
            )));
        }
        self.flags.push(0);
        self.freq.push(0);
        Ok(id as u32)
    }

    /// The child of `parent` on `c`, made if it is not there.
    fn child(&mut self, parent: u32, c: char) -> Result<u32, DictError> {
        if parent == 0 && (c as usize) < ROOT_LEN {
            if self.root[c as usize] == 0 {
                self.root[c as usize] = self.new_node()?;
            }
            return Ok(self.root[c as usize]);
        }
        let key = key(parent, c);
        let mut i = self.probe(key);
        if self.keys[i] == 0 {
            if (self.len + 1) * 4 > self.keys.len() * 3 {
                self.grow();
                i = self.probe(key);
            }
            self.keys[i] = key;
            self.kids[i] = self.new_node()?;
            self.len += 1;
        }
        Ok(self.kids[i])
    }

    fn probe(&self, key: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut i = (key.wrapping_mul(SLOT_HASH) >> self.shift) as usize;
        while self.keys[i] != key && self.keys[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    fn grow(&mut self) {
        let n = self.keys.len() * 2;
        let keys = std::mem::replace(&mut self.keys, vec![0; n]);
        let kids = std::mem::replace(&mut self.kids, vec![0; n]);
        self.shift = 64 - n.trailing_zeros();
        for (key, kid) in keys.into_iter().zip(kids).filter(|&(k, _)| k != 0) {
            let i = self.probe(key);
            self.keys[i] = key;
            self.kids[i] = kid;
        }
    }

    fn finish(self) -> Dict {
        // Summed as jieba-rs sums them (wrapping, in a release build, in the
        // unlikely case that they overflow), and never a panic.
        let total = (0..self.flags.len())
            .filter(|&n| self.flags[n] & WORD != 0)
            .fold(0usize, |sum, n| sum.wrapping_add(self.freq[n]));
        let log_total = (total as f64).ln();
        // As jieba computes it: ln(freq) - ln(total).
        let edge = |node: u32| {
            let flags = self.flags[node as usize];
            Edge {
                weight: if flags & WORD != 0 {
                    (self.freq[node as usize] as f64).ln() - log_total
                } else {
                    0.0
                },
                to: node | flags,
            }
        };
        let mut root: Vec<RootEdge> = self
            .root
            .iter()
            .map(|&n| RootEdge {
                edge: if n == 0 { Edge::default() } else { edge(n) },
                kids: 0,
            })
            .collect();
        // Which root entry each node is, to fill in the root entries' filters.
        let mut root_char = vec![u32::MAX; self.flags.len()];
        for (c, &n) in self.root.iter().enumerate() {
            root_char[n as usize] = c as u32;
        }
        root_char[0] = u32::MAX;
        // About 8 bits per edge: one in twenty characters that are not a
        // child still passes.
        let words = (self.len / 8).next_power_of_two().max(2);
        let filter_shift = 64 - words.trailing_zeros();
        let mut dict = Dict {
            root: Vec::new(),
            // The same positions: every probe sequence stays as it was.
            slots: vec![Slot::default(); self.keys.len()],
            slot_shift: self.shift,
            filter: vec![0; words],
            filter_shift,
            unknown_weight: 0.0 - log_total,
        };
        for (i, (&key, &kid)) in self.keys.iter().zip(&self.kids).enumerate() {
            if key == 0 {
                continue;
            }
            let e = edge(kid);
            dict.slots[i] = Slot {
                tag: (key << PTR_BITS) | u64::from(e.to),
                weight: e.weight,
            };
            let (w, bits) = dict.filter_bits(key);
            dict.filter[w] |= bits;
            let parent = (key >> CHAR_BITS) as usize;
            if let Some(&c) = root_char.get(parent).filter(|&&c| c != u32::MAX) {
                let ch = char::from_u32((key & ((1 << CHAR_BITS) - 1)) as u32).unwrap_or('\0');
                root[c as usize].kids |= kid_bit(ch);
            }
        }
        dict.root = root;
        dict
    }
}
