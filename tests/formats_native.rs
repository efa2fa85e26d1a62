//! The native format: exact shape of the export, and every refusal on import.

use biaozhu::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use biaozhu::formats::{self, native, Format, ImportErrorKind};

fn libai() -> AnnotatedDocument {
    let mut doc = AnnotatedDocument::new(
        "libai.txt",
        "😀李白出生于碎叶城，与杜甫是好友。\r\n北京和上海大学",
    );
    doc.labels
        .push(Label::new("PER", "人物", "#e06c75", Some("1")));
    doc.labels
        .push(Label::new("LOC", "地点", "#61afef", Some("2")));
    doc.labels.push(Label::new("ORG", "机构", "#98c379", None));
    let mut a1 = Annotation::new("a1", 1, 3, "PER");
    a1.created = "2024-05-01T12:00:00Z".into();
    a1.note = Some("诗人".into());
    a1.attributes.insert("Historical".into(), "true".into());
    doc.annotations.push(a1);
    doc.annotations.push(Annotation::new("a2", 6, 9, "LOC"));
    let mut a3 = Annotation::new("a3", 19, 26, "ORG");
    a3.fragments = vec![(19, 21), (24, 26)];
    doc.annotations.push(a3);
    doc.relations.push(Relation {
        id: "r1".into(),
        from: "a1".into(),
        to: "a2".into(),
        kind: "出生地".into(),
        ..Default::default()
    });
    doc.doc_labels.push("history".into());
    doc.source_encoding = Some("GB18030".into());
    doc
}

fn export(doc: &AnnotatedDocument) -> String {
    native::to_string(doc)
}

