//! Dense ids for feature hashes: the first hash met is 0, the next 1, and
//! so on, so that the tagger's weights are a vector indexed by id.
//!
//! Why not a `HashMap<u64, u32>`: a project's tagger meets about a million
//! feature hashes on a 1 MB text, and the map kept each as a 16-byte entry
//! and a control byte, in a table at most 7/8 full and grown by doubling
//! (some 36 MB there, 53 MB while it grew). Here the hashes are kept once,
//! in id order, and the table holds only ids: 4 bytes a slot.
//!
//! ```
//! use biaozhu::suggest::interner::Interner;
//!
//! let mut ids = Interner::default();
//! assert_eq!(ids.intern(0xfeed), 0);
//! assert_eq!(ids.intern(0xbeef), 1);
//! assert_eq!(ids.intern(0xfeed), 0);
//! assert_eq!(ids.get(0xbeef), Some(1));
//! assert_eq!(ids.get(0xcafe), None);
//! assert_eq!(ids.len(), 2);
//! ```

/// A slot of the table that holds no id.
const EMPTY: u32 = u32::MAX;

/// Feature hashes and their ids (open addressing, linear probing).
#[derive(Clone, Debug, Default)]
pub struct Interner {
    /// The hash of each id.
    hashes: Vec<u64>,
    /// Ids by hash; a power of two long, at most three quarters full.
    table: Vec<u32>,
}

impl Interner {
    /// How many hashes have an id.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The id of `hash`, if it has one.
    pub fn get(&self, hash: u64) -> Option<u32> {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut at = slot(hash, mask);
        loop {
            let id = self.table[at];
            if id == EMPTY {
                return None;
            }
            if self.hashes[id as usize] == hash {
                return Some(id);
            }
            at = (at + 1) & mask;
        }
    }

    /// The id of `hash`, the next one if it has none yet.
    pub fn intern(&mut self, hash: u64) -> u32 {
        if (self.hashes.len() + 1) * 4 > self.table.len() * 3 {
            self.grow();
        }
        let mask = self.table.len() - 1;
        let mut at = slot(hash, mask);
        loop {
            let id = self.table[at];
            if id == EMPTY {
                let id = self.hashes.len() as u32;
                self.hashes.push(hash);
                self.table[at] = id;
                return id;
            }
            if self.hashes[id as usize] == hash {
                return id;
            }
            at = (at + 1) & mask;
        }
    }

    /// Doubles the table and places every id again.
    fn grow(&mut self) {
        let size = (self.table.len() * 2).max(16);
        self.table = vec![EMPTY; size];
        let mask = size - 1;
        for (id, &hash) in self.hashes.iter().enumerate() {
            let mut at = slot(hash, mask);
            while self.table[at] != EMPTY {
                at = (at + 1) & mask;
            }
            self.table[at] = id as u32;
        }
    }
}

/// Where `hash` starts its probe. The feature hashes are mixed already; the
/// multiply spreads any that are not (a test's small numbers) over the table.
fn slot(hash: u64, mask: usize) -> usize {
    (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

#[cfg(test)]
mod tests {
    use super::Interner;
    use std::collections::HashMap;

    /// The ids are those a map handing out the next number gives, through
    /// every growth of the table, and a hash never interned has none.
    #[test]
    fn ids_are_dense_and_stable_as_the_table_grows() {
        let mut ids = Interner::default();
        let mut model: HashMap<u64, u32> = HashMap::new();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for i in 0..50_000u64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Repeats and runs of neighbours, as the templates give.
            let hash = if i % 3 == 0 { state % 1000 } else { state };
            let next = model.len() as u32;
            let want = *model.entry(hash).or_insert(next);
            assert_eq!(ids.intern(hash), want, "hash {hash:#x}");
        }
        assert_eq!(ids.len(), model.len());
        for (&hash, &id) in &model {
            assert_eq!(ids.get(hash), Some(id));
        }
        assert_eq!(ids.get(u64::MAX - 1), None);
        assert!(ids.table.len() * 3 >= ids.len() * 4);
    }
}
