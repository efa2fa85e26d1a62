//! Places written in one character in running text: 中 and 韩 in 中韩两国,
//! 华 in 驻华, 美 in 美方. An annotator of news labels each such character
//! a place, and they are the names a tagger that has seen a few hundred
//! lines misses most (on the People's Daily dev set, after 500 lines, 144
//! of the 227 one-character places). jieba cuts them every way (中韩|两国,
//! 中|韩|两国, 访华, 驻|华), so the rules here read the characters, and
//! use jieba's words only to keep out a character that belongs to a longer
//! word (其中, 中国, 华盛顿, 日内瓦). They are written from how Chinese news
//! names countries, not learnt from a corpus; the tagger weighs each rule
//! and each character by what the annotations say.

use super::gazetteer;
use crate::segment::abbrev::{ABBREVIATIONS, AFTER_ABBREVIATION, BEFORE_ABBREVIATION};

/// Countries and provinces a pair may name with one of [`ABBREVIATIONS`]
/// (中叙, 中加关系, 美伊): characters common enough otherwise (新, 马, 加)
/// that they are only read as places beside one of those.
const PAIRED_ONLY: &str =
    "叙伊阿南哈乌土希荷比瑞挪丹芬波匈捷罗保新马缅柬老孟尼沙约黎古秘加苏闽浙赣湘鄂皖冀晋辽吉黑桂琼滇黔甘宁";

/// What follows a pair of places (中韩两国, 美中关系, 中非合作).
const AFTER_PAIR: &[&str] = &[
    "两国",
    "关系",
    "双方",
    "合作",
    "建交",
    "会谈",
    "友好",
    "边界",
    "边境",
    "之间",
    "联合",
    "经贸",
    "贸易",
    "首脑",
    "外长",
    "峰会",
    "和约",
    "友谊",
    "人民",
    "交往",
    "战争",
    "谈判",
    "冲突",
    "争端",
    "三国",
    "等国",
    "协定",
    "条约",
    "双边",
    "两军",
    "元首",
    "领导人",
    "外交",
    "两党",
    "之战",
    "对话",
];

/// What follows a place inside a word jieba makes of a verb and the place
/// (驻华使馆, 驻京办事处, 对华政策); a four-character word of a verb and a
/// place and anything else is most often an idiom (来日方长).
const IN_VERB_WORD: &[&str] = &[
    "使馆", "大使", "办事", "记者", "代表", "机构", "人员", "期间", "政策", "使节", "商务", "外交",
    "访问", "举行", "召开", "工作", "投资", "留学", "旅游", "考察",
];

/// Words of two characters of [`ABBREVIATIONS`] that are never a pair of
/// places: names of their own (中华人民共和国, 中亚) and words (非法, 以法治国).
const NEVER_A_PAIR: &[&str] = &["中华", "华中", "中亚", "欧亚", "京华", "非法", "以法"];

/// Words of two characters of [`ABBREVIATIONS`] that are no pair of places
/// (美德, 中意 "to like", 中巴 "minibus", 鲁美 an academy, 黄华 a person):
/// a pair only before what follows a pair (中意两国).
const NOT_A_PAIR: &[&str] = &[
    "中意", "意中", "美德", "华美", "美意", "藏青", "中青", "中巴", "墨华", "鲁美", "黄华",
];

/// Places that are also common words of one character (以 "by", 非
/// "not", 中 "in"): after a verb (在以, 对非, 在中) they are not read as places.
const NOT_AFTER_VERB: &str = "以非中";

/// A verb and a place that are most often something else: 全日制 "full-time",
/// 反黄 "against pornography", 进港 and 离港 of a harbour, 在意 "to mind", 来意.
const NOT_A_VERB_AND_PLACE: &[&str] = &[
    "全日", "反黄", "进港", "离港", "出港", "在意", "来意", "反智",
];

/// Which rule found a place: the tagger learns a weight for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// One of two places before what follows a pair: 中韩两国, 美中关系.
    Pair = 1,
    /// One of two places listed with 、: 中、阿建交.
    Listed = 2,
    /// After a verb of travel or stance: 访华, 驻京, 对日.
    AfterVerb = 3,
    /// Before what follows a place: 美方, 港人, 台资.
    BeforeSuffix = 4,
    /// One of two places jieba cuts as one word, or as two words of one
    /// character, with nothing after that follows a pair: 中美|加强, 日俄|高层.
    BarePair = 5,
}

