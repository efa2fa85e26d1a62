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
    let mut p = sample();
    p.documents[0].doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a2".into(),
        kind: "出生地".into(),
    });
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
fn brat_and_w3c_have_no_one_file_form_and_say_why() {
    let p = sample();
    for (format, says) in [
        (Format::Brat, "folder"),
        (Format::W3c, "does not hold its texts"),
    ] {
        let e = p.export(format, None).unwrap_err().to_string();
        assert!(e.contains(says), "{format}: {e}");
    }
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
    // brat: a folder of pairs.
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
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names
        .iter()
        .all(|n| n.ends_with(".txt") || n.ends_with(".ann")));
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
