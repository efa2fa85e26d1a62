//! Persons named by their family name alone: 王 of 王小姐, 陈 of 陈教授, 于
//! of 老于, 毛 of 毛主席. News and letters name people so, and an annotator
//! labels the family name a person; jieba keeps some of these whole (王某,
//! 郑先生) and tags them as one name, which then has the wrong ends. Like
//! [`short_places`](super::short_places), the rules read the characters and
//! use jieba's words only to keep out a character of a longer word (非常,
//! 古老).

use super::affixes;
use super::short_places::word_of_each;

/// What follows a family name as a way of naming its bearer: forms of
/// address, titles and offices.
const TITLES: &[&str] = &[
    "先生",
    "小姐",
    "女士",
    "太太",
    "夫人",
    "老师",
    "教授",
    "博士",
    "主席",
    "总理",
    "总统",
    "首相",
    "局长",
    "市长",
    "省长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "村长",
    "部长",
    "外长",
    "厂长",
    "校长",
    "院长",
    "所长",
    "处长",
    "科长",
    "社长",
    "会长",
    "团长",
    "队长",
    "站长",
    "行长",
    "董事长",
    "主任",
    "书记",
    "经理",
    "同志",
    "大夫",
    "医生",
    "师傅",
    "大爷",
    "大妈",
    "大娘",
    "阿姨",
    "副局长",
    "副市长",
    "副省长",
    "副县长",
    "副主席",
    "副总理",
    "副部长",
    "副院长",
    "副主任",
    "老",
    "某",
];

/// Family names that are far more often a preposition or a verb before a
/// title (彭真校长和夫人, 他向主席汇报, 五任县长, 党主席, 应总统邀请).
const NOT_BEFORE_A_TITLE: &str = "和向与同及任于对把被从为给跟党应司";

/// What comes before a family name to name its bearer familiarly (老于, 小王).
const FAMILIAR: &str = "老小";

/// The indices of the family names that name a person in a line. `words`
/// are jieba's words of the line as `(start, end)` code point pairs covering
/// it in order; `is_word` says whether a string is a word of the dictionary.
///
/// ```
/// use biaozhu::suggest::short_persons::find;
///
/// let c: Vec<char> = "陈小姐说".chars().collect();
/// assert_eq!(find(&c, &[(0, 3), (3, 4)], &|_| false), [0]);
/// ```
pub fn find(chars: &[char], words: &[(u32, u32)], is_word: &dyn Fn(&str) -> bool) -> Vec<usize> {
    let n = chars.len();
    let word = word_of_each(words, n);
    let family = |i: usize| chars.get(i).is_some_and(|&c| affixes::class(c) & 1 != 0);
    let text = |a: usize, b: usize| chars[a..b.min(n)].iter().collect::<String>();
    let mut out = Vec::new();
    for i in 0..n {
        if !family(i) {
            continue;
        }
        let (s, e) = word[i];
        // 陈|小姐, 陈小姐, 常|副局长: the name starts its word, and the title
        // is the rest of it or the next word. A one-character title (老, 某)
        // must make no word of the dictionary (古老, 元老).
        let title = TITLES.iter().find(|t| {
            let k = t.chars().count();
            let fits = text(i + 1, i + 1 + k) == **t
                && (e == i + 1 + k
                    || e == i + 1 && word.get(i + 1).is_some_and(|w| w.1 == i + 1 + k));
            fits && (k > 1 || !is_word(&text(i, i + 2)))
        });
        if s == i && title.is_some() && !NOT_BEFORE_A_TITLE.contains(chars[i]) {
            out.push(i);
            continue;
        }
        // 老于, 小王, 老|于: not a word of the dictionary (老师, 小张).
        let familiar = i > 0
            && FAMILIAR.contains(chars[i - 1])
            && (word[i] == (i - 1, i + 1) || word[i - 1] == (i - 1, i) && word[i] == (i, i + 1))
            && !is_word(&text(i - 1, i + 1));
        if familiar {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find;
    use crate::suggest::short_places::cut_into_words;

    /// The family names found in a line cut into words (separated by `|`).
    fn found(cut: &str) -> Vec<String> {
        let (chars, words) = cut_into_words(cut);
        let dictionary = ["古老", "元老", "老师", "小张"];
        find(&chars, &words, &|w| dictionary.contains(&w))
            .into_iter()
            .map(|i| chars[i].to_string())
            .collect()
    }

    #[test]
    fn a_family_name_before_a_title_or_after_lao_names_a_person() {
        assert_eq!(found("陈小姐|说"), ["陈"]);
        assert_eq!(found("陈|小姐"), ["陈"]);
        assert_eq!(found("王某|正常"), ["王"]);
        assert_eq!(found("这些|弊端|，|常|副局长|表示"), ["常"]);
        assert_eq!(found("贯彻|毛|主席"), ["毛"]);
        assert_eq!(found("老于|还|住"), ["于"]);
        assert_eq!(found("老|于|的"), ["于"]);
    }

    #[test]
    fn a_family_name_inside_a_word_or_a_word_of_the_dictionary_is_not_one() {
        for cut in [
            "古老|的",
            "元老",
            "老师|说",
            "小张",
            "非常|先生",
            "林业局|长",
            "高|老师傅",
            "校长|和|夫人",
            "他|向|主席|汇报",
            "五|任|县长",
            "党|主席",
            "应|总统|邀请",
        ] {
            assert_eq!(found(cut), Vec::<String>::new(), "{cut}");
        }
    }
}
