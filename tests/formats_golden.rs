//! Golden tests: every example file in `tests/fixtures/formats/` (copies of
//! `/work/shared/formats/`), imported, with what it must give or the refusal
//! it must cause. One table, one test per behaviour; a fixture missing from
//! the table fails `every_fixture_is_covered`.

use std::path::{Path, PathBuf};

use biaozhu::annotation::AnnotatedDocument;
use biaozhu::formats::{self, Format, ImportErrorKind};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

fn read(rel: &str) -> String {
    let p = Path::new(FIXTURES).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The sentence every example uses (README of shared/formats).
const LIBAI: &str = "😀李白出生于碎叶城，与杜甫是好友。";

/// The text of the W3C example: its quote, prefix and suffix, joined.
const W3C_TEXT: &str = "唐代诗人李白出生于碎叶城";

enum Text {
    None,
    File(&'static str),
    Literal(&'static str),
}

/// A span `(start, end, label, quote)`.
type Span = (u32, u32, &'static str, &'static str);

enum Expect {
    /// Per document: its spans and its number of relations.
    Docs(Vec<(Vec<Span>, usize)>),
    /// Refused; the message holds every one of these.
    Refused(Vec<&'static str>),
}

struct Case {
    file: &'static str,
    format: Format,
    text: Text,
    expect: Expect,
}

fn libai_spans() -> Vec<Span> {
    vec![
        (1, 3, "PER", "李白"),
        (6, 9, "LOC", "碎叶城"),
        (11, 13, "PER", "杜甫"),
    ]
}

fn cases() -> Vec<Case> {
    use Expect::*;
    vec![
        Case {
            file: "doccano/example.jsonl",
            format: Format::Doccano,
            text: Text::None,
            // UTF-16 [2, 4) after 😀 is code points [1, 3).
            expect: Docs(vec![
                (libai_spans(), 0),
                (vec![(0, 4, "ORG", "北京大学"), (6, 9, "LOC", "海淀区")], 0),
            ]),
        },
        Case {
            file: "doccano/example-relations.jsonl",
            format: Format::Doccano,
            text: Text::None,
            expect: Docs(vec![(libai_spans(), 2)]),
        },
        Case {
            file: "label-studio/example.json",
            format: Format::LabelStudio,
            text: Text::None,
            expect: Docs(vec![(libai_spans(), 1)]),
        },
        Case {
            file: "label-studio/example-json-min.json",
            format: Format::LabelStudio,
            text: Text::None,
            expect: Docs(vec![(libai_spans(), 0)]),
        },
        Case {
            file: "prodigy/example.jsonl",
            format: Format::Prodigy,
            text: Text::None,
            expect: Docs(vec![(libai_spans(), 0)]),
        },
        Case {
            file: "conll-bio/example.iob2.tsv",
            format: Format::ConllChar,
            text: Text::None,
            expect: Docs(vec![(
                {
                    let mut s = libai_spans();
                    // The second sentence follows a line break (code point 17).
                    s.push((18, 22, "ORG", "北京大学"));
                    s.push((24, 27, "LOC", "海淀区"));
                    s
                },
                0,
            )]),
        },
        Case {
            file: "conll-bio/example.conll2003-ls-style.txt",
            format: Format::ConllChar,
            text: Text::Literal(LIBAI),
            expect: Docs(vec![(libai_spans(), 0)]),
        },
        Case {
            file: "w3c-annotation-model/examples/valid-zh-quote-and-position.json",
            format: Format::W3c,
            text: Text::Literal(W3C_TEXT),
            expect: Docs(vec![(vec![(4, 6, "PER", "李白")], 0)]),
        },
        Case {
            file: "w3c-annotation-model/examples/invalid/negative-start.json",
            format: Format::W3c,
            text: Text::Literal(W3C_TEXT),
            expect: Refused(vec![
                "TextPositionSelector \"start\" must be a whole number, 0 or more, found the number -1",
            ]),
        },
        Case {
            file: "w3c-annotation-model/examples/invalid/no-exact.json",
            format: Format::W3c,
            text: Text::Literal(W3C_TEXT),
            expect: Refused(vec!["TextQuoteSelector has no exact"]),
        },
        Case {
            file: "w3c-annotation-model/examples/invalid/no-target.json",
            format: Format::W3c,
            text: Text::Literal(W3C_TEXT),
            expect: Refused(vec!["has no target"]),
        },
        Case {
            file: "w3c-annotation-model/examples/invalid/string-end.json",
            format: Format::W3c,
            text: Text::Literal(W3C_TEXT),
            expect: Refused(vec![
                "TextPositionSelector \"end\" must be a whole number, 0 or more, found the string",
            ]),
        },
        Case {
            file: "w3c-annotation-model/examples/invalid/two-prefix.json",
            format: Format::W3c,
            text: Text::Literal(W3C_TEXT),
            expect: Refused(vec!["\"prefix\" must be one string, found a list of 2 items"]),
        },
        Case {
            file: "brat/handwritten-zh/example.ann",
            format: Format::Brat,
            text: Text::File("brat/handwritten-zh/example.txt"),
            expect: Docs(vec![(
                vec![
                    (4, 6, "PER", "李白"),
                    (9, 12, "LOC", "碎叶城"),
                    // After 😀: code points, not UTF-16.
                    (17, 19, "PER", "杜甫"),
                    (24, 31, "ORG", "北京 大学"),
                    (27, 31, "ORG", "上海大学"),
                    (37, 45, "LOC", "中华人民 共和国"),
                ],
                2,
            )]),
        },
        Case {
            file: "brat/nlplab-brat-tutorial/000-introduction.ann",
            format: Format::Brat,
            text: Text::File("brat/nlplab-brat-tutorial/000-introduction.txt"),
            expect: Docs(vec![(
                vec![
                    (418, 426, "Organization", "Citibank"),
                    (456, 468, "Money", "$100 million"),
                    (443, 449, "Transfer-money", "moving"),
                    (473, 496, "Person", "Raul Salinas de Gortari"),
                    (511, 535, "Person", "former Mexican president"),
                    (540, 545, "Organization", "banks"),
                    (549, 560, "GPE", "Switzerland"),
                ],
                2,
            )]),
        },
        Case {
            file: "brat/nlplab-brat-tutorial/110-note_annotation.ann",
            format: Format::Brat,
            text: Text::File("brat/nlplab-brat-tutorial/110-note_annotation.txt"),
            expect: Docs(vec![(
                vec![
                    (412, 421, "GPE", "Discworld"),
                    (471, 478, "Organization", "YouTube"),
                    (483, 494, "Organization", "DoubleClick"),
                    (507, 513, "Organization", "Google"),
                    (495, 501, "Merge-org", "merged"),
                    (520, 534, "Person", "Orville Wright"),
                    (539, 552, "Person", "Wilbur Wright"),
                    (643, 652, "GPE", "Discworld"),
                    (702, 709, "Organization", "YouTube"),
                    (714, 725, "Organization", "DoubleClick"),
                    (738, 744, "Organization", "Google"),
                    (726, 732, "Merge-org", "merged"),
                    (751, 765, "Person", "Orville Wright"),
                    (770, 783, "Person", "Wilbur Wright"),
                ],
                2,
            )]),
        },
        // The real-world trap (shared/formats/brat/README.md): git stored the
        // .txt with LF, the .ann counts the CRLF original's \r.
        Case {
            file: "brat/eznlp-HwaMei-zh/demo.ann",
            format: Format::Brat,
            text: Text::File("brat/eznlp-HwaMei-zh/demo.txt"),
            expect: Refused(vec![
                "demo.ann:22:",
                "annotation T15 at [274, 280)",
                "\"急诊 血常规\"",
                "CRLF",
            ]),
        },
        Case {
            file: "brat/eznlp-HwaMei-zh/demo.ann",
            format: Format::Brat,
            text: Text::File("brat/eznlp-HwaMei-zh/demo.crlf.txt"),
            expect: Docs(vec![]), // checked by count below
        },
        Case {
            file: "brat/eznlp-HwaMei-zh/demo.ChaFangJiLu.ann",
            format: Format::Brat,
            text: Text::File("brat/eznlp-HwaMei-zh/demo.ChaFangJiLu.txt"),
            expect: Refused(vec!["demo.ChaFangJiLu.ann:1:", "annotation T2", "CRLF"]),
        },
        Case {
            file: "brat/eznlp-HwaMei-zh/demo.ChaFangJiLu.ann",
            format: Format::Brat,
            text: Text::File("brat/eznlp-HwaMei-zh/demo.ChaFangJiLu.crlf.txt"),
            expect: Docs(vec![]),
        },
    ]
}

fn run(case: &Case) -> Result<Vec<AnnotatedDocument>, formats::ImportError> {
    let content = read(case.file);
    let text = match case.text {
        Text::None => None,
        Text::File(f) => Some(read(f)),
        Text::Literal(t) => Some(t.to_owned()),
    };
    formats::import_all(case.format, case.file, &content, text.as_deref())
}

#[test]
fn every_fixture_imports_as_expected() {
    for case in cases() {
        let got = run(&case);
        match (&case.expect, got) {
            (Expect::Docs(want), Ok(docs)) if want.is_empty() => {
                assert_eq!(docs.len(), 1, "{}", case.file);
            }
            (Expect::Docs(want), Ok(docs)) => {
                assert_eq!(docs.len(), want.len(), "{}: documents", case.file);
                for (doc, (spans, rels)) in docs.iter().zip(want) {
                    let got: Vec<(u32, u32, String, String)> = doc
                        .annotations
                        .iter()
                        .map(|a| (a.start, a.end, a.label.clone(), doc.quote(a).unwrap()))
                        .collect();
                    let want: Vec<(u32, u32, String, String)> = spans
                        .iter()
                        .map(|&(s, e, l, q)| (s, e, l.to_owned(), q.to_owned()))
                        .collect();
                    assert_eq!(got, want, "{}", case.file);
                    assert_eq!(doc.relations.len(), *rels, "{}: relations", case.file);
                }
            }
            (Expect::Refused(parts), Err(e)) => {
                let msg = e.to_string();
                for p in parts {
                    assert!(
                        msg.contains(p),
                        "{}: {msg:?} should contain {p:?}",
                        case.file
                    );
                }
            }
            (Expect::Docs(_), Err(e)) => panic!("{}: refused: {e}", case.file),
            (Expect::Refused(_), Ok(_)) => panic!("{}: should have been refused", case.file),
        }
    }
}

#[test]
fn every_fixture_is_detected_as_its_format() {
    for case in cases() {
        let content = read(case.file);
        assert_eq!(
            formats::detect(case.file, &content),
            Some(case.format),
            "{}",
            case.file
        );
    }
    // A plain text is not mistaken for annotations.
    assert_eq!(
        formats::detect("demo.txt", &read("brat/eznlp-HwaMei-zh/demo.txt")),
        None
    );
}

#[test]
fn every_fixture_is_covered() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.ends_with(EXPORTS) {
                // Checked by exports_match_golden_files.
            } else if p.is_dir() {
                walk(&p, out);
            } else if p.file_name().unwrap() != ".gitattributes" {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new(FIXTURES), &mut files);
    let covered: Vec<String> = cases()
        .iter()
        .flat_map(|c| {
            let mut v = vec![c.file.to_owned()];
            if let Text::File(t) = c.text {
                v.push(t.to_owned());
            }
            v
        })
        .collect();
    for f in files {
        let rel = f
            .strip_prefix(FIXTURES)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        assert!(covered.contains(&rel), "fixture {rel} has no golden case");
    }
}

/// shared/formats/brat/README.md: "demo.crlf.txt 25 / 25", "demo.ChaFangJiLu.crlf.txt 57 / 57".
#[test]
fn eznlp_crlf_counts_match_the_readme() {
    let case = |ann: &str, txt: &str| {
        formats::import(Format::Brat, ann, &read(ann), Some(&read(txt))).unwrap()
    };
    let d = case(
        "brat/eznlp-HwaMei-zh/demo.ann",
        "brat/eznlp-HwaMei-zh/demo.crlf.txt",
    );
    assert_eq!(d.annotations.len(), 25);
    // A (attribute) lines land on their T.
    assert_eq!(
        d.annotations[3]
            .attributes
            .get("Denied")
            .map(String::as_str),
        Some("true")
    );
    let d = case(
        "brat/eznlp-HwaMei-zh/demo.ChaFangJiLu.ann",
        "brat/eznlp-HwaMei-zh/demo.ChaFangJiLu.crlf.txt",
    );
    assert_eq!(d.annotations.len(), 57);
    assert_eq!(d.relations.len(), 27);
}

#[test]
fn brat_handwritten_keeps_attributes_notes_and_fragments() {
    let d = formats::import(
        Format::Brat,
        "example.ann",
        &read("brat/handwritten-zh/example.ann"),
        Some(&read("brat/handwritten-zh/example.txt")),
    )
    .unwrap();
    let t4 = d.annotations.iter().find(|a| a.id == "T4").unwrap();
    assert_eq!(t4.fragments, vec![(24, 26), (29, 31)]);
    assert_eq!(
        t4.attributes.get("Confidence").map(String::as_str),
        Some("High")
    );
    assert!(t4.note.as_deref().unwrap().starts_with("北京大学"));
    let t1 = d.annotations.iter().find(|a| a.id == "T1").unwrap();
    assert_eq!(
        t1.attributes.get("Historical").map(String::as_str),
        Some("true")
    );
}

#[test]
fn doccano_offset_inside_a_surrogate_pair_is_refused_with_the_unit() {
    // Code points [1, 3) read as UTF-16 units: 1 is inside 😀.
    let line = format!("{{\"id\": 1, \"text\": \"{LIBAI}\", \"label\": [[1, 3, \"PER\"]]}}\n");
    let e = formats::import(Format::Doccano, "cp.jsonl", &line, None).unwrap_err();
    assert_eq!(e.line(), Some(1));
    assert!(e.to_string().contains("not UTF-16 units"), "{e}");
}

#[test]
fn label_studio_quote_mismatch_names_region_and_line() {
    let content = read("label-studio/example.json").replace("\"碎叶城\"", "\"碎叶\"");
    let e = formats::import(Format::LabelStudio, "ls.json", &content, None).unwrap_err();
    assert!(matches!(e.kind(), ImportErrorKind::QuoteMismatch { .. }));
    assert_eq!(e.span(), Some((6, 9)));
    assert!(e.line().is_some());
    assert!(e.to_string().contains("annotation r1 at [6, 9)"), "{e}");
}

#[test]
fn label_studio_old_utf16_export_is_recognised() {
    // Issue #1347 style: UTF-16 offsets in an old export.
    let content = read("label-studio/example-json-min.json")
        .replace("\"start\": 1,", "\"start\": 2,")
        .replace("\"end\": 3,", "\"end\": 4,");
    let e = formats::import(Format::LabelStudio, "old.json", &content, None).unwrap_err();
    assert!(e.to_string().contains("UTF-16 units"), "{e}");
}

#[test]
fn prodigy_token_text_is_checked() {
    let content = read("prodigy/example.jsonl").replacen("\"text\": \"李\"", "\"text\": \"王\"", 1);
    let e = formats::import(Format::Prodigy, "p.jsonl", &content, None).unwrap_err();
    assert!(e.to_string().contains("\"王\""), "{e}");
    assert_eq!(e.line(), Some(1));
}

#[test]
fn conll_against_a_different_text_is_refused_naming_the_line() {
    let e = formats::import(
        Format::ConllChar,
        "x.tsv",
        &read("conll-bio/example.conll2003-ls-style.txt"),
        Some("😀李黑出生于碎叶城，与杜甫是好友。"),
    )
    .unwrap_err();
    assert_eq!(e.line(), Some(5)); // 白 -X- _ I-PER
    assert!(e.to_string().contains("\"白\""), "{e}");
}

#[test]
fn multi_document_file_is_refused_by_import_but_read_by_import_all() {
    let c = read("doccano/example.jsonl");
    let e = formats::import(Format::Doccano, "example.jsonl", &c, None).unwrap_err();
    assert!(e.to_string().contains("2 documents"), "{e}");
}

/// Reads the shared originals directly; skips (saying so) when the shared
/// folder is not there, e.g. on a machine with only this repository.
#[test]
fn fixtures_are_byte_identical_to_shared_originals() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats");
    if !shared.is_dir() {
        println!("skipped: {} is absent", shared.display());
        return;
    }
    for case in cases() {
        let mut files = vec![case.file];
        if let Text::File(t) = case.text {
            files.push(t);
        }
        for f in files {
            let ours = std::fs::read(Path::new(FIXTURES).join(f)).unwrap();
            let theirs = std::fs::read(shared.join(f)).unwrap();
            assert!(ours == theirs, "{f} differs from the shared original");
        }
    }
}

/// brat accepts (with a warning) pre-1.3 files whose discontinuous TEXT has
/// no space between fragments; so do we. Any other TEXT is refused.
#[test]
fn brat_pre_1_3_fragment_text_without_space_is_accepted() {
    let text = read("brat/handwritten-zh/example.txt");
    let ok = formats::import(
        Format::Brat,
        "old.ann",
        "T4\tORG 24 26;29 31\t北京大学\n",
        Some(&text),
    );
    assert_eq!(
        ok.unwrap().annotations[0].fragments,
        vec![(24, 26), (29, 31)]
    );
    let bad = formats::import(
        Format::Brat,
        "old.ann",
        "T4\tORG 24 26;29 31\t北京-大学\n",
        Some(&text),
    );
    assert!(bad
        .unwrap_err()
        .to_string()
        .starts_with("old.ann:1: annotation T4 at [24, 31)"));
}

/// Regression: offsets past the end of the LF text (the CRLF original is
/// longer) still get the CRLF hint, not only "past the end".
#[test]
fn brat_crlf_hint_also_when_offsets_pass_the_end_of_the_lf_text() {
    let e = formats::import(
        Format::Brat,
        "c.ann",
        "T1\tPER 6 8\t李白\n",
        Some("一\n二\n李白"),
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("c.ann:1: annotation T1 at [6, 8)"), "{e}");
    assert!(e.contains("CRLF"), "{e}");
}

/// One document using every feature of the model, for the export goldens.
fn golden_document() -> AnnotatedDocument {
    use biaozhu::annotation::{Annotation, Label, Relation};
    let mut doc = AnnotatedDocument::new(
        "golden.txt",
        "😀李白出生于碎叶城，与杜甫是好友。\r\n北京和上海大学都很有名。𠮷野家\n",
    );
    doc.labels = vec![
        Label::new("PER", "人物 PER", "#e6550d", Some("1")),
        Label::new("LOC", "地点 LOC", "#009e73", Some("2")),
        Label::new("ORG", "机构 ORG", "#0072b2", Some("3")),
    ];
    let mut a1 = Annotation::new("a1", 1, 3, "PER");
    a1.created = "2024-05-01T12:00:00.000Z".into();
    a1.note = Some("诗人".into());
    a1.attributes.insert("Historical".into(), "true".into());
    doc.annotations.push(a1);
    doc.annotations.push(Annotation::new("a2", 6, 9, "LOC"));
    doc.annotations.push(Annotation::new("a3", 11, 13, "PER"));
    let mut a4 = Annotation::new("a4", 19, 26, "ORG");
    a4.fragments = vec![(19, 21), (24, 26)];
    doc.annotations.push(a4);
    doc.annotations.push(Annotation::new("a5", 22, 26, "ORG")); // overlaps a4
    doc.annotations.push(Annotation::new("a6", 31, 34, "ORG")); // 𠮷野家
    doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a2".into(),
        kind: "出生地".into(),
        ..Default::default()
    });
    doc.doc_labels.push("history".into());
    doc
}

