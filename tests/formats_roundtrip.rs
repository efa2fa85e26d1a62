//! Round trips through the formats, case by case, and the property tests
//! `tests/formats_losses.rs` does not cover: W3C against another text,
//! character-level CoNLL without the text, and the count of dropped
//! relations. (Every format against the losses the README declares, on
//! documents of every class, is `tests/formats_losses.rs`.)

mod common;

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label};
use biaozhu::formats::{self, Format};
use biaozhu::segment::Segmentation;
use common::{any_doc, doc_from, words};
use proptest::prelude::*;

/// Pieces without whitespace or sentence ends, for CoNLL without the text.
const PLAIN: &[&str] = &[
    "李",
    "白",
    "出",
    "生",
    "碎",
    "叶",
    "城",
    "𠮷",
    "野",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "a",
    "7",
    "，",
];

/// The labels of the cases below.
fn labels() -> Vec<Label> {
    vec![
        Label::new("PER", "人物 PER", "#e6550d", Some("1")),
        Label::new("LOC", "地点 LOC", "#009e73", Some("2")),
        Label::new("ORG", "机构 ORG", "#0072b2", None),
    ]
}

/// Export as `format`, then import the (last) file, with the text beside it.
fn round_trip(format: Format, doc: &AnnotatedDocument) -> AnnotatedDocument {
    assert_eq!(doc.validate(), Ok(()));
    let w = words(&doc.text);
    let out = formats::export(format, doc, Some(&w)).unwrap();
    let (name, content) = out.files.last().unwrap();
    formats::import(format, name, content, Some(&doc.text))
        .unwrap_or_else(|e| panic!("{format}: {e}\n{content}"))
}

/// Only contiguous annotations, and relations between those kept.
fn contiguous_only(mut doc: AnnotatedDocument) -> AnnotatedDocument {
    doc.annotations.retain(|a| a.fragments.is_empty());
    keep_relations(doc)
}

fn keep_relations(mut doc: AnnotatedDocument) -> AnnotatedDocument {
    let ids: Vec<String> = doc.annotations.iter().map(|a| a.id.clone()).collect();
    doc.relations
        .retain(|r| ids.contains(&r.from) && ids.contains(&r.to));
    doc
}

type SpanKey = (u32, u32, String);

