//! Segmentation of whole documents: the seed article, other scripts, and the
//! sub-word boundaries that snapping stops at. All positions are code points.
// Native only: proptest and the embedded dictionary are not in the wasm build.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use biaozhu::offsets::IndexedText;
use biaozhu::segment::{Segmentation, Segmenter, WordKind};
use jieba_rs::Jieba;
use proptest::prelude::*;

/// The seed article, byte for byte as the page serves it.
const SEED: &str = include_str!("../www/samples/seed.txt");

/// One segmenter for the whole test binary: building it reads the whole
/// dictionary.
fn segmenter() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    SEGMENTER.get_or_init(Segmenter::embedded)
}

fn seed_segmentation() -> &'static Segmentation {
    static SEG: OnceLock<Segmentation> = OnceLock::new();
    SEG.get_or_init(|| segmenter().segment(SEED))
}

/// The tokens of `text` as strings.
fn token_strings(text: &str, seg: &Segmentation) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    seg.words
        .iter()
        .map(|w| chars[w.start as usize..w.end as usize].iter().collect())
        .collect()
}

fn tokens(text: &str) -> Vec<String> {
    token_strings(text, &segmenter().segment(text))
}

/// Code point index of every occurrence of `needle` in `hay`.
fn occurrences(hay: &str, needle: &str) -> Vec<u32> {
    hay.match_indices(needle)
        .map(|(b, _)| hay[..b].chars().count() as u32)
        .collect()
}

/// The invariants every segmentation keeps, whatever the text.
fn check_invariants(text: &str, seg: &Segmentation) {
    let it = IndexedText::new(text);
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len() as u32;
    let mut covered = vec![false; chars.len()];
    let mut last_end = 0;
    for w in &seg.words {
        assert!(
            last_end <= w.start && w.start < w.end && w.end <= len,
            "token [{}, {}) out of order, empty or outside the text (previous ended at {last_end})",
            w.start,
            w.end
        );
        last_end = w.end;
        // Offsets round-trip through every unit.
        for cp in [w.start as usize, w.end as usize] {
            let u = it.cp_to_u16(cp).unwrap();
            assert_eq!(it.u16_to_cp(u), Ok(cp));
            let b = it.cp_to_byte(cp).unwrap();
            assert_eq!(it.byte_to_cp(b), Ok(cp));
        }
        let s = it.slice_cp(w.start as usize, w.end as usize).unwrap();
        assert!(
            !s.chars().all(char::is_whitespace),
            "token [{}, {}) is whitespace: {s:?}",
            w.start,
            w.end
        );
        let has_han = s.chars().any(biaozhu::segment::is_han);
        assert_eq!(w.kind == WordKind::Han, has_han, "kind of {s:?}");
        for c in &mut covered[w.start as usize..w.end as usize] {
            *c = true;
        }
    }
    // No character is lost: everything but whitespace is in some token.
    for (i, (&c, &cov)) in chars.iter().zip(&covered).enumerate() {
        assert!(
            cov || c.is_whitespace(),
            "code point {i} ({c:?}) is in no token"
        );
    }
    // Sub-word boundaries ascend and hold every word boundary.
    let b = &seg.subword_boundaries;
    assert!(b.windows(2).all(|p| p[0] < p[1]), "boundaries ascend");
    assert!(b.last().is_none_or(|&x| x <= len));
    for w in &seg.words {
        assert!(
            b.binary_search(&w.start).is_ok(),
            "start {} missing",
            w.start
        );
        assert!(b.binary_search(&w.end).is_ok(), "end {} missing", w.end);
    }
    // Sub-word boundaries only fall on word boundaries or inside Han words.
    for &x in b {
        let inside = seg.words.iter().find(|w| w.start < x && x < w.end);
        assert!(inside.is_none_or(|w| w.kind == WordKind::Han));
    }
}

#[test]
fn seed_is_the_page_sample_byte_for_byte() {
    // The test reads the very file the page serves; this pins its identity.
    let bytes =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/samples/seed.txt")).unwrap();
    assert_eq!(bytes, SEED.as_bytes());
    assert!(SEED.contains("ВСТРЕЧА ПРЕДСЕДАТЕЛЯ КНР"));
}

