//! The `biaozhu` binary: output, error messages, exit codes, and no partial
//! output left behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

fn fixture(rel: &str) -> PathBuf {
    Path::new(FIXTURES).join(rel)
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn segment_prints_code_point_offsets() {
    let d = scratch("segment");
    let f = d.join("t.txt");
    std::fs::write(&f, "😀李白出生于碎叶城").unwrap();
    let o = run(&["segment", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "0\t1\t😀");
    assert_eq!(lines[1], "1\t3\t李白");
}

#[test]
fn check_refuses_the_lf_copy_of_a_crlf_brat_text() {
    let o = run(&[
        "check",
        fixture("brat/eznlp-HwaMei-zh/demo.ann").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("demo.ann:22:"), "{e}");
    assert!(e.contains("CRLF"), "{e}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn check_accepts_the_crlf_text_given_with_text() {
    let o = run(&[
        "check",
        fixture("brat/eznlp-HwaMei-zh/demo.ann").to_str().unwrap(),
        "--text",
        fixture("brat/eznlp-HwaMei-zh/demo.crlf.txt")
            .to_str()
            .unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("25 annotations"), "{}", stdout(&o));
}

#[test]
fn convert_label_studio_to_doccano_on_stdout_counts_utf16() {
    let o = run(&[
        "convert",
        "--to",
        "doccano",
        fixture("label-studio/example.json").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\"start_offset\":2"), "{out}");
    assert!(out.contains("\"end_offset\":4"), "{out}");
    // What doccano cannot carry is said on stderr.
    assert!(
        stderr(&o).contains("note: doccano cannot carry"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn convert_brat_to_brat_writes_txt_and_ann_beside_output() {
    let d = scratch("brat");
    let out = d.join("copy.ann");
    let o = run(&[
        "convert",
        "--to",
        "brat",
        fixture("brat/handwritten-zh/example.ann").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files_in(&d), ["copy.ann", "copy.txt"]);
    assert_eq!(
        std::fs::read(d.join("copy.txt")).unwrap(),
        std::fs::read(fixture("brat/handwritten-zh/example.txt")).unwrap()
    );
    // And it checks.
    let o = run(&["check", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn convert_round_trips_through_native() {
    let d = scratch("native");
    let native = d.join("doc.biaozhu.json");
    let o = run(&[
        "convert",
        "--to",
        "biaozhu",
        fixture("brat/handwritten-zh/example.ann").to_str().unwrap(),
        "-o",
        native.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let back = d.join("back.ann");
    let o = run(&[
        "convert",
        "--to",
        "brat",
        native.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&back).unwrap(),
        std::fs::read_to_string(fixture("brat/handwritten-zh/example.ann"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('N')) // normalizations are not carried
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
}

#[test]
fn plain_text_input_is_a_document_without_annotations() {
    let d = scratch("plain");
    let f = d.join("plain.txt");
    std::fs::write(&f, "北京大学位于海淀区。").unwrap();
    let o = run(&["convert", "--to", "conll-word", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("北京大学\tO\n"), "{}", stdout(&o));
}

/// Regression: every export of a UTF-8 text noted that it "cannot carry the
/// source encoding", though nothing was lost; a GBK text's is still noted.
#[test]
fn only_a_text_not_in_utf8_is_said_to_lose_its_encoding() {
    let d = scratch("encoding-note");
    let utf8 = d.join("utf8.txt");
    std::fs::write(&utf8, "北京大学位于海淀区。").unwrap();
    let o = run(&["convert", "--to", "doccano", utf8.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let gbk = d.join("gbk.txt");
    // 北京 in GBK, then an ASCII full stop.
    std::fs::write(&gbk, [0xB1, 0xB1, 0xBE, 0xA9, b'.']).unwrap();
    let o = run(&[
        "convert",
        "--encoding",
        "gbk",
        "--to",
        "doccano",
        gbk.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot carry the source encoding"),
        "{}",
        stderr(&o)
    );
}

/// Regression: a plain text not named .txt could not be read, and the advice
/// to give --from FORMAT named no format for it. `--from text` reads it.
#[test]
fn from_text_reads_a_plain_text_of_any_name() {
    let d = scratch("from-text");
    let f = d.join("news.utf8");
    std::fs::write(&f, "北京大学位于海淀区。").unwrap();
    let o = run(&["convert", "--to", "conll-char", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--from text for a plain text"),
        "{}",
        stderr(&o)
    );
    // Read as a text, it is not taken for anything else, even when it starts as JSON would.
    std::fs::write(&f, "{北京}大学位于海淀区。").unwrap();
    let o = run(&[
        "convert",
        "--from",
        "text",
        "--to",
        "conll-char",
        f.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("{\tO\n北\tO\n"), "{}", stdout(&o));
}

/// Regression: a refused import must not leave a half-written or empty
/// output file behind, nor touch an existing one.
#[test]
fn failed_convert_leaves_no_output_and_keeps_existing_file() {
    let d = scratch("atomic");
    let out = d.join("out.json");
    let o = run(&[
        "convert",
        "--to",
        "biaozhu",
        fixture("brat/eznlp-HwaMei-zh/demo.ann").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(files_in(&d).is_empty(), "{:?}", files_in(&d));

    std::fs::write(&out, "previous").unwrap();
    let o = run(&[
        "convert",
        "--to",
        "biaozhu",
        fixture("brat/eznlp-HwaMei-zh/demo.ann").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
    assert_eq!(files_in(&d), ["out.json"]);
}

#[test]
fn write_to_a_missing_folder_fails_cleanly() {
    let d = scratch("nofolder");
    let out = d.join("no/such/dir/out.json");
    let o = run(&[
        "convert",
        "--to",
        "biaozhu",
        fixture("doccano/example-relations.jsonl").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("out.json"), "{}", stderr(&o));
    assert!(files_in(&d).is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["convert", "x.ann"],
        vec!["convert", "--to", "nonsense", "x.ann"],
        vec!["convert", "--to", "brat", "--bogus", "x.ann"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("usage:"), "{args:?}");
    }
}

#[test]
fn missing_or_binary_input_exits_1_naming_the_file() {
    let o = run(&["check", "/no/such/file.ann"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/file.ann"), "{}", stderr(&o));

    let d = scratch("binary");
    let f = d.join("data.txt");
    std::fs::write(&f, [0x41u8, 0x00, 0x42, 0x00, 0x00, 0x01, 0x02, 0x03]).unwrap();
    let o = run(&["segment", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(f.to_str().unwrap()), "{}", stderr(&o));
}

/// Issue 15: a multi-document file was refused by `convert`; it is written
/// whole now, as a project file that `check` reads back.
#[test]
fn multi_document_input_is_converted_whole_and_checked() {
    let f = fixture("doccano/example.jsonl");
    let o = run(&["convert", "--to", "biaozhu", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"biaozhu-project\""));
    let d = scratch("multi");
    let project = d.join("example.biaozhu-project.json");
    std::fs::write(&project, stdout(&o)).unwrap();
    for input in [f, project] {
        let o = run(&["check", input.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stdout(&o).contains("2 documents, 5 annotations"),
            "{}",
            stdout(&o)
        );
    }
}

#[test]
fn brat_needs_its_txt() {
    let d = scratch("lonely");
    let ann = d.join("lonely.ann");
    std::fs::write(&ann, "T1\tPER 0 2\t李白\n").unwrap();
    let o = run(&["check", ann.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("lonely.txt"), "{}", stderr(&o));
}

/// Issue 5: the CLI reads files in any encoding, as the page does, and takes `--encoding`.
#[test]
fn cli_decodes_legacy_encodings_and_takes_encoding() {
    let d = scratch("encoding");
    let f = d.join("gbk.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "国家主席习近平在北京同俄罗斯总统普京举行视频会晤。双方就共同关心的重要问题深入交换意见。",
    );
    std::fs::write(&f, &gbk).unwrap();
    let o = run(&["segment", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\t习近平\n"), "{}", stdout(&o));
    let o = run(&["segment", "--encoding", "gbk", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("0\t2\t国家\n"), "{}", stdout(&o));
    // The native export records the encoding the text was read with.
    let o = run(&[
        "convert",
        "--to",
        "biaozhu",
        "--encoding",
        "gbk",
        f.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("\"encoding\":\"GBK\"") || stdout(&o).contains("\"encoding\": \"GBK\""),
        "{}",
        stdout(&o)
    );
    let o = run(&["segment", "--encoding", "klingon", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("unknown encoding label \"klingon\""),
        "{}",
        stderr(&o)
    );
    // What is not text is refused, naming what it looks like.
    let pdf = d.join("paper.txt");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").unwrap();
    let o = run(&["segment", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("PDF"), "{}", stderr(&o));
}

/// Issue 14, item 4: an overlapping annotation that conll-char drops does not
/// cut the kept one in two. `李白出生于碎叶城`, [0,8) PER and [2,4) LOC:
/// the file reads back with `--text` as [0,8) PER alone, and the drop was
/// said on stderr before writing.
#[test]
fn conll_char_keeps_whole_the_span_a_dropped_overlap_sat_in() {
    let d = scratch("conll-overlap");
    let txt = d.join("t.txt");
    let ann = d.join("t.ann");
    std::fs::write(&txt, "李白出生于碎叶城").unwrap();
    std::fs::write(&ann, "T1\tPER 0 8\t李白出生于碎叶城\nT2\tLOC 2 4\t出生\n").unwrap();
    let bio = d.join("t.char.bio");
    let o = run(&[
        "convert",
        "--to",
        "conll-char",
        ann.to_str().unwrap(),
        "-o",
        bio.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 overlapping annotation"),
        "{}",
        stderr(&o)
    );
    let back = d.join("back.ann");
    let o = run(&[
        "convert",
        "--from",
        "conll-char",
        "--text",
        txt.to_str().unwrap(),
        "--to",
        "brat",
        bio.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&back).unwrap(),
        "T1\tPER 0 8\t李白出生于碎叶城\n"
    );
}

/// Issue 14, item 5: a document with no annotations exports an empty `.ann`;
/// `check` and `convert` read it back as a brat document with none (and a
/// `.ann` of a lone BOM or blank lines too), while an empty text is still
/// refused.
#[test]
fn empty_brat_ann_reads_as_no_annotations() {
    let d = scratch("empty-ann");
    let txt = d.join("plain.txt");
    std::fs::write(&txt, "李白出生于碎叶城。").unwrap();
    let ann = d.join("out.ann");
    let o = run(&[
        "convert",
        "--to",
        "brat",
        txt.to_str().unwrap(),
        "-o",
        ann.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&ann).unwrap(), b"");
    let o = run(&["check", ann.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("1 document, 0 annotations"),
        "{}",
        stdout(&o)
    );
    for body in [&b"\xef\xbb\xbf"[..], b"\n\n"] {
        std::fs::write(&ann, body).unwrap();
        let o = run(&["convert", "--to", "biaozhu", ann.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("\"annotations\": []"), "{}", stdout(&o));
    }
    let empty = d.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let o = run(&["check", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the file is empty"), "{}", stderr(&o));
}

/// Issue 14, item 6: what biaozhu writes, biaozhu reads. A short text with
/// one vertical tab or U+0085, accepted from a JSON file (where it is
/// escaped or a plain character), is written raw into brat's `.txt` and a
/// doccano line; both are checked again instead of refused as binary.
#[test]
fn exports_of_a_text_with_a_vertical_tab_or_nel_check_again() {
    let d = scratch("rare-whitespace");
    for (k, c) in ["\\u000b", "\\u0085"].into_iter().enumerate() {
        let src = d.join(format!("src{k}.jsonl"));
        std::fs::write(
            &src,
            format!("{{\"text\":\"李白{c}出生于碎叶城\",\"label\":[[0,2,\"PER\"]]}}\n"),
        )
        .unwrap();
        let ann = d.join(format!("out{k}.ann"));
        let o = run(&[
            "convert",
            "--to",
            "brat",
            src.to_str().unwrap(),
            "-o",
            ann.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = run(&["check", ann.to_str().unwrap()]);
        assert!(o.status.success(), "{c}: {}", stderr(&o));
        assert!(stdout(&o).contains("1 annotation,"), "{}", stdout(&o));

        let jsonl = d.join(format!("out{k}.jsonl"));
        let o = run(&[
            "convert",
            "--to",
            "doccano",
            ann.to_str().unwrap(),
            "-o",
            jsonl.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = run(&["check", jsonl.to_str().unwrap()]);
        assert!(o.status.success(), "{c}: {}", stderr(&o));
    }
}

/// Regression: a short GBK `.ann` beside its GBK `.txt` was guessed to be
/// Big5 (李强 read as 川膿) and refused as made on a different text. A `.ann`
/// that is not UTF-8 is read in its text's encoding.
#[test]
fn a_short_legacy_ann_is_read_in_the_encoding_of_its_text() {
    let d = scratch("gbk-ann");
    let text = "中华人民共和国国务院总理李强在北京会见了来访的美国客人。";
    let (txt, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(d.join("news.txt"), &txt).unwrap();
    let (ann, _, _) = encoding_rs::GBK.encode("T1\tPER 12 14\t李强\n");
    std::fs::write(d.join("news.ann"), &ann).unwrap();
    let o = run(&["check", d.join("news.ann").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "convert",
        "--to",
        "doccano",
        d.join("news.ann").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(r#""label":[[12,14,"PER"]]"#),
        "{}",
        stdout(&o)
    );
}
