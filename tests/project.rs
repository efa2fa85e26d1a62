//! Projects: many documents under one label set, read and written in each
//! format's multi-document form, by the core and by the CLI (`convert`,
//! `check`, `stats`, `segment` on many files).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use biaozhu::formats::Format;
use biaozhu::project::{Figures, Project, Status};

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("project-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Three documents (one with an emoji before its span, one with none) of
/// the same two labels, each of another status.
fn sample() -> Project {
    let mut p = Project::new("news");
    p.labels
        .push(Label::new("PER", "人物 PER", "#e6550d", Some("1")));
    p.labels
        .push(Label::new("LOC", "地点 LOC", "#009e73", Some("3")));
    let mut a = AnnotatedDocument::new("libai.txt", "😀李白出生于碎叶城。");
    a.annotations.push(Annotation::new("a1", 1, 3, "PER"));
    a.annotations.push(Annotation::new("a2", 6, 9, "LOC"));
    let mut b = AnnotatedDocument::new("dufu.txt", "杜甫在成都。");
    b.annotations.push(Annotation::new("a1", 0, 2, "PER"));
    let c = AnnotatedDocument::new("empty.txt", "今天天气很好。");
    assert!(p.add(a, Status::Done));
    assert!(p.add(b, Status::Progress));
    assert!(p.add(c, Status::Skipped));
    p
}

/// [`sample`] with a relation in its first document.
fn sample_with_relation() -> Project {
    let mut p = sample();
    p.documents[0].doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a2".into(),
        kind: "出生地".into(),
        ..Default::default()
    });
    p
}

/// A document's text and its spans, sorted.
type Carried = (String, Vec<(u32, u32, String)>);

/// What every format carries: each document's text and its spans.
fn spans(p: &Project) -> Vec<Carried> {
    p.documents
        .iter()
        .map(|d| {
            let mut v: Vec<_> = d
                .doc
                .annotations
                .iter()
                .map(|a| (a.start, a.end, a.label.clone()))
                .collect();
            v.sort();
            (d.doc.text.clone(), v)
        })
        .collect()
}

#[test]
fn the_native_project_file_gives_the_same_project_back() {
    let p = sample_with_relation();
    let file = p.export(Format::Native, None).unwrap();
    let back = Project::import(Format::Native, "news.biaozhu-project.json", &file).unwrap();
    assert_eq!(back, p);
}

#[test]
fn every_one_file_format_round_trips_the_documents_and_their_spans() {
    let p = sample();
    for format in [
        Format::Doccano,
        Format::Prodigy,
        Format::LabelStudio,
        Format::ConllChar,
        Format::ConllWord,
    ] {
        let file = p.export(format, None).unwrap();
        let back = Project::import(format, "news", &file)
            .unwrap_or_else(|e| panic!("{format}: {e}\n{file}"));
        let want = spans(&p);
        let got = spans(&back);
        if matches!(format, Format::ConllChar | Format::ConllWord) {
            // CoNLL keeps tokens, not the text: the texts come back as the tokens joined.
            assert_eq!(
                got.iter().map(|(_, s)| s).collect::<Vec<_>>(),
                want.iter().map(|(_, s)| s).collect::<Vec<_>>(),
                "{format}"
            );
        } else {
            assert_eq!(got, want, "{format}");
        }
        assert_eq!(back.documents.len(), 3, "{format}");
    }
}

#[test]
fn only_the_documents_of_one_status_are_written_when_asked() {
    let p = sample();
    let done = p.export(Format::Doccano, Some(Status::Done)).unwrap();
    assert_eq!(done.lines().count(), 1);
    assert!(done.contains("碎叶城"));
}

