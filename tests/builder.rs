//! The incremental builders (`IndexedTextBuilder`, `StructureBuilder`,
//! `Sha256Hex`) give what the one-shot versions give for the whole text,
//! however the text is cut into pieces: between the `\r` and `\n` of a CRLF,
//! between a stop mark and its closing quote, inside a run of whitespace, one
//! character a piece.
// Native only: proptest is not in the wasm build.
#![cfg(not(target_arch = "wasm32"))]

use biaozhu::document::{Structure, StructureBuilder};
use biaozhu::hash::{sha256_hex, Sha256Hex};
use biaozhu::offsets::{IndexedText, IndexedTextBuilder};
use proptest::prelude::*;

/// `text` cut at the given byte offsets (each a character boundary).
fn pieces<'a>(text: &'a str, cuts: &[usize]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut from = 0;
    for &c in cuts {
        out.push(&text[from..c]);
        from = c;
    }
    out.push(&text[from..]);
    out
}

/// Builds all three from the pieces and checks them against the one-shot
/// versions (and the structure against the naive reference below).
fn check_chunked(text: &str, cuts: &[usize]) {
    let parts = pieces(text, cuts);
    let mut index = IndexedTextBuilder::new();
    let mut structure = StructureBuilder::new();
    let mut hash = Sha256Hex::new();
    let mut len_u16 = 0;
    for p in &parts {
        index.push_str(p);
        structure.push_str(p);
        hash.update(p);
        len_u16 += p.encode_utf16().count();
        assert_eq!(index.len_u16(), len_u16, "length so far, pieces {parts:?}");
        assert_eq!(structure.len_cp() as usize, index.len_cp());
    }
    assert_eq!(index.as_str(), text);
    assert_eq!(index.finish(), IndexedText::new(text), "pieces {parts:?}");
    let whole = Structure::of(text);
    assert_eq!(structure.finish(), whole, "pieces {parts:?}");
    assert_eq!(hash.finish(), sha256_hex(text));
    assert_eq!(whole, naive_structure(text), "{text:?}");
    assert_eq!(
        whole.nonblank_paragraphs(text),
        naive_nonblank(text, &whole),
        "{text:?}"
    );
}

/// Every cut at once: one character a piece.
fn check_one_char_pieces(text: &str) {
    let cuts: Vec<usize> = text.char_indices().map(|(b, _)| b).skip(1).collect();
    check_chunked(text, &cuts);
}

/// The rules of `document`, written the plain way over a `Vec<char>`.
fn naive_structure(text: &str) -> Structure {
    let chars: Vec<char> = text.chars().collect();
    let mut paragraphs = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < chars.len() {
        let n = match chars[i] {
            '\r' if chars.get(i + 1) == Some(&'\n') => 2,
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => 1,
            _ => 0,
        };
        if n > 0 {
            paragraphs.push((start as u32, i as u32));
            start = i + n;
        }
        i += n.max(1);
    }
    paragraphs.push((start as u32, chars.len() as u32));
    let stop = |c: char| "。！？；!?｡".contains(c);
    let closing = |c: char| "”’」』）)》】〉］〕".contains(c);
    let mut sentences = Vec::new();
    let mut push = |mut s: usize, mut e: usize| {
        while s < e && chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if s < e {
            sentences.push((s as u32, e as u32));
        }
    };
    for &(ps, pe) in &paragraphs {
        let (ps, pe) = (ps as usize, pe as usize);
        let (mut s, mut i) = (ps, ps);
        while i < pe {
            i += 1;
            if stop(chars[i - 1]) {
                while i < pe {
                    let c = chars[i];
                    let odd = |q: char| chars[s..i].iter().filter(|&&x| x == q).count() % 2 == 1;
                    let closes = match c {
                        '"' | '\'' => odd(c),
                        _ => closing(c),
                    };
                    if !(stop(c) || closes) {
                        break;
                    }
                    i += 1;
                }
                push(s, i);
                s = i;
            }
        }
        push(s, pe);
    }
    let mut built = StructureBuilder::new();
    built.push_str(text);
    let mut s = built.finish();
    // Only the public fields are the reference's to give; the count of
    // non-blank paragraphs is checked apart.
    s.paragraphs = paragraphs;
    s.sentences = sentences;
    s
}

fn naive_nonblank(text: &str, s: &Structure) -> usize {
    let chars: Vec<char> = text.chars().collect();
    s.paragraphs
        .iter()
        .filter(|&&(a, b)| {
            chars[a as usize..b as usize]
                .iter()
                .any(|c| !c.is_whitespace())
        })
        .count()
}

