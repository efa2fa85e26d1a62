//! Exchange formats, one file each: reading and writing an
//! [`AnnotatedDocument`].
//!
//! | format | name | offsets in the file |
//! | --- | --- | --- |
//! | [`native`] | `biaozhu` | code points, with the text, its SHA-256 and every quote |
//! | [`w3c`] | `w3c` | code points (`TextPositionSelector`) plus `TextQuoteSelector` |
//! | [`brat`] | `brat` | code points of the `.txt`, `\r` counted |
//! | [`doccano`] | `doccano` | **UTF-16 units**, converted through [`IndexedText`] |
//! | [`label_studio`] | `label-studio` | code points |
//! | [`prodigy`] | `prodigy` | code points, plus token indices (`token_end` inclusive) |
//! | [`conll`] | `conll-char`, `conll-word` | none: one token a line |
//!
//! Every import checks what the file says the annotated text is (a quote,
//! a hash, the text itself) against the text, and refuses a mismatch with an
//! [`ImportError`] naming the file, the line and the span; nothing is
//! imported then. Every export says in [`Exported::left_out`] what the
//! format could not carry.
//!
//! # Example
//!
//! ```
//! use biaozhu::annotation::{AnnotatedDocument, Annotation, Label};
//! use biaozhu::formats::{self, Format};
//!
//! let mut doc = AnnotatedDocument::new("libai.txt", "😀李白出生于碎叶城。");
//! doc.labels.push(Label::new("PER", "PER", "#e06c75", Some("1")));
//! doc.annotations.push(Annotation::new("a1", 1, 3, "PER"));
//!
//! let out = formats::export(Format::Native, &doc, None).unwrap();
//! let (file_name, content) = &out.files[0];
//! assert_eq!(file_name, "libai.biaozhu.json");
//!
//! let back = formats::import(Format::Native, file_name, content, None).unwrap();
//! assert_eq!(back, doc);
//! ```

use std::fmt;

use crate::annotation::{AnnotatedDocument, ValidationError};
use crate::document::Structure;
use crate::offsets::IndexedText;
use crate::segment::Segmentation;

pub mod brat;
pub mod conll;
pub mod doccano;
pub mod label_studio;
pub mod native;
pub mod prodigy;
pub mod w3c;

pub(crate) mod words;
pub use words::EXCERPT_CHARS;
pub(crate) use words::{
    cut, describe, excerpt, field_offset, field_str, label_value, line_of_path, opt_field_str,
    past_end, value_shape_message, wrong_field, Step,
};
use words::{json_path, plain_serde, shape_message, shortened};

/// The formats this crate reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `biaozhu`: this project's own JSON, lossless.
    Native,
    /// `w3c`: a W3C Web Annotation `AnnotationCollection` (JSON-LD).
    W3c,
    /// `brat`: brat standoff, `.txt` + `.ann`.
    Brat,
    /// `doccano`: doccano JSONL (UTF-16 offsets).
    Doccano,
    /// `label-studio`: Label Studio JSON (or JSON-MIN on import).
    LabelStudio,
    /// `prodigy`: Prodigy / spaCy JSONL with tokens.
    Prodigy,
    /// `conll-char`: one character a line, IOB2 tags.
    ConllChar,
    /// `conll-word`: one word (of our segmentation) a line, IOB2 tags.
    ConllWord,
}

impl Format {
    /// Every format, in the order of the README's table.
    pub const ALL: [Format; 8] = [
        Format::Native,
        Format::W3c,
        Format::Brat,
        Format::Doccano,
        Format::LabelStudio,
        Format::Prodigy,
        Format::ConllChar,
        Format::ConllWord,
    ];

