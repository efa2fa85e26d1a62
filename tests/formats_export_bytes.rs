//! The W3C and Prodigy exports of large generated documents, pinned by the
//! SHA-256 of their bytes.
//!
//! The pinned digests are those of the writers that built `serde_json::Value`
//! trees (whose objects print their keys sorted): the typed writers that
//! replaced them, for speed, must write the very same bytes, key order,
//! escapes, pretty-printing and all. The documents hold what moves bytes
//! around: astral and ZWJ characters, CRLF, quotes, backslashes and control
//! characters, ids that need percent-encoding, spans at both ends of the text
//! (no prefix, no suffix), discontinuous spans, notes, attributes, every kind
//! of `created`, relations, labels without a key, and words with gaps (spans
//! off word boundaries, and spans no word touches).
//!
//! The Prodigy digests were pinned again when the text between words became
//! tokens of their own (spaCy's rule: the tokens and their `ws` spaces
//! rebuild the text): only the tokens and the token indices changed, and
//! every Prodigy export here is checked against that rule too.

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use biaozhu::formats::{self, Format};
use biaozhu::hash::sha256_hex;

const PIECES: &[&str] = &[
    "李",
    "白",
    "出生",
    "于",
    "碎叶城",
    "𠮷",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "，",
    "。",
    "\r\n",
    "\n",
    " ",
    "\t",
    "\"",
    "\\",
    "\u{1}",
    "</",
    "é",
    "ab",
    "7",
];

/// A small deterministic generator (xorshift), so the documents are the same
/// on every machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn generated(seed: u64, pieces: usize, annotations: usize, extras: bool) -> AnnotatedDocument {
    let mut rng = Rng(seed);
    let text: String = (0..pieces)
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect();
    let len = text.chars().count();
    let mut doc = AnnotatedDocument::new("新闻 \"1\".txt", &text);
    doc.labels = vec![
        Label::new("PER", "人物 PER", "#e6550d", Some("1")),
        Label::new("LOC", "LOC", "#009e73", None),
        Label::new("O\"RG", "机构", "", Some("x")),
    ];
    let created = [
        "",
        "2024-05-01T12:00:00.000Z",
        "2024-05-01T12:00:00+08:00",
        "2024-05-01 12:00",
    ];
    for i in 0..annotations {
        let id = ["a", "a b/", "ç%"][i % 3].to_owned() + &i.to_string();
        let label = doc.labels[rng.below(3)].id.clone();
        let (start, end) = match i {
            0 => (0, 1 + rng.below(3)),
            1 => (len - 1 - rng.below(3), len),
            _ => {
                let s = rng.below(len - 1);
                (s, s + 1 + rng.below((len - s).min(8)))
            }
        };
        let mut a = Annotation::new(&id, start as u32, end as u32, &label);
        if end - start >= 4 && rng.below(5) == 0 {
            let cut = start + 1 + rng.below(end - start - 2);
            a.fragments = vec![(start as u32, cut as u32), (cut as u32 + 1, end as u32)];
        }
        a.created = created[rng.below(created.len())].to_owned();
        if rng.below(4) == 0 {
            a.note = Some(format!("备注 \"{i}\"\n\\ 😀"));
        }
        for k in 0..rng.below(3) {
            a.attributes
                .insert(["Negated", "conf", "Ä"][k].to_owned(), format!("v{i}"));
        }
        doc.annotations.push(a);
    }
    for i in 0..annotations / 10 {
        let from = doc.annotations[rng.below(annotations)].id.clone();
        let to = doc.annotations[rng.below(annotations)].id.clone();
        let kind = ["出生地", "Fr\"iend"][i % 2].to_owned();
        doc.relations.push(Relation {
            id: format!("r {i}"),
            from,
            to,
            kind,
            ..Default::default()
        });
    }
    if extras {
        doc.doc_labels = vec!["news".into(), "体育".into()];
        doc.source_encoding = Some("GB18030".into());
    }
    doc
}

