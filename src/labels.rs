//! The rule for a usable label, the one the page follows too.
//!
//! A label's id travels into every export format as a type or tag (brat's
//! `T1\tPER 0 3`, CoNLL's `B-PER`), where white space would split it and an
//! invisible character would make two ids look the same; its key must not
//! shadow one of the page's own commands. Files written by other tools break
//! these rules freely ("Person Name", a key of `w`), so an import is made
//! usable rather than refused: [`make_usable`] gives such a label an id that
//! follows the rule, keeps the original text as its name, and says so.
//!
//! The page (`www/js/labels.js`) implements the same rule; both are held to
//! one table of cases, `tests/fixtures/label-rules.json`.
//!
//! # Example
//!
//! ```
//! use biaozhu::annotation::{AnnotatedDocument, Annotation, Label};
//! use biaozhu::labels;
//!
//! let mut doc = AnnotatedDocument::new("libai.txt", "李白出生于碎叶城。");
//! doc.labels.push(Label::new("Person Name", "Person Name", "#e06c75", Some("w")));
//! doc.annotations.push(Annotation::new("a1", 0, 2, "Person Name"));
//! assert!(labels::check_label(&doc.labels[0], &[]).is_some());
//!
//! let notes = labels::make_usable(&mut doc);
//! assert_eq!(doc.labels[0].id, "Person_Name");
//! assert_eq!(doc.labels[0].name, "Person Name");
//! assert_eq!(doc.labels[0].key.as_deref(), Some("1")); // w widens a selection
//! assert_eq!(doc.annotations[0].label, "Person_Name");
//! assert_eq!(notes.len(), 2);
//! ```

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::annotation::{AnnotatedDocument, Label};

/// Longest label id, in code points.
pub const MAX_ID_LENGTH: usize = 40;
/// Longest label name, in code points (after trimming).
pub const MAX_NAME_LENGTH: usize = 40;

/// Keys the page uses for its own commands, and what for; the last three
/// are `KeyboardEvent.key` names.
pub const RESERVED_KEYS: [(&str, &str); 9] = [
    ("0", "a page command"),
    ("w", "widening the selection to whole words"),
    ("x", "toggling exact-character selection"),
    ("?", "showing the keyboard help"),
    ("r", "drawing a relation from the picked annotation"),
    ("n", "writing a note on the picked annotation or relation"),
    ("Escape", "cancelling the selection"),
    ("Delete", "deleting the selected annotation"),
    ("Backspace", "deleting the selected annotation"),
];

/// Colours given to labels that have none usable, in order: the page's list.
pub const EXTRA_COLORS: [&str; 12] = [
    "#e6550d", "#0072b2", "#009e73", "#e6ab02", "#cc79a7", "#56b4e9", "#8c6bb1", "#a6761d",
    "#66a61e", "#d95f02", "#7570b3", "#999999",
];

/// Every key a label may take, in the order free keys are handed out:
/// `1`–`9`, then `a`–`z` without the reserved letters.
pub fn allowed_keys() -> impl Iterator<Item = String> {
    ('1'..='9')
        .chain('a'..='z')
        .map(String::from)
        .filter(|k| !is_reserved(k))
}

fn is_reserved(key: &str) -> bool {
    RESERVED_KEYS.iter().any(|(k, _)| *k == key)
}

/// Characters an id may not hold: white space, control characters and the
/// invisible format characters (soft hyphen, zero-width and direction marks,
/// the byte order mark, tags). Spelt out rather than taken from a Unicode
/// category table so that the page's regular expression matches it exactly,
/// whatever Unicode version the browser has.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}')
}

/// What is wrong with a label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelProblem {
    /// `duplicate-id` when another label has its id, `bad-label` otherwise
    /// (the page's codes).
    pub code: &'static str,
    /// The field at fault: `id`, `name`, `color` or `key`.
    pub field: &'static str,
    /// One sentence a person can act on.
    pub message: String,
}

fn problem(code: &'static str, field: &'static str, message: String) -> Option<LabelProblem> {
    Some(LabelProblem {
        code,
        field,
        message,
    })
}

fn cp_len(s: &str) -> usize {
    s.chars().count()
}

/// How names compare: the way a person reads them (trimmed, NFC, case
/// folded to lowercase).
pub fn name_key(name: &str) -> String {
    name.trim().nfc().collect::<String>().to_lowercase()
}

