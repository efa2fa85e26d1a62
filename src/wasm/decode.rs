//! Bindings for decoding bytes to text.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{coded_err, js_err};
use crate::decode::{self, ENCODING_CHOICES};

/// Decodes a file's bytes (a `Uint8Array`) to text. `encoding` is a WHATWG
/// label chosen by the person (`"gbk"`, `"big5"`…), or `undefined`/`null` to
/// detect. Returns one object `{text, encoding, bom, detected, replaced,
/// warnings}`; throws an `Error` whose message says why the file is refused
/// ("looks like a PDF document…"), with its `code` and `args` (`DecodeError::code_and_args`).
#[wasm_bindgen(js_name = decodeBytes)]
pub fn decode_bytes(bytes: &[u8], encoding: Option<String>) -> Result<JsValue, JsValue> {
    let decoded = decode::decode(bytes, encoding.as_deref())
        .map_err(|e| coded_err(&e.to_string(), e.code_and_args()))?;
    decoded
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_err(e).into())
}

/// The encodings the page offers in its chooser, most likely first:
/// an array of `{label, name, description}`; pass `label` to `decodeBytes`,
/// and `name` is what `decodeBytes` reports as `encoding`.
#[wasm_bindgen(js_name = encodingLabels)]
pub fn encoding_labels() -> Result<JsValue, JsError> {
    ENCODING_CHOICES
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_err)
}