    /// The name used on the command line and by the page.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "biaozhu",
            Format::W3c => "w3c",
            Format::Brat => "brat",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
            Format::Prodigy => "prodigy",
            Format::ConllChar => "conll-char",
            Format::ConllWord => "conll-word",
        }
    }

    /// The format with this [`name`](Format::name) (`native` is accepted
    /// for `biaozhu`).
    pub fn from_name(name: &str) -> Option<Format> {
        if name == "native" {
            return Some(Format::Native);
        }
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether the format keeps its text in another file, so that an import
    /// needs the text given beside it (brat's `.txt`, the document a W3C
    /// source names).
    pub fn needs_text(self) -> bool {
        matches!(self, Format::Brat | Format::W3c)
    }

    /// Whether an export needs the words of the text.
    pub fn needs_words(self) -> bool {
        matches!(self, Format::Prodigy | Format::ConllWord)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The files an export produced, and what it had to leave out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exported {
    /// `(file name, content)`; brat gives two (`.txt` and `.ann`).
    pub files: Vec<(String, String)>,
    /// What the format could not carry, e.g. `"3 overlapping annotations"`.
    pub left_out: Vec<String>,
}

/// A file that could not be imported; nothing was imported from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    span: Option<(u32, u32)>,
    kind: Box<ImportErrorKind>,
}

/// What is wrong with an imported file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportErrorKind {
    /// Not well-formed JSON (or a JSON value of the wrong shape).
    Json(String),
    /// A line or value the format does not allow.
    Syntax(String),
    /// Not a file of the format asked for.
    WrongFormat(String),
    /// A native file of a version this build does not read.
    UnknownVersion(String),
    /// The text in or beside the file is not the text the annotations were
    /// made on (hash, length).
    TextMismatch(String),
    /// A span's quote differs from the text at its offsets.
    QuoteMismatch {
        id: String,
        start: u32,
        end: u32,
        in_file: String,
        in_text: String,
        hint: Option<String>,
        /// The text's length in characters, when the span ends past it.
        past_end_of: Option<usize>,
    },
    /// The annotations break a rule of the model.
    Invalid(ValidationError),
    /// The format keeps the text in another file, and it was not given.
    NeedsText(String),
    /// The format could not be recognised from the file's name or content.
    Unrecognised,
}

impl ImportError {
    pub(crate) fn new(file: &str, kind: ImportErrorKind) -> ImportError {
        ImportError {
            file: file.to_owned(),
            line: None,
            column: None,
            span: None,
            kind: Box::new(kind),
        }
    }

    pub(crate) fn syntax(file: &str, line: usize, msg: impl Into<String>) -> ImportError {
        ImportError::new(file, ImportErrorKind::Syntax(msg.into())).at_line(line)
    }

    pub(crate) fn at_line(mut self, line: usize) -> ImportError {
        self.line = Some(line);
        self
    }