/// Whether `c` names a country, province or city written in one
/// character (中, 沪, 叙): jieba tags other characters places too (舟, 河).
pub fn is_abbreviation(c: char) -> bool {
    ABBREVIATIONS.contains(c) || PAIRED_ONLY.contains(c)
}

fn starts_with(chars: &[char], word: &str) -> bool {
    let mut it = chars.iter();
    word.chars().all(|c| it.next() == Some(&c))
}

/// The one-character places of a line: `(index, rule)` in ascending order,
/// one rule a character. `words` are jieba's words of the line as
/// `(start, end)` code point pairs covering it in order; `is_word` says
/// whether a string is a word of the dictionary.
///
/// ```
/// use biaozhu::suggest::short_places::{find, Rule};
///
/// let c: Vec<char> = "中韩两国".chars().collect();
/// let words = [(0, 1), (1, 2), (2, 4)];
/// assert_eq!(find(&c, &words, &|_| false), [(0, Rule::Pair), (1, Rule::Pair)]);
/// // 中 of 其中 is not a place, even before 美日两国.
/// let c: Vec<char> = "其中美日两国".chars().collect();
/// let words = [(0, 2), (2, 4), (4, 6)];
/// assert_eq!(find(&c, &words, &|_| false), [(2, Rule::Pair), (3, Rule::Pair)]);
/// ```
pub fn find(
    chars: &[char],
    words: &[(u32, u32)],
    is_word: &dyn Fn(&str) -> bool,
) -> Vec<(usize, Rule)> {
    let n = chars.len();
    let word = word_of_each(words, n);
    let strong = |i: usize| chars.get(i).is_some_and(|&c| ABBREVIATIONS.contains(c));
    let paired = |i: usize| chars.get(i).is_some_and(|&c| PAIRED_ONLY.contains(c));
    let after = |from: usize, to: usize| {
        from <= to
            && to <= n
            && AFTER_ABBREVIATION.contains(&chars[from..to].iter().collect::<String>().as_str())
    };
    // Two characters that name something of their own (中华, 中亚), not two places.
    let named_pair = |k: usize| {
        let two = &chars[k..k + 2];
        NEVER_A_PAIR.contains(&two.iter().collect::<String>().as_str())
            || gazetteer::kind_of(two).is_some()
    };
    let mut rule: Vec<Option<Rule>> = vec![None; n];
    let mut mark = |i: usize, r: Rule| {
        if rule[i].is_none() {
            rule[i] = Some(r);
        }
    };
    for i in 0..n.saturating_sub(1) {
        let two: String = chars[i..i + 2].iter().collect();
        let named = named_pair(i);
        // 南京, a word of the dictionary with a character that names a place only in a pair, is one name.
        let one_name = (paired(i) || paired(i + 1)) && word[i] == (i, i + 2) && is_word(&two);
        let word_too = one_name || NOT_A_PAIR.contains(&two.as_str());
        let pair = !named
            && ((strong(i) && (strong(i + 1) || paired(i + 1))) || (paired(i) && strong(i + 1)));
        // The pair is one word, two, or one word with what follows it (中俄关系).
        let follower = AFTER_PAIR
            .iter()
            .find(|w| starts_with(&chars[i + 2..], w))
            .map(|w| w.chars().count());
        let cut = word[i] == (i, i + 2) || word[i] == (i, i + 1) && word[i + 1] == (i + 1, i + 2);
        let whole = follower.is_some_and(|k| word[i] == (i, i + 2 + k));
        if pair && !one_name && follower.is_some() && (cut || whole) {
            mark(i, Rule::Pair);
            mark(i + 1, Rule::Pair);
        } else if pair
            && !word_too
            && strong(i)
            && strong(i + 1)
            && chars[i] != chars[i + 1]
            && cut
            && (word[i] == (i, i + 2) || !"以非".contains(chars[i]) && !"以非".contains(chars[i + 1]))
            // 以 before a score or a count is "by" (决赛中以2∶0战胜).
            && !(chars[i + 1] == '以' && chars.get(i + 2).is_some_and(|c| c.is_numeric()))
        {
            mark(i, Rule::BarePair);
            mark(i + 1, Rule::BarePair);
        }
        // Three before what follows a pair (中日韩三国, 英法德三国), however
        // jieba cuts them: its dictionary holds 韩三国 and 中日韩 as places.
        let three = i + 3 < n
            && (i..i + 3).all(strong)
            && chars[i] != chars[i + 1]
            && chars[i + 1] != chars[i + 2]
            && chars[i] != chars[i + 2]
            && word[i].0 == i
            && !(i..i + 2).any(named_pair);
        let follower_ends = AFTER_PAIR
            .iter()
            .find(|w| three && starts_with(&chars[i + 3..], w))
            .map(|w| i + 3 + w.chars().count());
        if follower_ends.is_some_and(|end| word[end - 1].1 == end) {
            for k in i..i + 3 {
                mark(k, Rule::Pair);
            }
        }
        // 中、阿: each a word of its own.
        if i + 2 < n
            && chars[i + 1] == '、'
            && (strong(i) && (strong(i + 2) || paired(i + 2)) || paired(i) && strong(i + 2))
            && word[i] == (i, i + 1)
            && word[i + 2] == (i + 2, i + 3)
            // Not in a list of what are no places: 老、中、青 are the old, the middle-aged and the young.
            && !(i >= 2 && chars[i - 1] == '、' && !is_abbreviation(chars[i - 2]))
            && !(i + 4 < n && chars[i + 3] == '、' && !is_abbreviation(chars[i + 4]))
            && !(starts_with(&chars[i.saturating_sub(2)..], "老、中、青") || starts_with(&chars[i..], "老、中、青"))
        {
            mark(i, Rule::Listed);
            mark(i + 2, Rule::Listed);
        }
    }
    for i in 0..n {
        if !strong(i) {
            continue;
        }
        let (s, e) = word[i];
        // 访华, 驻|华, 驻华|使馆, 驻|美军: the verb starts its word and ends
        // it, or makes one with the place; the place makes no word with
        // the character after when jieba cut that off alone (对|日|元: the
        // dictionary holds rare words such as 华以 that jieba does not cut).
        let verb = i > 0
            && BEFORE_ABBREVIATION.contains(chars[i - 1])
            && !NOT_AFTER_VERB.contains(chars[i])
            && word[i - 1].0 == i - 1
            && (word[i - 1].1 == i || word[i - 1] == (s, e))
            && !NOT_A_VERB_AND_PLACE.contains(&chars[i - 1..=i].iter().collect::<String>().as_str())
            && (i + 1 >= n
                || word[i + 1] != (i + 1, i + 2)
                || !is_word(&chars[i..i + 2].iter().collect::<String>()))
            // 对日元, one word of jieba: 日元 is a word.
            && (s + 1 != i || e <= i + 1 || !is_word(&chars[i..e].iter().collect::<String>()))
            && (s == i || s + 1 == i)
            && (e == i + 1
                || after(i + 1, e)
                || s + 1 == i
                    && (e <= i + 2
                        || IN_VERB_WORD
                            .iter()
                            .any(|w| starts_with(&chars[i + 1..e], w))));
        if verb {
            mark(i, Rule::AfterVerb);
            continue;
        }
        // 美方, 台资, 美|方: the place starts its word. 法人 and 美人 are
        // words, not 港人.
        let next = word.get(i + 1).copied();
        // 中, 以 and 非 alone before a word of two or more are "in", "by" and "not" (过程中|地区, 非|政府),
        // not before 方 or 军 (以|方, 中|方).
        let suffix = s == i
            && ((e > i + 1 && after(i + 1, e) && chars[i + 1..e] != ['人'])
                || (e == i + 1
                    && next.is_some_and(|(a, b)| {
                        a == i + 1
                            && after(a, b)
                            && (b == a + 1 || !NOT_AFTER_VERB.contains(chars[i]))
                    })));
        if suffix {
            mark(i, Rule::BeforeSuffix);
        }
    }
    rule.into_iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r?)))
        .collect()
}

