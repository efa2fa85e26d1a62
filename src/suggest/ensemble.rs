//! Several [`Tagger`]s that learn the same lines, each making its passes in
//! an order of its own, and decode with their scores summed.
//!
//! Why: after the lines are learnt once, in the annotator's order, the
//! passes over them go in a shuffled order, and the tagger that comes out
//! leans to the lines it met last. On the People's Daily dev set one pass
//! order differs from the mean of five by up to ±0.01 span F1 at N = 2,000.
//! Summing the scores of taggers of different orders takes most of that
//! lean away, which one tagger's averaging over time does not.

use super::tagger::{average, Features, Scores, Tagger};
use super::weights::{Weights, MAX_MEMBERS, MAX_TAGS};

/// The most labels the taggers learn. Each tagger's transitions grow with
/// the square of its tags, and the shared rows name at most
/// [`MAX_TAGS`](super::weights::MAX_TAGS) tags: a scheme of more labels than
/// this is past any an annotator keys, and the spans of the labels past it
/// are left to the dictionary and the repeats.
pub const MAX_LABELS: usize = 255;

const _: () = assert!(MAX_LABELS * 2 < MAX_TAGS);

/// The taggers, all with the same labels in the same order, and the
/// feature weights they share ([`super::weights`]).
#[derive(Clone, Debug)]
pub struct Ensemble {
    members: Vec<Tagger>,
    weights: Weights,
}

impl Ensemble {
    /// `members` taggers (at least one, at most
    /// [`MAX_MEMBERS`](super::weights::MAX_MEMBERS)) with no label yet.
    pub fn new(members: usize) -> Ensemble {
        Ensemble {
            members: (0..members.clamp(1, MAX_MEMBERS))
                .map(Tagger::new)
                .collect(),
            weights: Weights::default(),
        }
    }

    /// How many taggers.
    pub fn members(&self) -> usize {
        self.members.len()
    }

    pub fn labels(&self) -> &[String] {
        self.members[0].labels()
    }

    /// The index of `label`, added to every tagger if new; none for a new
    /// label past [`MAX_LABELS`] (its spans are not learnt).
    pub fn label_index(&mut self, label: &str) -> Option<usize> {
        let known = self.labels().iter().any(|l| l == label);
        if !known && self.labels().len() >= MAX_LABELS {
            return None;
        }
        let mut k = 0;
        for m in &mut self.members {
            k = m.label_index(label);
        }
        Some(k)
    }

    /// [`Tagger::seed`] on every tagger.
    pub fn seed(&mut self, id: u32, tag: usize, by: f32) {
        for m in &self.members {
            m.seed(&mut self.weights, id, tag, by);
        }
    }

    /// One step of every tagger on a sentence: the line as the annotator
    /// gives it, which each tagger meets at the same time.
    pub fn learn(&mut self, features: &Features, gold: &[usize]) {
        for m in &mut self.members {
            m.learn(&mut self.weights, features, gold);
        }
    }

    /// One step of tagger `member` alone, in a pass of its own order.
    pub fn learn_member(&mut self, member: usize, features: &Features, gold: &[usize]) {
        if let Some(m) = self.members.get_mut(member) {
            m.learn(&mut self.weights, features, gold);
        }
    }

    /// The best valid tags of a sentence under the taggers' averaged
    /// weights, their scores summed: one walk over each feature's shared
    /// row gives every tagger's.
    pub fn decode(&self, features: &Features) -> Vec<usize> {
        let mut scores = Scores::new(self.members[0].tags(), features.len());
        let clocks: Vec<u64> = self.members.iter().map(Tagger::clock).collect();
        for (f, emit) in features.iter().zip(scores.emits_mut()) {
            for id in f {
                for c in self.weights.row(id) {
                    if let (Some(e), Some(&clock)) = (emit.get_mut(c.tag()), clocks.get(c.member()))
                    {
                        *e += average((c.weight(), c.sum()), clock, true);
                    }
                }
            }
        }
        for m in &self.members {
            m.add_transitions(true, &mut scores);
        }
        scores.best()
    }

    /// The spans `(start, end, label)` of a tag sequence.
    pub fn spans(&self, tags: &[usize]) -> Vec<(u32, u32, String)> {
        self.members[0].spans(tags)
    }
}

#[cfg(test)]
mod tests {
    use super::{Ensemble, MAX_LABELS};
    use crate::suggest::tagger::Features;

    fn line(ids: &[u32]) -> Features {
        let mut f = Features::default();
        for &id in ids {
            f.push([id]);
        }
        f
    }

    /// Two taggers that learnt different lines disagree on one, and the
    /// ensemble's tags are those of their averaged scores summed: here
    /// tags neither gives alone, which no vote between them could give.
    #[test]
    fn the_members_scores_are_summed() {
        let mut e = Ensemble::new(2);
        let a = e.label_index("A").unwrap();
        let (b, i) = (2 * a + 1, 2 * a + 2);
        for _ in 0..3 {
            e.learn_member(0, &line(&[1, 2, 3]), &[b, i, 0]);
            e.learn_member(1, &line(&[1, 4, 3]), &[0, 0, b]);
        }
        let test = line(&[1, 2, 3]);
        let alone: Vec<Vec<usize>> = e
            .members
            .iter()
            .map(|m| m.decode(&e.weights, &test, true))
            .collect();
        assert_eq!(alone, [vec![b, i, 0], vec![0, 0, b]]);
        assert_eq!(e.decode(&test), [b, 0, 0]);
        assert_eq!(e.labels(), ["A"]);
        assert_eq!(e.members(), 2);
    }

    /// A label past [`MAX_LABELS`] is not learnt, and the others still are.
    #[test]
    fn labels_past_the_most_are_not_learnt() {
        let mut e = Ensemble::new(3);
        for k in 0..MAX_LABELS {
            assert_eq!(e.label_index(&format!("L{k}")), Some(k));
        }
        assert_eq!(e.label_index("one too many"), None);
        assert_eq!(e.label_index("L7"), Some(7));
        let last = MAX_LABELS - 1;
        for _ in 0..3 {
            e.learn(&line(&[1, 2]), &[2 * last + 1, 2 * last + 2]);
        }
        assert_eq!(e.decode(&line(&[1, 2])), [2 * last + 1, 2 * last + 2]);
    }

    /// Each cell is averaged over its own tagger's steps: a weight that
    /// tagger 1 took at its tenth step, and has held since, averages to
    /// nothing after ten steps, where over tagger 0's hundred it would
    /// outweigh tagger 0's.
    #[test]
    fn each_cell_is_averaged_with_its_own_taggers_clock() {
        let mut e = Ensemble::new(2);
        let b = 2 * e.label_index("A").unwrap() + 1;
        e.weights.cell(5, 0, b).add(1.0, 0.0);
        e.weights.cell(5, 1, 0).add(3.0, 10.0);
        // Steps that change nothing (the gold tags are those decoded) only move the clock.
        let other = line(&[9]);
        for (member, steps) in [(0, 100), (1, 10)] {
            for _ in 0..steps {
                let same = e.members[member].decode(&e.weights, &other, false);
                e.learn_member(member, &other, &same);
            }
        }
        assert_eq!(
            e.members.iter().map(|m| m.clock()).collect::<Vec<_>>(),
            [100, 10]
        );
        // Tagger 1's O averages to 3 − 30/10 = 0 (over 100 steps it would be 2.7 > 1).
        assert_eq!(e.decode(&line(&[5])), [b]);
    }
}
