//! A project: many documents under one label set, each with its status, and
//! the multi-document forms of the exchange formats.
//!
//! People who annotate build data sets, not single articles; the formats
//! they hand to training code hold a whole corpus in one file. A
//! [`Project`] reads and writes those files:
//!
//! | format | one file holding every document |
//! | --- | --- |
//! | `biaozhu` | the native project JSON (`"format": "biaozhu-project"`), lossless, with each document's status |
//! | `doccano`, `prodigy` | JSONL, one document a line |
//! | `label-studio` | a JSON list of tasks |
//! | `conll-char`, `conll-word` | each document after a `-DOCSTART-` line |
//! | `w3c` | one `AnnotationCollection` of every annotation, each target's `source` its text's `ni:` hash, every text in `bz:documents` |
//! | `brat` | one ZIP of a folder of `.txt`/`.ann` pairs and an `annotation.conf` ([`Project::export_files`]) |
//!
//! Documents are told apart by the SHA-256 of their text: adding a text the
//! project holds already is recognised, not duplicated.
//!
//! # Example
//!
//! ```
//! use biaozhu::annotation::{AnnotatedDocument, Annotation, Label};
//! use biaozhu::formats::Format;
//! use biaozhu::project::{Project, Status};
//!
//! let mut project = Project::new("news");
//! project.labels.push(Label::new("PER", "人物", "#e6550d", Some("1")));
//! let mut a = AnnotatedDocument::new("a.txt", "李白出生于碎叶城。");
//! a.annotations.push(Annotation::new("a1", 0, 2, "PER"));
//! assert!(project.add(a, Status::Done));
//! assert!(project.add(AnnotatedDocument::new("b.txt", "杜甫。"), Status::New));
//! // The same text again is the same document.
//! assert!(!project.add(AnnotatedDocument::new("copy.txt", "杜甫。"), Status::New));
//!
//! let out = project.export(Format::Doccano, None).unwrap();
//! assert_eq!(out.lines().count(), 2);
//! let back = Project::import(Format::Doccano, "news.jsonl", &out).unwrap();
//! assert_eq!(back.documents.len(), 2);
//! assert_eq!(back.documents[0].doc.annotations[0].end, 2);
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::annotation::{AnnotatedDocument, Label};
use crate::formats::{self, ExportError, ExportErrorKind, Format, ImportError, ImportErrorKind};
use crate::hash::sha256_hex;
use crate::segment::Segmentation;
use crate::suggest::record::SuggestionRecord;

/// How far a document's annotation has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not opened yet.
    #[default]
    New,
    /// Opened, and annotated or being annotated.
    Progress,
    /// Marked done by the annotator.
    Done,
    /// Left out on purpose (a duplicate, off topic).
    Skipped,
}

impl Status {
    /// Every status, in the order of a document's life.
    pub const ALL: [Status; 4] = [Status::New, Status::Progress, Status::Done, Status::Skipped];

    /// The name used in files, on the command line and in the page's
    /// `data-status`.
    pub fn name(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Progress => "progress",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }
}

/// One document of a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectDocument {
    /// Its text, name and annotations; its labels are the project's.
    pub doc: AnnotatedDocument,
    /// How far it has got.
    pub status: Status,
    /// SHA-256 of the text (hex), which identifies it in the project.
    pub sha256: String,
}

/// Documents under one label set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    /// What a person calls it.
    pub name: String,
    /// The one label set every document uses.
    pub labels: Vec<Label>,
    /// The documents, in the order they were added.
    pub documents: Vec<ProjectDocument>,
    /// What the page's suggestions keep: the mapping, the user dictionary
    /// and the rejected suggestions. Only the native project file carries it.
    pub suggestions: SuggestionRecord,
}

/// The native project file's name for format checks.
pub const FORMAT_NAME: &str = "biaozhu-project";
/// The largest file of documents [`Project::import_bytes`] reads: 256 MiB.
/// A project's export of the 50 MB of text the page is built for takes up
/// to about 120 MB (W3C, with each annotation's quote and context); one text
/// stays under [`crate::decode::MAX_BYTES`].
pub const MAX_PROJECT_BYTES: usize = 256 * 1024 * 1024;
/// The version of the native project file this build writes.
pub const VERSION: u64 = 1;

#[derive(Serialize, Deserialize)]
struct FileShape {
    format: String,
    version: u64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    labels: Vec<Label>,
    documents: Vec<DocumentShape>,
    #[serde(default, skip_serializing_if = "SuggestionRecord::is_empty")]
    suggestions: SuggestionRecord,
}

/// One document in the project file: a native document file without its
/// `format`, `version` and `labels` (the project's), plus its status.
#[derive(Serialize, Deserialize)]
struct DocumentShape {
    #[serde(default)]
    status: Status,
    #[serde(flatten)]
    native: serde_json::Map<String, Value>,
}

impl Project {
    /// An empty project.
    pub fn new(name: &str) -> Project {
        Project {
            name: name.to_owned(),
            ..Project::default()
        }
    }

    /// Adds `doc` unless the project holds its text already (same SHA-256),
    /// and says whether it was added. Its labels join the project's (by id).
    pub fn add(&mut self, mut doc: AnnotatedDocument, status: Status) -> bool {
        let sha256 = sha256_hex(&doc.text);
        if self.documents.iter().any(|d| d.sha256 == sha256) {
            return false;
        }
        for l in doc.labels.drain(..) {
            join_label(&mut self.labels, l);
        }
        self.documents.push(ProjectDocument {
            doc,
            status,
            sha256,
        });
        true
    }

    /// The document whose text has this SHA-256.
    pub fn document(&self, sha256: &str) -> Option<&ProjectDocument> {
        self.documents.iter().find(|d| d.sha256 == sha256)
    }

