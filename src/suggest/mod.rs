//! Suggestions: spans proposed to the annotator, to accept or reject, from
//! three sources (issue 17):
//!
//! - the dictionary's parts of speech, mapped to the project's labels
//!   (jieba's `nr`, `ns`, `nt` → person, place, organisation by default;
//!   the mapping is the user's to set);
//! - every other occurrence of a string already labelled (the learnt words
//!   of the [`Segmenter`], whose tag is the label);
//! - a character tagger learnt from the project's own annotations
//!   ([`tagger::Tagger`]), one cheap step per annotated line; three of them,
//!   each making its passes over the lines in an order of its own, their
//!   scores summed ([`ensemble::Ensemble`]).
//!
//! Lines are the unit: no suggestion crosses a line break. Positions are
//! code points of the text given.
//!
//! ```
//! use biaozhu::segment::Segmenter;
//! use biaozhu::suggest::Suggester;
//!
//! let mut s = Suggester::new(Segmenter::embedded());
//! s.learn_line("李明去了北京。", &[(0, 2, "PER"), (4, 6, "LOC")]);
//! let found = s.repeats_line("北京欢迎李明");
//! assert_eq!(found[0].label, "LOC");
//! ```

pub mod affixes;
pub mod char_kinds;
pub mod ensemble;
pub mod features;
pub mod gazetteer;
pub mod interner;
pub mod org_spans;
pub mod record;
pub mod session;
pub mod short_persons;
pub mod short_places;
pub mod tagger;
pub mod weights;

use crate::annotation::AnnotatedDocument;
use crate::segment::{is_han, joined_places, Segmenter, UNKNOWN_WORD};
use ensemble::Ensemble;
use interner::Interner;
use std::collections::HashMap;
use tagger::Features;

/// Where a suggestion comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A part of speech of the dictionary.
    Dictionary,
    /// Another occurrence of a labelled string.
    Repeat,
    /// The learnt tagger.
    Model,
}

/// A proposed span, `[start, end)` in code points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub start: u32,
    pub end: u32,
    pub label: String,
    pub source: Source,
}

/// A mapping that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MappingError(pub String);

impl std::fmt::Display for MappingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MappingError {}

/// Reads a mapping from parts of speech to labels: `pos=LABEL` pairs
/// separated by commas, spaces around them ignored.
///
/// ```
/// use biaozhu::suggest::parse_mapping;
///
/// let pairs = parse_mapping("nr=PER, ns=LOC").unwrap();
/// assert_eq!(pairs[1], ("ns".to_owned(), "LOC".to_owned()));
/// assert!(parse_mapping("nr").is_err());
/// ```
pub fn parse_mapping(text: &str) -> Result<Vec<(String, String)>, MappingError> {
    let mut out = Vec::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some((pos, label)) if !pos.trim().is_empty() && !label.trim().is_empty() => {
                out.push((pos.trim().to_owned(), label.trim().to_owned()))
            }
            _ => {
                return Err(MappingError(format!(
                    "`{pair}` is not a mapping `pos=LABEL` (e.g. nr=PER)"
                )))
            }
        }
    }
    Ok(out)
}

/// One line learnt: its features (taken before its own strings were
/// learnt, as the annotator met it) and its gold tags.
type Example = (Features, Vec<usize>);

/// The segmenter with its learnt words, the tagger, the part-of-speech
/// mapping, and the lines learnt so far (to learn them again).
pub struct Suggester {
    pub segmenter: Segmenter,
    pub tagger: Ensemble,
    mapping: Vec<(String, String)>,
    /// The pairs of the mapping already given to the tagger as priors.
    seeded: Vec<(String, String)>,
    examples: Vec<Example>,
    /// Per learnt string, how often an annotated line had it labelled as
    /// learnt, and how often it had it at all.
    trust: HashMap<String, (u32, u32)>,
    passes: Passes,
    /// The id of each feature hash the tagger has learnt or been seeded
    /// with ([`Features`]).
    ids: Interner,
}

/// The passes over the lines learnt still to make: how many after the one
/// under way, the order of that one for each tagger of the ensemble, and
/// how far it is (steps of all taggers, taken in turn).
struct Passes {
    left: usize,
    orders: Vec<Vec<usize>>,
    at: usize,
    state: u64,
}