#[test]
fn seed_segmentation_keeps_every_invariant() {
    check_invariants(SEED, seed_segmentation());
}

#[test]
fn seed_russian_title_words_stay_whole() {
    let seg = seed_segmentation();
    let toks = token_strings(SEED, seg);
    let title: Vec<&str> = vec![
        "ВСТРЕЧА",
        "ПРЕДСЕДАТЕЛЯ",
        "КНР",
        "СИ",
        "ЦЗИНЬПИНА",
        "И",
        "ПРЕЗИДЕНТА",
        "РФ",
        "В",
        ".",
        "В",
        ".",
        "ПУТИНА",
        "В",
        "ФОРМАТЕ",
        "ВИДЕОКОНФЕРЕНЦИИ",
    ];
    let at = toks
        .iter()
        .position(|t| t == "ВСТРЕЧА")
        .expect("ВСТРЕЧА is a token");
    assert_eq!(toks[at..at + title.len()], title[..]);
    // Every maximal run of Cyrillic letters in the article is exactly one token.
    let chars: Vec<char> = SEED.chars().collect();
    let cyr = |c: char| ('\u{400}'..='\u{4ff}').contains(&c);
    let mut i = 0;
    let mut runs = 0;
    while i < chars.len() {
        if cyr(chars[i]) {
            let s = i;
            while i < chars.len() && cyr(chars[i]) {
                i += 1;
            }
            runs += 1;
            let w = seg
                .words
                .iter()
                .find(|w| w.start as usize == s)
                .unwrap_or_else(|| panic!("no token starts at Cyrillic word {s}"));
            assert_eq!((w.end as usize, w.kind), (i, WordKind::Other));
        } else {
            i += 1;
        }
    }
    assert_eq!(runs, 14);
}

#[test]
fn seed_names_and_winter_olympics_are_single_tokens_everywhere() {
    let seg = seed_segmentation();
    for (name, count) in [("习近平", 18), ("普京", 5), ("冬奥会", 2)] {
        let at = occurrences(SEED, name);
        assert_eq!(at.len(), count, "{name} occurrences");
        let n = name.chars().count() as u32;
        for s in at {
            assert!(
                seg.words
                    .iter()
                    .any(|w| (w.start, w.end, w.kind) == (s, s + n, WordKind::Han)),
                "{name} at {s} is not one token"
            );
        }
    }
}

#[test]
fn seed_word_count_counts_words_not_punctuation() {
    let seg = seed_segmentation();
    let punct = seg
        .words
        .iter()
        .filter(|w| w.kind == WordKind::Symbol)
        .count();
    assert!(punct > 50, "the article has punctuation tokens");
    assert_eq!(seg.word_count(), seg.words.len() - punct);
}

#[test]
fn compound_yields_subword_boundary_between_its_words_only() {
    // 美国政府 is one token; 美国|政府 is the only cut inside it.
    let seg = segmenter().segment("美国政府发表声明");
    assert_eq!((seg.words[0].start, seg.words[0].end), (0, 4));
    let b = &seg.subword_boundaries;
    assert!(b.contains(&2));
    assert!(!b.contains(&1) && !b.contains(&3), "{b:?}");
}

#[test]
fn compound_with_a_name_allows_the_name() {
    let seg = segmenter().segment("邓小平理论");
    assert_eq!((seg.words[0].start, seg.words[0].end), (0, 5));
    let b = &seg.subword_boundaries;
    assert!(b.contains(&3), "{b:?}");
    assert!(!b.contains(&1) && !b.contains(&2), "{b:?}");
}

/// A cut that would leave a non-word on one side is not made: search mode
/// offers 罗斯 inside 俄罗斯, but 俄 alone is not a word.
#[test]
fn subword_cuts_tile_the_word_with_dictionary_words() {
    let text = "俄罗斯总统";
    let seg = segmenter().segment(text);
    assert_eq!(token_strings(text, &seg)[0], "俄罗斯");
    assert!(
        !seg.subword_boundaries.contains(&1),
        "{:?}",
        seg.subword_boundaries
    );
    // Fewest pieces: 联合国|安理会, not 联合|国安|理会.
    let text = "联合国安理会";
    let seg = segmenter().segment(text);
    assert_eq!((seg.words[0].start, seg.words[0].end), (0, 6));
    assert_eq!(seg.subword_boundaries, [0, 3, 6]);
}

