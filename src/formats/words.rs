//! The words of import errors: what a field must be and what the file
//! holds instead, said without serde's or Rust's names, quoting at most
//! an excerpt of the file; and where in a JSON text a value is, which
//! serde_json's values and errors do not say.

use crate::annotation::ValidationError;

/// At most this many characters of a file's content are quoted in a
/// message: a 50 MB token must not become 50 MB on stderr.
pub const EXCERPT_CHARS: usize = 40;

/// `s` quoted for a message: whole when short, else its first
/// [`EXCERPT_CHARS`] characters and an ellipsis. Every message that quotes
/// what a file holds quotes it through here.
pub(crate) fn excerpt(s: &str) -> String {
    match s.char_indices().nth(EXCERPT_CHARS) {
        None => format!("{s:?}"),
        Some((at, _)) => format!("{:?}…", &s[..at]),
    }
}

/// `e` with the ids and labels it names cut as [`cut`] cuts: they come
/// from the file, and may be any length.
pub(super) fn shortened(e: ValidationError) -> ValidationError {
    use crate::annotation::ValidationErrorKind::*;
    let kind = match e.kind().clone() {
        Reversed { id, start, end } => Reversed {
            id: cut(&id),
            start,
            end,
        },
        Empty { id, at } => Empty { id: cut(&id), at },
        OutOfRange {
            id,
            start,
            end,
            len,
        } => OutOfRange {
            id: cut(&id),
            start,
            end,
            len,
        },
        BadFragments { id, why } => BadFragments { id: cut(&id), why },
        UnknownLabel { id, label } => UnknownLabel {
            id: cut(&id),
            label: cut(&label),
        },
        DuplicateId { what, id } => DuplicateId { what, id: cut(&id) },
        DanglingRelation { id, missing } => DanglingRelation {
            id: cut(&id),
            missing: cut(&missing),
        },
    };
    ValidationError::new(kind)
}

/// An id or name from a file, unquoted, cut as [`excerpt`] cuts.
pub(crate) fn cut(s: &str) -> String {
    match s.char_indices().nth(EXCERPT_CHARS) {
        None => s.to_owned(),
        Some((at, _)) => format!("{}…", &s[..at]),
    }
}

/// A JSON value as a message names what was found instead of what a field
/// must hold.
pub(crate) fn describe(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {}", excerpt(&n.to_string()).trim_matches('"')),
        Value::String(s) if s.is_empty() => "an empty string".into(),
        Value::String(s) => format!("the string {}", excerpt(s)),
        Value::Array(a) if a.is_empty() => "an empty list".into(),
        Value::Array(a) => format!("a list of {} items", a.len()),
        Value::Object(_) => "an object".into(),
    }
}

/// The message for a span `[start, end)` that ends past a text of `len`
/// characters; `what` names the span.
pub(crate) fn past_end(what: &str, start: u32, end: u32, len: usize) -> String {
    format!("{what} at [{start}, {end}) is past the end of the text, which has {len} characters; the annotations were made on a different (longer) text")
}

/// `"key" must be EXPECTED, found …`, or `"key" is missing` when `found` is
/// `None`.
pub(crate) fn wrong_field(key: &str, expected: &str, found: Option<&serde_json::Value>) -> String {
    match found {
        None => format!("\"{key}\" is missing: it must be {expected}"),
        Some(v) => format!("\"{key}\" must be {expected}, found {}", describe(v)),
    }
}

/// The string `v[key]`, which must be there.
pub(crate) fn field_str<'a>(v: &'a serde_json::Value, key: &str) -> Result<&'a str, String> {
    let f = v.get(key);
    f.and_then(serde_json::Value::as_str)
        .ok_or_else(|| wrong_field(key, "a string", f))
}

/// The string `v[key]` when it is there (`null` is not a string).
pub(crate) fn opt_field_str<'a>(
    v: &'a serde_json::Value,
    key: &str,
) -> Result<Option<&'a str>, String> {
    match v.get(key) {
        None => Ok(None),
        Some(f) => f
            .as_str()
            .map(Some)
            .ok_or_else(|| wrong_field(key, "a string", Some(f))),
    }
}

/// A label read from a file: a string that is not empty. `key` names where
/// it was found, for the message.
pub(crate) fn label_value<'a>(
    v: Option<&'a serde_json::Value>,
    key: &str,
) -> Result<&'a str, String> {
    match v.and_then(serde_json::Value::as_str) {
        Some("") => Err(format!(
            "\"{key}\" is an empty string: every span needs a label"
        )),
        Some(l) => Ok(l),
        None => Err(wrong_field(key, "a label (a string that is not empty)", v)),
    }
}

/// An offset `v[key]`: a whole number of code points (or units), 0 or more.
pub(crate) fn field_offset(v: &serde_json::Value, key: &str) -> Result<u32, String> {
    let f = v.get(key);
    f.and_then(serde_json::Value::as_u64)
        .and_then(|x| u32::try_from(x).ok())
        .ok_or_else(|| wrong_field(key, "a whole number, 0 or more", f))
}

