//! A document open for suggestions, kept between changes: its text and
//! words, its lines, and each line's suggestions, so that a new annotation
//! re-cuts only the lines that hold its string and suggests again first for
//! the lines it touched (the page's worker holds one; see `src/wasm/suggest.rs`).
//!
//! ```
//! use biaozhu::segment::Segmenter;
//! use biaozhu::suggest::session::Session;
//!
//! let mut s = Session::new(Segmenter::embedded());
//! s.set_mapping("nr=PER,ns=LOC").unwrap();
//! s.open("李明去了一带一路。\n一带一路很长。".to_owned());
//! // 一带一路 labelled LOC on the first line: learnt, and the second line re-cut.
//! let recut = s.learn(&[(4, 8, "LOC".to_owned())], &[4, 8]);
//! assert!(recut);
//! let found = s.suggest();
//! assert!(found.iter().any(|x| (x.start, x.end, x.label.as_str()) == (10, 14, "LOC")));
//! ```

use std::collections::{HashMap, HashSet};

use super::{Source, Suggester, Suggestion};
use crate::offsets::IndexedText;
use crate::segment::{Segmentation, Segmenter};

/// The suggester and the document open in it.
pub struct Session {
    pub suggester: Suggester,
    open: Option<Open>,
}

impl Session {
    /// A suggester over `segmenter` with nothing mapped (the page says which
    /// labels the parts of speech are) and no document open.
    pub fn new(segmenter: Segmenter) -> Session {
        let mut suggester = Suggester::new(segmenter);
        let _ = suggester.set_mapping("");
        Session {
            suggester,
            open: None,
        }
    }

    /// As [`Suggester::set_mapping`].
    pub fn set_mapping(&mut self, text: &str) -> Result<(), super::MappingError> {
        self.suggester.set_mapping(text)
    }

    /// As [`Segmenter::replace_user_dict`]; the words the person wrote are
    /// theirs, never forgotten when the open document stops labelling them.
    pub fn replace_user_dict(&mut self, text: &str) -> Result<usize, crate::segment::LearnError> {
        let n = self.suggester.segmenter.replace_user_dict(text)?;
        if let Some(open) = &mut self.open {
            let words = self.suggester.segmenter.learnt().iter();
            open.known.extend(words.map(|(w, _)| w.to_owned()));
        }
        Ok(n)
    }

    /// Makes `text` the open document, segmented with the learnt words.
    pub fn open(&mut self, text: String) {
        let seg = self.suggester.segmenter.segment(&text);
        let mut open = Open::new(text, seg);
        open.known = self
            .suggester
            .segmenter
            .learnt()
            .iter()
            .map(|(w, _)| w.to_owned())
            .collect();
        self.open = Some(open);
    }

    /// The open document's text (indexed, for its positions in UTF-16) and words, if one is open.
    pub fn opened(&self) -> Option<(&IndexedText, &Segmentation)> {
        self.open.as_ref().map(|o| (&o.text, &o.seg))
    }

    /// Learns the open document's `annotations` (`start, end, label` in
    /// code points): those on the lines that `touched` (code point
    /// `start, end` pairs) overlaps, or on every line with one when it is
    /// empty. The labelled strings of the labels the mapping names become
    /// learnt words (a labelled phrase cut whole would leave no boundary for
    /// a drag to reach the names nested in it); the lines that hold a new one
    /// are re-cut: at once when the whole document is learnt, else only the
    /// lines learnt, the others by [`Session::refresh`] (which
    /// [`Session::take_recut`] tells). Whether the open document's words
    /// changed (false when no document is open). The suggestions of the
    /// lines learnt are made again by the next [`Session::suggest`], the
    /// repeats of the lines that hold a new word at once; the rest, which
    /// the tagger's step changes less, by [`Session::refresh`]. A whole
    /// document learnt plans passes over every line learnt, for
    /// [`Session::refine`].
    pub fn learn(&mut self, annotations: &[(u32, u32, String)], touched: &[u32]) -> bool {
        let Some(mut open) = self.open.take() else {
            return false;
        };
        let changed = self.learn_open(&mut open, annotations, touched);
        self.open = Some(open);
        if touched.is_empty() {
            self.suggester.plan_passes(super::PASSES);
        }
        changed
    }