/// Words of 1–4 code points with a gap now and then.
fn generated_words(doc: &AnnotatedDocument, seed: u64) -> Vec<u32> {
    let mut rng = Rng(seed);
    let len = doc.text.chars().count();
    let mut pairs = Vec::new();
    let mut at = 0;
    while at < len {
        let end = (at + 1 + rng.below(4)).min(len);
        if rng.below(10) != 0 {
            pairs.extend([at as u32, end as u32]);
        }
        at = end;
    }
    pairs
}

fn digest(format: Format, doc: &AnnotatedDocument, pairs: &[u32]) -> String {
    let words = formats::words_from_pairs(&doc.text, pairs).unwrap();
    let out = formats::export(format, doc, Some(&words)).unwrap();
    assert_eq!(out.files.len(), 1);
    if format == Format::Prodigy {
        tokens_rebuild_the_text(&doc.text, &out.files[0].1);
    }
    sha256_hex(&out.files[0].1)
}

/// spaCy's rule: each token's text, then a space when `ws`, is the text;
/// every span's and relation's token indices name tokens it touches. The
/// words here leave gaps of any text, not only white space.
fn tokens_rebuild_the_text(text: &str, line: &str) {
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    let tokens = v["tokens"].as_array().unwrap();
    let mut rebuilt = String::new();
    let mut ends = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        assert_eq!(t["id"].as_u64(), Some(i as u64));
        rebuilt.push_str(t["text"].as_str().unwrap());
        ends.push((t["start"].as_u64().unwrap(), t["end"].as_u64().unwrap()));
        if t["ws"].as_bool().unwrap() {
            rebuilt.push(' ');
        }
    }
    assert!(rebuilt == text, "the tokens do not rebuild the text");
    let touches = |span: &serde_json::Value| {
        let (s, e) = (
            span["start"].as_u64().unwrap(),
            span["end"].as_u64().unwrap(),
        );
        if let (Some(ts), Some(te)) = (span["token_start"].as_u64(), span["token_end"].as_u64()) {
            let ((first, _), (_, last)) = (ends[ts as usize], ends[te as usize]);
            assert!(ts <= te && first < e && last > s, "{span}");
            assert!(ts == 0 || ends[ts as usize - 1].1 <= s, "{span}");
            assert!(
                te as usize + 1 == ends.len() || ends[te as usize + 1].0 >= e,
                "{span}"
            );
        }
    };
    for span in v["spans"].as_array().unwrap() {
        touches(span);
    }
    for r in v["relations"].as_array().into_iter().flatten() {
        assert_eq!(r["head"], r["head_span"]["token_end"]);
        assert_eq!(r["child"], r["child_span"]["token_end"]);
    }
}

#[test]
fn w3c_and_prodigy_exports_keep_their_bytes() {
    let cases = [
        (1, 20_000, 2_000, true),
        (2, 3_000, 300, false),
        (3, 40, 5, true),
    ];
    let mut got = Vec::new();
    for (seed, pieces, annotations, extras) in cases {
        let doc = generated(seed, pieces, annotations, extras);
        assert_eq!(doc.validate(), Ok(()));
        let pairs = generated_words(&doc, seed);
        got.push(digest(Format::W3c, &doc, &pairs));
        got.push(digest(Format::Prodigy, &doc, &pairs));
    }
    assert_eq!(
        got,
        [
            "43f73124a49ff3636d9e600de7afb9997789f956253adfdbbc078b9aa0be1f67",
            "8dabac7c13c8ba4168d6e8bd927ca9a8b7c134adde757e865922ee71f9d2d601",
            "f5c90f72b053f98883ce11845783e0e67c6c09bca94040bc90073af1243e35a6",
            "bbb159399bd153664c9dffc19a8ae690b678efa653494702d6dc09f437d5494b",
            "c29536c7d0dfb02a2878069c86c64ed019727a4f2429679c027e48939e75c380",
            "aaf08279bb66b839de6ef5cd9318b0486a94cc0fa3deba5abf362844bd0903d8",
        ]
    );
}
