//! The packed dictionary the page downloads: it reads back as jieba-rs's own
//! `dict.txt`, damage is an error and never a panic, and a text segmented
//! with only the entries picked for it gets the words the whole dictionary
//! gives.
// Native only: proptest and the embedded dictionary are not in the wasm build.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::sync::OnceLock;

use biaozhu::dict::{pack, parse_lines, Lines, PackedDict, MAX_SELECT_BYTES};
use biaozhu::segment::{Segmenter, SegmenterBuilder};
use proptest::prelude::*;

const SEED: &str = include_str!("../www/samples/seed.txt");

/// jieba-rs's `dict.txt`, the file `scripts/build.sh` packs, found the way
/// it finds it: through `cargo metadata`.
fn dict_txt() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let out = std::process::Command::new(env!("CARGO"))
            .args(["metadata", "-q", "--format-version", "1"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo metadata runs");
        let meta: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
        let manifest = meta["packages"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == "jieba-rs"))
            .and_then(|p| p["manifest_path"].as_str())
            .expect("jieba-rs is a dependency");
        let path = PathBuf::from(manifest).with_file_name("src/data/dict.txt");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    })
}

fn packed() -> &'static [u8] {
    static PACKED: OnceLock<Vec<u8>> = OnceLock::new();
    PACKED.get_or_init(|| pack(&parse_lines(dict_txt()).unwrap()))
}

fn whole() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    SEGMENTER.get_or_init(Segmenter::embedded)
}

fn entries(bytes: &[u8]) -> Result<Vec<(String, u64)>, String> {
    let dict = PackedDict::parse(bytes.to_vec()).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(dict.len());
    dict.for_each(|w, f| out.push((w.to_owned(), f)))
        .map_err(|e| e.to_string())?;
    Ok(out)
}

#[test]
fn packed_dictionary_reads_back_as_dict_txt_entry_for_entry() {
    let want: Vec<(String, u64)> = parse_lines(dict_txt())
        .unwrap()
        .into_iter()
        .map(|(w, f)| (w.to_owned(), f))
        .collect();
    assert_eq!(want.len(), 349_045);
    // dict.txt is sorted already, so even the order (jieba's word ids) is kept.
    assert_eq!(entries(packed()).unwrap(), want);
    let stripped: String = dict_txt()
        .lines()
        .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" ") + "\n")
        .collect();
    assert_eq!(
        PackedDict::parse(packed().to_vec())
            .unwrap()
            .lines()
            .unwrap(),
        stripped
    );
}

#[test]
fn packing_sorts_and_keeps_the_last_frequency_of_a_repeated_word() {
    let p = pack(&parse_lines("乙 2\n甲 1 n\n\n乙 5\n甲乙丙 0\n").unwrap());
    assert_eq!(
        entries(&p).unwrap(),
        [("乙".into(), 5), ("甲".into(), 1), ("甲乙丙".into(), 0)]
    );
    let err = parse_lines("甲 1\n乙 many\n").unwrap_err().to_string();
    assert!(err.contains("line 2") && err.contains("many"), "{err}");
}

#[test]
fn words_longer_than_sixteen_characters_and_rare_characters_survive_packing() {
    let long: String = "中华人民共和国".repeat(5);
    let rare: String = (0..20_000u32)
        .filter_map(|i| char::from_u32(0x4e00 + i))
        .collect();
    let mut lines = format!("{long} 3\n{long}的 4\n{rare} 1\n😀 9\n");
    for (i, c) in rare.chars().enumerate().step_by(7) {
        lines.push_str(&format!("{c}{long} {i}\n"));
    }
    let want = {
        let mut e: Vec<(String, u64)> = parse_lines(&lines)
            .unwrap()
            .into_iter()
            .map(|(w, f)| (w.to_owned(), f))
            .collect();
        e.sort();
        e
    };
    assert_eq!(entries(&pack(&parse_lines(&lines).unwrap())).unwrap(), want);
}

#[test]
fn a_damaged_or_foreign_file_is_an_error_that_says_so() {
    let p = packed();
    for cut in [0, 3, 4, 5, 100, 40_000, p.len() / 2, p.len() - 1] {
        let err = entries(&p[..cut]).unwrap_err();
        assert!(err.contains("dictionary file"), "{cut}: {err}");
    }
    assert!(entries("1号店 3 n\n".as_bytes())
        .unwrap_err()
        .contains("not a packed dictionary"));
    let mut extra = p.to_vec();
    extra.push(0);
    assert!(entries(&extra).unwrap_err().contains("damaged"));
}

/// The entries of `text` alone, with the rest of the sum on one more.
fn picked_for(text: &str) -> Segmenter {
    let lines = PackedDict::parse(packed().to_vec())
        .unwrap()
        .lines_for(text)
        .unwrap()
        .expect("short text");
    Segmenter::from_dict(lines.as_bytes()).unwrap()
}

