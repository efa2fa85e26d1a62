//! A character tagger: an averaged perceptron with passive-aggressive steps
//! over [`features`](super::features), with first-order tag transitions and
//! BIO decoding that only lets `I-X` follow `B-X` or `I-X` (Viterbi). It
//! learns one sentence at a time, so that each new annotation is one cheap
//! update.

use std::collections::HashMap;

/// The largest step one sentence may take.
const STEP_CAP: f64 = 1.0;

/// The features of a sentence's characters as ids, flat: character `i`'s
/// are `ids[ends[i - 1]..ends[i]]`. One allocation a line, not one a
/// character, and four bytes a feature, not the eight of its hash: the
/// lines of a project are kept, to learn them again (a 1 MB text holds
/// some eleven million features).
#[derive(Clone, Debug, Default)]
pub struct Features {
    ids: Vec<u32>,
    ends: Vec<u32>,
}

impl Features {
    /// Appends the next character's features.
    pub fn push(&mut self, ids: impl IntoIterator<Item = u32>) {
        self.ids.extend(ids);
        self.ends.push(self.ids.len() as u32);
    }

    /// How many characters.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Character `i`'s features.
    pub fn of(&self, i: usize) -> &[u32] {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        &self.ids[start..self.ends[i] as usize]
    }

    /// Each character's features in turn.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        (0..self.len()).map(|i| self.of(i))
    }
}

/// A weight and its steps summed, each times the clock when it was taken
/// (for the average). Two `f32`s, not an `f32` and an `f64`: a project's
/// tagger holds hundreds of thousands of rows, one for each of the
/// ensemble's taggers ([`super::ensemble`]), and the sum's rounding is far
/// below what moves a tag (span F1 on the dev set the same to the fourth
/// decimal).
type Weight = (f32, f32);

/// One tag's [`Weight`] in a feature's row. A row holds only the tags its
/// feature was ever stepped on: most features are met in a few lines and
/// touch two or three tags of the 7 (three labels) to 13 (six) a dense row
/// would hold. Twelve bytes a cell.
type Cell = (u32, Weight);

/// Tag 0 is `O`; label `k` has `B` = `2k + 1` and `I` = `2k + 2`.
#[derive(Clone, Debug)]
pub struct Tagger {
    labels: Vec<String>,
    /// Per feature, the [`Cell`]s of the tags it was stepped on; every
    /// other tag's weight is zero (a label added grows no row).
    /// Indexed by feature id ([`Features`]): ids are dense, so a vector,
    /// not a map keyed by them.
    weights: Vec<Box<[Cell]>>,
    /// `transitions[from * tags + to]`, `from == tags` for the start.
    transitions: Vec<Weight>,
    /// Sentences learnt: the clock of the averaging.
    clock: u64,
}

impl Default for Tagger {
    fn default() -> Tagger {
        Tagger::new()
    }
}

impl Tagger {
    /// A tagger with no label yet: it tags everything `O`.
    pub fn new() -> Tagger {
        Tagger {
            labels: Vec::new(),
            weights: Vec::new(),
            transitions: vec![(0.0, 0.0); 2],
            clock: 0,
        }
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
        if averaged && self.clock > 0 {
            f64::from(w.0) - f64::from(w.1) / self.clock as f64
        } else {
            f64::from(w.0)
        }
    }

    /// The best valid tags of a sentence given its characters' features.
    pub fn decode(&self, features: &Features, averaged: bool) -> Vec<usize> {
        let mut scores = Scores::new(self.tags(), features.len());
        self.add_scores(features, averaged, &mut scores);
        scores.best()
    }

    /// Adds this tagger's scores of a sentence to `scores`: each character's
    /// tags, then the transitions.
    pub fn add_scores(&self, features: &Features, averaged: bool, scores: &mut Scores) {
        let t = self.tags();
        debug_assert_eq!(scores.tags, t);
        for (f, emit) in features.iter().zip(scores.emit.chunks_mut(t)) {
            for &id in f {
                if let Some(row) = self.weights.get(id as usize) {
                    for &(tag, w) in row.iter() {
                        if let Some(e) = emit.get_mut(tag as usize) {
                            *e += self.value(w, averaged);
                        }
                    }
                }
            }
        }
        for (s, &w) in scores.transitions.iter_mut().zip(&self.transitions) {
            *s += self.value(w, averaged);
        }
    }