fn sentence_strings(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    Structure::of(text)
        .sentences
        .iter()
        .map(|&(a, b)| chars[a as usize..b as usize].iter().collect())
        .collect()
}

#[test]
fn crlf_cut_between_cr_and_lf_is_still_one_break() {
    for text in ["甲\r\n乙", "\r\n", "\r\r\n\n", "a。\r\n“b”\r"] {
        for (b, c) in text.char_indices() {
            if c == '\n' {
                check_chunked(text, &[b]);
            }
        }
        check_one_char_pieces(text);
    }
    let mut s = StructureBuilder::new();
    s.push_str("甲\r");
    s.push_str("\n乙");
    assert_eq!(s.finish().paragraphs, [(0, 1), (3, 4)]);
}

#[test]
fn closing_quotes_in_the_next_piece_stay_with_their_sentence() {
    let text = "他说：“好。”然后走了！）  下一句";
    let cut = text.find('”').unwrap();
    check_chunked(text, &[cut]);
    let mut s = StructureBuilder::new();
    s.push_str("好。");
    s.push_str("”");
    s.push_str("）走");
    assert_eq!(s.finish().sentences, [(0, 4), (4, 5)]);
}

#[test]
fn whitespace_is_trimmed_across_pieces() {
    let text = "  \u{3000}开头。 \t \u{3000} 然后。\u{3000}  ";
    for step in 1..=4 {
        let cuts: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .skip(1)
            .step_by(step)
            .collect();
        check_chunked(text, &cuts);
    }
    assert_eq!(sentence_strings(text), ["开头。", "然后。"]);
}

#[test]
fn empty_pieces_change_nothing() {
    let text = "𠮷野家。\r\n😀";
    let cut = text.find('\n').unwrap();
    check_chunked(text, &[0, 0, cut, cut, text.len()]);
    check_chunked("", &[0, 0]);
    assert_eq!(IndexedTextBuilder::new().finish(), IndexedText::new(""));
    assert_eq!(StructureBuilder::new().finish(), Structure::of(""));
}

/// An ASCII quote after a stop mark closes the sentence's quote only when
/// one is open (an odd number of that quote so far); otherwise it opens the
/// next sentence's quote.
#[test]
fn ascii_quotes_close_only_an_open_quote() {
    assert_eq!(sentence_strings("他说。\"好\""), ["他说。", "\"好\""]);
    assert_eq!(
        sentence_strings("他说\"好。\"然后走了。"),
        ["他说\"好。\"", "然后走了。"]
    );
    assert_eq!(
        sentence_strings("他说\"好。\"\"走\""),
        ["他说\"好。\"", "\"走\""],
        "the second quote opens"
    );
    assert_eq!(
        sentence_strings("'Yes!' 'No?''Why?'"),
        ["'Yes!'", "'No?'", "'Why?'"]
    );
    // The rule counts; it cannot tell an apostrophe from a quote.
    assert_eq!(
        sentence_strings("It's done!'Next'"),
        ["It's done!'", "Next'"]
    );
    assert_eq!(
        sentence_strings("'a\"b。\"'c"),
        ["'a\"b。\"'", "c"],
        "each quote character counts apart"
    );
    // Curly quotes, which cannot open, keep closing.
    assert_eq!(sentence_strings("他说。”好"), ["他说。”", "好"]);
    // The count restarts with each sentence and each paragraph.
    assert_eq!(
        sentence_strings("\"甲。\"乙。\"丙\n。\"丁"),
        ["\"甲。\"", "乙。", "\"丙", "。", "\"丁"]
    );
    for text in ["他说。\"好\"", "他说\"好。\"然后", "'a\"b。\"'c"] {
        check_one_char_pieces(text);
    }
}

#[test]
fn long_text_in_pieces_around_the_checkpoint_stride() {
    let unit = "𠮷野家的牛肉饭。\r\n😀李白出生于碎叶城，“与杜甫是好友。”👨‍👩‍👧 家庭\r第一行\u{2028}ВСТРЕЧА 'x.' \"y!\"\n";
    let text = unit.repeat(40);
    let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    for size in [1, 7, 63, 64, 65, 128, 1000] {
        let cuts: Vec<usize> = bounds.iter().copied().skip(size).step_by(size).collect();
        check_chunked(&text, &cuts);
    }
}

