//! What a project keeps of its suggestions, to carry in its project file:
//! the mapping from parts of speech to labels, the user dictionary (the
//! words the annotator wrote and those the labels taught), and the
//! suggestions rejected in each document.
//!
//! The page keeps this beside its documents; without it in the file, a
//! project moved to another browser would propose again every suggestion
//! its annotator rejected. Positions are code points of the document's
//! text, as annotations' are; a document is named by the SHA-256 of its
//! text, as the project names it.
//!
//! ```
//! use biaozhu::suggest::record::{Rejected, SuggestionRecord};
//!
//! let record = SuggestionRecord {
//!     mapping: Some("nr=PER,ns=LOC".into()),
//!     user_dictionary: "一带一路 3 LOC\n".into(),
//!     rejected: vec![Rejected { document: "ab12".into(), start: 4, end: 6, label: "PER".into() }],
//! };
//! let json = serde_json::to_string(&record).unwrap();
//! assert!(json.contains(r#""userDictionary":"一带一路 3 LOC\n""#));
//! assert_eq!(record.left_out(), vec![
//!     "the mapping of parts of speech to labels".to_owned(),
//!     "1 word of the user dictionary".to_owned(),
//!     "1 rejected suggestion".to_owned(),
//! ]);
//! ```

use serde::{Deserialize, Serialize};

use super::parse_mapping;
use crate::segment::Learnt;

/// A project's record of suggestions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuggestionRecord {
    /// `pos=LABEL` pairs separated by commas (see
    /// [`parse_mapping`](super::parse_mapping)); `None` when the person set
    /// none, and the labels' names choose it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<String>,
    /// jieba user dictionary lines, `word [freq [tag]]`.
    #[serde(default)]
    pub user_dictionary: String,
    /// The suggestions rejected, not to be proposed again.
    #[serde(default)]
    pub rejected: Vec<Rejected>,
}

/// A suggestion rejected: its span and label in one document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejected {
    /// The SHA-256 (hex) of the document's text.
    pub document: String,
    /// `[start, end)` in code points of that text.
    pub start: u32,
    pub end: u32,
    pub label: String,
}

impl SuggestionRecord {
    /// Whether it holds nothing a file need carry.
    pub fn is_empty(&self) -> bool {
        self.mapping.is_none() && self.user_dictionary.trim().is_empty() && self.rejected.is_empty()
    }

    /// Checks it against the project's documents (`sha256`, length in code
    /// points of each): the mapping and the dictionary must read, and each
    /// rejection must lie inside a document of the project. The error says
    /// what is wrong, naming the entry (`rejected[2]`) or line.
    pub fn check(&self, documents: &[(&str, u32)]) -> Result<(), String> {
        if let Some(m) = &self.mapping {
            parse_mapping(m).map_err(|e| format!("mapping: {e}"))?;
        }
        Learnt::parse(&self.user_dictionary).map_err(|e| e.to_string())?;
        for (i, r) in self.rejected.iter().enumerate() {
            let Some(&(_, len)) = documents.iter().find(|(sha, _)| *sha == r.document) else {
                return Err(format!(
                    "rejected[{i}]: no document of the project has the SHA-256 {:?}",
                    r.document
                ));
            };
            if r.start >= r.end || r.end > len {
                return Err(format!(
                    "rejected[{i}]: [{}, {}) is not a span of its document ({len} code points)",
                    r.start, r.end
                ));
            }
            if r.label.is_empty() {
                return Err(format!("rejected[{i}]: the label is empty"));
            }
        }
        Ok(())
    }

    /// The part kept for the documents whose SHA-256 `keep` accepts (an
    /// export of some of a project's documents).
    pub fn for_documents(&self, keep: impl Fn(&str) -> bool) -> SuggestionRecord {
        SuggestionRecord {
            rejected: self
                .rejected
                .iter()
                .filter(|r| keep(&r.document))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// What a file of another format leaves out of it, in the phrases of
    /// an export's left-out list.
    pub fn left_out(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.mapping.is_some() {
            out.push("the mapping of parts of speech to labels".to_owned());
        }
        let words = self
            .user_dictionary
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        let plural = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        if words > 0 {
            out.push(plural(
                words,
                "word of the user dictionary",
                "words of the user dictionary",
            ));
        }
        if !self.rejected.is_empty() {
            out.push(plural(
                self.rejected.len(),
                "rejected suggestion",
                "rejected suggestions",
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> SuggestionRecord {
        SuggestionRecord {
            mapping: Some("nr=PER".into()),
            user_dictionary: "李娜 5 nr\n".into(),
            rejected: vec![Rejected {
                document: "aa".into(),
                start: 0,
                end: 2,
                label: "PER".into(),
            }],
        }
    }

    #[test]
    fn a_record_is_checked_against_the_documents_of_its_project() {
        assert_eq!(record().check(&[("aa", 2)]), Ok(()));
        assert!(record()
            .check(&[("bb", 2)])
            .unwrap_err()
            .contains("rejected[0]: no document"));
        assert!(record()
            .check(&[("aa", 1)])
            .unwrap_err()
            .contains("not a span"));
        let bad_dict = SuggestionRecord {
            user_dictionary: "李娜 x\n".into(),
            ..record()
        };
        assert!(bad_dict.check(&[("aa", 2)]).unwrap_err().contains("line 1"));
        let bad_map = SuggestionRecord {
            mapping: Some("nr".into()),
            ..record()
        };
        assert!(bad_map
            .check(&[("aa", 2)])
            .unwrap_err()
            .starts_with("mapping:"));
    }

    #[test]
    fn an_empty_record_leaves_nothing_out() {
        assert!(SuggestionRecord::default().is_empty());
        assert!(SuggestionRecord::default().left_out().is_empty());
        assert!(!record().is_empty());
    }
}