    /// The document with the project's labels, as the single-document
    /// formats want it.
    fn with_labels(&self, d: &ProjectDocument) -> AnnotatedDocument {
        let mut doc = d.doc.clone();
        doc.labels = self.labels.clone();
        doc
    }

    /// The documents `only` keeps (all when `None`).
    fn chosen(&self, only: Option<Status>) -> impl Iterator<Item = &ProjectDocument> {
        self.documents
            .iter()
            .filter(move |d| only.is_none_or(|s| d.status == s))
    }

    /// One document's single-document export, with the words `words` gives
    /// for the formats that need them; an error names the document.
    fn export_one(
        &self,
        format: Format,
        d: &ProjectDocument,
        words: Words<'_>,
    ) -> Result<formats::Exported, ExportError> {
        let given = if format.needs_words() {
            words(&d.doc.text)
        } else {
            None
        };
        formats::export(format, &self.with_labels(d), given.as_ref()).map_err(|e| {
            let why = e.to_string();
            let why = why.strip_prefix("cannot export: ").unwrap_or(&why);
            ExportError::new(ExportErrorKind::Unsupported(format!(
                "{}: {why}",
                d.doc.name
            )))
        })
    }

    /// Writes every document as one file of `format` (see the module's
    /// table); `only` keeps the documents of one status. brat keeps each
    /// text in a file of its own: see [`Project::export_files`] for its ZIP.
    /// Prodigy and `conll-word` segment with the embedded dictionary.
    pub fn export(&self, format: Format, only: Option<Status>) -> Result<String, ExportError> {
        self.one_file(format, only, &|_| None)
            .map(|(content, _)| content)
    }

    /// Writes the documents `only` keeps as files of `format`: one file of
    /// its multi-document form, or for brat one ZIP of a folder of
    /// `.txt`/`.ann` pairs with an `annotation.conf` of the label set.
    /// `words` gives the words of a text for Prodigy and `conll-word`;
    /// where it gives `None`, natively the embedded dictionary finds them,
    /// and in the browser the export fails (the worker passes its own).
    pub fn export_files(
        &self,
        format: Format,
        only: Option<Status>,
        words: Words<'_>,
    ) -> Result<ProjectExport, ExportError> {
        let base = file_base(&self.name);
        if format == Format::Brat {
            return self.brat_zip(&base, only);
        }
        let (content, left) = self.one_file(format, only, words)?;
        let mut left_out = merge_left_out(left);
        if format != Format::Native {
            left_out.extend(self.suggestions_of(only).left_out());
        }
        Ok(ProjectExport {
            files: vec![(format!("{base}{}", suffix(format)), content.into_bytes())],
            left_out,
        })
    }

    /// The record of suggestions of the documents `only` keeps.
    fn suggestions_of(&self, only: Option<Status>) -> SuggestionRecord {
        let kept: HashSet<&str> = self.chosen(only).map(|d| d.sha256.as_str()).collect();
        self.suggestions.for_documents(|sha| kept.contains(sha))
    }

    /// The one-file form of `format`, and each document's name with what
    /// its export left out.
    fn one_file(
        &self,
        format: Format,
        only: Option<Status>,
        words: Words<'_>,
    ) -> Result<(String, LeftOutByDocument), ExportError> {
        let mut left = Vec::new();
        let mut one = |d: &ProjectDocument| -> Result<String, ExportError> {
            let mut out = self.export_one(format, d, words)?;
            left.push((d.doc.name.clone(), out.left_out));
            Ok(out.files.remove(0).1)
        };
        let docs = self.chosen(only);
        let content = match format {
            Format::Native => {
                let mut documents = Vec::new();
                for d in docs {
                    let Value::Object(mut native) = serde_json::from_str(&one(d)?).expect("the native export is JSON") else {
                        unreachable!("the native export is an object")
                    };
                    for k in ["format", "version", "labels"] {
                        native.remove(k);
                    }
                    documents.push(DocumentShape {
                        status: d.status,
                        native,
                    });
                }
                let file = FileShape {
                    format: FORMAT_NAME.to_owned(),
                    version: VERSION,
                    name: self.name.clone(),
                    labels: self.labels.clone(),
                    documents,
                    suggestions: self.suggestions_of(only),
                };
                serde_json::to_string_pretty(&file).expect("a project serialises") + "\n"
            }
            Format::W3c => w3c_collection(self, docs, &mut one)?,
            Format::Doccano | Format::Prodigy => {
                let mut out = String::new();
                for (i, d) in docs.enumerate() {
                    let mut line = one(d)?;
                    if format == Format::Doccano {
                        // doccano numbers its examples; each line its own.
                        let mut v: Value = serde_json::from_str(&line).expect("the doccano export is JSON");
                        v["id"] = Value::from(i + 1);
                        line = serde_json::to_string(&v).expect("a line serialises");
                    }
                    out.push_str(line.trim_end_matches('\n'));
                    out.push('\n');
                }
                out
            }
            Format::LabelStudio => {
                let mut tasks = Vec::new();
                for d in docs {
                    match serde_json::from_str(&one(d)?).expect("the Label Studio export is JSON") {
                        Value::Array(items) => tasks.extend(items),
                        task => tasks.push(task),
                    }
                }
                // Each document's export numbers its one task and annotation 1; in a
                // list, as Label Studio exports a project, they are numbered apart.
                for (i, task) in tasks.iter_mut().enumerate() {
                    task["id"] = Value::from(i + 1);
                    if let Some(Value::Array(anns)) = task.get_mut("annotations") {
                        for a in anns {
                            a["id"] = Value::from(i + 1);
                        }
                    }
                }
                serde_json::to_string_pretty(&tasks).expect("tasks serialise") + "\n"
            }
            Format::ConllChar | Format::ConllWord => {
                let mut out = String::new();
                for d in docs {
                    out.push_str("-DOCSTART- -X- O O\n\n");
                    let part = one(d)?;
                    out.push_str(part.trim_end_matches('\n'));
                    out.push_str("\n\n");
                }
                out
            }
            Format::Brat => {
                return Err(ExportError::new(ExportErrorKind::Unsupported(
                    "brat keeps each text in its own .txt: write a folder (or a ZIP) of .txt/.ann pairs".to_owned(),
                )))
            }
        };
        Ok((content, left))
    }