    /// At the line where the value at `path` starts in the JSON text
    /// `content`, when it is there.
    pub(crate) fn at_path(self, content: &str, path: &[Step<'_>]) -> ImportError {
        match line_of_path(content, path) {
            Some(l) => self.at_line(l),
            None => self,
        }
    }

    pub(crate) fn at_column(mut self, column: usize) -> ImportError {
        self.column = Some(column);
        self
    }

    pub(crate) fn with_span(mut self, start: u32, end: u32) -> ImportError {
        self.span = Some((start, end));
        self
    }

    /// A serde_json error reading `content`, with its line and column. A
    /// value of the wrong shape is said in the file's terms (the field's
    /// path, what it must be, what it is), never in serde's, which name
    /// Rust types and quote the whole offending value.
    pub(crate) fn json(file: &str, content: &str, e: &serde_json::Error) -> ImportError {
        let msg = e.to_string();
        // serde_json appends " at line L column C"; we say it in front.
        let msg = match msg.rfind(" at line ") {
            Some(i) => &msg[..i],
            None => msg.as_str(),
        };
        let kind = if e.classify() == serde_json::error::Category::Data {
            let mut path = json_path(content, e.line(), e.column());
            if path.is_empty() {
                // A JSONL line is read on its own.
                path = if content.trim_end().contains('\n') {
                    "the file"
                } else {
                    "the line"
                }
                .to_owned();
            }
            ImportErrorKind::Syntax(shape_message(&path, msg))
        } else {
            ImportErrorKind::Json(plain_serde(msg))
        };
        let mut err = ImportError::new(file, kind);
        if e.line() > 0 {
            err = err.at_line(e.line()).at_column(e.column());
        }
        err
    }

    /// A model rule broken by the imported annotations.
    pub(crate) fn invalid(file: &str, e: ValidationError) -> ImportError {
        let span = e.span();
        let e = shortened(e);
        let mut err = ImportError::new(file, ImportErrorKind::Invalid(e));
        err.span = span;
        err
    }

    /// The file named in the error.
    pub fn file(&self) -> &str {
        &self.file
    }
    /// The line (1-based) of the problem, when the format has lines.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
    /// The column (1-based), for JSON syntax errors.
    pub fn column(&self) -> Option<usize> {
        self.column
    }
    /// The span concerned, in code points.
    pub fn span(&self) -> Option<(u32, u32)> {
        self.span
    }
    /// What is wrong.
    pub fn kind(&self) -> &ImportErrorKind {
        &self.kind
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        f.write_str(": ")?;
        match &*self.kind {
            ImportErrorKind::Json(m) => write!(f, "not valid JSON: {m}"),
            ImportErrorKind::Syntax(m)
            | ImportErrorKind::WrongFormat(m)
            | ImportErrorKind::UnknownVersion(m)
            | ImportErrorKind::TextMismatch(m)
            | ImportErrorKind::NeedsText(m) => f.write_str(m),
            ImportErrorKind::QuoteMismatch {
                id,
                start,
                end,
                in_file,
                in_text,
                hint,
                past_end_of,
            } => {
                match past_end_of {
                    Some(len) => write!(
                        f,
                        "{}; the file quotes {}",
                        past_end(&format!("annotation {}", cut(id)), *start, *end, *len),
                        excerpt(in_file)
                    )?,
                    None => write!(
                        f,
                        "annotation {} at [{start}, {end}): the file quotes {} but the text there is {}; the annotations were made on a different text",
                        cut(id),
                        excerpt(in_file),
                        excerpt(in_text)
                    )?,
                }
                if let Some(h) = hint {
                    write!(f, " ({h})")?;
                }
                Ok(())
            }
            ImportErrorKind::Invalid(e) => write!(f, "{e}"),
            ImportErrorKind::Unrecognised => f.write_str(
                "cannot tell the format from the file's name or content; name it (biaozhu, w3c, brat, doccano, label-studio, prodigy, conll-char)",
            ),
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    /// A stable name for what is wrong and the values the message names, for
    /// a caller that says it in another language (the page's `error.<code>`
    /// messages). `at` is where (`":12"`, `":12:5"` or `""`); `detail`, when
    /// there is one, is the core's own English account of the problem.
    pub fn code_and_args(&self) -> (&'static str, serde_json::Value) {
        use serde_json::json;
        let at = match (self.line, self.column) {
            (Some(l), Some(c)) => format!(":{l}:{c}"),
            (Some(l), None) => format!(":{l}"),
            _ => String::new(),
        };
        let (code, detail) = match &*self.kind {
            ImportErrorKind::Json(m) => ("import.json", m.clone()),
            ImportErrorKind::Syntax(m) => ("import.syntax", m.clone()),
            ImportErrorKind::WrongFormat(m) => ("import.wrongFormat", m.clone()),
            ImportErrorKind::UnknownVersion(m) => ("import.unknownVersion", m.clone()),
            ImportErrorKind::TextMismatch(m) => ("import.textMismatch", m.clone()),
            ImportErrorKind::NeedsText(m) => ("import.needsText", m.clone()),
            ImportErrorKind::Invalid(e) => ("import.invalid", e.to_string()),
            // `detail` is the whole sentence; the parts are named too, for a
            // language that says it otherwise.
            ImportErrorKind::QuoteMismatch {
                id,
                start,
                end,
                in_file,
                in_text,
                hint,
                past_end_of,
            } => {
                let code = match past_end_of {
                    Some(_) => "import.quotePastEnd",
                    None => "import.quoteMismatch",
                };
                return (
                    code,
                    json!({
                        "file": self.file, "at": at, "detail": self.to_string(),
                        "id": cut(id), "start": start, "end": end,
                        "inFile": excerpt(in_file), "inText": excerpt(in_text),
                        "length": past_end_of.unwrap_or(0), "hint": hint.clone().unwrap_or_default(),
                    }),
                );
            }
            ImportErrorKind::Unrecognised => ("import.unrecognised", String::new()),
        };
        (
            code,
            json!({ "file": self.file, "at": at, "detail": detail }),
        )
    }
}

/// A document that cannot be exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportError {
    kind: ExportErrorKind,
}

/// Why an export failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportErrorKind {
    /// The document breaks a rule of the model.
    Invalid(ValidationError),
    /// The format needs the words of the text and none were given.
    NeedsWords(Format),
    /// The words given do not fit the text.
    BadWords(String),
    /// The format cannot export at all (e.g. nothing to write).
    Unsupported(String),
}

impl ExportError {
    pub(crate) fn new(kind: ExportErrorKind) -> ExportError {
        ExportError { kind }
    }
    /// Why the export failed.
    pub fn kind(&self) -> &ExportErrorKind {
        &self.kind
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExportErrorKind::Invalid(e) => write!(f, "cannot export: {e}"),
            ExportErrorKind::NeedsWords(fm) => write!(
                f,
                "cannot export {fm}: it needs the words of the text; segment the text first"
            ),
            ExportErrorKind::BadWords(m) => write!(f, "cannot export: {m}"),
            ExportErrorKind::Unsupported(m) => write!(f, "cannot export: {m}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// Guesses a file's format from its name and its first characters. A plain
/// `.txt` that is not CoNLL gives `None` (it is a text, not annotations).
pub fn detect(file_name: &str, content: &str) -> Option<Format> {
    let lower = file_name.to_ascii_lowercase();
    let body = content.trim_start_matches('\u{feff}').trim_start();
    if lower.ends_with(".ann") {
        return Some(Format::Brat);
    }
    if body.starts_with('{') || body.starts_with('[') {
        if let Some(f) = detect_json(body) {
            return Some(f);
        }
    }
    conll::looks_like_conll(content)
}

/// [`detect`], except that a file that must be JSON (its name ends in
/// `.json` or `.jsonl`, or it starts with `{` or `[`) and is not well-formed
/// is refused with where and why, rather than said to be of no known format.
///
/// ```
/// use biaozhu::formats::{detect_checked, Format};
///
/// let ok = r#"{"text": "北京", "label": [[0, 2, "LOC"]]}"#;
/// assert_eq!(detect_checked("a.jsonl", ok).unwrap(), Some(Format::Doccano));
/// let cut = r#"{"text": "北京", "label": [[0, 2, "LOC"]"#;
/// let e = detect_checked("a.json", cut).unwrap_err();
/// assert!(e.to_string().starts_with("a.json:1:"), "{e}");
/// assert!(e.to_string().contains("not valid JSON"), "{e}");
/// assert_eq!(detect_checked("notes.txt", "北京").unwrap(), None);
/// assert_eq!(detect_checked("news.txt", "[新华社]北京电").unwrap(), None);
/// ```
pub fn detect_checked(file_name: &str, content: &str) -> Result<Option<Format>, ImportError> {
    if let Some(f) = detect(file_name, content) {
        return Ok(Some(f));
    }
    let lower = file_name.to_ascii_lowercase();
    let body = content.trim_start_matches('\u{feff}').trim_start();
    let jsonl = lower.ends_with(".jsonl");
    // A text may start with a bracket ([新华社]): only a file not named a text is taken for JSON by its first character.
    let named_json = jsonl || lower.ends_with(".json");
    let looks_json = !lower.ends_with(".txt") && (body.starts_with('{') || body.starts_with('['));
    if !(named_json || looks_json) {
        return Ok(None);
    }
    // JSONL is checked line by line (the first bad one is named), JSON whole.
    let lines: Vec<(usize, &str)> = if jsonl {
        content
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .collect()
    } else {
        vec![(0, content.trim_start_matches('\u{feff}'))]
    };
    for (at, line) in lines {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(line) {
            let err = ImportError::json(file_name, line, &e);
            return Err(if at > 0 { err.at_line(at + 1) } else { err });
        }
    }
    Ok(None)
}

fn detect_json(body: &str) -> Option<Format> {
    // A whole JSON value, or else the first line of JSONL.
    let value: serde_json::Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(_) => serde_json::from_str(body.lines().next()?).ok()?,
    };
    let first = match &value {
        serde_json::Value::Array(items) => items.first()?,
        v => v,
    };
    let obj = first.as_object()?;
    if obj.get("format").and_then(|f| f.as_str()) == Some("biaozhu") {
        return Some(Format::Native);
    }
    if obj.contains_key("@context")
        || matches!(
            obj.get("type").and_then(|t| t.as_str()),
            Some("AnnotationCollection" | "Annotation" | "AnnotationPage")
        )
    {
        return Some(Format::W3c);
    }
    if obj.contains_key("data") && obj.contains_key("annotations") {
        return Some(Format::LabelStudio);
    }
    if obj.contains_key("tokens") || obj.contains_key("spans") || obj.contains_key("_input_hash") {
        return Some(Format::Prodigy);
    }
    if obj.contains_key("entities") || obj.get("label").is_some_and(|l| l.is_array()) {
        // doccano's label is a list of triples; JSON-MIN's a list of objects.
        let objects = obj
            .get("label")
            .and_then(|l| l.as_array())
            .and_then(|l| l.first())
            .is_some_and(|x| x.is_object());
        return Some(if objects {
            Format::LabelStudio
        } else {
            Format::Doccano
        });
    }
    if matches!(value, serde_json::Value::Array(_)) && obj.contains_key("text") {
        return Some(Format::LabelStudio);
    }
    None
}

/// Reads a file of `format` that holds one document. `text` is the
/// document's text for formats that keep it elsewhere (brat's `.txt`, or
/// the original text for CoNLL, whose whitespace is lost); formats that
/// carry the text ignore it.
///
/// Everything the file says about the text is checked against it first;
/// on any mismatch nothing is imported. A file with several documents
/// (JSONL, a Label Studio task list) is refused: see [`import_all`].
pub fn import(
    format: Format,
    file_name: &str,
    content: &str,
    text: Option<&str>,
) -> Result<AnnotatedDocument, ImportError> {
    let mut docs = import_all(format, file_name, content, text)?;
    match docs.len() {
        1 => Ok(docs.remove(0)),
        0 => Err(ImportError::new(
            file_name,
            ImportErrorKind::Syntax("the file holds no document".into()),
        )),
        n => Err(ImportError::new(
            file_name,
            ImportErrorKind::Syntax(format!(
                "the file holds {n} documents; biaozhu opens one at a time: split the file (one line or task each)"
            )),
        )),
    }
}

/// Reads every document of a file (one for most formats; one a line for
/// doccano and Prodigy JSONL; one a task for Label Studio; one after each
/// `-DOCSTART-` line for CoNLL read without its text). Such a file of
/// several documents names them `{stem}-{k}.txt`, `k` counting from 1 in
/// file order (Prodigy and Label Studio keep a task's `meta.name`); one of
/// one document names it `{stem}.txt`.
pub fn import_all(
    format: Format,
    file_name: &str,
    content: &str,
    text: Option<&str>,
) -> Result<Vec<AnnotatedDocument>, ImportError> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let docs = match format {
        Format::Native => vec![native::import(file_name, content)?],
        Format::W3c => vec![w3c::import(file_name, content, text)?],
        Format::Brat => vec![brat::import(file_name, content, text)?],
        Format::Doccano => doccano::import_all(file_name, content)?,
        Format::LabelStudio => label_studio::import_all(file_name, content)?,
        Format::Prodigy => prodigy::import_all(file_name, content)?,
        // Without the text, `-DOCSTART-` lines part the documents.
        Format::ConllChar | Format::ConllWord => match text {
            Some(_) => vec![conll::import(file_name, content, text)?],
            None => crate::project::conll_documents(file_name, content)?,
        },
    };
    for (i, doc) in docs.iter().enumerate() {
        // The page and the decoder refuse such a text too: biaozhu never holds
        // a document it could not write as a file and read back.
        if doc.text.chars().all(char::is_whitespace) {
            let which = if docs.len() > 1 {
                format!("document {}: ", i + 1)
            } else {
                String::new()
            };
            let what = if doc.text.is_empty() {
                "empty"
            } else {
                "only white space"
            };
            return Err(ImportError::new(
                file_name,
                ImportErrorKind::Syntax(format!(
                    "{which}the text is {what}: there is nothing to annotate"
                )),
            ));
        }
        doc.validate()
            .map_err(|e| ImportError::invalid(file_name, e))?;
    }
    Ok(docs)
}

/// The text an export is written for, indexed and hashed once: by the live
/// [`Document`](crate::document::Document), which did so when it was
/// opened, or by [`export`] for a document given whole. Exporters read the
/// text from here, never from [`AnnotatedDocument::text`].
pub(crate) struct Source<'a> {
    pub(crate) text: &'a IndexedText,
    /// SHA-256 of the text's UTF-8.
    pub(crate) digest: [u8; 32],
    /// Its paragraphs and sentences, when they were found already.
    pub(crate) structure: Option<&'a Structure>,
}

impl<'a> Source<'a> {
    /// The source of a text given whole, hashed here.
    pub(crate) fn hashing(text: &'a IndexedText) -> Source<'a> {
        let mut digest = crate::hash::Sha256Hex::new();
        digest.update(text.as_str());
        Source {
            text,
            digest: digest.finish_bytes(),
            structure: None,
        }
    }

    fn len_cp(&self) -> u32 {
        self.text.len_cp() as u32
    }
}

/// Writes `doc` as `format`. Prodigy and word-level CoNLL need the words
/// of the text (its [`Segmentation`]): pass them, or, natively, pass `None`
/// and the embedded jieba dictionary finds them (built once, on first use).
/// In the browser `None` is an error: the page's document holds its words.
pub fn export(
    format: Format,
    doc: &AnnotatedDocument,
    words: Option<&Segmentation>,
) -> Result<Exported, ExportError> {
    let text = IndexedText::new(doc.text.as_str());
    export_on(format, doc, &Source::hashing(&text), words)
}

/// [`export`] of the annotations of `doc` on the text of `source`.
pub(crate) fn export_on(
    format: Format,
    doc: &AnnotatedDocument,
    source: &Source<'_>,
    words: Option<&Segmentation>,
) -> Result<Exported, ExportError> {
    doc.validate_on(source.len_cp())
        .map_err(|e| ExportError::new(ExportErrorKind::Invalid(e)))?;
    let found;
    let words = match words {
        Some(w) => Some(w),
        None if format.needs_words() => {
            found = own_words(source.text.as_str());
            found.as_ref()
        }
        None => None,
    };
    let need = || match words {
        Some(w) => w
            .check(source.len_cp())
            .map(|()| w)
            .map_err(|e| ExportError::new(ExportErrorKind::BadWords(e.to_string()))),
        None => Err(ExportError::new(ExportErrorKind::NeedsWords(format))),
    };
    let mut out = match format {
        Format::Native => native::export(doc, source),
        Format::W3c => w3c::export(doc, source),
        Format::Brat => brat::export(doc, source),
        Format::Doccano => doccano::export(doc, source)?,
        Format::LabelStudio => label_studio::export(doc, source),
        Format::Prodigy => prodigy::export(doc, source, need()?)?,
        Format::ConllChar => conll::export_char(doc, source),
        Format::ConllWord => conll::export_word(doc, source, need()?)?,
    };
    // Only the native file has a place for a relation's note and attributes;
    // CoNLL, which drops relations whole, has said so already.
    if !matches!(
        format,
        Format::Native | Format::ConllChar | Format::ConllWord
    ) {
        let n = doc
            .relations
            .iter()
            .filter(|r| r.note.is_some() || !r.attributes.is_empty())
            .count();
        match n {
            0 => {}
            1 => out
                .left_out
                .push("the note and attributes of 1 relation".to_owned()),
            n => out
                .left_out
                .push(format!("the notes and attributes of {n} relations")),
        }
    }
    Ok(out)
}

/// Natively, the words of `text` from the embedded dictionary (built once,
/// on first use); in the browser there is none, and the page passes its own.
#[cfg(not(target_arch = "wasm32"))]
fn own_words(text: &str) -> Option<Segmentation> {
    static SEGMENTER: std::sync::OnceLock<crate::segment::Segmenter> = std::sync::OnceLock::new();
    Some(
        SEGMENTER
            .get_or_init(crate::segment::Segmenter::embedded)
            .segment(text),
    )
}

#[cfg(target_arch = "wasm32")]
fn own_words(_text: &str) -> Option<Segmentation> {
    None
}

/// `name` without its last extension: `a/b/demo.txt` → `demo`.
pub(crate) fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(i) if i > 0 => base[..i].to_owned(),
        _ if base.is_empty() => "document".to_owned(),
        _ => base.to_owned(),
    }
}

