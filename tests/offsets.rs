//! `IndexedText` conversions against a naive version that walks `chars()`.
//!
//! Every position of a text is listed three ways (code points, UTF-16 units,
//! bytes) by the naive model below; each conversion of `IndexedText` must agree
//! with it in both directions, and must refuse exactly the positions the model
//! says do not exist (past the end, inside a surrogate pair, inside a UTF-8
//! character).
// Native only: proptest and the embedded dictionary are not in the wasm build.
#![cfg(not(target_arch = "wasm32"))]

use biaozhu::offsets::{IndexedText, OffsetError, Unit};
use proptest::prelude::*;

/// The fixture strings of `design/offsets.md`.
const FIXTURES: [&str; 5] = [
    "𠮷野家的牛肉饭",
    "😀李白出生于碎叶城，与杜甫是好友。",
    "👨‍👩‍👧 家庭",
    "第一行\r\n第二行",
    "ВСТРЕЧА ПРЕДСЕДАТЕЛЯ КНР",
];

/// Every boundary of `text` as `(cp, u16, byte)`, from `(0, 0, 0)` to the end.
fn naive_boundaries(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = vec![(0, 0, 0)];
    let (mut u, mut b) = (0, 0);
    for (i, c) in text.chars().enumerate() {
        u += c.len_utf16();
        b += c.len_utf8();
        out.push((i + 1, u, b));
    }
    out
}

/// Checks every conversion of `text`, at every position in every unit
/// (including the ones that are not boundaries and a few past the end).
fn check_against_naive(text: &str) {
    let it = IndexedText::new(text);
    let naive = naive_boundaries(text);
    let (len_cp, len_u16, len_b) = *naive.last().unwrap();
    assert_eq!(it.as_str(), text, "the text is kept exactly");
    assert_eq!(it.len_cp(), len_cp);
    assert_eq!(it.len_u16(), len_u16);
    assert_eq!(it.len_bytes(), len_b);
    assert_eq!(it.is_bmp_only(), len_cp == len_u16);

    for &(cp, u, b) in &naive {
        assert_eq!(it.cp_to_u16(cp), Ok(u), "cp_to_u16({cp}) in {text:?}");
        assert_eq!(it.cp_to_byte(cp), Ok(b), "cp_to_byte({cp}) in {text:?}");
        assert_eq!(it.u16_to_cp(u), Ok(cp), "u16_to_cp({u}) in {text:?}");
        assert_eq!(it.u16_to_byte(u), Ok(b), "u16_to_byte({u}) in {text:?}");
        assert_eq!(it.byte_to_cp(b), Ok(cp), "byte_to_cp({b}) in {text:?}");
        assert_eq!(it.byte_to_u16(b), Ok(u), "byte_to_u16({b}) in {text:?}");
    }

    // UTF-16 positions that are not boundaries lie inside a surrogate pair.
    for u in 0..=len_u16 + 2 {
        let expected = match naive.iter().find(|t| t.1 == u) {
            Some(t) => Ok(t.0),
            None if u > len_u16 => Err(OffsetError::OutOfRange {
                offset: u,
                len: len_u16,
                unit: Unit::Utf16,
            }),
            None => Err(OffsetError::InsideSurrogatePair { offset: u }),
        };
        assert_eq!(it.u16_to_cp(u), expected, "u16_to_cp({u}) in {text:?}");
        assert_eq!(
            it.u16_to_byte(u),
            expected.map(|cp| naive[cp].2),
            "u16_to_byte({u}) in {text:?}"
        );
    }
    // Byte positions that are not boundaries lie inside a character.
    for b in 0..=len_b + 2 {
        let expected = match naive.iter().find(|t| t.2 == b) {
            Some(t) => Ok(t.0),
            None if b > len_b => Err(OffsetError::OutOfRange {
                offset: b,
                len: len_b,
                unit: Unit::Byte,
            }),
            None => Err(OffsetError::NotCharBoundary { offset: b }),
        };
        assert_eq!(it.byte_to_cp(b), expected, "byte_to_cp({b}) in {text:?}");
        assert_eq!(
            it.byte_to_u16(b),
            expected.map(|cp| naive[cp].1),
            "byte_to_u16({b}) in {text:?}"
        );
    }
    // Code points past the end.
    for cp in len_cp + 1..=len_cp + 2 {
        let err = Err(OffsetError::OutOfRange {
            offset: cp,
            len: len_cp,
            unit: Unit::CodePoint,
        });
        assert_eq!(it.cp_to_u16(cp), err);
        assert_eq!(it.cp_to_byte(cp), err);
        assert!(it.slice_cp(0, cp).is_err());
        assert!(it.slice_cp(cp, cp).is_err());
    }

    // Bulk forms agree with the single ones, in any order of positions.
    let cps: Vec<u32> = naive.iter().rev().map(|t| t.0 as u32).collect();
    let us: Vec<u32> = naive.iter().rev().map(|t| t.1 as u32).collect();
    assert_eq!(it.cps_to_u16(&cps), Ok(us.clone()));
    assert_eq!(it.u16s_to_cp(&us), Ok(cps.clone()));
    assert!(it.cps_to_u16(&[0, len_cp as u32 + 1]).is_err());
    assert!(it.u16s_to_cp(&[0, len_u16 as u32 + 1]).is_err());

    // slice_cp is the naive slice for every pair of positions.
    let chars: Vec<char> = text.chars().collect();
    let step = (len_cp / 40).max(1);
    for s in (0..=len_cp).step_by(step) {
        for e in (s..=len_cp).step_by(step) {
            let naive_slice: String = chars[s..e].iter().collect();
            assert_eq!(
                it.slice_cp(s, e),
                Ok(naive_slice.as_str()),
                "slice_cp({s}, {e})"
            );
        }
    }
}