/// How many lines the tagger learns before its suggestions replace the
/// dictionary's in the page. Before, it is not better than the dictionary
/// alone on every pass order: on the People's Daily dev set
/// (`scripts/measure/suggest.mjs` with `NS=10,30,40,45,50,64,80`) span F1
/// is 0.15 after 10 lines (it proposes whole clauses), 0.61 after 30, 0.646
/// after 40, 0.655 after 45, 0.664 after 50, 0.673 after 64 and 0.684
/// after 80, against 0.656 for the dictionary: after 45 it loses on one of
/// five pass orders (0.6551 against 0.6564), after 50 it wins on each
/// (0.661 to 0.670). With one tagger, not the [`ensemble`] of three, it
/// lost on some orders after 50 and 64, and this was 80.
pub const MODEL_AFTER: usize = 50;

/// How many passes over a project's lines the page makes when it opens
/// one, after learning each line once; the command line's default too.
pub const PASSES: usize = 10;

/// How many taggers learn the lines, each in passes of its own order
/// ([`ensemble`]).
pub const MEMBERS: usize = 3;

const _: () = assert!(MEMBERS <= weights::MAX_MEMBERS);

/// How much a mapped part of speech counts before anything is learnt: about
/// what a few sentences' steps add to a weight (steps are small, see
/// `Tagger::learn`), so that the tagger starts where the dictionary is and
/// the annotations soon outweigh it.
const PRIOR: f32 = 0.1;

/// jieba's parts of speech for persons that it gives ordinary words too
/// (多云 and 小圈子 `nr`, 冬奥 `nrt`). The dictionary's suggestions keep a
/// word of these only if it has the shape of a name
/// ([`affixes::looks_like_a_person`]). `nrfg` is left out: jieba gives it
/// to full names alone, some with a rare family name (习近平).
pub(crate) const PERSON_TAGS: [&str; 2] = ["nr", "nrt"];