/// A line written as words separated by `|` (中韩|两国): its characters and
/// its words, as [`find`] takes them.
#[cfg(test)]
pub(super) fn cut_into_words(cut: &str) -> (Vec<char>, Vec<(u32, u32)>) {
    let mut words = Vec::new();
    let mut at = 0u32;
    for w in cut.split('|') {
        let n = w.chars().count() as u32;
        words.push((at, at + n));
        at += n;
    }
    (cut.chars().filter(|&c| c != '|').collect(), words)
}

/// Per character of a line of `n`, the `(start, end)` of the word of
/// `words` that covers it (the character alone if none does).
pub(super) fn word_of_each(words: &[(u32, u32)], n: usize) -> Vec<(usize, usize)> {
    // A character no word covers (none are given when the dictionary has no
    // parts of speech) is a word of its own: never an empty or reversed one.
    let mut word: Vec<(usize, usize)> = (0..n).map(|i| (i, i + 1)).collect();
    for &(s, e) in words {
        for w in word.iter_mut().take((e as usize).min(n)).skip(s as usize) {
            *w = (s as usize, e as usize);
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::{cut_into_words, find, Rule};

    /// The places of a line cut into words (separated by `|`).
    fn places(cut: &str) -> Vec<(String, Rule)> {
        let (chars, words) = cut_into_words(cut);
        find(&chars, &words, &|w| {
            ["日元", "中心", "华以", "哥哥", "南京"].contains(&w)
        })
        .into_iter()
        .map(|(i, r)| (chars[i].to_string(), r))
        .collect()
    }

    fn found(cut: &str) -> Vec<String> {
        places(cut).into_iter().map(|x| x.0).collect()
    }

    #[test]
    fn one_character_places_however_jieba_cuts_them() {
        assert_eq!(found("中韩|两国|面向"), ["中", "韩"]);
        assert_eq!(found("中|韩|两国"), ["中", "韩"]);
        assert_eq!(found("中俄关系"), ["中", "俄"]);
        assert_eq!(found("发展|美中|关系"), ["美", "中"]);
        assert_eq!(found("中加|关系"), ["中", "加"]);
        assert_eq!(found("中意|两国|之间"), ["中", "意"]);
        assert_eq!(found("访华|以及"), ["华"]);
        assert_eq!(found("在京举行|。"), ["京"]);
        assert_eq!(found("中美|加强|合作"), ["中", "美"]);
        assert_eq!(places("日|俄|高层")[0].1, Rule::BarePair);
        assert_eq!(found("中|、|阿|建交"), ["中", "阿"]);
        assert_eq!(found("中日|韩三国|领导人"), ["中", "日", "韩"]);
        assert_eq!(found("中日韩|三国"), ["中", "日", "韩"]);
        assert_eq!(found("英法|德|三国"), ["英", "法", "德"]);
        assert_eq!(found("英国|驻|华|使节"), ["华"]);
        assert_eq!(found("访华"), ["华"]);
        assert_eq!(found("驻华使馆"), ["华"]);
        assert_eq!(found("在|京|举行"), ["京"]);
        assert_eq!(found("美方|对"), ["美"]);
        assert_eq!(found("集中|美军"), ["美"]);
        assert_eq!(found("日|方会|尽"), Vec::<String>::new(), "方会 is not 方");
        assert_eq!(found("以|方|坚持"), ["以"]);
        assert_eq!(places("访华")[0].1, Rule::AfterVerb);
        assert_eq!(places("美方")[0].1, Rule::BeforeSuffix);
    }

    /// A character of a longer word is no place: 中 of 其中, 中国, 中心;
    /// 华 of 华盛顿; 日 of 日内瓦; 以 of 可以.
    #[test]
    fn characters_of_longer_words_are_not_places() {
        for cut in [
            "其中|美国|人",
            "在|中国|的",
            "在|华盛顿",
            "在|日内瓦|会谈",
            "可以|方便",
            "中心|关系",
            "中华|民族",
            "来日方长",
            "对|中小企业",
            "新|马|两国",
            "这次|采访|中|，",
            "在|以|江泽民",
            "对|非|教徒",
            "美元|对|日|元",
            "纪念|《|中华人民共和国",
            "在|越南|战争",
            "非法|关系",
            "很|中意|他",
            "改革|法人|税",
            "比赛|中|以|2",
            "决赛|中以|2",
            "他|的|哥哥",
            "美元|对日元",
            "全日制|学校",
            "每天|全|日|开放",
            "开展|反|黄|斗争",
            "乘|中巴|去",
            "过程|中|地区",
            "以|政府|名义",
            "非|政府|组织",
            "他|很|在|意",
            "老|、|中|、|青|三代",
            "南京|人民",
        ] {
            assert_eq!(found(cut), Vec::<String>::new(), "{cut}");
        }
    }
}
