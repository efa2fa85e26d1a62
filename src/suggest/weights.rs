//! The feature weights of the ensemble's taggers ([`super::ensemble`]):
//! one row per feature id, shared by every tagger, holding a cell for each
//! tagger and tag the feature was ever stepped on.
//!
//! Why shared and packed: on a 1 MB text with 10,000 annotations (the page's
//! memory benchmark, whose labels are random, so that nearly every feature
//! is stepped on) the three taggers held some 690,000 rows each. A row of
//! its own for each tagger cost the vector's 8 bytes (wasm32) and the
//! allocator's header and rounding three times over, and a cell of a tag
//! (`u32`) and two `f32`s took 12 bytes. One row and 10-byte cells keep
//! the same weights in about two thirds of the memory.
//!
//! ```
//! use biaozhu::suggest::weights::Weights;
//!
//! let mut w = Weights::default();
//! w.cell(7, 1, 2).add(0.5, 3.0);
//! w.cell(7, 0, 2).add(1.0, 0.0);
//! let row = w.row(7);
//! assert_eq!(row.len(), 2);
//! assert_eq!((row[0].member(), row[0].tag()), (1, 2));
//! assert_eq!((row[0].weight(), row[0].sum()), (0.5, 1.5));
//! assert!(w.row(3).is_empty());
//! ```

/// A tagger's weight for one tag of a feature, with its steps summed, each
/// times the clock when it was taken (for the average). Two `f32`s: the
/// sum's rounding is far below what moves a tag (span F1 on the dev set
/// the same to the fourth decimal as with an `f64`). Packed to two bytes'
/// alignment, 10 bytes: the fields are read and written by value.
#[repr(C, packed(2))]
#[derive(Clone, Copy, Debug)]
pub struct Cell {
    /// The tag times [`MAX_MEMBERS`], plus the tagger.
    key: u16,
    weight: f32,
    sum: f32,
}

impl Cell {
    fn new(member: usize, tag: usize) -> Cell {
        Cell {
            key: (tag * MAX_MEMBERS + member) as u16,
            weight: 0.0,
            sum: 0.0,
        }
    }

    /// Which tagger of the ensemble.
    pub fn member(&self) -> usize {
        usize::from(self.key) % MAX_MEMBERS
    }

    pub fn tag(&self) -> usize {
        usize::from(self.key) / MAX_MEMBERS
    }

    pub fn weight(&self) -> f32 {
        self.weight
    }

    pub fn sum(&self) -> f32 {
        self.sum
    }

    /// Adds `by` to the weight, and `by` times `clock` to the sum.
    pub fn add(&mut self, by: f32, clock: f32) {
        self.weight += by;
        self.sum += clock * by;
    }
}

/// The most taggers and tags a [`Cell`] can name: 4 taggers, and the tags
/// of 8,191 labels.
pub const MAX_MEMBERS: usize = 4;
pub const MAX_TAGS: usize = (u16::MAX as usize + 1) / MAX_MEMBERS;

/// Per feature id, the [`Cell`]s of the taggers and tags it was stepped on;
/// every other weight is zero.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    /// Indexed by feature id: ids are dense, so a vector, not a map.
    rows: Vec<Box<[Cell]>>,
}

impl Weights {
    /// The cells of feature `id` (none if it was never stepped on).
    pub fn row(&self, id: u32) -> &[Cell] {
        self.rows.get(id as usize).map_or(&[], |r| &r[..])
    }

    /// Every row's cells, in feature order.
    pub fn rows(&self) -> impl Iterator<Item = &[Cell]> + '_ {
        self.rows.iter().map(|r| &r[..])
    }

    /// The cell of tagger `member` for `tag` of feature `id`, made if it has
    /// none. `member` and `tag` are below [`MAX_MEMBERS`] and [`MAX_TAGS`]
    /// (the ensemble and the labels see to it).
    pub fn cell(&mut self, id: u32, member: usize, tag: usize) -> &mut Cell {
        assert!(
            member < MAX_MEMBERS && tag < MAX_TAGS,
            "no cell for tagger {member}, tag {tag}"
        );
        let id = id as usize;
        if self.rows.len() <= id {
            self.rows.resize_with(id + 1, Default::default);
        }
        let key = Cell::new(member, tag).key;
        let row = &mut self.rows[id];
        let at = match row.iter().position(|c| c.key == key) {
            Some(at) => at,
            None => {
                // Grown by one, exactly: most rows stop at a few cells.
                let mut grown = Vec::with_capacity(row.len() + 1);
                grown.extend_from_slice(row);
                grown.push(Cell::new(member, tag));
                *row = grown.into_boxed_slice();
                row.len() - 1
            }
        };
        &mut row[at]
    }
}

#[cfg(test)]
mod tests {
    use super::{Cell, Weights, MAX_MEMBERS, MAX_TAGS};

    /// Ten bytes a cell: the memory figure of the page's benchmark rests on it.
    #[test]
    fn a_cell_takes_ten_bytes() {
        assert_eq!(std::mem::size_of::<Cell>(), 10);
    }

    /// The last tagger and the last tag a cell can name are told apart
    /// from every other (a tag above 255 once spilled into the tagger's bits).
    #[test]
    fn the_largest_tagger_and_tag_have_cells_of_their_own() {
        let mut w = Weights::default();
        let last = (MAX_MEMBERS - 1, MAX_TAGS - 1);
        for (member, tag) in [(0, 0), (0, 256), (1, 256), last, (0, MAX_TAGS - 1)] {
            w.cell(1, member, tag).add(1.0, 0.0);
        }
        let cells: Vec<(usize, usize)> = w.row(1).iter().map(|c| (c.member(), c.tag())).collect();
        assert_eq!(cells, [(0, 0), (0, 256), (1, 256), last, (0, MAX_TAGS - 1)]);
    }

    /// Each tagger's cells are apart in the shared row: a step of one
    /// changes no other's weight.
    #[test]
    fn the_taggers_cells_of_a_row_are_apart() {
        let mut w = Weights::default();
        w.cell(4, 0, 1).add(1.0, 1.0);
        w.cell(4, 2, 1).add(-2.0, 5.0);
        w.cell(4, 0, 1).add(0.5, 2.0);
        let cells: Vec<(usize, usize, f32, f32)> = w
            .row(4)
            .iter()
            .map(|c| (c.member(), c.tag(), c.weight(), c.sum()))
            .collect();
        assert_eq!(cells, [(0, 1, 1.5, 2.0), (2, 1, -2.0, -10.0)]);
        assert!(w.row(0).is_empty() && w.row(99).is_empty());
    }
}
