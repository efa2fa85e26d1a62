//! Malformed input, importer by importer (issue 14, items 7 and 8): every
//! case is refused with a message that names the file, the line and the
//! field, in words a person can act on, or imported as the README says it
//! is (a Label Studio result type that marks no span is not read). No
//! message is longer than a few hundred characters, whatever the file
//! holds, and none speaks serde's language.

use std::process::Command;

use biaozhu::formats::{self, sha256_hex, Format};

/// The text every case is written against (9 characters).
const TEXT: &str = "李白出生于碎叶城。";

/// The longest message allowed.
const MAX_MESSAGE: usize = 400;

/// What a message may never hold: serde's derive wording and Rust types.
const RUST_WORDS: [&str; 16] = [
    "struct ",
    "expected struct",
    "invalid type: map",
    "with 5 elements",
    "TaskIn",
    "TokenIn",
    "FileIn",
    "AnnotationIn",
    "DocumentIn",
    "u32",
    "u64",
    "usize",
    "Option<",
    "Vec<",
    "a sequence",
    "String",
];

enum Expect {
    /// Refused: the message holds `file:line:` and every one of `says`
    /// (the first names the field).
    Refused {
        line: usize,
        says: &'static [&'static str],
    },
    /// Imported, with this many annotations and relations.
    Imported {
        annotations: usize,
        relations: usize,
    },
}

struct Case {
    format: Format,
    file: &'static str,
    content: String,
    /// The text given beside the file (brat, W3C, CoNLL).
    text: Option<&'static str>,
    expect: Expect,
}

fn refused(
    format: Format,
    file: &'static str,
    content: impl Into<String>,
    line: usize,
    says: &'static [&'static str],
) -> Case {
    let text = matches!(
        format,
        Format::Brat | Format::W3c | Format::ConllChar | Format::ConllWord
    )
    .then_some(TEXT);
    Case {
        format,
        file,
        content: content.into(),
        text,
        expect: Expect::Refused { line, says },
    }
}

fn imported(
    format: Format,
    file: &'static str,
    content: impl Into<String>,
    annotations: usize,
    relations: usize,
) -> Case {
    Case {
        format,
        file,
        content: content.into(),
        text: None,
        expect: Expect::Imported {
            annotations,
            relations,
        },
    }
}

/// A native file on [`TEXT`] with these labels and annotations (JSON
/// lists), one key a line so that a line names the field.
fn native(labels: &str, annotations: &str) -> String {
    format!(
        "{{\n\"format\": \"biaozhu\",\n\"version\": 2,\n\"document\": {{\"name\": \"n.txt\", \"text\": \"{TEXT}\", \"sha256\": \"{}\", \"length\": 9}},\n\"labels\": {labels},\n\"annotations\": {annotations}\n}}\n",
        sha256_hex(TEXT)
    )
}

const PER: &str = r##"[{"id": "PER", "name": "PER", "color": "#e06c75"}]"##;

/// A native file whose first annotation has `field` (a JSON fragment).
fn native_ann(field: &str) -> String {
    native(
        PER,
        &format!("[{{\"id\": \"a1\", {field}, \"label\": \"PER\", \"quote\": \"李白\"}}]"),
    )
}

/// A W3C annotation on [`TEXT`] with this body and selector.
fn w3c(body: &str, selector: &str) -> String {
    format!(
        "{{\n\"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n\"id\": \"a1\",\n\"type\": \"Annotation\",\n\"body\": {body},\n\"target\": {{\"selector\": {selector}}}\n}}\n"
    )
}

const TAG: &str = r#"{"type": "TextualBody", "purpose": "tagging", "value": "PER"}"#;

fn position(start: &str, end: &str) -> String {
    format!("{{\"type\": \"TextPositionSelector\", \"start\": {start}, \"end\": {end}}}")
}

/// A Label Studio task on [`TEXT`] with these results (from line 3).
fn ls(results: &str) -> String {
    format!(
        "[{{\"id\": 1, \"data\": {{\"text\": \"{TEXT}\"}},\n\"annotations\": [{{\"id\": 1, \"result\": [\n{results}\n]}}]\n}}]\n"
    )
}

/// A labels region `r1` whose value is `value`.
fn ls_region(value: &str) -> String {
    ls(&format!(
        "{{\"id\": \"r1\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"value\": {value}}}"
    ))
}

