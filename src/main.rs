//! `biaozhu`: segmentation and format conversion on the command line.
//!
//! ```text
//! biaozhu segment FILE
//! biaozhu convert --to FORMAT [--from FORMAT] [--text TXT] INPUT [-o OUTPUT]
//! biaozhu check INPUT... [--from FORMAT] [--text TXT]
//! biaozhu stats INPUT...
//! biaozhu agree A B [C...] [--json] [--diff] [--from FORMAT] [--encoding LABEL]
//! biaozhu suggest [--learn FILE]... [--map POS=LABEL,...] [--epochs N] --to FORMAT INPUT [-o OUTPUT]
//! ```
//!
//! Errors go to stderr, naming the file and line; the exit status is 1 for
//! a file that cannot be read, imported or written, 2 for a usage error.
//! Output files are written whole or not at all (a temporary file in the
//! same folder, then a rename).
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use biaozhu::agree as agreement;
use biaozhu::annotation::{AnnotatedDocument, Annotation, Label};
use biaozhu::formats::{self, Format};
use biaozhu::labels;
use biaozhu::offsets::IndexedText;
use biaozhu::project::{self, Project, Status};
use biaozhu::segment::Segmenter;
use biaozhu::suggest::Suggester;

const USAGE: &str = "\
usage:
  biaozhu segment [--encoding LABEL] FILE...
      print every token of FILE: start<TAB>end<TAB>word (code points); with several
      FILEs, each one's tokens follow a line # FILE
  biaozhu convert --to FORMAT [--from FORMAT] [--text TXT] [--encoding LABEL] INPUT [-o OUTPUT]
      convert annotations; without -o a single output file goes to stdout.
      --from text reads INPUT as a plain text whatever its name (a .txt is one anyway)
      An INPUT of several documents (JSONL, a Label Studio task list, CoNLL with
      -DOCSTART-, a biaozhu project) is written whole: one JSONL, task list, CoNLL,
      W3C collection or project file; as brat, OUTPUT is a folder of .txt/.ann pairs
      with an annotation.conf, or a ZIP of one when it ends in .zip
  biaozhu check INPUT... [--from FORMAT] [--text TXT] [--encoding LABEL]
      check files against their texts (quotes, hash, offsets) and say what each holds
  biaozhu stats INPUT... [--from FORMAT] [--encoding LABEL]
      documents (by status), annotations per label, relations, of all INPUTs together
  biaozhu agree A B [C...] [--json] [--diff] [--from FORMAT] [--text TXT] [--encoding LABEL]
      agreement of annotators' files of the same documents (matched by the text's
      SHA-256), B against A: span precision/recall/F1 (exact and overlap) per label,
      Cohen's kappa over characters and words, Fleiss' kappa and Krippendorff's alpha,
      relations, disagreements by kind; --json prints one JSON object, --diff lists
      each disagreement
  biaozhu suggest [--learn FILE]... [--map POS=LABEL,...] [--epochs N] [--timings] --to FORMAT INPUT [-o OUTPUT]
      the spans biaozhu would suggest for INPUT, written as annotations in FORMAT.
      Each --learn FILE (any format, CoNLL BIO included) teaches a character tagger
      and the words its labelled strings are (--epochs passes over them after one
      pass that learns each line, 10 by default: as many as the page makes)
      With no --learn the dictionary's parts of speech are the suggestions, mapped
      by --map (nr=PER,nrfg=PER,ns=LOC,nt=ORG by default). As conll-char, one character
      and its tag a line, a blank line at each line break of INPUT

FORMAT: biaozhu, w3c, brat, doccano, label-studio, prodigy, conll-char, conll-word
  brat: INPUT is the .ann; the .txt beside it (same name) is the text.
        As output, OUTPUT names the .ann and the .txt is written beside it.
  A plain .txt INPUT is a document with no annotations.
  --text gives the text for formats that do not hold it (brat, W3C, CoNLL).
Files are decoded as the page does: a BOM, else UTF-8, else the detected legacy
encoding (GBK, Big5, Shift_JIS, windows-1251, ...); --encoding LABEL (any WHATWG
label: gbk, big5, utf-16le, ...) forces one. Offsets are code points (doccano:
UTF-16 units).";