/// Regression: an unknown word that jieba's HMM put together (a personal
/// name) was cut after every character, because without HMM the same word
/// comes out as single characters, and those counted as sub-words. A drag
/// inside 李 then snapped to 李 alone.
#[test]
fn hmm_name_has_no_single_character_subword_cuts() {
    let text = "李明和张伟是朋友。";
    let seg = segmenter().segment(text);
    assert_eq!(token_strings(text, &seg)[..3], ["李明", "和", "张伟"]);
    let b = &seg.subword_boundaries;
    assert!(!b.contains(&1) && !b.contains(&4), "{b:?}");
    check_invariants(text, &seg);
}

#[test]
fn fullwidth_latin_and_digits_are_one_token_each() {
    let text = "ＧＤＰ在２０３０年";
    let seg = segmenter().segment(text);
    let toks = token_strings(text, &seg);
    assert_eq!(toks[0], "ＧＤＰ");
    assert_eq!(seg.words[0].kind, WordKind::Other);
    assert!(toks.contains(&"２０３０".to_string()), "{toks:?}");
    check_invariants(text, &seg);
}

#[test]
fn greek_and_cyrillic_words_stay_whole() {
    assert_eq!(tokens("Αθήνα和Москва"), ["Αθήνα", "和", "Москва"]);
    let seg = segmenter().segment("ΕΛΛΑΔΑ");
    assert_eq!(seg.words.len(), 1);
    assert_eq!(seg.words[0].kind, WordKind::Other);
}

#[test]
fn emoji_zwj_sequence_is_one_symbol_token() {
    let text = "👨‍👩‍👧 家庭";
    let seg = segmenter().segment(text);
    assert_eq!(token_strings(text, &seg), ["👨‍👩‍👧", "家庭"]);
    assert_eq!((seg.words[0].start, seg.words[0].end), (0, 5));
    assert_eq!(seg.words[0].kind, WordKind::Symbol);
    assert_eq!((seg.words[1].start, seg.words[1].end), (6, 8));
    check_invariants(text, &seg);
}

#[test]
fn astral_han_offsets_count_code_points() {
    let text = "𠮷野家的牛肉饭";
    let seg = segmenter().segment(text);
    assert_eq!((seg.words[0].start, seg.words[0].end), (0, 1), "𠮷 alone");
    assert_eq!(seg.words[0].kind, WordKind::Han);
    assert_eq!(seg.words[1].start, 1);
    let toks = token_strings(text, &seg);
    assert_eq!(toks.concat(), text);
    assert!(toks.contains(&"牛肉".to_string()));
    check_invariants(text, &seg);
    // With an emoji before it, 李白 still starts at code point 1.
    let text = "😀李白出生于碎叶城，与杜甫是好友。";
    let seg = segmenter().segment(text);
    assert_eq!((seg.words[1].start, seg.words[1].end), (1, 3));
    check_invariants(text, &seg);
}

#[test]
fn crlf_is_not_a_token_and_offsets_count_both_characters() {
    let text = "第一行\r\n第二行\r\rВСТРЕЧА\n";
    let seg = segmenter().segment(text);
    let toks = token_strings(text, &seg);
    assert!(toks.iter().all(|t| !t.contains(['\r', '\n'])), "{toks:?}");
    let w = seg
        .words
        .iter()
        .find(|w| w.kind == WordKind::Other)
        .unwrap();
    assert_eq!((w.start, w.end), (10, 17));
    check_invariants(text, &seg);
}

#[test]
fn mixed_scripts_come_out_as_whole_words() {
    let text = "习近平同普京会晤ВСТРЕЧА";
    assert_eq!(tokens(text), ["习近平", "同", "普京", "会晤", "ВСТРЕЧА"]);
}

#[test]
fn empty_and_whitespace_texts_have_no_tokens() {
    for text in ["", " ", "\r\n\u{3000}\t\u{2028}"] {
        let seg = segmenter().segment(text);
        assert!(seg.words.is_empty(), "{text:?}");
        assert!(seg.subword_boundaries.is_empty(), "{text:?}");
    }
}

