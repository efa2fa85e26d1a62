//! Sub-word boundaries at the edges of a word jieba's dictionary lacks.
//!
//! What the dictionary lacks, jieba's HMM joins from single characters, and
//! it often joins a name with the function word beside it: 高云江说, 张三在,
//! 致牟小东, 以朴普熙. A person who drags over the name means the name. So a
//! word the dictionary lacks is cut after a leading preposition, conjunction
//! or verb that takes a person (在, 和, 致, 使…) and before a trailing verb of
//! saying or being, particle or postposition (说, 是, 在, 等…), when a name of
//! two characters or more is left. Dictionary words are never cut here: this
//! is for the HMM's guesses alone.

/// Single characters that often come before a name: prepositions (在 从 向 对
/// 为 以 于 由 把 被 给 跟 同 与 和 及), conjunctions (但 而 并 或), demonstratives
/// (这 那) and verbs whose object is often a person (致 令 使 让 叫 当 受 据 胜).
const BEFORE_NAME: &str = "在从向对为以于由把被给跟同与和及但而并或这那致令使让叫当受据胜";

/// Single characters that often come after a name: verbs of saying and
/// being (说 道 称 是 有), place (在), particles (的 了 着 过 等), motion (到 来 去) and
/// conjunctions (和 与 及).
const AFTER_NAME: &str = "说道称是有在的了着过等到来去和与及";

/// The cuts (code point offsets from the word's start, ascending) at the
/// edges of `chars`, a word the dictionary lacks.
///
/// ```text
/// 张三在   → [2]      张三|在
/// 致牟小东 → [1]      致|牟小东
/// 和恒山说 → [1, 3]   和|恒山|说
/// 江说     → [1]      江|说 (of 高云|江说)
/// ```
pub(super) fn cuts(chars: &[char], out: &mut Vec<u32>) {
    out.clear();
    let n = chars.len();
    // The HMM also joins the last character of a name with the word after it
    // (高云|江说): a piece of one character is left too.
    let lead = n >= 2 && BEFORE_NAME.contains(chars[0]);
    let from = usize::from(lead);
    let trail = n >= from + 2 && AFTER_NAME.contains(chars[n - 1]);
    if lead {
        out.push(1);
    }
    if trail {
        out.push((n - 1) as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::cuts;

    fn cut(word: &str) -> Vec<u32> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        cuts(&chars, &mut out);
        out
    }

    #[test]
    fn a_function_word_at_either_edge_of_an_unknown_word_is_cut_off_a_name() {
        assert_eq!(cut("张三在"), [2]);
        assert_eq!(cut("高云江说"), [3]);
        assert_eq!(cut("致牟小东"), [1]);
        assert_eq!(cut("和恒山说"), [1, 3]);
        assert_eq!(cut("江说"), [1]);
        assert_eq!(cut("和王说"), [1, 2]);
        // Nothing is cut to nothing.
        assert_eq!(cut("在说"), [1]);
        assert_eq!(cut("说"), Vec::<u32>::new());
        assert_eq!(cut("王宏志"), Vec::<u32>::new());
    }
}