/// A failure, with the exit status it gives.
enum Failure {
    Usage(String),
    Data(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(m) => write!(f, "{m}\n\n{USAGE}"),
            Failure::Data(m) => f.write_str(m),
        }
    }
}

fn data(m: impl fmt::Display) -> Failure {
    Failure::Data(m.to_string())
}

fn usage(m: impl Into<String>) -> Failure {
    Failure::Usage(m.into())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("biaozhu: {f}");
            ExitCode::from(match f {
                Failure::Usage(_) => 2,
                Failure::Data(_) => 1,
            })
        }
    }
}

/// The parsed options of `convert` and `check`.
#[derive(Default)]
struct Options {
    to: Option<Format>,
    from: Option<Format>,
    /// `--from text`: INPUT is a plain text whatever its name (a `.txt` is one without it).
    plain: bool,
    text: Option<PathBuf>,
    encoding: Option<String>,
    output: Option<PathBuf>,
    inputs: Vec<PathBuf>,
}

fn format_arg(name: Option<&String>, flag: &str) -> Result<Format, Failure> {
    let name = name.ok_or_else(|| usage(format!("{flag} needs a format name")))?;
    Format::from_name(name).ok_or_else(|| usage(format!("unknown format {name:?}")))
}

fn parse(args: &[String]) -> Result<Options, Failure> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--to" => o.to = Some(format_arg(it.next(), "--to")?),
            "--from" => match it.next() {
                Some(t) if ["text", "txt", "plain"].contains(&t.as_str()) => o.plain = true,
                name => o.from = Some(format_arg(name, "--from")?),
            },
            "--text" => {
                o.text = Some(
                    it.next()
                        .ok_or_else(|| usage("--text needs a file"))?
                        .into(),
                )
            }
            "--encoding" => {
                o.encoding = Some(
                    it.next()
                        .ok_or_else(|| usage("--encoding needs a label, e.g. gbk"))?
                        .clone(),
                )
            }
            "-o" | "--output" => {
                o.output = Some(it.next().ok_or_else(|| usage("-o needs a file"))?.into())
            }
            "--" => o.inputs.extend(it.by_ref().map(PathBuf::from)),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(usage(format!("unknown option {s}")))
            }
            s => o.inputs.push(s.into()),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<(), Failure> {
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => return Err(usage("no command given")),
    };
    match cmd {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        "segment" => segment(rest),
        "convert" => convert(&parse(rest)?),
        "check" => check(&parse(rest)?),
        "stats" => stats(&parse(rest)?),
        "agree" => agree(rest),
        "suggest" => suggest(rest),
        other => Err(usage(format!("unknown command {other:?}"))),
    }
}

/// Reads and decodes a file (see `biaozhu::decode`); warnings go to stderr.
/// Returns the text and the encoding it was read with.
fn read_text(path: &Path, encoding: Option<&str>) -> Result<(String, &'static str), Failure> {
    read_decoded(path, encoding, false, biaozhu::decode::MAX_BYTES)
}

/// [`read_text`] of an INPUT, which may hold a whole corpus: up to
/// [`project::MAX_PROJECT_BYTES`].
fn read_input(path: &Path, encoding: Option<&str>) -> Result<(String, &'static str), Failure> {
    read_decoded(path, encoding, false, project::MAX_PROJECT_BYTES)
}

/// [`read_text`], or with `empty_ok` a file with no text in it read as "";
/// at most `limit` bytes.
fn read_decoded(
    path: &Path,
    encoding: Option<&str>,
    empty_ok: bool,
    limit: usize,
) -> Result<(String, &'static str), Failure> {
    let bytes = fs::read(path).map_err(|e| data(format!("{}: {e}", path.display())))?;
    let decoded = match biaozhu::decode::decode_within(&bytes, encoding, limit) {
        Ok(d) => d,
        Err(e) if empty_ok && e.is_blank() => return Ok((String::new(), "UTF-8")),
        Err(e) => return Err(data(format!("{}: {e}", path.display()))),
    };
    for w in &decoded.warnings {
        eprintln!("biaozhu: {}: {w}", path.display());
    }
    Ok((decoded.text, decoded.encoding))
}

/// Reads a brat `.ann`: as [`read_text`], except that a file with nothing
/// in it (no bytes, a lone byte order mark, only blank lines) is a valid
/// `.ann` with no annotations, which is what biaozhu itself writes for a
/// document without any; a text file with nothing in it is refused.
fn read_annotations(
    path: &Path,
    encoding: Option<&str>,
) -> Result<(String, &'static str), Failure> {
    read_decoded(path, encoding, true, biaozhu::decode::MAX_BYTES)
}

