//! A character tagger: an averaged perceptron with passive-aggressive steps
//! over [`features`](super::features), with first-order tag transitions and
//! BIO decoding that only lets `I-X` follow `B-X` or `I-X` (Viterbi). It
//! learns one sentence at a time, so that each new annotation is one cheap
//! update.

use std::collections::HashMap;

/// The largest step one sentence may take.
const STEP_CAP: f64 = 1.0;

/// Tag 0 is `O`; label `k` has `B` = `2k + 1` and `I` = `2k + 2`.
#[derive(Clone, Debug)]
pub struct Tagger {
    labels: Vec<String>,
    /// Per feature, `(weight, weight × time summed)` for each tag; a row
    /// shorter than [`Tagger::tags`] is zero past its end (a row grows when
    /// one of its new tags is first touched, not when a label is added).
    weights: HashMap<u64, Vec<(f32, f64)>>,
    /// `transitions[from * tags + to]`, `from == tags` for the start.
    transitions: Vec<(f32, f64)>,
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
            weights: HashMap::new(),
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

    /// The index of `label`, added if new (every weight row grows).
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

    /// Whether tag `to` may follow tag `from` (`from == tags()` at a start).
    fn allowed(&self, from: usize, to: usize) -> bool {
        to == 0 || to % 2 == 1 || (from != self.tags() && from != 0 && from.div_ceil(2) == to / 2)
    }

    /// A weight as learnt (`averaged == false`) or averaged over time.
    fn value(&self, w: (f32, f64), averaged: bool) -> f64 {
        if averaged && self.clock > 0 {
            f64::from(w.0) - w.1 / self.clock as f64
        } else {
            f64::from(w.0)
        }
    }

    /// The best valid tags of a sentence given its characters' features.
    pub fn decode(&self, features: &[Vec<u64>], averaged: bool) -> Vec<usize> {
        let t = self.tags();
        let n = features.len();
        if n == 0 {
            return Vec::new();
        }
        let mut score = vec![0f64; t];
        let mut emit = vec![0f64; t];
        let mut back = vec![0usize; n * t];
        for (i, f) in features.iter().enumerate() {
            emit.iter_mut().for_each(|e| *e = 0.0);
            for key in f {
                if let Some(row) = self.weights.get(key) {
                    for (e, &w) in emit.iter_mut().zip(row) {
                        *e += self.value(w, averaged);
                    }
                }
            }
            let mut next = vec![f64::NEG_INFINITY; t];
            for to in 0..t {
                if i == 0 {
                    if self.allowed(t, to) {
                        next[to] = emit[to] + self.value(self.transitions[t * t + to], averaged);
                    }
                    continue;
                }
                for (from, &before) in score.iter().enumerate() {
                    if before == f64::NEG_INFINITY || !self.allowed(from, to) {
                        continue;
                    }
                    let s =
                        before + self.value(self.transitions[from * t + to], averaged) + emit[to];
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

    /// Adds `by` to a weight as if it had been there from the start: a prior
    /// the learning then corrects, counted whole in the average.
    pub fn seed(&mut self, key: u64, tag: usize, by: f32) {
        let t = self.tags();
        if tag < t {
            self.row(key, tag)[tag].0 += by;
        }
    }

    /// The row of feature `key`, long enough to hold `tag`.
    fn row(&mut self, key: u64, tag: usize) -> &mut Vec<(f32, f64)> {
        let t = self.tags();
        let row = self.weights.entry(key).or_default();
        if row.len() <= tag {
            row.resize(t, (0.0, 0.0));
        }
        row
    }

    fn nudge(&mut self, key: u64, tag: usize, by: f32) {
        let clock = self.clock as f64;
        let w = &mut self.row(key, tag)[tag];
        w.0 += by;
        w.1 += clock * f64::from(by);
    }

    fn nudge_transition(&mut self, from: usize, to: usize, by: f32) {
        let t = self.tags();
        let clock = self.clock as f64;
        let w = &mut self.transitions[from * t + to];
        w.0 += by;
        w.1 += clock * f64::from(by);
    }

    /// The score of a tag sequence under the weights as learnt.
    fn score(&self, features: &[Vec<u64>], tags: &[usize]) -> f64 {
        let t = self.tags();
        let mut total = 0.0;
        for (i, (f, &tag)) in features.iter().zip(tags).enumerate() {
            let from = if i == 0 { t } else { tags[i - 1] };
            total += f64::from(self.transitions[from * t + tag].0);
            for key in f {
                if let Some(row) = self.weights.get(key) {
                    total += row.get(tag).map_or(0.0, |w| f64::from(w.0));
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
    pub fn learn(&mut self, features: &[Vec<u64>], gold: &[usize]) {
        self.clock += 1;
        let guess = self.decode(features, false);
        if guess == gold {
            return;
        }
        let t = self.tags();
        // What the step adds (+1) and takes (−1), summed per weight: its size, then the step itself.
        let mut emits: HashMap<(u64, usize), f64> = HashMap::new();
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
                for &key in &features[i] {
                    *emits.entry((key, g)).or_default() += 1.0;
                    *emits.entry((key, p)).or_default() -= 1.0;
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
        for ((key, tag), d) in emits {
            self.nudge(key, tag, (step * d) as f32);
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

#[cfg(test)]
mod tests {
    use super::Tagger;

    /// One feature per character: the character itself.
    fn chars(s: &str) -> Vec<Vec<u64>> {
        s.chars().map(|c| vec![u64::from(c)]).collect()
    }

    #[test]
    fn a_new_label_leaves_the_weight_rows_as_they_are_until_it_is_learnt() {
        let mut t = Tagger::new();
        let per = t.label_index("PER");
        let (b, i) = (2 * per + 1, 2 * per + 2);
        for _ in 0..3 {
            t.learn(&chars("王明说"), &[b, i, 0]);
        }
        let rows = t.weights.len();
        assert!(t.weights.values().all(|r| r.len() == 3));
        let loc = t.label_index("LOC");
        assert_eq!(t.tags(), 5);
        assert!(t.weights.values().all(|r| r.len() == 3), "no row grew");
        // The old label still decodes; the new one is learnt where touched.
        assert_eq!(t.decode(&chars("王明说"), true), [b, i, 0]);
        for _ in 0..3 {
            t.learn(&chars("去京"), &[0, 2 * loc + 1]);
        }
        assert_eq!(t.decode(&chars("去京"), true), [0, 2 * loc + 1]);
        assert_eq!(t.decode(&chars("王明说"), true), [b, i, 0]);
        assert!(t.weights.len() > rows);
    }
}
