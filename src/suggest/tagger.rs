//! A character tagger: an averaged perceptron with passive-aggressive steps
//! over [`features`](super::features), with first-order tag transitions and
//! BIO decoding that only lets `I-X` follow `B-X` or `I-X` (Viterbi). It
//! learns one sentence at a time, so that each new annotation is one cheap
//! update.

use super::weights::Weights;
use std::collections::HashMap;

/// The largest step one sentence may take.
const STEP_CAP: f64 = 1.0;

/// The features of a sentence's characters as ids, flat and packed: a
/// character's ids in ascending order, each as its difference from the one
/// before in LEB128 (seven bits a byte), character `i`'s in
/// `bytes[ends[i - 1]..ends[i]]`. The lines of a project are kept, to learn
/// them again, and a 1 MB text holds some eleven million features: about
/// 1.4 bytes each so, against four as `u32`s (the order of a character's
/// features changes no score but in the last bits of its sum).
#[derive(Clone, Debug, Default)]
pub struct Features {
    bytes: Vec<u8>,
    ends: Vec<u32>,
}

impl Features {
    /// Appends the next character's features.
    pub fn push(&mut self, ids: impl IntoIterator<Item = u32>) {
        let mut ids: Vec<u32> = ids.into_iter().collect();
        ids.sort_unstable();
        let mut before = 0;
        for id in ids {
            let mut d = id - before;
            before = id;
            while d >= 0x80 {
                self.bytes.push((d as u8 & 0x7f) | 0x80);
                d >>= 7;
            }
            self.bytes.push(d as u8);
        }
        self.ends.push(self.bytes.len() as u32);
    }

    /// How many characters.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Character `i`'s features, in ascending order.
    pub fn of(&self, i: usize) -> Ids<'_> {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        Ids {
            bytes: &self.bytes[start..self.ends[i] as usize],
            before: 0,
        }
    }

    /// Each character's features in turn.
    pub fn iter(&self) -> impl Iterator<Item = Ids<'_>> + '_ {
        (0..self.len()).map(|i| self.of(i))
    }
}

/// One character's feature ids ([`Features::of`]).
#[derive(Clone, Debug)]
pub struct Ids<'a> {
    bytes: &'a [u8],
    before: u32,
}

impl Iterator for Ids<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let mut d = 0u32;
        let mut shift = 0;
        loop {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            d |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        self.before += d;
        Some(self.before)
    }
}

/// A transition's weight and its steps summed, each times the clock when
/// it was taken (for the average), as a [`super::weights::Cell`] has them.
type Weight = (f32, f32);

/// Tag 0 is `O`; label `k` has `B` = `2k + 1` and `I` = `2k + 2`.
///
/// Its feature weights are the cells of its `member` number in a
/// [`Weights`] its ensemble shares ([`super::ensemble`]), which each method
/// that reads or steps on them is given; a feature's row holds only the
/// taggers and tags it was stepped on, so a label added grows no row.
#[derive(Clone, Debug)]
pub struct Tagger {
    labels: Vec<String>,
    /// Which cells of the shared rows are this tagger's.
    member: usize,
    /// `transitions[from * tags + to]`, `from == tags` for the start.
    transitions: Vec<Weight>,
    /// Sentences learnt: the clock of the averaging.
    clock: u64,
}

impl Tagger {
    /// Tagger `member` of an ensemble (below
    /// [`super::weights::MAX_MEMBERS`]), with no label yet: it tags
    /// everything `O`.
    pub fn new(member: usize) -> Tagger {
        Tagger {
            labels: Vec::new(),
            member,
            transitions: vec![(0.0, 0.0); 2],
            clock: 0,
        }
    }