    /// brat's project form: one ZIP holding the folder `base/` of
    /// [`Project::brat_folder`].
    fn brat_zip(&self, base: &str, only: Option<Status>) -> Result<ProjectExport, ExportError> {
        let formats::Exported { files, left_out } = self.brat_folder(only)?;
        let entries: Vec<(String, String)> = files
            .into_iter()
            .map(|(name, content)| (format!("{base}/{name}"), content))
            .collect();
        Ok(ProjectExport {
            files: vec![(format!("{base}{}", suffix(Format::Brat)), zip_of(&entries))],
            left_out,
        })
    }

    /// The files of a brat folder of the documents `only` keeps: a
    /// `NAME.txt`/`NAME.ann` pair per document (names made unique, as file
    /// systems compare them) and an `annotation.conf` declaring every type
    /// the `.ann` files use; and what brat could not carry.
    pub fn brat_folder(&self, only: Option<Status>) -> Result<formats::Exported, ExportError> {
        let mut files = Vec::new();
        let mut left = Vec::new();
        let mut names = UniqueNames::default();
        for d in self.chosen(only) {
            let out = self.export_one(Format::Brat, d, &|_| None)?;
            let stem = names.take(&stem(&d.doc.name));
            for (name, content) in out.files {
                let ext = name.rsplit('.').next().unwrap_or("txt");
                files.push((format!("{stem}.{ext}"), content));
            }
            left.push((d.doc.name.clone(), out.left_out));
        }
        let anns = files
            .iter()
            .filter(|(n, _)| n.ends_with(".ann"))
            .map(|(_, c)| c.as_str());
        let conf = brat_conf(&self.labels, anns);
        files.push(("annotation.conf".to_owned(), conf));
        Ok(formats::Exported {
            files,
            left_out: merge_left_out(left)
                .into_iter()
                .chain(self.suggestions_of(only).left_out())
                .collect(),
        })
    }

    /// Reads a file of `format` holding one or more documents as a project
    /// named after the file. Nothing is returned unless every document is
    /// good: the error names the file, the line and, for the native project
    /// file, the document's place in it. A W3C collection with
    /// `bz:documents` (what [`Project::export_files`] writes) gives its
    /// documents, each with its status.
    pub fn import(format: Format, file_name: &str, content: &str) -> Result<Project, ImportError> {
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let mut project = Project::new(&formats::stem(file_name));
        match format {
            Format::Native if is_project_file(content) => return import_native(file_name, content),
            Format::W3c => {
                let root: Value = serde_json::from_str(content)
                    .map_err(|e| ImportError::json(file_name, content, &e))?;
                if root.get(W3C_DOCUMENTS).is_some() {
                    return import_w3c(file_name, content, root);
                }
                project.add(
                    formats::w3c::import_value(file_name, content, &root, None).and_then(|d| {
                        d.validate()
                            .map(|()| d)
                            .map_err(|e| ImportError::invalid(file_name, e))
                    })?,
                    Status::New,
                );
            }
            _ => {
                for doc in formats::import_all(format, file_name, content, None)? {
                    project.add(doc, Status::New);
                }
            }
        }
        Ok(project)
    }

    /// Reads any file of documents from its bytes: a brat ZIP (see
    /// [`Project::import_brat_zip`]), or a file decoded as every file is
    /// ([`crate::decode`]; `encoding` a label the person chose, else
    /// detected) and read by [`Project::import`] in `format`, else the
    /// format its name and content tell. A plain text is not for here: it
    /// is a document with no annotations, which the caller makes itself.
    pub fn import_bytes(
        file_name: &str,
        bytes: &[u8],
        format: Option<Format>,
        encoding: Option<&str>,
    ) -> Result<Project, ImportError> {
        if is_zip(bytes) {
            return match format {
                None | Some(Format::Brat) => Project::import_brat_zip(file_name, bytes, encoding),
                Some(f) => Err(ImportError::new(
                    file_name,
                    ImportErrorKind::WrongFormat(format!(
                        "a ZIP archive, not a {f} file; only a brat folder of .txt/.ann pairs is read from a ZIP"
                    )),
                )),
            };
        }
        let decoded = crate::decode::decode_within(bytes, encoding, MAX_PROJECT_BYTES)
            .map_err(|e| ImportError::new(file_name, ImportErrorKind::Syntax(e.to_string())))?;
        let text = decoded.text;
        let format = match format {
            Some(f) => f,
            None if is_project_file(&text) => Format::Native,
            None => formats::detect_checked(file_name, &text)?
                .ok_or_else(|| ImportError::new(file_name, ImportErrorKind::Unrecognised))?,
        };
        Project::import(format, file_name, &text)
    }

