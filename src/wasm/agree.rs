//! Bindings for the review dialog: the agreement of the open document with
//! other annotators' files of the same text, and the gold document a
//! reviewer's choices make of it.
//!
//! Each side crosses as `{"name", "state"}`, `state` a page state (the
//! serialized [`AnnotatedDocument`], text included); the first side is the
//! open document, the reference. κ over words is left out (`null`): the
//! page's segmenter lives in its worker, and a dictionary built here only
//! for this would cost the page seconds to compare a few spans.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::js_err;
use crate::agree::{self, Choice, Disagreement, Report, Side};
use crate::annotation::AnnotatedDocument;
use crate::segment::Segmenter;

#[derive(Deserialize)]
struct SideIn {
    name: String,
    state: AnnotatedDocument,
}

fn parse_sides(sides_json: &str) -> Result<Vec<SideIn>, JsError> {
    let sides: Vec<SideIn> = serde_json::from_str(sides_json).map_err(|e| {
        JsError::new(&format!(
            "the sides to compare are not a list of {{name, state}} (this is a bug in the page): {e}"
        ))
    })?;
    let Some((first, rest)) = sides.split_first() else {
        return Err(JsError::new(
            "nothing to compare: no annotator's file was given",
        ));
    };
    if rest.is_empty() {
        return Err(JsError::new(
            "nothing to compare: choose at least one other annotator's file",
        ));
    }
    // Compared by SHA-256 a file of another text would only be "unmatched"
    // with every figure 0; the reviewer is told which file it is instead.
    if let Some(other) = rest.iter().find(|s| s.state.text != first.state.text) {
        return Err(JsError::new(&format!(
            "{} is not of this text ({}): it cannot be compared with it",
            other.name, first.name
        )));
    }
    Ok(sides)
}

fn report_of(sides: &[SideIn]) -> Result<Report, JsError> {
    let list: Vec<Side> = sides
        .iter()
        .map(|s| Side::new(&s.name, &[], vec![&s.state]))
        .collect();
    let no_words = Segmenter::builder().finish().map_err(js_err)?;
    let mut report = agree::compare_with(&list, &no_words);
    report.overall.kappa_words = None;
    Ok(report)
}

#[derive(Serialize)]
struct ReportOut<'a> {
    #[serde(flatten)]
    report: &'a Report,
    /// Every disagreement of the first two sides, in text order.
    diff: &'a [Disagreement],
}

/// The agreement of the sides (`[{name, state}]`, the open document first,
/// all of one text) as one JSON object: the `biaozhu agree --json` report
/// (`overall`, `labels`, `disagreements` counts…) with `diff`, every
/// disagreement of the first two sides (`kind`, and `reference` and
/// `candidate` as `{id, start, end, label, quote}` or `null`), in code
/// points.
#[wasm_bindgen(js_name = agreeStates)]
pub fn agree_states(sides_json: &str) -> Result<String, JsError> {
    let sides = parse_sides(sides_json)?;
    let report = report_of(&sides)?;
    serde_json::to_string(&ReportOut {
        report: &report,
        diff: &report.diff,
    })
    .map_err(js_err)
}

fn choice_named(name: &str, at: usize) -> Result<Choice, JsError> {
    match name {
        "mine" => Ok(Choice::Reference),
        "theirs" => Ok(Choice::Candidate),
        "both" => Ok(Choice::Both),
        "neither" => Ok(Choice::Neither),
        other => Err(JsError::new(&format!(
            "choice {} is {other:?}; a choice is \"mine\", \"theirs\", \"both\" or \"neither\"",
            at + 1
        ))),
    }
}

/// The settled state of the first side (the open document) against the
/// second: its spans that both sides agree on, and of each disagreement of
/// [`agree_states`]' `diff`, in order, what `choices_json` keeps (`"mine"`,
/// `"theirs"`, `"both"` or `"neither"`, one a disagreement). Returns the
/// page state JSON.
#[wasm_bindgen(js_name = goldState)]
pub fn gold_state(sides_json: &str, choices_json: &str) -> Result<String, JsError> {
    let sides = parse_sides(sides_json)?;
    let report = report_of(&sides)?;
    let names: Vec<String> = serde_json::from_str(choices_json)
        .map_err(|e| JsError::new(&format!("the choices are not a list of names: {e}")))?;
    if names.len() != report.diff.len() {
        return Err(JsError::new(&format!(
            "{} choices for {} disagreements: settle each one, nothing changed",
            names.len(),
            report.diff.len()
        )));
    }
    let choices = names
        .iter()
        .enumerate()
        .map(|(i, n)| choice_named(n, i))
        .collect::<Result<Vec<_>, _>>()?;
    let diff: Vec<&Disagreement> = report.diff.iter().collect();
    let (reference, candidate) = match sides.as_slice() {
        [r, c, ..] => (&r.state, &c.state),
        _ => return Err(JsError::new("nothing to settle: two sides are needed")),
    };
    let settled = agree::gold(reference, candidate, &diff, |i| {
        choices.get(i).copied().unwrap_or(Choice::Reference)
    });
    serde_json::to_string(&settled).map_err(js_err)
}

#[derive(Deserialize)]
struct LayerIn {
    name: String,
    documents: Vec<AnnotatedDocument>,
}

/// The agreement of a project's layers (`[{name, documents: [state]}]`,
/// each state with its text; two or more layers, the first the reference)
/// as one JSON object: the `biaozhu agree --json` report over every
/// document all layers share, `per_document` (`document`, `sha256`,
/// `overall`, `labels`, `disagreements` of each), and `unmatched` naming
/// each document some layer lacks, with the layers that have it. κ over words is left out, as in
/// [`agree_states`].
#[wasm_bindgen(js_name = agreeProject)]
pub fn agree_project(layers_json: &str) -> Result<String, JsError> {
    let layers: Vec<LayerIn> = serde_json::from_str(layers_json).map_err(|e| {
        JsError::new(&format!(
            "the layers are not a list of {{name, documents}} (this is a bug in the page): {e}"
        ))
    })?;
    if layers.len() < 2 {
        return Err(JsError::new(
            "nothing to compare: a project needs two annotators' layers or more",
        ));
    }
    let sides: Vec<Side> = layers
        .iter()
        .map(|l| Side::new(&l.name, &[], l.documents.iter().collect()))
        .collect();
    let no_words = Segmenter::builder().finish().map_err(js_err)?;
    let mut report = agree::compare_project(&sides, &no_words);
    report.report.overall.kappa_words = None;
    for d in &mut report.per_document {
        d.overall.kappa_words = None;
    }
    serde_json::to_string(&report).map_err(js_err)
}
