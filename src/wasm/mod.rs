//! The page's entry points: the one module with `#[wasm_bindgen]` items,
//! built for `wasm32` only.
//!
//! It converts types and calls the core, nothing else. Bulk data crosses as
//! typed arrays (`Uint32Array` of interleaved `start, end` pairs) or as one
//! serialized value, never one JS object per token; a gesture's span
//! (`snap`, `snapCp`, `widen`, `wordAt`) is one small named object,
//! `{startCp, endCp, startU16, endU16}` (and `cut` for a snap), or
//! `undefined`. Errors become `JsError`
//! with a message a person can act on; nothing here panics on input.
//! Each file below holds the bindings of one part of the core.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod agree;
mod decode;
mod dict;
mod formats;
mod project;
mod scheme;
mod suggest;
mod text;

pub use agree::{agree_project, agree_states, gold_state};
pub use decode::{decode_bytes, encoding_labels};
pub use dict::PackedDictionary;
pub use formats::import_file;
pub use project::{export_project, import_documents};
pub use scheme::{export_scheme, import_scheme};
pub use suggest::{Suggester, Words};
pub use text::{Document, DocumentBuilder, Segmented, Segmenter};

use wasm_bindgen::{JsError, JsValue};

/// Any core error, as a `JsError` carrying its message.
pub(crate) fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A core error the page says in its own language: a JS `Error` whose
/// message is the core's (English, as the CLI says it), with a stable `code`
/// and its `args` as a JSON object (`error.<code>` in www/js/i18n).
pub(crate) fn coded_err(message: &str, (code, args): (&str, serde_json::Value)) -> JsValue {
    let e = JsValue::from(js_sys::Error::new(message));
    // Setting a property of an Error just made cannot fail; were it to, the message alone still says it.
    let _ = js_sys::Reflect::set(&e, &JsValue::from_str("code"), &JsValue::from_str(code));
    let _ = js_sys::Reflect::set(
        &e,
        &JsValue::from_str("args"),
        &JsValue::from_str(&args.to_string()),
    );
    e
}
