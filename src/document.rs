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
//!
//! ```
//! use biaozhu::document::Structure;
//!
//! let s = Structure::of("他说：“好。”然后走了\r\n\r\n第二段");
//! assert_eq!(s.paragraphs, [(0, 11), (13, 13), (15, 18)]);
//! assert_eq!(s.sentences, [(0, 7), (7, 11), (15, 18)]);
//! ```

/// The paragraphs and sentences of a text, each `(start, end)` in code points.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    pub paragraphs: Vec<(u32, u32)>,
    pub sentences: Vec<(u32, u32)>,
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | '｡')
}

fn closes(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〉' | '"' | '\'' | '］' | '〕'
    )
}

impl Structure {
    /// Finds the paragraphs and sentences of `text`.
    pub fn of(text: &str) -> Structure {
        let chars: Vec<char> = text.chars().collect();
        let mut paragraphs = Vec::new();
        let mut start = 0usize;
        let mut i = 0usize;
        while i < chars.len() {
            let c = chars[i];
            let brk = match c {
                '\r' if chars.get(i + 1) == Some(&'\n') => 2,
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => 1,
                _ => 0,
            };
            if brk > 0 {
                paragraphs.push((start as u32, i as u32));
                i += brk;
                start = i;
            } else {
                i += 1;
            }
        }
        paragraphs.push((start as u32, chars.len() as u32));

        let mut sentences = Vec::new();
        for &(ps, pe) in &paragraphs {
            let (ps, pe) = (ps as usize, pe as usize);
            let mut s = ps;
            let mut i = ps;
            while i < pe {
                if ends_sentence(chars[i]) {
                    i += 1;
                    while i < pe && (ends_sentence(chars[i]) || closes(chars[i])) {
                        i += 1;
                    }
                    push_trimmed(&chars, s, i, &mut sentences);
                    s = i;
                } else {
                    i += 1;
                }
            }
            push_trimmed(&chars, s, pe, &mut sentences);
        }
        Structure {
            paragraphs,
            sentences,
        }
    }

    /// Paragraphs that hold something other than whitespace.
    pub fn nonblank_paragraphs(&self, text: &str) -> usize {
        let chars: Vec<char> = text.chars().collect();
        self.paragraphs
            .iter()
            .filter(|&&(s, e)| {
                chars[s as usize..e as usize]
                    .iter()
                    .any(|c| !c.is_whitespace())
            })
            .count()
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

fn push_trimmed(chars: &[char], mut s: usize, mut e: usize, out: &mut Vec<(u32, u32)>) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if s < e {
        out.push((s as u32, e as u32));
    }
}