    /// Reads a ZIP of a brat folder: each `.txt` is a document, its
    /// annotations in the `.ann` of the same path and name (a `.txt` without
    /// one has none), in any subfolder; the entity types of any
    /// `annotation.conf` come first in the label set. Every entry is decoded
    /// as a file is ([`crate::decode`]). One bad entry refuses the whole
    /// archive, with an error naming it: `news.zip (news/a.ann):3: …`.
    pub fn import_brat_zip(
        file_name: &str,
        bytes: &[u8],
        encoding: Option<&str>,
    ) -> Result<Project, ImportError> {
        let entries = zip_entries(file_name, bytes)?;
        let place = |name: &str| format!("{file_name} ({name})");
        let decoded =
            |name: &str, bytes: &[u8], empty_ok: bool| match crate::decode::decode(bytes, encoding)
            {
                Ok(d) => Ok((d.text, d.encoding)),
                Err(e) if empty_ok && e.is_blank() => Ok((String::new(), "UTF-8")),
                Err(e) => Err(ImportError::new(
                    &place(name),
                    ImportErrorKind::Syntax(e.to_string()),
                )),
            };
        let mut labels = Vec::new();
        let mut texts = Vec::new();
        let mut anns = std::collections::HashMap::new();
        for (name, bytes) in &entries {
            let lower = name.to_lowercase();
            let key = &name[..name.rfind('.').unwrap_or(name.len())];
            if lower.ends_with(".txt") {
                texts.push((key, name, decoded(name, bytes, false)?));
            } else if lower.ends_with(".ann") {
                anns.insert(key, (name, decoded(name, bytes, true)?.0));
            } else if lower == "annotation.conf" || lower.ends_with("/annotation.conf") {
                for kind in conf_entities(&decoded(name, bytes, true)?.0) {
                    crate::annotation::ensure_label(&mut labels, kind);
                }
            }
        }
        for (key, (name, _)) in &anns {
            if !texts.iter().any(|(k, _, _)| k == key) {
                return Err(ImportError::new(
                    &place(name),
                    ImportErrorKind::NeedsText(format!(
                        "brat keeps the text in {key}.txt, which the archive does not hold"
                    )),
                ));
            }
        }
        let mut project = Project::new(&file_base(&brat_stem(file_name)));
        project.labels = labels;
        let mut from: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
        for (key, name, (text, encoding)) in texts {
            let mut doc = match anns.get(key) {
                Some((ann_name, ann)) => {
                    formats::import(Format::Brat, &place(ann_name), ann, Some(&text))?
                }
                None => AnnotatedDocument::new("", &text),
            };
            doc.name = name.rsplit('/').next().unwrap_or(name).to_owned();
            if encoding != "UTF-8" {
                doc.source_encoding = Some(encoding.to_owned());
            }
            let sha256 = sha256_hex(&doc.text);
            if let Some(earlier) = from.insert(sha256, name) {
                return Err(ImportError::new(
                    &place(name),
                    ImportErrorKind::Syntax(format!(
                        "the same text as {earlier}; keep one of the two"
                    )),
                ));
            }
            project.add(doc, Status::New);
        }
        Ok(project)
    }
}

/// The key of a W3C project collection's documents.
const W3C_DOCUMENTS: &str = "bz:documents";

/// A W3C project collection: one `AnnotationCollection` of every
/// annotation of every document (each target's `source` its document's
/// `ni:` IRI, as in the single-document export), the label set once, and
/// in `bz:documents` each document's header of the single-document
/// collection (its `id`, `label`, `bz:text`, `bz:textSource`,
/// `bz:docLabels`, `bz:encoding`) with its `bz:status`. With the texts
/// carried as the single-document export carries its one, importing it
/// gives the project back.
///
/// Each document's export is read back only as far as its parts' JSON
/// text (no `Value` per annotation), and its annotations are written on at
/// once: a corpus of 50 MB is written in about the memory of the file.
fn w3c_collection<'a>(
    project: &Project,
    docs: impl Iterator<Item = &'a ProjectDocument>,
    one: &mut dyn FnMut(&ProjectDocument) -> Result<String, ExportError>,
) -> Result<String, ExportError> {
    use serde_json::value::RawValue;
    /// A single-document collection as JSON text: what the project's keeps
    /// of it, and its annotations.
    #[derive(Deserialize, Serialize)]
    struct One<'a> {
        #[serde(
            borrow,
            rename = "bz:docLabels",
            skip_serializing_if = "Option::is_none"
        )]
        doc_labels: Option<&'a RawValue>,
        #[serde(
            borrow,
            rename = "bz:encoding",
            skip_serializing_if = "Option::is_none"
        )]
        encoding: Option<&'a RawValue>,
        #[serde(rename = "bz:status", default)]
        status: Status,
        #[serde(borrow, rename = "bz:text")]
        text: &'a RawValue,
        #[serde(borrow, rename = "bz:textSource")]
        text_source: &'a RawValue,
        #[serde(borrow)]
        id: &'a RawValue,
        #[serde(borrow)]
        label: &'a RawValue,
        #[serde(borrow, skip_serializing)]
        first: Option<Page<'a>>,
    }
    #[derive(Deserialize)]
    struct Page<'a> {
        #[serde(borrow)]
        items: Vec<&'a RawValue>,
    }
    let docs: Vec<&ProjectDocument> = docs.collect();
    let mut ids = crate::hash::Sha256Hex::new();
    for d in &docs {
        ids.update(&d.sha256);
    }
    let id = format!("urn:biaozhu:project:{}", ids.finish());
    let head = serde_json::json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"bz": "urn:biaozhu:ns:"}],
        "id": id,
        "type": "AnnotationCollection",
        "label": project.name,
        "bz:labels": project.labels,
    });
    let head = serde_json::to_string_pretty(&head).expect("a collection serialises");
    let mut out = head.trim_end().trim_end_matches('}').trim_end().to_owned();
    out.push_str(&format!(
        ",\n  \"first\": {{\n    \"id\": {},\n    \"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n    \"items\": [",
        serde_json::to_string(&format!("{id}:page:1")).expect("a string serialises")
    ));
    let mut headers = Vec::with_capacity(docs.len());
    let mut total = 0;
    for d in docs {
        let single = one(d)?;
        let mut parsed: One<'_> =
            serde_json::from_str(&single).expect("the W3C export has its shape");
        for item in parsed.first.take().map(|p| p.items).unwrap_or_default() {
            // The item keeps the indentation of its own export's page, the same depth.
            out.push_str(if total == 0 { "\n      " } else { ",\n      " });
            out.push_str(item.get());
            total += 1;
        }
        parsed.status = d.status;
        headers.push(format!(
            "    {}",
            serde_json::to_string(&parsed).expect("a header serialises")
        ));
    }
    out.push_str(&format!(
        "\n    ]\n  }},\n  \"total\": {total},\n  \"{W3C_DOCUMENTS}\": [\n"
    ));
    out.push_str(&headers.join(",\n"));
    out.push_str("\n  ]\n}\n");
    Ok(out)
}