    /// Adds `by` to a weight as if it had been there from the start: a prior
    /// the learning then corrects, counted whole in the average.
    pub fn seed(&mut self, id: u32, tag: usize, by: f32) {
        let t = self.tags();
        if tag < t {
            self.cell(id, tag).0 += by;
        }
    }

    /// The weight of feature `id` for `tag`, its cell made if it has none.
    fn cell(&mut self, id: u32, tag: usize) -> &mut Weight {
        let id = id as usize;
        if self.weights.len() <= id {
            self.weights.resize_with(id + 1, Default::default);
        }
        let row = &mut self.weights[id];
        let at = match row.iter().position(|c| c.0 as usize == tag) {
            Some(at) => at,
            None => {
                let mut grown = std::mem::take(row).into_vec();
                grown.push((tag as u32, (0.0, 0.0)));
                *row = grown.into_boxed_slice();
                row.len() - 1
            }
        };
        &mut row[at].1
    }

    fn nudge(&mut self, id: u32, tag: usize, by: f32) {
        let clock = self.clock as f32;
        let w = self.cell(id, tag);
        w.0 += by;
        w.1 += clock * by;
    }

    fn nudge_transition(&mut self, from: usize, to: usize, by: f32) {
        let t = self.tags();
        let clock = self.clock as f32;
        let w = &mut self.transitions[from * t + to];
        w.0 += by;
        w.1 += clock * by;
    }

    /// The score of a tag sequence under the weights as learnt.
    fn score(&self, features: &Features, tags: &[usize]) -> f64 {
        let t = self.tags();
        let mut total = 0.0;
        for (i, (f, &tag)) in features.iter().zip(tags).enumerate() {
            let from = if i == 0 { t } else { tags[i - 1] };
            total += f64::from(self.transitions[from * t + tag].0);
            for &id in f {
                if let Some(row) = self.weights.get(id as usize) {
                    total += row
                        .iter()
                        .find(|c| c.0 as usize == tag)
                        .map_or(0.0, |c| f64::from(c.1 .0));
                }
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
    pub fn learn(&mut self, features: &Features, gold: &[usize]) {
        self.clock += 1;
        let guess = self.decode(features, false);
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
                for &id in features.of(i) {
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
        let margin =
            self.score(features, &guess) - self.score(features, gold) + (wrong as f64).sqrt();
        let step = if norm > 0.0 {
            (margin / norm).clamp(0.0, STEP_CAP)
        } else {
            0.0
        };
        for ((id, tag), d) in emits {
            self.nudge(id, tag, (step * d) as f32);
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
    use super::{Features, Tagger};

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
        let mut t = Tagger::new();
        let per = t.label_index("PER");
        let (b, i) = (2 * per + 1, 2 * per + 2);
        for _ in 0..3 {
            t.learn(&chars("王明说"), &[b, i, 0]);
        }
        let cells = |t: &Tagger| t.weights.iter().map(|r| r.len()).sum::<usize>();
        let before = cells(&t);
        assert!(before > 0);
        let loc = t.label_index("LOC");
        assert_eq!(t.tags(), 5);
        assert_eq!(cells(&t), before, "no row grew");
        // The old label still decodes; the new one is learnt where touched.
        assert_eq!(t.decode(&chars("王明说"), true), [b, i, 0]);
        for _ in 0..3 {
            t.learn(&chars("去京"), &[0, 2 * loc + 1]);
        }
        assert_eq!(t.decode(&chars("去京"), true), [0, 2 * loc + 1]);
        assert_eq!(t.decode(&chars("王明说"), true), [b, i, 0]);
        assert!(cells(&t) > before);
        // A row holds only the tags its feature was stepped on.
        assert!(
            t.weights.iter().all(|r| r.len() <= 3),
            "{:?}",
            t.weights
                .iter()
                .filter(|r| !r.is_empty())
                .collect::<Vec<_>>()
        );
    }
}
