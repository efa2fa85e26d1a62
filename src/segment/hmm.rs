//! jieba's HMM, for the characters that the dictionary's route leaves one
//! by one: jieba-rs's own model (the tables `jieba-macros` builds from it
//! for jieba-rs), decoded with the arithmetic jieba-rs uses, so that it cuts
//! exactly as jieba-rs does (the tests compare the two).

use jieba_macros::generate_hmm_data;

/// The weight the model gives what it never saw; its tables refer to it.
const MIN_FLOAT: f64 = -3.14e100;

generate_hmm_data!();

/// States of a character: first of a word, last, in between, a word alone.
const B: usize = 0;
const E: usize = 1;
const M: usize = 2;
const S: usize = 3;

/// The two states each state may follow, in the order jieba-rs weighs
/// them: on a tie the second wins.
const PREV: [[usize; 2]; 4] = [[E, S], [B, M], [B, M], [E, S]];

fn emissions(c: char) -> [f64; 4] {
    match EMIT_INDEX.get((c as u32).wrapping_sub(EMIT_MIN_CHAR) as usize) {
        Some(&row) if row != EMIT_NONE => EMIT_PROBS[row as usize],
        _ => [MIN_FLOAT; 4],
    }
}

/// Whether the model covers `c`.
fn covered(c: char) -> bool {
    (HMM_HAN_MIN..=HMM_HAN_MAX).contains(&c)
}

/// Buffers kept from run to run.
#[derive(Default)]
pub(super) struct Hmm {
    /// Per character after the first, the state before it on the best path
    /// to each state.
    back: Vec<[u8; 4]>,
    states: Vec<u8>,
}

impl Hmm {
    /// Cuts `chars` as jieba-rs's HMM cuts a run of characters: the model
    /// decodes each stretch it covers, and the rest is split as jieba-rs
    /// splits it. Calls `emit(x, y)` for the characters `x..y` of each token.
    pub(super) fn cut(&mut self, chars: &[char], mut emit: impl FnMut(usize, usize)) {
        let mut i = 0;
        while i < chars.len() {
            let inside = covered(chars[i]);
            let j = chars[i..]
                .iter()
                .position(|&c| covered(c) != inside)
                .map_or(chars.len(), |k| i + k);
            if !inside {
                split_alphanumeric(&chars[..j], i, &mut emit);
            } else if j - i == 1 {
                emit(i, j);
            } else {
                self.decode(&chars[i..j]);
                let mut begin = i;
                for (k, &state) in self.states.iter().enumerate() {
                    match usize::from(state) {
                        B => begin = i + k,
                        E | S => {
                            let from = if usize::from(state) == S {
                                i + k
                            } else {
                                begin
                            };
                            emit(from, i + k + 1);
                            begin = i + k + 1;
                        }
                        _ => {}
                    }
                }
                if begin < j {
                    emit(begin, j);
                }
            }
            i = j;
        }
    }

    /// The most likely states of `chars` (two or more), into `self.states`.
    fn decode(&mut self, chars: &[char]) {
        let n = chars.len();
        self.back.clear();
        self.back.resize(n, [0; 4]);
        let first = emissions(chars[0]);
        let mut weight = [0.0; 4];
        for y in 0..4 {
            weight[y] = INITIAL_PROBS[y] + first[y];
        }
        for (t, &c) in chars.iter().enumerate().skip(1) {
            let em = emissions(c);
            let mut next = [0.0; 4];
            for y in 0..4 {
                let [y0, y1] = PREV[y];
                let w0 = weight[y0] + TRANS_PROBS[y0][y] + em[y];
                let w1 = weight[y1] + TRANS_PROBS[y1][y] + em[y];
                let (w, from) = if w0 > w1 { (w0, y0) } else { (w1, y1) };
                next[y] = w;
                self.back[t][y] = from as u8;
            }
            weight = next;
        }
        let mut state = if weight[E] > weight[S] { E } else { S };
        self.states.clear();
        self.states.resize(n, 0);
        for t in (0..n).rev() {
            self.states[t] = state as u8;
            state = usize::from(self.back[t][state]);
        }
    }
}

/// jieba-rs's split of characters the model does not cover, `chars[x..]`:
/// a run of ASCII letters and digits, continued past a `.`, `_` or `-`
/// that another one follows and ended by an optional `%`, is a token, and
/// so is whatever lies between two such runs.
fn split_alphanumeric(chars: &[char], x: usize, emit: &mut impl FnMut(usize, usize)) {
    let alphanumeric = |k: usize| chars.get(k).is_some_and(char::is_ascii_alphanumeric);
    let (mut gap, mut k) = (x, x);
    while k < chars.len() {
        if !alphanumeric(k) {
            k += 1;
            continue;
        }
        if gap < k {
            emit(gap, k);
        }
        let start = k;
        loop {
            while alphanumeric(k) {
                k += 1;
            }
            if matches!(chars.get(k), Some('.' | '_' | '-')) && alphanumeric(k + 1) {
                k += 1;
            } else {
                break;
            }
        }
        if chars.get(k) == Some(&'%') {
            k += 1;
        }
        emit(start, k);
        gap = k;
    }
    if gap < chars.len() {
        emit(gap, chars.len());
    }
}