/// A Prodigy line on [`TEXT`] with these spans, after a blank first line.
fn prodigy(spans: &str) -> String {
    format!("\n{{\"text\": \"{TEXT}\", \"spans\": {spans}}}\n")
}

/// A doccano line on [`TEXT`] with this `label` (or other fields), on line 2.
fn doccano(fields: &str) -> String {
    format!("\n{{\"text\": \"{TEXT}\", {fields}}}\n")
}

/// 50 MB of one character: a token no message may quote whole.
fn huge() -> String {
    "x".repeat(50 << 20)
}

fn cases() -> Vec<Case> {
    use Format::*;
    let n = "n.biaozhu.json";
    let w = "w.w3c.json";
    let b = "b.ann";
    let d = "d.jsonl";
    let l = "ls.json";
    let p = "p.jsonl";
    let c = "c.bio";
    let cw = "w.bio";
    vec![
        // biaozhu native
        refused(Native, n, native_ann(r#""start": "0", "end": 2"#), 6, &["\"annotations[0].start\"", "must be a whole number", "found the string \"0\""]),
        refused(Native, n, native_ann(r#""start": -1, "end": 2"#), 6, &["\"annotations[0].start\"", "found the number -1"]),
        refused(Native, n, native_ann(r#""start": 0.5, "end": 2"#), 6, &["\"annotations[0].start\"", "found the number 0.5"]),
        refused(Native, n, native_ann(r#""start": 0, "end": null"#), 6, &["\"annotations[0].end\"", "found null"]),
        refused(Native, n, native(PER, r#"[{"id": "a1", "start": 0, "end": 2, "quote": "李白"}]"#), 6, &["\"label\" is missing", "annotations[0]"]),
        refused(Native, n, native(r#"["PER"]"#, "[]"), 5, &["\"labels[0]\"", "must be an object, found the string \"PER\""]),
        refused(Native, n, native(PER, "{}"), 6, &["\"annotations\"", "must be a list, found an object"]),
        refused(Native, n, native(PER, r#"[{"id": "a1", "start": 0, "end": 2, "label": "PER", "quote": null}]"#), 6, &["\"annotations[0].quote\"", "must be a string, found null"]),
        refused(Native, n, native_ann(r#""start": 0, "end": 2, "fragments": [[0, "1"]]"#), 6, &["\"annotations[0].fragments[0][1]\"", "found the string \"1\""]),
        refused(Native, n, native_ann(r#""start": 0, "end": 2, "attributes": {"k": 1}"#), 6, &["\"annotations[0].attributes.k\"", "must be a string, found the number 1"]),
        refused(Native, n, native(PER, r#"[{"id": "a1", "start": 0, "end": 50, "label": "PER", "quote": "李白"}]"#), 6, &["a1", "[0, 50)", "past the end of the text (9 code points)"]),
        refused(Native, n, native_ann(&format!("\"start\": \"{}\", \"end\": 2", huge())), 6, &["\"annotations[0].start\"", "found the string \"xxxx"]),
        refused(Native, n, native(PER, &format!("[{{\"id\": \"a1\", \"start\": 0, \"end\": 2, \"label\": \"{}\", \"quote\": \"李白\"}}]", huge())), 6, &["label \"xxxx", "is not in the label set"]),
        refused(Native, n, native(r##"[{"id": "", "name": "PER", "color": "#e06c75"}]"##, r#"[{"id": "a1", "start": 0, "end": 2, "label": "", "quote": "李白"}]"#), 5, &["\"labels[0].id\" is an empty string"]),
        refused(Native, n, native(r##"[{"id": "PER", "name": "PER", "color": "#e06c75"}, {"id": "", "name": "X", "color": "#e06c75"}]"##, r#"[{"id": "a1", "start": 0, "end": 2, "label": "", "quote": "李白"}]"#).replace("\"labels\": [{", "\"labels\": [\n{").replace("}, {\"id\": \"\"", "},\n{\"id\": \"\""), 7, &["\"labels[1].id\" is an empty string"]),
        refused(Native, n, native(PER, r#"[{"id": "a1", "start": 0, "end": 2, "label": "", "quote": "李白"}]"#), 6, &["annotation a1", "\"label\" is an empty string"]),
        // W3C
        refused(W3c, w, w3c(r#"{"type": "TextualBody", "purpose": "tagging", "value": ""}"#, &position("0", "2")), 3, &["a1", "label", "empty"]),
        refused(W3c, w, w3c(r#"{"type": "TextualBody", "purpose": "tagging", "value": 5}"#, &position("0", "2")), 3, &["a1", "a body's \"value\" must be a string, found the number 5"]),
        refused(W3c, w, w3c("[]", &position("0", "2")), 3, &["a1", "no TextualBody with a value"]),
        refused(W3c, w, w3c(TAG, &position("0", "2")).replace("\"type\": \"Annotation\",", "\"type\": \"Annotation\", \"created\": 2024,"), 3, &["a1", "\"created\" must be a string, found the number 2024"]),
        refused(W3c, w, w3c(TAG, &position("\"0\"", "2")), 3, &["\"start\"", "TextPositionSelector", "found the string \"0\""]),
        refused(W3c, w, w3c(TAG, &position("-1", "2")), 3, &["\"start\"", "found the number -1"]),
        refused(W3c, w, w3c(TAG, &position("0", "1.5")), 3, &["\"end\"", "found the number 1.5"]),
        refused(W3c, w, w3c(TAG, &position("0", "50")), 3, &["a1", "[0, 50)", "past the end of the text (9 code points)"]),
        refused(W3c, w, w3c(TAG, &format!("{{\"type\": \"TextQuoteSelector\", \"exact\": \"{}\"}}", huge())), 3, &["a1", "quote \"xxxx", "not in the text"]),
        refused(W3c, w, "{\n\"type\": \"AnnotationCollection\",\n\"bz:labels\": [\"PER\"],\n\"first\": {\"type\": \"AnnotationPage\", \"items\": []}\n}\n", 3, &["\"bz:labels[0]\"", "must be an object, found the string \"PER\""]),
        refused(W3c, w, w3c(TAG, &position("0", "2")).replace("\"type\": \"Annotation\",", "\"type\": \"Annotation\", \"bz:attributes\": {\"k\": 1},"), 3, &["a1", "\"bz:attributes.k\" must be a string, found the number 1"]),
        refused(W3c, w, "{\n\"type\": \"AnnotationCollection\",\n\"bz:labels\": [{\"id\": \"\", \"name\": \"PER\"}],\n\"first\": {\"type\": \"AnnotationPage\", \"items\": []}\n}\n", 3, &["\"bz:labels[0].id\" is an empty string"]),
        refused(W3c, w, w3c(TAG, &position("null", "2")), 3, &["a1", "\"start\"", "found null"]),
        // brat
        refused(Brat, b, "T1\tPER 0 2\t李白\nT2\t 2 4\t出生\n", 2, &["T2", "the type (the label) is empty"]),
        refused(Brat, b, "T1\tPER a 2\t李白\n", 1, &["T1", "offsets \"a 2\"", "whole numbers"]),
        refused(Brat, b, "T1\tPER -1 2\t李白\n", 1, &["T1", "offsets \"-1 2\""]),
        refused(Brat, b, "T1\tPER 0.5 2\t李白\n", 1, &["T1", "offsets \"0.5 2\""]),
        refused(Brat, b, "T1\tPER 0 50\t李白\n", 1, &["T1", "[0, 50)", "past the end of the text (9 code points)"]),
        refused(Brat, b, "T1\tPER 0 2\t李白\n#1\tAnnotatorNotes T9\tnote\n", 2, &["T9", "not defined"]),
        refused(Brat, b, "T1\tPER 0 2\t李白\n#1\tAnnotatorNotes\tnote\n", 2, &["#1", "AnnotatorNotes ID"]),
        refused(Brat, b, "T1\tPER 0 2\t李白\nR1\tbornIn Arg1:T1\t\n", 2, &["R1", "Arg2"]),
        refused(Brat, b, "T1\tPER 0 2\t李白\nA1\tNeg T7\n", 2, &["attribute Neg refers to T7, which is not defined"]),
        refused(Brat, b, format!("T1\tPER 0 2\t李白\n{}\n", huge()), 2, &["no tab in \"xxxx"]),
        refused(Brat, b, format!("T1\tPER 0 2\t{}\n", huge()), 1, &["T1", "the file quotes \"xxxx"]),
        refused(Brat, b, format!("T1\tPER 0 2\t李白\nR1\tx Arg1:T1 Arg2:T{}\t\n", huge()), 2, &["relation R1 refers to Txxxx", "not defined"]),
        // doccano
        refused(Doccano, d, doccano(r#""label": "oops""#), 2, &["\"label\"", "must be a list of [start, end, label] triples, found the string \"oops\""]),
        refused(Doccano, d, doccano(r#""label": [[0, 2, ""]]"#), 2, &["\"label\" item 1", "label", "not empty", "found an empty string"]),
        refused(Doccano, d, doccano(r#""label": [[0, 2, 5]]"#), 2, &["\"label\" item 1", "label", "found the number 5"]),
        refused(Doccano, d, doccano(r#""label": [["0", 2, "PER"]]"#), 2, &["\"label\" item 1", "start", "found the string \"0\""]),
        refused(Doccano, d, doccano(r#""label": [[-1, 2, "PER"]]"#), 2, &["\"label\" item 1", "start", "found the number -1"]),
        refused(Doccano, d, doccano(r#""label": [[0, 1.5, "PER"]]"#), 2, &["\"label\" item 1", "end", "found the number 1.5"]),
        refused(Doccano, d, doccano(r#""label": [[0, 2]]"#), 2, &["\"label\" item 1", "[start, end, label] triple", "a list of 2 items"]),
        refused(Doccano, d, doccano(r#""label": [[0, 50, "PER"]]"#), 2, &["50", "past the end of the text"]),
        refused(Doccano, d, doccano(r#""entities": [{"id": 1, "start_offset": 0, "end_offset": 2}]"#), 2, &["entity 1", "\"label\" is missing"]),
        refused(Doccano, d, doccano(r#""entities": [{"id": 1, "label": "PER", "start_offset": null, "end_offset": 2}]"#), 2, &["entity 1", "\"start_offset\"", "found null"]),
        refused(Doccano, d, doccano(r#""entities": [{"id": {}, "label": "PER", "start_offset": 0, "end_offset": 2}]"#), 2, &["entity 1", "\"id\" must be a number or a string, found an object"]),
        refused(Doccano, d, doccano(r#""entities": "PER""#), 2, &["\"entities\"", "must be a list"]),
        refused(Doccano, d, doccano(r#""entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 2}], "relations": [{"id": 1, "from_id": 1, "to_id": 1}]"#), 2, &["relation 1", "\"type\" is missing"]),
        refused(Doccano, d, "\n[1, 2]\n", 2, &["a doccano line must be an object", "found a list of 2 items"]),
        refused(Doccano, d, "\n{\"text\": 5}\n", 2, &["\"text\"", "must be a string, found the number 5"]),
        refused(Doccano, d, doccano(&format!("\"label\": \"{}\"", huge())), 2, &["\"label\"", "found the string \"xxxx"]),
        refused(Doccano, d, doccano(&format!("\"entities\": [{{\"id\": 1, \"label\": \"PER\", \"start_offset\": 0, \"end_offset\": 2}}], \"relations\": [{{\"id\": 1, \"from_id\": 1, \"to_id\": \"{}\", \"type\": \"x\"}}]", huge())), 2, &["relation 1", "annotation \"xxxx", "does not exist"]),
        // Label Studio
        refused(LabelStudio, l, ls_region(r#"{"start": 0, "end": 2, "text": "李白"}"#), 3, &["region r1", "\"labels\" is missing"]),
        refused(LabelStudio, l, ls_region(r#"{"start": 0, "end": 2, "text": "李白", "labels": "PER"}"#), 3, &["region r1", "\"labels\" must be a list", "found the string \"PER\""]),
        refused(LabelStudio, l, ls_region(r#"{"start": 0, "end": 2, "text": "李白", "labels": [5]}"#), 3, &["region r1", "\"labels[0]\"", "found the number 5"]),
        refused(LabelStudio, l, ls_region(r#"{"start": 0, "end": 2, "text": "李白", "labels": [""]}"#), 3, &["region r1", "\"labels[0]\" is an empty string"]),
        refused(LabelStudio, l, ls_region(r#"{"start": 0, "end": 2, "text": "李白", "labels": []}"#), 3, &["region r1", "\"labels\" must be a list of one or more labels, found an empty list"]),
        refused(LabelStudio, l, ls(r#"{"id": "r1", "type": null, "value": {"start": 0, "end": 2, "labels": ["PER"]}}"#), 3, &["region r1", "\"type\" must be a string", "found null"]),
        refused(LabelStudio, l, ls(r#"{"id": "r1", "value": {"start": 0, "end": 2, "labels": ["PER"]}}"#), 3, &["region r1", "\"type\" is missing"]),
        refused(LabelStudio, l, ls(r#"{"id": "r1", "type": "labels"}"#), 3, &["region r1", "\"value\" is missing"]),
        refused(LabelStudio, l, ls_region(r#"{"start": 0, "end": 2, "text": [], "labels": ["PER"]}"#), 3, &["region r1", "\"text\" must be a string, found an empty list"]),
        refused(LabelStudio, l, ls_region(r#"{"start": 0, "end": 2, "text": true, "labels": ["PER"]}"#), 3, &["region r1", "\"text\" must be a string, found true"]),
        refused(LabelStudio, l, ls_region(r#"{"start": "0", "end": 2, "labels": ["PER"]}"#), 3, &["region r1", "\"start\"", "found the string \"0\""]),
        refused(LabelStudio, l, ls_region(r#"{"start": -1, "end": 2, "labels": ["PER"]}"#), 3, &["region r1", "\"start\"", "found the number -1"]),
        refused(LabelStudio, l, ls_region(r#"{"start": 0, "end": 1.5, "labels": ["PER"]}"#), 3, &["region r1", "\"end\"", "found the number 1.5"]),
        refused(LabelStudio, l, ls_region(r#"{"start": 0, "end": 50, "text": "李白", "labels": ["PER"]}"#), 3, &["r1", "[0, 50)", "past the end of the text (9 code points)"]),
        refused(LabelStudio, l, ls(r#"{"id": "d", "type": "choices", "value": {"choices": "news"}}"#), 3, &["region d", "\"value.choices\" must be a list of strings", "found the string \"news\""]),
        refused(LabelStudio, l, ls(r#"{"id": "r1", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["PER"]}},
{"from_id": "r1", "type": "relation", "labels": []}"#), 4, &["relation 1", "\"to_id\" is missing"]),
        refused(LabelStudio, l, ls_region(&format!("{{\"start\": 0, \"end\": 2, \"text\": \"{}\", \"labels\": [\"PER\"]}}", huge())), 3, &["r1", "the file quotes \"xxxx"]),
        refused(LabelStudio, l, format!("[{{\"id\": 1, \"data\": {{\"text\": \"{TEXT}\"}},\n\"annotations\": {{\"result\": []}}\n}}]\n"), 2, &["task 1", "\"annotations\" must be a list, found an object"]),
        refused(LabelStudio, l, format!("[{{\"id\": 1, \"data\": {{\"text\": \"{TEXT}\"}},\n\"annotations\": [{{\"id\": 1,\n\"result\": \"none\"}}]\n}}]\n"), 3, &["task 1", "\"result\" must be a list of regions, found the string \"none\""]),
        refused(LabelStudio, l, ls(r#"{"id": {}, "type": "labels", "value": {"start": 0, "end": 2, "labels": ["PER"]}}"#).replace("\"result\": [\n", "\"result\": [\n\n"), 4, &["region 1", "\"id\" must be a string or a number, found an object"]),
        refused(LabelStudio, l, ls("").replace("[{\"id\": 1, \"result\"", "[{\"id\": 1, \"created_at\": 5, \"result\""), 2, &["task 1", "\"created_at\" must be a string, found the number 5"]),
        refused(LabelStudio, l, format!("[{{\"id\": 1, \"data\": {{\"text\": \"{TEXT}\"}}, \"annotations\": [{{\"result\": [\n{{\"type\": \"labels\", \"value\": {{\"start\": 0, \"end\": 2, \"labels\": [\"PER\"]}}}}]}}]}},\n{{\"id\": 2, \"data\": {{\"text\": \"{TEXT}\"}}, \"annotations\": [{{\"was_cancelled\": true, \"result\": []}}, {{\"result\": [\n{{\"type\": \"labels\", \"value\": {{\"start\": 0, \"end\": 2, \"labels\": [\"PER\"]}}}},\n{{\"type\": \"labels\", \"value\": {{\"start\": 0, \"end\": 2}}}}]}}]}}]\n"), 5, &["region r2", "\"labels\" is missing"]),
        refused(LabelStudio, l, format!("[{{\"text\": \"{TEXT}\", \"label\": [\n{{\"start\": 0, \"end\": 2, \"text\": \"李白\", \"labels\": [\"PER\"]}},\n{{\"start\": 2, \"end\": 4, \"text\": \"出生\", \"labels\": [\"\"]}}]}}]\n"), 3, &["region a2", "\"labels[0]\" is an empty string"]),
        imported(LabelStudio, l, ls(r#"{"id": "r1", "type": "labels", "value": {"start": 0, "end": 2, "text": "李白", "labels": ["PER"]}},
{"id": "q", "type": "rating", "value": {"rating": 4}}"#), 1, 0),
        imported(LabelStudio, l, ls(r#"{"id": "r1", "type": "labels", "value": {"start": 0, "end": 2, "text": "李白", "labels": ["PER"]}},
{"from_id": "r1", "to_id": "r1", "type": "relation", "labels": []}"#), 1, 1),
        // Prodigy
        refused(Prodigy, p, prodigy(r#"[{"start": 0, "end": 2, "label": {}}]"#), 2, &["span 1", "\"label\"", "found an object"]),
        refused(Prodigy, p, prodigy(r#"[{"start": 0, "end": 2, "label": ""}]"#), 2, &["span 1", "\"label\" is an empty string"]),
        refused(Prodigy, p, prodigy(r#"[{"start": 0, "end": 2, "label": null}]"#), 2, &["span 1", "\"label\"", "found null"]),
        refused(Prodigy, p, prodigy(r#"[{"start": 0, "end": 2}]"#), 2, &["span 1", "\"label\" is missing"]),
        refused(Prodigy, p, prodigy(r#"[{"start": "0", "end": 2, "label": "PER"}]"#), 2, &["span 1", "\"start\"", "found the string \"0\""]),
        refused(Prodigy, p, prodigy(r#"[{"start": -1, "end": 2, "label": "PER"}]"#), 2, &["span 1", "\"start\"", "found the number -1"]),
        refused(Prodigy, p, prodigy(r#"[{"start": 0, "end": 1.5, "label": "PER"}]"#), 2, &["span 1", "\"end\"", "found the number 1.5"]),
        refused(Prodigy, p, prodigy(r#"[{"start": 0, "end": 50, "label": "PER", "text": "李白"}]"#), 2, &["[0, 50)", "past the end of the text (9 code points)"]),
        refused(Prodigy, p, prodigy(r#"[{"start": 0, "end": 2, "label": "PER", "text": []}]"#), 2, &["span 1", "\"text\" must be a string, found an empty list"]),
        refused(Prodigy, p, format!("\n{{\"text\": \"{TEXT}\", \"tokens\": [{{\"text\": \"李\", \"start\": \"0\", \"end\": 1}}]}}\n"), 2, &["\"tokens[0].start\"", "found the string \"0\""]),
        refused(Prodigy, p, format!("\n{{\"text\": \"{TEXT}\", \"tokens\": [{{\"text\": \"李白\", \"start\": 0, \"end\": 20}}]}}\n"), 2, &["token 0", "[0, 20)", "past the end of the text"]),
        refused(Prodigy, p, "\n[]\n", 2, &["the line must be an object", "found a list of 0 items"]),
        refused(Prodigy, p, "\n{\"text\": 5}\n", 2, &["\"text\" must be a string, found the number 5"]),
        refused(Prodigy, p, format!("\n{{\"text\": \"{TEXT}\", \"spans\": {{}}}}\n"), 2, &["\"spans\" must be a list, found an object"]),
        refused(Prodigy, p, format!("\n{{\"text\": \"{TEXT}\", \"meta\": \"x\"}}\n"), 2, &["\"meta\" must be an object"]),
        refused(Prodigy, p, format!("\n{{\"text\": \"{TEXT}\", \"spans\": [{{\"start\": 0, \"end\": 2, \"label\": \"PER\"}}], \"relations\": [{{\"head_span\": {{\"start\": 0, \"end\": 2}}, \"child_span\": {{\"start\": 0, \"end\": 2}}, \"label\": 5}}]}}\n"), 2, &["relation 1", "\"label\" must be a string, found the number 5"]),
        refused(Prodigy, p, prodigy(&format!("[{{\"start\": 0, \"end\": 2, \"label\": \"PER\", \"text\": \"{}\"}}]", huge())), 2, &["the file quotes \"xxxx"]),
        // CoNLL, characters
        refused(ConllChar, c, "李 B-PER\n白 B-\n", 2, &["\"B-\" is not a tag", "label that is not empty"]),
        refused(ConllChar, c, "李 B-PER\n白\n", 2, &["expected TOKEN TAG", "\"白\""]),
        refused(ConllChar, c, "李 B-PER\n白 X-PER\n", 2, &["\"X-PER\" is not a tag"]),
        refused(ConllChar, c, "李 B-PER\n黑 I-PER\n", 2, &["token", "the file quotes \"黑\" but the text there is \"白\""]),
        refused(ConllChar, c, format!("{}\n", TEXT.chars().map(|ch| format!("{ch} O\n")).collect::<String>() + "多 B-PER"), 10, &["the token \"多\"", "[9, 10)", "past the end of the text, which has 9 characters"]),
        refused(ConllChar, c, format!("李 B-PER\n{}\n", huge()), 2, &["expected TOKEN TAG", "\"xxxx"]),
        refused(ConllChar, c, format!("{} B-PER\n", huge()), 1, &["the token \"xxxx", "past the end of the text, which has 9 characters"]),
        // CoNLL, words
        refused(ConllWord, cw, "李白 B-PER\n出生 O-\n", 2, &["\"O-\" is not a tag"]),
        refused(ConllWord, cw, "李白 B-PER\n出生\n", 2, &["expected TOKEN TAG", "\"出生\""]),
        refused(ConllWord, cw, "李白 B-PER\n出身 O\n", 2, &["token", "the file quotes \"出身\" but the text there is \"出生\""]),
        refused(ConllWord, cw, "李白出生于碎叶城。 O\n又一句 B-PER\n", 2, &["the token \"又一句\"", "[9, 12)", "past the end of the text, which has 9 characters"]),
        refused(ConllWord, cw, format!("李白 B-PER\n{} I-PER\n", huge()), 2, &["the token \"xxxx", "past the end of the text"]),
    ]
}

/// What the message of a refused import must and must not hold.
fn check_message(case: &Case, msg: &str, line: usize, says: &[&str]) -> Result<(), String> {
    let mut wrong = Vec::new();
    if msg.chars().count() > MAX_MESSAGE {
        wrong.push(format!("{} characters long", msg.chars().count()));
    }
    let at = format!("{}:{line}:", case.file);
    if !msg.starts_with(&at) {
        wrong.push(format!("does not start with {at:?}"));
    }
    for s in says {
        if !msg.contains(s) {
            wrong.push(format!("lacks {s:?}"));
        }
    }
    for s in RUST_WORDS {
        if msg.contains(s) {
            wrong.push(format!("speaks Rust: {s:?}"));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        let shown: String = msg.chars().take(MAX_MESSAGE).collect();
        Err(wrong.join(", ") + ": " + &shown)
    }
}

#[test]
fn every_malformed_input_is_refused_naming_file_line_and_field() {
    let mut failures = Vec::new();
    let all = cases();
    for (i, case) in all.iter().enumerate() {
        let got = formats::import_all(case.format, case.file, &case.content, case.text);
        let what = format!("case {i} ({} {})", case.format, case.file);
        match (&case.expect, got) {
            (Expect::Refused { line, says }, Err(e)) => {
                if let Err(m) = check_message(case, &e.to_string(), *line, says) {
                    failures.push(format!("{what}: {m}"));
                }
            }
            (Expect::Refused { .. }, Ok(docs)) => failures.push(format!(
                "{what}: imported ({} annotations) but must be refused",
                docs.iter().map(|d| d.annotations.len()).sum::<usize>()
            )),
            (
                Expect::Imported {
                    annotations,
                    relations,
                },
                Ok(docs),
            ) => {
                let got = (docs[0].annotations.len(), docs[0].relations.len());
                if got != (*annotations, *relations) {
                    failures.push(format!(
                        "{what}: imported {got:?}, expected {:?}",
                        (annotations, relations)
                    ));
                }
            }
            (Expect::Imported { .. }, Err(e)) => {
                let shown: String = e.to_string().chars().take(MAX_MESSAGE).collect();
                failures.push(format!("{what}: refused: {shown}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// Every importer has its share of the table: each of the eight formats
/// is fed wrong types, missing fields, offsets out of range and a 50 MB
/// token.
#[test]
fn every_importer_has_malformed_cases() {
    let all = cases();
    for f in Format::ALL {
        let mine: Vec<&Case> = all.iter().filter(|c| c.format == f).collect();
        assert!(mine.len() >= 5, "{f}: only {} cases", mine.len());
        assert!(
            mine.iter().any(|c| c.content.len() >= 50 << 20),
            "{f}: no 50 MB case"
        );
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("malformed-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs the binary on a file holding `bytes`; exit status and stderr.
fn cli(dir: &str, file: &str, bytes: &[u8], args: &[&str]) -> (Option<i32>, String) {
    let d = scratch(dir);
    let path = d.join(file);
    std::fs::write(&path, bytes).unwrap();
    let o = Command::new(BIN).args(args).arg(&path).output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn the_cli_refuses_with_exit_1_and_a_short_message() {
    let (code, err) = cli(
        "oops",
        "d.jsonl",
        doccano(r#""label": "oops""#).as_bytes(),
        &["check", "--from", "doccano"],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("d.jsonl:2:"), "{err}");
    assert!(
        err.contains(
            "\"label\" must be a list of [start, end, label] triples, found the string \"oops\""
        ),
        "{err}"
    );

    let (code, err) = cli(
        "ls",
        "ls.json",
        ls_region(r#"{"start": 0, "end": 2, "text": "李白"}"#).as_bytes(),
        &["convert", "--to", "biaozhu"],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("ls.json:3: region r1: \"labels\" is missing"),
        "{err}"
    );

    let (code, err) = cli(
        "prodigy",
        "p.jsonl",
        prodigy(r#"[{"start": 0, "end": 2, "label": {}}]"#).as_bytes(),
        &["check"],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("p.jsonl:2: span 1: \"label\""), "{err}");

    let big = native_ann(&format!("\"start\": \"{}\", \"end\": 2", huge()));
    let (code, err) = cli(
        "huge",
        "n.biaozhu.json",
        big.as_bytes(),
        &["convert", "--to", "doccano"],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.len() < MAX_MESSAGE, "{} bytes on stderr", err.len());
    assert!(err.contains("\"annotations[0].start\""), "{err}");
}

/// One bad byte in a small UTF-8 file: not "binary", but where UTF-8
/// breaks, with the way out.
#[test]
fn one_bad_byte_in_utf8_is_named_with_its_byte_and_line() {
    let mut bytes = "李白\n出生于".as_bytes().to_vec();
    bytes.push(0x8D);
    bytes.extend_from_slice("碎叶城。\n".as_bytes());
    let (code, err) = cli("badbyte", "t.txt", &bytes, &["check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("not valid UTF-8: byte 16 (line 2) is 0x8D"),
        "{err}"
    );
    assert!(err.contains("--encoding"), "{err}");
    assert!(!err.contains("binary"), "{err}");
    // The same bytes with their encoding named are read (as U+FFFD).
    let (code, err) = cli(
        "badbyte-named",
        "t.txt",
        &bytes,
        &["check", "--encoding", "utf-8"],
    );
    assert_eq!(code, Some(0), "{err}");
}

/// The bad-byte refusal leaves legacy files alone: GBK and Big5 texts,
/// short and long, are not taken for UTF-8 with bad bytes.
#[test]
fn gbk_and_big5_are_not_taken_for_broken_utf8() {
    use biaozhu::decode::{decode, DecodeErrorKind};
    let simplified = [
        "李白",
        "李白出生于碎叶城。",
        "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    ];
    let traditional = [
        "李白",
        "李白出生於碎葉城。",
        "床前明月光，疑是地上霜。舉頭望明月，低頭思故鄉。",
    ];
    for (encoding, name, texts) in [
        (encoding_rs::GBK, "GBK", simplified),
        (encoding_rs::BIG5, "Big5", traditional),
    ] {
        for t in texts {
            let (bytes, _, lossy) = encoding.encode(t);
            assert!(!lossy);
            match decode(&bytes, None) {
                Err(e) => assert!(
                    !matches!(e.kind(), DecodeErrorKind::InvalidUtf8 { .. }),
                    "{name} {t}: {e}"
                ),
                Ok(d) if t.chars().count() > 20 => assert_eq!(d.encoding, name, "{t}"),
                Ok(_) => {}
            }
        }
    }
}