fn spans(doc: &AnnotatedDocument) -> Vec<SpanKey> {
    doc.annotations
        .iter()
        .map(|a| (a.start, a.end, a.label.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// W3C without the embedded text: the text given beside it is used,
    /// and the `ni:` hash ties the annotations to it. With the embedded
    /// text, the copy the annotations name wins over another one given
    /// (the page passes the open document's text with every W3C file).
    #[test]
    fn w3c_refuses_another_text(doc in any_doc()) {
        let out = formats::export(Format::W3c, &doc, None).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&out.files[0].1).unwrap();
        let other = format!("{}x", doc.text);
        let with_copy = formats::import(Format::W3c, "a.jsonld", &out.files[0].1, Some(&other));
        if doc.annotations.is_empty() {
            prop_assert_eq!(with_copy.unwrap().text, other.clone());
        } else {
            prop_assert_eq!(with_copy.unwrap(), doc.clone());
        }
        v.as_object_mut().unwrap().remove("bz:text");
        let bare = serde_json::to_string(&v).unwrap();
        let r = formats::import(Format::W3c, "a.jsonld", &bare, Some(&other));
        prop_assert_eq!(r.is_err(), !doc.annotations.is_empty());
        let r = formats::import(Format::W3c, "a.jsonld", &bare, Some(&doc.text));
        prop_assert_eq!(r.unwrap(), doc);
    }

    /// Character-level CoNLL keeps non-overlapping contiguous spans, and
    /// without whitespace or sentence ends it rebuilds the text itself.
    #[test]
    fn conll_char_round_trip_keeps_non_overlapping_spans(
        doc in doc_from(PLAIN.iter().map(|p| (*p).to_owned()).collect(), false)
    ) {
        let mut doc = contiguous_only(doc);
        let mut end = 0;
        doc.annotations.sort_by_key(|a| (a.start, a.end));
        doc.annotations.retain(|a| {
            let keep = a.start >= end;
            if keep { end = a.end; }
            keep
        });
        let doc = keep_relations(doc);
        let out = formats::export(Format::ConllChar, &doc, None).unwrap();
        let (name, content) = &out.files[0];
        let back = formats::import(Format::ConllChar, name, content, None).unwrap();
        prop_assert_eq!(&back.text, &doc.text);
        prop_assert_eq!(spans(&back), spans(&doc));
        // And against the original text.
        let back = formats::import(Format::ConllChar, name, content, Some(&doc.text)).unwrap();
        prop_assert_eq!(spans(&back), spans(&doc));
    }

    /// Every export says in `left_out` what it dropped: a format that drops
    /// relations says how many.
    #[test]
    fn left_out_names_dropped_relations(doc in any_doc()) {
        let out = formats::export(Format::ConllChar, &doc, None).unwrap();
        let n = doc.relations.len();
        let want = if n == 1 { "1 relation".to_owned() } else { format!("{n} relations") };
        prop_assert_eq!(out.left_out.contains(&want), n > 0);
    }
}

/// Issue 14, item 5: brat reads its `.ann` with Python's `splitlines`, so
/// U+2028, U+2029, U+0085 and a vertical tab end a line there as `\n` and
/// `\r` do: a span is split at each (left out of its pieces, and said), and
/// a note's are written as spaces (and said), so that every line of the
/// `.ann` stays one line for brat.
#[test]
fn brat_splits_spans_where_brat_reads_a_line_end() {
    let mut doc = AnnotatedDocument::new("u.txt", "李\u{2028}白\u{2029}杜\r\n甫\u{85}诗\u{b}人");
    doc.labels = labels();
    let mut a = Annotation::new("T1", 0, 12, "PER");
    a.note = Some("一\u{2028}二".into());
    doc.annotations.push(a);
    let out = formats::export(Format::Brat, &doc, None).unwrap();
    assert_eq!(
        out.files[1].1,
        "T1\tPER 0 1;2 3;4 5;7 8;9 10;11 12\t李 白 杜 甫 诗 人\n#1\tAnnotatorNotes T1\t一 二\n"
    );
    assert!(
        out.left_out
            .iter()
            .any(|l| l.starts_with("1 annotation crossing a line end")),
        "{:?}",
        out.left_out
    );
    assert!(
        out.left_out
            .iter()
            .any(|l| l.starts_with("1 note with line breaks")),
        "{:?}",
        out.left_out
    );
}

/// Issue 14, item 4, the case found: text `李白出生于碎叶城`, [0,8) PER and
/// [2,4) LOC. conll-char keeps [0,8) whole (the dropped LOC no longer
/// starts a `B-` inside it), and says it dropped one.
#[test]
fn conll_dropped_overlap_does_not_cut_the_kept_span() {
    let mut doc = AnnotatedDocument::new("o.txt", "李白出生于碎叶城");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 0, 8, "PER"));
    doc.annotations.push(Annotation::new("T2", 2, 4, "LOC"));
    for f in [Format::ConllChar, Format::ConllWord] {
        let out = formats::export(f, &doc, Some(&words(&doc.text))).unwrap();
        let back = formats::import(f, "o.bio", &out.files[0].1, Some(&doc.text)).unwrap();
        assert_eq!(
            spans(&back),
            [(0, 8, "PER".to_owned())],
            "{f}: {}",
            out.files[0].1
        );
        assert!(
            out.left_out
                .contains(&"1 overlapping annotation".to_owned()),
            "{f}: {:?}",
            out.left_out
        );
    }
}

/// Issue 14, item 4: a span across a sentence end (`。` inside a line, and a
/// line end) comes back as one span at both levels; the two sentences are
/// written as one block in the file.
#[test]
fn conll_keeps_a_span_across_a_sentence_end_whole() {
    let mut doc = AnnotatedDocument::new("s.txt", "他说。李白出生于碎叶城。\n杜甫很好");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 2, 5, "PER")); // 。李白
    doc.annotations.push(Annotation::new("T2", 8, 15, "LOC")); // 碎叶城。\n杜甫
    for f in [Format::ConllChar, Format::ConllWord] {
        let out = formats::export(f, &doc, Some(&words(&doc.text))).unwrap();
        let back = formats::import(f, "s.bio", &out.files[0].1, Some(&doc.text)).unwrap();
        let mut got = spans(&back);
        got.sort();
        if f == Format::ConllChar {
            // The line end is whitespace: the span is trimmed of nothing
            // (it ends on 甫) and comes back exactly.
            assert_eq!(got, spans(&doc), "{}", out.files[0].1);
        } else {
            assert_eq!(got.len(), 2, "{f}: {}", out.files[0].1);
        }
    }
}