fn one_input(o: &Options) -> Result<&Path, Failure> {
    match o.inputs.as_slice() {
        [one] => Ok(one),
        [] => Err(usage("no INPUT file given")),
        _ => Err(usage("give exactly one INPUT file")),
    }
}

fn segment(args: &[String]) -> Result<(), Failure> {
    let o = parse(args)?;
    if o.inputs.is_empty() {
        return Err(usage("segment needs a FILE"));
    }
    let segmenter = Segmenter::embedded();
    let mut stdout = std::io::stdout().lock();
    for path in &o.inputs {
        let (text, _) = read_text(path, o.encoding.as_deref())?;
        let seg = segmenter.segment(&text);
        let indexed = IndexedText::new(text);
        let dense = indexed.dense();
        let mut out = String::with_capacity(indexed.len_bytes() * 2);
        if o.inputs.len() > 1 {
            out.push_str(&format!("# {}\n", path.display()));
        }
        for w in &seg.words {
            let word = dense.slice(w.start as usize, w.end as usize);
            out.push_str(&format!("{}\t{}\t{word}\n", w.start, w.end));
        }
        stdout
            .write_all(out.as_bytes())
            .map_err(|e| data(format!("stdout: {e}")))?;
    }
    Ok(())
}

/// The `.txt` beside a brat `.ann`.
fn brat_text_path(ann: &Path) -> PathBuf {
    ann.with_extension("txt")
}

/// Reads INPUT (and its text) into documents.
fn load(o: &Options, input: &Path) -> Result<Loaded, Failure> {
    let name = input.display().to_string();
    if !o.plain
        && o.from.is_none_or(|f| f == Format::Brat)
        && name.to_ascii_lowercase().ends_with(".zip")
    {
        // A brat folder as one ZIP, as convert writes it.
        let bytes = fs::read(input).map_err(|e| data(format!("{name}: {e}")))?;
        return Project::import_brat_zip(&name, &bytes, o.encoding.as_deref())
            .map(Loaded::Project)
            .map_err(data);
    }
    let brat = match o.from {
        Some(f) => f == Format::Brat,
        None => !o.plain && name.to_ascii_lowercase().ends_with(".ann"),
    };
    let (content, encoding) = if brat {
        let own = read_annotations(input, o.encoding.as_deref())?;
        // A .ann that is not UTF-8 is in its text's encoding, which the text,
        // longer, tells better: a few names are too short to guess from (a GBK
        // 李强 read as Big5 is 川膿).
        let text = o.text.clone().unwrap_or_else(|| brat_text_path(input));
        if o.encoding.is_none() && own.1 != "UTF-8" && text.exists() {
            match read_text(&text, None)?.1 {
                theirs if theirs != own.1 && theirs != "UTF-8" => {
                    read_annotations(input, Some(theirs))?
                }
                _ => own,
            }
        } else {
            own
        }
    } else {
        read_input(input, o.encoding.as_deref())?
    };
    if !o.plain && o.from.is_none_or(|f| f == Format::Native) && project::is_project_file(&content)
    {
        let project = Project::import(Format::Native, &name, &content).map_err(data)?;
        return Ok(Loaded::Project(project));
    }
    let format = match o.from {
        Some(f) => Some(f),
        None if o.plain => None,
        None => formats::detect_checked(&name, &content).map_err(data)?,
    };
    let format = match format {
        Some(f) => f,
        None if o.plain || name.to_ascii_lowercase().ends_with(".txt") => {
            // One text: the limit of one text, not of a corpus.
            let limit = biaozhu::decode::MAX_BYTES;
            if content.len() > limit {
                let e = biaozhu::decode::DecodeError::from(
                    biaozhu::decode::DecodeErrorKind::TooLarge {
                        bytes: content.len(),
                        limit,
                    },
                );
                return Err(data(format!("{name}: {e}")));
            }
            let file_name = input
                .file_name()
                .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
            let mut doc = AnnotatedDocument::new(&file_name, &content);
            // UTF-8 is what every export writes: nothing of it is lost, nothing to say.
            if encoding != "UTF-8" {
                doc.source_encoding = Some(encoding.to_owned());
            }
            return Ok(Loaded::Documents(vec![doc]));
        }
        None => {
            return Err(data(format!(
                "{name}: cannot tell the format from the file's name or content; give --from FORMAT (--from text for a plain text)"
            )))
        }
    };
    if format == Format::W3c && o.text.is_none() && content.contains("\"bz:documents\"") {
        // A project's W3C collection, with its texts and statuses.
        let project = Project::import(format, &name, &content).map_err(data)?;
        return Ok(Loaded::Project(project));
    }
    let text = match (&o.text, format) {
        (Some(p), _) => Some(read_text(p, o.encoding.as_deref())?.0),
        (None, Format::Brat) => {
            let p = brat_text_path(input);
            if !p.exists() {
                return Err(data(format!(
                    "{name}: brat keeps the text in {} but there is no such file; give --text TXT",
                    p.display()
                )));
            }
            Some(read_text(&p, o.encoding.as_deref())?.0)
        }
        (None, _) => None,
    };
    formats::import_all(format, &name, &content, text.as_deref())
        .map(Loaded::Documents)
        .map_err(data)
}