#[test]
fn doccano_lines_are_numbered_one_each() {
    let file = sample().export(Format::Doccano, None).unwrap();
    let ids: Vec<u64> = file
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn label_studio_tasks_are_numbered_one_each() {
    let file = sample().export(Format::LabelStudio, None).unwrap();
    let tasks: Vec<serde_json::Value> = serde_json::from_str(&file).unwrap();
    let ids: Vec<(u64, u64)> = tasks
        .iter()
        .map(|t| {
            (
                t["id"].as_u64().unwrap(),
                t["annotations"][0]["id"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ids, [(1, 1), (2, 2), (3, 3)]);
}

#[test]
fn brat_has_no_one_file_form_and_says_why() {
    let e = sample().export(Format::Brat, None).unwrap_err().to_string();
    assert!(e.contains("folder"), "{e}");
}

/// What comes back of every format (the README's "what is lossy"): the
/// texts and spans of every document, and more where the format keeps it.
#[test]
fn every_format_round_trips_a_project_of_three_documents_from_its_files() {
    let p = sample_with_relation();
    for format in Format::ALL {
        let out = p.export_files(format, None, &|_| None).unwrap();
        let [(name, bytes)] = out.files.as_slice() else {
            panic!("{format}: {:?}", out.files.len())
        };
        let back = Project::import_bytes(name, bytes, None, None)
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!(back.documents.len(), 3, "{format}");
        let want = spans(&p);
        let got = spans(&back);
        match format {
            // Lossless: the project itself, statuses and relations included.
            Format::Native | Format::W3c => assert_eq!(back, p, "{format}"),
            // CoNLL keeps tokens, not the text: the texts come back as the tokens joined.
            Format::ConllChar | Format::ConllWord => assert_eq!(
                got.iter().map(|(_, s)| s).collect::<Vec<_>>(),
                want.iter().map(|(_, s)| s).collect::<Vec<_>>(),
                "{format}"
            ),
            _ => assert_eq!(got, want, "{format}"),
        }
        if format == Format::Brat {
            // brat carries relations and file names, not statuses.
            assert_eq!(back.documents[0].doc.relations.len(), 1);
            let names: Vec<&str> = back.documents.iter().map(|d| d.doc.name.as_str()).collect();
            assert_eq!(names, ["libai.txt", "dufu.txt", "empty.txt"]);
        }
    }
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().into_owned())
        .collect()
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(content).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn the_brat_zip_is_one_folder_of_pairs_with_an_annotation_conf() {
    let mut p = sample();
    // Two documents of one name get two files.
    p.add(
        AnnotatedDocument::new("folder/LIBAI.txt", "另一篇。"),
        Status::New,
    );
    p.documents[0].doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a2".into(),
        kind: "出生 地".into(),
        ..Default::default()
    });
    p.documents[0].doc.annotations[0]
        .attributes
        .insert("确定".into(), "高".into());
    let out = p.export_files(Format::Brat, None, &|_| None).unwrap();
    let (name, bytes) = &out.files[0];
    assert_eq!(name, "news.brat.zip");
    assert_eq!(
        zip_names(bytes),
        [
            "news/libai.txt",
            "news/libai.ann",
            "news/dufu.txt",
            "news/dufu.ann",
            "news/empty.txt",
            "news/empty.ann",
            "news/LIBAI-2.txt",
            "news/LIBAI-2.ann",
            "news/annotation.conf"
        ]
    );
    assert_eq!(zip_entry(bytes, "news/empty.ann"), "");
    let conf = zip_entry(bytes, "news/annotation.conf");
    let lines: Vec<&str> = conf.lines().collect();
    for want in [
        "[entities]",
        "PER",
        "LOC",
        "[relations]",
        "出生_地\tArg1:<ENTITY>, Arg2:<ENTITY>",
        "[attributes]",
        "确定\tArg:<ENTITY>, Value:高",
    ] {
        assert!(lines.contains(&want), "{want:?} in\n{conf}");
    }
    // What brat cannot carry is said once for the project, naming the document when one.
    assert!(
        out.left_out
            .iter()
            .any(|l| l.starts_with("2 label names") && l.ends_with("(each of 4 documents)")),
        "{:?}",
        out.left_out
    );
    assert!(
        out.left_out.iter().any(|l| l.contains("(libai.txt)")),
        "{:?}",
        out.left_out
    );
    // And the same export gives the same bytes.
    assert_eq!(
        p.export_files(Format::Brat, None, &|_| None).unwrap().files,
        out.files
    );
}

#[test]
fn a_brat_zip_is_read_from_any_folder_and_a_text_without_ann_has_no_annotations() {
    let conf = "[entities]\nORG\n  PER\n!Abstract\n[relations]\n";
    let gbk: &[u8] = &[
        0xD6, 0xD0, 0xCE, 0xC4, 0xB5, 0xC4, 0xCE, 0xC4, 0xB1, 0xBE, 0xA1, 0xA3,
    ];
    let bytes = zip_of(&[
        ("corpus/a/one.txt", "李白出生".as_bytes()),
        (
            "corpus/a/one.ann",
            b"T1\tPER 0 2\t\xe6\x9d\x8e\xe7\x99\xbd\n",
        ),
        ("corpus/b/two.txt", gbk),
        ("corpus/annotation.conf", conf.as_bytes()),
        ("__MACOSX/corpus/a/._one.txt", b"\0\x05\x16\x07binary"),
        ("corpus/README.md", b"ignored"),
    ]);
    let p = Project::import_bytes("corpus.zip", &bytes, None, None).unwrap();
    assert_eq!(p.name, "corpus");
    let ids: Vec<&str> = p.labels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["ORG", "PER"]);
    assert_eq!(p.documents.len(), 2);
    assert_eq!(p.documents[0].doc.name, "one.txt");
    assert_eq!(p.documents[0].doc.annotations[0].end, 2);
    assert_eq!(p.documents[1].doc.text, "中文的文本。");
    assert_eq!(p.documents[1].doc.source_encoding.as_deref(), Some("GBK"));
    assert!(p.documents[1].doc.annotations.is_empty());
}

#[test]
fn one_bad_entry_refuses_the_whole_brat_zip_naming_it() {
    let good: (&str, &[u8]) = ("c/one.txt", "李白出生".as_bytes());
    for (entries, says) in [
        (
            vec![good, ("c/one.ann", "T1\tPER 0 2\t杜甫\n".as_bytes())],
            "c.zip (c/one.ann):1: annotation T1",
        ),
        (
            vec![good, ("c/two.txt", b"%PDF-1.7\n...".as_slice())],
            "c.zip (c/two.txt): looks like a PDF",
        ),
        (
            vec![good, ("c/three.ann", b"".as_slice())],
            "c.zip (c/three.ann): brat keeps the text in c/three.txt",
        ),
        (
            vec![good, ("d/copy.txt", "李白出生".as_bytes())],
            "c.zip (d/copy.txt): the same text as c/one.txt",
        ),
    ] {
        let e = Project::import_bytes("c.zip", &zip_of(&entries), None, None)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(says), "{e}");
    }
    let e = Project::import_bytes("c.zip", b"PK\x03\x04 cut short", None, None)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("c.zip: not a ZIP archive that can be read"),
        "{e}"
    );
}

