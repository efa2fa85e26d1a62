//! Snapping a rough drag to the span a person meant, widening it, the word
//! under a position, and moving an edge by keyboard. All positions are code
//! points.
// Native only: proptest and the embedded dictionary are not in the wasm build.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use biaozhu::document::Structure;
use biaozhu::offsets::IndexedText;
use biaozhu::segment::{Segmentation, Segmenter, Word, WordKind};
use biaozhu::snap::{snap, step, widen, word_at, SnapMode, Snapped, Step};
use proptest::prelude::*;

const SEED: &str = include_str!("../www/samples/seed.txt");

fn segmenter() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    SEGMENTER.get_or_init(Segmenter::embedded)
}

/// A text with its structure and words, as the page holds it.
struct Doc {
    text: IndexedText,
    structure: Structure,
    seg: Segmentation,
}

impl Doc {
    fn new(text: &str) -> Doc {
        Doc {
            text: IndexedText::new(text),
            structure: Structure::of(text),
            seg: segmenter().segment(text),
        }
    }
    fn snap(&self, s: u32, e: u32, mode: SnapMode) -> Option<Snapped> {
        snap(&self.text, &self.structure, Some(&self.seg), s, e, mode)
    }
    fn span(&self, s: u32, e: u32) -> Option<(u32, u32)> {
        self.snap(s, e, SnapMode::Word).map(|r| (r.start, r.end))
    }
    fn quote(&self, (s, e): (u32, u32)) -> &str {
        self.text.slice_cp(s as usize, e as usize).unwrap()
    }
    fn widen(&self, s: u32, e: u32) -> (u32, u32) {
        widen(&self.text, &self.structure, s, e)
    }
}

fn seed() -> &'static Doc {
    static DOC: OnceLock<Doc> = OnceLock::new();
    DOC.get_or_init(|| Doc::new(SEED))
}

#[test]
fn word_mode_drag_inside_first_subword_takes_the_subword() {
    let d = Doc::new("美国政府发表声明。");
    // From before 美 to between 美 and 国; from between 美 and 国 to between
    // 国 and 政 (the drag ends inside the token 美国政府 either way).
    assert_eq!(d.span(0, 1), Some((0, 2)));
    assert_eq!(d.span(1, 2), Some((0, 2)));
    assert_eq!(d.quote((0, 2)), "美国");
    // Into 政: out to the whole compound.
    assert_eq!(d.span(1, 3), Some((0, 4)));
    // Inside 政府 alone.
    assert_eq!(d.span(3, 4), Some((2, 4)));
    // A drag over 府发 takes 政府 and 发表声明's first sub-word.
    let r = d.span(3, 5).unwrap();
    assert_eq!(d.quote(r), "政府发表");
}

#[test]
fn word_mode_keeps_ends_already_on_boundaries() {
    let d = Doc::new("美国政府发表声明。");
    assert_eq!(d.span(0, 4), Some((0, 4)));
    assert_eq!(d.span(0, 9), Some((0, 9)));
    let r = d.snap(0, 2, SnapMode::Word).unwrap();
    assert!(!r.clipped_to_paragraph);
}

#[test]
fn exact_mode_keeps_the_characters() {
    let d = Doc::new("美国政府发表声明。");
    let r = d.snap(1, 3, SnapMode::Exact).unwrap();
    assert_eq!((r.start, r.end, r.clipped_to_paragraph), (1, 3, false));
    // Without words yet, word mode can only trim.
    let r = snap(&d.text, &d.structure, None, 1, 3, SnapMode::Word).unwrap();
    assert_eq!((r.start, r.end), (1, 3));
}

#[test]
fn whitespace_is_trimmed_and_a_blank_selection_is_none() {
    let d = Doc::new("  美国\u{3000}政府 \t");
    assert_eq!(d.span(0, 5), Some((2, 4)));
    let r = d.snap(0, 9, SnapMode::Exact).unwrap();
    assert_eq!((r.start, r.end), (2, 7));
    assert_eq!(d.span(0, 2), None);
    assert_eq!(d.span(4, 5), None);
    assert_eq!(d.span(3, 3), None, "a click selects nothing");
}