/// What random texts are made of: ASCII, CJK, astral, ZWJ sequences, every
/// line break, stop marks, quotes (curly and ASCII), whitespace.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.]{1,4}",
        "[\u{4e00}-\u{4e20}]{1,3}",
        Just("𠮷".to_string()),
        Just("😀".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{2029}".to_string()),
        "[。！？；!?｡]{1,2}",
        "[“”‘’」）》\"']{1,2}",
        "[ \t\u{3000}]{1,3}",
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..50).prop_map(|v| v.concat())
}

/// A text and some cuts at its character boundaries (ascending; repeats
/// make empty pieces).
fn text_and_cuts() -> impl Strategy<Value = (String, Vec<usize>)> {
    text().prop_flat_map(|t| {
        let bounds: Vec<usize> = t.char_indices().map(|(b, _)| b).chain([t.len()]).collect();
        let cuts = prop::collection::vec(prop::sample::select(bounds), 0..12);
        (Just(t), cuts).prop_map(|(t, mut cuts)| {
            cuts.sort_unstable();
            (t, cuts)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn builders_equal_one_shot_whatever_the_cuts((text, cuts) in text_and_cuts()) {
        check_chunked(&text, &cuts);
    }

    #[test]
    fn builders_equal_one_shot_one_character_a_piece(text in text()) {
        check_one_char_pieces(&text);
    }

    #[test]
    fn builders_equal_one_shot_cut_inside_every_crlf(text in text()) {
        let cuts: Vec<usize> = text.match_indices("\r\n").map(|(b, _)| b + 1).collect();
        check_chunked(&text, &cuts);
    }
}

/// Timing, not correctness: `BIAOZHU_BENCH_TEXT=file cargo test --release
/// --test builder -- --ignored --nocapture bench` repeats the file to 55 MB
/// and prints the one-shot and the chunked (1 MiB pieces) times.
#[test]
#[ignore]
fn bench_builders_on_55_mb() {
    use std::time::Instant;
    let Some(seed) = std::env::var_os("BIAOZHU_BENCH_TEXT")
        .and_then(|p| std::fs::read_to_string(p).ok())
        .filter(|s| !s.is_empty())
    else {
        eprintln!("bench skipped: set BIAOZHU_BENCH_TEXT to a UTF-8 text file");
        return;
    };
    let mut text = String::with_capacity(56_000_000);
    while text.len() < 55_000_000 {
        text.push_str(&seed);
    }
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let whole = IndexedText::new(text.as_str());
    eprintln!("IndexedText::new        {:7.1} ms", ms(t));
    let t = Instant::now();
    let structure = Structure::of(&text);
    eprintln!("Structure::of           {:7.1} ms", ms(t));
    let t = Instant::now();
    let digest = sha256_hex(&text);
    eprintln!("sha256_hex              {:7.1} ms", ms(t));

    let mut cuts = Vec::new();
    let mut at = 0;
    while at + (1 << 20) < text.len() {
        at += 1 << 20;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        cuts.push(at);
    }
    let parts = pieces(&text, &cuts);
    let (mut ti, mut ts, mut th, mut slowest) = (0.0, 0.0, 0.0, 0.0f64);
    let mut index = IndexedTextBuilder::with_capacity(text.len());
    let mut sb = StructureBuilder::new();
    let mut hash = Sha256Hex::new();
    for p in &parts {
        let t0 = Instant::now();
        index.push_str(p);
        let t1 = Instant::now();
        sb.push_str(p);
        let t2 = Instant::now();
        hash.update(p);
        let t3 = Instant::now();
        ti += (t1 - t0).as_secs_f64() * 1e3;
        ts += (t2 - t1).as_secs_f64() * 1e3;
        th += (t3 - t2).as_secs_f64() * 1e3;
        slowest = slowest.max((t3 - t0).as_secs_f64() * 1e3);
    }
    let t = Instant::now();
    let (index, sb, hash) = (index.finish(), sb.finish(), hash.finish());
    let fin = ms(t);
    eprintln!(
        "{} MB, {} code points, {} pieces of 1 MiB: IndexedTextBuilder {ti:.1} ms, \
         StructureBuilder {ts:.1} ms, Sha256Hex {th:.1} ms, finish {fin:.1} ms, \
         slowest piece (all three) {slowest:.1} ms",
        text.len() / 1_000_000,
        whole.len_cp(),
        parts.len()
    );
    assert!(index == whole && sb == structure && hash == digest);
}