/// Reads a W3C project collection: each annotation goes to the document
/// its target's `source` names (a linking annotation, to the document
/// whose IRI its target extends), and each document is read as a
/// single-document collection of its own, against the whole file's lines.
fn import_w3c(file_name: &str, content: &str, root: Value) -> Result<Project, ImportError> {
    let Value::Object(mut root) = root else {
        unreachable!("only an object has bz:documents")
    };
    let wrong = |m: String| ImportError::new(file_name, ImportErrorKind::WrongFormat(m));
    let Some(Value::Array(headers)) = root.remove(W3C_DOCUMENTS) else {
        return Err(wrong(format!("{W3C_DOCUMENTS} is not a list of documents")));
    };
    let items = match root
        .get_mut("first")
        .and_then(|f| f.get_mut("items"))
        .map(Value::take)
    {
        Some(Value::Array(items)) => items,
        None | Some(Value::Null) => Vec::new(),
        Some(one) => vec![one],
    };
    let name = root
        .get("label")
        .and_then(Value::as_str)
        .map_or_else(|| formats::stem(file_name), str::to_owned);
    let mut project = Project::new(&name);
    if let Some(labels) = root.get("bz:labels") {
        project.labels = serde_json::from_value(labels.clone())
            .map_err(|e| wrong(formats::words::value_shape_message("bz:labels", &e)))?;
    }
    // Each document: its header, its text's `ni:` IRI, its own IRI, its items.
    let mut parts = Vec::new();
    for (i, mut h) in headers.into_iter().enumerate() {
        let at = format!("{file_name} (document {})", i + 1);
        let Some(text) = h.get("bz:text").and_then(Value::as_str).map(str::to_owned) else {
            return Err(ImportError::new(
                &at,
                ImportErrorKind::NeedsText("it holds no bz:text".into()),
            ));
        };
        let ni = formats::w3c::ni_iri(&text);
        if let Some(named) = h.get("bz:textSource").and_then(Value::as_str) {
            if named != ni {
                return Err(ImportError::new(
                    &at,
                    ImportErrorKind::TextMismatch(format!(
                        "its bz:text is {ni}, not the text {named} it names; the text was changed"
                    )),
                ));
            }
        }
        let iri = h.get("id").and_then(Value::as_str).map_or_else(
            || format!("urn:biaozhu:doc:{}", sha256_hex(&text)),
            str::to_owned,
        );
        let status = match h.get("bz:status").and_then(Value::as_str) {
            None => Status::New,
            Some(s) => *Status::ALL.iter().find(|x| x.name() == s).ok_or_else(|| {
                ImportError::new(
                    &at,
                    ImportErrorKind::Syntax(format!(
                        "unknown bz:status {s:?}: expected new, progress, done or skipped"
                    )),
                )
            })?,
        };
        if let Value::Object(m) = &mut h {
            m.insert("type".into(), Value::from("AnnotationCollection"));
            if let Some(l) = root.get("bz:labels") {
                m.insert("bz:labels".into(), l.clone());
            }
        }
        parts.push((h, ni, iri, status, Vec::new()));
    }
    for item in items {
        let str_at = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let target = match item.get("target") {
            Some(Value::Array(t)) => t.first().cloned(),
            t => t.cloned(),
        };
        let named = target.as_ref().and_then(|t| {
            t.as_str()
                .map(str::to_owned)
                .or_else(|| str_at(t, "source"))
                .or_else(|| str_at(t, "id"))
        });
        let found = named.as_deref().and_then(|n| {
            parts.iter().position(|(_, ni, iri, _, _)| {
                n == ni
                    || n.strip_prefix(iri.as_str())
                        .is_some_and(|rest| rest.starts_with(':'))
            })
        });
        let Some(i) = found else {
            let id = str_at(&item, "id").unwrap_or_default();
            let e = ImportError::new(
                file_name,
                ImportErrorKind::TextMismatch(format!(
                    "annotation {id} targets {}, which is none of the collection's documents",
                    named.as_deref().unwrap_or("no text")
                )),
            );
            return Err(match formats::line_of(content, &format!("\"{id}\"")) {
                Some(l) if !id.is_empty() => e.at_line(l),
                _ => e,
            });
        };
        parts[i].4.push(item);
    }
    let mut seen = HashSet::new();
    for (i, (mut header, _, _, status, items)) in parts.into_iter().enumerate() {
        header["first"] = serde_json::json!({"type": "AnnotationPage", "items": items});
        let doc = formats::w3c::import_value(file_name, content, &header, None)?;
        let at = format!("{file_name} (document {})", i + 1);
        doc.validate().map_err(|e| ImportError::invalid(&at, e))?;
        let sha256 = sha256_hex(&doc.text);
        if !seen.insert(sha256.clone()) {
            return Err(ImportError::new(
                &at,
                ImportErrorKind::Syntax(
                    "the same text as an earlier document of the project".into(),
                ),
            ));
        }
        for l in &doc.labels {
            join_label(&mut project.labels, l.clone());
        }
        let mut doc = doc;
        doc.labels.clear();
        project.documents.push(ProjectDocument {
            doc,
            status,
            sha256,
        });
    }
    Ok(project)
}

