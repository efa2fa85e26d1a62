//! The one table of what makes an annotation valid and how a resize works
//! (`tests/fixtures/annotation-rules.json`), run through the core: every
//! `valid` case validates, every `invalid` case fails with its code, every
//! `resize` case gives its result or its code. The page model's tests read
//! the same table, so the two sides cannot drift apart.
#![cfg(not(target_arch = "wasm32"))]

use biaozhu::annotation::{AnnotatedDocument, Annotation};
use serde_json::{json, Value};

fn table() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/annotation-rules.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn cases<'a>(table: &'a Value, section: &str) -> &'a [Value] {
    let cases = table[section].as_array().unwrap();
    assert!(!cases.is_empty(), "{section} has no cases");
    cases
}

fn name(case: &Value) -> &str {
    case["name"].as_str().unwrap()
}

fn length(case: &Value) -> u32 {
    case["length"].as_u64().unwrap() as u32
}

/// A case's document: a text of `length` code points (one of them outside
/// the BMP, so that no code point is mistaken for a UTF-16 unit or a byte)
/// with the labels PER and LOC.
fn document(case: &Value) -> AnnotatedDocument {
    let text: String = "😀字".chars().cycle().take(length(case) as usize).collect();
    serde_json::from_value(json!({
        "text": text,
        "labels": [
            {"id": "PER", "name": "PER", "color": "#e6550d"},
            {"id": "LOC", "name": "LOC", "color": "#0072b2"},
        ],
        "annotations": case["annotations"],
        "relations": case.get("relations").cloned().unwrap_or_else(|| json!([])),
    }))
    .unwrap_or_else(|e| panic!("{}: {e}", name(case)))
}

#[test]
fn every_valid_case_validates() {
    for case in cases(&table(), "valid") {
        let doc = document(case);
        if let Err(e) = doc.validate() {
            panic!("{}: refused: {e}", name(case));
        }
    }
}

#[test]
fn every_invalid_case_fails_with_its_code() {
    for case in cases(&table(), "invalid") {
        let want = case["error"].as_str().unwrap();
        match document(case).validate() {
            Ok(()) => panic!("{}: accepted, wanted {want}", name(case)),
            Err(e) => assert_eq!(e.code(), want, "{}: {e}", name(case)),
        }
    }
}

/// An annotation of the table (`start`, `end`, `fragments`?) as `a1`, PER.
fn annotation(v: &Value) -> Annotation {
    let mut a: Annotation = serde_json::from_value(json!({
        "id": "a1",
        "label": "PER",
        "start": v["start"],
        "end": v["end"],
        "fragments": v.get("fragments").cloned().unwrap_or_else(|| json!([])),
    }))
    .unwrap();
    a.created = "2024-05-01T12:00:00.000Z".into();
    a
}

#[test]
fn every_resize_case_gives_its_result_or_its_code() {
    for case in cases(&table(), "resize") {
        let before = annotation(&case["annotation"]);
        let to = case["to"].as_array().unwrap();
        let (s, e) = (
            to[0].as_u64().unwrap() as u32,
            to[1].as_u64().unwrap() as u32,
        );
        let got = before.resized(s, e, length(case));
        match (&case["error"], got) {
            (Value::String(want), Err(err)) => assert_eq!(err.code(), want, "{}", name(case)),
            (Value::String(want), Ok(a)) => {
                panic!("{}: resized to {a:?}, wanted {want}", name(case))
            }
            (_, Err(err)) => panic!("{}: refused: {err}", name(case)),
            (_, Ok(a)) => {
                let want = annotation(&case["result"]);
                assert_eq!(
                    (a.start, a.end, &a.fragments),
                    (want.start, want.end, &want.fragments),
                    "{}",
                    name(case)
                );
                // The rest of the annotation is kept, and the result is valid.
                assert_eq!(
                    (&a.id, &a.label, &a.created),
                    (&before.id, &before.label, &before.created)
                );
                let mut doc = document(&json!({"length": length(case), "annotations": []}));
                doc.annotations.push(a);
                doc.validate()
                    .unwrap_or_else(|e| panic!("{}: the result is invalid: {e}", name(case)));
            }
        }
    }
}

/// Every code the core gives is exercised above, not only some.
#[test]
fn every_code_has_an_invalid_case() {
    let table = table();
    for code in [
        "reversed",
        "empty",
        "out-of-range",
        "bad-fragments",
        "unknown-label",
        "duplicate-id",
        "dangling-relation",
    ] {
        assert!(
            cases(&table, "invalid").iter().any(|c| c["error"] == code),
            "no invalid case of {code}"
        );
    }
}