/// Real news text: the seed article and, when `../shared` is there, pieces of
/// the icwb2 corpus (Traditional Chinese); otherwise the seed alone.
fn news_pieces() -> Vec<String> {
    let mut pieces = vec![SEED.to_owned()];
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/icwb2/");
    for name in ["cityu_test.utf8", "as_test.utf8"] {
        match std::fs::read_to_string(format!("{corpus}{name}")) {
            Ok(text) => {
                let lines: Vec<&str> = text.lines().collect();
                // Ten pieces of 40 lines from along the file.
                for k in 0..10 {
                    let from = k * lines.len() / 10;
                    pieces.push(lines[from..(from + 40).min(lines.len())].join("\n"));
                }
            }
            Err(_) => eprintln!("{corpus}{name} is absent: checking the seed article only"),
        }
    }
    pieces
}

#[test]
fn a_text_segments_the_same_with_only_its_own_words_picked() {
    for text in news_pieces() {
        let ours = picked_for(&text).segment(&text);
        assert_eq!(
            ours,
            whole().segment(&text),
            "{}",
            &text[..60.min(text.len())]
        );
    }
}

#[test]
fn the_extra_entry_uses_a_character_the_text_lacks() {
    let text = "\u{e000}北京\u{e001}";
    let lines = PackedDict::parse(packed().to_vec())
        .unwrap()
        .lines_for(text)
        .unwrap()
        .unwrap();
    let last = lines.lines().last().unwrap();
    assert!(last.starts_with('\u{e002}'), "{last}");
    assert_eq!(picked_for(text).segment(text), whole().segment(text));
    let long = "北".repeat(MAX_SELECT_BYTES / 3 + 1);
    assert_eq!(
        PackedDict::parse(packed().to_vec())
            .unwrap()
            .lines_for(&long)
            .unwrap(),
        None
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_entries_pack_and_read_back(words in prop::collection::btree_map("[a-c中国人民😀]{1,20}", 0u64..1 << 40, 0..60)) {
        let given: Vec<(&str, u64)> = words.iter().map(|(w, f)| (w.as_str(), *f)).collect();
        let back = entries(&pack(&given)).unwrap();
        let want: Vec<(String, u64)> = words.into_iter().collect();
        prop_assert_eq!(back, want);
    }

    #[test]
    fn changed_bytes_never_panic(at in 0usize..usize::MAX, byte in any::<u8>()) {
        let small: String = dict_txt().lines().step_by(700).map(|l| format!("{l}\n")).collect();
        let mut p = pack(&parse_lines(&small).unwrap());
        let at = at % p.len();
        p[at] = byte;
        let _ = entries(&p);
        if let Ok(d) = PackedDict::parse(p.clone()) {
            let _ = d.lines_for("中华人民共和国");
        }
    }
}

/// The segmenter `lines` read from `dict` a step at a time, as the worker reads it.
fn built(dict: &PackedDict, mut lines: Lines<SegmenterBuilder>) -> Segmenter {
    while !lines.step(dict, 1 << 13).unwrap() {}
    lines.finish().unwrap().finish().unwrap()
}

/// The worker builds its segmenters from the packed file straight, with no
/// lines written and read back: the whole dictionary, and the entries one
/// text needs, give the words their lines give.
#[test]
fn segmenters_built_from_the_packed_file_straight_cut_as_from_its_lines() {
    let dict = PackedDict::parse(packed().to_vec()).unwrap();
    let from_all = built(&dict, Lines::all_into(Segmenter::builder()));
    let from_lines = Segmenter::from_dict(dict.lines().unwrap().as_bytes()).unwrap();
    for text in news_pieces() {
        let picked = Lines::picked_into(&dict, &text, Segmenter::builder()).expect("short text");
        let words = from_lines.segment(&text);
        assert_eq!(built(&dict, picked).segment(&text), words);
        assert_eq!(picked_for(&text).segment(&text), words);
        assert_eq!(from_all.segment(&text), words);
    }
}

#[test]
fn the_parts_of_speech_kept_come_back_word_for_word_and_a_version_2_file_has_none() {
    let text = dict_txt();
    let tags = biaozhu::dict::parse_tags(text, &biaozhu::dict::KEPT_TAGS);
    let tagged = biaozhu::dict::pack_tagged(&parse_lines(text).unwrap(), &tags);
    let dict = PackedDict::parse(tagged.clone()).unwrap();
    let back = dict.parts_of_speech().unwrap();
    // jieba-rs keeps the last line of a repeated word, as the pack does.
    let mut want: std::collections::BTreeMap<&str, &str> = Default::default();
    for (w, t) in &tags {
        want.insert(w, t);
    }
    let got: Vec<(&str, &str)> = back.lines().filter_map(|l| l.split_once(' ')).collect();
    assert_eq!(got.len(), want.len());
    assert!(got.iter().all(|(w, t)| want.get(w) == Some(t)));
    assert!(back.contains("\n北京 ns\n"), "北京 is a place");
    // The entries are the same with or without the tags.
    assert_eq!(entries(&tagged).unwrap(), entries(packed()).unwrap());
    // A file of version 2 (no tags run) is still read, with no parts of speech.
    let plain = pack(&parse_lines("北京 100 ns\n大学 50\n").unwrap());
    let mut v2 = plain[..4].to_vec();
    v2[3] = 2;
    // Version 3 with an empty tags run: the run's length and its two zero counts.
    let at = plain.len() - 2 - 3;
    v2.extend_from_slice(&plain[4..at]);
    v2.extend_from_slice(&plain[at + 3..]);
    let dict = PackedDict::parse(v2).unwrap();
    assert_eq!(dict.parts_of_speech().unwrap(), "");
    assert_eq!(dict.lines().unwrap(), "北京 100\n大学 50\n");
}

/// The suggestion figures are measured on the command line, whose jieba-rs
/// knows every part of speech; the page's packed dictionary keeps a few.
/// The tagger must see the same of a line either way, or the figures would
/// be of a tagger the page does not have. One difference is known and
/// allowed: jieba-rs cannot say the part of speech of a dictionary word it
/// would cut in two on its own (中俄: 中|俄), so the command line's tagger
/// sees fewer names than the page's, never more or others, and its figures
/// are, if anything, below the page's.
#[test]
fn the_tagger_sees_a_line_the_same_with_the_pages_dictionary_as_with_jieba_rs() {
    use biaozhu::dict::KEPT_TAGS;
    let text = dict_txt();
    let dict = PackedDict::parse(biaozhu::dict::pack_tagged(
        &parse_lines(text).unwrap(),
        &biaozhu::dict::parse_tags(text, &KEPT_TAGS),
    ))
    .unwrap();
    let mut page = Segmenter::from_dict(dict.lines().unwrap().as_bytes()).unwrap();
    page.set_parts_of_speech(&dict.parts_of_speech().unwrap());
    let trust = |_: &str| 0;
    let kept = |t: String| {
        if KEPT_TAGS.contains(&t.as_str()) {
            t
        } else {
            "x".to_owned()
        }
    };
    let extra =
        "新华社北京电，国务院总理李鹏在人民大会堂会见了印度外交部长。Путин и Си в Москве 2024年。";
    let (mut same, mut fewer) = (0, 0);
    for line in SEED.lines().chain([extra]) {
        let words = |s: &Segmenter| -> Vec<_> {
            s.parts_of_speech(line)
                .into_iter()
                .map(|(a, b, t)| (a, b, kept(t)))
                .collect()
        };
        let (on_page, here) = (words(&page), words(whole()));
        assert_eq!(on_page.len(), here.len(), "{line}: the same words");
        for (p, h) in on_page.iter().zip(&here) {
            assert!(
                p == h || (p.0 == h.0 && p.1 == h.1 && h.2 == "x"),
                "{line}: {p:?} against {h:?}"
            );
        }
        let fewer_tags = on_page != here;
        let names = |s: &Segmenter| -> Vec<_> {
            s.dictionary_words(line)
                .into_iter()
                .filter(|w| KEPT_TAGS.contains(&w.2.as_str()))
                .collect()
        };
        let (on_page, here) = (names(&page), names(whole()));
        assert!(
            here.iter().all(|w| on_page.contains(w)),
            "{line}: {here:?} against {on_page:?}"
        );
        if on_page != here || fewer_tags {
            fewer += 1;
            continue;
        }
        same += 1;
        let sets = |s: &Segmenter| -> Vec<Vec<u64>> {
            biaozhu::suggest::features::of_line(s, line, &trust)
                .into_iter()
                .map(|mut f| {
                    f.sort_unstable();
                    f
                })
                .collect()
        };
        assert!(sets(&page) == sets(whole()), "{line}: the features differ");
    }
    assert!(same > fewer, "{same} lines alike, {fewer} with fewer names");
}

/// The table of what jieba's dictionary says of each character
/// (`suggest::char_kinds`), committed as `src/suggest/char_kinds.txt`, is
/// the one its dictionary gives; `BLESS=1` writes it anew.
#[test]
fn the_character_kinds_are_those_of_jieba_s_dictionary() {
    let want = biaozhu::suggest::char_kinds::from_dictionary(dict_txt());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/suggest/char_kinds.txt");
    if std::env::var("BLESS").as_deref() == Ok("1") {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap();
    assert!(
        have == want,
        "{path} differs from what jieba's dictionary gives; BLESS=1 writes it"
    );
}