/// One step of a path into a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

enum Frame {
    Obj { key: String, has_key: bool },
    Arr(usize),
}

/// A walk over JSON text a character at a time that knows the path of
/// where it is: JSON values from serde_json carry no positions, and
/// serde_json's errors no path.
struct JsonWalk {
    stack: Vec<Frame>,
    in_string: bool,
    escaped: bool,
    /// The key being read, when the string being read is one.
    key: Option<String>,
    /// Whether the next token starts a value (not a key, a comma or a
    /// colon).
    expect: bool,
}

impl JsonWalk {
    fn new() -> JsonWalk {
        JsonWalk {
            stack: Vec::new(),
            in_string: false,
            escaped: false,
            key: None,
            expect: true,
        }
    }

    /// Whether `c`, next, starts a value.
    fn starts_value(&self, c: char) -> bool {
        !self.in_string && self.expect && !c.is_whitespace() && !matches!(c, ',' | ':' | '}' | ']')
    }

    /// Takes `c`.
    fn step(&mut self, c: char) {
        if self.in_string {
            // `\"` and `\\` are kept as the character; other escapes
            // (`\n`, `\u4e2d`) as written, less their backslash: a key that
            // holds them is rare, and only named in a message.
            let keep = if self.escaped {
                self.escaped = false;
                true
            } else if c == '\\' {
                self.escaped = true;
                false
            } else if c == '"' {
                self.in_string = false;
                if let (Some(k), Some(Frame::Obj { key, has_key })) =
                    (self.key.take(), self.stack.last_mut())
                {
                    *key = k;
                    *has_key = false;
                }
                false
            } else {
                true
            };
            if let (true, Some(k)) = (keep, self.key.as_mut()) {
                // Enough of a key to name it; a 50 MB key is not kept.
                if k.chars().count() <= EXCERPT_CHARS {
                    k.push(c);
                }
            }
            return;
        }
        match c {
            ',' => match self.stack.last_mut() {
                Some(Frame::Arr(i)) => {
                    *i += 1;
                    self.expect = true;
                }
                Some(Frame::Obj { key, has_key }) => {
                    key.clear();
                    *has_key = false;
                    self.expect = false;
                }
                None => {}
            },
            ':' => {
                if let Some(Frame::Obj { has_key, .. }) = self.stack.last_mut() {
                    *has_key = true;
                }
                self.expect = true;
            }
            '}' | ']' => {
                self.stack.pop();
                self.expect = false;
            }
            c if c.is_whitespace() => {}
            _ => {
                let starts = self.expect;
                match c {
                    '"' => {
                        self.in_string = true;
                        self.key = (!starts).then(String::new);
                        self.expect = false;
                    }
                    '{' => {
                        self.stack.push(Frame::Obj {
                            key: String::new(),
                            has_key: false,
                        });
                        self.expect = false;
                    }
                    '[' => {
                        self.stack.push(Frame::Arr(0));
                        self.expect = true;
                    }
                    _ => self.expect = false,
                }
            }
        }
    }

