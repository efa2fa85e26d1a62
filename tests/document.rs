//! Paragraphs and sentences: paragraphs and the breaks between them tile the
//! text exactly, and sentences never cross a paragraph.
// Native only: proptest and the embedded dictionary are not in the wasm build.
#![cfg(not(target_arch = "wasm32"))]

use biaozhu::document::Structure;
use proptest::prelude::*;

const SEED: &str = include_str!("../www/samples/seed.txt");

/// Length in code points of the line break starting at `chars[i]`, if any.
fn break_len(chars: &[char], i: usize) -> usize {
    match chars[i] {
        '\r' if chars.get(i + 1) == Some(&'\n') => 2,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => 1,
        _ => 0,
    }
}

/// Paragraphs start at 0, end at the text's end, hold no break, and each gap
/// between two of them is exactly one line break.
fn check_tiling(text: &str, s: &Structure) {
    let chars: Vec<char> = text.chars().collect();
    let ps = &s.paragraphs;
    assert!(!ps.is_empty(), "even an empty text has one paragraph");
    assert_eq!(ps[0].0, 0);
    assert_eq!(ps.last().unwrap().1 as usize, chars.len());
    for &(a, b) in ps {
        assert!(a <= b);
        for i in a as usize..b as usize {
            assert_eq!(
                break_len(&chars, i),
                0,
                "break inside paragraph [{a}, {b}) at {i}"
            );
        }
    }
    for w in ps.windows(2) {
        let (end, next) = (w[0].1 as usize, w[1].0 as usize);
        let n = break_len(&chars, end);
        assert!(n > 0, "paragraph ends at {end} without a break");
        assert_eq!(end + n, next, "the gap at {end} is exactly one break");
    }
}

/// Sentences ascend, lie inside one paragraph, are trimmed, and cover every
/// non-whitespace character.
fn check_sentences(text: &str, s: &Structure) {
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for &(a, b) in &s.sentences {
        assert!(last <= a && a < b, "sentence [{a}, {b}) after {last}");
        last = b;
        let p = s.paragraph_at(a);
        let (ps, pe) = s.paragraphs[p];
        assert!(
            ps <= a && b <= pe,
            "sentence [{a}, {b}) crosses paragraph [{ps}, {pe})"
        );
        assert!(!chars[a as usize].is_whitespace() && !chars[b as usize - 1].is_whitespace());
    }
    for (i, c) in chars.iter().enumerate() {
        let i = i as u32;
        let inside = s.sentences.iter().any(|&(a, b)| a <= i && i < b);
        assert!(
            inside || c.is_whitespace(),
            "code point {i} {c:?} is in no sentence"
        );
    }
}

fn sentence_strings(text: &str, s: &Structure) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    s.sentences
        .iter()
        .map(|&(a, b)| chars[a as usize..b as usize].iter().collect())
        .collect()
}

#[test]
fn paragraphs_tile_the_text_with_every_kind_of_break() {
    let text = "甲\n乙\r\n丙\r丁\u{2028}戊\u{2029}己";
    let s = Structure::of(text);
    assert_eq!(
        s.paragraphs,
        [(0, 1), (2, 3), (5, 6), (7, 8), (9, 10), (11, 12)]
    );
    check_tiling(text, &s);
}

#[test]
fn blank_lines_are_empty_paragraphs() {
    let text = "一\n\n\r\n二\n";
    let s = Structure::of(text);
    assert_eq!(s.paragraphs, [(0, 1), (2, 2), (3, 3), (5, 6), (7, 7)]);
    assert_eq!(s.nonblank_paragraphs(text), 2);
    check_tiling(text, &s);
    assert_eq!(Structure::of("").paragraphs, [(0, 0)]);
    assert!(Structure::of("").sentences.is_empty());
}

#[test]
fn crlf_is_one_break_but_cr_cr_is_two() {
    let s = Structure::of("a\r\nb");
    assert_eq!(s.paragraphs, [(0, 1), (3, 4)]);
    let s = Structure::of("a\r\rb");
    assert_eq!(s.paragraphs, [(0, 1), (2, 2), (3, 4)]);
    // "\n\r" is two breaks too (LF then CR), not one.
    let s = Structure::of("a\n\rb");
    assert_eq!(s.paragraphs, [(0, 1), (2, 2), (3, 4)]);
}