    /// Counts the open document's `annotations` (`start, end, label` in
    /// code points) as the strings it labels, without learning them (they
    /// were learnt when it was first opened, in this session or one before),
    /// and makes `own` the learnt words it alone taught: each is forgotten
    /// once it labels it nowhere, as a word it taught in this session is.
    /// The other learnt words stay, whatever it does (another document
    /// labels them, or the person wrote them).
    pub fn claim(&mut self, annotations: &[(u32, u32, String)], own: &[String]) {
        let Some(open) = &mut self.open else {
            return;
        };
        let mut anns: Vec<&(u32, u32, String)> = annotations.iter().filter(|a| a.0 < a.1).collect();
        anns.sort_by_key(|a| a.0);
        let mut lines: Vec<usize> = anns
            .iter()
            .flat_map(|a| open.lines_over(a.0, a.0))
            .collect();
        lines.dedup();
        open.labelled.clear();
        open.counts.clear();
        for i in lines {
            let (_, strings) = open.spans_of_line(&anns, i);
            open.count_line(i, strings);
        }
        for w in own {
            open.known.remove(w);
        }
    }

    /// The suggestions for the open document, in text positions: every
    /// other occurrence of a labelled string, then the tagger's spans once
    /// it has learnt a line (else the dictionary's parts of speech the
    /// mapping names), none overlapping one before it. Lines never suggested
    /// for, learnt or re-cut are suggested for now; the others as
    /// [`Session::refresh`] left them.
    pub fn suggest(&mut self) -> Vec<&Suggestion> {
        let Some(mut open) = self.open.take() else {
            return Vec::new();
        };
        for i in 0..open.lines.len() {
            if open.cache.get(i).is_some_and(|c| c.is_none()) {
                self.suggest_line(&mut open, i);
            }
        }
        self.open = Some(open);
        self.open
            .iter()
            .flat_map(|o| o.cache.iter().flatten().flat_map(|c| &c.0))
            .collect()
    }

    /// Re-cuts up to `lines` lines that a new learnt word changes and that
    /// [`Session::learn`] left for later, then suggests again for as many
    /// lines whose suggestions predate the tagger's last step as the count
    /// leaves; how many lines of either kind remain.
    pub fn refresh(&mut self, lines: u32) -> u32 {
        let Some(mut open) = self.open.take() else {
            return 0;
        };
        let now = open.to_recut.len().min(lines as usize);
        let recut: Vec<usize> = open.to_recut.drain(..now).collect();
        for &i in &recut {
            self.recut_line(&mut open, i);
        }
        open.recut_later |= now > 0;
        let mut left = lines - now as u32;
        let mut remain = open.to_recut.len() as u32;
        for i in 0..open.lines.len() {
            if open
                .cache
                .get(i)
                .is_some_and(|c| c.as_ref().is_some_and(|c| !c.1))
            {
                if left > 0 {
                    self.suggest_line(&mut open, i);
                    left -= 1;
                } else {
                    remain += 1;
                }
            }
        }
        self.open = Some(open);
        remain
    }

    /// Makes up to `steps` steps of the passes over every line learnt that
    /// learning a whole document plans ([`super::PASSES`] of them, as the
    /// command line makes: one step per line learnt makes a weaker tagger
    /// than the figures are of); a step is one tagger's on one line
    /// ([`super::MEMBERS`] a line). Once the last is made, every line's
    /// suggestions are stale, for [`Session::refresh`]. Whether steps are
    /// left.
    pub fn refine(&mut self, steps: u32) -> bool {
        if !self.suggester.refining() {
            return false;
        }
        let more = self.suggester.refine(steps as usize);
        if !more {
            for c in self
                .open
                .iter_mut()
                .flat_map(|o| o.cache.iter_mut().flatten())
            {
                c.1 = false;
            }
        }
        more
    }

    /// Whether [`Session::refresh`] re-cut lines since this was last asked
    /// (the open document's words changed without an answer that carried them).
    pub fn take_recut(&mut self) -> bool {
        self.open
            .as_mut()
            .is_some_and(|o| std::mem::take(&mut o.recut_later))
    }
}