const EXPORTS: &str = "exports";

/// Every format's export of `golden_document()`, byte for byte, and what it
/// leaves out. Run with `BIAOZHU_BLESS=1` to rewrite the files after an
/// intended change, then review the diff.
#[test]
fn exports_match_golden_files() {
    let doc = golden_document();
    let words = biaozhu::segment::Segmenter::embedded().segment(&doc.text);
    let dir = Path::new(FIXTURES).join(EXPORTS);
    let bless = std::env::var_os("BIAOZHU_BLESS").is_some();
    let mut left_out = String::new();
    for f in Format::ALL {
        let out = formats::export(f, &doc, Some(&words)).unwrap();
        for (name, content) in &out.files {
            let p = dir.join(name);
            if bless {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&p, content).unwrap();
            }
            let want = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("{}: {e} (BIAOZHU_BLESS=1 writes it)", p.display()));
            assert!(&want == content, "{f}: {name} differs from the golden file");
        }
        for l in &out.left_out {
            left_out.push_str(&format!("{f}: {l}\n"));
        }
    }
    let p = dir.join("left_out.txt");
    if bless {
        std::fs::write(&p, &left_out).unwrap();
    }
    assert_eq!(std::fs::read_to_string(p).unwrap(), left_out);
}

/// Every golden export reads back, and the lossless ones give the document.
#[test]
fn golden_exports_import_back() {
    let doc = golden_document();
    let dir = Path::new(FIXTURES).join(EXPORTS);
    let rel = |n: &str| format!("{EXPORTS}/{n}");
    let cases = [
        (Format::Native, "golden.biaozhu.json"),
        (Format::W3c, "golden.w3c.jsonld"),
        (Format::Brat, "golden.ann"),
        (Format::Doccano, "golden.doccano.jsonl"),
        (Format::LabelStudio, "golden.label-studio.json"),
        (Format::Prodigy, "golden.prodigy.jsonl"),
        (Format::ConllChar, "golden.char.bio"),
        (Format::ConllWord, "golden.word.bio"),
    ];
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = cases.iter().map(|c| c.1.to_owned()).collect();
    want.extend(["golden.txt".to_owned(), "left_out.txt".to_owned()]);
    want.sort();
    assert_eq!(names, want, "every file in {EXPORTS}/ is checked");
    for (f, name) in cases {
        let content = read(&rel(name));
        assert_eq!(formats::detect(name, &content), Some(f), "{name}");
        let back =
            formats::import(f, name, &content, Some(&doc.text)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.text, doc.text, "{name}");
        if matches!(f, Format::Native | Format::W3c) {
            assert_eq!(back, doc, "{name}");
        }
    }
    assert_eq!(read(&rel("golden.txt")), doc.text);
}
