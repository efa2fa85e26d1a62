//! doccano JSONL: one document a line.
//!
//! Two shapes, both read and written:
//!
//! ```json
//! {"id": 1, "text": "😀李白…", "label": [[2, 4, "PER"]], "Comments": []}
//! {"id": 1, "text": "😀李白…", "entities": [{"id": 10, "label": "PER", "start_offset": 2, "end_offset": 4}],
//!  "relations": [{"id": 100, "from_id": 10, "to_id": 11, "type": "出生地"}], "Comments": []}
//! ```
//!
//! doccano counts offsets in **UTF-16 code units** (JavaScript string
//! indices) by default: 李白 after a leading 😀 is `[2, 4)`, where code
//! points say `[1, 3)`. Both directions convert through
//! [`IndexedText`]. An offset that falls between the two halves of a
//! character outside the BMP cannot be UTF-16 and is refused: the project
//! then counted code points or grapheme clusters ("Count grapheme clusters
//! as one character"), which the file does not say.
//!
//! ```
//! use biaozhu::formats::{self, Format};
//!
//! let line = r#"{"id": 1, "text": "😀李白", "label": [[2, 4, "PER"]]}"#;
//! let doc = formats::import(Format::Doccano, "d.jsonl", line, None).unwrap();
//! // UTF-16 [2, 4) is code points [1, 3).
//! assert_eq!((doc.annotations[0].start, doc.annotations[0].end), (1, 3));
//! ```
//!
//! The export writes the `entities`/`relations` shape when there are
//! relations, else the `label` triples. doccano has no discontinuous spans
//! (each piece is written as a span of its own), no notes, attributes,
//! creation times or label colours; [`Exported::left_out`] counts them.
//! The file carries the whole text, which is the check on import; there is
//! no per-span quote.

use serde_json::{json, Value};

use super::{
    describe, field_str, label_value, stem, wrong_field, ExportError, Exported, ImportError,
    ImportErrorKind, LeftOut, Source,
};
use crate::annotation::{ensure_label, AnnotatedDocument, Annotation, Relation};
use crate::offsets::{IndexedText, OffsetError};

/// Writes one JSONL line.
pub(crate) fn export(
    doc: &AnnotatedDocument,
    source: &Source<'_>,
) -> Result<Exported, ExportError> {
    let text = source.text;
    let u16 = |cp: u32| text.cp_to_u16(cp as usize).unwrap_or(0);
    let mut left = LeftOut::default();
    let mut split = 0;
    let mut line = serde_json::Map::new();
    line.insert("id".into(), 1.into());
    line.insert("text".into(), text.as_str().into());
    if doc.relations.is_empty() {
        let mut triples = Vec::new();
        for a in &doc.annotations {
            if a.is_discontinuous() {
                split += 1;
            }
            for (s, e) in a.pieces() {
                triples.push((u16(s), u16(e), a.label.clone()));
            }
        }
        triples.sort();
        line.insert("label".into(), json!(triples));
    } else {
        let mut entities = Vec::new();
        let mut first_of = std::collections::HashMap::new();
        for a in &doc.annotations {
            if a.is_discontinuous() {
                split += 1;
            }
            for (s, e) in a.pieces() {
                let id = entities.len() + 1;
                first_of.entry(a.id.as_str()).or_insert(id);
                entities.push(json!({"id": id, "label": a.label, "start_offset": u16(s), "end_offset": u16(e)}));
            }
        }
        let relations: Vec<Value> = doc
            .relations
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let from = first_of.get(r.from.as_str())?;
                let to = first_of.get(r.to.as_str())?;
                Some(json!({"id": i + 1, "from_id": from, "to_id": to, "type": r.kind}))
            })
            .collect();
        line.insert("entities".into(), Value::Array(entities));
        line.insert("relations".into(), Value::Array(relations));
    }
    line.insert("Comments".into(), json!([]));
    left.count(
        split,
        "discontinuous annotations (each piece written as a span of its own)",
    );
    left.notes(doc);
    left.attributes(doc);
    left.creation_times(doc);
    left.when(
        !doc.annotations.is_empty() && !doc.relations.is_empty(),
        "annotation and relation ids (renumbered)",
    );
    left.document_extras(doc);
    let mut out = serde_json::to_string(&Value::Object(line)).unwrap_or_default();
    out.push('\n');
    Ok(Exported {
        files: vec![(format!("{}.doccano.jsonl", stem(&doc.name)), out)],
        left_out: left.into_vec(),
    })
}

fn cp_of(
    file: &str,
    n: usize,
    text: &IndexedText,
    u: &Value,
    what: &str,
) -> Result<u32, ImportError> {
    let raw = u.as_u64().ok_or_else(|| {
        ImportError::syntax(
            file,
            n,
            format!(
                "{what} must be a whole number of UTF-16 units, 0 or more, found {}",
                describe(u)
            ),
        )
    })?;
    text.u16_to_cp(raw as usize)
        .map(|c| c as u32)
        .map_err(|e| {
            let hint = match e {
                OffsetError::InsideSurrogatePair { .. } => "; these offsets are not UTF-16 units (doccano's default): the project may have counted code points or grapheme clusters",
                _ => "; were the annotations made on another text, or counted in another unit?",
            };
            ImportError::new(
                file,
                ImportErrorKind::Syntax(format!("{what} {raw}: {e} (doccano counts UTF-16 units){hint}")),
            )
            .at_line(n)
        })
}

