//! jieba's dictionary, laid out for the walk segmentation makes: from each
//! character of a text, every dictionary word that starts there.
//!
//! A character trie. The root's children are a table indexed by BMP
//! character; every other edge is a slot of one open-addressing table keyed
//! by `(parent node, character)`. Each entry carries what the walk needs of
//! the node it leads to (its id, whether it ends a word and has children,
//! and the word's weight), so that each step touches one cache line.
//!
//! Most characters that follow a node are not its children (in running
//! text, four positions in five start no word of two characters), and
//! finding that out from a table of half a million edges would miss the
//! cache each time. A Bloom filter of the edges, a sixteenth of the table's
//! size, answers most of those questions from the L2 cache instead.

use std::io::BufRead;

use super::DictError;

/// A node: its id in the low bits, whether it ends a word, whether it has
/// children. 0 is no node.
type Ptr = u32;
const WORD: Ptr = 1 << 31;
const KIDS: Ptr = 1 << 30;
const ID: Ptr = KIDS - 1;

/// Characters with a root entry of their own.
const ROOT_LEN: usize = 0x1_0000;
const CHAR_BITS: u32 = 21;
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// A step to a node, with the weight of the word it ends (if it does).
#[derive(Clone, Copy, Default)]
struct Edge {
    weight: f64,
    to: Ptr,
}

/// An edge below the root.
#[derive(Clone, Copy, Default)]
struct Slot {
    /// `(parent << 21 | char) + 1`; 0 marks an empty slot.
    key: u64,
    edge: Edge,
}

#[inline(always)]
fn key(parent: u32, ch: char) -> u64 {
    ((u64::from(parent) << CHAR_BITS) | u64::from(ch)) + 1
}

/// The words of a dictionary in jieba's text format, weighed as jieba
/// weighs them.
pub(super) struct Dict {
    root: Vec<Edge>,
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`.
    shift: u32,
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
        let mut b = DictBuilder::default();
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
            b.insert(word, freq);
        }
        Ok(b.finish())
    }

    #[inline(always)]
    fn filter_bits(&self, key: u64) -> (usize, u64) {
        let h = key.wrapping_mul(0xD6E8_FEB8_6659_FD93);
        let word = (h >> self.filter_shift) as usize;
        (word, (1u64 << (h & 63)) | (1u64 << ((h >> 6) & 63)))
    }

    #[inline(always)]
    fn root_step(&self, ch: char) -> Edge {
        match self.root.get(ch as usize) {
            Some(&e) => e,
            None => self.step(0, ch),
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
        let mut i = (key.wrapping_mul(MULTIPLIER) >> self.shift) as usize;
        loop {
            let s = &self.slots[i];
            if s.key == key || s.key == 0 {
                return s.edge;
            }
            i = (i + 1) & mask;
        }
    }

    /// Calls `f(end, weight)` for every word `chars[at..end]`, shortest first.
    #[inline(always)]
    pub(super) fn words_at(&self, chars: &[char], at: usize, mut f: impl FnMut(usize, f64)) {
        let mut e = self.root_step(chars[at]);
        let mut end = at + 1;
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
        let mut e = self.root_step(first);
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

/// A [`Dict`] being read: the trie grows; the weights, which need the sum
/// of all frequencies, are set at the end.
struct DictBuilder {
    dict: Dict,
    len: usize,
    /// Per node: its frequency if it ends a word.
    freq: Vec<Option<usize>>,
}

/// Where the edge to a node is kept.
#[derive(Clone, Copy)]
enum At {
    Root(usize),
    Slot(usize),
}

impl Default for DictBuilder {
    fn default() -> Self {
        let slots = 1 << 10;
        DictBuilder {
            dict: Dict {
                root: vec![Edge::default(); ROOT_LEN],
                slots: vec![Slot::default(); slots],
                shift: 64 - slots.trailing_zeros(),
                filter: Vec::new(),
                filter_shift: 0,
                unknown_weight: 0.0,
            },
            len: 0,
            freq: vec![None],
        }
    }
}

impl DictBuilder {
    fn edge(&mut self, at: At) -> &mut Edge {
        match at {
            At::Root(i) => &mut self.dict.root[i],
            At::Slot(i) => &mut self.dict.slots[i].edge,
        }
    }

    /// The edge from `parent` (0: the root) on `c`, made if it is not there.
    fn child(&mut self, parent: u32, c: char) -> At {
        if parent == 0 && (c as usize) < ROOT_LEN {
            let at = At::Root(c as usize);
            if self.dict.root[c as usize].to == 0 {
                self.dict.root[c as usize].to = self.new_node();
            }
            return at;
        }
        let key = key(parent, c);
        let mut i = self.probe(key);
        if self.dict.slots[i].key == 0 {
            if (self.len + 1) * 4 > self.dict.slots.len() * 3 {
                self.grow();
                i = self.probe(key);
            }
            let to = self.new_node();
            self.dict.slots[i] = Slot {
                key,
                edge: Edge { weight: 0.0, to },
            };
            self.len += 1;
        }
        At::Slot(i)
    }

    fn new_node(&mut self) -> Ptr {
        let id = self.freq.len() as Ptr;
        self.freq.push(None);
        id
    }

    fn probe(&self, key: u64) -> usize {
        let slots = &self.dict.slots;
        let mask = slots.len() - 1;
        let mut i = (key.wrapping_mul(MULTIPLIER) >> self.dict.shift) as usize;
        while slots[i].key != key && slots[i].key != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    fn grow(&mut self) {
        let n = self.dict.slots.len() * 2;
        let old = std::mem::replace(&mut self.dict.slots, vec![Slot::default(); n]);
        self.dict.shift = 64 - n.trailing_zeros();
        for s in old.into_iter().filter(|s| s.key != 0) {
            let i = self.probe(s.key);
            self.dict.slots[i] = s;
        }
    }

    fn insert(&mut self, word: &str, freq: usize) {
        let mut chars = word.chars();
        let Some(first) = chars.next() else { return };
        let mut at = self.child(0, first);
        for c in chars {
            let edge = self.edge(at);
            edge.to |= KIDS;
            let parent = edge.to & ID;
            at = self.child(parent, c);
        }
        let edge = self.edge(at);
        edge.to |= WORD;
        let node = edge.to & ID;
        self.freq[node as usize] = Some(freq);
    }

    fn finish(mut self) -> Dict {
        let total: usize = self.freq.iter().flatten().sum();
        let log_total = (total as f64).ln();
        // As jieba computes it: ln(freq) - ln(total).
        let freq = &self.freq;
        let weight = |e: &mut Edge| {
            if let Some(f) = freq[(e.to & ID) as usize] {
                e.weight = (f as f64).ln() - log_total;
            }
        };
        self.dict.root.iter_mut().for_each(weight);
        self.dict
            .slots
            .iter_mut()
            .map(|s| &mut s.edge)
            .for_each(weight);
        self.dict.unknown_weight = 0.0 - log_total;
        // About 4 bits per edge: one in seven characters that are not a
        // child still passes.
        let words = (self.len / 16).next_power_of_two().max(2);
        let mut filter = vec![0u64; words];
        self.dict.filter_shift = 64 - words.trailing_zeros();
        for s in self.dict.slots.iter().filter(|s| s.key != 0) {
            let (w, bits) = self.dict.filter_bits(s.key);
            filter[w] |= bits;
        }
        self.dict.filter = filter;
        self.dict
    }
}
