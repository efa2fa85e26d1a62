//! # biaozhu (标注): the core of an in-browser annotator for Chinese text
//!
//! This crate is everything the annotator knows about text, with no browser
//! in it: it builds and is tested natively, and a thin `wasm` module, built
//! for the `wasm32` target only (with wasm-bindgen, js-sys and
//! serde-wasm-bindgen, which the native build does not pull in), hands it to
//! the page: it converts types and calls the core, nothing else. The same
//! core serves the command line.
//!
//! - [`offsets`]: positions in code points, UTF-16 units and bytes, and the
//!   only place that converts between them: every other module asks an
//!   [`IndexedText`](offsets::IndexedText) (or its dense byte index) rather
//!   than counting characters itself. **Every position this crate returns
//!   is a code point index, half-open `[start, end)`,** unless its name ends
//!   in `_u16` or `_byte`.
//! - [`segment`]: words of a whole document (jieba-rs for Han text, whole
//!   words for Cyrillic, Latin, full-width and emoji runs) and the finer
//!   sub-word boundaries.
//! - [`document`]: one open text: the live [`Document`](document::Document)
//!   (text, paragraphs and sentences, SHA-256, words, snapping, validation
//!   and export of the annotations made on it).
//! - [`annotation`]: the annotations, labels and relations, and their rules.
//! - [`agree`]: how far annotators agree (span F1, κ, α) and where they differ.
//! - [`labels`]: the rule for a usable label (id, name, colour, key), the
//!   page's too, and how an import is made to follow it.
//! - [`formats`]: the exchange formats.
//! - [`project`]: many documents under one label set, with their status,
//!   and the formats' multi-document files.
//! - [`snap`]: from a rough drag to the span a person meant.
//! - [`suggest`]: spans proposed to the annotator (dictionary, repeats of
//!   labelled strings, a tagger learnt from the annotations).
//!
//! # Example
//!
//! ```
//! use biaozhu::{offsets::IndexedText, segment::Segmenter};
//!
//! let text = IndexedText::new("😀习近平同普京会晤");
//! let seg = Segmenter::embedded().segment(text.as_str());
//! let first_word = seg.words[1];
//! assert_eq!((first_word.start, first_word.end), (1, 4)); // 习近平, in code points
//! // The page needs UTF-16: 😀 is two units there.
//! assert_eq!(text.cp_to_u16(first_word.start as usize).unwrap(), 2);
//! ```

pub mod agree;
pub mod annotation;
pub mod decode;
pub mod dict;
pub mod document;
pub mod formats;
pub mod hash;
pub mod labels;
pub mod offsets;
pub mod project;
pub mod scheme;
pub mod segment;
pub mod snap;
pub mod suggest;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
