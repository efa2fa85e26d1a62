//! The `#[wasm_bindgen]` boundary, run in headless Chromium (`make test-wasm`):
//! what the page sends (UTF-16 positions, typed arrays, dictionary bytes)
//! comes back right, and bad input comes back as a `JsError`, never a panic.
#![cfg(target_arch = "wasm32")]

use biaozhu::wasm::{Document, DocumentBuilder, Segmenter};
use js_sys::JsString;
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A small dictionary in jieba's format, enough for the test sentences (the
/// page fetches the real one; the wasm build embeds none).
const DICT: &str = "习近平 1000 nr\n普京 1000 nr\n会晤 500 v\n同 800 p\n俄罗斯 800 ns\n\
                    总统 800 n\n视频 500 n\n美国 800 ns\n政府 800 n\n美国政府 400 nt\n\
                    发表 500 v\n声明 500 n\n";

fn doc(text: &str) -> Document {
    Document::new(&JsString::from(text)).unwrap_or_else(|e| panic!("{}", message(e)))
}

fn segmenter() -> Segmenter {
    Segmenter::new(DICT.as_bytes()).unwrap_or_else(|e| panic!("{}", message(e)))
}

/// The message a `JsError` carries, as the page would read `err.message`.
fn message(e: impl Into<JsValue>) -> String {
    let v: JsValue = e.into();
    let err: js_sys::Error = v
        .dyn_into()
        .expect("an error from the boundary is an Error");
    err.message().into()
}

/// A span the boundary answers with, as JSON (`undefined` for none), so
/// that a test reads the names the page reads.
fn shown(r: Result<JsValue, JsError>) -> String {
    let v = r.unwrap_or_else(|e| panic!("{}", message(e)));
    js_sys::JSON::stringify(&v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "undefined".to_owned())
}

/// A document with its words set from the test dictionary, as the page does
/// after the worker answers.
fn doc_with_words(text: &str) -> Document {
    let mut d = doc(text);
    let seg = segmenter()
        .segment(&JsString::from(text))
        .unwrap_or_else(|e| panic!("{}", message(e)));
    d.set_words(&seg.words_cp(), &seg.kinds(), &seg.subwords_cp())
        .unwrap_or_else(|e| panic!("{}", message(e)));
    assert!(d.has_words());
    d
}

#[wasm_bindgen_test]
fn document_lengths_count_code_points_and_utf16_units() {
    let d = doc("😀李白出生于碎叶城，与杜甫是好友。");
    assert_eq!(d.length_cp(), 17);
    assert_eq!(d.length_u16(), 18);
    // The JS string the page holds agrees.
    let js = JsString::from("😀李白出生于碎叶城，与杜甫是好友。");
    assert_eq!(js.length(), d.length_u16());
}

#[wasm_bindgen_test]
fn paragraphs_in_code_points_and_utf16_units() {
    let d = doc("😀第一行\r\n𠮷第二行\n\n末");
    assert_eq!(d.paragraphs_cp(), vec![0, 4, 6, 10, 11, 11, 12, 13]);
    assert_eq!(
        d.paragraphs_u16()
            .unwrap_or_else(|e| panic!("{}", message(e))),
        vec![0, 5, 7, 12, 13, 13, 14, 15]
    );
    assert_eq!(d.nonblank_paragraphs(), 3);
    assert_eq!(d.sentences_cp(), vec![0, 4, 6, 10, 12, 13]);
}

#[wasm_bindgen_test]
fn cp_u16_conversions_on_emoji_text() {
    let d = doc("😀李白");
    assert_eq!(
        d.cp_to_u16(&[0, 1, 2, 3])
            .unwrap_or_else(|e| panic!("{}", message(e))),
        vec![0, 2, 3, 4]
    );
    assert_eq!(
        d.u16_to_cp(&[0, 2, 3, 4])
            .unwrap_or_else(|e| panic!("{}", message(e))),
        vec![0, 1, 2, 3]
    );
    // Unit 1 is between the halves of 😀.
    let err = message(d.u16_to_cp(&[1]).expect_err("inside a surrogate pair"));
    assert!(err.contains("UTF-16 offset 1"), "{err}");
    let err = message(d.cp_to_u16(&[4]).expect_err("past the end"));
    assert!(err.contains("past the end"), "{err}");
    assert_eq!(
        d.slice_cp(1, 3)
            .unwrap_or_else(|e| panic!("{}", message(e))),
        "李白"
    );
    assert!(d.slice_cp(3, 1).is_err());
}

