//! Paragraphs and sentences of a text, in code points.
//!
//! A paragraph is a line: the text between two line breaks (`\n`, `\r\n`,
//! `\r`, U+2028, U+2029), without the break itself. Blank lines are
//! paragraphs too (empty or whitespace only), so that the paragraphs and the
//! breaks between them tile the text exactly and the page can render it
//! without losing a character.
//!
//! A sentence ends after `。！？；!?` and any closing quotes or brackets that
//! follow; it never crosses a paragraph. Whitespace at its ends is left out.
//! The ASCII quotes `"` and `'` open as well as close, so one of them counts
//! as closing only when the sentence so far holds an odd number of it (an
//! open quote to close): in `他说。"好"` the `"` opens the next sentence's
//! quote and is not glued to `他说。`.
//!
//! ```
//! use biaozhu::document::Structure;
//!
//! let s = Structure::of("他说：“好。”然后走了\r\n\r\n第二段");
//! assert_eq!(s.paragraphs, [(0, 11), (13, 13), (15, 18)]);
//! assert_eq!(s.sentences, [(0, 7), (7, 11), (15, 18)]);
//! ```
//!
//! Finding them is one pass over the characters, which
//! [`StructureBuilder`] can take a piece at a time.

/// The paragraphs and sentences of a text, each `(start, end)` in code points.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    pub paragraphs: Vec<(u32, u32)>,
    pub sentences: Vec<(u32, u32)>,
    /// Paragraphs holding something other than whitespace, counted during
    /// the build.
    nonblank: usize,
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | '｡')
}

/// Closing marks other than the ASCII quotes, which depend on what came
/// before (see [`StructureBuilder`]).
fn closes(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〉' | '］' | '〕'
    )
}

impl Structure {
    /// Finds the paragraphs and sentences of `text`: a [`StructureBuilder`]
    /// fed the whole text.
    pub fn of(text: &str) -> Structure {
        let mut builder = StructureBuilder::new();
        builder.push_str(text);
        builder.finish()
    }

    /// Paragraphs that hold something other than whitespace.
    ///
    /// They were counted while the structure was built; `text` (the text
    /// it was built from) is not read again.
    ///
    /// ```
    /// use biaozhu::document::Structure;
    ///
    /// let text = "一\n \u{3000}\n\n二";
    /// assert_eq!(Structure::of(text).nonblank_paragraphs(text), 2);
    /// ```
    pub fn nonblank_paragraphs(&self, _text: &str) -> usize {
        self.nonblank
    }

    /// The paragraph holding code point `cp` (a break belongs to the
    /// paragraph before it, both characters of a `\r\n` included): the last
    /// paragraph that starts at or before `cp`.
    pub fn paragraph_at(&self, cp: u32) -> usize {
        self.paragraphs
            .partition_point(|&(s, _)| s <= cp)
            .saturating_sub(1)
    }
}