    /// Whether the path here is `path`.
    fn is_at(&self, path: &[Step<'_>]) -> bool {
        let mut steps = path.iter();
        for f in &self.stack {
            let ok = match f {
                Frame::Obj { key, has_key: true } => steps.next() == Some(&Step::Key(key)),
                Frame::Arr(i) => steps.next() == Some(&Step::Index(*i)),
                Frame::Obj { .. } => true,
            };
            if !ok {
                return false;
            }
        }
        steps.next().is_none()
    }

    /// The path here, as `annotations[2].start`.
    fn path(&self) -> String {
        let mut path = String::new();
        for f in &self.stack {
            match f {
                Frame::Obj { key, has_key: true } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Frame::Arr(i) => path.push_str(&format!("[{i}]")),
                Frame::Obj { .. } => {}
            }
        }
        path
    }
}

/// The path (`annotations[2].start`) of the value that a parser stopped at,
/// line `line` and column `column` (1-based) of `content`, found by
/// walking the JSON before it.
pub(super) fn json_path(content: &str, line: usize, column: usize) -> String {
    let line_start = match line {
        0 | 1 => 0,
        _ => content
            .match_indices('\n')
            .nth(line - 2)
            .map_or(content.len(), |(i, _)| i + 1),
    };
    let mut end = (line_start + column).min(content.len());
    while !content.is_char_boundary(end) {
        end -= 1;
    }
    let mut walk = JsonWalk::new();
    for c in content[..end].chars() {
        walk.step(c);
    }
    walk.path()
}

/// The 1-based line where the value at `path` starts in the JSON text
/// `content`, to point at a record that carries no id.
pub(crate) fn line_of_path(content: &str, path: &[Step<'_>]) -> Option<usize> {
    let mut walk = JsonWalk::new();
    let mut line = 1;
    for c in content.chars() {
        if c == '\n' {
            line += 1;
        }
        if walk.starts_value(c) && walk.is_at(path) {
            return Some(line);
        }
        walk.step(c);
    }
    None
}

/// serde's words for a JSON value (`string "…"`, `integer `-1``, `map`) in
/// the file's words, quoting at most an excerpt.
fn found_words(unexpected: &str) -> String {
    let tick = |s: &str| s.trim_matches('`').to_owned();
    if let Some(s) = unexpected.strip_prefix("string ") {
        // serde quotes the string whole, escaped; quote the start of it.
        let inner = s
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(s);
        return match inner.char_indices().nth(EXCERPT_CHARS) {
            None => format!("the string \"{inner}\""),
            Some((at, _)) => format!("the string \"{}\"…", &inner[..at]),
        };
    }
    if let Some(n) = unexpected
        .strip_prefix("integer ")
        .or_else(|| unexpected.strip_prefix("floating point "))
    {
        return format!("the number {}", tick(n));
    }
    if let Some(b) = unexpected.strip_prefix("boolean ") {
        return tick(b);
    }
    match unexpected {
        "map" => "an object".into(),
        "sequence" => "a list".into(),
        "null" | "unit value" => "null".into(),
        _ => "a value of another kind".into(),
    }
}

/// serde's name for what was expected in the file's words: no Rust type
/// names.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    if e.starts_with("struct ") || e.starts_with("a map") || e == "map" {
        return "an object".into();
    }
    if let Some(n) = e
        .strip_prefix("a tuple of size ")
        .or_else(|| e.strip_prefix("tuple of "))
    {
        let n: String = n.chars().take_while(char::is_ascii_digit).collect();
        return format!("a list of {n} whole numbers");
    }
    match e {
        "a string" | "a borrowed string" => "a string".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a sequence" => "a list".into(),
        "a boolean" => "true or false".into(),
        _ => "a value of another kind".into(),
    }
}

/// A serde data error (`invalid type: map, expected struct Label`) at
/// `path` in the file's words.
pub(super) fn shape_message(path: &str, msg: &str) -> String {
    let at = if path.starts_with("the ") {
        path.to_owned()
    } else {
        format!("\"{path}\"")
    };
    let (head, expected) = match msg.rfind(", expected ") {
        Some(i) => (&msg[..i], Some(&msg[i + ", expected ".len()..])),
        None => (msg, None),
    };
    let expected = expected.map_or_else(|| "a value of another kind".to_owned(), expected_words);
    if let Some(found) = head
        .strip_prefix("invalid type: ")
        .or_else(|| head.strip_prefix("invalid value: "))
    {
        return format!("{at} must be {expected}, found {}", found_words(found));
    }
    if let Some(n) = head.strip_prefix("invalid length ") {
        return format!("{at} must be {expected}, found a list of {n} items");
    }
    let field = |rest: &str| rest.trim_matches('`').to_owned();
    if let Some(f) = head.strip_prefix("missing field ") {
        return format!("{at}: \"{}\" is missing", field(f));
    }
    if let Some(f) = head.strip_prefix("duplicate field ") {
        return format!("{at}: \"{}\" appears twice", field(f));
    }
    format!("{at}: {}", plain_serde(head))
}

/// A serde message with any quoted content cut to an excerpt.
pub(super) fn plain_serde(msg: &str) -> String {
    match msg.char_indices().nth(3 * EXCERPT_CHARS) {
        None => msg.to_owned(),
        Some((at, _)) => format!("{}…", &msg[..at]),
    }
}

/// A serde error from a value already parsed (no position), e.g. a
/// `bz:labels` list, in the file's words; `path` names the value.
pub(crate) fn value_shape_message(path: &str, e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg.as_str(),
    };
    shape_message(path, msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_is_not_fooled_by_strings_that_look_like_json() {
        // Keys and values holding quotes, colons, commas and brackets.
        let json = "{\"a\\\":[\": [1, {\"b,\": \"x\\\"}]\"}],\n\"c\": {\"d\": [true, \"oops\"]}}";
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert!(v.is_object());
        let at_oops = json.find("\"oops").unwrap() + 1;
        let line_start = json.find('\n').unwrap() + 1;
        assert_eq!(json_path(json, 2, at_oops - line_start), "c.d[1]");
        let c_d = [Step::Key("c"), Step::Key("d"), Step::Index(1)];
        assert_eq!(line_of_path(json, &c_d), Some(2));
        let b = [Step::Key("a\":["), Step::Index(1), Step::Key("b,")];
        assert_eq!(line_of_path(json, &b), Some(1));
        assert_eq!(line_of_path(json, &[Step::Key("e")]), None);
    }

    #[test]
    fn an_excerpt_is_short_whatever_it_quotes() {
        let long = "长".repeat(1000);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 3);
        assert_eq!(excerpt("李白"), "\"李白\"");
        assert_eq!(cut(&long).chars().count(), EXCERPT_CHARS + 1);
    }
}