// Regression: a collection's label set of the wrong shape was refused in serde's raw words, which the page's
// Chinese could not read ("invalid type: integer `5`, expected a sequence").
#[test]
fn a_w3c_project_collection_whose_label_set_is_not_a_list_is_refused_in_the_files_words() {
    let file = sample().export(Format::W3c, None).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&file).unwrap();
    v["bz:labels"] = serde_json::json!(5);
    let e = Project::import(Format::W3c, "p.jsonld", &v.to_string())
        .unwrap_err()
        .to_string();
    assert!(e.contains("\"bz:labels\" must be"), "{e}");
    assert!(e.contains("found the number 5"), "{e}");
    assert!(!e.contains("invalid type"), "{e}");
}

#[test]
fn the_w3c_project_collection_targets_each_text_by_its_hash_and_carries_it() {
    let p = sample();
    let file = p.export(Format::W3c, None).unwrap();
    let v: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["total"], 3);
    let items = v["first"]["items"].as_array().unwrap();
    let dufu = &v["bz:documents"][1];
    assert_eq!(dufu["bz:text"], "杜甫在成都。");
    assert_eq!(dufu["bz:status"], "progress");
    assert_eq!(
        items[2]["target"]["source"],
        biaozhu::formats::w3c::ni_iri("杜甫在成都。")
    );
    assert_eq!(dufu["bz:textSource"], items[2]["target"]["source"]);
    // A quote that no longer matches is refused at its line in the file.
    let broken = file.replacen("\"exact\": \"杜甫\"", "\"exact\": \"成都\"", 1);
    assert_ne!(broken, file);
    let iri = format!(
        "\"urn:biaozhu:doc:{}:a:a1\"",
        biaozhu::hash::sha256_hex("杜甫在成都。")
    );
    let line = broken.lines().position(|l| l.contains(&iri)).unwrap() + 1;
    let e = Project::import(Format::W3c, "p.jsonld", &broken)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with(&format!("p.jsonld:{line}: ")), "{line}: {e}");
    assert!(e.contains("the file quotes \"成都\""), "{e}");
    // An annotation of a text the collection does not hold.
    let other = file.replacen(
        dufu["bz:textSource"].as_str().unwrap(),
        "ni:///sha-256;AAAA",
        2,
    );
    let e = Project::import(Format::W3c, "p.jsonld", &other)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("not the text ni:///sha-256;AAAA it names")
            || e.contains("none of the collection's documents"),
        "{e}"
    );
}