impl Suggester {
    /// With jieba's `nr`, `ns`, `nt` mapped to `PER`, `LOC`, `ORG`, and
    /// `nrfg` (its tag for a few hundred full names, 习近平) to `PER`.
    pub fn new(segmenter: Segmenter) -> Suggester {
        let mapping = [("nr", "PER"), ("nrfg", "PER"), ("ns", "LOC"), ("nt", "ORG")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .to_vec();
        Suggester {
            segmenter,
            tagger: Ensemble::new(MEMBERS),
            mapping,
            seeded: Vec::new(),
            examples: Vec::new(),
            ids: Interner::default(),
            trust: HashMap::new(),
            passes: Passes {
                left: 0,
                orders: Vec::new(),
                at: 0,
                state: 0x2545_f491_4f6c_dd1d,
            },
        }
    }

    /// Sets the mapping from parts of speech to labels, as `pos=LABEL`
    /// pairs separated by commas (`nr=PER,ns=LOC`); an empty string maps
    /// nothing. On an error the mapping is unchanged.
    pub fn set_mapping(&mut self, text: &str) -> Result<(), MappingError> {
        self.mapping = parse_mapping(text)?;
        self.seed();
        Ok(())
    }

    /// Whether the mapping turns some part of speech into `label`.
    pub fn maps_to(&self, label: &str) -> bool {
        self.mapping.iter().any(|(_, l)| l == label)
    }

    /// Gives the tagger each pair of the mapping whose label it knows and
    /// has not been given yet: the part of speech at the start of a word
    /// votes for `B-label`, inside it for `I-label`.
    fn seed(&mut self) {
        for (pos, label) in &self.mapping {
            let pair = (pos.clone(), label.clone());
            let Some(k) = self.tagger.labels().iter().position(|l| l == label) else {
                continue;
            };
            if self.seeded.contains(&pair) {
                continue;
            }
            for place in 1..=4u64 {
                let key = self.ids.intern(features::of_part_of_speech(pos, place));
                let tag = if place <= 2 { 2 * k + 1 } else { 2 * k + 2 };
                self.tagger.seed(key, tag, PRIOR);
                self.tagger.seed(key, 0, -PRIOR);
            }
            self.seeded.push(pair);
        }
    }

    /// Learns one annotated line (no line break in it): the tagger takes one
    /// step on it, then its labelled strings become learnt words, tagged
    /// with their labels. Spans that overlap one before them, or lie outside
    /// the line, are left out.
    pub fn learn_line(&mut self, line: &str, spans: &[(u32, u32, &str)]) {
        let n = line.chars().count() as u32;
        let features = self.features(line);
        let features = self.intern(features);
        let mut gold = vec![0usize; n as usize];
        let mut sorted: Vec<_> = spans.iter().filter(|s| s.0 < s.1 && s.1 <= n).collect();
        sorted.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
        let mut free_from = 0;
        let mut unlearnable = false;
        let chars: Vec<char> = line.chars().collect();
        // The learnt strings this line has, and whether it labels them as learnt.
        let mut seen_here = Vec::new();
        for (s, e, entry) in self.segmenter.learnt().find(line) {
            let word: String = chars[s as usize..(e as usize).min(chars.len())]
                .iter()
                .collect();
            let hit = sorted
                .iter()
                .any(|x| x.0 == s && x.1 == e && Some(x.2) == entry.tag.as_deref());
            let t = self.trust.entry(word).or_default();
            t.0 += u32::from(hit);
            t.1 += 1;
            seen_here.push((s, e));
        }
        for &&(s, e, label) in &sorted {
            if s < free_from {
                continue;
            }
            free_from = e;
            let known = self.tagger.labels().len();
            if let Some(k) = self.tagger.label_index(label) {
                if self.tagger.labels().len() > known {
                    self.seed();
                }
                gold[s as usize] = 2 * k + 1;
                for g in &mut gold[s as usize + 1..e as usize] {
                    *g = 2 * k + 2;
                }
            } else {
                unlearnable = true;
            }
            let word: String = chars[s as usize..e as usize].iter().collect();
            // A string with whitespace in it cannot be a word, and one of
            // punctuation alone (a comma labelled by a stray double-click)
            // would be a "name" found on every line; its line still teaches
            // the tagger.
            if !word.chars().any(char::is_alphanumeric) {
                continue;
            }
            let _ = self.segmenter.learn(&word, None, Some(label));
            if !seen_here.contains(&(s, e)) {
                let t = self.trust.entry(word).or_default();
                t.0 += 1;
                t.1 += 1;
            }
        }
        // A line with a span of a label the tagger cannot take (past
        // `ensemble::MAX_LABELS`) would teach it that span is no name.
        if !unlearnable {
            self.tagger.learn(&features, &gold);
            self.examples.push((features, gold));
        }
    }

    /// The features of a line, with how far each learnt string in it is
    /// to be trusted: how often annotated lines labelled it as learnt.
    fn features(&self, line: &str) -> Vec<Vec<u64>> {
        let trust = |word: &str| match self.trust.get(word) {
            Some(&(hits, seen)) if seen > 0 => {
                let r = f64::from(hits) / f64::from(seen);
                let many = u64::from(seen >= 3);
                (if r >= 0.9 {
                    3
                } else if r >= 0.6 {
                    2
                } else if r >= 0.3 {
                    1
                } else {
                    0
                }) * 2
                    + many
            }
            _ => 9,
        };
        features::of_line(&self.segmenter, line, &trust)
    }

    /// A line's features as ids, each new one given an id.
    fn intern(&mut self, hashes: Vec<Vec<u64>>) -> Features {
        let mut out = Features::default();
        for f in hashes {
            out.push(f.into_iter().map(|h| self.ids.intern(h)));
        }
        out
    }

    /// A line's features as ids, those never learnt left out (they have
    /// no weight).
    fn known(&self, hashes: Vec<Vec<u64>>) -> Features {
        let mut out = Features::default();
        for f in hashes {
            out.push(f.into_iter().filter_map(|h| self.ids.get(h)));
        }
        out
    }

    /// Learns every line of a document with the annotations that lie in it.
    pub fn learn_document(&mut self, doc: &AnnotatedDocument) {
        for (start, line) in lines(&doc.text) {
            let end = start + line.chars().count() as u32;
            let spans: Vec<(u32, u32, &str)> = doc
                .annotations
                .iter()
                .filter(|a| a.start >= start && a.end <= end && a.fragments.is_empty())
                .map(|a| (a.start - start, a.end - start, a.label.as_str()))
                .collect();
            self.learn_line(line, &spans);
        }
    }

    /// Goes over every line learnt so far again, `epochs` times (the
    /// command line does, to make the most of a file learnt at once).
    pub fn learn_again(&mut self, epochs: usize) {
        self.plan_passes(epochs);
        while self.refine(usize::MAX) {}
    }

    /// Plans `passes` more passes over every line learnt so far, for
    /// [`Suggester::refine`] to make bit by bit (the page's worker does,
    /// when it is idle, so that a project opened with many annotations
    /// gets the tagger the command line would make of them).
    pub fn plan_passes(&mut self, passes: usize) {
        self.passes.left = passes;
        self.passes.at = self.pass_steps();
    }

    /// The steps of one pass: each tagger's over every line.
    fn pass_steps(&self) -> usize {
        self.passes.orders.iter().map(Vec::len).sum()
    }

    /// Whether passes planned by [`Suggester::plan_passes`] are still to make.
    pub fn refining(&self) -> bool {
        self.passes.left > 0 || self.passes.at < self.pass_steps()
    }

    /// Makes up to `steps` steps of the passes planned (a step is one
    /// tagger's on one line); whether some are left. Each pass goes over
    /// the lines in another order for each tagger (a fixed one, so that
    /// runs repeat): a perceptron that meets the lines in one order leans
    /// to the last.
    pub fn refine(&mut self, steps: usize) -> bool {
        let mut done = 0;
        while done < steps {
            if self.passes.at >= self.pass_steps() {
                let p = &mut self.passes;
                if p.left == 0 {
                    return false;
                }
                p.left -= 1;
                p.at = 0;
                p.orders.resize_with(self.tagger.members(), Vec::new);
                for order in &mut p.orders {
                    if order.len() != self.examples.len() {
                        *order = (0..self.examples.len()).collect();
                    }
                    for i in (1..order.len()).rev() {
                        p.state ^= p.state << 13;
                        p.state ^= p.state >> 7;
                        p.state ^= p.state << 17;
                        order.swap(i, (p.state % (i as u64 + 1)) as usize);
                    }
                }
                if self.examples.is_empty() {
                    continue;
                }
            }
            let p = &mut self.passes;
            let member = p.at % p.orders.len();
            let (f, g) = &self.examples[p.orders[member][p.at / p.orders.len()]];
            p.at += 1;
            self.tagger.learn_member(member, f, g);
            done += 1;
        }
        self.refining()
    }

    /// How many lines have been learnt.
    pub fn lines_learnt(&self) -> usize {
        self.examples.len()
    }

    /// The dictionary's suggestions for one line: words whose part of
    /// speech the mapping names. A word of the [`gazetteer`] is what it
    /// lists whatever jieba says (it calls 科索沃 a person, 普京 a place); a word tagged a
    /// person must have the shape of a name (jieba calls 多云 one), and an
    /// unknown word of that shape is one; a place written in one character
    /// is one of its own, and the word jieba made of it is not suggested
    /// ([`short_places`]: 中 and 韩 of 中韩两国, 华 of 驻华使馆); two
    /// one-character places joined are two places (中俄关系: 中, 俄).
    pub fn dictionary_line(&self, line: &str) -> Vec<Suggestion> {
        let chars: Vec<char> = line.chars().collect();
        let words = self.segmenter.parts_of_speech(line);
        let text = |w: &(u32, u32, String)| &chars[w.0 as usize..(w.1 as usize).min(chars.len())];
        let mut out = Vec::new();
        // Names of one character (中韩两国, 驻华, 美方; 陈小姐) first: a word
        // holding one (中韩, 郑先生, which jieba may call a name whole) is
        // not suggested.
        let spans: Vec<(u32, u32)> = words.iter().map(|w| (w.0, w.1)).collect();
        let mut short = Vec::new();
        for (i, _, pos) in features::one_character_names(&self.segmenter, &chars, &spans) {
            if let Some((_, label)) = self.mapping.iter().find(|(p, _)| p == pos) {
                short.push(i);
                out.push(Suggestion {
                    start: i as u32,
                    end: i as u32 + 1,
                    label: label.clone(),
                    source: Source::Dictionary,
                });
            }
        }
        let holds_short = |s: u32, e: u32| short.iter().any(|&i| s as usize <= i && i < e as usize);
        for (k, w) in words.iter().enumerate() {
            let (start, end) = (w.0, w.1);
            let word = text(w);
            let listed = gazetteer::part_of_speech(word);
            if listed.is_none() && holds_short(start, end) {
                continue;
            }
            // Two one-character places joined (中俄关系, 中美|两国) are two
            // places: jieba calls 中俄关系 an organisation.
            if listed.is_none() && joined_places(word, words.get(k + 1).map(text)) {
                if let Some((_, label)) = self.mapping.iter().find(|(p, _)| p == "ns") {
                    for at in [start, start + 1] {
                        out.push(Suggestion {
                            start: at,
                            end: at + 1,
                            label: label.clone(),
                            source: Source::Dictionary,
                        });
                    }
                }
                continue;
            }
            if listed.is_none() && gazetteer::is_common_word(word) {
                continue;
            }
            // A place of one character is one only if it names one (舟, 河 and 鸭 are `ns` too).
            if listed.is_none()
                && w.2 == "ns"
                && word.len() == 1
                && !short_places::is_abbreviation(word[0])
            {
                continue;
            }
            let pos = listed.map_or_else(|| w.2.clone(), str::to_owned);
            // A word the dictionary lacks, of three Han characters and a
            // family name first (王宏志, joined by the HMM), is most often a
            // person: Python jieba's own HMM tags such words `nr` too.
            let unknown_name = pos == UNKNOWN_WORD
                && word.len() == 3
                && word.iter().all(|&c| is_han(c))
                && affixes::looks_like_a_person(word);
            let pos = if unknown_name { "nr".to_owned() } else { pos };
            if listed.is_none()
                && PERSON_TAGS.contains(&pos.as_str())
                && !affixes::looks_like_a_person(word)
            {
                continue;
            }
            if let Some((_, label)) = self.mapping.iter().find(|(p, _)| *p == pos) {
                out.push(Suggestion {
                    start,
                    end,
                    label: label.clone(),
                    source: Source::Dictionary,
                });
            }
        }
        out.sort_by_key(|s| (s.start, s.end));
        out
    }

    /// Every occurrence in one line of a string already labelled.
    pub fn repeats_line(&self, line: &str) -> Vec<Suggestion> {
        self.segmenter
            .learnt()
            .find(line)
            .into_iter()
            .filter_map(|(start, end, entry)| {
                Some(Suggestion {
                    start,
                    end,
                    label: entry.tag.clone()?,
                    source: Source::Repeat,
                })
            })
            .collect()
    }

    /// The tagger's suggestions for one line.
    pub fn model_line(&self, line: &str) -> Vec<Suggestion> {
        let features = self.known(self.features(line));
        let tags = self.tagger.decode(&features);
        let chars: Vec<char> = line.chars().collect();
        self.tagger
            .spans(&tags)
            .into_iter()
            .filter_map(|(s, e, label)| {
                let (start, end) = quoted_whole(&chars, s as usize, e as usize)?;
                Some(Suggestion {
                    start: start as u32,
                    end: end as u32,
                    label,
                    source: Source::Model,
                })
            })
            .collect()
    }

    /// The suggestions for one line: the tagger's once it has learnt a
    /// line (the command line's contract: the labels learnt), else the
    /// dictionary's. The page waits for [`MODEL_AFTER`] lines
    /// ([`session::Session`]).
    pub fn suggest_line(&self, line: &str) -> Vec<Suggestion> {
        if self.examples.is_empty() {
            self.dictionary_line(line)
        } else {
            self.model_line(line)
        }
    }

    /// [`Suggester::suggest_line`] of every line of a text, in text positions.
    pub fn suggest(&self, text: &str) -> Vec<Suggestion> {
        let mut out = Vec::new();
        for (start, line) in lines(text) {
            out.extend(self.suggest_line(line).into_iter().map(|mut s| {
                s.start += start;
                s.end += start;
                s
            }));
        }
        out
    }
}

/// The quotation marks and brackets, each opening with its closing one.
/// Not ‘’: ’ is as often an apostrophe (O’Neill).
const PAIRS: [(char, char); 8] = [
    ('“', '”'),
    ('「', '」'),
    ('『', '』'),
    ('《', '》'),
    ('（', '）'),
    ('(', ')'),
    ('【', '】'),
    ('[', ']'),
];

/// Whether every quotation mark and bracket a span holds is opened and
/// closed inside it.
fn balanced(span: &[char]) -> bool {
    let mut open = Vec::new();
    for &c in span {
        if let Some(&(_, close)) = PAIRS.iter().find(|p| p.0 == c) {
            open.push(close);
        } else if PAIRS.iter().any(|p| p.1 == c) && open.pop() != Some(c) {
            return false;
        }
    }
    open.is_empty() && span.iter().filter(|&&c| c == '"').count() % 2 == 0
}

/// The tagger's span `start..end` of `chars` with a name's quotation or
/// brackets whole or not at all: marks at its ends that it does not close
/// are left out (“旅行者集团 → 旅行者集团), and a span still cut by one is
/// none (青岛”号, across the close of “青岛”号导弹驱逐舰).
fn quoted_whole(chars: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    let mark = |c: char| c == '"' || PAIRS.iter().any(|p| p.0 == c || p.1 == c);
    let (mut s, mut e) = (start, end.min(chars.len()));
    while s < e && !balanced(&chars[s..e]) {
        if mark(chars[s]) {
            s += 1;
        } else if mark(chars[e - 1]) {
            e -= 1;
        } else {
            return None;
        }
    }
    (s < e).then_some((s, e))
}

/// The lines of a text (without `\r` or `\n`), each with the code point it starts at.
pub fn lines(text: &str) -> impl Iterator<Item = (u32, &str)> {
    let mut at = 0u32;
    text.split('\n').map(move |raw| {
        let start = at;
        at += raw.chars().count() as u32 + 1;
        (start, raw.strip_suffix('\r').unwrap_or(raw))
    })
}

#[cfg(test)]
mod tests {
    use super::{quoted_whole, Suggester, MEMBERS};
    use crate::segment::Segmenter;

