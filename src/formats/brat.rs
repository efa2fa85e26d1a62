//! brat standoff: a `.txt` with the text and a `.ann` beside it.
//!
//! ```text
//! T1⇥PER 4 6⇥李白
//! T4⇥ORG 24 26;29 31⇥北京 大学
//! R1⇥Born_in Arg1:T1 Arg2:T2⇥
//! A1⇥Historical T1
//! A2⇥Confidence T4 High
//! #1⇥AnnotatorNotes T4⇥free text
//! ```
//!
//! Offsets are **code points** of the `.txt` exactly as stored: brat reads it
//! as UTF-8 with no newline translation, so every `\r` of a CRLF file counts.
//! The TEXT column of a `T` line is the covered text, fragments joined by one
//! space; the import checks it and refuses the whole file on the first
//! mismatch (a pre-1.3 TEXT with the fragments joined without a space is
//! accepted, as brat does). When the offsets would match a CRLF copy of an LF text, the
//! error says so: a common trap when git renormalised the `.txt`.
//!
//! What is kept: `T` (with fragments), `R` (`Arg1` → `from`, `Arg2` → `to`),
//! `A`/`M` attributes of `T`s (a binary attribute becomes the value
//! `"true"`), and `#` notes on `T`s. Not imported: events (`E`; their
//! trigger `T`s are), normalizations (`N`), equivalences (`*`), and
//! attributes, notes and relations whose target is not a `T`.
//!
//! # Example
//!
//! ```
//! use biaozhu::formats::{self, Format};
//!
//! let ann = "T1\tPER 1 3\t李白\n";
//! // Code points: 😀 counts one.
//! let doc = formats::import(Format::Brat, "a.ann", ann, Some("😀李白")).unwrap();
//! assert_eq!((doc.annotations[0].start, doc.annotations[0].end), (1, 3));
//!
//! // The same .ann against a text where line ends lost their \r:
//! let ann = "T1\tPER 6 8\t李白\n";
//! let err = formats::import(Format::Brat, "b.ann", ann, Some("一\n二\n李白很好")).unwrap_err();
//! assert!(err.to_string().starts_with("b.ann:1: annotation T1 at [6, 8)"));
//! assert!(err.to_string().contains("CRLF"));
//! ```
//!
//! On export, an annotation that crosses a line end as brat's `.ann`
//! reader sees one (`\n`, `\r`, and the Unicode line boundaries of Python's
//! `splitlines`, U+2028 among them) is split into fragments there, ids that
//! are not `T<n>`/`R<n>` are renumbered, whitespace in types, relation
//! types, attribute names and values becomes `_` (an empty one is `_`),
//! and a note's line breaks become spaces; [`Exported::left_out`] says so,
//! along with creation times, label names and document labels. A document
//! with no annotations gives an empty `.ann`, which reads back as none.

use std::collections::{HashMap, HashSet};

use super::{
    check_quote, cut, excerpt, stem, Exported, ImportError, ImportErrorKind, LeftOut, Source,
};
use crate::annotation::{
    ensure_label, quote_in, AnnotatedDocument, Annotation, Relation, ValidationErrorKind,
};
use crate::offsets::IndexedText;

fn no_text_error(file: &str) -> ImportError {
    ImportError::new(
        file,
        ImportErrorKind::NeedsText(format!(
            "brat keeps the text in a .txt beside the .ann ({}.txt); give that file too",
            stem(file)
        )),
    )
}

/// Parses `S E;S E` into fragments.
fn parse_offsets(s: &str) -> Option<Vec<(u32, u32)>> {
    s.split(';')
        .map(|piece| {
            let mut it = piece.split_whitespace();
            let a = it.next()?.parse().ok()?;
            let b = it.next()?.parse().ok()?;
            it.next().is_none().then_some((a, b))
        })
        .collect()
}

/// The pieces' texts with nothing between them (brat before 1.3).
fn joined_without_space(text: &IndexedText, a: &Annotation) -> String {
    a.pieces()
        .iter()
        .filter_map(|&(s, e)| text.slice_cp(s as usize, e as usize).ok())
        .collect()
}

