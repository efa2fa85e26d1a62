//! jieba's `cut` with HMM, token for token, over [`Dict`].
//!
//! jieba-rs 0.11 spends most of its time waiting for its trie (see
//! `dict.rs`), and builds every block's graph of words before choosing a
//! route through it. Here the route is chosen from the last character back
//! as each position's words are found, with the same arithmetic, so that
//! the tokens are exactly jieba's. What the route leaves as single
//! characters goes, as in jieba, to jieba's HMM (`hmm.rs`).

use super::dict::Dict;
use super::hmm::Hmm;

/// One token: `[byte_start, byte_end)` and `[start, end)` in code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    pub byte_start: usize,
    pub byte_end: usize,
    pub start: u32,
    pub end: u32,
    /// Whether the token is made of [`in_block`] characters only: ASCII
    /// letters, digits and `+#&._%-`, and Han characters. (False says nothing.)
    pub in_block: bool,
}

/// jieba's `RE_HAN_DEFAULT`: the characters a block of words is made of.
/// Those outside ASCII are all Han (`super::is_han`).
#[inline]
fn in_block(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    }
    // The main block first and alone: nearly every character is in it, and
    // one range test is cheaper than the nine the compiler tests together.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}')
}

/// Buffers kept from call to call.
#[derive(Default)]
pub(super) struct Scratch {
    chars: Vec<char>,
    /// Byte offset in the text of each character of the block, and of its end.
    bytes: Vec<usize>,
    /// Per character: the best route's log probability from there, and
    /// where its first word ends.
    route: Vec<(f64, usize)>,
    hmm: Hmm,
}

/// Cuts `text` as `jieba.cut(text, true)` would with the same dictionary,
/// handing each token to `emit` in order.
pub(super) fn cut(dict: &Dict, text: &str, scratch: &mut Scratch, mut emit: impl FnMut(Token)) {
    let mut cp = 0u32;
    let mut chars = text.char_indices();
    let mut next = chars.next();
    while let Some((b0, c0)) = next {
        if in_block(c0) {
            scratch.chars.clear();
            scratch.bytes.clear();
            scratch.chars.push(c0);
            scratch.bytes.push(b0);
            next = None;
            for (b, c) in chars.by_ref() {
                if !in_block(c) {
                    next = Some((b, c));
                    break;
                }
                scratch.chars.push(c);
                scratch.bytes.push(b);
            }
            scratch.bytes.push(next.map_or(text.len(), |(b, _)| b));
            cut_block(dict, cp, scratch, &mut emit);
            cp += scratch.chars.len() as u32;
        } else {
            next = chars.next();
            // jieba keeps `\r\n` together as one token.
            let (len, n) = match next {
                Some((_, '\n')) if c0 == '\r' => {
                    next = chars.next();
                    (2, 2)
                }
                _ => (c0.len_utf8(), 1),
            };
            emit(Token {
                byte_start: b0,
                byte_end: b0 + len,
                start: cp,
                end: cp + n,
                in_block: false,
            });
            cp += n;
        }
    }
}

/// The tokens of the block in `s.chars`, which starts at code point `cp0`.
fn cut_block(dict: &Dict, cp0: u32, s: &mut Scratch, emit: &mut impl FnMut(Token)) {
    let chars = &s.chars;
    let n = chars.len();
    let route = &mut s.route;
    route.clear();
    route.resize(n + 1, (0.0, n));
    let unknown = dict.unknown_weight();
    for i in (0..n).rev() {
        let mut best: Option<(f64, usize)> = None;
        dict.words_at(chars, i, |end, weight| {
            let prob = weight + route[end].0;
            if best.is_none_or(|(p, e)| prob > p || (prob == p && end > e)) {
                best = Some((prob, end));
            }
        });
        route[i] = best.unwrap_or((unknown + route[i + 1].0, i + 1));
    }
    let bytes = &s.bytes;
    let token = |x: usize, y: usize| Token {
        byte_start: bytes[x],
        byte_end: bytes[y],
        start: cp0 + x as u32,
        end: cp0 + y as u32,
        in_block: true,
    };
    let mut run = |x: usize, y: usize, emit: &mut dyn FnMut(Token)| {
        // Characters the route took one by one stay so if together they
        // make a word (the route preferred them apart); else the HMM cuts them.
        if y - x == 1 || dict.has(chars[x..y].iter().copied()) {
            (x..y).for_each(|i| emit(token(i, i + 1)));
            return;
        }
        s.hmm.cut(&chars[x..y], |a, b| emit(token(x + a, x + b)));
    };
    let mut x = 0;
    let mut single_from: Option<usize> = None;
    while x < n {
        let y = route[x].1;
        if y - x == 1 {
            single_from.get_or_insert(x);
        } else {
            if let Some(r) = single_from.take() {
                run(r, x, emit);
            }
            emit(token(x, y));
        }
        x = y;
    }
    if let Some(r) = single_from {
        run(r, n, emit);
    }
}
