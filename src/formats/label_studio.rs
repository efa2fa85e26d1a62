//! Label Studio JSON (export: "JSON"; import: "JSON" and "JSON_MIN").
//!
//! A task list: `[{"id", "data": {"text"}, "annotations": [{"result": [...]}]}]`.
//! A span is a result of `"type": "labels"` with
//! `"value": {"start", "end", "text", "labels": [...]}`; a relation is a
//! result of `"type": "relation"` between two region ids. Current Label
//! Studio counts `start`/`end` in **code points**, `\r\n` as two. Old
//! (2021) exports counted UTF-16 units; when a `value.text` only matches
//! that way, the refusal says so.
//!
//! Export: one task. A note goes in the region's `meta.text` (Label
//! Studio's region "meta" field), document labels in a `choices` result
//! (`from_name` `doc_label`). Not carried, and listed in
//! [`Exported::left_out`]: discontinuous spans (written one region per
//! piece), attributes, relation ids, per-span creation times (the
//! annotation's `created_at` is the earliest), label colours and keys.
//!
//! Import: every task is one document; a task with more than one
//! annotation (several annotators) is refused rather than merged. Every
//! `value.text` is checked against the text at the region's offsets;
//! a mismatch refuses the file. JSON_MIN (`[{"text", "<from_name>":
//! [{"start","end","text","labels"}]}]`) is read too.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::{
    check_quote, cut, describe, field_offset, label_value, line_of, line_of_path, opt_field_str,
    stem, wrong_field, Exported, ImportError, ImportErrorKind, LeftOut, Source, Step,
};
use crate::annotation::{
    check_span, ensure_label, quote_in, AnnotatedDocument, Annotation, Relation,
};
use crate::offsets::IndexedText;