/// The fixture strings of shared/design/offsets.md, one annotation each on
/// the character after the astral / ZWJ / CRLF part, through every format.
#[test]
fn design_fixture_strings_survive_every_format() {
    let cases = [
        ("𠮷野家的牛肉饭", 1, 3),
        ("😀李白出生于碎叶城，与杜甫是好友。", 1, 3),
        ("👨\u{200d}👩\u{200d}👧 家庭", 6, 8),
        ("第一行\r\n第二行", 5, 8),
        ("ВСТРЕЧА ПРЕДСЕДАТЕЛЯ КНР", 8, 20),
    ];
    for (text, s, e) in cases {
        let mut doc = AnnotatedDocument::new("f.txt", text);
        doc.labels = labels();
        doc.annotations.push(Annotation::new("T1", s, e, "PER"));
        let want = doc.quote(&doc.annotations[0]).unwrap();
        for f in Format::ALL {
            let back = round_trip(f, &doc);
            let a = &back.annotations[0];
            assert_eq!((a.start, a.end), (s, e), "{f} on {text:?}");
            assert_eq!(back.quote(a).unwrap(), want, "{f} on {text:?}");
        }
    }
}

/// doccano's file holds UTF-16 units: 李白 after 😀 is [2, 4) there.
#[test]
fn doccano_export_counts_utf16_units() {
    let mut doc = AnnotatedDocument::new("d.txt", "😀李白");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 3, "PER"));
    let out = formats::export(Format::Doccano, &doc, None).unwrap();
    assert!(
        out.files[0].1.contains("[[2,4,\"PER\"]]"),
        "{}",
        out.files[0].1
    );
}

