//! Bindings for the exchange formats: the page's state goes in and comes out
//! as JSON text (one value, not one JS object per annotation); exported
//! files come out as bytes.
//!
//! The state is `{"name","text","labels":[{"id","name","color","key"}],
//! "annotations":[{"id","start","end","label","created","fragments"?,
//! "attributes"?,"note"?}],"relations":[{"id","from","to","kind"}],
//! "docLabels":[],"encoding"?}`, offsets in code points: the serialized
//! [`AnnotatedDocument`].

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::text::Document;
use super::{coded_err, js_err};
use crate::annotation::AnnotatedDocument;
use crate::formats::{self, Format};

fn parse_state(state_json: &str) -> Result<AnnotatedDocument, JsError> {
    serde_json::from_str(state_json).map_err(|e| {
        JsError::new(&format!(
            "the page state is not a document (this is a bug in the page): {e}"
        ))
    })
}

impl Document {
    /// The export of the page state as `format`, on this document's text
    /// and words.
    fn export(&self, format: Format, state_json: &str) -> Result<formats::Exported, JsError> {
        let marks = parse_state(state_json)?;
        self.core().export(format, &marks).map_err(js_err)
    }
}

pub(super) fn format_named(name: &str) -> Result<Format, JsError> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        JsError::new(&format!(
            "unknown format {name:?}; known formats: {}",
            names.join(", ")
        ))
    })
}

/// Reads a file and returns the page state JSON of the document in it.
/// `format` is a format name, or `None` to detect it from the name and
/// content. `companion_text` is the text for formats that keep it in
/// another file (brat's `.txt`).
#[wasm_bindgen(js_name = importFile)]
pub fn import_file(
    file_name: &str,
    content: &str,
    format: Option<String>,
    companion_text: Option<String>,
) -> Result<String, JsValue> {
    let format = match format.as_deref() {
        Some(name) => format_named(name)?,
        None => formats::detect_checked(file_name, content)
            .map_err(|e| coded_err(&e.to_string(), e.code_and_args()))?
            .ok_or_else(|| {
                JsError::new(&format!(
                    "{file_name}: cannot tell which format this file is in; choose one"
                ))
            })?,
    };
    let doc = formats::import(format, file_name, content, companion_text.as_deref())
        .map_err(|e| coded_err(&e.to_string(), e.code_and_args()))?;
    // The text's length in code points goes with it, so that the page checks
    // the state against it without counting the text itself.
    serde_json::to_string(&Imported {
        length_cp: doc.len_cp(),
        doc: &doc,
    })
    .map_err(|e| js_err(e).into())
}

#[derive(Serialize)]
struct Imported<'a> {
    #[serde(flatten)]
    doc: &'a AnnotatedDocument,
    #[serde(rename = "lengthCp")]
    length_cp: u32,
}

#[derive(Serialize)]
struct FileOut {
    name: String,
    content: Bytes,
}

/// A file's bytes (a text's UTF-8), handed to the page as a `Uint8Array`
/// (one copy) that goes into a `Blob` as it is: as a string it would be
/// decoded to UTF-16 here and encoded back to UTF-8 by the `Blob`, which
/// for a 15 MB export took longer than writing it.
struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportOut {
    files: Vec<FileOut>,
    left_out: Vec<String>,
}

/// An export as the page takes it: `{files: [{name, content}], leftOut:
/// [...]}`, each `content` a `Uint8Array`.
pub(super) fn export_to_js(
    files: impl IntoIterator<Item = (String, Vec<u8>)>,
    left_out: Vec<String>,
) -> Result<JsValue, JsError> {
    let out = ExportOut {
        files: files
            .into_iter()
            .map(|(name, content)| FileOut {
                name,
                content: Bytes(content),
            })
            .collect(),
        left_out,
    };
    // json_compatible alone would write bytes as a plain Array of numbers.
    let to_js = serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false);
    out.serialize(&to_js).map_err(js_err)
}

#[wasm_bindgen]
impl Document {
    /// Exports the page state `state_json` (without its text: this
    /// document's text, SHA-256 and words are used) as `format`: `{files:
    /// [{name, content}], leftOut: [...]}`, each `content` the file's UTF-8
    /// as a `Uint8Array`. Prodigy and `conll-word` need the words
    /// (`setWords` or `appendWords` and `finishWords`).
    #[wasm_bindgen(js_name = exportAs)]
    pub fn export_as(&self, format: &str, state_json: &str) -> Result<JsValue, JsError> {
        let format = format_named(format)?;
        let out = self.export(format, state_json)?;
        let files = out.files.into_iter().map(|(n, c)| (n, c.into_bytes()));
        export_to_js(files, out.left_out)
    }

    /// The native JSON export (with quotes and the text's SHA-256) of the
    /// page state `state_json`, without its text as for `exportAs`.
    #[wasm_bindgen(js_name = exportNative)]
    pub fn export_native(&self, state_json: &str) -> Result<String, JsError> {
        self.export(Format::Native, state_json)?
            .files
            .into_iter()
            .next()
            .map(|(_, content)| content)
            .ok_or_else(|| JsError::new("the native export produced no file"))
    }
}

/// The format a file is in, by its name and content, or `undefined` when
/// it cannot be told (the page then asks the person to choose); a file
/// that must be JSON and is not well-formed is refused with where and why.
#[wasm_bindgen(js_name = detectFormat)]
pub fn detect_format(file_name: &str, content: &str) -> Result<Option<String>, JsValue> {
    let found = formats::detect_checked(file_name, content)
        .map_err(|e| coded_err(&e.to_string(), e.code_and_args()))?;
    Ok(found.map(|f| f.name().to_owned()))
}

/// Whether a format keeps its text in another file, so that an import needs
/// the text given beside it (brat's `.txt`, the document a W3C source names).
#[wasm_bindgen(js_name = formatNeedsText)]
pub fn format_needs_text(format: &str) -> Result<bool, JsError> {
    Ok(format_named(format)?.needs_text())
}