#[test]
fn prodigy_and_conll_word_take_the_words_they_are_given() {
    let p = sample();
    // Words of one character each: every character a token.
    let chars = |text: &str| {
        let n = text.chars().count() as u32;
        let pairs: Vec<u32> = (0..n).flat_map(|i| [i, i + 1]).collect();
        biaozhu::formats::words_from_pairs(text, &pairs).ok()
    };
    let out = p.export_files(Format::ConllWord, None, &chars).unwrap();
    let text = String::from_utf8(out.files[0].1.clone()).unwrap();
    assert!(text.contains("\n李\tB-PER\n白\tI-PER\n"), "{text}");
    let own = p.export_files(Format::ConllWord, None, &|_| None).unwrap();
    let text = String::from_utf8(own.files[0].1.clone()).unwrap();
    assert!(text.contains("\n李白\tB-PER\n"), "{text}");
}

#[test]
fn import_bytes_takes_a_one_document_file_as_a_project_of_one_and_refuses_a_plain_text() {
    let one = "{\"text\":\"杜甫在成都。\",\"label\":[[0,2,\"PER\"]]}\n";
    let p = Project::import_bytes("one.jsonl", one.as_bytes(), None, None).unwrap();
    assert_eq!(p.documents.len(), 1);
    let p = sample();
    let mut dufu = p.documents[1].doc.clone();
    dufu.labels = p.labels.clone();
    let native = biaozhu::formats::export(Format::Native, &dufu, None)
        .unwrap()
        .files
        .remove(0)
        .1;
    let p = Project::import_bytes("d.biaozhu.json", native.as_bytes(), None, None).unwrap();
    assert_eq!(p.documents[0].doc.text, "杜甫在成都。");
    let e = Project::import_bytes("a.txt", "李白".as_bytes(), None, None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot tell the format"), "{e}");
    let e = Project::import_bytes("x.jsonl", b"%PDF-1.4 ...", None, None)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("x.jsonl: looks like a PDF"), "{e}");
}

#[test]
fn only_the_done_documents_are_in_a_files_export_when_asked() {
    let out = sample()
        .export_files(Format::Brat, Some(Status::Done), &|_| None)
        .unwrap();
    let names = zip_names(&out.files[0].1);
    assert_eq!(
        names,
        ["news/libai.txt", "news/libai.ann", "news/annotation.conf"]
    );
}