fn import_err(content: &str) -> String {
    match formats::import(Format::Native, "x.biaozhu.json", content, None) {
        Ok(_) => panic!("import should have been refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn export_has_exactly_the_documented_shape() {
    let out = export(&libai());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    let mut want = vec![
        "format",
        "version",
        "document",
        "labels",
        "annotations",
        "relations",
        "docLabels",
    ];
    want.sort();
    let mut got = keys.clone();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(v["format"], "biaozhu");
    assert_eq!(v["version"], 2);
    let d = &v["document"];
    assert_eq!(d["unit"], "codepoint");
    assert_eq!(d["length"], 26);
    assert_eq!(d["encoding"], "GB18030");
    assert_eq!(
        d["sha256"].as_str().unwrap(),
        formats::sha256_hex("😀李白出生于碎叶城，与杜甫是好友。\r\n北京和上海大学")
    );
    let a = &v["annotations"];
    assert_eq!(a[0]["quote"], "李白");
    assert_eq!(a[0]["note"], "诗人");
    assert_eq!(a[0]["attributes"]["Historical"], "true");
    assert_eq!(a[1]["quote"], "碎叶城");
    assert!(
        a[1].get("fragments").is_none(),
        "empty fragments are left out"
    );
    // Discontinuous: pieces joined by one space, as brat does.
    assert_eq!(a[2]["quote"], "北京 大学");
    assert_eq!(a[2]["fragments"], serde_json::json!([[19, 21], [24, 26]]));
    assert_eq!(v["relations"][0]["kind"], "出生地");
    assert_eq!(v["docLabels"][0], "history");
}

#[test]
fn sha256_of_known_text() {
    // printf 'abc' | sha256sum
    assert_eq!(
        formats::sha256_hex("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn round_trip_is_identity() {
    let doc = libai();
    let back = formats::import(Format::Native, "x.json", &export(&doc), None).unwrap();
    assert_eq!(back, doc);
}

#[test]
fn version_1_is_read() {
    let v1 = r##"{"format":"biaozhu","version":1,
      "document":{"name":"t.txt","text":"李白","sha256":"SHA","length":2,"unit":"codepoint"},
      "labels":[{"id":"PER","name":"PER","color":"#fff","key":"1"}],
      "annotations":[{"id":"a1","start":0,"end":2,"label":"PER","quote":"李白","created":"2024-05-01T12:00:00Z"}]}"##
        .replace("SHA", &formats::sha256_hex("李白"));
    let doc = formats::import(Format::Native, "v1.json", &v1, None).unwrap();
    assert_eq!(doc.annotations.len(), 1);
    assert!(doc.relations.is_empty());
}

fn tamper(f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&export(&libai())).unwrap();
    f(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn refuses_invalid_json_with_line_and_column() {
    let e = import_err("{\n  \"format\": \"biaozhu\",\n  oops\n}");
    assert!(e.starts_with("x.biaozhu.json:3:3: not valid JSON"), "{e}");
}

#[test]
fn refuses_wrong_format() {
    let e = import_err(&tamper(|v| v["format"] = "other".into()));
    assert!(e.contains("\"other\", not \"biaozhu\""), "{e}");
}

#[test]
fn refuses_unknown_version() {
    let e = import_err(&tamper(|v| v["version"] = 3.into()));
    assert!(e.contains("\"version\" is 3"), "{e}");
}

#[test]
fn refuses_changed_text_by_hash() {
    let e = import_err(&tamper(|v| {
        v["document"]["text"] = "😀李白出生于碎叶城，与杜甫是好友。\n北京和上海大学".into()
    }));
    assert!(e.contains("SHA-256"), "{e}");
}

#[test]
fn refuses_length_mismatch() {
    let e = import_err(&tamper(|v| v["document"]["length"] = 25.into()));
    assert!(
        e.contains("26 code points long but the file says 25"),
        "{e}"
    );
}

#[test]
fn refuses_quote_mismatch_naming_id_offsets_and_both_strings() {
    let content = tamper(|v| v["annotations"][1]["quote"] = "碎叶".into());
    let err = formats::import(Format::Native, "x.json", &content, None).unwrap_err();
    assert_eq!(err.span(), Some((6, 9)));
    // The line of the annotation's id in the pretty-printed file.
    let line = content
        .lines()
        .position(|l| l.contains("\"id\": \"a2\""))
        .unwrap()
        + 1;
    assert_eq!(err.line(), Some(line));
    assert!(matches!(err.kind(), ImportErrorKind::QuoteMismatch { .. }));
    let e = err.to_string();
    assert!(e.contains("annotation a2 at [6, 9)"), "{e}");
    assert!(e.contains("\"碎叶\"") && e.contains("\"碎叶城\""), "{e}");
}

#[test]
fn refuses_reversed_offsets() {
    let e = import_err(&tamper(|v| {
        v["annotations"][1]["start"] = 12.into();
        v["annotations"][1]["end"] = 9.into();
    }));
    assert!(
        e.contains("annotation a2: offsets [12, 9) are reversed"),
        "{e}"
    );
}

#[test]
fn refuses_out_of_range() {
    let e = import_err(&tamper(|v| v["annotations"][1]["end"] = 99.into()));
    assert!(
        e.contains("annotation a2: offsets [6, 99) go past the end"),
        "{e}"
    );
}

#[test]
fn refuses_unknown_label() {
    let e = import_err(&tamper(|v| v["annotations"][1]["label"] = "TIME".into()));
    assert!(e.contains("label \"TIME\" is not in the label set"), "{e}");
}

#[test]
fn refuses_duplicate_id() {
    let e = import_err(&tamper(|v| v["annotations"][1]["id"] = "a1".into()));
    assert!(e.contains("two annotations have the id \"a1\""), "{e}");
}

#[test]
fn refuses_dangling_relation() {
    let e = import_err(&tamper(|v| v["relations"][0]["to"] = "a9".into()));
    assert!(
        e.contains("relation r1: it refers to annotation \"a9\""),
        "{e}"
    );
}

#[test]
fn names_only_the_first_problem() {
    let e = import_err(&tamper(|v| {
        v["annotations"][0]["quote"] = "错".into();
        v["annotations"][1]["quote"] = "也错".into();
    }));
    assert!(e.contains("annotation a1"), "{e}");
    assert!(!e.contains("annotation a2"), "{e}");
}

#[test]
fn page_state_json_is_the_serialized_model() {
    let doc = libai();
    let state = serde_json::to_value(&doc).unwrap();
    assert_eq!(state["docLabels"][0], "history");
    assert_eq!(state["encoding"], "GB18030");
    assert!(state["annotations"][1].get("fragments").is_none());
    let back: AnnotatedDocument = serde_json::from_value(state).unwrap();
    assert_eq!(back, doc);
    // The minimal state the page sends.
    let minimal = r##"{"name":"n","text":"李白","labels":[{"id":"P","name":"P","color":"#fff","key":null}],
        "annotations":[{"id":"a","start":0,"end":2,"label":"P","created":""}],"relations":[],"docLabels":[]}"##;
    let doc: AnnotatedDocument = serde_json::from_str(minimal).unwrap();
    assert!(doc.validate().is_ok());
}

/// The page's model documents relations as `{id, from, to, label?}`: such
/// a state is read, the label becoming the relation's kind.
#[test]
fn page_relations_with_label_or_without_kind_are_read() {
    let state = r##"{"name":"n","text":"李白杜甫","labels":[{"id":"P","name":"P","color":"#fff","key":"1"}],
        "annotations":[{"id":"a","start":0,"end":2,"label":"P","created":""},{"id":"b","start":2,"end":4,"label":"P","created":""}],
        "relations":[{"id":"r1","from":"a","to":"b","label":"好友"},{"id":"r2","from":"b","to":"a"}],"docLabels":[]}"##;
    let doc: AnnotatedDocument = serde_json::from_str(state).unwrap();
    assert_eq!(doc.relations[0].kind, "好友");
    assert_eq!(doc.relations[1].kind, "");
    assert!(doc.validate().is_ok());
}

/// Relation types, attributes, document labels declared in the scheme, and a
/// relation's note and attributes, come back from the native file as they went.
#[test]
fn the_scheme_and_relation_notes_survive_a_round_trip() {
    let mut doc = libai();
    doc.relations[0].note = Some("生于".into());
    doc.relations[0]
        .attributes
        .insert("uncertain".into(), "true".into());
    doc.scheme = serde_json::from_str(
        r##"{"relations": [{"id": "出生地", "name": "出生地 born in", "color": "#d95f02", "key": "1", "directed": true}],
            "attributes": [{"id": "uncertain", "name": "不确定", "type": "flag", "values": [], "key": "u", "on": "both"}],
            "docLabels": [{"id": "history", "name": "历史", "key": "1"}]}"##,
    )
    .unwrap();
    let out = export(&doc);
    assert!(out.contains("\"scheme\""));
    let back = formats::import(Format::Native, "x.json", &out, None).unwrap();
    assert_eq!(back.scheme, doc.scheme);
    assert_eq!(back.relations, doc.relations);
    // A document whose scheme declares nothing writes no "scheme" at all.
    assert!(!export(&libai()).contains("\"scheme\""));
}

/// A relation's note and attributes, which only the native file holds, are
/// named in what every other format that keeps relations leaves out.
#[test]
fn relation_notes_and_attributes_are_named_left_out_by_the_other_formats() {
    let mut doc = libai();
    doc.relations[0].note = Some("生于".into());
    for format in formats::Format::ALL {
        let left = formats::export(format, &doc, None).unwrap().left_out;
        let named = left
            .iter()
            .any(|l| l == "the note and attributes of 1 relation");
        let keeps_relations = !matches!(format, Format::ConllChar | Format::ConllWord);
        assert_eq!(
            named,
            keeps_relations && format != Format::Native,
            "{format:?}: {left:?}"
        );
    }
}