#[test]
fn selection_crossing_a_paragraph_break_is_clipped_to_the_first() {
    let d = Doc::new("美国政府\n发表声明。");
    let r = d.snap(2, 7, SnapMode::Word).unwrap();
    assert_eq!((r.start, r.end, r.clipped_to_paragraph), (2, 4, true));
    // Across several paragraphs, with CRLF and a blank line between.
    let d = Doc::new("第一段文字\r\n\r\n第二段");
    let r = d.snap(1, 12, SnapMode::Exact).unwrap();
    assert_eq!((r.start, r.end, r.clipped_to_paragraph), (1, 5, true));
}

#[test]
fn selection_starting_on_a_break_belongs_to_the_next_paragraph() {
    // The break is whitespace: trimmed away first, so nothing is clipped.
    let d = Doc::new("美国\r\n政府");
    let r = d.snap(2, 6, SnapMode::Word).unwrap();
    assert_eq!((r.start, r.end, r.clipped_to_paragraph), (4, 6, false));
}

#[test]
fn selection_ending_just_after_a_break_is_not_clipped_to_nothing() {
    // Ends after "\n": the first paragraph's text, trimmed, is what was meant.
    let d = Doc::new("美国\n政府");
    let r = d.snap(0, 3, SnapMode::Word).unwrap();
    assert_eq!((r.start, r.end), (0, 2));
}

#[test]
fn reversed_input_snaps_like_forward_input() {
    let d = Doc::new("美国政府发表声明。");
    for (s, e) in [(0, 1), (1, 3), (3, 5), (0, 9)] {
        assert_eq!(d.snap(e, s, SnapMode::Word), d.snap(s, e, SnapMode::Word));
        assert_eq!(d.snap(e, s, SnapMode::Exact), d.snap(s, e, SnapMode::Exact));
    }
}

#[test]
fn positions_past_the_end_are_clamped() {
    let d = Doc::new("美国政府");
    assert_eq!(d.span(2, 100), Some((2, 4)));
    assert_eq!(d.span(100, 200), None);
}

#[test]
fn astral_characters_snap_in_code_points() {
    let d = Doc::new("😀𠮷野家的牛肉饭");
    // 牛肉 is code points 5..7, whatever UTF-16 or bytes say.
    let r = d.span(5, 6).unwrap();
    assert_eq!(d.quote(r), "牛肉");
    assert_eq!(r, (5, 7));
    let r = d.span(0, 2).unwrap();
    assert_eq!(d.quote(r), "😀𠮷");
    // The ZWJ family is one token: a drag into it takes all five code points.
    let d = Doc::new("看👨‍👩‍👧家庭");
    assert_eq!(d.span(2, 3), Some((1, 6)));
}

#[test]
fn crlf_text_snaps_and_clips_at_the_crlf() {
    let d = Doc::new("第一行\r\n第二行");
    let r = d.snap(1, 7, SnapMode::Word).unwrap();
    assert!(r.clipped_to_paragraph);
    assert_eq!(r.end, 3, "clipped before the \\r");
    assert!(r.start <= 1 && d.quote((r.start, r.end)).ends_with('行'));
    let r = d.snap(6, 7, SnapMode::Exact).unwrap();
    assert_eq!((r.start, r.end), (6, 7));
    assert_eq!(d.quote((6, 7)), "二");
}

/// Regression: sub-word boundaries that do not hold every word boundary
/// (the page hands them over through `setWords`) made word snapping index
/// before the start of the list and panic.
#[test]
fn word_snap_with_boundaries_missing_word_ends_does_not_panic() {
    let text = IndexedText::new("美国政府");
    let structure = Structure::of(text.as_str());
    let word = |start, end| Word {
        start,
        end,
        kind: WordKind::Han,
    };
    let seg = Segmentation {
        words: vec![word(0, 4)],
        subword_boundaries: vec![],
    };
    let r = snap(&text, &structure, Some(&seg), 1, 3, SnapMode::Word).unwrap();
    assert_eq!((r.start, r.end), (0, 4), "out to the token's own ends");
    let seg = Segmentation {
        words: vec![word(0, 4)],
        subword_boundaries: vec![2],
    };
    let r = snap(&text, &structure, Some(&seg), 1, 3, SnapMode::Word).unwrap();
    assert_eq!((r.start, r.end), (0, 4));
    let r = snap(&text, &structure, Some(&seg), 2, 3, SnapMode::Word).unwrap();
    assert_eq!((r.start, r.end), (2, 4));
}