/// Writes one task as a JSON list.
pub(crate) fn export(doc: &AnnotatedDocument, source: &Source<'_>) -> Exported {
    let text = source.text;
    let mut left = LeftOut::default();
    let mut result = Vec::new();
    let mut region_of: HashMap<&str, String> = HashMap::new();
    let mut split = 0;
    for a in &doc.annotations {
        let pieces = a.pieces();
        if pieces.len() > 1 {
            split += 1;
        }
        for (k, (s, e)) in pieces.into_iter().enumerate() {
            let rid = if k == 0 {
                a.id.clone()
            } else {
                format!("{}-{}", a.id, k + 1)
            };
            region_of
                .entry(a.id.as_str())
                .or_insert_with(|| rid.clone());
            let quote = quote_in(text, &Annotation::new("", s, e, "")).unwrap_or_default();
            let mut region = json!({
                "value": {"start": s, "end": e, "text": quote, "labels": [a.label]},
                "id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"
            });
            if let (Some(note), Some(o)) = (&a.note, region.as_object_mut()) {
                o.insert("meta".into(), json!({"text": [note]}));
            }
            result.push(region);
        }
    }
    for r in &doc.relations {
        if let (Some(f), Some(t)) = (region_of.get(r.from.as_str()), region_of.get(r.to.as_str())) {
            result.push(json!({"from_id": f, "to_id": t, "type": "relation", "direction": "right", "labels": [r.kind]}));
        }
    }
    if !doc.doc_labels.is_empty() {
        result.push(
            json!({"id": "doc", "from_name": "doc_label", "to_name": "text", "type": "choices",
            "value": {"choices": doc.doc_labels}}),
        );
    }
    let mut times: Vec<&str> = doc
        .annotations
        .iter()
        .map(|a| a.created.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    times.sort_unstable();
    times.dedup();
    let mut annotation =
        json!({"id": 1, "result": result, "was_cancelled": false, "ground_truth": false});
    if let (Some(first), Some(o)) = (times.first(), annotation.as_object_mut()) {
        o.insert("created_at".into(), (*first).into());
    }
    let task = json!([{"id": 1, "data": {"text": text.as_str()}, "annotations": [annotation], "predictions": [],
        "meta": {"name": doc.name}}]);
    left.count(
        split,
        "discontinuous annotations (each piece written as a region of its own)",
    );
    left.attributes(doc);
    // One time for the task: a span made at another time, or at none
    // given, comes back with the earliest.
    let untimed = doc.annotations.iter().any(|a| a.created.is_empty());
    left.when(
        times.len() > 1 || (times.len() == 1 && untimed),
        "per-span creation times (the annotation's created_at is the earliest)",
    );
    left.count(doc.relations.len(), "relation ids");
    left.count(
        doc.labels.iter().filter(|l| l.name != l.id).count(),
        "label names (labels are written by id)",
    );
    left.when(doc.has_legacy_encoding(), "the source encoding");
    let mut out = serde_json::to_string_pretty(&task).unwrap_or_default();
    out.push('\n');
    Exported {
        files: vec![(format!("{}.label-studio.json", stem(&doc.name)), out)],
        left_out: left.into_vec(),
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn id_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

struct Task<'a> {
    file: &'a str,
    content: &'a str,
    doc: AnnotatedDocument,
    text: IndexedText,
    /// Where the task is in the file: `[k]` in a task list, `[]` alone.
    path: Vec<Step<'a>>,
    /// The path of the result being read when it has no id of its own to
    /// find it by.
    here: Option<Vec<Step<'a>>>,
}

impl<'a> Task<'a> {
    fn line(&self, needle: &str) -> Option<usize> {
        line_of(self.content, &format!("\"{needle}\""))
    }

    /// `e` at the line of the result being read: found by its id `needle`,
    /// or by its path when it has none.
    fn at(&self, e: ImportError, needle: &str) -> ImportError {
        let line = match &self.here {
            Some(path) => line_of_path(self.content, path),
            None => self.line(needle),
        };
        match line {
            Some(l) => e.at_line(l),
            None => e,
        }
    }

    /// The path of `rest` inside this task.
    fn inside(&self, rest: &[Step<'a>]) -> Vec<Step<'a>> {
        self.path.iter().chain(rest).copied().collect()
    }

    /// The string `v[key]` of task `k` (0-based), empty when missing; `v`
    /// is at `within` in the task.
    fn task_str<'v>(
        &self,
        k: usize,
        within: &[Step<'a>],
        v: &'v Value,
        key: &'a str,
    ) -> Result<&'v str, ImportError> {
        match v.get(key) {
            None => Ok(""),
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(self.task_field(k, within, key, "a string", other)),
        }
    }

    /// A refusal of task `k` (0-based) whose `key`, in the object at
    /// `within` in the task, is not `expected`.
    fn task_field(
        &self,
        k: usize,
        within: &[Step<'a>],
        key: &'a str,
        expected: &str,
        found: &Value,
    ) -> ImportError {
        let m = wrong_field(key, expected, Some(found));
        let e = ImportError::new(
            self.file,
            ImportErrorKind::Syntax(format!("task {}: {m}", k + 1)),
        );
        let mut path = self.inside(within);
        path.push(Step::Key(key));
        e.at_path(self.content, &path)
    }

    /// A refusal of region `rid` saying `m`, at the region's line.
    fn bad(&self, rid: &str, m: &str) -> ImportError {
        self.at(
            ImportError::new(
                self.file,
                ImportErrorKind::Syntax(format!("region {}: {m}", cut(rid))),
            ),
            rid,
        )
    }

    /// One `labels` region (Full `value` or a JSON_MIN item).
    fn region(&mut self, rid: &str, value: &Value, created: &str) -> Result<(), ImportError> {
        if !value.is_object() {
            return Err(self.bad(
                rid,
                &wrong_field(
                    "value",
                    "an object {\"start\", \"end\", \"text\", \"labels\"}",
                    Some(value).filter(|v| !v.is_null()),
                ),
            ));
        }
        let offset = |k: &str| {
            field_offset(value, k).map_err(|m| {
                self.bad(
                    rid,
                    &format!(
                        "{m} (code points); a HyperText region (XPath offsets) is not supported"
                    ),
                )
            })
        };
        let (s, e) = (offset("start")?, offset("end")?);
        let labels = match value.get("labels") {
            Some(Value::Array(l)) if !l.is_empty() => l,
            other => {
                return Err(self.bad(
                    rid,
                    &wrong_field("labels", "a list of one or more labels", other),
                ))
            }
        };
        let quote = opt_field_str(value, "text").map_err(|m| self.bad(rid, &m))?;
        for (k, label) in labels.iter().enumerate() {
            let label =
                label_value(Some(label), &format!("labels[{k}]")).map_err(|m| self.bad(rid, &m))?;
            let id = if k == 0 {
                rid.to_owned()
            } else {
                format!("{rid}-{label}")
            };
            let mut a = Annotation::new(&id, s, e, label);
            a.created = created.to_owned();
            check_span(&a, self.text.len_cp() as u32)
                .map_err(|err| self.at(ImportError::invalid(self.file, err), rid))?;
            if let Some(quote) = quote {
                self.check(&a, quote, rid)?;
            }
            ensure_label(&mut self.doc.labels, label);
            self.doc.annotations.push(a);
        }
        Ok(())
    }

    fn check(&self, a: &Annotation, quote: &str, rid: &str) -> Result<(), ImportError> {
        let in_text = quote_in(&self.text, a).unwrap_or_default();
        // Label Studio's own tests store a newline as a literal backslash-n.
        if in_text.replace('\n', "\\n") == quote {
            return Ok(());
        }
        let err = match check_quote(self.file, &self.text, a, quote) {
            Ok(()) => return Ok(()),
            Err(e) => e,
        };
        let as_u16 = |x: u32| self.text.u16_to_cp(x as usize).ok();
        let old_units = match (as_u16(a.start), as_u16(a.end)) {
            (Some(s), Some(e)) => {
                let b = Annotation::new(&a.id, s as u32, e as u32, "");
                quote_in(&self.text, &b).as_deref() == Some(quote)
            }
            _ => false,
        };
        let err = if old_units {
            ImportError::new(
                self.file,
                ImportErrorKind::QuoteMismatch {
                    id: a.id.clone(),
                    start: a.start,
                    end: a.end,
                    in_file: quote.to_owned(),
                    in_text,
                    hint: Some("the offsets match if counted in UTF-16 units, as Label Studio exports before 2022 did: re-export from a current Label Studio".into()),
                    past_end_of: None,
                },
            )
            .with_span(a.start, a.end)
        } else {
            err
        };
        Err(self.at(err, if self.line(rid).is_some() { rid } else { quote }))
    }
}

/// A list of strings, or what it must be.
fn strings(v: &Value) -> Result<Vec<&str>, String> {
    let bad = || format!("must be a list of strings, found {}", describe(v));
    v.as_array()
        .ok_or_else(bad)?
        .iter()
        .map(|x| x.as_str().ok_or_else(bad))
        .collect()
}

fn task_text(task: &Value) -> Option<&str> {
    match task.get("data") {
        Some(data) => {
            str_of(data, "text").or_else(|| data.as_object()?.values().find_map(Value::as_str))
        }
        None => str_of(task, "text"),
    }
}

/// Reads every task as one document.
pub(crate) fn import_all(file: &str, content: &str) -> Result<Vec<AnnotatedDocument>, ImportError> {
    let root: Value =
        serde_json::from_str(content).map_err(|e| ImportError::json(file, content, &e))?;
    let tasks: Vec<&Value> = match &root {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let many = tasks.len() > 1;
    let listed = root.is_array();
    let mut docs = Vec::new();
    for (k, task) in tasks.into_iter().enumerate() {
        let text = task_text(task).ok_or_else(|| {
            ImportError::new(
                file,
                ImportErrorKind::WrongFormat(format!(
                    "task {} has no text (expected data.text, or text for JSON_MIN); is this a Label Studio export of a Text task?",
                    k + 1
                )),
            )
        })?;
        let name = if many {
            format!("{}-{}.txt", stem(file), k + 1)
        } else {
            format!("{}.txt", stem(file))
        };
        let mut t = Task {
            file,
            content,
            doc: AnnotatedDocument::new(&name, text),
            text: IndexedText::new(text),
            path: if listed {
                vec![Step::Index(k)]
            } else {
                Vec::new()
            },
            here: None,
        };
        if task.get("data").is_some() {
            // With their index among all, cancelled ones included.
            let anns: Vec<(usize, &Value)> = match task.get("annotations") {
                None => Vec::new(),
                Some(Value::Array(a)) => a
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.get("was_cancelled").and_then(Value::as_bool) != Some(true))
                    .collect(),
                Some(other) => return Err(t.task_field(k, &[], "annotations", "a list", other)),
            };
            if anns.len() > 1 {
                return Err(ImportError::new(
                    file,
                    ImportErrorKind::Syntax(format!(
                        "task {} has {} annotations (several annotators); biaozhu imports one: export a single annotator's work",
                        k + 1,
                        anns.len()
                    )),
                ));
            }
            if let Some(&(j, ann)) = anns.first() {
                let this = [Step::Key("annotations"), Step::Index(j)];
                let created = t.task_str(k, &this, ann, "created_at")?;
                let results = match ann.get("result") {
                    None => &Vec::new(),
                    Some(Value::Array(r)) => r,
                    Some(other) => {
                        return Err(t.task_field(k, &this, "result", "a list of regions", other))
                    }
                };
                let mut rels = Vec::new();
                for (i, r) in results.iter().enumerate() {
                    t.here = (!matches!(r.get("id"), Some(Value::String(_) | Value::Number(_))))
                        .then(|| {
                            t.inside(&[
                                Step::Key("annotations"),
                                Step::Index(j),
                                Step::Key("result"),
                                Step::Index(i),
                            ])
                        });
                    let rid = match r.get("id") {
                        None => format!("r{}", i + 1),
                        Some(id) => id_string(Some(id)).ok_or_else(|| {
                            t.bad(
                                &format!("{}", i + 1),
                                &wrong_field("id", "a string or a number", Some(id)),
                            )
                        })?,
                    };
                    let value = r.get("value").unwrap_or(&Value::Null);
                    let kind = r.get("type");
                    match kind.and_then(Value::as_str) {
                        Some("labels") => {
                            t.region(&rid, value, created)?;
                            let note = match r.get("meta").and_then(|m| m.get("text")) {
                                None => None,
                                Some(text) => Some(
                                    strings(text)
                                        .map_err(|m| t.bad(&rid, &format!("\"meta.text\" {m}")))?,
                                ),
                            };
                            if let Some(note) = note.and_then(|n| n.into_iter().next()) {
                                if let Some(a) =
                                    t.doc.annotations.iter_mut().rev().find(|a| a.id == rid)
                                {
                                    a.note = Some(note.to_owned());
                                }
                            }
                        }
                        Some("relation") => rels.push((i, r)),
                        Some("textarea") => {
                            let note = strings(value.get("text").unwrap_or(&Value::Null))
                                .map_err(|m| t.bad(&rid, &format!("\"value.text\" {m}")))?
                                .join("\n");
                            if let Some(a) = t.doc.annotations.iter_mut().find(|a| a.id == rid) {
                                a.note = Some(note);
                            }
                        }
                        Some("choices") => {
                            let choices = strings(value.get("choices").unwrap_or(&Value::Null))
                                .map_err(|m| t.bad(&rid, &format!("\"value.choices\" {m}")))?;
                            t.doc
                                .doc_labels
                                .extend(choices.into_iter().map(str::to_owned));
                        }
                        // Other result types (rating, taxonomy, number…)
                        // annotate no span: not read (README).
                        Some(_) => {}
                        None => {
                            return Err(t.bad(
                                &rid,
                                &wrong_field(
                                    "type",
                                    "a string such as \"labels\" or \"relation\"",
                                    kind,
                                ),
                            ))
                        }
                    }
                }
                t.here = None;
                for (i, (at, r)) in rels.into_iter().enumerate() {
                    // Relations have no id: point at the result (found only
                    // for a refusal, as the walk reads the whole file).
                    let bad = |m: String| {
                        ImportError::new(
                            file,
                            ImportErrorKind::Syntax(format!("relation {}: {m}", i + 1)),
                        )
                        .at_path(
                            content,
                            &t.inside(&[
                                Step::Key("annotations"),
                                Step::Index(j),
                                Step::Key("result"),
                                Step::Index(at),
                            ]),
                        )
                    };
                    let end = |key: &str| {
                        id_string(r.get(key))
                            .ok_or_else(|| bad(wrong_field(key, "the id of a region", r.get(key))))
                    };
                    let (mut from, mut to) = (end("from_id")?, end("to_id")?);
                    if str_of(r, "direction") == Some("left") {
                        std::mem::swap(&mut from, &mut to);
                    }
                    let kinds = match r.get("labels") {
                        None => Vec::new(),
                        Some(l) => strings(l).map_err(|m| bad(format!("\"labels\" {m}")))?,
                    };
                    t.doc.relations.push(Relation {
                        id: format!("r{}", i + 1),
                        from,
                        to,
                        kind: kinds.first().copied().unwrap_or("").to_owned(),
                        ..Default::default()
                    });
                }
            }
            if let Some(name) = task.get("meta").and_then(|m| str_of(m, "name")) {
                t.doc.name = name.to_owned();
            }
        } else {
            // JSON_MIN: spans under the Labels tag's from_name.
            let created = t.task_str(k, &[], task, "created_at")?;
            let obj = task.as_object().into_iter().flatten();
            let mut n = 0;
            for (from_name, v) in obj {
                let Some(items) = v.as_array() else { continue };
                if !items
                    .iter()
                    .all(|x| x.get("start").is_some() && x.get("end").is_some())
                {
                    continue;
                }
                for (i, item) in items.iter().enumerate() {
                    n += 1;
                    t.here = Some(t.inside(&[Step::Key(from_name), Step::Index(i)]));
                    t.region(&format!("a{n}"), item, created)?;
                }
            }
        }
        docs.push(t.doc);
    }
    Ok(docs)
}