#[wasm_bindgen_test]
fn lone_surrogate_text_is_refused_with_its_position() {
    // "a" then a lone high surrogate: not valid Unicode.
    let bad = JsString::from_char_code(&[0x61, 0xD83D, 0x62]);
    let err = message(Document::new(&bad).err().expect("refused"));
    assert!(
        err.contains("lone surrogate") && err.contains("offset 1"),
        "{err}"
    );
}

#[wasm_bindgen_test]
fn segmenter_from_dictionary_bytes_cuts_whole_words() {
    let text = "习近平同普京会晤ВСТРЕЧА";
    let seg = segmenter()
        .segment(&JsString::from(text))
        .unwrap_or_else(|e| panic!("{}", message(e)));
    assert_eq!(seg.words_cp(), vec![0, 3, 3, 4, 4, 6, 6, 8, 8, 15]);
    assert_eq!(seg.words_u16(), seg.words_cp(), "all in the BMP");
    assert_eq!(seg.kinds(), vec![0, 0, 0, 0, 1]);
    assert_eq!(seg.word_count(), 5);
    let b = seg.subwords_cp();
    for x in [0, 3, 4, 6, 8, 15] {
        assert!(b.contains(&x), "{x} in {b:?}");
    }
}

#[wasm_bindgen_test]
fn segmented_utf16_offsets_shift_after_astral_characters() {
    let seg = segmenter()
        .segment(&JsString::from("😀习近平"))
        .unwrap_or_else(|e| panic!("{}", message(e)));
    assert_eq!(seg.words_cp(), vec![0, 1, 1, 4]);
    assert_eq!(seg.words_u16(), vec![0, 2, 2, 5]);
    assert_eq!(seg.kinds(), vec![2, 0]);
    assert_eq!(seg.subwords_u16(), vec![0, 2, 5]);
}

#[wasm_bindgen_test]
fn invalid_dictionary_is_an_error_not_a_panic() {
    let err = message(
        Segmenter::new("习近平 many nr\n".as_bytes())
            .err()
            .expect("a frequency that is not a number"),
    );
    assert!(err.contains("dictionary"), "{err}");
    let err = message(
        Segmenter::new(&[0xe4_u8, 0xb9, 0x0a, 0xff][..])
            .err()
            .expect("bytes that are not UTF-8"),
    );
    assert!(err.contains("dictionary"), "{err}");
}

#[wasm_bindgen_test]
fn snap_takes_utf16_positions_and_answers_in_both_units() {
    let d = doc_with_words("😀美国政府发表声明。");
    // A drag from inside 美 to inside 国: UTF-16 2..3 is code points 1..2.
    assert_eq!(
        shown(d.snap(2, 3, false)),
        r#"{"startCp":1,"endCp":3,"startU16":2,"endU16":4,"cut":false}"#
    );
    // Exact keeps the characters.
    assert_eq!(
        shown(d.snap(3, 2, true)),
        r#"{"startCp":1,"endCp":2,"startU16":2,"endU16":3,"cut":false}"#
    );
    // Inside 😀's surrogate pair is refused, not guessed.
    assert!(d.snap(1, 4, false).is_err());
    assert!(d.snap(0, 99, false).is_err());
    // The keyboard's ends are code points already: the same answer.
    assert_eq!(shown(d.snap_cp(1, 2, false)), shown(d.snap(2, 3, false)));
    assert_eq!(shown(d.snap_cp(2, 1, true)), shown(d.snap(3, 2, true)));
    assert!(
        d.snap_cp(0, 11, false).is_err(),
        "past the end (10 code points)"
    );
}

