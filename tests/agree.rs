//! `biaozhu agree` and `biaozhu::agree`: figures worked out by hand, the
//! JSON contract, the rules the module doc states, and bad input. The same
//! figures are checked against seqeval, scikit-learn and krippendorff on
//! generated data by tests/agree_python (`make test-py`).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use biaozhu::agree::{compare, compare_project, Kind, Side};
use biaozhu::annotation::{AnnotatedDocument, Annotation, Relation};
use biaozhu::segment::Segmenter;

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("agree-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p.display().to_string()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn doc(text: &str, spans: &[(u32, u32, &str)]) -> AnnotatedDocument {
    let mut d = AnnotatedDocument::new("d", text);
    d.annotations = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, e, l))| Annotation::new(&format!("T{}", i + 1), s, e, l))
        .collect();
    d
}

/// `a` as reference, `b` as candidate.
fn two(a: &AnnotatedDocument, b: &AnnotatedDocument) -> biaozhu::agree::Report {
    compare(&[Side::new("a", &[], vec![a]), Side::new("b", &[], vec![b])])
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

/// Two documents: in the first B cuts 普京 short; in the second B calls 北京
/// ORG, misses 中国 and adds 首都. B has the documents in another order.
fn pair(dir: &Path) -> (String, String) {
    let a = write(
        dir,
        "a.jsonl",
        concat!(
            r#"{"text":"习近平同普京会晤","label":[[0,3,"PER"],[4,6,"PER"]]}"#,
            "\n",
            r#"{"text":"北京是中国的首都","label":[[0,2,"LOC"],[3,5,"LOC"]]}"#,
            "\n"
        ),
    );
    let b = write(
        dir,
        "b.jsonl",
        concat!(
            r#"{"text":"北京是中国的首都","label":[[0,2,"ORG"],[6,8,"LOC"]]}"#,
            "\n",
            r#"{"text":"习近平同普京会晤","label":[[0,3,"PER"],[4,5,"PER"]]}"#,
            "\n"
        ),
    );
    (a, b)
}

#[test]
fn the_json_contract_holds_exact_span_figures_of_b_against_a_and_kappa() {
    let dir = scratch("contract");
    let (a, b) = pair(&dir);
    let v = json(&run(&["agree", &a, &b, "--json"]));
    // Exact: only 习近平 of four spans each side.
    for key in ["precision", "recall", "f1"] {
        close(v["overall"][key].as_f64().unwrap(), 0.25);
    }
    let per = &v["labels"]["PER"];
    close(per["precision"].as_f64().unwrap(), 0.5);
    close(per["recall"].as_f64().unwrap(), 0.5);
    // A label only B uses is there, with nothing right.
    close(v["labels"]["ORG"]["precision"].as_f64().unwrap(), 0.0);
    close(v["labels"]["LOC"]["recall"].as_f64().unwrap(), 0.0);
    // κ over the 16 characters, each one's category (G: ORG) in both files.
    let a_cats = "PPPOPPOO LLOLLOOO";
    let b_cats = "PPPOPOOO GGOOOOLL";
    let (a_cats, b_cats): (Vec<char>, Vec<char>) = (
        a_cats.chars().filter(|c| *c != ' ').collect(),
        b_cats.chars().filter(|c| *c != ' ').collect(),
    );
    let n = a_cats.len() as f64;
    let agree = a_cats.iter().zip(&b_cats).filter(|(x, y)| x == y).count() as f64 / n;
    let chance: f64 = ['P', 'L', 'G', 'O']
        .iter()
        .map(|c| {
            let fa = a_cats.iter().filter(|x| *x == c).count() as f64 / n;
            let fb = b_cats.iter().filter(|x| *x == c).count() as f64 / n;
            fa * fb
        })
        .sum();
    close(
        v["overall"]["kappa"].as_f64().unwrap(),
        (agree - chance) / (1.0 - chance),
    );
    close(v["overall"]["overlap"]["f1"].as_f64().unwrap(), 0.5);
}

#[test]
fn every_kind_of_disagreement_is_counted_and_listed_with_its_quotes() {
    let dir = scratch("diff");
    let (a, b) = pair(&dir);
    let v = json(&run(&["agree", &a, &b, "--json", "--diff"]));
    let d = &v["disagreements"];
    assert_eq!(
        (
            d["missing"].as_u64(),
            d["extra"].as_u64(),
            d["label"].as_u64(),
            d["boundary"].as_u64(),
            d["both"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(1), Some(0))
    );
    assert_eq!(v["diff"].as_array().unwrap().len(), 4);
    let o = run(&["agree", &a, &b, "--diff"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("boundary\t[4,6) PER \"普京\"\t[4,5) PER \"普\""),
        "{text}"
    );
    assert!(
        text.contains("label\t[0,2) LOC \"北京\"\t[0,2) ORG \"北京\""),
        "{text}"
    );
    assert!(text.contains("missing\t[3,5) LOC \"中国\"\t-"), "{text}");
    assert!(text.contains("extra\t-\t[6,8) LOC \"首都\""), "{text}");
}

#[test]
fn both_differ_when_overlapping_spans_have_other_labels_and_bounds() {
    let a = doc("北京大学在海淀", &[(0, 4, "ORG")]);
    let b = doc("北京大学在海淀", &[(0, 2, "LOC")]);
    let r = two(&a, &b);
    assert_eq!(r.disagreements.both, 1);
    assert_eq!(r.diff[0].kind, Kind::Both);
    assert_eq!(r.diff[0].candidate.as_ref().unwrap().quote, "北京");
}

#[test]
fn a_document_only_one_file_has_is_named_on_stderr_and_in_the_json() {
    let dir = scratch("unmatched");
    let (a, _) = pair(&dir);
    let b = write(
        &dir,
        "b.jsonl",
        "{\"text\":\"习近平同普京会晤\",\"label\":[[0,3,\"PER\"]]}\n",
    );
    let o = run(&["agree", &a, &b, "--json"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        err.contains("is only in") && err.contains("a.jsonl"),
        "{err}"
    );
    let v = json(&o);
    assert_eq!(v["documents"], 1);
    assert_eq!(v["unmatched"][0]["found_in"][0], a.as_str());
    // The left-out document's spans count nowhere.
    assert_eq!(v["overall"]["reference"], 2);
}

#[test]
fn nested_spans_resolve_to_the_one_starting_first_then_the_longer() {
    // B has only the outer span: were the inner one to win A's characters, κ would be below 1.
    let a = doc("中华人民共和国成立", &[(2, 4, "LOC"), (0, 7, "ORG")]);
    let b = doc("中华人民共和国成立", &[(0, 7, "ORG")]);
    let r = two(&a, &b);
    assert_eq!(r.overall.kappa, Some(1.0));
    // Same start: the longer wins, whatever the order in the file.
    let c = doc("中华人民共和国成立", &[(0, 2, "LOC"), (0, 7, "ORG")]);
    let r = two(&c, &b);
    assert_eq!(r.overall.kappa, Some(1.0));
}

#[test]
fn kappa_over_words_gives_each_word_its_first_characters_category() {
    // Words 习近平 / 同 / 普京 / 会晤: A PER O O O, B PER O PER O.
    let a = doc("习近平同普京会晤", &[(0, 3, "PER")]);
    let b = doc("习近平同普京会晤", &[(0, 3, "PER"), (4, 6, "PER")]);
    let r = two(&a, &b);
    // Observed 3/4, chance 1/4·2/4 + 3/4·2/4 = 1/2.
    close(r.overall.kappa_words.unwrap(), 0.5);
}

#[test]
fn fleiss_kappa_and_krippendorff_alpha_of_three_as_worked_by_hand() {
    // Characters: XXX, XXO, OOO, OOO (one column per annotator).
    let a = doc("甲乙丙丁", &[(0, 2, "X")]);
    let b = doc("甲乙丙丁", &[(0, 2, "X")]);
    let c = doc("甲乙丙丁", &[(0, 1, "X")]);
    let r = compare(&[
        Side::new("a", &[], vec![&a]),
        Side::new("b", &[], vec![&b]),
        Side::new("c", &[], vec![&c]),
    ]);
    close(r.overall.fleiss_kappa.unwrap(), 23.0 / 35.0);
    close(r.overall.alpha.unwrap(), 24.0 / 35.0);
    // Cohen's κ stays B against A.
    assert_eq!(r.overall.kappa, Some(1.0));
}

#[test]
fn a_relation_matches_by_kind_and_both_ends_spans_and_labels() {
    let mut a = doc("李白生于碎叶城", &[(0, 2, "PER"), (4, 7, "LOC")]);
    let mut b = doc("李白生于碎叶城", &[(0, 2, "PER"), (4, 7, "LOC")]);
    let rel = |id: &str, kind: &str| Relation {
        id: id.into(),
        from: "T1".into(),
        to: "T2".into(),
        kind: kind.into(),
        ..Default::default()
    };
    a.relations = vec![rel("R1", "出生地"), rel("R2", "居住地")];
    b.relations = vec![rel("R1", "出生地"), rel("R2", "去世地")];
    let r = two(&a, &b);
    assert_eq!(
        (
            r.relations.matched,
            r.relations.reference,
            r.relations.candidate
        ),
        (1, 2, 2)
    );
    // The same relation between ends of another label does not match.
    b.annotations[1].label = "ORG".into();
    let r = two(&a, &b);
    assert_eq!(r.relations.matched, 0);
}

#[test]
fn labels_are_compared_by_name_whatever_each_files_ids() {
    let mut a = doc("北京", &[(0, 2, "l1")]);
    a.labels = vec![biaozhu::annotation::Label::new("l1", "LOC", "#fff", None)];
    let b = doc("北京", &[(0, 2, "LOC")]);
    let r = two(&a, &b);
    assert_eq!(r.overall.exact.f1, 1.0);
    assert!(r.labels.contains_key("LOC") && r.labels.len() == 1);
}

#[test]
fn bad_input_names_the_file_and_line_and_usage_errors_exit_2() {
    let dir = scratch("bad");
    let (a, _) = pair(&dir);
    let bad = write(
        &dir,
        "bad.jsonl",
        "{\"text\":\"北京\",\"label\":[[0,2,\"LOC\"]]}\n{not json\n",
    );
    let o = run(&["agree", &a, &bad, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.jsonl") && err.contains('2'), "{err}");
    assert!(o.stdout.is_empty());
    let missing = dir.join("missing.jsonl").display().to_string();
    let o = run(&["agree", &a, &missing]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.jsonl"));
    assert_eq!(run(&["agree", &a]).status.code(), Some(2));
    assert_eq!(
        run(&["agree", &a, &a, "--to", "brat"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["agree", &a, &a, "--frobnicate"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_file_against_itself_agrees_entirely() {
    let dir = scratch("self");
    let (a, _) = pair(&dir);
    let v = json(&run(&["agree", &a, &a, "--json"]));
    for key in ["precision", "recall", "f1", "kappa"] {
        close(v["overall"][key].as_f64().unwrap(), 1.0);
    }
    assert_eq!(v["disagreements"]["missing"], 0);
}

#[test]
fn files_of_different_formats_are_compared_document_by_text() {
    let dir = scratch("mixed");
    let a = write(
        &dir,
        "a.jsonl",
        "{\"text\":\"习近平同普京会晤\",\"label\":[[0,3,\"PER\"],[4,6,\"PER\"]]}\n",
    );
    write(&dir, "b.txt", "习近平同普京会晤");
    let b = write(&dir, "b.ann", "T1\tPER 0 3\t习近平\nT2\tPER 4 6\t普京\n");
    let v = json(&run(&["agree", &a, &b, "--json"]));
    assert_eq!(v["documents"], 1);
    close(v["overall"]["f1"].as_f64().unwrap(), 1.0);
}

#[test]
fn a_label_named_o_is_a_label_not_the_absence_of_one() {
    let a = doc("北京大学", &[(0, 2, "O")]);
    let b = doc("北京大学", &[]);
    let r = two(&a, &b);
    // Were "O" taken for no label, the characters would agree and κ be defined.
    assert_eq!(r.overall.kappa, Some(0.0));
    assert_eq!(r.labels["O"].exact.reference, 1);
}

#[test]
fn the_gold_document_keeps_what_the_reviewer_chose_of_each_disagreement() {
    use biaozhu::agree::{gold, Choice};
    let mut a = doc(
        "北京是中国的首都",
        &[(0, 2, "LOC"), (3, 5, "LOC"), (6, 8, "TIME")],
    );
    a.relations = vec![Relation {
        id: "R1".into(),
        from: "T1".into(),
        to: "T2".into(),
        kind: "邻".into(),
        ..Default::default()
    }];
    // B: 北京 as ORG (label), 中国 agreed, 首都 missing, 是 extra (with an id A uses).
    let b = doc(
        "北京是中国的首都",
        &[(0, 2, "ORG"), (3, 5, "LOC"), (2, 3, "LOC")],
    );
    let r = two(&a, &b);
    let diff: Vec<_> = r.diff.iter().collect();
    let kinds: Vec<Kind> = diff.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, [Kind::Label, Kind::Extra, Kind::Missing]);
    // Take B's ORG, keep the extra 是 too, drop 首都.
    let choices = [Choice::Candidate, Choice::Candidate, Choice::Neither];
    let g = gold(&a, &b, &diff, |i| choices[i]);
    let mut spans: Vec<(u32, u32, String)> = g
        .annotations
        .iter()
        .map(|x| (x.start, x.end, x.label.clone()))
        .collect();
    spans.sort();
    assert_eq!(
        spans,
        [
            (0, 2, "ORG".to_owned()),
            (2, 3, "LOC".to_owned()),
            (3, 5, "LOC".to_owned())
        ]
    );
    // Ids stay unique; the relation lost its T1 end (北京 was replaced), so it goes.
    let mut ids: Vec<&str> = g.annotations.iter().map(|x| x.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3);
    assert!(g.relations.is_empty());
    // Keeping the reference everywhere gives the reference back.
    assert_eq!(gold(&a, &b, &diff, |_| Choice::Reference), a);
}

#[test]
fn a_project_report_has_each_shared_documents_own_figures_and_names_the_rest() {
    // Document 1: A and B agree. Document 2: B relabels A's one span. Document 3: only A has it.
    let (a1, b1) = (
        doc("习近平同普京会晤", &[(0, 3, "PER")]),
        doc("习近平同普京会晤", &[(0, 3, "PER")]),
    );
    let (a2, b2) = (
        doc("北京欢迎你", &[(0, 2, "LOC")]),
        doc("北京欢迎你", &[(0, 2, "ORG")]),
    );
    let a3 = doc("只有一方", &[]);
    let sides = [
        Side::new("a", &[], vec![&a1, &a2, &a3]),
        Side::new("b", &[], vec![&b2, &b1]),
    ];
    let p = compare_project(&sides, &Segmenter::builder().finish().unwrap());
    assert_eq!(p.report.documents, 2);
    close(p.report.overall.exact.f1, 0.5);
    assert_eq!(p.report.unmatched.len(), 1);
    assert_eq!(p.report.unmatched[0].found_in, ["a"]);
    // In the reference's order, each with its own figures.
    assert_eq!(p.per_document.len(), 2);
    assert_eq!(
        p.per_document[0].sha256,
        biaozhu::hash::sha256_hex("习近平同普京会晤")
    );
    close(p.per_document[0].overall.exact.f1, 1.0);
    close(p.per_document[1].overall.exact.f1, 0.0);
    assert_eq!(p.per_document[1].disagreements.label, 1);
    assert_eq!(p.per_document[0].disagreements.label, 0);
    // The project's counts are the sum of its documents'.
    assert_eq!(p.report.disagreements.label, 1);
}

/// Krippendorff's unitizing α (1995; Content Analysis, 2nd ed., 2004) worked by hand on a continuum of
/// ten code points: A marks [2, 5), B [3, 7). Sections: A gap 0–2, unit 2–5, gap 5–10; B gap 0–3,
/// unit 3–7, gap 7–10. Of the pairs that meet, only the two units differ: (2−3)² + (5−7)² = 5, so
/// D_o = 2·5 / (2·1·10²) = 0.05. Expected, units of 3 and 4 (N = 2), gaps 2, 5, 3, 3:
/// unit 3: (2·27 − 27 + 3)/3 = 10, plus 9·((5−3+1) + 1 + 1) = 45; unit 4: (128 − 48 + 4)/3 = 28,
/// plus 16·(5−4+1) = 32; so D_e = (2/10)·115 / (20·19 − (3·2 + 4·3)) = 23/362, and
/// uα = 1 − 0.05·362/23 = 49/230.
#[test]
fn unitizing_alpha_of_two_overlapping_units_as_worked_by_hand() {
    let text = "一二三四五六七八九十";
    let r = two(&doc(text, &[(2, 5, "X")]), &doc(text, &[(3, 7, "X")]));
    close(r.overall.u_alpha.unwrap(), 49.0 / 230.0);
    close(r.labels["X"].u_alpha.unwrap(), 49.0 / 230.0);
    // The same units on both sides agree entirely; a label nobody marks has no uα.
    let same = two(&doc(text, &[(2, 5, "X")]), &doc(text, &[(2, 5, "X")]));
    close(same.overall.u_alpha.unwrap(), 1.0);
    let none = two(&doc(text, &[]), &doc(text, &[]));
    assert_eq!(none.overall.u_alpha, None);
}

#[test]
fn unitizing_alpha_sums_the_labels_disagreements_and_joins_a_sides_overlapping_spans() {
    let text = "一二三四五六七八九十";
    // Y agrees entirely, so it adds to D_e but not to D_o; B's X marked twice over [3, 7) is one unit.
    let a = doc(text, &[(2, 5, "X"), (8, 10, "Y")]);
    let b = doc(text, &[(3, 6, "X"), (4, 7, "X"), (8, 10, "Y")]);
    let r = two(&a, &b);
    close(r.labels["X"].u_alpha.unwrap(), 49.0 / 230.0);
    close(r.labels["Y"].u_alpha.unwrap(), 1.0);
    // Y alone: units of 2 on each side (N = 2), gaps 8 and 8: (2·8 − 12 + 2)/3 = 2, plus 4·2·(8−2+1) = 56,
    // for each unit; D_e = (2/10)·116 / (20·19 − 2·2) = 23.2/376.
    let (d_o, d_e) = (0.05, 23.0 / 362.0 + 23.2 / 376.0);
    close(r.overall.u_alpha.unwrap(), 1.0 - d_o / d_e);
}