/// The open document: its text and words, its lines (code point and byte
/// ranges), each line's suggestions with whether they are of the tagger as
/// it is (`None`: to be made before the next answer), the lines whose words
/// a new learnt word will change but that are not re-cut yet (ascending),
/// and whether `refresh` re-cut some since the words were last taken.
struct Open {
    text: IndexedText,
    seg: Segmentation,
    lines: Vec<(u32, u32, usize, usize)>,
    cache: Vec<Option<(Vec<Suggestion>, bool)>>,
    to_recut: Vec<usize>,
    recut_later: bool,
    /// The learnt words when the document opened: labelled elsewhere (or
    /// written in by the person), so not this document's to forget.
    known: HashSet<String>,
    /// The strings labelled on each line learnt, as last learnt.
    labelled: HashMap<usize, Vec<String>>,
    /// How many times each string is labelled on the lines learnt.
    counts: HashMap<String, u32>,
}

impl Open {
    fn new(text: String, seg: Segmentation) -> Open {
        let mut lines = Vec::new();
        let mut byte = 0usize;
        for (start, line) in super::lines(&text) {
            let end = start + line.chars().count() as u32;
            lines.push((start, end, byte, byte + line.len()));
            // The line, its `\r` if any, and its `\n`.
            byte = text
                .get(byte..)
                .and_then(|rest| rest.find('\n'))
                .map_or(text.len(), |i| byte + i + 1);
        }
        let cache = vec![None; lines.len()];
        Open {
            text: IndexedText::new(text),
            seg,
            lines,
            cache,
            to_recut: Vec::new(),
            recut_later: false,
            known: HashSet::new(),
            labelled: HashMap::new(),
            counts: HashMap::new(),
        }
    }