#[test]
fn widen_goes_word_then_sentence_then_paragraph() {
    let d = Doc::new("第一句话。美国政府发表声明。\n下一段。");
    // 美国 → its sentence.
    assert_eq!(d.widen(5, 7), (5, 14));
    assert_eq!(d.quote((5, 14)), "美国政府发表声明。");
    // The sentence → the paragraph.
    assert_eq!(d.widen(5, 14), (0, 14));
    // The paragraph → itself.
    assert_eq!(d.widen(0, 14), (0, 14));
    // A span over two sentences → both.
    assert_eq!(d.widen(3, 6), (0, 14));
    // Reversed input is the same span.
    assert_eq!(d.widen(7, 5), (5, 14));
}

#[test]
fn widen_single_sentence_paragraph_goes_straight_to_it_trimmed() {
    let d = Doc::new("  只有一句。  \n下一段");
    assert_eq!(d.widen(4, 5), (2, 7));
    assert_eq!(d.quote((2, 7)), "只有一句。");
    assert_eq!(d.widen(2, 7), (2, 7));
    // In the second paragraph, with no stop at its end.
    assert_eq!(d.widen(11, 12), (10, 13));
    assert_eq!(d.widen(10, 13), (10, 13));
}

#[test]
fn widen_of_an_empty_span_takes_its_sentence() {
    let d = Doc::new("第一句。第二句。");
    assert_eq!(d.widen(5, 5), (4, 8));
}

#[test]
fn word_at_gives_the_token_holding_the_character() {
    let d = Doc::new("😀习近平同普京会晤 ВСТРЕЧА");
    assert_eq!(word_at(&d.seg, 0), Some((0, 1)));
    assert_eq!(word_at(&d.seg, 1), Some((1, 4)));
    assert_eq!(word_at(&d.seg, 3), Some((1, 4)));
    assert_eq!(word_at(&d.seg, 4), Some((4, 5)));
    assert_eq!(word_at(&d.seg, 9), None, "the space is in no token");
    assert_eq!(word_at(&d.seg, 12), Some((10, 17)));
    assert_eq!(word_at(&d.seg, 17), None, "the end of the text");
}

#[test]
fn step_by_word_moves_between_subword_boundaries() {
    let d = Doc::new("美国政府发表声明。");
    let len = d.text.len_cp() as u32;
    let fwd = |cp| step(Some(&d.seg), len, cp, true, Step::Word);
    let back = |cp| step(Some(&d.seg), len, cp, false, Step::Word);
    assert_eq!(fwd(0), 2);
    assert_eq!(fwd(1), 2);
    assert_eq!(fwd(2), 4);
    assert_eq!(back(4), 2);
    assert_eq!(back(3), 2);
    assert_eq!(back(2), 0);
    assert_eq!(back(0), 0);
    assert_eq!(fwd(len), len);
    assert_eq!(fwd(8), 9);
}

#[test]
fn step_by_char_moves_one_code_point() {
    let d = Doc::new("𠮷野\r\n家");
    let len = d.text.len_cp() as u32;
    assert_eq!(len, 5);
    assert_eq!(step(Some(&d.seg), len, 0, true, Step::Char), 1);
    assert_eq!(step(Some(&d.seg), len, 2, true, Step::Char), 3);
    assert_eq!(step(None, len, 5, true, Step::Char), 5);
    assert_eq!(step(None, len, 1, false, Step::Char), 0);
    assert_eq!(step(None, len, 0, false, Step::Char), 0);
    // Without words, word steps fall back to characters.
    assert_eq!(step(None, len, 3, true, Step::Word), 4);
}

/// Regression: a position past the end stepped backwards to a position
/// still past the end (`step` promises to stay within `[0, len]`).
#[test]
fn step_from_past_the_end_stays_in_the_text() {
    let d = Doc::new("美国政府");
    for by in [Step::Char, Step::Word] {
        for forward in [true, false] {
            for seg in [None, Some(&d.seg)] {
                let r = step(seg, 4, 100, forward, by);
                assert!(r <= 4, "step({forward}, {by:?}) from 100 gave {r}");
            }
        }
    }
}