fn is_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Checks `label` against the rule and against `others`, the rest of its set
/// (not including `label`). `None` when it is usable as it is.
pub fn check_label(label: &Label, others: &[Label]) -> Option<LabelProblem> {
    let id = &label.id;
    if id.is_empty() {
        return problem("bad-label", "id", "The label has no id.".into());
    }
    if cp_len(id) > MAX_ID_LENGTH {
        return problem(
            "bad-label",
            "id",
            format!(
                "The label id \"{}\" is too long (at most {MAX_ID_LENGTH} characters).",
                clip(id, MAX_NAME_LENGTH)
            ),
        );
    }
    if id.chars().any(is_invisible) {
        return problem(
            "bad-label",
            "id",
            format!("The label id \"{id}\" may not hold spaces or control characters."),
        );
    }
    if let Some(o) = others.iter().find(|o| o.id == *id) {
        return problem(
            "duplicate-id",
            "id",
            format!("Another label already has the id \"{id}\" ({}).", o.name),
        );
    }
    let name = label.name.trim();
    if name.is_empty() {
        return problem(
            "bad-label",
            "name",
            format!("The label \"{id}\" needs a name."),
        );
    }
    let n = cp_len(name);
    if n > MAX_NAME_LENGTH {
        return problem(
            "bad-label",
            "name",
            format!(
                "The name \"{}\" is too long: {n} characters, at most {MAX_NAME_LENGTH}.",
                clip(name, MAX_NAME_LENGTH)
            ),
        );
    }
    let key = name_key(name);
    if let Some(o) = others.iter().find(|o| name_key(&o.name) == key) {
        return problem(
            "bad-label",
            "name",
            format!("Another label is already called \"{}\".", o.name),
        );
    }
    if !is_color(&label.color) {
        return problem(
            "bad-label",
            "color",
            format!(
                "The colour of \"{name}\" must be written #rrggbb (six hexadecimal digits, e.g. #e6550d); got \"{}\".",
                clip(&label.color, 20)
            ),
        );
    }
    let k = match label.key.as_deref() {
        None | Some("") => return None,
        Some(k) => k,
    };
    if let Some((_, why)) = RESERVED_KEYS.iter().find(|(r, _)| *r == k) {
        return problem(
            "bad-label",
            "key",
            format!("The key \"{k}\" is reserved for {why}; choose 1–9 or another letter."),
        );
    }
    let lower = k.to_lowercase();
    if k.len() == 1
        && k.bytes().all(|b| b.is_ascii_uppercase())
        && allowed_keys().any(|a| a == lower)
    {
        return problem(
            "bad-label",
            "key",
            format!("Keys are lowercase: use \"{lower}\" instead of \"{k}\"."),
        );
    }
    if !allowed_keys().any(|a| a == k) {
        return problem(
            "bad-label",
            "key",
            format!(
                "The key \"{}\" cannot be used for a label; choose 1–9 or a lowercase letter other than w, x.",
                clip(k, 10)
            ),
        );
    }
    if let Some(o) = others.iter().find(|o| o.key.as_deref() == Some(k)) {
        return problem(
            "bad-label",
            "key",
            format!("The key \"{k}\" is already used by \"{}\".", o.name),
        );
    }
    None
}