#[wasm_bindgen_test]
fn snap_clips_to_the_first_paragraph_and_trims_whitespace() {
    let d = doc_with_words("美国政府\r\n发表声明");
    assert_eq!(
        shown(d.snap(2, 9, false)),
        r#"{"startCp":2,"endCp":4,"startU16":2,"endU16":4,"cut":true}"#
    );
    assert_eq!(shown(d.snap(4, 6, false)), "undefined");
}

#[wasm_bindgen_test]
fn word_at_and_widen_and_step() {
    let d = doc_with_words("😀习近平同普京会晤。普京发表声明。");
    // UTF-16 3 is inside 习近平 (code points 1..4, units 2..5).
    assert_eq!(
        shown(d.word_at(3)),
        r#"{"startCp":1,"endCp":4,"startU16":2,"endU16":5}"#
    );
    assert!(d.word_at(1).is_err(), "inside a surrogate pair");
    assert_eq!(shown(d.word_at(18)), "undefined");
    // Word → sentence → paragraph.
    assert_eq!(
        shown(d.widen(1, 4)),
        r#"{"startCp":0,"endCp":10,"startU16":0,"endU16":11}"#
    );
    assert_eq!(
        shown(d.widen(0, 10)),
        r#"{"startCp":0,"endCp":17,"startU16":0,"endU16":18}"#
    );
    assert!(d.widen(4, 1).is_err());
    assert!(d.widen(0, 18).is_err());
    assert_eq!(d.step(1, true, false), 4);
    assert_eq!(d.step(4, false, false), 1);
    assert_eq!(d.step(1, true, true), 2);
    assert_eq!(d.step(99, false, true), 16);
}

/// Words, kinds, sub-word boundaries, and what the refusal must say.
type SetWordsCase = (&'static [u32], &'static [u8], &'static [u32], &'static str);

#[wasm_bindgen_test]
fn set_words_rejects_bad_arrays_with_a_message() {
    let mut d = doc("美国政府发表");
    let cases: [SetWordsCase; 6] = [
        (&[0, 2, 2], &[0], &[0, 2], "one kind for every"),
        (&[0, 4, 2, 6], &[0, 0], &[0, 2, 4, 6], "out of order"),
        (&[0, 9], &[0], &[0, 9], "outside the text"),
        (&[0, 2], &[7], &[0, 2], "unknown word kind 7"),
        (&[0, 2], &[0], &[2, 0], "must ascend"),
        (
            &[0, 4],
            &[0],
            &[0, 2],
            "lack the start or end of word [0, 4)",
        ),
    ];
    for (words, kinds, subwords, want) in cases {
        let err = message(
            d.set_words(words, kinds, subwords)
                .err()
                .unwrap_or_else(|| panic!("{words:?} {kinds:?} {subwords:?} accepted")),
        );
        assert!(err.contains(want), "{err} (wanted {want:?})");
        assert!(!d.has_words(), "a refused call sets nothing");
    }
    // Empty arrays are fine: a text with no words.
    d.set_words(&[], &[], &[])
        .unwrap_or_else(|e| panic!("{}", message(e)));
    assert!(d.has_words());
}

/// Every getter of a document, to compare two of them.
fn summary(d: &Document) -> (u32, u32, String, Vec<u32>, Vec<u32>, Vec<u32>, u32) {
    (
        d.length_cp(),
        d.length_u16(),
        d.sha256(),
        d.paragraphs_cp(),
        d.paragraphs_u16()
            .unwrap_or_else(|e| panic!("{}", message(e))),
        d.sentences_cp(),
        d.nonblank_paragraphs(),
    )
}

/// The text in pieces of `size` UTF-16 units, never cutting a surrogate
/// pair (as the page cuts it).
fn build_in_pieces(text: &str, size: usize) -> Document {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut b = DocumentBuilder::new();
    let mut at = 0;
    while at < units.len() {
        let mut end = (at + size).min(units.len());
        if (0xD800..0xDC00).contains(&units[end - 1]) {
            end += 1;
        }
        b.push(&JsString::from_char_code(&units[at..end]))
            .unwrap_or_else(|e| panic!("{}", message(e)));
        at = end;
        assert_eq!(b.length_u16() as usize, at);
    }
    b.finish()
}