/// The hex SHA-256 of a text's exact UTF-8, as exports carry it (one
/// function for the whole crate: [`crate::hash`]).
pub use crate::hash::sha256_hex;

/// Checks a quote found in a file against the text at `[start, end)` (or
/// the fragments), giving the error the import returns on a mismatch.
pub(crate) fn check_quote(
    file: &str,
    text: &IndexedText,
    a: &crate::annotation::Annotation,
    in_file: &str,
) -> Result<(), ImportError> {
    let found = crate::annotation::quote_in(text, a);
    if found.as_deref() == Some(in_file) {
        return Ok(());
    }
    let hint = newline_hint(text.as_str(), a, in_file);
    Err(ImportError::new(
        file,
        ImportErrorKind::QuoteMismatch {
            id: a.id.clone(),
            start: a.start,
            end: a.end,
            in_file: in_file.to_owned(),
            past_end_of: found.is_none().then(|| text.len_cp()),
            in_text: found.unwrap_or_default(),
            hint,
        },
    )
    .with_span(a.start, a.end))
}

/// When the quote is found a few characters later in the text, and the text
/// has bare `\n` line ends, the file was most likely made on a CRLF copy (brat
/// counts `\r`); say so.
fn newline_hint(text: &str, a: &crate::annotation::Annotation, in_file: &str) -> Option<String> {
    if text.contains('\n') && !text.contains("\r\n") {
        let crlf = text.replace('\n', "\r\n");
        let crlf = IndexedText::new(crlf);
        if crate::annotation::quote_in(&crlf, a).as_deref() == Some(in_file) {
            return Some(
                "the offsets match if the text has CRLF (\\r\\n) line ends: the annotations were made on a CRLF copy of this text, which brat counts as two characters per line end; use that copy".to_owned(),
            );
        }
    }
    if text.contains("\r\n") {
        let lf = IndexedText::new(text.replace("\r\n", "\n"));
        if crate::annotation::quote_in(&lf, a).as_deref() == Some(in_file) {
            return Some(
                "the offsets match if the text has LF (\\n) line ends: the annotations were made on an LF copy of this text; use that copy".to_owned(),
            );
        }
    }
    None
}