    /// Sentences learnt.
    pub fn clock(&self) -> u64 {
        self.clock
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// How many tags: `O` and a `B` and an `I` for each label.
    pub fn tags(&self) -> usize {
        self.labels.len() * 2 + 1
    }

    /// The index of `label`, added if new (the transitions grow; a weight
    /// row grows when one of the new tags is first touched).
    pub fn label_index(&mut self, label: &str) -> usize {
        if let Some(i) = self.labels.iter().position(|l| l == label) {
            return i;
        }
        let old = self.tags();
        self.labels.push(label.to_owned());
        let t = self.tags();
        // The rows are not grown here: with a project's hundreds of
        // thousands of features that took about 45 ms in the worker, on the
        // annotation that first used the label.
        let mut grown = vec![(0.0, 0.0); (t + 1) * t];
        for from in 0..=old {
            for to in 0..old {
                let f = if from == old { t } else { from };
                grown[f * t + to] = self
                    .transitions
                    .get(from * old + to)
                    .copied()
                    .unwrap_or_default();
            }
        }
        self.transitions = grown;
        self.labels.len() - 1
    }

    /// A weight as learnt (`averaged == false`) or averaged over time.
    fn value(&self, w: Weight, averaged: bool) -> f64 {
        average(w, self.clock, averaged)
    }

    /// The best valid tags of a sentence given its characters' features.
    pub fn decode(&self, weights: &Weights, features: &Features, averaged: bool) -> Vec<usize> {
        let mut scores = Scores::new(self.tags(), features.len());
        let t = self.tags();
        for (f, emit) in features.iter().zip(scores.emit.chunks_mut(t)) {
            for id in f {
                for c in weights.row(id) {
                    if c.member() == self.member {
                        if let Some(e) = emit.get_mut(c.tag()) {
                            *e += self.value((c.weight(), c.sum()), averaged);
                        }
                    }
                }
            }
        }
        self.add_transitions(averaged, &mut scores);
        scores.best()
    }

    /// Adds this tagger's transition scores to `scores`.
    pub fn add_transitions(&self, averaged: bool, scores: &mut Scores) {
        debug_assert_eq!(scores.tags, self.tags());
        for (s, &w) in scores.transitions.iter_mut().zip(&self.transitions) {
            *s += self.value(w, averaged);
        }
    }

    /// Adds `by` to a weight as if it had been there from the start: a prior
    /// the learning then corrects, counted whole in the average.
    pub fn seed(&self, weights: &mut Weights, id: u32, tag: usize, by: f32) {
        if tag < self.tags() {
            weights.cell(id, self.member, tag).add(by, 0.0);
        }
    }

    fn nudge_transition(&mut self, from: usize, to: usize, by: f32) {
        let t = self.tags();
        let clock = self.clock as f32;
        let w = &mut self.transitions[from * t + to];
        w.0 += by;
        w.1 += clock * by;
    }

    /// The score of a tag sequence under the weights as learnt.
    fn score(&self, weights: &Weights, features: &Features, tags: &[usize]) -> f64 {
        let t = self.tags();
        let mut total = 0.0;
        for (i, (f, &tag)) in features.iter().zip(tags).enumerate() {
            let from = if i == 0 { t } else { tags[i - 1] };
            total += f64::from(self.transitions[from * t + tag].0);
            for id in f {
                total += weights
                    .row(id)
                    .iter()
                    .find(|c| c.member() == self.member && c.tag() == tag)
                    .map_or(0.0, |c| f64::from(c.weight()));
            }
        }
        total
    }

    /// One step on a sentence and its gold tags: where the tags decoded now
    /// differ, the gold ones gain and the decoded ones lose, by as much as
    /// it takes to score the gold tags above the decoded ones by a margin of
    /// the square root of the characters wrong (a passive-aggressive step,
    /// capped): a perceptron's fixed step overshoots on the first few
    /// hundred lines, which are all an annotator has given at first.
    pub fn learn(&mut self, weights: &mut Weights, features: &Features, gold: &[usize]) {
        self.clock += 1;
        let guess = self.decode(weights, features, false);
        if guess == gold {
            return;
        }
        let t = self.tags();
        // What the step adds (+1) and takes (−1), summed per weight: its size, then the step itself.
        let mut emits: HashMap<(u32, usize), f64> = HashMap::new();
        let mut moves: HashMap<(usize, usize), f64> = HashMap::new();
        let mut wrong = 0usize;
        for i in 0..gold.len() {
            let (g, p) = (gold[i], guess[i]);
            let (gf, pf) = if i == 0 {
                (t, t)
            } else {
                (gold[i - 1], guess[i - 1])
            };
            if g != p {
                wrong += 1;
                for id in features.of(i) {
                    *emits.entry((id, g)).or_default() += 1.0;
                    *emits.entry((id, p)).or_default() -= 1.0;
                }
            }
            if (gf, g) != (pf, p) {
                *moves.entry((gf, g)).or_default() += 1.0;
                *moves.entry((pf, p)).or_default() -= 1.0;
            }
        }
        let norm: f64 = emits.values().chain(moves.values()).map(|d| d * d).sum();
        let margin = self.score(weights, features, &guess) - self.score(weights, features, gold)
            + (wrong as f64).sqrt();
        let step = if norm > 0.0 {
            (margin / norm).clamp(0.0, STEP_CAP)
        } else {
            0.0
        };
        let clock = self.clock as f32;
        for ((id, tag), d) in emits {
            weights
                .cell(id, self.member, tag)
                .add((step * d) as f32, clock);
        }
        for ((from, to), d) in moves {
            self.nudge_transition(from, to, (step * d) as f32);
        }
    }

    /// The spans `(start, end, label)` of a tag sequence.
    pub fn spans(&self, tags: &[usize]) -> Vec<(u32, u32, String)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for (i, &tag) in tags.iter().chain([&0]).enumerate() {
            let continues = tag != 0 && tag % 2 == 0 && open.is_some_and(|(_, l)| l == tag / 2 - 1);
            if continues {
                continue;
            }
            if let Some((s, l)) = open.take() {
                out.push((s as u32, i as u32, self.labels[l].clone()));
            }
            if tag != 0 {
                open = Some((i, (tag - 1) / 2));
            }
        }
        out
    }
}

/// A weight as learnt (`averaged == false`) or averaged over `clock` steps.
pub fn average(w: Weight, clock: u64, averaged: bool) -> f64 {
    if averaged && clock > 0 {
        f64::from(w.0) - f64::from(w.1) / clock as f64
    } else {
        f64::from(w.0)
    }
}