/// What an INPUT held.
enum Loaded {
    /// One document or several, from any format.
    Documents(Vec<AnnotatedDocument>),
    /// A biaozhu project file, with each document's status.
    Project(Project),
}

/// INPUT as a project: its documents under one label set, each made usable
/// by the page's label rule (see [`make_labels_usable`]). A text that comes
/// twice is kept once, and said.
fn load_project(o: &Options, input: &Path) -> Result<(Project, bool), Failure> {
    let name = input.display().to_string();
    match load(o, input)? {
        Loaded::Project(mut p) => {
            let mut doc = AnnotatedDocument::new(&name, "");
            doc.labels = std::mem::take(&mut p.labels);
            for d in &p.documents {
                doc.annotations.extend(d.doc.annotations.iter().cloned());
            }
            let notes = labels::make_usable(&mut doc);
            say_notes(&name, &notes);
            if !notes.is_empty() {
                // Usable ids may differ from the file's: carry them to every document.
                let mut i = 0;
                for d in &mut p.documents {
                    for a in &mut d.doc.annotations {
                        a.label = doc.annotations[i].label.clone();
                        i += 1;
                    }
                }
            }
            p.labels = doc.labels;
            Ok((p, true))
        }
        Loaded::Documents(docs) => {
            let mut p = Project::new(&project::stem(&name));
            let mut notes = Vec::new();
            // The place in the file of each document kept, for messages.
            let mut places = Vec::new();
            for (i, mut doc) in docs.into_iter().enumerate() {
                notes.extend(labels::make_usable(&mut doc));
                let sha256 = biaozhu::hash::sha256_hex(&doc.text);
                if let Some(first) = p.documents.iter().position(|d| d.sha256 == sha256) {
                    // Kept once, unless that would lose annotations.
                    let spans = |d: &AnnotatedDocument| {
                        let mut v: Vec<_> = d
                            .annotations
                            .iter()
                            .map(|a| (a.start, a.end, a.label.clone(), a.pieces()))
                            .collect();
                        v.sort();
                        v
                    };
                    if spans(&p.documents[first].doc) != spans(&doc) {
                        return Err(data(format!(
                            "{name}: documents {} and {} have the same text and different annotations; split the file to keep both",
                            places[first] + 1,
                            i + 1
                        )));
                    }
                    notes.push(format!("document {} has the same text and annotations as document {}, and is kept once", i + 1, places[first] + 1));
                    continue;
                }
                places.push(i);
                p.add(doc, Status::New);
            }
            say_notes(&name, &notes);
            Ok((p, false))
        }
    }
}

/// Prints each note once, however many documents gave it.
fn say_notes(input: &str, notes: &[String]) {
    let mut said = std::collections::HashSet::new();
    for note in notes {
        if said.insert(note) {
            eprintln!("biaozhu: note: {input}: {note}");
        }
    }
}

fn convert(o: &Options) -> Result<(), Failure> {
    let to = o.to.ok_or_else(|| usage("convert needs --to FORMAT"))?;
    let input = one_input(o)?;
    let (project, is_project) = load_project(o, input)?;
    write_project(o, to, project, is_project)
}

