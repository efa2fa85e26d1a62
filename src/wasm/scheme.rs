//! Bindings for a label scheme on its own (see `crate::scheme`): a scheme
//! file read into the page's `{labels, relations, attributes, docLabels}`
//! JSON, and that JSON written as a file.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::coded_err;
use crate::scheme::{self, SchemeFile, SchemeFormat};

/// Reads a scheme file (native JSON, brat `annotation.conf`, or a Label
/// Studio labeling config, told apart by content) into one JSON string
/// `{labels, relations, attributes, docLabels}`; throws naming the file and
/// what is wrong (code `scheme.notAScheme` for a file of none of the three
/// formats, else `scheme.unreadable`; args `{file, detail}`).
#[wasm_bindgen(js_name = importScheme)]
pub fn import_scheme(file_name: &str, content: &str) -> Result<String, JsValue> {
    let file = scheme::read_scheme(file_name, content).map_err(|e| {
        let args = serde_json::json!({ "file": file_name, "detail": e });
        let code = if e == format!("{file_name}: {}", scheme::NOT_A_SCHEME) {
            "scheme.notAScheme"
        } else {
            "scheme.unreadable"
        };
        coded_err(&e, (code, args))
    })?;
    serde_json::to_string(&file).map_err(|e| JsError::new(&e.to_string()).into())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Written {
    name: &'static str,
    content: String,
    left_out: Vec<String>,
}

/// Writes the page's scheme JSON as `format` (`biaozhu`, `brat`,
/// `label-studio`): `{name, content, leftOut}`, `leftOut` naming what the
/// format cannot hold.
#[wasm_bindgen(js_name = exportScheme)]
pub fn export_scheme(format: &str, scheme_json: &str) -> Result<JsValue, JsError> {
    let format = SchemeFormat::from_name(format).ok_or_else(|| {
        JsError::new(&format!(
            "unknown scheme format {format:?}; known: biaozhu, brat, label-studio"
        ))
    })?;
    let file: SchemeFile = serde_json::from_str(scheme_json).map_err(|e| {
        JsError::new(&format!(
            "the page's scheme is not a scheme (this is a bug in the page): {e}"
        ))
    })?;
    let (content, left_out) = scheme::write_scheme(format, &file);
    let out = Written {
        name: format.file_name(),
        content,
        left_out,
    };
    serde_wasm_bindgen::to_value(&out).map_err(|e| JsError::new(&e.to_string()))
}