#[test]
fn fixtures_agree_with_naive_conversion() {
    for text in FIXTURES {
        check_against_naive(text);
    }
}

#[test]
fn fixture_positions_match_the_design_table() {
    // 𠮷野家: 野 starts at byte 4, code point 1, UTF-16 unit 2.
    let t = IndexedText::new("𠮷野家的牛肉饭");
    assert_eq!(t.cp_to_byte(1), Ok(4));
    assert_eq!(t.cp_to_u16(1), Ok(2));
    assert_eq!(
        t.u16_to_cp(1),
        Err(OffsetError::InsideSurrogatePair { offset: 1 })
    );
    for b in 1..4 {
        assert_eq!(
            t.byte_to_cp(b),
            Err(OffsetError::NotCharBoundary { offset: b })
        );
    }

    // 😀 first: 李 is code point 1, UTF-16 unit 2.
    let t = IndexedText::new("😀李白出生于碎叶城，与杜甫是好友。");
    assert_eq!((t.len_cp(), t.len_u16()), (17, 18));
    assert_eq!(t.u16_to_cp(2), Ok(1));
    assert_eq!(t.slice_cp(1, 3), Ok("李白"));

    // A ZWJ family: five code points, eight UTF-16 units, 18 bytes.
    let t = IndexedText::new("👨‍👩‍👧 家庭");
    assert_eq!(t.cp_to_u16(5), Ok(8));
    assert_eq!(t.cp_to_byte(5), Ok(18));
    assert_eq!(t.slice_cp(6, 8), Ok("家庭"));

    // CRLF counts as two code points (as brat and Python count it).
    let t = IndexedText::new("第一行\r\n第二行");
    assert_eq!(t.len_cp(), 8);
    assert_eq!(t.slice_cp(3, 5), Ok("\r\n"));
    assert_eq!(t.cp_to_u16(5), Ok(5));
    assert_eq!(t.cp_to_byte(5), Ok(11));

    let t = IndexedText::new("ВСТРЕЧА ПРЕДСЕДАТЕЛЯ КНР");
    assert!(t.is_bmp_only());
    assert_eq!(t.cp_to_byte(8), Ok(15));
    assert_eq!(t.byte_to_cp(15), Ok(8));
    assert_eq!(
        t.byte_to_cp(1),
        Err(OffsetError::NotCharBoundary { offset: 1 })
    );
}

#[test]
fn empty_text_has_one_position() {
    check_against_naive("");
    let t = IndexedText::new("");
    assert_eq!(t.cp_to_byte(0), Ok(0));
    assert_eq!(t.u16_to_cp(0), Ok(0));
    assert_eq!(t.slice_cp(0, 0), Ok(""));
    assert!(t.cp_to_u16(1).is_err());
}