/// Writes what INPUT held (or suggestions for it) as `to`, to `-o` or stdout.
fn write_project(
    o: &Options,
    to: Format,
    project: Project,
    is_project: bool,
) -> Result<(), Failure> {
    if is_project || project.documents.len() != 1 {
        return convert_many(o, to, &project);
    }
    let mut doc = project.documents[0].doc.clone();
    doc.labels = project.labels;
    // Prodigy and conll-word segment the text with the embedded dictionary.
    let out = formats::export(to, &doc, None).map_err(data)?;
    for l in &out.left_out {
        eprintln!("biaozhu: note: {to} cannot carry {l}");
    }
    match &o.output {
        None => match out.files.as_slice() {
            [(_, content)] => std::io::stdout()
                .lock()
                .write_all(content.as_bytes())
                .map_err(|e| data(format!("stdout: {e}"))),
            _ => Err(usage(format!(
                "{to} writes {} files; give -o OUTPUT (the .ann; the .txt goes beside it)",
                out.files.len()
            ))),
        },
        Some(path) => {
            let targets: Vec<(PathBuf, &[u8])> = if out.files.len() == 1 {
                out.files
                    .iter()
                    .map(|(_, c)| (path.clone(), c.as_bytes()))
                    .collect()
            } else {
                // Each file beside OUTPUT, with OUTPUT's stem and its own extension.
                out.files
                    .iter()
                    .map(|(n, c)| {
                        let ext = Path::new(n)
                            .extension()
                            .map(|e| e.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        (path.with_extension(ext), c.as_bytes())
                    })
                    .collect()
            };
            write_all_or_nothing(&targets)
        }
    }
}

fn suggest(args: &[String]) -> Result<(), Failure> {
    let mut learn = Vec::new();
    let mut mapping = None;
    let mut epochs = biaozhu::suggest::PASSES;
    let mut timings = false;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--learn" => learn.push(PathBuf::from(
                it.next().ok_or_else(|| usage("--learn needs a file"))?,
            )),
            "--map" => {
                mapping = Some(
                    it.next()
                        .ok_or_else(|| usage("--map needs POS=LABEL pairs, e.g. nr=PER,ns=LOC"))?
                        .clone(),
                )
            }
            "--epochs" => {
                let n = it.next().ok_or_else(|| usage("--epochs needs a number"))?;
                epochs = n
                    .parse()
                    .map_err(|_| usage(format!("--epochs {n:?} is not a whole number")))?;
            }
            "--timings" => timings = true,
            _ => rest.push(a.clone()),
        }
    }
    let o = parse(&rest)?;
    let to = o.to.ok_or_else(|| usage("suggest needs --to FORMAT"))?;
    let input = one_input(&o)?;
    let mut suggester = Suggester::new(Segmenter::embedded());
    let learn_options = Options {
        encoding: o.encoding.clone(),
        ..Options::default()
    };
    let mut learnt = Vec::new();
    for path in &learn {
        learnt.push(load_project(&learn_options, path)?.0);
    }
    // A project file of the page brings what its suggestions kept: the
    // mapping (unless --map names one) and the learnt words, as the page
    // starts from them.
    let mapping = mapping.or_else(|| learnt.iter().find_map(|p| p.suggestions.mapping.clone()));
    if let Some(m) = mapping {
        suggester
            .set_mapping(&m)
            .map_err(|e| usage(e.to_string()))?;
    }
    for (p, path) in learnt.iter().zip(&learn) {
        suggester
            .segmenter
            .import_user_dict(&p.suggestions.user_dictionary)
            .map_err(|e| data(format!("{}: \"suggestions\": {e}", path.display())))?;
    }
    // The online pass is what the page does, one step per annotated line.
    let mut online = std::time::Duration::ZERO;
    for p in &learnt {
        let clock = std::time::Instant::now();
        for d in &p.documents {
            suggester.learn_document(&d.doc);
        }
        online += clock.elapsed();
    }
    let clock = std::time::Instant::now();
    suggester.learn_again(epochs);
    let again = clock.elapsed();
    let (mut project, is_project) = load_project(&o, input)?;
    let clock = std::time::Instant::now();
    let mut labels: Vec<String> = Vec::new();
    // The suggestions written are no annotator's work: the record stays with the project it came from.
    let rejected: std::collections::HashSet<(String, u32, u32, String)> =
        std::mem::take(&mut project.suggestions)
            .rejected
            .into_iter()
            .map(|r| (r.document, r.start, r.end, r.label))
            .collect();
    for d in &mut project.documents {
        // A suggestion the annotator rejected in the page is not made again.
        let refused = |s: &biaozhu::suggest::Suggestion| {
            !rejected.is_empty()
                && rejected.contains(&(d.sha256.clone(), s.start, s.end, s.label.clone()))
        };
        d.doc.annotations = suggester
            .suggest(&d.doc.text)
            .into_iter()
            .filter(|s| !refused(s))
            .enumerate()
            .map(|(i, s)| {
                if !labels.contains(&s.label) {
                    labels.push(s.label.clone());
                }
                Annotation::new(&format!("s{}", i + 1), s.start, s.end, &s.label)
            })
            .collect();
        d.doc.relations.clear();
    }
    if timings {
        let lines = suggester.lines_learnt().max(1) as f64;
        eprintln!(
            "biaozhu: timings: {} lines learnt, {:.3} ms a line online, then {epochs} passes in {:.0} ms; suggestions for {} ({} lines) in {:.1} ms",
            suggester.lines_learnt(),
            online.as_secs_f64() * 1e3 / lines,
            again.as_secs_f64() * 1e3,
            input.display(),
            project.documents.iter().map(|d| biaozhu::suggest::lines(&d.doc.text).count()).sum::<usize>(),
            clock.elapsed().as_secs_f64() * 1e3
        );
    }
    for l in suggester.tagger.labels() {
        if !labels.contains(l) {
            labels.push(l.clone());
        }
    }
    project.labels = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            Label::new(
                l,
                l,
                labels::EXTRA_COLORS[i % labels::EXTRA_COLORS.len()],
                None,
            )
        })
        .collect();
    if to == Format::ConllChar && project.documents.len() == 1 {
        // The contract of issue 17: a blank line at each line break of INPUT,
        // and at nothing else (the export's sentence breaks are not wanted
        // here), on stdout and in -o OUTPUT alike.
        let doc = &project.documents[0].doc;
        let tags = char_tags(&doc.text, &doc.annotations);
        return match &o.output {
            None => std::io::stdout()
                .lock()
                .write_all(tags.as_bytes())
                .map_err(|e| data(format!("stdout: {e}"))),
            Some(path) => write_all_or_nothing(&[(path.clone(), tags.as_bytes())]),
        };
    }
    write_project(&o, to, project, is_project)
}

