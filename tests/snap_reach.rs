//! How many entity spans of the People's Daily dev set a plain drag can
//! reach (issue 17): a span is reachable when both its ends are among the
//! word and sub-word boundaries of its text's segmentation. The corpus is
//! in `../shared`, never in the repository: without it these tests say so
//! and pass.

use std::collections::HashSet;
use std::path::Path;

use biaozhu::annotation::AnnotatedDocument;
use biaozhu::formats::{self, Format};
use biaozhu::segment::{Segmentation, Segmenter};

const DEV: &str = "../shared/corpus/ner/peoples-daily.dev.bio";

fn dev_set() -> Option<AnnotatedDocument> {
    if !Path::new(DEV).exists() {
        println!("skipped: {DEV} is absent");
        return None;
    }
    let content = std::fs::read_to_string(DEV).unwrap();
    let mut docs = formats::import_all(Format::ConllChar, DEV, &content, None).unwrap();
    assert_eq!(docs.len(), 1);
    docs.pop()
}

/// The share of `spans` whose both ends are boundaries of `seg`.
fn reach(seg: &Segmentation, spans: &[(u32, u32)]) -> f64 {
    let b: HashSet<u32> = seg.subword_boundaries.iter().copied().collect();
    let hit = spans
        .iter()
        .filter(|(s, e)| b.contains(s) && b.contains(e))
        .count();
    hit as f64 / spans.len() as f64
}

fn spans(doc: &AnnotatedDocument) -> Vec<(u32, u32)> {
    let mut v: Vec<_> = doc.annotations.iter().map(|a| (a.start, a.end)).collect();
    v.sort_unstable();
    v
}

#[test]
fn a_plain_drag_reaches_96_percent_of_entity_spans() {
    let Some(doc) = dev_set() else { return };
    let seg = Segmenter::embedded().segment(&doc.text);
    let r = reach(&seg, &spans(&doc));
    println!("snap reach, nothing learnt: {:.1}%", r * 100.0);
    if std::env::var_os("REACH_MISSES").is_some() {
        let b: HashSet<u32> = seg.subword_boundaries.iter().copied().collect();
        let chars: Vec<char> = doc.text.chars().collect();
        for (s, e) in spans(&doc) {
            if !(b.contains(&s) && b.contains(&e)) {
                let lo = seg.words.partition_point(|w| w.end <= s);
                let hi = seg.words.partition_point(|w| w.start < e);
                let ctx: Vec<String> = seg.words[lo..hi]
                    .iter()
                    .map(|w| chars[w.start as usize..w.end as usize].iter().collect())
                    .collect();
                let span: String = chars[s as usize..e as usize].iter().collect();
                println!("MISS {span}\t{}", ctx.join("|"));
            }
        }
    }
    assert!(r >= 0.96, "reach {r}");
}

#[test]
fn after_learning_the_first_half_a_drag_reaches_98_percent_of_the_second() {
    let Some(doc) = dev_set() else { return };
    let newlines: Vec<usize> = doc.text.match_indices('\n').map(|(b, _)| b).collect();
    let cut = newlines[newlines.len() / 2] + 1;
    let cut_cp = doc.text[..cut].chars().count() as u32;
    let mut segmenter = Segmenter::embedded();
    let chars: Vec<char> = doc.text.chars().collect();
    for a in doc.annotations.iter().filter(|a| a.end <= cut_cp) {
        let word: String = chars[a.start as usize..a.end as usize].iter().collect();
        segmenter.learn(&word, None, Some(&a.label)).unwrap();
    }
    let second = &doc.text[cut..];
    let seg = segmenter.segment(second);
    let later: Vec<(u32, u32)> = spans(&doc)
        .into_iter()
        .filter(|&(s, _)| s >= cut_cp)
        .map(|(s, e)| (s - cut_cp, e - cut_cp))
        .collect();
    let r = reach(&seg, &later);
    println!(
        "snap reach on the second half, {} words learnt from the first: {:.1}%",
        segmenter.learnt().len(),
        r * 100.0
    );
    assert!(r >= 0.98, "reach {r}");
}