/// Reads a `.ann` against its `.txt`.
pub(crate) fn import(
    file: &str,
    content: &str,
    text: Option<&str>,
) -> Result<AnnotatedDocument, ImportError> {
    let text = text.ok_or_else(|| no_text_error(file))?;
    let indexed = IndexedText::new(text);
    let len = indexed.len_cp() as u32;
    let mut doc = AnnotatedDocument::new(&format!("{}.txt", stem(file)), text);
    let mut t_ids: HashMap<String, usize> = HashMap::new();
    let mut r_ids: HashSet<String> = HashSet::new();
    // Attributes and notes may come before their target: apply them after.
    let mut attrs: Vec<(usize, String, String, String)> = Vec::new();
    let mut notes: Vec<(usize, String, String)> = Vec::new();
    let mut rels: Vec<(usize, Relation)> = Vec::new();

    for (i, raw) in content.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        let syntax = |m: String| ImportError::syntax(file, n, m);
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().ok_or_else(|| {
            syntax(format!(
                "expected ID⇥… but there is no tab in {}; is this a brat .ann file?",
                excerpt(line)
            ))
        })?;
        let rest = cols.next();
        let shown = cut(id);
        match id.chars().next() {
            Some('T') => {
                let (kind, offs) = body.split_once(' ').ok_or_else(|| {
                    syntax(format!(
                        "{shown}: expected TYPE START END, found {}",
                        excerpt(body)
                    ))
                })?;
                if kind.is_empty() {
                    return Err(syntax(format!(
                        "{shown}: the type (the label) is empty: expected TYPE START END, found {}",
                        excerpt(body)
                    )));
                }
                let mut frags = parse_offsets(offs).ok_or_else(|| {
                    syntax(format!(
                        "{shown}: offsets {} are not START END pairs of whole numbers, 0 or more, separated by ';'",
                        excerpt(offs)
                    ))
                })?;
                frags.sort_unstable();
                let (start, end) = match (frags.first(), frags.last()) {
                    (Some(f), Some(l)) => (f.0, l.1),
                    _ => return Err(syntax(format!("{shown}: no offsets"))),
                };
                let a = Annotation {
                    id: id.to_owned(),
                    start,
                    end,
                    label: kind.to_owned(),
                    fragments: if frags.len() > 1 { frags } else { Vec::new() },
                    ..Annotation::default()
                };
                if let Err(e) = crate::annotation::check_span(&a, len) {
                    // Past the end of an LF text, but right on its CRLF copy?
                    if let (Some(quote), ValidationErrorKind::OutOfRange { .. }) = (rest, e.kind())
                    {
                        if let Err(q) = check_quote(file, &indexed, &a, quote) {
                            if matches!(
                                q.kind(),
                                ImportErrorKind::QuoteMismatch { hint: Some(_), .. }
                            ) {
                                return Err(q.at_line(n));
                            }
                        }
                    }
                    return Err(ImportError::invalid(file, e)
                        .at_line(n)
                        .with_span(a.start, a.end));
                }
                // brat fills a missing TEXT from the document, and accepts
                // pre-1.3 files whose fragments were joined without a space.
                if let Some(quote) = rest {
                    if !(a.is_discontinuous() && joined_without_space(&indexed, &a) == quote) {
                        check_quote(file, &indexed, &a, quote).map_err(|e| e.at_line(n))?;
                    }
                }
                if t_ids.insert(id.to_owned(), doc.annotations.len()).is_some() {
                    return Err(syntax(format!(
                        "{shown} is defined twice; ids must be unique"
                    )));
                }
                ensure_label(&mut doc.labels, kind);
                doc.annotations.push(a);
            }
            Some('R') => {
                let mut parts = body.split_whitespace();
                let kind = parts.next().unwrap_or("");
                let mut from = None;
                let mut to = None;
                for arg in parts {
                    match arg.split_once(':') {
                        Some(("Arg1", t)) => from = Some(t.to_owned()),
                        Some(("Arg2", t)) => to = Some(t.to_owned()),
                        _ => {}
                    }
                }
                let (from, to) = match (from, to) {
                    (Some(f), Some(t)) => (f, t),
                    _ => {
                        return Err(syntax(format!(
                            "{shown}: expected TYPE Arg1:ID Arg2:ID, found {}",
                            excerpt(body)
                        )))
                    }
                };
                if !r_ids.insert(id.to_owned()) {
                    return Err(syntax(format!(
                        "{shown} is defined twice; ids must be unique"
                    )));
                }
                rels.push((
                    n,
                    Relation {
                        id: id.to_owned(),
                        from,
                        to,
                        kind: kind.to_owned(),
                        ..Default::default()
                    },
                ));
            }
            Some('A' | 'M') => {
                let mut parts = body.split_whitespace();
                let (name, target) = match (parts.next(), parts.next()) {
                    (Some(a), Some(t)) => (a, t),
                    _ => {
                        return Err(syntax(format!(
                            "{shown}: expected NAME TARGET [VALUE], found {}",
                            excerpt(body)
                        )))
                    }
                };
                let value = parts.collect::<Vec<_>>().join(" ");
                let value = if value.is_empty() {
                    "true".to_owned()
                } else {
                    value
                };
                attrs.push((n, target.to_owned(), name.to_owned(), value));
            }
            Some('#') => {
                let target = body.split_whitespace().nth(1).ok_or_else(|| {
                    syntax(format!(
                        "{shown}: expected AnnotatorNotes ID⇥NOTE, found {}",
                        excerpt(body)
                    ))
                })?;
                notes.push((n, target.to_owned(), rest.unwrap_or("").to_owned()));
            }
            // Events, normalizations and equivalences: not carried.
            Some('E' | 'N' | '*') => {}
            _ => {
                return Err(syntax(format!(
                    "unknown line kind {shown}; brat ids start with T, R, E, A, M, N, # or *"
                )))
            }
        }
    }
    for (n, target, name, value) in attrs {
        if let Some(&i) = t_ids.get(&target) {
            if let Some(a) = doc.annotations.get_mut(i) {
                a.attributes.insert(name, value);
            }
        } else if target.starts_with('T') {
            return Err(ImportError::syntax(
                file,
                n,
                format!(
                    "attribute {} refers to {}, which is not defined",
                    cut(&name),
                    cut(&target)
                ),
            ));
        }
    }
    for (n, target, note) in notes {
        if let Some(a) = t_ids.get(&target).and_then(|&i| doc.annotations.get_mut(i)) {
            a.note = Some(match a.note.take() {
                Some(prev) => format!("{prev}\n{note}"),
                None => note,
            });
        } else if target.starts_with('T') {
            return Err(ImportError::syntax(
                file,
                n,
                format!(
                    "a note refers to {}, which is not defined",
                    excerpt(&target)
                ),
            ));
        }
    }
    for (n, r) in rels {
        let args_are_t = [&r.from, &r.to].iter().all(|a| a.starts_with('T'));
        if !args_are_t {
            continue; // a relation to an event: not carried
        }
        for arg in [&r.from, &r.to] {
            if !t_ids.contains_key(arg.as_str()) {
                return Err(ImportError::syntax(
                    file,
                    n,
                    format!(
                        "relation {} refers to {}, which is not defined",
                        cut(&r.id),
                        cut(arg)
                    ),
                ));
            }
        }
        doc.relations.push(r);
    }
    Ok(doc)
}