/// One character and its BIO tag a line (whitespace left out), a blank
/// line at each line break; `spans` do not overlap.
fn char_tags(text: &str, spans: &[Annotation]) -> String {
    let mut tags: Vec<Option<(bool, &str)>> = vec![None; text.chars().count()];
    for a in spans {
        for (i, t) in tags[a.start as usize..a.end as usize]
            .iter_mut()
            .enumerate()
        {
            *t = Some((i == 0, a.label.as_str()));
        }
    }
    let mut out = String::with_capacity(text.len() * 4);
    for (c, tag) in text.chars().zip(&tags) {
        if c == '\n' {
            out.push('\n');
        } else if !c.is_whitespace() {
            out.push(c);
            match tag {
                None => out.push_str("\tO\n"),
                Some((true, l)) => out.push_str(&format!("\tB-{l}\n")),
                Some((false, l)) => out.push_str(&format!("\tI-{l}\n")),
            }
        }
    }
    out
}

/// Writes every file to a temporary name in its folder, then renames them
/// all; on any failure the temporary files are removed and no target is
/// touched.
fn write_all_or_nothing(targets: &[(PathBuf, &[u8])]) -> Result<(), Failure> {
    let mut temps: Vec<PathBuf> = Vec::new();
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = fs::remove_file(t);
        }
    };
    for (path, content) in targets {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let base = path
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        let temp = dir.join(format!(".{base}.biaozhu-{}.tmp", std::process::id()));
        let written = fs::File::create(&temp).and_then(|mut f| {
            f.write_all(content)?;
            f.sync_all()
        });
        if let Err(e) = written {
            cleanup(&temps);
            let _ = fs::remove_file(&temp);
            return Err(data(format!("{}: {e}", path.display())));
        }
        temps.push(temp);
    }
    for (temp, (path, _)) in temps.iter().zip(targets) {
        if let Err(e) = fs::rename(temp, path) {
            cleanup(&temps);
            return Err(data(format!("{}: {e}", path.display())));
        }
    }
    Ok(())
}

