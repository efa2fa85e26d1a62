//! The `#[wasm_bindgen]` boundary, run in headless Chromium (`make test-wasm`):
//! what the page sends (UTF-16 positions, typed arrays, dictionary bytes)
//! comes back right, and bad input comes back as a `JsError`, never a panic.
#![cfg(target_arch = "wasm32")]

use biaozhu::wasm::{Document, Segmenter};
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
fn message(e: JsError) -> String {
    let v: JsValue = e.into();
    let err: js_sys::Error = v.dyn_into().expect("a JsError is an Error");
    err.message().into()
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
        d.snap(2, 3, false)
            .unwrap_or_else(|e| panic!("{}", message(e))),
        vec![1, 3, 2, 4, 0]
    );
    // Exact keeps the characters.
    assert_eq!(
        d.snap(3, 2, true)
            .unwrap_or_else(|e| panic!("{}", message(e))),
        vec![1, 2, 2, 3, 0]
    );
    // Inside 😀's surrogate pair is refused, not guessed.
    assert!(d.snap(1, 4, false).is_err());
    assert!(d.snap(0, 99, false).is_err());
}

#[wasm_bindgen_test]
fn snap_clips_to_the_first_paragraph_and_trims_whitespace() {
    let d = doc_with_words("美国政府\r\n发表声明");
    assert_eq!(
        d.snap(2, 9, false)
            .unwrap_or_else(|e| panic!("{}", message(e))),
        vec![2, 4, 2, 4, 1]
    );
    assert_eq!(
        d.snap(4, 6, false)
            .unwrap_or_else(|e| panic!("{}", message(e))),
        Vec::<u32>::new()
    );
}

#[wasm_bindgen_test]
fn word_at_and_widen_and_step() {
    let d = doc_with_words("😀习近平同普京会晤。普京发表声明。");
    // UTF-16 3 is inside 习近平 (code points 1..4, units 2..5).
    assert_eq!(
        d.word_at(3).unwrap_or_else(|e| panic!("{}", message(e))),
        vec![1, 4, 2, 5]
    );
    assert!(d.word_at(1).is_err(), "inside a surrogate pair");
    assert_eq!(
        d.word_at(18).unwrap_or_else(|e| panic!("{}", message(e))),
        Vec::<u32>::new()
    );
    // Word → sentence → paragraph.
    assert_eq!(
        d.widen(1, 4).unwrap_or_else(|e| panic!("{}", message(e))),
        vec![0, 10, 0, 11]
    );
    assert_eq!(
        d.widen(0, 10).unwrap_or_else(|e| panic!("{}", message(e))),
        vec![0, 17, 0, 18]
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
