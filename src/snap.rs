//! Turning a rough selection into the span a person meant.
//!
//! A drag rarely starts and ends exactly on a word. [`snap`] widens each end
//! to the nearest boundary of the finest unit it falls in (a sub-word, so 美国
//! can be taken out of 美国政府), trims whitespace, and keeps the span inside
//! one paragraph. [`widen`] goes from a span to its sentence, then to its
//! paragraph. All positions are code points.
//!
//! ```
//! use biaozhu::{document::Structure, offsets::IndexedText, segment::Segmenter, snap::*};
//!
//! let text = IndexedText::new("美国政府发表声明。");
//! let structure = Structure::of(text.as_str());
//! let seg = Segmenter::embedded().segment(text.as_str());
//! // A drag from inside 美 to inside 国 takes 美国, not the whole 美国政府.
//! let s = snap(&text, &structure, Some(&seg), 0, 1, SnapMode::Word).unwrap();
//! assert_eq!((s.start, s.end), (0, 2));
//! // Widening goes to the sentence.
//! assert_eq!(widen(&text, &structure, 0, 2), (0, 9));
//! ```

use crate::document::Structure;
use crate::offsets::IndexedText;
use crate::segment::{Segmentation, Word};

/// How a selection's ends are moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapMode {
    /// Out to the nearest sub-word boundary.
    Word,
    /// Kept where they are (only whitespace is trimmed).
    Exact,
}

/// A snapped span and what was done to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snapped {
    pub start: u32,
    pub end: u32,
    /// The selection crossed a line break and was cut back to its first paragraph.
    pub clipped_to_paragraph: bool,
}

fn is_space_at(text: &IndexedText, cp: u32) -> bool {
    text.cp_to_byte(cp as usize)
        .ok()
        .and_then(|b| text.as_str()[b..].chars().next())
        .is_some_and(char::is_whitespace)
}

fn trim(text: &IndexedText, mut s: u32, mut e: u32) -> (u32, u32) {
    while s < e && is_space_at(text, s) {
        s += 1;
    }
    while e > s && is_space_at(text, e - 1) {
        e -= 1;
    }
    (s, e)
}

/// Snaps `[start, end)` (either order, clamped to the text); `None` when
/// nothing but whitespace is left.
pub fn snap(
    text: &IndexedText,
    structure: &Structure,
    seg: Option<&Segmentation>,
    start: u32,
    end: u32,
    mode: SnapMode,
) -> Option<Snapped> {
    let len = text.len_cp() as u32;
    let (s, e) = (start.min(end).min(len), start.max(end).min(len));
    let (s, mut e) = trim(text, s, e);
    if s == e {
        return None;
    }
    let para = structure.paragraphs[structure.paragraph_at(s)];
    let clipped = e > para.1;
    if clipped {
        e = para.1;
    }
    let (mut s, mut e) = trim(text, s, e);
    if s == e {
        return None;
    }
    if let (SnapMode::Word, Some(seg)) = (mode, seg) {
        let b = &seg.subword_boundaries;
        // Out to the nearest boundary, but never past the token's own ends
        // (sub-word boundaries handed over by the page may lack them).
        if let Some(w) = word_inside(seg, s) {
            let before = b[..b.partition_point(|&x| x <= s)].last().copied();
            s = before.map_or(w.start, |x| x.max(w.start));
        }
        if let Some(w) = word_inside(seg, e) {
            let after = b.get(b.partition_point(|&x| x < e)).copied();
            e = after.map_or(w.end, |x| x.min(w.end));
        }
    }
    Some(Snapped {
        start: s,
        end: e,
        clipped_to_paragraph: clipped,
    })
}

/// The token `cp` lies strictly inside, if any.
fn word_inside(seg: &Segmentation, cp: u32) -> Option<&Word> {
    word_index_at(seg, cp)
        .map(|i| &seg.words[i])
        .filter(|w| w.start < cp)
}

fn word_index_at(seg: &Segmentation, cp: u32) -> Option<usize> {
    let i = seg.words.partition_point(|w| w.end <= cp);
    seg.words
        .get(i)
        .filter(|w| w.start <= cp && cp < w.end)
        .map(|_| i)
}

/// The token holding the character at `cp`, as `(start, end)`.
pub fn word_at(seg: &Segmentation, cp: u32) -> Option<(u32, u32)> {
    word_index_at(seg, cp).map(|i| (seg.words[i].start, seg.words[i].end))
}

/// The next span up from `[start, end)`: the sentences it touches, then its
/// paragraph (whitespace trimmed). A span that is already a whole paragraph
/// comes back unchanged.
pub fn widen(text: &IndexedText, structure: &Structure, start: u32, end: u32) -> (u32, u32) {
    let (s, e) = (start.min(end), start.max(end));
    let sents = &structure.sentences;
    let first = sents.partition_point(|&(_, se)| se <= s);
    let last = sents.partition_point(|&(ss, _)| ss < e.max(s + 1));
    if first < last {
        let (ws, we) = (sents[first].0.min(s), sents[last - 1].1.max(e));
        if (ws, we) != (s, e) && ws <= s && we >= e {
            return (ws, we);
        }
    }
    let p = structure.paragraphs[structure.paragraph_at(s)];
    let (ps, pe) = trim(text, p.0, p.1);
    if ps <= s && pe >= e && (ps, pe) != (s, e) {
        (ps, pe)
    } else {
        (s, e)
    }
}

/// Which boundaries [`step`] moves between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Sub-word boundaries (every word boundary is one).
    Word,
    /// Every code point ([`Document::step`](crate::document::Document::step) steps by
    /// characters as a reader sees them, grapheme clusters).
    Char,
}

/// The boundary after (`forward`) or before `cp`, for moving a span's edge by
/// keyboard; stays within `[0, len]`.
pub fn step(seg: Option<&Segmentation>, len: u32, cp: u32, forward: bool, by: Step) -> u32 {
    let cp = cp.min(len);
    match (by, seg) {
        (Step::Word, Some(seg)) => {
            let b = &seg.subword_boundaries;
            if forward {
                b.get(b.partition_point(|&x| x <= cp))
                    .map_or(len, |&x| x.min(len))
            } else {
                let i = b.partition_point(|&x| x < cp);
                if i == 0 {
                    0
                } else {
                    b[i - 1]
                }
            }
        }
        _ => {
            if forward {
                (cp + 1).min(len)
            } else {
                cp.saturating_sub(1)
            }
        }
    }
}