#[test]
fn varied_texts_keep_every_invariant() {
    let texts = [
        "COVID-19疫情下，GDP增长3.5%，约合1,000亿美元。",
        "他说：“好。”然后走了\r\n\r\n第二段",
        "e\u{301}tude 和 naïve 👍🏽 ☺️ 〇一二",
        "ＡＢＣ１２３（中文）【注】«Привет, мир!»",
        "中华人民共和国成立于1949年10月1日",
    ];
    for t in texts {
        check_invariants(t, &segmenter().segment(t));
    }
    // The seed with Windows line ends.
    let crlf = SEED.replace('\n', "\r\n");
    check_invariants(&crlf, &segmenter().segment(&crlf));
}

#[test]
fn dictionary_from_text_segments_and_bad_dictionary_is_an_error() {
    let dict = "习近平 100 nr\n普京 100 nr\n会晤 100 v\n同 100 p\n";
    let seg = Segmenter::from_dict(dict.as_bytes()).unwrap();
    let text = "习近平同普京会晤ВСТРЕЧА";
    assert_eq!(
        token_strings(text, &seg.segment(text)),
        ["习近平", "同", "普京", "会晤", "ВСТРЕЧА"]
    );
    let err = Segmenter::from_dict("习近平 many nr\n".as_bytes())
        .err()
        .expect("a frequency that is not a number is refused");
    assert!(err.to_string().contains("dictionary"), "{err}");
}

/// Sub-word boundaries as they were first defined: jieba's search mode
/// (without HMM) run over the whole text a second time, its grams of two or
/// more characters inside each Han word, tiling the word in as few pieces
/// as possible. `Segmenter::segment` now looks the grams up in the
/// dictionary instead of running a second pass; this is the reference it
/// must agree with.
fn search_mode_boundaries(text: &str, seg: &Segmentation) -> Vec<u32> {
    static JIEBA: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    let jieba = JIEBA.get_or_init(jieba_rs::Jieba::new);
    let mut grams: Vec<(u32, u32)> = jieba
        .cut_for_search(text, false)
        .iter()
        .map(|t| (t.start as u32, t.end as u32))
        .filter(|&(s, e)| e - s >= 2)
        .collect();
    grams.sort_unstable();
    let mut out: Vec<u32> = seg.words.iter().flat_map(|w| [w.start, w.end]).collect();
    for w in seg.words.iter().filter(|w| w.kind == WordKind::Han) {
        let n = (w.end - w.start) as usize;
        let parts: Vec<(usize, usize)> = grams
            .iter()
            .filter(|&&(s, e)| w.start <= s && e <= w.end && (s, e) != (w.start, w.end))
            .map(|&(s, e)| ((s - w.start) as usize, (e - w.start) as usize))
            .collect();
        // Fewest pieces tiling the first i characters, and where the last starts.
        let mut best: Vec<Option<(u32, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0));
        for i in 0..n {
            let Some((pieces, _)) = best[i] else { continue };
            for &(_, j) in parts.iter().filter(|p| p.0 == i) {
                if best[j].is_none_or(|(p, _)| pieces + 1 < p) {
                    best[j] = Some((pieces + 1, i));
                }
            }
        }
        let mut at = n;
        while let Some((_, from)) = best[at].filter(|_| at > 0) {
            out.push(w.start + from as u32);
            at = from;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The dictionary look-up of grams inside each word gives the same sub-word
/// boundaries as the second search-mode pass it replaced; the only others
/// are those that cut a one-character abbreviation out of a word (issue 17:
/// 中方 → 中|方, 访华 → 访|华) and those that cut a function word off the
/// edge of a word the HMM joined (张三|在, `segment/edges.rs`).
#[test]
fn subword_boundaries_equal_those_of_a_search_mode_pass() {
    let texts = [
        SEED,
        "美国政府发表声明，联合国安理会开会，俄罗斯总统普京出席。",
        "中华人民共和国国务院总理李克强在人民大会堂会见了世界卫生组织总干事。",
        "邓小平理论和三个代表重要思想是中国特色社会主义理论体系的组成部分。",
        "李明和张伟是朋友。ВСТРЕЧА 2030年GDP增长3.5%，约合1,000亿美元。",
        "ＧＤＰ在２０３０年，👨‍👩‍👧 家庭，𠮷野家的牛肉饭，Αθήνα和Москва",
        "卡拉OK厅和T恤衫，iPhone手机，A股市场，B超检查，X光片\r\n第二行",
    ];
    for text in texts {
        let seg = segmenter().segment(text);
        let chars: Vec<char> = text.chars().collect();
        let search_mode = search_mode_boundaries(text, &seg);
        let abbreviation = |b: u32| {
            "中俄欧亚华".contains(chars[b as usize - 1]) || "中俄亚华".contains(chars[b as usize])
        };
        // A function word first or last in its word, cut off it.
        let edge = |b: u32| {
            let Some(w) = seg.words.iter().find(|w| w.start < b && b < w.end) else {
                return false;
            };
            (b == w.start + 1
                && "在从向对为以于由把被给跟同与和及但而并或这那致令使让叫当受据胜"
                    .contains(chars[w.start as usize]))
                || (b + 1 == w.end
                    && "说道称是有在的了着过等到来去和与及".contains(chars[b as usize]))
        };
        let ours: Vec<u32> = seg
            .subword_boundaries
            .iter()
            .copied()
            .filter(|&b| search_mode.contains(&b) || !(abbreviation(b) || edge(b)))
            .collect();
        assert_eq!(ours, search_mode, "{text}");
    }
}

/// jieba-rs's own dictionary as text (its `src/data/dict.txt`, the file the
/// build packs for the page), located as `scripts/build.sh` locates it.
fn jieba_dictionary_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let metadata = std::process::Command::new(env!("CARGO"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["metadata", "-q", "--format-version", "1"])
            .output()
            .expect("cargo metadata");
        let metadata: serde_json::Value = serde_json::from_slice(&metadata.stdout).unwrap();
        let jieba = metadata["packages"].as_array().into_iter().flatten();
        let manifest = jieba
            .filter(|p| p["name"] == "jieba-rs")
            .find_map(|p| p["manifest_path"].as_str())
            .expect("jieba-rs among the packages");
        let dict = std::path::Path::new(manifest).with_file_name("src/data/dict.txt");
        std::fs::read_to_string(dict).expect("jieba-rs's dict.txt")
    })
}