/// Whether `content` is a native project file (not a one-document file).
pub fn is_project_file(content: &str) -> bool {
    let head: String = content.chars().take(200).collect();
    if head.contains(&format!("\"{FORMAT_NAME}\"")) {
        return true;
    }
    // A file whose keys were sorted (`jq -S`, Python's `sort_keys`) has its
    // documents before its format: read the top level, skipping the values.
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
    }
    content.trim_start().starts_with('{')
        && serde_json::from_str::<Head>(content)
            .is_ok_and(|h| h.format.as_deref() == Some(FORMAT_NAME))
}

fn import_native(file_name: &str, content: &str) -> Result<Project, ImportError> {
    let file: FileShape =
        serde_json::from_str(content).map_err(|e| ImportError::json(file_name, content, &e))?;
    if file.format != FORMAT_NAME {
        return Err(ImportError::new(
            file_name,
            ImportErrorKind::WrongFormat(format!(
                "not a biaozhu project: \"format\" is {:?}",
                file.format
            )),
        ));
    }
    if file.version != VERSION {
        return Err(ImportError::new(
            file_name,
            ImportErrorKind::UnknownVersion(format!(
                "a biaozhu project of version {}; this build reads version {VERSION}",
                file.version
            )),
        ));
    }
    let mut project = Project::new(&file.name);
    project.labels = file.labels.clone();
    let mut seen = HashSet::new();
    for (i, d) in file.documents.into_iter().enumerate() {
        let mut native = d.native;
        native.insert("format".into(), Value::from("biaozhu"));
        native.insert("version".into(), Value::from(formats::native::VERSION));
        native.insert(
            "labels".into(),
            serde_json::to_value(&file.labels).expect("labels serialise"),
        );
        let one = serde_json::to_string(&Value::Object(native)).expect("a document serialises");
        let place = format!("{file_name} (document {})", i + 1);
        let mut doc = formats::import(Format::Native, &place, &one, None)?;
        doc.labels.clear();
        let sha256 = sha256_hex(&doc.text);
        if !seen.insert(sha256.clone()) {
            return Err(ImportError::new(
                &place,
                ImportErrorKind::Syntax(
                    "the same text as an earlier document of the project".into(),
                ),
            ));
        }
        project.documents.push(ProjectDocument {
            doc,
            status: d.status,
            sha256,
        });
    }
    let documents: Vec<(&str, u32)> = project
        .documents
        .iter()
        .map(|d| (d.sha256.as_str(), d.doc.len_cp()))
        .collect();
    file.suggestions.check(&documents).map_err(|why| {
        ImportError::new(
            file_name,
            ImportErrorKind::Syntax(format!("\"suggestions\": {why}")),
        )
    })?;
    project.suggestions = file.suggestions;
    Ok(project)
}

/// Adds `l` to a project's `labels` unless one has its id. Each document of
/// a file of several (a JSONL) gives its labels keys and colours of its own,
/// from the first: one that another label has already takes a free one, so
/// no two labels of the project share a key or a colour while any is free.
fn join_label(labels: &mut Vec<Label>, mut l: Label) {
    if labels.iter().any(|p| p.id == l.id) {
        return;
    }
    if l.key.is_some() && labels.iter().any(|p| p.key == l.key) {
        l.key = crate::labels::allowed_keys()
            .find(|k| labels.iter().all(|p| p.key.as_deref() != Some(k)));
    }
    let same_colour = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    if labels.iter().any(|p| same_colour(&p.color, &l.color)) {
        if let Some(c) = crate::labels::EXTRA_COLORS
            .iter()
            .find(|c| labels.iter().all(|p| !same_colour(&p.color, c)))
        {
            l.color = (*c).to_owned();
        }
    }
    labels.push(l);
}

/// The documents of a CoNLL file read without its text: one after each
/// `-DOCSTART-` line (a file without any is one document), their errors
/// naming the lines of the whole file. One document is named after the file
/// (`news.conll` → `news.txt`); several are numbered in file order from 1
/// (`news-1.txt`, `news-2.txt`, …), as the JSONL and Label Studio imports
/// name the documents of one file, so the list tells them apart.
pub(crate) fn conll_documents(
    file_name: &str,
    content: &str,
) -> Result<Vec<AnnotatedDocument>, ImportError> {
    let parts = conll_parts(content);
    let many = parts.len() > 1;
    let mut docs = Vec::with_capacity(parts.len());
    for (k, (line, part)) in parts.into_iter().enumerate() {
        let mut doc =
            formats::conll::import(file_name, part, None).map_err(|e| match e.line() {
                Some(l) => e.at_line(l + line),
                None => e,
            })?;
        if many {
            doc.name = format!("{}-{}.txt", formats::stem(file_name), k + 1);
        }
        docs.push(doc);
    }
    Ok(docs)
}

