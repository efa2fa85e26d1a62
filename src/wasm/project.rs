//! Bindings for projects: a file of many documents read into the page's
//! state of each, and the page's documents written as one project file.
//!
//! What crosses is JSON text one way (one value for the whole project, not
//! one JS object per annotation) and bytes the other: a file's content comes
//! in as a `Uint8Array`, decoded here as every file is, and exported files go
//! out as `Uint8Array`s, as `Document.exportAs` gives them.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::formats::{export_to_js, format_named};
use super::text::Segmenter;
use super::{coded_err, js_err};
use crate::annotation::{AnnotatedDocument, Annotation, Label, Relation};
use crate::project::{Project, Status, Words};
use crate::suggest::record::SuggestionRecord;

/// One document as the page holds it: the page state of its text with its
/// status, its text's length in code points and SHA-256.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DocumentOut<'a> {
    name: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
    length_cp: u32,
    sha256: &'a str,
    status: Status,
    annotations: &'a [Annotation],
    relations: &'a [Relation],
    doc_labels: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProjectOut<'a> {
    name: &'a str,
    labels: &'a [Label],
    documents: Vec<DocumentOut<'a>>,
    #[serde(skip_serializing_if = "SuggestionRecord::is_empty")]
    suggestions: &'a SuggestionRecord,
    /// A biaozhu project file (of one document too): the page adds it to the
    /// project, with its statuses and record, rather than opening one text.
    project_file: bool,
}

/// Reads a file of one or many documents (a native project file, doccano
/// or Prodigy JSONL, a Label Studio task list, CoNLL with `-DOCSTART-`, a
/// brat ZIP, a W3C collection, or any one-document annotation file) from
/// its bytes, decoded as the page decodes files (`encoding` a WHATWG label
/// the person chose, or `None` to detect). `format` is a format name, or
/// `None` to tell it from the name and content. Returns one JSON text:
/// `{"name", "labels", "documents": [{"name", "text", "encoding"?,
/// "lengthCp", "sha256", "status", "annotations", "relations",
/// "docLabels"}], "suggestions"?, "projectFile"}` (`suggestions` a project
/// file's record of them: `{"mapping", "userDictionary", "rejected":
/// [{"document", "start", "end", "label"}]}`; `projectFile` whether the file
/// is a biaozhu project file, of one document too). A plain text is not read here: the page adds it itself.
/// Nothing is read unless every document is good; the error names the
/// file, the line and the entry or document.
#[wasm_bindgen(js_name = importDocuments)]
pub fn import_documents(
    file_name: &str,
    bytes: &[u8],
    format: Option<String>,
    encoding: Option<String>,
) -> Result<String, JsValue> {
    let format = format.as_deref().map(format_named).transpose()?;
    // Coded, so that the page says it in its own language (a list of files not added quotes it).
    let project = Project::import_bytes(file_name, bytes, format, encoding.as_deref())
        .map_err(|e| coded_err(&e.to_string(), e.code_and_args()))?;
    let out = ProjectOut {
        name: &project.name,
        labels: &project.labels,
        documents: project
            .documents
            .iter()
            .map(|d| DocumentOut {
                name: &d.doc.name,
                text: &d.doc.text,
                encoding: d.doc.source_encoding.as_deref(),
                length_cp: d.doc.len_cp(),
                sha256: &d.sha256,
                status: d.status,
                annotations: &d.doc.annotations,
                relations: &d.doc.relations,
                doc_labels: &d.doc.doc_labels,
            })
            .collect(),
        suggestions: &project.suggestions,
        // The page writes its project files in UTF-8; one in another encoding is read all the same, as one text.
        project_file: std::str::from_utf8(bytes)
            .is_ok_and(|t| crate::project::is_project_file(t.trim_start_matches('\u{feff}'))),
    };
    Ok(serde_json::to_string(&out).map_err(js_err)?)
}

/// The page's project: its name, label set and documents, each the page
/// state of one text (with the text) and its status.
#[derive(Deserialize)]
struct ProjectIn {
    #[serde(default)]
    name: String,
    #[serde(default)]
    labels: Vec<Label>,
    documents: Vec<DocumentIn>,
    #[serde(default)]
    suggestions: SuggestionRecord,
}

#[derive(Deserialize)]
struct DocumentIn {
    #[serde(default)]
    status: Status,
    #[serde(flatten)]
    doc: AnnotatedDocument,
}

/// [`Segmenter::export_project`] without a segmenter, for the formats that
/// write no words (all but Prodigy and `conll-word`, which then fail with
/// the core's "needs the words" message): the page need not wait for the
/// dictionary to export a native project file.
#[wasm_bindgen(js_name = exportProject)]
pub fn export_project(
    format: &str,
    project_json: &str,
    only: Option<String>,
) -> Result<JsValue, JsError> {
    export_with(format, project_json, only.as_deref(), &|_| None)
}

/// The page's project written as `format` with the words `words` gives.
fn export_with(
    format: &str,
    project_json: &str,
    only: Option<&str>,
    words: Words<'_>,
) -> Result<JsValue, JsError> {
    let format = format_named(format)?;
    let only =
        match only {
            None => None,
            Some(name) => Some(*Status::ALL.iter().find(|s| s.name() == name).ok_or_else(
                || {
                    JsError::new(&format!(
                        "unknown status {name:?}; known: new, progress, done, skipped"
                    ))
                },
            )?),
        };
    let given: ProjectIn = serde_json::from_str(project_json).map_err(|e| {
        JsError::new(&format!(
            "the page's project is not a project (this is a bug in the page): {e}"
        ))
    })?;
    let mut project = Project::new(&given.name);
    project.labels = given.labels;
    for d in given.documents {
        project.add(d.doc, d.status);
    }
    project.suggestions = given.suggestions;
    let out = project.export_files(format, only, words).map_err(js_err)?;
    export_to_js(out.files, out.left_out)
}

#[wasm_bindgen]
impl Segmenter {
    /// Writes the page's project `project_json` (`{"name", "labels",
    /// "documents": [{"name", "text", "encoding"?, "status", "annotations",
    /// "relations", "docLabels"}], "suggestions"?}`, `suggestions` as
    /// [`import_documents`] gives it) as `format`, in its multi-document
    /// form (brat: one ZIP of a folder of `.txt`/`.ann` pairs and an
    /// `annotation.conf`); `only` a status (`"done"`…) keeps the documents
    /// of that status. Prodigy and `conll-word` get the words of this
    /// segmenter. Returns `{files: [{name, content}], leftOut: [...]}`, each
    /// `content` a `Uint8Array`, as `Document.exportAs` does.
    #[wasm_bindgen(js_name = exportProject)]
    pub fn export_project(
        &self,
        format: &str,
        project_json: &str,
        only: Option<String>,
    ) -> Result<JsValue, JsError> {
        let words = |text: &str| Some(self.core().segment(text));
        export_with(format, project_json, only.as_deref(), &words)
    }
}