/// The segmenter the page builds: our own walk over a dictionary read from
/// text, here the very dictionary jieba-rs embeds.
fn walk_segmenter() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    SEGMENTER.get_or_init(|| Segmenter::from_dict(jieba_dictionary_text().as_bytes()).unwrap())
}

/// Our walk over the dictionary cuts exactly as jieba-rs cuts with the
/// same dictionary: words, kinds and sub-words, on the seed article (also
/// with Windows line ends), every format fixture and texts of every script.
#[test]
fn own_walk_over_jiebas_dictionary_cuts_as_jieba_rs() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");
    let mut texts = vec![SEED.to_string(), SEED.replace('\n', "\r\n")];
    let mut dirs = vec![std::path::PathBuf::from(fixtures)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
    }
    texts.extend(
        [
            "COVID-19疫情下，GDP增长3.5%，约合1,000亿美元。WES-5.4.5版",
            "e\u{301}tude 和 naïve 👍🏽 ☺️ 〇一二 ＡＢＣ１２３（中文）«Привет, мир!»",
            "𠮷野家的牛肉饭，㐀㐁㐂和鿪鿫，李明和张伟是朋友。卡拉OK厅和T恤衫",
            "許多社區長青學苑多開設有書法、插花、土風舞班，文山區長青學苑則有個十分特別的「英文歌唱班」",
        ]
        .map(String::from),
    );
    assert!(texts.len() > 20, "the fixtures were read");
    for text in &texts {
        assert_eq!(
            walk_segmenter().segment(text),
            segmenter().segment(text),
            "{text}"
        );
    }
}