/// Whether `id` is `prefix` followed by digits.
fn is_brat_id(id: &str, prefix: char) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Spaces and tabs would break a line: brat types, attribute names and
/// values are single tokens.
fn token(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_whitespace() || brat_line_end(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    if t.is_empty() {
        "_".to_owned()
    } else {
        t
    }
}

/// Whether brat reads `c` as the end of a line of the `.ann`. brat opens
/// its files with Python's `codecs.open` and reads the `.ann` line by line,
/// which splits at every line boundary of `str.splitlines`: `\n`, `\r`,
/// U+000B, U+000C, U+001C–U+001E, U+0085, U+2028 and U+2029. A TEXT column,
/// type or note holding one would break its line in brat (its sentence
/// splitter ends sentences only at `\n`, but the `.ann` reader comes first).
fn brat_line_end(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A span's pieces split at the characters brat reads as line ends, which
/// are left out, so that its TEXT column stays on one line; brat itself
/// splits a selection across lines into fragments in the same way.
fn split_at_line_ends(text: &IndexedText, pieces: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (s, e) in pieces {
        let mut start = s;
        let piece = text.slice_cp(s as usize, e as usize).unwrap_or("");
        for (i, c) in (s..).zip(piece.chars()) {
            if brat_line_end(c) {
                if start < i {
                    out.push((start, i));
                }
                start = i + 1;
            }
        }
        if start < e {
            out.push((start, e));
        }
    }
    out
}

/// The next `{prefix}{n}` not in `used`.
fn fresh(used: &HashSet<&str>, prefix: char, next: &mut usize) -> String {
    loop {
        let id = format!("{prefix}{next}");
        *next += 1;
        if !used.contains(id.as_str()) {
            return id;
        }
    }
}

/// Writes `name.txt` and `name.ann`.
pub(crate) fn export(doc: &AnnotatedDocument, source: &Source<'_>) -> Exported {
    let text = source.text;
    let mut left = LeftOut::default();
    let mut ann = String::new();

    // Keep T<n> ids; give the others fresh numbers.
    let used: HashSet<&str> = doc
        .annotations
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| is_brat_id(id, 'T'))
        .collect();
    let mut next = 1usize;
    let mut t_of: HashMap<&str, String> = HashMap::new();
    let mut renamed = 0;
    for a in &doc.annotations {
        let id = if is_brat_id(&a.id, 'T') {
            a.id.clone()
        } else {
            renamed += 1;
            fresh(&used, 'T', &mut next)
        };
        t_of.insert(a.id.as_str(), id);
    }
    let (mut split, mut only_breaks, mut retyped, mut timed) = (0, 0, 0, 0);
    let mut attr_lines = String::new();
    let mut note_lines = String::new();
    let (mut n_attr, mut n_note) = (0, 0);
    let mut notes_flattened = 0;
    // brat attribute names and values are single tokens: whitespace becomes
    // `_` and an empty one is `_`.
    let mut attrs_changed: HashSet<&str> = HashSet::new();
    for a in &doc.annotations {
        let id = t_of.get(a.id.as_str()).cloned().unwrap_or_default();
        let pieces = split_at_line_ends(text, a.pieces());
        if pieces.is_empty() {
            only_breaks += 1;
            t_of.remove(a.id.as_str());
            continue;
        }
        if pieces != a.pieces() {
            split += 1;
        }
        let kind = token(&a.label);
        if kind != a.label {
            retyped += 1;
        }
        if !a.created.is_empty() {
            timed += 1;
        }
        // The quote of the pieces as written (a split may leave one piece).
        let mut piece_ann = Annotation::new(
            &a.id,
            pieces.first().map_or(a.start, |p| p.0),
            pieces.last().map_or(a.end, |p| p.1),
            &a.label,
        );
        if pieces.len() > 1 {
            piece_ann.fragments = pieces.clone();
        }
        let quote = quote_in(text, &piece_ann).unwrap_or_default();
        let offs: Vec<String> = pieces.iter().map(|(s, e)| format!("{s} {e}")).collect();
        ann.push_str(&format!("{id}\t{kind} {}\t{quote}\n", offs.join(";")));
        for (k, v) in &a.attributes {
            n_attr += 1;
            if token(k) != *k || (v != "true" && token(v) != *v) {
                attrs_changed.insert(a.id.as_str());
            }
            let v = if v == "true" {
                String::new()
            } else {
                format!(" {}", token(v))
            };
            attr_lines.push_str(&format!("A{n_attr}\t{} {id}{v}\n", token(k)));
        }
        if let Some(note) = &a.note {
            n_note += 1;
            // An AnnotatorNotes line is one line: its breaks become spaces.
            if note.contains(brat_line_end) {
                notes_flattened += 1;
            }
            let flat: String = note
                .chars()
                .map(|c| if brat_line_end(c) { ' ' } else { c })
                .collect();
            note_lines.push_str(&format!("#{n_note}\tAnnotatorNotes {id}\t{flat}\n"));
        }
    }
    let rel_used: HashSet<&str> = doc
        .relations
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| is_brat_id(id, 'R'))
        .collect();
    let mut next = 1usize;
    let (mut lost_relations, mut rekinded, mut rel_renamed) = (0, 0, 0);
    for r in &doc.relations {
        let id = if is_brat_id(&r.id, 'R') {
            r.id.clone()
        } else {
            rel_renamed += 1;
            fresh(&rel_used, 'R', &mut next)
        };
        let (from, to) = match (t_of.get(r.from.as_str()), t_of.get(r.to.as_str())) {
            (Some(f), Some(t)) => (f, t),
            _ => {
                lost_relations += 1;
                continue;
            }
        };
        if token(&r.kind) != r.kind {
            rekinded += 1;
        }
        ann.push_str(&format!(
            "{id}\t{} Arg1:{from} Arg2:{to}\t\n",
            token(&r.kind)
        ));
    }
    ann.push_str(&attr_lines);
    ann.push_str(&note_lines);

    left.count(
        split,
        "annotations crossing a line end or a Unicode line separator (split into fragments there, as brat reads lines)",
    );
    left.count(only_breaks, "annotations covering only line ends");
    left.count(
        lost_relations,
        "relations to annotations covering only line ends",
    );
    left.count(renamed, "annotation ids (renumbered as T1, T2, …)");
    left.count(rel_renamed, "relation ids (renumbered as R1, R2, …)");
    left.count(retyped, "labels with spaces (written with _)");
    left.count(
        rekinded,
        "relations whose type holds whitespace (written with _)",
    );
    left.count(
        notes_flattened,
        "notes with line breaks (written on one line, each break as a space)",
    );
    left.count(
        attrs_changed.len(),
        "annotations with attribute names or values holding whitespace or empty (written with _)",
    );
    left.count(timed, "creation times");
    left.document_extras(doc);
    let base = stem(&doc.name);
    Exported {
        files: vec![
            (format!("{base}.txt"), text.as_str().to_owned()),
            (format!("{base}.ann"), ann),
        ],
        left_out: left.into_vec(),
    }
}