#[test]
fn seed_word_snap_takes_whole_names() {
    let d = seed();
    let chars: Vec<char> = SEED.chars().collect();
    let at = SEED.find("国家主席习近平").unwrap();
    let s = SEED[..at].chars().count() as u32 + 4;
    assert_eq!(chars[s as usize], '习');
    assert_eq!(d.span(s + 1, s + 2), Some((s, s + 3)));
    let at = SEED.find("ВИДЕОКОНФЕРЕНЦИИ").unwrap();
    let s = SEED[..at].chars().count() as u32;
    assert_eq!(d.span(s + 3, s + 5), Some((s, s + 16)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Whatever the drag over the seed article, a snapped span is inside one
    /// paragraph, starts and ends on non-whitespace, and (in word mode)
    /// covers the trimmed drag and lies on sub-word boundaries; exact mode
    /// never grows the drag.
    #[test]
    fn seed_snaps_stay_in_a_paragraph_and_on_boundaries(
        a in 0u32..3600, b in 0u32..3600, exact in any::<bool>()
    ) {
        let d = seed();
        let len = d.text.len_cp() as u32;
        let mode = if exact { SnapMode::Exact } else { SnapMode::Word };
        let Some(r) = d.snap(a, b, mode) else {
            let (s, e) = (a.min(b).min(len), a.max(b).min(len));
            let q = d.text.slice_cp(s as usize, e as usize).unwrap();
            prop_assert!(q.chars().all(char::is_whitespace));
            return Ok(());
        };
        prop_assert!(r.start < r.end && r.end <= len);
        let p = d.structure.paragraphs[d.structure.paragraph_at(r.start)];
        prop_assert!(p.0 <= r.start && r.end <= p.1);
        let q = d.quote((r.start, r.end));
        prop_assert!(!q.starts_with(char::is_whitespace) && !q.ends_with(char::is_whitespace));
        let (s, e) = (a.min(b).min(len), a.max(b).min(len));
        // Clipped exactly when the drag holds more than whitespace past the
        // paragraph's end.
        let past = d.text.slice_cp(p.1.max(s) as usize, e.max(p.1) as usize).unwrap();
        prop_assert_eq!(r.clipped_to_paragraph, !past.chars().all(char::is_whitespace));
        if exact {
            prop_assert!(s <= r.start && r.end <= e);
        } else {
            let bs = &d.seg.subword_boundaries;
            for x in [r.start, r.end] {
                let on = bs.binary_search(&x).is_ok() || word_at(&d.seg, x).is_none_or(|w| w.0 == x);
                prop_assert!(on, "{} is inside a sub-word", x);
            }
            // The drag's non-whitespace part is covered.
            let e2 = e.min(p.1);
            let drag = d.text.slice_cp(s as usize, e2 as usize).unwrap();
            let lead = drag.chars().take_while(|c| c.is_whitespace()).count() as u32;
            let trail = drag.chars().rev().take_while(|c| c.is_whitespace()).count() as u32;
            prop_assert!(r.start <= s + lead && e2 - trail <= r.end);
        }
    }
}

/// Regression: Alt+← stepped into 👩‍👩‍👧 one code point at a time, so a lone
/// zero-width joiner could be labelled. Walking a document by characters,
/// either way, stops at exactly its grapheme cluster boundaries.
#[test]
fn a_keyboard_step_by_character_never_stops_inside_a_grapheme_cluster() {
    use biaozhu::document::Document;
    use unicode_segmentation::UnicodeSegmentation;
    let text = "𠮷a👩\u{200d}👩\u{200d}👧e\u{301}\r\n🇨🇳中";
    let doc = Document::new(text);
    let mut clusters = vec![0u32];
    for g in text.graphemes(true) {
        clusters.push(clusters.last().unwrap() + g.chars().count() as u32);
    }
    let len = *clusters.last().unwrap();
    let (mut forward, mut at) = (vec![0u32], 0);
    while at < len {
        at = doc.step(at, true, Step::Char);
        forward.push(at);
    }
    assert_eq!(forward, clusters);
    let mut backward = vec![len];
    while at > 0 {
        at = doc.step(at, false, Step::Char);
        backward.push(at);
    }
    backward.reverse();
    assert_eq!(backward, clusters);
    assert_eq!(doc.step(len, true, Step::Char), len);
    assert_eq!(doc.step(0, false, Step::Char), 0);
    // Before its words arrive (or when cutting failed) a word step is a character step: whole clusters too.
    assert_eq!(doc.step(2, true, Step::Word), 7);
    assert_eq!(doc.step(7, false, Step::Word), 2);
}