#[wasm_bindgen_test]
fn document_builder_in_pieces_equals_the_whole_text() {
    let text = "😀第一行。\"好\"\r\n𠮷野家的牛肉饭！”\n\n👨‍👩‍👧 家庭\r末\u{2028}  ВСТРЕЧА  ";
    let whole = doc(text);
    for size in [1, 2, 3, 5, 8, 1000] {
        let d = build_in_pieces(text, size);
        assert_eq!(summary(&d), summary(&whole), "pieces of {size} units");
        assert_eq!(
            d.slice_cp(0, d.length_cp())
                .unwrap_or_else(|e| panic!("{}", message(e))),
            text
        );
    }
    // Room reserved for the rest (well, badly, or beyond what there is)
    // changes nothing but speed.
    for length in [text.encode_utf16().count() as u32, 3, u32::MAX] {
        let mut b = DocumentBuilder::new();
        b.reserve(length);
        b.push(&JsString::from("😀第一行。"))
            .unwrap_or_else(|e| panic!("{}", message(e)));
        b.reserve(length);
        b.push(&JsString::from(&text["😀第一行。".len()..]))
            .unwrap_or_else(|e| panic!("{}", message(e)));
        assert_eq!(summary(&b.finish()), summary(&whole), "reserve({length})");
    }
    // No piece at all: the empty text.
    assert_eq!(summary(&DocumentBuilder::new().finish()), summary(&doc("")));
    assert_eq!(
        doc("").sha256(),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[wasm_bindgen_test]
fn document_builder_refuses_a_lone_surrogate_at_its_offset_in_the_whole_text() {
    let mut b = DocumentBuilder::new();
    b.push(&JsString::from("😀李白"))
        .unwrap_or_else(|e| panic!("{}", message(e)));
    // The second piece: "a", a lone low surrogate, "b"; the surrogate is at
    // unit 1 of the piece, unit 4 + 1 of the whole text.
    let bad = JsString::from_char_code(&[0x61, 0xDE00, 0x62]);
    let err = message(b.push(&bad).expect_err("refused"));
    assert!(
        err.contains("lone surrogate") && err.contains("offset 5"),
        "{err}"
    );
    assert_eq!(b.length_u16(), 4, "a refused piece is not kept");
    // A pair cut between two pieces is two lone halves.
    let err = message(
        b.push(&JsString::from_char_code(&[0x6C, 0xD83D]))
            .expect_err("a high surrogate at the end of a piece"),
    );
    assert!(err.contains("offset 5"), "{err}");
    // A real U+FFFD in the text is text, not a lone surrogate.
    b.push(&JsString::from("\u{FFFD}x"))
        .unwrap_or_else(|e| panic!("{}", message(e)));
    let d = b.finish();
    assert_eq!(d.length_u16(), 6);
    assert_eq!(
        d.slice_cp(3, 5)
            .unwrap_or_else(|e| panic!("{}", message(e))),
        "\u{FFFD}x"
    );
    // The one-shot constructor takes U+FFFD too, and still refuses a lone
    // surrogate after one.
    assert_eq!(doc("\u{FFFD}").length_u16(), 1);
    let err = message(
        Document::new(&JsString::from_char_code(&[0xFFFD, 0xDC00]))
            .err()
            .expect("refused"),
    );
    assert!(err.contains("offset 1"), "{err}");
}

#[wasm_bindgen_test]
fn append_words_in_pieces_then_finish_words() {
    let text = "😀习近平同普京会晤。普京发表声明。";
    let whole = doc_with_words(text);
    let seg = segmenter()
        .segment(&JsString::from(text))
        .unwrap_or_else(|e| panic!("{}", message(e)));
    let (words, kinds, subs) = (seg.words_cp(), seg.kinds(), seg.subwords_cp());
    let mut d = doc(text);
    // Three pieces of words; the second piece repeats the boundary the
    // first ended with, as segmenting pieces of text apart gives it.
    let cut_w = [0, 3, 6, kinds.len()];
    for w in cut_w.windows(2) {
        let (a, b) = (w[0], w[1]);
        let first = words[a * 2];
        let last = words[b * 2 - 1];
        let piece_subs: Vec<u32> = subs
            .iter()
            .copied()
            .filter(|&x| (first..=last).contains(&x))
            .collect();
        d.append_words(&words[a * 2..b * 2], &kinds[a..b], &piece_subs)
            .unwrap_or_else(|e| panic!("{}", message(e)));
        assert!(!d.has_words(), "not before finishWords");
    }
    // Before finishWords, snapping is by character as without words.
    assert_eq!(
        shown(d.snap(3, 4, false)),
        r#"{"startCp":2,"endCp":3,"startU16":3,"endU16":4,"cut":false}"#
    );
    assert_eq!(shown(d.word_at(3)), "undefined");
    d.finish_words();
    assert!(d.has_words());
    for (s, e) in [(3, 4), (2, 9), (12, 14)] {
        assert_eq!(shown(d.snap(s, e, false)), shown(whole.snap(s, e, false)));
    }
    for cp in 0..=17 {
        assert_eq!(d.step(cp, true, false), whole.step(cp, true, false));
        assert_eq!(d.step(cp, false, false), whole.step(cp, false, false));
    }
    // finishWords with nothing appended: a text with no words.
    let mut e = doc(text);
    e.finish_words();
    assert!(e.has_words());
    assert_eq!(shown(e.word_at(3)), "undefined");
}

#[wasm_bindgen_test]
fn append_words_checks_each_piece_against_the_end_of_the_last() {
    let mut d = doc("美国政府发表声明");
    d.append_words(&[0, 2, 2, 4], &[0, 0], &[0, 2, 4])
        .unwrap_or_else(|e| panic!("{}", message(e)));
    let cases: [SetWordsCase; 7] = [
        (&[2, 6], &[0], &[4, 6], "out of order"),
        (&[4, 9], &[0], &[4, 9], "outside the text"),
        (&[4, 6], &[0, 0], &[4, 6], "one kind for every"),
        (&[4, 6], &[9], &[4, 6], "unknown word kind 9"),
        (&[4, 6], &[0], &[3, 6], "must ascend"),
        (&[4, 6], &[0], &[6, 5], "must ascend"),
        (&[4, 8], &[0], &[6], "lack the start or end of word [4, 8)"),
    ];
    for (words, kinds, subwords, want) in cases {
        let err = message(
            d.append_words(words, kinds, subwords)
                .err()
                .unwrap_or_else(|| panic!("{words:?} {kinds:?} {subwords:?} accepted")),
        );
        assert!(
            err.contains("appendWords") && err.contains(want),
            "{err} (wanted {want:?})"
        );
    }
    // A refused piece is not kept: the next good one continues after [2, 4).
    // Its start, 4, came with the first piece's boundaries.
    d.append_words(&[4, 6, 6, 8], &[0, 0], &[6, 8])
        .unwrap_or_else(|e| panic!("{}", message(e)));
    d.finish_words();
    assert_eq!(
        shown(d.word_at(5)),
        r#"{"startCp":4,"endCp":6,"startU16":4,"endU16":6}"#
    );
    // setWords still replaces them in one call, and leaves a chunked set
    // under way alone.
    d.append_words(&[0, 4], &[0], &[0, 4])
        .unwrap_or_else(|e| panic!("{}", message(e)));
    d.set_words(&[0, 8], &[0], &[0, 8])
        .unwrap_or_else(|e| panic!("{}", message(e)));
    assert_eq!(
        shown(d.word_at(5)),
        r#"{"startCp":0,"endCp":8,"startU16":0,"endU16":8}"#
    );
    d.finish_words();
    assert_eq!(
        shown(d.word_at(5)),
        "undefined",
        "the chunked set [0, 4) is now in use"
    );
}