#[test]
fn a_text_added_twice_is_one_document() {
    let mut p = sample();
    assert!(!p.add(
        AnnotatedDocument::new("again.txt", "杜甫在成都。"),
        Status::New
    ));
    assert_eq!(p.documents.len(), 3);
    assert!(p
        .document(&biaozhu::hash::sha256_hex("杜甫在成都。"))
        .is_some());
}

#[test]
fn a_bad_document_in_a_project_file_names_its_place_and_nothing_is_imported() {
    let file = sample().export(Format::Native, None).unwrap();
    let broken = file.replacen("\"quote\": \"杜甫\"", "\"quote\": \"李白\"", 1);
    assert_ne!(broken, file);
    let e = Project::import(Format::Native, "p.json", &broken)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("p.json (document 2)"), "{e}");
    let newer = file.replacen("\"version\": 1", "\"version\": 9", 1);
    let e = Project::import(Format::Native, "p.json", &newer)
        .unwrap_err()
        .to_string();
    assert!(e.contains("version 9"), "{e}");
}

/// Before projects, CoNLL's `-DOCSTART-` lines were skipped and every
/// document of the file ran into one.
#[test]
fn conll_docstart_parts_documents_and_errors_name_the_files_line() {
    let file = sample().export(Format::ConllChar, None).unwrap();
    let back = Project::import(Format::ConllChar, "c.conll", &file).unwrap();
    assert_eq!(back.documents.len(), 3);
    let bad = file.replacen("杜\tB-PER", "杜\tZ-PER", 1);
    let line = bad.lines().position(|l| l == "杜\tZ-PER").unwrap() + 1;
    let e = Project::import(Format::ConllChar, "c.conll", &bad)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with(&format!("c.conll:{line}:")), "{e}");
}

/// The documents of a CoNLL file with `-DOCSTART-` lines are numbered
/// after the file, in file order, as a JSONL file's lines are: they all
/// had the file's name, and the document list could not tell them apart.
/// A file of one document keeps the file's name.
#[test]
fn conll_documents_of_one_file_are_numbered_apart_in_file_order() {
    for format in [Format::ConllChar, Format::ConllWord] {
        let file = sample().export(format, None).unwrap();
        let back = Project::import(format, "dir/news.conll", &file).unwrap();
        let names: Vec<(&str, &str)> = back
            .documents
            .iter()
            .map(|d| (d.doc.name.as_str(), d.doc.text.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("news-1.txt", "😀李白出生于碎叶城。"),
                ("news-2.txt", "杜甫在成都。"),
                ("news-3.txt", "今天天气很好。"),
            ],
            "{format}"
        );
        let docs = biaozhu::formats::import_all(format, "news.conll", &file, None).unwrap();
        let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            ["news-1.txt", "news-2.txt", "news-3.txt"],
            "{format}"
        );
    }
    let mut one = sample();
    one.documents.truncate(1);
    let file = one.export(Format::ConllChar, None).unwrap();
    assert!(file.starts_with("-DOCSTART-"), "{file}");
    let back = Project::import(Format::ConllChar, "news.conll", &file).unwrap();
    assert_eq!(back.documents.len(), 1);
    assert_eq!(back.documents[0].doc.name, "news.txt");
}

#[test]
fn figures_count_statuses_labels_and_text() {
    let f = Figures::of(&sample());
    assert_eq!(f.by_status, [0, 1, 1, 1]);
    assert_eq!(f.per_label, [("PER".to_owned(), 2), ("LOC".to_owned(), 1)]);
    assert_eq!(f.documents(), 3);
    assert_eq!(f.annotations(), 3);
    assert_eq!(f.length_cp, 10 + 6 + 7);
}

// --- the CLI -------------------------------------------------------------------

fn write(dir: &std::path::Path, name: &str, content: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p.to_str().unwrap().to_owned()
}

