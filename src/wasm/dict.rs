//! Bindings for the packed dictionary file (see `crate::dict`).

use wasm_bindgen::prelude::*;

use super::js_err;
use super::text::Segmenter;
use crate::dict::{Lines, PackedDict};
use crate::segment::{self, SegmenterBuilder};

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
    dict: PackedDict,
    reading: Option<Reading>,
}

/// What the entries being read go to.
enum Reading {
    Lines(Lines),
    Segmenter(Lines<SegmenterBuilder>),
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
        self.reading = Some(Reading::Lines(Lines::all(&self.dict)));
    }

    /// Starts reading only the entries segmenting `text` can use, so that a
    /// `Segmenter` built from them gives `text` the words the whole dictionary
    /// gives, sooner; false (and nothing started) when `text` is too long for
    /// that to pay.
    #[wasm_bindgen(js_name = readFor)]
    pub fn read_for(&mut self, text: &str) -> bool {
        self.reading = Lines::picked(&self.dict, text).map(Reading::Lines);
        self.reading.is_some()
    }

    /// Starts building a segmenter of every entry, for `takeSegmenter`:
    /// the entries go straight into its index, with no lines written and
    /// read back as `readAll` and `new Segmenter` do.
    #[wasm_bindgen(js_name = buildAll)]
    pub fn build_all(&mut self) {
        let out = segment::Segmenter::builder();
        self.reading = Some(Reading::Segmenter(Lines::all_into(out)));
    }

    /// `readFor`, building a segmenter of the entries `text` can use.
    #[wasm_bindgen(js_name = buildFor)]
    pub fn build_for(&mut self, text: &str) -> bool {
        let out = segment::Segmenter::builder();
        self.reading = Lines::picked_into(&self.dict, text, out).map(Reading::Segmenter);
        self.reading.is_some()
    }

    /// Reads up to `entries` more; true when the reading is done.
    pub fn step(&mut self, entries: usize) -> Result<bool, JsError> {
        match &mut self.reading {
            Some(Reading::Lines(lines)) => lines.step(&self.dict, entries),
            Some(Reading::Segmenter(lines)) => lines.step(&self.dict, entries),
            None => {
                return Err(JsError::new(
                    "nothing is being read: call readAll, readFor, buildAll or buildFor first",
                ))
            }
        }
        .map_err(js_err)
    }

    /// What was read, in jieba's text format (UTF-8 bytes for `new
    /// Segmenter`); `undefined` if the entries `text` needs could not be
    /// picked (read them all instead).
    pub fn take(&mut self) -> Option<Vec<u8>> {
        match self.reading.take()? {
            Reading::Lines(lines) => lines.finish().map(String::into_bytes),
            building => {
                self.reading = Some(building);
                None
            }
        }
    }

    /// The segmenter `buildAll` or `buildFor` began, once `step` is done;
    /// `undefined` as `take` gives it. Throws if an entry could not be taken.
    #[wasm_bindgen(js_name = takeSegmenter)]
    pub fn take_segmenter(&mut self) -> Result<Option<Segmenter>, JsError> {
        let lines = match self.reading.take() {
            Some(Reading::Segmenter(lines)) => lines,
            other => {
                self.reading = other;
                return Ok(None);
            }
        };
        match lines.finish() {
            Some(builder) => Ok(Some(builder.finish().map_err(js_err)?.into())),
            None => Ok(None),
        }
    }
}