#[test]
fn sentences_end_after_stop_marks_and_closing_quotes() {
    let text = "他说：“好。”然后走了！真的？是；结束";
    let s = Structure::of(text);
    assert_eq!(
        sentence_strings(text, &s),
        ["他说：“好。”", "然后走了！", "真的？", "是；", "结束"]
    );
    check_sentences(text, &s);
}

#[test]
fn repeated_marks_and_closing_brackets_stay_with_their_sentence() {
    let text = "什么？！（完）》下一句。。。 Done! OK?他说“走。”）后来";
    let s = Structure::of(text);
    assert_eq!(
        sentence_strings(text, &s),
        [
            "什么？！",
            "（完）》下一句。。。",
            "Done!",
            "OK?",
            "他说“走。”）",
            "后来"
        ]
    );
    check_sentences(text, &s);
}

#[test]
fn sentences_never_cross_a_paragraph_break() {
    let text = "第一句没有句号\r\n第二段。第三句\n\n  第四段  ";
    let s = Structure::of(text);
    assert_eq!(
        sentence_strings(text, &s),
        ["第一句没有句号", "第二段。", "第三句", "第四段"]
    );
    check_tiling(text, &s);
    check_sentences(text, &s);
}

#[test]
fn sentence_whitespace_is_trimmed() {
    let text = "\u{3000}  开头有空格。  然后。\t";
    let s = Structure::of(text);
    assert_eq!(sentence_strings(text, &s), ["开头有空格。", "然后。"]);
    assert_eq!(s.sentences[0].0, 3);
}

#[test]
fn seed_paragraphs_and_sentences() {
    let s = Structure::of(SEED);
    check_tiling(SEED, &s);
    check_sentences(SEED, &s);
    let lines: Vec<&str> = SEED.split('\n').collect();
    assert_eq!(s.paragraphs.len(), lines.len());
    assert_eq!(
        s.nonblank_paragraphs(SEED),
        lines.iter().filter(|l| !l.trim().is_empty()).count()
    );
    let sents = sentence_strings(SEED, &s);
    assert!(sents.contains(&"两国元首相约明年2月北京见。".to_string()));
    let crlf = SEED.replace('\n', "\r\n");
    let s2 = Structure::of(&crlf);
    check_tiling(&crlf, &s2);
    assert_eq!(s2.paragraphs.len(), s.paragraphs.len());
    assert_eq!(sentence_strings(&crlf, &s2), sents);
}

#[test]
fn paragraph_at_gives_the_break_to_the_paragraph_before() {
    let s = Structure::of("ab\ncd");
    assert_eq!(s.paragraph_at(0), 0);
    assert_eq!(s.paragraph_at(2), 0, "the break itself");
    assert_eq!(s.paragraph_at(3), 1);
    assert_eq!(s.paragraph_at(5), 1);
    assert_eq!(s.paragraph_at(99), 1, "past the end: the last paragraph");
}

/// Regression: between the `\r` and the `\n` of a CRLF, `paragraph_at` gave
/// the paragraph after the break (which starts later), not the one before.
#[test]
fn paragraph_at_inside_crlf_is_the_paragraph_before() {
    let s = Structure::of("ab\r\ncd");
    assert_eq!(s.paragraph_at(2), 0);
    assert_eq!(s.paragraph_at(3), 0, "between \\r and \\n");
    assert_eq!(s.paragraph_at(4), 1);
    let s = Structure::of("ab\n\n\r\ncd");
    assert_eq!(s.paragraph_at(3), 1, "an empty paragraph at 3");
    assert_eq!(
        s.paragraph_at(5),
        2,
        "inside the CRLF after the empty paragraph at 4"
    );
    for cp in 0..=8 {
        let p = s.paragraphs[s.paragraph_at(cp)];
        assert!(p.0 <= cp, "paragraph {p:?} starts after {cp}");
    }
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{1,3}",
        "[\u{4e00}-\u{4e10}]{1,3}",
        Just("。".to_string()),
        Just("！".to_string()),
        Just("”".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{2029}".to_string()),
        Just("😀".to_string()),
        Just("\u{3000}".to_string()),
    ]
}

proptest! {
    #[test]
    fn random_texts_tile_and_sentences_stay_in_paragraphs(
        parts in prop::collection::vec(piece(), 0..40)
    ) {
        let text = parts.concat();
        let s = Structure::of(&text);
        check_tiling(&text, &s);
        check_sentences(&text, &s);
        for cp in 0..=text.chars().count() as u32 {
            let p = s.paragraphs[s.paragraph_at(cp)];
            prop_assert!(p.0 <= cp);
        }
    }
}
