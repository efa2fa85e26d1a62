//! The W3C Web Annotation MUST assertions (web-platform-tests'
//! `annotation-model/` JSON schemas) over a W3C export of ours, run with
//! `shared/formats/w3c-annotation-model/tools/run_wpt_assertions.py`.
//!
//! Needs `../shared` beside the repository and Python 3 with `jsonschema`
//! (≥ 4.18, which brings `referencing`); without either the test prints why
//! it skips and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use biaozhu::formats::{self, Format};

fn tool_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats/w3c-annotation-model")
}

fn python_with_jsonschema() -> bool {
    Command::new("python3")
        .args(["-c", "import jsonschema, referencing"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn sample() -> AnnotatedDocument {
    let mut doc = AnnotatedDocument::new(
        "libai.txt",
        "😀李白出生于碎叶城，\r\n与杜甫是好友。北京和上海大学",
    );
    doc.labels = vec![
        Label::new("PER", "人物", "#e6550d", Some("1")),
        Label::new("LOC", "地点", "#009e73", Some("2")),
        Label::new("ORG", "机构", "#0072b2", None),
    ];
    let mut a1 = Annotation::new("a1", 1, 3, "PER");
    a1.created = "2024-05-01T12:00:00Z".into();
    a1.note = Some("诗人".into());
    a1.attributes.insert("Historical".into(), "true".into());
    doc.annotations.push(a1);
    doc.annotations.push(Annotation::new("a 2", 6, 9, "LOC"));
    let mut a3 = Annotation::new("a3", 13, 15, "PER");
    // Not an xsd:dateTime: kept as bz:created so `created` stays valid.
    a3.created = "2024-05-01 12:00".into();
    doc.annotations.push(a3);
    let mut a4 = Annotation::new("a4", 18, 25, "ORG");
    a4.fragments = vec![(18, 20), (23, 25)];
    doc.annotations.push(a4);
    doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a 2".into(),
        kind: "出生地".into(),
        ..Default::default()
    });
    doc
}

fn run(file: &Path, tests: &[&str]) -> (bool, String) {
    let out = Command::new("python3")
        .arg(tool_dir().join("tools/run_wpt_assertions.py"))
        .arg(file)
        .args(tests)
        .output()
        .expect("python3 runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn w3c_export_passes_every_must_assertion() {
    if !tool_dir().is_dir() {
        println!("skipped: {} is absent", tool_dir().display());
        return;
    }
    if !python_with_jsonschema() {
        println!(
            "skipped: python3 with jsonschema (>= 4.18) is not installed; pip install jsonschema"
        );
        return;
    }
    let out = formats::export(Format::W3c, &sample(), None).unwrap();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("w3c_wpt");
    std::fs::create_dir_all(&dir).unwrap();
    let coll_path = dir.join("collection.jsonld");
    std::fs::write(&coll_path, &out.files[0].1).unwrap();

    // The collection and its embedded page.
    let (ok, log) = run(
        &coll_path,
        &[
            "collections/collectionMusts.test",
            "collections/pages/pageMusts.test",
        ],
    );
    assert!(ok, "collection/page MUST failures:\n{log}");
    assert!(log.contains("MUST failures: 0"), "{log}");

    // Every annotation on its own, with the collection's @context (which
    // embedded annotations inherit).
    let coll: serde_json::Value = serde_json::from_str(&out.files[0].1).unwrap();
    let items = coll["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    for (i, item) in items.iter().enumerate() {
        let mut a = item.clone();
        a["@context"] = coll["@context"].clone();
        let p = dir.join(format!("annotation-{i}.json"));
        std::fs::write(&p, serde_json::to_string_pretty(&a).unwrap()).unwrap();
        let mut tests = vec!["annotations/annotationMusts.test"];
        let is_span = item["motivation"] == "tagging";
        if is_span {
            tests.extend([
                "annotations/specificResource/4.2.4-textQuoteSelector.json",
                "annotations/specificResource/4.2.5-textPositionSelector.json",
            ]);
        }
        let (ok, log) = run(&p, &tests);
        assert!(ok, "annotation {i} MUST failures:\n{log}");
        if is_span {
            // The selector "feature implemented" checks pass too.
            assert!(!log.contains("FAIL"), "annotation {i}:\n{log}");
        }
    }
}