/// Words given as interleaved code point pairs (`start, end, start, end…`)
/// turned into a [`Segmentation`] of `text`, for the exports that need
/// words. Pairs must ascend, not overlap and lie in the text (the rule of
/// [`check_tokens`](crate::segment::check_tokens)).
pub fn words_from_pairs(text: &str, pairs: &[u32]) -> Result<Segmentation, ExportError> {
    use crate::segment::{check_tokens, is_han, tokens_from_pairs, WordKind};
    let bad =
        |e: crate::segment::WordsError| ExportError::new(ExportErrorKind::BadWords(e.to_string()));
    let text = IndexedText::new(text);
    let mut words = tokens_from_pairs(pairs, |_, _| Ok(WordKind::Symbol)).map_err(bad)?;
    check_tokens(&words, 0, text.len_cp() as u32).map_err(bad)?;
    let dense = text.dense();
    let mut boundaries = Vec::with_capacity(pairs.len());
    for w in &mut words {
        let piece = dense.slice(w.start as usize, w.end as usize);
        w.kind = if piece.chars().any(is_han) {
            WordKind::Han
        } else if piece.chars().any(char::is_alphanumeric) {
            WordKind::Other
        } else {
            WordKind::Symbol
        };
        if boundaries.last() != Some(&w.start) {
            boundaries.push(w.start);
        }
        boundaries.push(w.end);
    }
    Ok(Segmentation {
        words,
        subword_boundaries: boundaries,
    })
}

