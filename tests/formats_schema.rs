//! `schema/biaozhu.schema.json` describes what the native export writes:
//! the export of a document using every field validates against it, and
//! files broken in the ways the schema can see do not.
//!
//! Needs Python 3 with `jsonschema` (Draft 2020-12); without it the test
//! prints why it skips and passes.

use std::path::PathBuf;
use std::process::Command;

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use biaozhu::formats::native;

const SCRIPT: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
for path in sys.argv[2:]:
    errors = list(v.iter_errors(json.load(open(path, encoding="utf-8"))))
    print(path, "valid" if not errors else "invalid: " + errors[0].message)
"#;

fn has_jsonschema() -> bool {
    Command::new("python3")
        .args(["-c", "from jsonschema import Draft202012Validator"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn full_document() -> AnnotatedDocument {
    let mut doc = AnnotatedDocument::new("libai.txt", "😀李白出生于碎叶城，\r\n北京和上海大学");
    doc.labels = vec![
        Label::new("PER", "人物 PER", "#e6550d", Some("1")),
        Label::new("ORG", "机构 ORG", "#0072b2", None),
    ];
    let mut a1 = Annotation::new("a1", 1, 3, "PER");
    a1.created = "2024-05-01T12:00:00.000Z".into();
    a1.note = Some("诗人".into());
    a1.attributes.insert("Historical".into(), "true".into());
    doc.annotations.push(a1);
    let mut a2 = Annotation::new("a2", 12, 19, "ORG");
    a2.fragments = vec![(12, 14), (17, 19)];
    doc.annotations.push(a2);
    doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a2".into(),
        kind: "校友".into(),
        note: Some("同学".into()),
        attributes: [("uncertain".to_owned(), "true".to_owned())].into(),
    });
    doc.doc_labels.push("history".into());
    doc.scheme = serde_json::from_str(
        r##"{"relations": [{"id": "校友", "name": "校友 alumni", "color": "#1b9e77", "key": "1", "directed": false}],
            "attributes": [{"id": "uncertain", "name": "不确定", "type": "flag", "values": [], "key": "u", "on": "both"},
                           {"id": "polarity", "name": "倾向", "type": "choice", "values": ["+", "-"], "key": null, "on": "span"}],
            "docLabels": [{"id": "history", "name": "历史", "key": "1"}]}"##,
    )
    .unwrap();
    doc.source_encoding = Some("GB18030".into());
    doc
}

#[test]
fn native_export_validates_against_the_schema() {
    if !has_jsonschema() {
        println!("skipped: python3 with jsonschema (Draft 2020-12) is not installed; pip install jsonschema");
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("schema");
    std::fs::create_dir_all(&dir).unwrap();
    let good = native::to_string(&full_document());
    let mut files = vec![("good.json", good.clone())];
    let v: serde_json::Value = serde_json::from_str(&good).unwrap();
    let broken = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut c = v.clone();
        f(&mut c);
        serde_json::to_string(&c).unwrap()
    };
    files.push(("bad-format.json", broken(&|c| c["format"] = "other".into())));
    files.push(("bad-version.json", broken(&|c| c["version"] = 3.into())));
    files.push((
        "bad-sha.json",
        broken(&|c| c["document"]["sha256"] = "xyz".into()),
    ));
    files.push((
        "bad-start.json",
        broken(&|c| c["annotations"][0]["start"] = (-1).into()),
    ));
    files.push((
        "bad-quote.json",
        broken(&|c| {
            c["annotations"][0].as_object_mut().unwrap().remove("quote");
        }),
    ));
    files.push((
        "bad-fragment.json",
        broken(&|c| c["annotations"][1]["fragments"] = serde_json::json!([[1, 2, 3]])),
    ));
    let mut paths = Vec::new();
    for (name, content) in &files {
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        paths.push(p);
    }
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/biaozhu.schema.json");
    let out = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(&schema)
        .args(&paths)
        .output()
        .unwrap();
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), files.len(), "{log}");
    assert!(lines[0].ends_with("good.json valid"), "{log}");
    for l in &lines[1..] {
        assert!(l.contains(" invalid: "), "should be invalid: {l}");
    }
}