    /// The annotations of `anns` (sorted by start) inside line `i`, in
    /// positions of the line, and the strings they label.
    fn spans_of_line<'a>(
        &self,
        anns: &[&'a (u32, u32, String)],
        i: usize,
    ) -> (Vec<(u32, u32, &'a str)>, Vec<String>) {
        let (start, end, line) = self.line(i);
        let lo = anns.partition_point(|a| a.0 < start);
        let spans: Vec<(u32, u32, &str)> = anns
            .get(lo..)
            .unwrap_or_default()
            .iter()
            .take_while(|a| a.0 <= end)
            .filter(|a| a.1 <= end)
            .map(|a| (a.0 - start, a.1 - start, a.2.as_str()))
            .collect();
        let chars: Vec<char> = line.chars().collect();
        let strings = spans
            .iter()
            .filter_map(|&(s, e, _)| chars.get(s as usize..e as usize))
            .map(|c| c.iter().collect())
            .collect();
        (spans, strings)
    }

    /// Line `i` labels `strings` now: the counts follow.
    fn count_line(&mut self, i: usize, strings: Vec<String>) {
        for old in self.labelled.remove(&i).unwrap_or_default() {
            if let Some(n) = self.counts.get_mut(&old) {
                *n = n.saturating_sub(1);
            }
        }
        for w in &strings {
            *self.counts.entry(w.clone()).or_default() += 1;
        }
        self.labelled.insert(i, strings);
    }

    fn line(&self, i: usize) -> (u32, u32, &str) {
        let (s, e, b0, b1) = self.lines.get(i).copied().unwrap_or_default();
        (s, e, self.text.as_str().get(b0..b1).unwrap_or_default())
    }

    /// The lines `[start, end]` (code points) overlaps.
    fn lines_over(&self, start: u32, end: u32) -> std::ops::Range<usize> {
        let lo = self.lines.partition_point(|l| l.1 < start);
        let hi = self.lines.partition_point(|l| l.0 <= end);
        lo..hi.max(lo)
    }
}

impl Session {
    fn learn_open(
        &mut self,
        open: &mut Open,
        annotations: &[(u32, u32, String)],
        touched: &[u32],
    ) -> bool {
        let before: HashMap<String, Option<String>> = self
            .suggester
            .segmenter
            .learnt()
            .iter()
            .map(|(w, l)| (w.to_owned(), l.tag.clone()))
            .collect();
        let mut anns: Vec<&(u32, u32, String)> = annotations.iter().filter(|a| a.0 < a.1).collect();
        anns.sort_by_key(|a| a.0);
        let mut lines: Vec<usize> = if touched.is_empty() {
            anns.iter()
                .flat_map(|a| open.lines_over(a.0, a.0))
                .collect()
        } else {
            touched
                .chunks_exact(2)
                .filter_map(|p| Some(open.lines_over(*p.first()?, *p.get(1)?)))
                .flatten()
                .collect()
        };
        lines.dedup();
        lines.sort_unstable();
        lines.dedup();
        for &i in &lines {
            let (spans, strings) = open.spans_of_line(&anns, i);
            let (_, _, line) = open.line(i);
            self.suggester.learn_line(line, &spans);
            open.count_line(i, strings);
        }
        // A string this document made a word and no longer labels anywhere
        // (its one annotation deleted or undone) is forgotten: else a slip
        // (俄罗斯总统普京 labelled whole) would keep every drag over 俄罗斯
        // taking the whole phrase after Ctrl+Z.
        let unlabelled: Vec<String> = open
            .counts
            .iter()
            .filter(|&(w, &n)| n == 0 && !open.known.contains(w))
            .map(|(w, _)| w.clone())
            .collect();
        let mut forgotten = Vec::new();
        for w in unlabelled {
            open.counts.remove(&w);
            if self.suggester.segmenter.forget(&w) {
                forgotten.push(w);
            }
        }
        // Only the labels the mapping names (names, places, organisations)
        // make words: a labelled phrase cut whole would leave no boundary
        // for a drag to reach the names nested inside it.
        let changed_words: Vec<(String, Option<String>)> = self
            .suggester
            .segmenter
            .learnt()
            .iter()
            .filter(|(w, l)| before.get(*w).is_none_or(|t| *t != l.tag))
            .map(|(w, l)| (w.to_owned(), l.tag.clone()))
            .collect();
        // Lines that hold a word learnt or forgotten are cut again.
        let mut new = forgotten;
        for (word, tag) in changed_words {
            let wanted = tag.as_ref().is_some_and(|t| self.suggester.maps_to(t));
            if wanted {
                new.push(word);
                continue;
            }
            self.suggester.segmenter.forget(&word);
            if let Some(old) = before.get(&word) {
                // It was learnt before with this tag, so it can be again.
                let _ = self.suggester.segmenter.learn(&word, None, old.as_deref());
            }
        }
        // The tagger stepped: every line's suggestions are stale; those learnt are made first.
        for c in open.cache.iter_mut().flatten() {
            c.1 = false;
        }
        for &i in &lines {
            if let Some(c) = open.cache.get_mut(i) {
                *c = None;
            }
        }
        let mut changed = false;
        if !new.is_empty() {
            let new: HashSet<&str> = new.iter().map(String::as_str).collect();
            for i in 0..open.lines.len() {
                let (_, _, line) = open.line(i);
                if !new.iter().any(|w| line.contains(w)) {
                    continue;
                }
                if touched.is_empty() || lines.binary_search(&i).is_ok() {
                    self.recut_line(open, i);
                    open.to_recut.retain(|&j| j != i);
                    changed = true;
                    if lines.binary_search(&i).is_err() {
                        self.repeats_now(open, i);
                    }
                } else {
                    // The person waits for this answer, and a new word may be on
                    // most lines (a comma labelled): the lines learnt are re-cut
                    // now, the others by `refresh`; their repeats are made now
                    // (they need no words).
                    self.repeats_now(open, i);
                    open.to_recut.push(i);
                }
            }
            open.to_recut.sort_unstable();
            open.to_recut.dedup();
        }
        changed
    }

