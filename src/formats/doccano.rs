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

use super::{stem, ExportError, Exported, ImportError, ImportErrorKind, LeftOut, Source};
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
            format!("{what} is {u}, not a non-negative integer"),
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

/// Reads every line as one document.
pub(crate) fn import_all(file: &str, content: &str) -> Result<Vec<AnnotatedDocument>, ImportError> {
    let lines = super::jsonl_lines(content);
    let many = lines.len() > 1;
    let mut docs = Vec::new();
    for (k, (n, line)) in lines.into_iter().enumerate() {
        let v: Value =
            serde_json::from_str(line).map_err(|e| ImportError::json(file, &e).at_line(n))?;
        let text = v.get("text").and_then(Value::as_str).ok_or_else(|| {
            ImportError::syntax(file, n, "no \"text\": a doccano line holds its text")
        })?;
        let name = if many {
            format!("{}-{}.txt", stem(file), k + 1)
        } else {
            format!("{}.txt", stem(file))
        };
        let mut doc = AnnotatedDocument::new(&name, text);
        let it = IndexedText::new(text);
        let len = it.len_cp() as u32;
        if let Some(entities) = v.get("entities").and_then(Value::as_array) {
            for e in entities {
                let id = match e.get("id") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Number(x)) => x.to_string(),
                    _ => format!("a{}", doc.annotations.len() + 1),
                };
                let label = e.get("label").and_then(Value::as_str).unwrap_or("");
                let s = cp_of(
                    file,
                    n,
                    &it,
                    e.get("start_offset").unwrap_or(&Value::Null),
                    "start_offset",
                )?;
                let en = cp_of(
                    file,
                    n,
                    &it,
                    e.get("end_offset").unwrap_or(&Value::Null),
                    "end_offset",
                )?;
                push(file, n, &mut doc, len, Annotation::new(&id, s, en, label))?;
            }
            for r in v
                .get("relations")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let idv = |k: &str| match r.get(k) {
                    Some(Value::String(s)) => s.clone(),
                    Some(x) => x.to_string(),
                    None => String::new(),
                };
                doc.relations.push(Relation {
                    id: idv("id"),
                    from: idv("from_id"),
                    to: idv("to_id"),
                    kind: r
                        .get("type")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned(),
                });
            }
        } else if let Some(triples) = v.get("label").and_then(Value::as_array) {
            for t in triples {
                let (s, e, l) = match t.as_array().map(Vec::as_slice) {
                    Some([s, e, Value::String(l)]) => (s, e, l),
                    _ => {
                        return Err(ImportError::syntax(
                            file,
                            n,
                            format!("label item {t} is not [start, end, \"LABEL\"]"),
                        ))
                    }
                };
                let s = cp_of(file, n, &it, s, "start")?;
                let e = cp_of(file, n, &it, e, "end")?;
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