/// Re-cutting only the lines a learnt word touches gives what cutting the
/// whole text again gives.
#[test]
fn resegmenting_the_changed_lines_matches_a_whole_segmentation() {
    let text = "一带一路倡议\n他说一带一路很好。\n\n中美关系";
    let mut segmenter = Segmenter::embedded();
    let mut seg = segmenter.segment(text);
    segmenter.learn("一带一路", None, Some("MISC")).unwrap();
    segmenter.learn("路很", None, None).unwrap();
    assert_ne!(seg, segmenter.segment(text));
    seg = segmenter.segment(text);
    segmenter.learn("他说", None, None).unwrap();
    segmenter.resegment(text, &mut seg, 7, 9);
    assert_eq!(seg, segmenter.segment(text));
    segmenter.forget("他说");
    segmenter.resegment(text, &mut seg, 0, text.chars().count() as u32);
    assert_eq!(seg, segmenter.segment(text));
}

/// A learnt word keeps no inner boundary: a drag inside 带 of 一带一路 takes it whole.
#[test]
fn a_learnt_word_is_reached_whole() {
    let mut segmenter = Segmenter::embedded();
    assert!(segmenter
        .segment("一带一路")
        .subword_boundaries
        .contains(&2));
    segmenter.learn("一带一路", None, None).unwrap();
    assert_eq!(segmenter.segment("一带一路").subword_boundaries, [0, 4]);
}

/// Words that hold an abbreviation or a title stay whole in running text.
#[test]
fn ordinary_words_keep_no_abbreviation_boundary() {
    let seg = Segmenter::embedded().segment("中国美丽日本华丽京城工人校长成员中间");
    let words: Vec<u32> = seg.words.iter().flat_map(|w| [w.start, w.end]).collect();
    let mut ends = words.clone();
    ends.dedup();
    assert_eq!(seg.subword_boundaries, ends);
}

#[test]
fn a_user_dictionary_round_trips_and_bad_lines_are_named() {
    let mut segmenter = Segmenter::embedded();
    let n = segmenter
        .import_user_dict("一带一路 5 LOC\n\n中美 3\n访华\n")
        .unwrap();
    assert_eq!(n, 3);
    assert_eq!(
        segmenter.export_user_dict(),
        "一带一路 5 LOC\n中美 3\n访华\n"
    );
    let e = segmenter.import_user_dict("新词 1\n坏词 x\n").unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.to_string().contains("line 2"), "{e}");
    let e = segmenter.import_user_dict("a 1 n extra\n").unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(
        !segmenter.learnt().contains("新词"),
        "a refused file teaches nothing"
    );
}

/// A learnt word splits the tokens it cuts across and joins those inside
/// it, and every token stays one of the text's (ascending, none empty),
/// whatever the text around it: Latin, digits, punctuation, line breaks.
#[test]
fn learnt_words_cut_across_tokens_and_keep_the_tokens_valid() {
    let mut segmenter = Segmenter::embedded();
    for w in ["国政", "A股市", "2030年G", "京\u{3000}", "。北"] {
        assert_eq!(
            segmenter.learn(w, None, None).is_ok(),
            !w.contains('\u{3000}'),
            "{w}"
        );
    }
    let text = "美国政府发表声明。北京A股市场\n2030年GDP增长，国政";
    let seg = segmenter.segment(text);
    let chars: Vec<char> = text.chars().collect();
    let words: Vec<String> = seg
        .words
        .iter()
        .map(|w| chars[w.start as usize..w.end as usize].iter().collect())
        .collect();
    for w in ["国政", "A股市", "。北"] {
        assert!(words.iter().any(|x| x == w), "{w} in {words:?}");
    }
    // 2030年G would cut the Latin word GDP, which is never cut: the token
    // reaches to the word's end.
    assert!(words.iter().any(|x| x == "2030年GDP"), "{words:?}");
    biaozhu::segment::check_tokens(&seg.words, 0, chars.len() as u32).unwrap();
    assert!(seg.words.iter().all(|w| w.start < w.end));
    let mut b = seg.subword_boundaries.clone();
    b.dedup();
    assert_eq!(b, seg.subword_boundaries);
    assert!(b.windows(2).all(|p| p[0] < p[1]));
}
