//! # biaozhu (标注): the core of an in-browser annotator for Chinese text
//!
//! This crate is everything the annotator knows about text, with no browser
//! in it: it builds and is tested natively, and a thin [`wasm`] module hands
//! it to the page. The same core serves the command line.
//!
//! - [`offsets`]: positions in code points, UTF-16 units and bytes, and the
//!   one place that converts between them. **Every position this crate
//!   returns is a code point index, half-open `[start, end)`,** unless its
//!   name ends in `_u16` or `_byte`.
//! - [`segment`]: words of a whole document (jieba-rs for Han text, whole
//!   words for Cyrillic, Latin, full-width and emoji runs) and the finer
//!   sub-word boundaries.
//! - [`document`]: paragraphs and sentences.
//! - [`snap`]: from a rough drag to the span a person meant.
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

pub mod annotation;
pub mod decode;
pub mod dict;
pub mod document;
pub mod formats;
pub mod hash;
pub mod offsets;
pub mod segment;
pub mod snap;
pub mod wasm;
