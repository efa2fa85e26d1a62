//! Bindings for the packed dictionary file (see `crate::dict`).

use wasm_bindgen::prelude::*;

use super::js_err;
use super::text::Segmenter;
use crate::dict::{DictReader, PackedDict};

/// The dictionary file as fetched (gunzipped), checked once. It gives a
/// `Segmenter` (of every entry, or of those one text needs), or the text
/// one is built from, made a step at a time:
///
/// ```js
/// const dict = new PackedDictionary(bytes);
/// if (!dict.buildFor(text)) dict.buildAll();   // a long text needs every entry
/// while (!dict.step(20000));
/// const segmenter = dict.takeSegmenter();
/// // or: readAll / readFor, then `new Segmenter(dict.take())` from the lines
/// ```
#[wasm_bindgen]
pub struct PackedDictionary {
    inner: DictReader,
}

#[wasm_bindgen]
impl PackedDictionary {
    /// Takes the file's bytes; throws if they are not a packed dictionary.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> Result<PackedDictionary, JsError> {
        let dict = PackedDict::parse(bytes).map_err(js_err)?;
        Ok(PackedDictionary {
            inner: DictReader::new(dict),
        })
    }

    /// Whether `bytes` are a packed dictionary rather than jieba's text format.
    #[wasm_bindgen(js_name = isPacked)]
    pub fn is_packed(bytes: &[u8]) -> bool {
        PackedDict::is_packed(bytes)
    }

    /// The parts of speech the file keeps (names, places, organisations),
    /// `word tag` a line; empty for a file packed without them.
    #[wasm_bindgen(js_name = partsOfSpeech)]
    pub fn parts_of_speech(&self) -> Result<String, JsError> {
        self.inner.dict().parts_of_speech().map_err(js_err)
    }

    /// Starts reading every entry.
    #[wasm_bindgen(js_name = readAll)]
    pub fn read_all(&mut self) {
        self.inner.read_all();
    }

    /// Starts reading only the entries segmenting `text` can use, so that a
    /// `Segmenter` built from them gives `text` the words the whole dictionary
    /// gives, sooner; false (and nothing started) when `text` is too long for
    /// that to pay.
    #[wasm_bindgen(js_name = readFor)]
    pub fn read_for(&mut self, text: &str) -> bool {
        self.inner.read_for(text)
    }

    /// Starts building a segmenter of every entry, for `takeSegmenter`:
    /// the entries go straight into its index, with no lines written and
    /// read back as `readAll` and `new Segmenter` do.
    #[wasm_bindgen(js_name = buildAll)]
    pub fn build_all(&mut self) {
        self.inner.build_all();
    }

    /// `readFor`, building a segmenter of the entries `text` can use.
    #[wasm_bindgen(js_name = buildFor)]
    pub fn build_for(&mut self, text: &str) -> bool {
        self.inner.build_for(text)
    }

    /// Reads up to `entries` more; true when the reading is done.
    pub fn step(&mut self, entries: usize) -> Result<bool, JsError> {
        self.inner.step(entries).map_err(js_err)
    }

    /// What was read, in jieba's text format (UTF-8 bytes for `new
    /// Segmenter`); `undefined` if the entries `text` needs could not be
    /// picked (read them all instead).
    pub fn take(&mut self) -> Option<Vec<u8>> {
        self.inner.take().map(String::into_bytes)
    }

    /// The segmenter `buildAll` or `buildFor` began, once `step` is done;
    /// `undefined` as `take` gives it. Throws if an entry could not be taken.
    #[wasm_bindgen(js_name = takeSegmenter)]
    pub fn take_segmenter(&mut self) -> Result<Option<Segmenter>, JsError> {
        let segmenter = self.inner.take_segmenter().map_err(js_err)?;
        Ok(segmenter.map(Segmenter::from))
    }
}