/// Writes a project of several documents: one file of the format's
/// multi-document form, or, for brat, a ZIP of a folder of `.txt`/`.ann`
/// pairs (`-o` ending in `.zip`) or the folder itself.
fn convert_many(o: &Options, to: Format, project: &Project) -> Result<(), Failure> {
    let zip = o
        .output
        .as_ref()
        .is_some_and(|p| p.to_string_lossy().to_ascii_lowercase().ends_with(".zip"));
    // Prodigy and conll-word segment with the embedded dictionary.
    let (files, left_out): (Vec<(PathBuf, Vec<u8>)>, _) = if to == Format::Brat && !zip {
        let dir = o.output.as_ref().ok_or_else(|| {
            usage("brat writes a .txt and a .ann for each document; give -o FOLDER or -o FILE.zip")
        })?;
        fs::create_dir_all(dir).map_err(|e| data(format!("{}: {e}", dir.display())))?;
        let out = project.brat_folder(None).map_err(data)?;
        let files = out
            .files
            .into_iter()
            .map(|(name, c)| (dir.join(name), c.into_bytes()))
            .collect();
        (files, out.left_out)
    } else {
        let out = project.export_files(to, None, &|_| None).map_err(data)?;
        let path = o.output.clone().unwrap_or_default();
        let files = out
            .files
            .into_iter()
            .map(|(_, c)| (path.clone(), c))
            .collect();
        (files, out.left_out)
    };
    for l in &left_out {
        eprintln!("biaozhu: note: {to} cannot carry {l}");
    }
    match (&o.output, files.as_slice()) {
        (None, [(_, content)]) => std::io::stdout()
            .lock()
            .write_all(content)
            .map_err(|e| data(format!("stdout: {e}"))),
        _ => {
            let targets: Vec<(PathBuf, &[u8])> = files
                .iter()
                .map(|(p, c)| (p.clone(), c.as_slice()))
                .collect();
            write_all_or_nothing(&targets)
        }
    }
}

fn check(o: &Options) -> Result<(), Failure> {
    if o.inputs.is_empty() {
        return Err(usage("no INPUT file given"));
    }
    let mut failed = 0;
    for input in &o.inputs {
        let name = input.display().to_string();
        let (p, _) = match load_project(o, input) {
            Ok(p) => p,
            Err(Failure::Data(m)) => {
                eprintln!("biaozhu: {m}");
                failed += 1;
                continue;
            }
            Err(f) => return Err(f),
        };
        let annotations: usize = p.documents.iter().map(|d| d.doc.annotations.len()).sum();
        let relations: usize = p.documents.iter().map(|d| d.doc.relations.len()).sum();
        let n = p.documents.len();
        println!(
            "{name}: ok: {n} document{}, {annotations} annotation{}, {relations} relation{}; checked against the text",
            plural(n),
            plural(annotations),
            plural(relations),
        );
    }
    match failed {
        0 => Ok(()),
        n => Err(data(format!(
            "{n} of {} files could not be read (see above)",
            o.inputs.len()
        ))),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Figures of every INPUT together: documents by status, annotations per
/// label (in the label set's order), relations.
fn stats(o: &Options) -> Result<(), Failure> {
    if o.inputs.is_empty() {
        return Err(usage("no INPUT file given"));
    }
    let mut all = Project::new("stats");
    for input in &o.inputs {
        let (p, _) = load_project(o, input)?;
        for l in p.labels {
            if !all.labels.iter().any(|a| a.id == l.id) {
                all.labels.push(l);
            }
        }
        for d in p.documents {
            all.add(d.doc, d.status);
        }
    }
    let figures = project::Figures::of(&all);
    print!("{figures}");
    Ok(())
}

/// `agree`: the figures of `biaozhu::agree` for every INPUT, the first the
/// reference and the second the candidate.
fn agree(args: &[String]) -> Result<(), Failure> {
    let json = args.iter().any(|a| a == "--json");
    let diff = args.iter().any(|a| a == "--diff");
    let rest: Vec<String> = args
        .iter()
        .filter(|a| *a != "--json" && *a != "--diff")
        .cloned()
        .collect();
    let o = parse(&rest)?;
    if o.to.is_some() || o.output.is_some() {
        return Err(usage("agree takes no --to or -o"));
    }
    if o.inputs.len() < 2 {
        return Err(usage("agree needs two files or more: A B [C...]"));
    }
    // The dictionary is built while the files are read.
    let segmenter = std::thread::spawn(Segmenter::embedded);
    let projects = o
        .inputs
        .iter()
        .map(|input| load_project(&o, input).map(|(p, _)| (input.display().to_string(), p)))
        .collect::<Result<Vec<_>, _>>()?;
    let segmenter = segmenter
        .join()
        .map_err(|_| data("building the segmenter failed"))?;
    let sides: Vec<agreement::Side> = projects
        .iter()
        .map(|(name, p)| {
            agreement::Side::new(
                name,
                &p.labels,
                p.documents.iter().map(|d| &d.doc).collect(),
            )
        })
        .collect();
    let report = agreement::compare_with(&sides, &segmenter);
    for u in &report.unmatched {
        eprintln!(
            "biaozhu: note: document {:?} (sha256 {}) is only in {}; left out of the figures",
            u.document,
            &u.sha256[..12],
            u.found_in.join(", ")
        );
    }
    let out = if json {
        let mut v = serde_json::to_value(&report).map_err(data)?;
        if diff {
            v["diff"] = serde_json::to_value(&report.diff).map_err(data)?;
        }
        let mut s = serde_json::to_string_pretty(&v).map_err(data)?;
        s.push('\n');
        s
    } else {
        let mut s = agreement_table(&report);
        if diff {
            s.push_str(&diff_lines(&report));
        }
        s
    };
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| data(format!("stdout: {e}")))
}

fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{x:.4}"))
}