/// Prodigy's `token_end` is inclusive: 李白 as one word is token 1..=1.
#[test]
fn prodigy_token_end_is_inclusive() {
    let mut doc = AnnotatedDocument::new("p.txt", "😀李白出生于碎叶城");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 3, "PER"));
    doc.annotations.push(Annotation::new("T2", 6, 9, "LOC"));
    let out = formats::export(Format::Prodigy, &doc, Some(&words(&doc.text))).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out.files[0].1).unwrap();
    let tokens: Vec<&str> = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(tokens, ["😀", "李白", "出", "生于", "碎叶", "城"]);
    assert_eq!(
        (
            v["spans"][0]["token_start"].as_u64(),
            v["spans"][0]["token_end"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(
        (
            v["spans"][1]["token_start"].as_u64(),
            v["spans"][1]["token_end"].as_u64()
        ),
        (Some(4), Some(5))
    );
    assert!(
        out.left_out.iter().all(|l| !l.contains("word boundaries")),
        "{:?}",
        out.left_out
    );
}

/// Prodigy's tokens rebuild the text as spaCy's `Doc(vocab, words, spaces)`
/// does: each token's text, then a space when `ws`, is the text exactly. A
/// word followed by one space carries it as `ws`; every other stretch of
/// white space (leading, CRLF, `\n\n`, the second of two spaces, U+3000,
/// trailing) is a token of its own, and the spans' and relations' token
/// indices count those tokens. Once only the words were tokens and `doc.text`
/// lost the line breaks, so spaCy found no span after the first.
#[test]
fn prodigy_tokens_with_their_spaces_rebuild_the_text_as_spacy_does() {
    use biaozhu::annotation::Relation;
    let text = "  李白\r\n𠮷野家\n\n👨\u{200d}👩\u{200d}👧在北京  上海\u{3000}欢迎 你\n";
    let mut doc = AnnotatedDocument::new("ws.txt", text);
    doc.labels = labels();
    for (id, s, e, label) in [
        ("a1", 2, 4, "PER"),   // 李白
        ("a2", 6, 9, "ORG"),   // 𠮷野家, two words
        ("a3", 11, 16, "PER"), // 👨‍👩‍👧
        ("a4", 21, 23, "LOC"), // 上海, after the second of two spaces
        ("a5", 27, 28, "PER"), // 你
        ("a6", 2, 9, "ORG"),   // across a CRLF
    ] {
        doc.annotations.push(Annotation::new(id, s, e, label));
    }
    doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a5".into(),
        kind: "友".into(),
        ..Default::default()
    });
    let out = formats::export(Format::Prodigy, &doc, Some(&words(text))).unwrap();
    let line = &out.files[0].1;
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    let tokens = v["tokens"].as_array().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let mut rebuilt = String::new();
    let mut at = 0;
    for (i, t) in tokens.iter().enumerate() {
        let (s, e) = (t["start"].as_u64().unwrap(), t["end"].as_u64().unwrap());
        let t_text = t["text"].as_str().unwrap();
        assert_eq!(t["id"].as_u64(), Some(i as u64), "{t}");
        assert_eq!(s, at, "token {i} starts where the one before left off: {t}");
        assert_eq!(
            chars[s as usize..e as usize].iter().collect::<String>(),
            t_text,
            "{t}"
        );
        rebuilt.push_str(t_text);
        at = e;
        if t["ws"].as_bool().unwrap() {
            assert_eq!(chars.get(e as usize), Some(&' '), "{t}");
            rebuilt.push(' ');
            at += 1;
        }
    }
    assert_eq!(rebuilt, text);
    let got: Vec<(&str, bool)> = tokens
        .iter()
        .map(|t| (t["text"].as_str().unwrap(), t["ws"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("  ", false),
            ("李白", false),
            ("\r\n", false),
            ("𠮷", false),
            ("野家", false),
            ("\n\n", false),
            ("👨\u{200d}👩\u{200d}👧", false),
            ("在", false),
            ("北京", true),
            (" ", false),
            ("上海", false),
            ("\u{3000}", false),
            ("欢迎", true),
            ("你", false),
            ("\n", false),
        ]
    );
    let spans: Vec<(u64, u64)> = v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["token_start"].as_u64().unwrap(),
                s["token_end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(spans, [(1, 1), (3, 4), (6, 6), (10, 10), (13, 13), (1, 4)]);
    // Every span is on token boundaries, so spaCy's `char_span` finds it.
    for s in v["spans"].as_array().unwrap() {
        let (ts, te) = (
            s["token_start"].as_u64().unwrap() as usize,
            s["token_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(tokens[ts]["start"], s["start"], "{s}");
        assert_eq!(tokens[te]["end"], s["end"], "{s}");
    }
    assert!(
        out.left_out.iter().all(|l| !l.contains("word boundaries")),
        "{:?}",
        out.left_out
    );
    let r = &v["relations"][0];
    assert_eq!(
        (r["head"].as_u64(), r["child"].as_u64()),
        (Some(1), Some(13))
    );
    // It reads back, and so does a file written before the white space was
    // tokens (only the words).
    let back = formats::import(Format::Prodigy, "ws.jsonl", line, None).unwrap();
    let older = {
        let mut v = v.clone();
        v["tokens"]
            .as_array_mut()
            .unwrap()
            .retain(|t| !t["text"].as_str().unwrap().trim().is_empty());
        serde_json::to_string(&v).unwrap()
    };
    let old_back = formats::import(Format::Prodigy, "ws.jsonl", &older, None).unwrap();
    for b in [&back, &old_back] {
        assert_eq!(b.text, text);
        let got: Vec<(u32, u32, &str)> = b
            .annotations
            .iter()
            .map(|a| (a.start, a.end, a.label.as_str()))
            .collect();
        let want: Vec<(u32, u32, &str)> = doc
            .annotations
            .iter()
            .map(|a| (a.start, a.end, a.label.as_str()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(b.relations.len(), 1);
    }
}

/// Word-level CoNLL: one word a line, B-/I- per word; a span inside a word
/// is widened to the word and said in `left_out`; the words read back
/// against the text give the word-aligned spans.
#[test]
fn conll_word_tags_whole_words() {
    let mut doc = AnnotatedDocument::new("w.txt", "😀李白出生于碎叶城");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 3, "PER"));
    doc.annotations.push(Annotation::new("T2", 6, 9, "LOC"));
    let out = formats::export(Format::ConllWord, &doc, Some(&words(&doc.text))).unwrap();
    assert_eq!(
        out.files[0].1,
        "😀\tO\n李白\tB-PER\n出\tO\n生于\tO\n碎叶\tB-LOC\n城\tI-LOC\n"
    );
    // Only the label names (the labels' ids are written).
    assert_eq!(out.left_out, ["3 label names (labels are written by id)"]);
    let back =
        formats::import(Format::ConllWord, "w.bio", &out.files[0].1, Some(&doc.text)).unwrap();
    assert_eq!(spans(&back), spans(&doc));

    doc.annotations.push(Annotation::new("T3", 5, 6, "ORG")); // 于, inside 生于
    let out = formats::export(Format::ConllWord, &doc, Some(&words(&doc.text))).unwrap();
    assert!(
        out.files[0].1.contains("生于\tB-ORG\n"),
        "{}",
        out.files[0].1
    );
    assert!(
        out.left_out.contains(
            &"1 annotation not on word boundaries (widened or narrowed to whole words)".to_owned()
        ),
        "{:?}",
        out.left_out
    );
}

/// Words that do not fit the text are an error, not a panic.
#[test]
fn words_for_another_text_are_refused() {
    use biaozhu::segment::{Word, WordKind};
    let mut doc = AnnotatedDocument::new("w.txt", "李白");
    doc.labels = labels();
    let bad = Segmentation {
        words: vec![Word {
            start: 1,
            end: 0,
            kind: WordKind::Han,
        }],
        subword_boundaries: vec![],
    };
    for f in [Format::Prodigy, Format::ConllWord] {
        let e = formats::export(f, &doc, Some(&bad)).unwrap_err();
        assert!(e.to_string().contains("another text"), "{e}");
    }
    let e = formats::words_from_pairs("李白", &[0, 1, 1, 5]).unwrap_err();
    assert!(e.to_string().contains("[1, 5)"), "{e}");
}

/// Natively, an export that needs words finds them itself when given none.
#[test]
fn word_exports_segment_natively_without_words() {
    let mut doc = AnnotatedDocument::new("n.txt", "😀李白出生于碎叶城");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 3, "PER"));
    let given = formats::export(Format::ConllWord, &doc, Some(&words(&doc.text))).unwrap();
    let own = formats::export(Format::ConllWord, &doc, None).unwrap();
    assert_eq!(own, given);
    assert!(formats::export(Format::Prodigy, &doc, None).is_ok());
}

#[test]
fn brat_span_ending_in_crlf_keeps_its_quote() {
    let mut doc = AnnotatedDocument::new("c.txt", "李白\r\n杜甫");
    doc.labels = labels();
    doc.annotations.push(Annotation::new("T1", 1, 5, "PER")); // 白\r\n杜
    doc.annotations.push(Annotation::new("T2", 2, 6, "PER")); // \r\n杜甫
    let out = formats::export(Format::Brat, &doc, None).unwrap();
    assert_eq!(
        out.files[1].1,
        "T1\tPER 1 2;4 5\t白 杜\nT2\tPER 4 6\t杜甫\n"
    );
    assert!(formats::import(Format::Brat, "c.ann", &out.files[1].1, Some(&doc.text)).is_ok());
}

/// A W3C annotation that has only a `TextQuoteSelector` is placed where its
/// quote, prefix and suffix occur, exactly once, in code points; overlapping
/// occurrences count as two.
#[test]
fn w3c_quote_without_a_position_is_found_once_in_code_points() {
    let one = |exact: &str, prefix: &str, suffix: &str| {
        serde_json::json!({
            "type": "Annotation", "id": "#a1",
            "body": [{"type": "TextualBody", "purpose": "tagging", "value": "PER"}],
            "target": {"selector": {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}}
        })
        .to_string()
    };
    let text = "😀他说好，𠮷他说好吗aaa";
    let import = |exact: &str, prefix: &str, suffix: &str| {
        formats::import(
            Format::W3c,
            "q.jsonld",
            &one(exact, prefix, suffix),
            Some(text),
        )
    };
    let doc = import("他说", "𠮷", "").unwrap();
    assert_eq!((doc.annotations[0].start, doc.annotations[0].end), (6, 8));
    let doc = import("他说", "", "好，").unwrap();
    assert_eq!((doc.annotations[0].start, doc.annotations[0].end), (1, 3));
    let e = import("他说", "", "").unwrap_err().to_string();
    assert!(e.contains("occurs 2 times"), "{e}");
    let e = import("aa", "", "").unwrap_err().to_string();
    assert!(e.contains("occurs 2 times"), "overlapping: {e}");
    let e = import("他们", "", "").unwrap_err().to_string();
    assert!(e.contains("is not in the text"), "{e}");
}