/// Whether tag `to` may follow tag `from` of `tags` (`from == tags` at a
/// start): `I-X` only after `B-X` or `I-X`.
fn allowed(tags: usize, from: usize, to: usize) -> bool {
    to == 0 || to % 2 == 1 || (from != tags && from != 0 && from.div_ceil(2) == to / 2)
}

/// The scores of each tag of each character of a sentence and of each
/// transition, of one tagger or summed over several, and the best valid
/// tags they give (Viterbi).
pub struct Scores {
    tags: usize,
    /// `emit[i * tags + tag]`.
    emit: Vec<f64>,
    /// `transitions[from * tags + to]`, `from == tags` for the start.
    transitions: Vec<f64>,
}

impl Scores {
    /// All zero, for `chars` characters and `tags` tags.
    pub fn new(tags: usize, chars: usize) -> Scores {
        Scores {
            tags,
            emit: vec![0.0; tags * chars],
            transitions: vec![0.0; (tags + 1) * tags],
        }
    }

    /// Each character's scores of its tags, in turn.
    pub fn emits_mut(&mut self) -> impl Iterator<Item = &mut [f64]> + '_ {
        self.emit.chunks_mut(self.tags.max(1))
    }

    /// The valid tag sequence of the highest score.
    pub fn best(&self) -> Vec<usize> {
        let t = self.tags;
        let n = self.emit.len() / t.max(1);
        if n == 0 {
            return Vec::new();
        }
        let mut score = vec![0f64; t];
        let mut back = vec![0usize; n * t];
        for (i, emit) in self.emit.chunks(t).enumerate() {
            let mut next = vec![f64::NEG_INFINITY; t];
            for to in 0..t {
                if i == 0 {
                    if allowed(t, t, to) {
                        next[to] = emit[to] + self.transitions[t * t + to];
                    }
                    continue;
                }
                for (from, &before) in score.iter().enumerate() {
                    if before == f64::NEG_INFINITY || !allowed(t, from, to) {
                        continue;
                    }
                    let s = before + self.transitions[from * t + to] + emit[to];
                    if s > next[to] {
                        next[to] = s;
                        back[i * t + to] = from;
                    }
                }
            }
            score = next;
        }
        let mut best = (0..t)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]))
            .unwrap_or(0);
        let mut out = vec![0; n];
        for i in (0..n).rev() {
            out[i] = best;
            best = back[i * t + best];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{Features, Tagger, Weights};

    /// A character's ids come back as pushed, in ascending order, whatever
    /// their size (one to five bytes packed) and with repeats kept: a
    /// feature met twice counts twice.
    #[test]
    fn packed_features_give_back_each_characters_ids() {
        let lines: [&[u32]; 4] = [
            &[5, 3, 3, 0],
            &[],
            &[u32::MAX, 127, 128, 16_384, 1 << 21],
            &[42],
        ];
        let mut f = Features::default();
        for ids in lines {
            f.push(ids.iter().copied());
        }
        assert_eq!(f.len(), 4);
        for (i, ids) in lines.iter().enumerate() {
            let mut want = ids.to_vec();
            want.sort_unstable();
            assert_eq!(f.of(i).collect::<Vec<_>>(), want, "character {i}");
        }
        assert_eq!(
            f.iter().map(Iterator::count).collect::<Vec<_>>(),
            [4, 0, 5, 1]
        );
    }

    /// One feature per character: the character itself.
    fn chars(s: &str) -> Features {
        let mut f = Features::default();
        for c in s.chars() {
            f.push([u32::from(c)]);
        }
        f
    }

    #[test]
    fn a_new_label_leaves_the_weight_rows_as_they_are_until_it_is_learnt() {
        let mut w = Weights::default();
        let mut t = Tagger::new(1);
        let per = t.label_index("PER");
        let (b, i) = (2 * per + 1, 2 * per + 2);
        for _ in 0..3 {
            t.learn(&mut w, &chars("王明说"), &[b, i, 0]);
        }
        let cells = |w: &Weights| w.rows().map(<[_]>::len).sum::<usize>();
        let before = cells(&w);
        assert!(before > 0);
        let loc = t.label_index("LOC");
        assert_eq!(t.tags(), 5);
        assert_eq!(cells(&w), before, "no row grew");
        // The old label still decodes; the new one is learnt where touched.
        assert_eq!(t.decode(&w, &chars("王明说"), true), [b, i, 0]);
        for _ in 0..3 {
            t.learn(&mut w, &chars("去京"), &[0, 2 * loc + 1]);
        }
        assert_eq!(t.decode(&w, &chars("去京"), true), [0, 2 * loc + 1]);
        assert_eq!(t.decode(&w, &chars("王明说"), true), [b, i, 0]);
        assert!(cells(&w) > before);
        // A row holds only the tags its feature was stepped on, all of them
        // this tagger's.
        assert!(
            w.rows()
                .all(|r| r.len() <= 3 && r.iter().all(|c| c.member() == 1)),
            "{:?}",
            w.rows().filter(|r| !r.is_empty()).collect::<Vec<_>>()
        );
    }
}
