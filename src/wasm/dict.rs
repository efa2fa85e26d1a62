//! Bindings for the packed dictionary file (see `crate::dict`).

use wasm_bindgen::prelude::*;

use super::js_err;
use crate::dict::{Lines, PackedDict};

/// The dictionary file as fetched (gunzipped), checked once. It gives the
/// text a `Segmenter` is built from (every entry, or those one text needs),
/// made a step at a time:
///
/// ```js
/// const dict = new PackedDictionary(bytes);
/// if (!dict.readFor(text)) dict.readAll();   // a long text needs every entry
/// while (!dict.step(20000));
/// const segmenter = new Segmenter(dict.take());
/// ```
#[wasm_bindgen]
pub struct PackedDictionary {
    dict: PackedDict,
    reading: Option<Lines>,
}

#[wasm_bindgen]
impl PackedDictionary {
    /// Takes the file's bytes; throws if they are not a packed dictionary.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> Result<PackedDictionary, JsError> {
        let dict = PackedDict::parse(bytes).map_err(js_err)?;
        Ok(PackedDictionary {
            dict,
            reading: None,
        })
    }

    /// Whether `bytes` are a packed dictionary rather than jieba's text format.
    #[wasm_bindgen(js_name = isPacked)]
    pub fn is_packed(bytes: &[u8]) -> bool {
        PackedDict::is_packed(bytes)
    }

    /// Starts reading every entry.
    #[wasm_bindgen(js_name = readAll)]
    pub fn read_all(&mut self) {
        self.reading = Some(Lines::all(&self.dict));
    }

    /// Starts reading only the entries segmenting `text` can use, so that a
    /// `Segmenter` built from them gives `text` the words the whole dictionary
    /// gives, sooner; false (and nothing started) when `text` is too long for
    /// that to pay.
    #[wasm_bindgen(js_name = readFor)]
    pub fn read_for(&mut self, text: &str) -> bool {
        self.reading = Lines::picked(&self.dict, text);
        self.reading.is_some()
    }

    /// Reads up to `entries` more; true when the reading is done.
    pub fn step(&mut self, entries: usize) -> Result<bool, JsError> {
        let lines = self
            .reading
            .as_mut()
            .ok_or_else(|| JsError::new("nothing is being read: call readAll or readFor first"))?;
        lines.step(&self.dict, entries).map_err(js_err)
    }

    /// What was read, in jieba's text format (UTF-8 bytes for `new
    /// Segmenter`); `undefined` if the entries `text` needs could not be
    /// picked (read them all instead).
    pub fn take(&mut self) -> Option<Vec<u8>> {
        self.reading
            .take()
            .and_then(Lines::finish)
            .map(String::into_bytes)
    }
}