/// Builds a [`Structure`] from a text that arrives in pieces.
///
/// It reads one character at a time and remembers only what the next
/// character needs to be understood, so a piece may end anywhere:
///
/// - after a `\r`, whether a `\n` follows (then the two are one break);
/// - after a stop mark, that closing marks still belong to the sentence
///   (`好。` then `”` in the next piece);
/// - whether the sentence so far holds an odd number of `"` and of `'`, which
///   decides whether the next one closes a quote or opens one;
/// - where the sentence's first and last non-whitespace characters are, so
///   that whitespace at its ends is left out wherever the cuts fall.
///
/// [`finish`](Self::finish) then gives exactly [`Structure::of`] the whole
/// text. Nothing is kept per character: memory is the paragraphs and
/// sentences found.
///
/// ```
/// use biaozhu::document::{Structure, StructureBuilder};
///
/// let text = "他说：“好。”然后走了\r\n\r\n第二段";
/// let mut builder = StructureBuilder::new();
/// // Cut between a stop mark and its closing quote, and inside a CRLF.
/// for piece in ["他说：“好。", "”然后走了\r", "\n\r\n第二段"] {
///     builder.push_str(piece);
/// }
/// assert_eq!(builder.finish(), Structure::of(text));
/// ```
#[derive(Clone, Debug, Default)]
pub struct StructureBuilder {
    paragraphs: Vec<(u32, u32)>,
    sentences: Vec<(u32, u32)>,
    nonblank: usize,
    /// Code points read so far: the position of the next character.
    pos: u32,
    /// Where the current paragraph starts.
    para_start: u32,
    /// Whether the current paragraph has a non-whitespace character yet.
    para_nonblank: bool,
    /// The last character was a `\r`: a `\n` now is the rest of its break.
    after_cr: bool,
    /// The current sentence's first non-whitespace character, if it has one.
    sent_first: Option<u32>,
    /// Just after its last non-whitespace character.
    sent_end: u32,
    /// A stop mark was read: further stop marks and closing marks stay in
    /// the sentence, anything else starts the next one.
    after_stop: bool,
    /// The sentence so far holds an odd number of `"`.
    odd_double: bool,
    /// The sentence so far holds an odd number of `'`.
    odd_single: bool,
}

impl StructureBuilder {
    /// An empty builder, before the first character.
    pub fn new() -> StructureBuilder {
        StructureBuilder::default()
    }

    /// Reads the next piece of the text.
    pub fn push_str(&mut self, chunk: &str) {
        for c in chunk.chars() {
            self.push_char(c);
        }
    }

    /// Code points read so far.
    pub fn len_cp(&self) -> u32 {
        self.pos
    }

    #[inline]
    fn push_char(&mut self, c: char) {
        let at = self.pos;
        self.pos += 1;
        if self.after_cr {
            self.after_cr = false;
            if c == '\n' {
                // `\r\n`: one break, two code points.
                self.para_start = self.pos;
                return;
            }
        }
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                self.end_paragraph(at);
                self.para_start = self.pos;
                self.after_cr = c == '\r';
            }
            _ => {
                if self.after_stop && !ends_sentence(c) && !self.closes_here(c) {
                    self.end_sentence();
                }
                if !c.is_whitespace() {
                    if self.sent_first.is_none() {
                        self.sent_first = Some(at);
                    }
                    self.sent_end = self.pos;
                    self.para_nonblank = true;
                }
                match c {
                    '"' => self.odd_double = !self.odd_double,
                    '\'' => self.odd_single = !self.odd_single,
                    _ if ends_sentence(c) => self.after_stop = true,
                    _ => {}
                }
            }
        }
    }

    /// Whether `c`, read after a stop mark, closes the current sentence's
    /// quote or bracket. An ASCII quote closes only an open one: the
    /// sentence so far must hold an odd number of it.
    fn closes_here(&self, c: char) -> bool {
        match c {
            '"' => self.odd_double,
            '\'' => self.odd_single,
            _ => closes(c),
        }
    }

    /// Ends the current sentence before the character just read, keeping it
    /// (trimmed) if it holds anything but whitespace.
    fn end_sentence(&mut self) {
        if let Some(first) = self.sent_first.take() {
            self.sentences.push((first, self.sent_end));
        }
        self.after_stop = false;
        self.odd_double = false;
        self.odd_single = false;
    }

    /// Ends the current paragraph (and its last sentence) at `end`.
    fn end_paragraph(&mut self, end: u32) {
        self.end_sentence();
        self.paragraphs.push((self.para_start, end));
        if self.para_nonblank {
            self.nonblank += 1;
        }
        self.para_nonblank = false;
    }

    /// The structure of the whole text: the last paragraph ends at the end
    /// of the text (it is empty after a final break).
    pub fn finish(mut self) -> Structure {
        self.end_paragraph(self.pos);
        Structure {
            paragraphs: self.paragraphs,
            sentences: self.sentences,
            nonblank: self.nonblank,
        }
    }
}