/// The parts of a CoNLL file between `-DOCSTART-` lines, each with the
/// number of lines before it; blank parts are left out.
fn conll_parts(content: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut start_line = 0;
    let mut offset = 0;
    for (n, line) in content.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with("-DOCSTART-") {
            parts.push((start_line, &content[start..offset]));
            start = offset + line.len();
            start_line = n + 1;
        }
        offset += line.len();
    }
    parts.push((start_line, &content[start..]));
    parts.retain(|(_, p)| !p.trim().is_empty());
    if parts.is_empty() {
        parts.push((0, content));
    }
    parts
}

/// A file name without its folders and last extension (`a/b/demo.txt` →
/// `demo`): what a document or project is called after the file it came from.
pub fn stem(name: &str) -> String {
    formats::stem(name)
}

/// The words of a text, for the exports that write words (Prodigy,
/// `conll-word`); `None` where there are none to give.
pub type Words<'a> = &'a dyn Fn(&str) -> Option<Segmentation>;

/// The files a project's export wrote, and what the format could not carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectExport {
    /// `(file name, bytes)`: one file (a ZIP for brat).
    pub files: Vec<(String, Vec<u8>)>,
    /// What the documents' exports left out, each phrase once: one that
    /// several documents share is said once with their number.
    pub left_out: Vec<String>,
}

/// Each document's name and what its export left out.
type LeftOutByDocument = Vec<(String, Vec<String>)>;

/// The end of a project file's name in each format.
fn suffix(format: Format) -> &'static str {
    match format {
        Format::Native => ".biaozhu-project.json",
        Format::W3c => ".w3c.jsonld",
        Format::Brat => ".brat.zip",
        Format::Doccano => ".doccano.jsonl",
        Format::LabelStudio => ".label-studio.json",
        Format::Prodigy => ".prodigy.jsonl",
        Format::ConllChar => ".char.bio",
        Format::ConllWord => ".word.bio",
    }
}

/// A project name as the start of a file name: what no file system takes
/// (`/`, `\\`, `:`, `*`, `?`, `"`, `<`, `>`, `|`, controls) becomes `_`.
fn file_base(name: &str) -> String {
    let base: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    match base.trim_matches('.') {
        "" => "project".to_owned(),
        b => b.to_owned(),
    }
}

/// A brat ZIP's name less `.zip` and a `.brat` before it.
fn brat_stem(file_name: &str) -> String {
    let s = formats::stem(file_name);
    match s.strip_suffix(".brat") {
        Some(b) if !b.is_empty() => b.to_owned(),
        _ => s,
    }
}

/// Each document's left-out phrases, merged: a phrase of one document is
/// said with its name, one of several with their number.
fn merge_left_out(per_doc: LeftOutByDocument) -> Vec<String> {
    let mut phrases: Vec<(String, Vec<String>)> = Vec::new();
    for (name, left) in per_doc {
        for phrase in left {
            match phrases.iter_mut().find(|(p, _)| *p == phrase) {
                Some((_, names)) => names.push(name.clone()),
                None => phrases.push((phrase, vec![name.clone()])),
            }
        }
    }
    phrases
        .into_iter()
        .map(|(phrase, names)| match names.as_slice() {
            [one] => format!("{phrase} ({one})"),
            many => format!("{phrase} (each of {} documents)", many.len()),
        })
        .collect()
}

/// File stems made unique as file systems compare them (ignoring case):
/// `a`, `a-2`, `a-3`.
#[derive(Default)]
struct UniqueNames(HashSet<String>);

impl UniqueNames {
    fn take(&mut self, stem: &str) -> String {
        let mut name = stem.to_owned();
        for n in 2.. {
            if self.0.insert(name.to_lowercase()) {
                break;
            }
            name = format!("{stem}-{n}");
        }
        name
    }
}

/// brat's `annotation.conf` for `.ann` files: every label of the set and
/// every type the files use as an entity, their relation types between any
/// two entities, and their attributes (binary, or with the values used).
/// The types are read from the written lines, so they are spelt as brat
/// reads them (whitespace as `_`).
fn brat_conf<'a>(labels: &[Label], anns: impl Iterator<Item = &'a str>) -> String {
    let mut entities: Vec<String> = labels
        .iter()
        .map(|l| {
            l.id.chars()
                .map(|c| {
                    if c.is_whitespace() || c.is_control() {
                        '_'
                    } else {
                        c
                    }
                })
                .collect::<String>()
        })
        .filter(|id| !id.is_empty())
        .collect();
    let mut relations: Vec<String> = Vec::new();
    let mut attributes: Vec<(String, Vec<String>)> = Vec::new();
    let add = |list: &mut Vec<String>, v: &str| {
        if !list.iter().any(|x| x == v) {
            list.push(v.to_owned());
        }
    };
    for line in anns.flat_map(str::lines) {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        let mut words = body.split(' ');
        let kind = words.next().unwrap_or("");
        match id.chars().next() {
            Some('T') => add(&mut entities, kind),
            Some('R') => add(&mut relations, kind),
            Some('A') => {
                let value = words.nth(1);
                let at = match attributes.iter().position(|(n, _)| n == kind) {
                    Some(at) => at,
                    None => {
                        attributes.push((kind.to_owned(), Vec::new()));
                        attributes.len() - 1
                    }
                };
                if let Some(v) = value {
                    add(&mut attributes[at].1, v);
                }
            }
            _ => {}
        }
    }
    let mut conf = String::from("# Written by biaozhu: the project's labels and the types its .ann files use.\n[entities]\n");
    for e in &entities {
        conf.push_str(e);
        conf.push('\n');
    }
    conf.push_str("\n[relations]\n");
    for r in &relations {
        conf.push_str(&format!("{r}\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
    }
    conf.push_str("\n[events]\n\n[attributes]\n");
    for (name, values) in &attributes {
        conf.push_str(&format!("{name}\tArg:<ENTITY>"));
        if !values.is_empty() {
            conf.push_str(&format!(", Value:{}", values.join("|")));
        }
        conf.push('\n');
    }
    conf
}

/// The entity types an `annotation.conf` declares, in its order: the first
/// word of each line of `[entities]`, less the indentation of its place in
/// the hierarchy; types marked `!` (not for annotating) and separator lines
/// are left out.
fn conf_entities(conf: &str) -> Vec<&str> {
    let mut section = "";
    let mut out = Vec::new();
    for line in conf.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            section = line;
            continue;
        }
        if section == "[entities]" && !line.starts_with('!') && !line.starts_with('-') {
            if let Some(kind) = line.split_whitespace().next() {
                out.push(kind);
            }
        }
    }
    out
}

