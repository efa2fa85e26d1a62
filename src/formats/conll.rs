//! CoNLL-style BIO (IOB2): one token a line, `token⇥TAG`, a blank line
//! between sentences.
//!
//! ```text
//! 😀⇥O
//! 李⇥B-PER
//! 白⇥I-PER
//! ```
//!
//! Two exports: `conll-char` (one code point a line) and `conll-word` (one
//! word of our [`Segmentation`] a line). There are no offsets: a position
//! is a token index. Sentences are those of [`Structure`].
//!
//! Lossy, and counted in [`Exported::left_out`]: whitespace is not a token,
//! so the text cannot be rebuilt from the file ("北京 大学" and "北京大学"
//! give the same lines), and a span starting or ending on whitespace comes
//! back trimmed to its first and last token (one of only whitespace is
//! gone); overlapping annotations cannot be expressed (the first, longest
//! one is kept, and the dropped ones leave no mark in it); a discontinuous
//! span becomes one entity per piece; at word level a span that does not
//! fall on word boundaries covers the words it touches (one lying inside
//! words tagged by another is gone); whitespace in a label becomes `_`;
//! relations, notes, attributes and creation times are lost. A sentence
//! end inside an annotation is not written as a break: the two sentences
//! are one block, so that the annotation reads back whole.
//!
//! Import reads characters or words: `token TAG` with a tab or spaces
//! between columns (the last column is the tag, so Label Studio's
//! `token -X- _ TAG` works), `-DOCSTART-` lines skipped. Tags may be IOB2,
//! IOB1 (an `I-X` after `O` starts an entity) or BIOES/BMES. With the
//! original text, tokens are aligned to it (whitespace in the text is
//! skipped) and every token must match the text, or the file is refused
//! naming the line; without it, the text is the tokens joined, one line a
//! sentence.

use super::{excerpt, stem, ExportError, Exported, ImportError, ImportErrorKind, LeftOut, Source};
use crate::annotation::{ensure_label, AnnotatedDocument, Annotation};
use crate::document::Structure;
use crate::offsets::{len_cp, IndexedText};
use crate::segment::Segmentation;

/// Whether `content` looks like CoNLL (non-blank lines of two or more
/// columns whose last one is a BIO tag), and at which level: words if any
/// token is longer than one code point.
pub(crate) fn looks_like_conll(content: &str) -> Option<super::Format> {
    let mut seen = 0;
    let mut words = false;
    for line in content.lines().filter(|l| !l.trim().is_empty()).take(200) {
        if line.starts_with("-DOCSTART-") {
            continue;
        }
        match split_line(line) {
            Some((token, tag)) if parse_tag(tag).is_some() => {
                seen += 1;
                words |= token.chars().nth(1).is_some();
            }
            _ => return None,
        }
    }
    (seen > 0).then_some(if words {
        super::Format::ConllWord
    } else {
        super::Format::ConllChar
    })
}