/// A list field of a line, when it is there: anything but a list is
/// refused rather than read as no spans.
fn list<'a>(v: &'a Value, key: &str, of: &str) -> Result<Option<&'a Vec<Value>>, String> {
    match v.get(key) {
        None => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a)),
        Some(other) => Err(wrong_field(key, &format!("a list of {of}"), Some(other))),
    }
}

/// An id as doccano writes it, a number or a string.
fn id_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(x) => Some(x.to_string()),
        _ => None,
    }
}

/// Reads every line as one document.
pub(crate) fn import_all(file: &str, content: &str) -> Result<Vec<AnnotatedDocument>, ImportError> {
    let lines = super::jsonl_lines(content);
    let many = lines.len() > 1;
    let mut docs = Vec::new();
    for (k, (n, line)) in lines.into_iter().enumerate() {
        let syntax = |m: String| ImportError::syntax(file, n, m);
        let v: Value =
            serde_json::from_str(line).map_err(|e| ImportError::json(file, line, &e).at_line(n))?;
        if !v.is_object() {
            return Err(syntax(format!(
                "a doccano line must be an object {{\"text\": …, \"label\": […]}}, found {}",
                describe(&v)
            )));
        }
        let text = field_str(&v, "text")
            .map_err(|m| syntax(format!("{m}: a doccano line holds its text")))?;
        let name = if many {
            format!("{}-{}.txt", stem(file), k + 1)
        } else {
            format!("{}.txt", stem(file))
        };
        let mut doc = AnnotatedDocument::new(&name, text);
        let it = IndexedText::new(text);
        let len = it.len_cp() as u32;
        let entities = list(
            &v,
            "entities",
            "entities {\"label\", \"start_offset\", \"end_offset\"}",
        )
        .map_err(syntax)?;
        let triples = list(&v, "label", "[start, end, label] triples").map_err(syntax)?;
        if let Some(entities) = entities {
            for (i, e) in entities.iter().enumerate() {
                let at = |m: String| syntax(format!("entity {}: {m}", i + 1));
                if !e.is_object() {
                    return Err(at(format!("must be an object, found {}", describe(e))));
                }
                let id = match e.get("id") {
                    None => format!("a{}", doc.annotations.len() + 1),
                    Some(x) => id_of(Some(x))
                        .ok_or_else(|| at(wrong_field("id", "a number or a string", Some(x))))?,
                };
                let label = label_value(e.get("label"), "label").map_err(at)?;
                let s = cp_of(
                    file,
                    n,
                    &it,
                    e.get("start_offset").unwrap_or(&Value::Null),
                    &format!("entity {}: \"start_offset\"", i + 1),
                )?;
                let en = cp_of(
                    file,
                    n,
                    &it,
                    e.get("end_offset").unwrap_or(&Value::Null),
                    &format!("entity {}: \"end_offset\"", i + 1),
                )?;
                push(file, n, &mut doc, len, Annotation::new(&id, s, en, label))?;
            }
            let relations = list(
                &v,
                "relations",
                "relations {\"from_id\", \"to_id\", \"type\"}",
            )
            .map_err(syntax)?;
            for (i, r) in relations.into_iter().flatten().enumerate() {
                let at = |m: String| syntax(format!("relation {}: {m}", i + 1));
                let idv = |k: &str| {
                    id_of(r.get(k))
                        .ok_or_else(|| at(wrong_field(k, "a number or a string", r.get(k))))
                };
                let id = match r.get("id") {
                    None => format!("r{}", i + 1),
                    Some(_) => idv("id")?,
                };
                doc.relations.push(Relation {
                    id,
                    from: idv("from_id")?,
                    to: idv("to_id")?,
                    kind: field_str(r, "type").map_err(at)?.to_owned(),
                    ..Default::default()
                });
            }
        } else if let Some(triples) = triples {
            for (i, t) in triples.iter().enumerate() {
                let (s, e, l) = match t.as_array().map(Vec::as_slice) {
                    Some([s, e, l]) => (s, e, l),
                    _ => {
                        return Err(syntax(format!(
                            "\"label\" item {} must be a [start, end, label] triple, found {}",
                            i + 1,
                            describe(t)
                        )))
                    }
                };
                let what = format!("\"label\" item {}", i + 1);
                let l = match l {
                    Value::String(l) if !l.is_empty() => l,
                    other => {
                        return Err(syntax(format!(
                            "{what}: its third item, the label, must be a string that is not empty, found {}",
                            describe(other)
                        )))
                    }
                };
                let s = cp_of(file, n, &it, s, &format!("{what}: the start"))?;
                let e = cp_of(file, n, &it, e, &format!("{what}: the end"))?;
                let id = format!("a{}", doc.annotations.len() + 1);
                push(file, n, &mut doc, len, Annotation::new(&id, s, e, l))?;
            }
        }
        doc.validate()
            .map_err(|e| ImportError::invalid(file, e).at_line(n))?;
        docs.push(doc);
    }
    Ok(docs)
}

fn push(
    file: &str,
    n: usize,
    doc: &mut AnnotatedDocument,
    len: u32,
    a: Annotation,
) -> Result<(), ImportError> {
    crate::annotation::check_span(&a, len).map_err(|e| ImportError::invalid(file, e).at_line(n))?;
    ensure_label(&mut doc.labels, &a.label);
    doc.annotations.push(a);
    Ok(())
}