/// The 1-based line of the first occurrence of `needle` in `content`, to
/// point at a record in a JSON file.
pub(crate) fn line_of(content: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    content
        .find(needle)
        .map(|at| content[..at].matches('\n').count() + 1)
}

/// The non-blank lines of a JSONL file, with their 1-based line numbers.
pub(crate) fn jsonl_lines(content: &str) -> Vec<(usize, &str)> {
    content
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect()
}

/// Collects what an export could not carry, as counted phrases.
#[derive(Default)]
pub(crate) struct LeftOut(Vec<String>);

impl LeftOut {
    /// Adds `"{n} {what}"` when `n > 0`; `what` is the plural phrase.
    /// For one, the first plural noun of `what` becomes singular.
    pub(crate) fn count(&mut self, n: usize, what: &str) {
        match n {
            0 => {}
            1 => {
                const PLURALS: [&str; 7] = [
                    "annotations",
                    "relations",
                    "notes",
                    "times",
                    "ids",
                    "names",
                    "labels",
                ];
                let first = PLURALS
                    .iter()
                    .filter_map(|p| what.find(p).map(|at| (at, p.len())))
                    .min();
                let one = match first {
                    Some((at, len)) => format!("{}{}", &what[..at + len - 1], &what[at + len..]),
                    None => what.to_owned(),
                };
                self.0.push(format!("1 {one}"));
            }
            _ => self.0.push(format!("{n} {what}")),
        }
    }
    /// Adds a phrase when `cond` holds.
    pub(crate) fn when(&mut self, cond: bool, what: &str) {
        if cond {
            self.0.push(what.to_owned());
        }
    }
    /// Annotations' notes, when the format has no place for them.
    pub(crate) fn notes(&mut self, doc: &AnnotatedDocument) {
        self.count(
            doc.annotations.iter().filter(|a| a.note.is_some()).count(),
            "notes",
        );
    }
    /// Annotations' attributes, when the format has no place for them.
    pub(crate) fn attributes(&mut self, doc: &AnnotatedDocument) {
        self.count(
            doc.annotations
                .iter()
                .filter(|a| !a.attributes.is_empty())
                .count(),
            "annotations with attributes",
        );
    }
    /// Annotations' creation times, when the format has no place for them.
    pub(crate) fn creation_times(&mut self, doc: &AnnotatedDocument) {
        self.count(
            doc.annotations
                .iter()
                .filter(|a| !a.created.is_empty())
                .count(),
            "creation times",
        );
    }
    /// The document-level things most exchange formats cannot carry.
    /// (Label colours and keys are the page's settings, not counted.)
    pub(crate) fn document_extras(&mut self, doc: &AnnotatedDocument) {
        self.count(doc.doc_labels.len(), "document labels");
        self.count(
            doc.labels.iter().filter(|l| l.name != l.id).count(),
            "label names (labels are written by id)",
        );
        self.when(doc.has_legacy_encoding(), "the source encoding");
    }
    pub(crate) fn into_vec(self) -> Vec<String> {
        self.0
    }
}