/// The report as a table a person reads.
fn agreement_table(r: &agreement::Report) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} documents in all {} files; reference {}, candidate {}",
        r.documents,
        r.annotators.len(),
        r.annotators[0],
        r.annotators[1]
    );
    let _ = writeln!(
        s,
        "\n{:<16} {:>6} {:>6} {:>9} {:>7} {:>7} {:>10}",
        "label", "ref", "cand", "precision", "recall", "f1", "overlap f1"
    );
    let o = &r.overall;
    let mut row = |name: &str, e: &agreement::Prf, overlap_f1: f64| {
        let _ = writeln!(
            s,
            "{name:<16} {:>6} {:>6} {:>9.4} {:>7.4} {:>7.4} {overlap_f1:>10.4}",
            e.reference, e.candidate, e.precision, e.recall, e.f1
        );
    };
    for (name, l) in &r.labels {
        row(name, &l.exact, l.overlap.f1);
    }
    row("(all)", &o.exact, o.overlap.f1);
    let _ = writeln!(
        s,
        "\nCohen's kappa: {} over characters, {} over words",
        figure(o.kappa),
        figure(o.kappa_words)
    );
    let _ = writeln!(
        s,
        "Fleiss' kappa {}, Krippendorff's alpha (nominal, characters) {}, all {} files",
        figure(o.fleiss_kappa),
        figure(o.alpha),
        r.annotators.len()
    );
    let _ = writeln!(
        s,
        "Krippendorff's unitizing alpha (spans, code points) {}, all {} files",
        figure(o.u_alpha),
        r.annotators.len()
    );
    let rel = &r.relations;
    let _ = writeln!(
        s,
        "relations: {} reference, {} candidate, precision {:.4} recall {:.4} f1 {:.4}",
        rel.reference, rel.candidate, rel.precision, rel.recall, rel.f1
    );
    let d = &r.disagreements;
    let _ = writeln!(
        s,
        "disagreements: {} missing, {} extra, {} label, {} boundary, {} both",
        d.missing, d.extra, d.label, d.boundary, d.both
    );
    s
}

/// `--diff`: one line per disagreement.
fn diff_lines(r: &agreement::Report) -> String {
    use std::fmt::Write as _;
    let side = |x: &Option<agreement::SpanOf>| {
        x.as_ref().map_or_else(
            || "-".to_owned(),
            |x| format!("[{},{}) {} {:?}", x.start, x.end, x.label, x.quote),
        )
    };
    let mut s = String::from("\n");
    for d in &r.diff {
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}",
            d.document,
            d.kind.name(),
            side(&d.reference),
            side(&d.candidate)
        );
    }
    s
}