/// Checkpoints are kept every 64 code points: lengths around multiples of
/// the stride, and astral characters on either side of a checkpoint.
#[test]
fn texts_around_the_checkpoint_stride_convert_exactly() {
    for n in [63, 64, 65, 127, 128, 129, 200, 1000] {
        check_against_naive(&"中".repeat(n));
        check_against_naive(&"😀".repeat(n));
        let mixed: String = (0..n)
            .map(|i| ["a", "𠮷", "野", "\r\n", "👨‍👩‍👧", "Д"][i % 6])
            .collect();
        check_against_naive(&mixed);
    }
    let long: String = FIXTURES.concat().repeat(20);
    check_against_naive(&long);
}

#[test]
fn slice_cp_of_reversed_positions_is_the_text_between() {
    // The wasm boundary refuses reversed spans; the core returns the text
    // between the two positions rather than panicking.
    let t = IndexedText::new("𠮷野家");
    assert_eq!(t.slice_cp(3, 1), Ok("野家"));
}

#[test]
fn offset_errors_name_unit_and_position() {
    let t = IndexedText::new("𠮷野");
    let msg = t.cp_to_u16(9).unwrap_err().to_string();
    assert!(msg.contains('9') && msg.contains("code points"), "{msg}");
    let msg = t.u16_to_cp(1).unwrap_err().to_string();
    assert!(msg.contains("UTF-16 offset 1"), "{msg}");
    let msg = t.byte_to_cp(2).unwrap_err().to_string();
    assert!(msg.contains("byte offset 2"), "{msg}");
}

/// Pieces random texts are made of: ASCII, CJK, astral, ZWJ sequences,
/// CRLF, lone CR and LF, Cyrillic, full-width, combining marks.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.]{1,4}",
        "[\u{4e00}-\u{9fff}]{1,4}",
        "[\u{20000}-\u{2a6df}]{1,2}",
        "[\u{1f300}-\u{1f64f}]{1,2}",
        Just("👨‍👩‍👧".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        "[\u{0400}-\u{04ff}]{1,4}",
        "[\u{ff01}-\u{ff5e}]{1,3}",
        Just("e\u{0301}".to_string()),
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_texts_agree_with_naive_conversion(t in text()) {
        check_against_naive(&t);
    }

    #[test]
    fn cp_u16_round_trip_and_monotonic(t in text(), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..20)) {
        let it = IndexedText::new(t.as_str());
        let n = it.len_cp();
        let mut cps: Vec<usize> = picks.iter().map(|p| p.index(n + 1)).collect();
        cps.sort_unstable();
        let us: Vec<usize> = cps.iter().map(|&c| it.cp_to_u16(c).unwrap()).collect();
        for (w, c) in us.windows(2).zip(cps.windows(2)) {
            // Strictly ascending code points give strictly ascending units.
            prop_assert_eq!(w[0] < w[1], c[0] < c[1]);
        }
        for (&c, &u) in cps.iter().zip(&us) {
            prop_assert_eq!(it.u16_to_cp(u).unwrap(), c);
            let b = it.cp_to_byte(c).unwrap();
            prop_assert_eq!(it.byte_to_cp(b).unwrap(), c);
            prop_assert_eq!(it.u16_to_byte(u).unwrap(), b);
            prop_assert_eq!(it.byte_to_u16(b).unwrap(), u);
            prop_assert!(t.is_char_boundary(b));
        }
    }

    #[test]
    fn slice_cp_matches_chars(t in text(), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
        let it = IndexedText::new(t.as_str());
        let n = it.len_cp();
        let (s, e) = {
            let (x, y) = (a.index(n + 1), b.index(n + 1));
            (x.min(y), x.max(y))
        };
        let naive: String = t.chars().skip(s).take(e - s).collect();
        prop_assert_eq!(it.slice_cp(s, e).unwrap(), naive.as_str());
    }
}

/// The light index the segmenter's results use gives the UTF-16 offsets
/// `IndexedText` gives, for every boundary of texts with astral characters,
/// emoji ZWJ sequences and CRLF.
#[test]
fn astral_index_converts_as_indexed_text_does() {
    for text in ["", "abc", "𠮷野家", "a😀b𠮷c\r\n👩‍👩‍👧 d", "\r\n𠮷\r\n😀😀"]
    {
        let cps: Vec<u32> = (0..=text.chars().count() as u32).collect();
        let whole = IndexedText::new(text);
        assert_eq!(
            biaozhu::offsets::AstralIndex::new(text).ascending_cps_to_u16(&cps),
            whole.cps_to_u16(&cps).unwrap(),
            "{text:?}"
        );
    }
}