/// A word of `dictionary_word()`'s characters: Han (one outside the BMP),
/// ASCII letters and digits, and a connector jieba keeps inside words.
fn dictionary_word() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(
            &[
                '中', '国', '人', '民', '大', '学', '生', '𠮷', 'a', 'b', '1', '.',
            ][..],
        ),
        1..5,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// With any dictionary (words listed twice, frequencies of 0, whose
    /// routes tie and must be broken as jieba breaks them) and any text, our
    /// walk gives what jieba-rs gives.
    #[test]
    fn own_walk_cuts_as_jieba_rs_with_any_dictionary(
        entries in proptest::collection::vec((dictionary_word(), proptest::sample::select(&[0usize, 1, 2, 4, 100][..])), 0..30),
        text in proptest::collection::vec(proptest::sample::select(&[
            '中', '国', '人', '民', '大', '学', '生', '𠮷', '的', '了', 'a', 'b', '1', '.', '-', '+',
            ' ', '\r', '\n', '，', 'Я', '〇', '😀', '㐀', '鿪', '\u{301}',
        ][..]), 0..40).prop_map(|cs| cs.into_iter().collect::<String>()),
    ) {
        let dict: String = entries.iter().map(|(w, f)| format!("{w} {f}\n")).collect();
        let ours = Segmenter::from_dict(dict.as_bytes()).unwrap();
        let jieba = Segmenter::with_jieba(Jieba::with_dict(&mut dict.as_bytes()).unwrap());
        prop_assert_eq!(ours.segment(&text), jieba.segment(&text), "dictionary {:?}", dict);
    }
}

/// A segmenter built entry by entry (as from the page's packed dictionary)
/// is the one built from the same entries as text.
#[test]
fn segmenter_built_from_entries_equals_the_one_read_from_text() {
    let mut words = Segmenter::builder();
    for line in jieba_dictionary_text().lines() {
        let mut fields = line.split_whitespace();
        if let (Some(word), Some(freq)) = (fields.next(), fields.next()) {
            words.add(word, freq.parse().unwrap());
        }
    }
    let built = words.finish().unwrap();
    for text in [SEED, "李明和张伟是朋友。卡拉OK厅和T恤衫，WES-5.4.5版"] {
        assert_eq!(
            built.segment(text),
            walk_segmenter().segment(text),
            "{text}"
        );
    }
}

/// The words of `text` segmented in parts, each ending after a line break
/// where `cut_after` says so, appended one after another.
fn segment_in_parts(text: &str, cut_after: impl Fn(usize) -> bool) -> Segmentation {
    let mut out = Segmentation::default();
    let (mut from, mut from_cp, mut cp, mut breaks) = (0, 0u32, 0u32, 0);
    for (b, c) in text.char_indices() {
        cp += 1;
        if c == '\n' {
            breaks += 1;
            if cut_after(breaks) {
                walk_segmenter().segment_after(&text[from..b + 1], from_cp, &mut out);
                (from, from_cp) = (b + 1, cp);
            }
        }
    }
    walk_segmenter().segment_after(&text[from..], from_cp, &mut out);
    out
}

/// The worker segments a long text in parts cut after line breaks, into
/// one segmentation: it holds the words and sub-words of the whole, the
/// offsets of each part moved past astral characters, emoji and CRLF
/// before it, and a boundary where two parts meet only once.
#[test]
fn parts_cut_after_line_breaks_segment_as_the_whole() {
    let mixed = "𠮷野家的牛肉饭\r\n😀李白出生于碎叶城\n\n👨‍👩‍👧家庭 ВСТРЕЧА\r\n美国政府发表声明\nＧＤＰ增长3.5%\n";
    for text in [
        SEED.to_string(),
        SEED.replace('\n', "\r\n"),
        mixed.repeat(3),
    ] {
        let whole = walk_segmenter().segment(&text);
        for every in 1..4 {
            assert_eq!(segment_in_parts(&text, |n| n % every == 0), whole, "{text}");
        }
    }
}

proptest! {
    /// Any text, cut after any of its line breaks.
    #[test]
    fn any_text_segments_in_parts_as_the_whole(
        text in proptest::collection::vec(proptest::sample::select(&[
            '中', '国', '人', '民', '美', '政', '府', '𠮷', 'a', 'b', '1', '.', ' ', '\r', '\n', '\n',
            '，', 'Я', 'ё', '😀', '\u{200D}', '\u{301}',
        ][..]), 0..60).prop_map(|cs| cs.into_iter().collect::<String>()),
        cuts in proptest::collection::vec(any::<bool>(), 16),
    ) {
        let parts = segment_in_parts(&text, |n| cuts[n % cuts.len()]);
        prop_assert_eq!(parts, walk_segmenter().segment(&text));
    }
}