    /// Cuts line `i` of the open document again, in its words (as
    /// `Segmenter::resegment` does, which would look for the line's start
    /// from the text's: once a line, quadratic for a word on many lines).
    fn recut_line(&self, open: &mut Open, i: usize) {
        let (start, _, b0, _) = open.lines.get(i).copied().unwrap_or_default();
        // With its line break: the boundary at the next line's start is that line's.
        let b1 = open.lines.get(i + 1).map_or(open.text.len_bytes(), |l| l.2);
        let next = open.lines.get(i + 1).map_or(u32::MAX, |l| l.0);
        let mut part = Segmentation::default();
        let piece = open.text.as_str().get(b0..b1).unwrap_or_default();
        self.suggester
            .segmenter
            .segment_after(piece, start, &mut part);
        let words = &mut open.seg.words;
        let lo = words.partition_point(|w| w.end <= start);
        let hi = words.partition_point(|w| w.start < next);
        words.splice(lo..hi.max(lo), part.words);
        let bounds = &mut open.seg.subword_boundaries;
        let lo = bounds.partition_point(|&x| x < start);
        let hi = bounds.partition_point(|&x| x < next);
        bounds.splice(lo..hi.max(lo), part.subword_boundaries);
    }

    /// Line `i`'s repeats made again at once (a new word may be on many
    /// lines), its other suggestions kept till `refresh` makes them again.
    fn repeats_now(&self, open: &mut Open, i: usize) {
        let (start, _, line) = open.line(i);
        let mut mine: Vec<Suggestion> = self
            .suggester
            .repeats_line(line)
            .into_iter()
            .map(|mut s| {
                s.start += start;
                s.end += start;
                s
            })
            .collect();
        let kept = open.cache.get(i).cloned().flatten().map(|c| c.0);
        for s in kept.into_iter().flatten() {
            let overlaps = mine.iter().any(|m| m.start < s.end && s.start < m.end);
            if s.source != Source::Repeat && !overlaps {
                mine.push(s);
            }
        }
        mine.sort_by_key(|s| (s.start, s.end));
        if let Some(c) = open.cache.get_mut(i) {
            *c = Some((mine, false));
        }
    }