    /// A pass is each tagger's over every line: with three lines learnt,
    /// one pass is `3 * MEMBERS` steps, so that the page's worker, which
    /// refines a few lines at a time, gives every tagger its turn.
    #[test]
    fn a_pass_is_a_step_of_each_tagger_on_each_line() {
        let mut s = Suggester::new(Segmenter::embedded());
        for line in ["李明去了北京。", "王红在上海。", "张伟到了广州。"] {
            s.learn_line(line, &[(0, 2, "PER")]);
        }
        s.plan_passes(1);
        assert!(s.refine(3 * MEMBERS - 1), "one step is still to make");
        assert!(!s.refine(1), "the pass is made");
        assert!(!s.refining());
    }

    /// The tagger's spans hold a quotation or brackets whole or not at all:
    /// marks at an end it does not close are left out, and a span cut by one
    /// is not suggested (青岛”号 of “青岛”号导弹驱逐舰); a name quoted whole, or
    /// with a middle dot, stays.
    #[test]
    fn a_suggestion_holds_a_quotation_or_bracket_whole_or_not_at_all() {
        let kept = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            quoted_whole(&chars, 0, chars.len())
                .map(|(a, b)| chars[a..b].iter().collect::<String>())
        };
        for whole in [
            "“青岛”号",
            "《人民日报》",
            "葛兰素·威康",
            "北京",
            "（新华社）",
            "\"ABC\" Ltd",
            "O’Neill",
        ] {
            assert_eq!(kept(whole).as_deref(), Some(whole));
        }
        for (trimmed, to) in [
            ("“旅行者集团", "旅行者集团"),
            ("人民日报》", "人民日报"),
            ("（新华社", "新华社"),
            ("北京）", "北京"),
        ] {
            assert_eq!(kept(trimmed).as_deref(), Some(to), "{trimmed}");
        }
        for cut in ["青岛”号", "《人民）日报", "\""] {
            assert_eq!(kept(cut), None, "{cut}");
        }
    }

    /// The same through the tagger: taught a span across ” until it gives
    /// it, the suggester leaves it out.
    #[test]
    fn the_taggers_span_across_a_quotation_mark_is_not_suggested() {
        let mut s = Suggester::new(Segmenter::embedded());
        let line = "我们去了青岛”号上。";
        for _ in 0..5 {
            s.learn_line(line, &[(4, 8, "ORG")]);
        }
        s.learn_again(5);
        let tags = s.tagger.decode(&s.known(s.features(line)));
        assert_eq!(
            s.tagger.spans(&tags),
            [(4, 8, "ORG".to_owned())],
            "the tagger gives it"
        );
        assert!(s.model_line(line).is_empty(), "{:?}", s.model_line(line));
    }
}
