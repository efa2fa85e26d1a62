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
}

/// The native project file's name for format checks.
pub const FORMAT_NAME: &str = "biaozhu-project";
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
            if !self.labels.iter().any(|p| p.id == l.id) {
                self.labels.push(l);
            }
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

    /// Writes every document as one file of `format` (see the module's
    /// table); `only` keeps the documents of one status. brat and W3C keep
    /// each text in a file of its own and have no one-file form.
    pub fn export(&self, format: Format, only: Option<Status>) -> Result<String, ExportError> {
        let docs = self
            .documents
            .iter()
            .filter(|d| only.is_none_or(|s| d.status == s));
        let unsupported = |why: &str| {
            Err(ExportError::new(ExportErrorKind::Unsupported(
                why.to_owned(),
            )))
        };
        let one = |d: &ProjectDocument| -> Result<String, ExportError> {
            let mut out = formats::export(format, &self.with_labels(d), None)?;
            Ok(out.files.remove(0).1)
        };
        match format {
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
                };
                Ok(serde_json::to_string_pretty(&file).expect("a project serialises") + "\n")
            }
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
                Ok(out)
            }
            Format::LabelStudio => {
                let mut tasks = Vec::new();
                for d in docs {
                    match serde_json::from_str(&one(d)?).expect("the Label Studio export is JSON") {
                        Value::Array(items) => tasks.extend(items),
                        task => tasks.push(task),
                    }
                }
                Ok(serde_json::to_string_pretty(&tasks).expect("tasks serialise") + "\n")
            }
            Format::ConllChar | Format::ConllWord => {
                let mut out = String::new();
                for d in docs {
                    out.push_str("-DOCSTART- -X- O O\n\n");
                    let part = one(d)?;
                    out.push_str(part.trim_end_matches('\n'));
                    out.push_str("\n\n");
                }
                Ok(out)
            }
            Format::Brat => unsupported("brat keeps each text in its own .txt: write a folder (or a ZIP) of .txt/.ann pairs"),
            Format::W3c => unsupported("a W3C collection does not hold its texts: export the documents one by one, or as a native project"),
        }
    }

    /// Reads a file of `format` holding one or more documents as a project
    /// named after the file. Nothing is returned unless every document is
    /// good: the error names the file, the line and, for the native project
    /// file, the document's place in it.
    pub fn import(format: Format, file_name: &str, content: &str) -> Result<Project, ImportError> {
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let mut project = Project::new(&formats::stem(file_name));
        match format {
            Format::Native if is_project_file(content) => return import_native(file_name, content),
            _ => {
                for doc in formats::import_all(format, file_name, content, None)? {
                    project.add(doc, Status::New);
                }
            }
        }
        Ok(project)
    }
}

/// Whether `content` is a native project file (not a one-document file).
pub fn is_project_file(content: &str) -> bool {
    let head: String = content.chars().take(200).collect();
    head.contains(&format!("\"{FORMAT_NAME}\""))
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
    Ok(project)
}

/// The documents of a CoNLL file read without its text: one after each
/// `-DOCSTART-` line (a file without any is one document), each named by the
/// lines of the whole file.
pub(crate) fn conll_documents(
    file_name: &str,
    content: &str,
) -> Result<Vec<AnnotatedDocument>, ImportError> {
    let mut docs = Vec::new();
    for (line, part) in conll_parts(content) {
        let doc = formats::conll::import(file_name, part, None).map_err(|e| match e.line() {
            Some(l) => e.at_line(l + line),
            None => e,
        })?;
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