    /// Makes line `i`'s suggestions again.
    fn suggest_line(&self, open: &mut Open, i: usize) {
        let (start, _, line) = open.line(i);
        let at = |mut s: Suggestion| {
            s.start += start;
            s.end += start;
            s
        };
        let mut mine: Vec<Suggestion> = self
            .suggester
            .repeats_line(line)
            .into_iter()
            .map(at)
            .collect();
        // A tagger of a few lines proposes whole clauses: the dictionary until it has learnt enough.
        let others = if self.suggester.lines_learnt() < super::MODEL_AFTER {
            self.suggester.dictionary_line(line)
        } else {
            self.suggester.model_line(line)
        };
        let others: Vec<Suggestion> = others.into_iter().map(at).collect();
        for s in others {
            if !mine.iter().any(|m| m.start < s.end && s.start < m.end) {
                mine.push(s);
            }
        }
        mine.sort_by_key(|s| (s.start, s.end));
        if let Some(c) = open.cache.get_mut(i) {
            *c = Some((mine, true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &Session) -> Vec<(u32, u32)> {
        let (_, seg) = s.opened().unwrap();
        seg.words.iter().map(|w| (w.start, w.end)).collect()
    }

    /// A new word on other lines than the one learnt: their repeats come at
    /// once, their words once `refresh` re-cut them, the same as a whole cut.
    #[test]
    fn the_other_lines_of_a_new_word_are_recut_by_refresh() {
        let text = "李明去了一带一路。\n一带一路很长。\n他说一带一路。";
        let mut s = Session::new(Segmenter::embedded());
        s.set_mapping("nr=PER,ns=LOC").unwrap();
        s.open(text.to_owned());
        let before = words(&s);
        assert!(s.learn(&[(4, 8, "LOC".to_owned())], &[4, 8]));
        let repeats: Vec<(u32, u32)> = s
            .suggest()
            .iter()
            .filter(|x| x.source == Source::Repeat)
            .map(|x| (x.start, x.end))
            .collect();
        assert_eq!(repeats, [(4, 8), (10, 14), (20, 24)]);
        // The first line is re-cut now, the others keep their words.
        let now = words(&s);
        assert!(now.contains(&(4, 8)));
        let later =
            |w: &Vec<(u32, u32)>| w.iter().filter(|x| x.0 >= 10).copied().collect::<Vec<_>>();
        assert_eq!(later(&now), later(&before));
        assert!(!s.take_recut());
        while s.refresh(1) > 0 {}
        assert!(s.take_recut());
        assert!(!s.take_recut());
        let whole = s.suggester.segmenter.segment(text);
        let whole: Vec<(u32, u32)> = whole.words.iter().map(|w| (w.start, w.end)).collect();
        assert_eq!(words(&s), whole);
        assert!(whole.contains(&(10, 14)) && whole.contains(&(20, 24)));
    }

    /// Regression: a phrase labelled by mistake (俄罗斯总统普京) stayed a
    /// learnt word after Ctrl+Z took the annotation back, so every drag over
    /// 俄罗斯 took the whole phrase.
    #[test]
    fn a_word_this_document_no_longer_labels_is_forgotten_and_one_learnt_before_is_kept() {
        let text = "俄罗斯总统普京说。\n俄罗斯总统普京到了。";
        let mut s = Session::new(Segmenter::embedded());
        s.set_mapping("nr=PER,ns=LOC").unwrap();
        s.suggester
            .segmenter
            .learn("普京说", None, Some("PER"))
            .unwrap();
        s.open(text.to_owned());
        let before = words(&s);
        assert!(s.learn(&[(0, 7, "PER".to_owned())], &[0, 7]));
        assert!(s.suggester.segmenter.learnt().contains("俄罗斯总统普京"));
        assert!(words(&s).contains(&(0, 7)));
        // Labelled twice, deleted once: still labelled, still a word.
        s.learn(&[(0, 7, "PER".to_owned())], &[0, 7]);
        s.learn(&[(10, 17, "PER".to_owned())], &[10, 17]);
        s.learn(&[], &[0, 7]);
        assert!(s.suggester.segmenter.learnt().contains("俄罗斯总统普京"));
        // The last one gone (Ctrl+Z): forgotten, and its lines cut as before.
        assert!(s.learn(&[], &[10, 17]));
        assert!(!s.suggester.segmenter.learnt().contains("俄罗斯总统普京"));
        while s.refresh(8) > 0 {}
        assert_eq!(words(&s), before);
        // A word learnt before the document opened is not this document's to forget.
        s.learn(&[(5, 8, "PER".to_owned())], &[5, 8]);
        s.learn(&[], &[5, 8]);
        assert!(s.suggester.segmenter.learnt().contains("普京说"));
        // Nor is a word the person wrote into the list while it was open.
        s.replace_user_dict("总统普京 3 PER\n").unwrap();
        s.learn(&[(3, 7, "PER".to_owned())], &[3, 7]);
        s.learn(&[], &[3, 7]);
        assert!(s.suggester.segmenter.learnt().contains("总统普京"));
        assert!(!s.suggester.segmenter.learnt().contains("普京说"));
    }

    /// Regression: after a reload (a new session, the learnt words read back
    /// from the project), the Ctrl+Z of a name's only annotation kept it as a
    /// word, and every drag there still took it whole.
    #[test]
    fn a_word_only_this_document_taught_is_forgotten_in_a_later_session_too() {
        let text = "俄罗斯总统普京说。\n今天天气很好。";
        let mut first = Session::new(Segmenter::embedded());
        first.set_mapping("nr=PER").unwrap();
        first.open(text.to_owned());
        first.learn(&[(0, 7, "PER".to_owned())], &[]);
        let saved = first.suggester.segmenter.export_user_dict();
        assert!(saved.contains("俄罗斯总统普京"));

        let reload = |own: &[String]| {
            let mut s = Session::new(Segmenter::embedded());
            s.set_mapping("nr=PER").unwrap();
            s.replace_user_dict(&saved).unwrap();
            s.open(text.to_owned());
            // Learnt in the first session: counted, not learnt again.
            s.claim(&[(0, 7, "PER".to_owned())], own);
            s.learn(&[], &[0, 7]);
            s.suggester.segmenter.learnt().contains("俄罗斯总统普京")
        };
        assert!(
            !reload(&["俄罗斯总统普京".to_owned()]),
            "only this document taught it"
        );
        assert!(
            reload(&[]),
            "another document (or the person) taught it too"
        );
    }
}