fn split_line(line: &str) -> Option<(&str, &str)> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.contains('\t') {
        let token = line.split('\t').next()?;
        let tag = line.rsplit('\t').next()?;
        (line.matches('\t').count() >= 1 && !token.is_empty()).then_some((token, tag.trim()))
    } else {
        let mut cols = line.split(' ').filter(|c| !c.is_empty());
        let token = cols.next()?;
        let tag = cols.next_back()?;
        Some((token, tag))
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag<'a> {
    O,
    Begin(&'a str),
    Inside(&'a str),
    End(&'a str),
    Single(&'a str),
}

fn parse_tag(tag: &str) -> Option<Tag<'_>> {
    if tag == "O" {
        return Some(Tag::O);
    }
    let (p, label) = tag.split_once(['-', '_'])?;
    if label.is_empty() {
        return None;
    }
    Some(match p {
        "B" => Tag::Begin(label),
        "I" | "M" => Tag::Inside(label),
        "E" => Tag::End(label),
        "S" => Tag::Single(label),
        _ => return None,
    })
}

fn tag_label(l: &str) -> String {
    l.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// Which annotation each code point belongs to, at most one; also counts
/// the annotations that had to be left out for overlapping a kept one.
fn assign(doc: &AnnotatedDocument, len: usize) -> (Vec<Option<usize>>, usize) {
    let mut order: Vec<usize> = (0..doc.annotations.len()).collect();
    order.sort_by_key(|&i| {
        let a = &doc.annotations[i];
        (a.start, std::cmp::Reverse(a.end), i)
    });
    let mut owner: Vec<Option<usize>> = vec![None; len];
    let mut dropped = 0;
    for i in order {
        let a = &doc.annotations[i];
        let cps: Vec<usize> = a
            .pieces()
            .into_iter()
            .flat_map(|(s, e)| s as usize..e as usize)
            .collect();
        if cps
            .iter()
            .any(|&c| owner.get(c).is_some_and(Option::is_some))
        {
            dropped += 1;
            continue;
        }
        for c in cps {
            if let Some(o) = owner.get_mut(c) {
                *o = Some(i);
            }
        }
    }
    (owner, dropped)
}

fn common_left_out(doc: &AnnotatedDocument, text: &str, left: &mut LeftOut, dropped: usize) {
    left.count(dropped, "overlapping annotations");
    left.count(
        doc.annotations
            .iter()
            .filter(|a| a.is_discontinuous())
            .count(),
        "discontinuous annotations (one entity per piece)",
    );
    left.count(doc.relations.len(), "relations");
    left.notes(doc);
    left.attributes(doc);
    left.creation_times(doc);
    left.when(
        text.chars().any(char::is_whitespace),
        "whitespace of the text (not a token)",
    );
    left.document_extras(doc);
}

/// Sentence index of every code point (whitespace between sentences
/// belongs to the next one).
fn sentence_of(source: &Source<'_>) -> Vec<usize> {
    let text = source.text;
    let found;
    let s = match source.structure {
        Some(s) => s,
        None => {
            found = Structure::of(text.as_str());
            &found
        }
    };
    let len = text.len_cp();
    let mut out = vec![0; len];
    let mut k = 0;
    for (i, slot) in out.iter_mut().enumerate() {
        while s
            .sentences
            .get(k)
            .is_some_and(|&(_, end)| end as usize <= i)
        {
            k += 1;
        }
        *slot = k;
    }
    out
}

/// Where each kept annotation's pieces begin in the file: the first
/// non-whitespace code point of each piece (whitespace is not a token, so a
/// piece starting on it begins at its first written character). Only kept
/// annotations count: a `B-` at the start of one that was dropped for
/// overlapping would cut the kept one in two.
fn piece_starts(doc: &AnnotatedDocument, text: &IndexedText, owner: &[Option<usize>]) -> Vec<bool> {
    let dense = text.dense();
    let mut starts = vec![false; owner.len()];
    let mut kept: Vec<usize> = owner.iter().copied().flatten().collect();
    kept.sort_unstable();
    kept.dedup();
    for a in kept {
        for (s, e) in doc.annotations[a].pieces() {
            let first = (s as usize..e as usize)
                .find(|&i| dense.char_at(i).is_some_and(|c| !c.is_whitespace()));
            if let Some(slot) = first.and_then(|i| starts.get_mut(i)) {
                *slot = true;
            }
        }
    }
    starts
}

/// What the exports lose at the edges of the kept annotations: the
/// whitespace that is not written (a piece is trimmed to its first and last
/// token; a piece of only whitespace is gone), and labels whose whitespace
/// becomes `_` in the tag.
fn whitespace_left_out(
    doc: &AnnotatedDocument,
    text: &IndexedText,
    owner: &[Option<usize>],
    left: &mut LeftOut,
) {
    let dense = text.dense();
    let blank = |i: u32| dense.char_at(i as usize).is_some_and(char::is_whitespace);
    let mut kept: Vec<usize> = owner.iter().copied().flatten().collect();
    kept.sort_unstable();
    kept.dedup();
    let (mut trimmed, mut gone, mut relabelled) = (0, 0, 0);
    for &a in &kept {
        let ann = &doc.annotations[a];
        let pieces = ann.pieces();
        if pieces.iter().all(|&(s, e)| (s..e).all(blank)) {
            gone += 1;
        } else if pieces.iter().any(|&(s, e)| blank(s) || blank(e - 1)) {
            trimmed += 1;
        }
        if tag_label(&ann.label) != ann.label {
            relabelled += 1;
        }
    }
    left.count(
        trimmed,
        "annotations starting or ending on whitespace (trimmed to their first and last token)",
    );
    left.count(gone, "annotations of only whitespace");
    left.count(
        relabelled,
        "annotations whose label holds whitespace (written with _)",
    );
}

/// Whether the token at `i` ends a sentence in the file: the sentence
/// changes there, unless an annotation runs on across the sentence end
/// (the file would read two entities; the two sentences are written as
/// one instead, and the annotation is kept whole).
fn breaks_here(changed: bool, prev: Option<usize>, o: Option<usize>, starts_piece: bool) -> bool {
    changed && !(o.is_some() && o == prev && !starts_piece)
}

/// One code point a line.
pub(crate) fn export_char(doc: &AnnotatedDocument, source: &Source<'_>) -> Exported {
    let text = source.text;
    let (owner, dropped) = assign(doc, text.len_cp());
    let sentence = sentence_of(source);
    let starts = piece_starts(doc, text, &owner);
    let mut out = String::new();
    let mut prev: Option<usize> = None; // annotation of the previous token
    let mut prev_sentence = None;
    for (i, c) in text.as_str().chars().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        let o = owner.get(i).copied().flatten();
        let starts_piece = starts.get(i).copied().unwrap_or(false);
        let sent = sentence.get(i).copied();
        let changed = prev_sentence.is_some() && sent != prev_sentence;
        if breaks_here(changed, prev, o, starts_piece) {
            out.push('\n');
            prev = None;
        }
        prev_sentence = sent;
        let tag = match o {
            None => "O".to_owned(),
            Some(a) => {
                let l = tag_label(&doc.annotations[a].label);
                if prev != Some(a) || starts_piece {
                    format!("B-{l}")
                } else {
                    format!("I-{l}")
                }
            }
        };
        prev = o;
        out.push(c);
        out.push('\t');
        out.push_str(&tag);
        out.push('\n');
    }
    let mut left = LeftOut::default();
    whitespace_left_out(doc, text, &owner, &mut left);
    common_left_out(doc, text.as_str(), &mut left, dropped);
    Exported {
        files: vec![(format!("{}.char.bio", stem(&doc.name)), out)],
        left_out: left.into_vec(),
    }
}

/// One word a line.
pub(crate) fn export_word(
    doc: &AnnotatedDocument,
    source: &Source<'_>,
    words: &Segmentation,
) -> Result<Exported, ExportError> {
    // The words were checked against the text (`export_on`).
    let text = source.text;
    let dense = text.dense();
    let (owner, dropped) = assign(doc, text.len_cp());
    let sentence = sentence_of(source);
    let starts = piece_starts(doc, text, &owner);
    let mut out = String::new();
    let mut prev: Option<usize> = None;
    let mut prev_sentence = None;
    let mut misaligned = std::collections::HashSet::new();
    // The annotations that tag at least one word.
    let mut written = std::collections::HashSet::new();
    for w in &words.words {
        let (s, e) = (w.start as usize, w.end as usize);
        let owners: Vec<Option<usize>> = (s..e).map(|i| owner.get(i).copied().flatten()).collect();
        let o = owners.iter().copied().flatten().next();
        // A piece that starts on whitespace begins at its first written
        // character, as at character level: else it would run on from the
        // piece before it.
        let starts_piece = o.is_some_and(|a| {
            (s..e).any(|i| starts.get(i) == Some(&true) && owners[i - s] == Some(a))
        });
        let sent = sentence.get(s).copied();
        let changed = prev_sentence.is_some() && sent != prev_sentence;
        if breaks_here(changed, prev, o, starts_piece) {
            out.push('\n');
            prev = None;
        }
        prev_sentence = sent;
        if let Some(a) = o {
            written.insert(a);
        }
        if let Some(a) = o {
            if owners.iter().any(|x| *x != Some(a)) {
                misaligned.insert(a);
            }
        }
        for x in owners.iter().copied().flatten() {
            if Some(x) != o {
                misaligned.insert(x);
            }
        }
        let tag = match o {
            None => "O".to_owned(),
            Some(a) => {
                let l = tag_label(&doc.annotations[a].label);
                if prev != Some(a) || starts_piece {
                    format!("B-{l}")
                } else {
                    format!("I-{l}")
                }
            }
        };
        prev = o;
        out.push_str(dense.slice(s, e));
        out.push('\t');
        out.push_str(&tag);
        out.push('\n');
    }
    let mut left = LeftOut::default();
    // A kept annotation that tags no word lies inside words tagged by
    // others (or covers only whitespace): it is not in the file at all.
    let mut kept: Vec<usize> = owner.iter().copied().flatten().collect();
    kept.sort_unstable();
    kept.dedup();
    let dense_text = text.dense();
    let lost = kept
        .iter()
        .filter(|a| !written.contains(*a))
        .filter(|&&a| {
            // Only whitespace is counted by whitespace_left_out.
            doc.annotations[a].pieces().iter().any(|&(s, e)| {
                (s as usize..e as usize)
                    .any(|i| dense_text.char_at(i).is_some_and(|c| !c.is_whitespace()))
            })
        })
        .count();
    left.count(
        misaligned.len().saturating_sub(lost),
        "annotations not on word boundaries (widened or narrowed to whole words)",
    );
    left.count(
        lost,
        "annotations inside words tagged by another annotation",
    );
    whitespace_left_out(doc, text, &owner, &mut left);
    common_left_out(doc, text.as_str(), &mut left, dropped);
    Ok(Exported {
        files: vec![(format!("{}.word.bio", stem(&doc.name)), out)],
        left_out: left.into_vec(),
    })
}

/// Reads tokens and tags, against `text` when given.
pub(crate) fn import(
    file: &str,
    content: &str,
    text: Option<&str>,
) -> Result<AnnotatedDocument, ImportError> {
    // (line, token, tag) per token; None for a sentence break.
    let mut rows: Vec<Option<(usize, &str, Tag<'_>)>> = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let n = i + 1;
        let trimmed = line.trim_end_matches('\r');
        if trimmed.trim().is_empty() {
            if rows.last().is_some_and(Option::is_some) {
                rows.push(None);
            }
            continue;
        }
        if trimmed.starts_with("-DOCSTART-") {
            continue;
        }
        let (token, tag) = split_line(trimmed).ok_or_else(|| {
            ImportError::syntax(
                file,
                n,
                format!("expected TOKEN TAG, found {}", excerpt(trimmed)),
            )
        })?;
        if token == trimmed.trim() {
            return Err(ImportError::syntax(
                file,
                n,
                format!("expected TOKEN TAG, found only {}", excerpt(trimmed)),
            ));
        }
        let tag = parse_tag(tag).ok_or_else(|| {
            ImportError::syntax(
                file,
                n,
                format!(
                    "{} is not a tag: expected O, B-X, I-X (or BIOES: E-X, S-X, M-X), X a label that is not empty",
                    excerpt(tag)
                ),
            )
        })?;
        rows.push(Some((n, token, tag)));
    }
    while rows.last().is_some_and(Option::is_none) {
        rows.pop();
    }
    // Place every token in the text.
    let (full, given) = match text {
        Some(t) => (t.to_owned(), true),
        None => {
            let mut t = String::new();
            for r in &rows {
                match r {
                    Some((_, tok, _)) => t.push_str(tok),
                    None => t.push('\n'),
                }
            }
            (t, false)
        }
    };
    let indexed = IndexedText::new(full.as_str());
    let text = indexed.dense();
    let n_cp = text.len_cp();
    let mut p = 0usize;
    let mut placed: Vec<Option<(usize, u32, u32, Tag<'_>)>> = Vec::with_capacity(rows.len());
    for r in &rows {
        let Some((n, tok, tag)) = r else {
            placed.push(None);
            if !given {
                p += 1; // the '\n' joined in
            }
            continue;
        };
        if given {
            while text.char_at(p).is_some_and(char::is_whitespace) {
                p += 1;
            }
        }
        let end = p + len_cp(tok);
        if end > n_cp {
            let what = format!("the token {}", excerpt(tok));
            return Err(ImportError::syntax(
                file,
                *n,
                super::past_end(&what, p as u32, end as u32, n_cp),
            )
            .with_span(p as u32, end as u32));
        }
        if text.slice(p, end) != *tok {
            return Err(ImportError::new(
                file,
                ImportErrorKind::QuoteMismatch {
                    id: format!("token {}", excerpt(tok)),
                    start: p as u32,
                    end: end as u32,
                    in_file: (*tok).to_owned(),
                    in_text: text.slice(p, end.min(n_cp)).to_owned(),
                    hint: None,
                    past_end_of: None,
                },
            )
            .at_line(*n)
            .with_span(p as u32, end as u32));
        }
        placed.push(Some((*n, p as u32, end as u32, *tag)));
        p = end;
    }
    let rest = text.slice(p, n_cp);
    if given && rest.chars().any(|c| !c.is_whitespace()) {
        return Err(ImportError::new(
            file,
            ImportErrorKind::TextMismatch(format!(
                "the tokens end at code point {p} but the text goes on ({}); the file was made from a different text",
                excerpt(rest.trim_start())
            )),
        )
        .with_span(p as u32, n_cp as u32));
    }
    let mut doc = AnnotatedDocument::new(&format!("{}.txt", stem(file)), &full);
    let mut open: Option<(String, u32, u32)> = None;
    let mut spans = Vec::new();
    let mut close = |open: &mut Option<(String, u32, u32)>| {
        if let Some(o) = open.take() {
            spans.push(o);
        }
    };
    for pl in placed {
        let Some((_, s, e, tag)) = pl else {
            close(&mut open);
            continue;
        };
        match tag {
            Tag::O => close(&mut open),
            Tag::Begin(l) | Tag::Single(l) => {
                close(&mut open);
                open = Some((l.to_owned(), s, e));
                if matches!(tag, Tag::Single(_)) {
                    close(&mut open);
                }
            }
            Tag::Inside(l) | Tag::End(l) => {
                match &mut open {
                    Some((ol, _, oe)) if ol == l => *oe = e,
                    _ => {
                        close(&mut open);
                        open = Some((l.to_owned(), s, e));
                    }
                }
                if matches!(tag, Tag::End(_)) {
                    close(&mut open);
                }
            }
        }
    }
    close(&mut open);
    for (k, (label, s, e)) in spans.into_iter().enumerate() {
        ensure_label(&mut doc.labels, &label);
        doc.annotations
            .push(Annotation::new(&format!("a{}", k + 1), s, e, &label));
    }
    Ok(doc)
}