/// `text` cut to `max` code points, with an ellipsis when it was longer.
fn clip(text: &str, max: usize) -> String {
    if cp_len(text) <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A usable id for `id`: runs of invisible characters become one `_` (so
/// "Person Name" is "Person_Name", and a Chinese id stays Chinese), cut to
/// fit the length limit with room for a number, and made unique among
/// `taken` (upper-cased ids: ids end up in case-insensitive places such as
/// file names) by a number: `Person_Name2`.
pub fn usable_id(id: &str, taken: &HashSet<String>) -> String {
    let cut: String = id.chars().take(MAX_ID_LENGTH - 4).collect();
    let mut base = String::new();
    let mut gap = false;
    for c in cut.chars() {
        if is_invisible(c) {
            gap = true;
            continue;
        }
        if gap && !base.is_empty() {
            base.push('_');
        }
        gap = false;
        base.push(c);
    }
    let base = base.trim_matches('_');
    let root = if base.is_empty() { "LABEL" } else { base };
    if !taken.contains(&root.to_uppercase()) {
        return root.to_owned();
    }
    (2..)
        .map(|n| format!("{root}{n}"))
        .find(|id| !taken.contains(&id.to_uppercase()))
        .expect("an unbounded range has a free number")
}

/// The key a file's `key` stands for, when a label may take it: an
/// uppercase letter is read as its lowercase; anything else is `None`.
pub fn usable_key(key: &str) -> Option<String> {
    let k = if key.len() == 1 && key.bytes().all(|b| b.is_ascii_uppercase()) {
        key.to_lowercase()
    } else {
        key.to_owned()
    };
    allowed_keys().any(|a| a == k).then_some(k)
}

/// Makes every label of `doc` follow the rule, changing what it must and
/// nothing else, and returns one phrase per change (for the CLI's stderr and
/// the page's banner):
///
/// - an id that breaks the rule gets [`usable_id`], its original text kept as
///   the name when the label had none, and every annotation follows;
/// - an empty name becomes the id; a long one is shortened; a name another
///   label has gets a number;
/// - a colour that is not `#rrggbb` gets one of [`EXTRA_COLORS`] no label
///   uses;
/// - a key that is reserved, not allowed or taken gets a free one (or none
///   when all are taken).
///
/// A repeated id is left for [`AnnotatedDocument::validate`] to refuse.
pub fn make_usable(doc: &mut AnnotatedDocument) -> Vec<String> {
    let mut notes = Vec::new();
    let mut taken: HashSet<String> = doc.labels.iter().map(|l| l.id.to_uppercase()).collect();
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    for l in &mut doc.labels {
        let id_ok =
            !l.id.is_empty() && cp_len(&l.id) <= MAX_ID_LENGTH && !l.id.chars().any(is_invisible);
        // A repeated id stays as it is, for validation to refuse.
        let repeated = !seen.insert(l.id.clone());
        if !id_ok && !repeated {
            let id = usable_id(&l.id, &taken);
            taken.insert(id.to_uppercase());
            notes.push(format!(
                "the label \"{}\" has the id {id} (an id may not be empty, hold spaces or control characters, nor be over {MAX_ID_LENGTH} characters); exports write {id}",
                clip(&l.id, MAX_NAME_LENGTH)
            ));
            if l.name.trim().is_empty() {
                l.name = l.id.clone();
            }
            renamed.insert(std::mem::replace(&mut l.id, id.clone()), id);
        }
        let given = if l.name.trim().is_empty() {
            l.id.clone()
        } else {
            l.name.trim().to_owned()
        };
        let name = clip(&given, MAX_NAME_LENGTH);
        if name != given {
            notes.push(format!(
                "the name of {} is shortened to \"{name}\" (at most {MAX_NAME_LENGTH} characters)",
                l.id
            ));
        }
        l.name = name;
    }
    for a in &mut doc.annotations {
        if let Some(id) = renamed.get(&a.label) {
            a.label = id.clone();
        }
    }

    let mut names: HashSet<String> = HashSet::new();
    for l in &mut doc.labels {
        let mut name = l.name.clone();
        let mut n = 2;
        while names.contains(&name_key(&name)) {
            let suffix = format!(" {n}");
            name = format!(
                "{}{suffix}",
                clip(&l.name, MAX_NAME_LENGTH - cp_len(&suffix))
            );
            n += 1;
        }
        if name != l.name {
            notes.push(format!(
                "\"{}\" is called \"{name}\": another label has that name",
                l.name
            ));
            l.name = name;
        }
        names.insert(name_key(&l.name));
    }

    let mut keys: HashSet<String> = HashSet::new();
    let mut wanting = Vec::new();
    for (i, l) in doc.labels.iter_mut().enumerate() {
        let Some(asked) = l.key.take() else { continue };
        if asked.is_empty() {
            continue;
        }
        match usable_key(&asked) {
            Some(k) if !keys.contains(&k) => {
                keys.insert(k.clone());
                l.key = Some(k);
            }
            _ => wanting.push((i, asked)),
        }
    }
    for (i, asked) in wanting {
        let free = allowed_keys().find(|k| !keys.contains(k));
        let l = &mut doc.labels[i];
        let why = match RESERVED_KEYS.iter().find(|(r, _)| *r == asked) {
            Some((_, use_)) => format!("reserved for {use_}"),
            None if usable_key(&asked).is_some() => "taken by another label".to_owned(),
            None => "not a key a label may take".to_owned(),
        };
        notes.push(format!(
            "the key \"{}\" of {} is {why}: it is {}",
            clip(&asked, 10),
            l.name,
            free.as_deref().unwrap_or("none")
        ));
        if let Some(k) = &free {
            keys.insert(k.clone());
        }
        l.key = free;
    }

    let mut colors: HashSet<String> = doc
        .labels
        .iter()
        .filter(|l| is_color(&l.color))
        .map(|l| l.color.to_lowercase())
        .collect();
    for (i, l) in doc.labels.iter_mut().enumerate() {
        if is_color(&l.color) {
            continue;
        }
        let color = EXTRA_COLORS
            .iter()
            .find(|c| !colors.contains(**c))
            .unwrap_or(&EXTRA_COLORS[i % EXTRA_COLORS.len()])
            .to_string();
        notes.push(format!(
            "the colour \"{}\" of {} is not #rrggbb: it is {color}",
            clip(&l.color, 20),
            l.name
        ));
        colors.insert(color.clone());
        l.color = color;
    }
    notes
}
