//! The one table of what makes a label usable
//! (`tests/fixtures/label-rules.json`), run through the core; the page's
//! tests run the same table through `www/js/labels.js`, so the CLI and the
//! page cannot disagree on a label.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label};
use biaozhu::labels::{self, check_label, is_invisible, make_usable, usable_id, usable_key};
use serde_json::Value;

fn table() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/label-rules.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn cases<'a>(table: &'a Value, section: &str) -> &'a [Value] {
    let cases = table[section].as_array().unwrap();
    assert!(!cases.is_empty(), "{section} has no cases");
    cases
}

fn label(v: &Value) -> Label {
    Label {
        id: v["id"].as_str().unwrap().to_owned(),
        name: v["name"].as_str().unwrap().to_owned(),
        color: v["color"].as_str().unwrap().to_owned(),
        key: v["key"].as_str().map(str::to_owned),
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_core_has_the_tables_limits_and_keys() {
    let t = table();
    let limits = &t["limits"];
    assert_eq!(limits["maxIdLength"], labels::MAX_ID_LENGTH);
    assert_eq!(limits["maxNameLength"], labels::MAX_NAME_LENGTH);
    let reserved: Vec<String> = labels::RESERVED_KEYS
        .iter()
        .map(|(k, _)| k.to_string())
        .collect();
    assert_eq!(reserved, strings(&limits["reservedKeys"]));
    assert_eq!(
        labels::allowed_keys().collect::<Vec<_>>(),
        strings(&limits["allowedKeys"])
    );
}

#[test]
fn invisible_characters_are_the_tables() {
    let t = table();
    for r in t["invisible"]["ranges"].as_array().unwrap() {
        let (lo, hi) = (r[0].as_u64().unwrap() as u32, r[1].as_u64().unwrap() as u32);
        for cp in lo..=hi {
            let c = char::from_u32(cp).unwrap();
            assert!(is_invisible(c), "U+{cp:04X} is in the table's ranges");
        }
    }
    for cp in [
        0x09, 0x0A, 0x0B, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2028, 0x2029, 0x3000, 0x7F,
    ] {
        assert!(
            is_invisible(char::from_u32(cp).unwrap()),
            "U+{cp:04X} is White_Space or Cc"
        );
    }
    for cp in t["invisible"]["visible"].as_array().unwrap() {
        let cp = cp.as_u64().unwrap() as u32;
        assert!(
            !is_invisible(char::from_u32(cp).unwrap()),
            "U+{cp:04X} is visible"
        );
    }
}

#[test]
fn every_check_case_gives_its_code_and_field() {
    let t = table();
    let mut failures = Vec::new();
    for case in cases(&t, "check") {
        let others: Vec<Label> = case["others"]
            .as_array()
            .unwrap()
            .iter()
            .map(label)
            .collect();
        let got = check_label(&label(&case["label"]), &others);
        let want = (case["code"].as_str(), case["field"].as_str());
        let got_pair = (got.as_ref().map(|p| p.code), got.as_ref().map(|p| p.field));
        if got_pair != want {
            failures.push(format!("{}: want {want:?}, got {got:?}", case["why"]));
        }
        if let Some(p) = &got {
            assert!(
                p.message.chars().count() < 200,
                "{}: {}",
                case["why"],
                p.message
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_usable_id_case_gives_its_id() {
    let t = table();
    for case in cases(&t, "usableId") {
        let taken: HashSet<String> = strings(&case["taken"]).into_iter().collect();
        let got = usable_id(case["id"].as_str().unwrap(), &taken);
        assert_eq!(got, case["expect"].as_str().unwrap(), "{case}");
        assert!(check_label(&Label::new(&got, "x", "#000000", None), &[]).is_none());
    }
}

#[test]
fn every_usable_key_case_gives_its_key() {
    let t = table();
    for case in cases(&t, "usableKey") {
        let got = usable_key(case["key"].as_str().unwrap());
        assert_eq!(got.as_deref(), case["expect"].as_str(), "{case}");
    }
}

/// Issue 14 (1): a doccano label "Person Name", a reserved key and a bad
/// colour: each label comes out usable, annotations follow the new id, and
/// each change is said.
#[test]
fn make_usable_fixes_every_broken_label_and_says_so() {
    let t = table();
    let mut doc = AnnotatedDocument::new("x.txt", "李白出生于碎叶城。");
    for (i, case) in cases(&t, "check").iter().enumerate() {
        if case["code"].is_null() || case["field"] == "id" && case["code"] == "duplicate-id" {
            continue;
        }
        let mut l = label(&case["label"]);
        if case["field"] != "id" {
            l.id = format!("L{i}");
        }
        doc.labels.push(l);
    }
    let before = doc.labels.len();
    doc.annotations
        .push(Annotation::new("a1", 0, 2, "Person Name"));
    let notes = make_usable(&mut doc);
    assert_eq!(doc.labels.len(), before, "no label is added or dropped");
    for (i, l) in doc.labels.iter().enumerate() {
        let others: Vec<Label> = doc
            .labels
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, o)| o.clone())
            .collect();
        assert_eq!(check_label(l, &others), None, "{l:?} is usable");
    }
    assert_eq!(doc.annotations[0].label, "Person_Name");
    assert_eq!(doc.label("Person_Name").unwrap().name, "Quote");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("\"Person Name\" has the id Person_Name")),
        "{notes:#?}"
    );
    assert!(notes.iter().all(|n| n.chars().count() < 300), "{notes:#?}");
    doc.validate().unwrap();
}

#[test]
fn make_usable_changes_nothing_in_a_usable_set() {
    let mut doc = AnnotatedDocument::new("x.txt", "李白");
    doc.labels
        .push(Label::new("PER", "人物 PER", "#e6550d", Some("1")));
    doc.labels.push(Label::new("地点", "地点", "#009e73", None));
    let before = doc.clone();
    assert!(make_usable(&mut doc).is_empty());
    assert_eq!(doc, before);
}

/// Issue 14 (1): the CLI accepted labels the page had to rename. Now
/// `convert` writes the page's usable ids, keys and colours and says on
/// stderr what it changed; `check` says the same.
#[test]
fn the_cli_makes_labels_usable_and_says_what_it_changed() {
    let dir = std::env::temp_dir().join(format!("biaozhu-label-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let native = serde_json::json!({
        "format": "biaozhu", "version": 2,
        "document": {"name": "libai.txt", "text": "李白出生于碎叶城。", "length": 9, "unit": "codepoint",
                     "sha256": biaozhu::hash::sha256_hex("李白出生于碎叶城。")},
        "labels": [
            {"id": "Person Name", "name": "", "color": "red", "key": "w"},
            {"id": "LOC", "name": "地点", "color": "#009e73", "key": "Escape"}
        ],
        "annotations": [
            {"id": "a1", "start": 0, "end": 2, "label": "Person Name", "quote": "李白"},
            {"id": "a2", "start": 5, "end": 8, "label": "LOC", "quote": "碎叶城"}
        ]
    });
    let input = dir.join("labels.biaozhu.json");
    std::fs::write(&input, native.to_string()).unwrap();
    let bin = env!("CARGO_BIN_EXE_biaozhu");
    let out = std::process::Command::new(bin)
        .args(["convert", "--to", "biaozhu"])
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let back: Value = serde_json::from_slice(&out.stdout).unwrap();
    let labels: Vec<Label> = serde_json::from_value(back["labels"].clone()).unwrap();
    for (i, l) in labels.iter().enumerate() {
        let others: Vec<Label> = labels
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, o)| o.clone())
            .collect();
        assert_eq!(check_label(l, &others), None, "{l:?}");
    }
    assert_eq!(labels[0].id, "Person_Name");
    assert_eq!(labels[0].name, "Person Name");
    assert_eq!(back["annotations"][0]["label"], "Person_Name");
    for said in [
        "\"Person Name\" has the id Person_Name",
        "\"w\" of Person Name is reserved",
        "\"Escape\" of 地点",
        "\"red\" of Person Name",
    ] {
        assert!(stderr.contains(said), "stderr says {said:?}: {stderr}");
    }
    let check = std::process::Command::new(bin)
        .arg("check")
        .arg(&input)
        .output()
        .unwrap();
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stderr).contains("has the id Person_Name"));
    std::fs::remove_dir_all(&dir).unwrap();
}