const THREE: &str = "{\"text\":\"李白出生于碎叶城。\",\"label\":[[0,2,\"PER\"],[5,8,\"LOC\"]]}\n\
{\"text\":\"杜甫在成都。\",\"label\":[[0,2,\"PER\"]]}\n\
{\"text\":\"今天天气很好。\",\"label\":[]}\n";

/// Issue 15: `convert` refused a multi-document file ("holds 3 documents").
#[test]
fn convert_writes_every_document_of_a_multi_document_file() {
    let d = scratch("convert");
    let input = write(&d, "three.jsonl", THREE);
    let project = d.join("three.biaozhu-project.json");
    let o = run(&[
        "convert",
        "--to",
        "biaozhu",
        &input,
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let back = Project::import(
        Format::Native,
        "p",
        &std::fs::read_to_string(&project).unwrap(),
    )
    .unwrap();
    assert_eq!(back.documents.len(), 3);
    // And from the project on to every one-file format, and back again.
    for to in [
        "doccano",
        "prodigy",
        "label-studio",
        "conll-char",
        "conll-word",
    ] {
        let o = run(&["convert", "--to", to, project.to_str().unwrap()]);
        assert!(o.status.success(), "{to}: {}", err(&o));
        let f = write(&d, &format!("out.{to}"), &out(&o));
        let c = run(&["check", "--from", to, &f]);
        assert!(
            out(&c).contains(": ok: 3 documents, 3 annotations"),
            "{to}: {}{}",
            out(&c),
            err(&c)
        );
    }
    // brat: a folder of pairs, with the types in annotation.conf.
    let folder = d.join("brat");
    let o = run(&[
        "convert",
        "--to",
        "brat",
        project.to_str().unwrap(),
        "-o",
        folder.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7, "{names:?}");
    assert!(names
        .iter()
        .all(|n| n.ends_with(".txt") || n.ends_with(".ann") || n == "annotation.conf"));
    // brat as a ZIP, and W3C as one collection: both read back whole.
    for (to, out_name) in [("brat", "three.zip"), ("w3c", "three.w3c.jsonld")] {
        let target = d.join(out_name);
        let o = run(&[
            "convert",
            "--to",
            to,
            project.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{to}: {}", err(&o));
        let back =
            Project::import_bytes(out_name, &std::fs::read(&target).unwrap(), None, None).unwrap();
        assert_eq!(back.documents.len(), 3, "{to}");
        assert_eq!(back.documents[0].doc.annotations.len(), 2, "{to}");
        // The CLI reads what it wrote.
        let c = run(&["check", target.to_str().unwrap()]);
        assert!(
            out(&c).contains(": ok: 3 documents, 3 annotations"),
            "{to}: {}{}",
            out(&c),
            err(&c)
        );
    }
}

#[test]
fn a_repeated_text_with_other_annotations_is_refused_not_dropped() {
    let d = scratch("repeated");
    let same = write(
        &d,
        "same.jsonl",
        &format!("{THREE}{{\"text\":\"杜甫在成都。\",\"label\":[[0,2,\"PER\"]]}}\n"),
    );
    let o = run(&["check", &same]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("ok: 3 documents"));
    assert!(
        err(&o).contains("document 4 has the same text and annotations as document 2"),
        "{}",
        err(&o)
    );
    let other = write(
        &d,
        "other.jsonl",
        &format!("{THREE}{{\"text\":\"杜甫在成都。\",\"label\":[[3,5,\"LOC\"]]}}\n"),
    );
    let o = run(&["convert", "--to", "doccano", &other]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("documents 2 and 4 have the same text and different annotations"),
        "{}",
        err(&o)
    );
    assert!(out(&o).is_empty());
}

#[test]
fn check_takes_many_files_and_names_each_bad_one() {
    let d = scratch("check-many");
    let good = write(&d, "good.jsonl", THREE);
    let bad = write(
        &d,
        "bad.jsonl",
        "{\"text\":\"杜甫\",\"label\":[[0,9,\"PER\"]]}\n",
    );
    let o = run(&["check", &good, &bad, &good]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        out(&o)
            .lines()
            .filter(|l| l.contains(": ok: 3 documents"))
            .count(),
        2
    );
    assert!(err(&o).contains("bad.jsonl"), "{}", err(&o));
    assert!(
        err(&o).contains("1 of 3 files could not be read"),
        "{}",
        err(&o)
    );
}

#[test]
fn stats_counts_every_input_together() {
    let d = scratch("stats");
    let a = write(&d, "a.jsonl", THREE);
    let b = write(
        &d,
        "b.jsonl",
        "{\"text\":\"王维。\",\"label\":[[0,2,\"PER\"]]}\n",
    );
    let o = run(&["stats", &a, &b]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    for line in [
        "documents\t4",
        "  new\t4",
        "annotations\t4",
        "  PER\t3",
        "  LOC\t1",
        "relations\t0",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} in\n{text}");
    }
}

#[test]
fn segment_takes_many_files_each_after_its_name() {
    let d = scratch("segment-many");
    let a = write(&d, "a.txt", "李白出生");
    let b = write(&d, "b.txt", "Привет мир");
    let o = run(&["segment", &a, &b]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("# {a}"));
    assert_eq!(lines[1], "0\t2\t李白");
    let at = lines.iter().position(|l| *l == format!("# {b}")).unwrap();
    assert_eq!(lines[at + 1], "0\t6\tПривет");
}

/// Regression: each line of a JSONL gave its labels keys and colours from the
/// first, so LOC of one line and PER of the next both had key 1 and one
/// colour in the project (and in the native file the CLI wrote).
#[test]
fn labels_of_several_documents_of_one_file_get_keys_and_colours_of_their_own() {
    let jsonl = concat!(
        r#"{"text":"北京很大","label":[[0,2,"LOC"]]}"#,
        "\n",
        r#"{"text":"李明很忙","label":[[0,2,"PER"]]}"#,
        "\n",
        r#"{"text":"新华社报道","label":[[0,3,"ORG"],[3,5,"LOC"]]}"#,
        "\n",
    );
    let p = Project::import(Format::Doccano, "team.jsonl", jsonl).unwrap();
    let ids: Vec<&str> = p.labels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["LOC", "PER", "ORG"]);
    let keys: Vec<Option<&str>> = p.labels.iter().map(|l| l.key.as_deref()).collect();
    assert_eq!(keys, [Some("1"), Some("2"), Some("3")]);
    let mut colours: Vec<String> = p.labels.iter().map(|l| l.color.to_lowercase()).collect();
    colours.dedup();
    colours.sort();
    colours.dedup();
    assert_eq!(colours.len(), 3, "{:?}", p.labels);
}

/// [`sample`] with a mapping, a user dictionary and a rejection in each of
/// its first two documents (after the emoji: code points, not UTF-16).
fn sample_with_suggestions() -> Project {
    use biaozhu::suggest::record::{Rejected, SuggestionRecord};
    let mut p = sample();
    let sha = |i: usize| p.documents[i].sha256.clone();
    p.suggestions = SuggestionRecord {
        mapping: Some("nr=PER,ns=LOC".into()),
        user_dictionary: "碎叶城 3 LOC\n杜甫 3 PER\n".into(),
        rejected: vec![
            Rejected {
                document: sha(0),
                start: 4,
                end: 6,
                label: "LOC".into(),
            },
            Rejected {
                document: sha(1),
                start: 3,
                end: 5,
                label: "LOC".into(),
            },
        ],
    };
    p
}

#[test]
fn the_project_file_carries_the_suggestions_mapping_dictionary_and_rejections() {
    let p = sample_with_suggestions();
    let out = p.export(Format::Native, None).unwrap();
    assert!(out.contains("\"userDictionary\""), "{out}");
    let back = Project::import(Format::Native, "news.biaozhu-project.json", &out).unwrap();
    assert_eq!(back.suggestions, p.suggestions);
    // A file without them reads as before, with none.
    let plain = sample().export(Format::Native, None).unwrap();
    assert!(!plain.contains("suggestions"));
    assert!(Project::import(Format::Native, "p.json", &plain)
        .unwrap()
        .suggestions
        .is_empty());
}

#[test]
fn a_project_file_of_some_documents_keeps_only_their_rejections() {
    let p = sample_with_suggestions();
    let out = p.export(Format::Native, Some(Status::Done)).unwrap();
    let back = Project::import(Format::Native, "done.json", &out).unwrap();
    assert_eq!(back.suggestions.rejected, p.suggestions.rejected[..1]);
    assert_eq!(
        back.suggestions.user_dictionary,
        p.suggestions.user_dictionary
    );
}

#[test]
fn other_formats_say_they_leave_out_the_suggestions_record() {
    let p = sample_with_suggestions();
    for format in [Format::Doccano, Format::ConllChar, Format::Brat] {
        let out = p.export_files(format, None, &|_| None).unwrap();
        for phrase in [
            "the mapping of parts of speech to labels",
            "2 words of the user dictionary",
            "2 rejected suggestions",
        ] {
            assert!(
                out.left_out.iter().any(|l| l == phrase),
                "{format}: {:?}",
                out.left_out
            );
        }
    }
    // The brat folder the command line writes (not zipped) says so too.
    let folder = p.brat_folder(None).unwrap();
    assert!(
        folder
            .left_out
            .contains(&"2 rejected suggestions".to_owned()),
        "{:?}",
        folder.left_out
    );
    let native = p.export_files(Format::Native, None, &|_| None).unwrap();
    assert!(
        native.left_out.iter().all(|l| !l.contains("suggestion")),
        "{:?}",
        native.left_out
    );
}

#[test]
fn a_project_file_whose_rejection_names_no_document_of_it_is_refused_naming_the_entry() {
    let p = sample_with_suggestions();
    let out = p.export(Format::Native, None).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["suggestions"]["rejected"][1]["document"] = "0".repeat(64).into();
    let wrong = v.to_string();
    let e = Project::import(Format::Native, "p.json", &wrong)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("\"suggestions\": rejected[1]: no document of the project"),
        "{e}"
    );
    let past = out.replace("\"end\": 5", "\"end\": 50");
    let e = Project::import(Format::Native, "p.json", &past)
        .unwrap_err()
        .to_string();
    assert!(e.contains("rejected[1]: [3, 50) is not a span"), "{e}");
}

#[test]
fn a_project_file_with_its_keys_sorted_is_still_a_project_file() {
    // `jq -S` or Python's `sort_keys` put "documents" before "format", past the first 200 characters.
    let out = sample().export(Format::Native, None).unwrap();
    let sorted = serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .to_string();
    assert!(sorted.find("\"format\"").unwrap() > 200);
    let back = Project::import(Format::Native, "sorted.json", &sorted).unwrap();
    assert_eq!(back.documents.len(), 3);
    assert_eq!(back.documents[1].status, Status::Progress);
}

/// Regression: the page names every text's encoding, UTF-8 too, and each
/// export of a project then listed "the source encoding" as left out.
#[test]
fn only_documents_decoded_from_another_encoding_are_said_to_lose_it() {
    let mut p = sample();
    p.documents[0].doc.source_encoding = Some("UTF-8".into());
    let out = p.export_files(Format::Doccano, None, &|_| None).unwrap();
    assert!(
        out.left_out.iter().all(|l| !l.contains("encoding")),
        "{:?}",
        out.left_out
    );
    p.documents[1].doc.source_encoding = Some("GB18030".into());
    let out = p
        .export_files(Format::LabelStudio, None, &|_| None)
        .unwrap();
    assert!(
        out.left_out
            .contains(&"the source encoding (dufu.txt)".to_owned()),
        "{:?}",
        out.left_out
    );
}