/// Whether `bytes` are a ZIP archive (a first entry, or an empty archive's
/// end record).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// A ZIP of `entries`, deflated. No time stamps: the same project gives the
/// same bytes (and a clock is what wasm32-unknown-unknown lacks).
fn zip_of(entries: &[(String, String)]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, content) in entries {
        // Writing to memory fails only on a bug.
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(content.as_bytes()).map_err(Into::into))
            .expect("a ZIP entry is written to memory");
    }
    zip.finish()
        .expect("a ZIP is written to memory")
        .into_inner()
}

/// The files of a ZIP, `(path, bytes)`, in the archive's order: folders,
/// macOS's `__MACOSX/` copies and `._` files left out; each entry at most
/// [`crate::decode::MAX_BYTES`] (what [`crate::decode`] takes) and all
/// together at most [`MAX_PROJECT_BYTES`], checked as they are inflated,
/// not by what the archive says.
fn zip_entries(file_name: &str, bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ImportError> {
    use std::io::Read;
    let bad = |m: String| ImportError::new(file_name, ImportErrorKind::WrongFormat(m));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a ZIP archive that can be read: {e}")))?;
    let mut out = Vec::new();
    let mut total = 0;
    for i in 0..archive.len() {
        let mut file = archive
            .by_index(i)
            .map_err(|e| bad(format!("entry {} cannot be read: {e}", i + 1)))?;
        let name = file
            .name()
            .map_err(|e| {
                bad(format!(
                    "entry {} has a name that cannot be read: {e}",
                    i + 1
                ))
            })?
            .replace('\\', "/");
        let skipped = file.is_dir()
            || name.split('/').any(|part| part == "__MACOSX")
            || name
                .rsplit('/')
                .next()
                .is_some_and(|base| base.starts_with("._"));
        if skipped {
            continue;
        }
        let limit = crate::decode::MAX_BYTES as u64;
        let mut content = Vec::new();
        file.by_ref()
            .take(limit + 1)
            .read_to_end(&mut content)
            .map_err(|e| {
                ImportError::new(
                    &format!("{file_name} ({name})"),
                    ImportErrorKind::Syntax(format!("cannot be read from the archive: {e}")),
                )
            })?;
        if content.len() as u64 > limit {
            return Err(ImportError::new(
                &format!("{file_name} ({name})"),
                ImportErrorKind::Syntax(format!(
                    "over {} MB once inflated, more than a file may hold",
                    limit >> 20
                )),
            ));
        }
        total += content.len();
        if total > MAX_PROJECT_BYTES {
            return Err(bad(format!(
                "over {} MB once inflated, more than a project may hold",
                MAX_PROJECT_BYTES >> 20
            )));
        }
        out.push((name, content));
    }
    Ok(out)
}

/// What a project holds, counted: what `biaozhu stats` prints and the page's
/// progress shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    /// Documents of each status, in [`Status::ALL`]'s order.
    pub by_status: [usize; 4],
    /// Annotations of each label, in the label set's order (labels without
    /// any included), then any label not in the set.
    pub per_label: Vec<(String, usize)>,
    /// Relations, all documents together.
    pub relations: usize,
    /// Code points of text, all documents together.
    pub length_cp: usize,
}

impl Figures {
    /// Counts `project`.
    pub fn of(project: &Project) -> Figures {
        let mut f = Figures {
            per_label: project.labels.iter().map(|l| (l.id.clone(), 0)).collect(),
            ..Figures::default()
        };
        for d in &project.documents {
            let i = Status::ALL
                .iter()
                .position(|s| *s == d.status)
                .expect("every status is listed");
            f.by_status[i] += 1;
            f.relations += d.doc.relations.len();
            f.length_cp += d.doc.text.chars().count();
            for a in &d.doc.annotations {
                match f.per_label.iter_mut().find(|(id, _)| *id == a.label) {
                    Some((_, n)) => *n += 1,
                    None => f.per_label.push((a.label.clone(), 1)),
                }
            }
        }
        f
    }

    /// Documents, all statuses together.
    pub fn documents(&self) -> usize {
        self.by_status.iter().sum()
    }

    /// Annotations, all labels together.
    pub fn annotations(&self) -> usize {
        self.per_label.iter().map(|(_, n)| n).sum()
    }
}

/// Lines of `name<TAB>count`, sections apart by a blank line: easy to read
/// and to `grep`/`cut`.
impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "documents\t{}", self.documents())?;
        for (s, n) in Status::ALL.iter().zip(self.by_status) {
            writeln!(f, "  {}\t{n}", s.name())?;
        }
        writeln!(f, "characters\t{}", self.length_cp)?;
        writeln!(f, "annotations\t{}", self.annotations())?;
        for (label, n) in &self.per_label {
            writeln!(f, "  {label}\t{n}")?;
        }
        writeln!(f, "relations\t{}", self.relations)
    }
}
