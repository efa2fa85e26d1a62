//! Sub-word boundaries for the names news writes in one character: the
//! country and place abbreviations inside compounds (中美 → 中|美, 访华 →
//! 访|华, 美军 → 美|军) and a name before a title or a suffix (司法部长 →
//! 司法部|长, 尤伯杯 → 尤伯|杯, 李老师 → 李|老师).
//!
//! jieba keeps these compounds whole, rightly for cutting words, but an
//! annotator of names labels the one character. The rules are narrow on
//! purpose: a character is only cut out of a word when the rest of the word
//! is one of a short list of what follows or precedes such a name, so that
//! ordinary words (中国, 美丽, 日本, 华丽, 京城) keep no inner boundary.

/// One-character names of countries, provinces, cities and rivers.
pub(crate) const ABBREVIATIONS: &str =
    "中美日俄英法德韩朝印巴意葡非欧亚澳港台京沪津渝华藏青川陕淮黄苏鲁豫粤蒙墨埃奥越泰哥以菲智";

/// What follows an abbreviation in a word: 中方, 美军, 华侨, 俄政府.
pub(crate) const AFTER_ABBREVIATION: &[&str] = &[
    "方", "军", "人", "侨", "胞", "裔", "籍", "区", "资", "企", "剧", "医", "药", "医药", "政府",
    "总统", "关系", "两国", "等国", "地区", "建交", "关系", "外长", "首脑", "会谈",
];

/// What precedes an abbreviation in a word: 访华, 驻京, 赴美, 侵华.
pub(crate) const BEFORE_ABBREVIATION: &str = "访驻来对赴离抵在侵反援旅抗全进返回亲排仇";

/// Titles after a one-character surname: 李老师, 江主席, 王某.
const AFTER_SURNAME: &[&str] = &[
    "老师", "先生", "小姐", "女士", "某", "家", "老", "主席", "总理", "总", "书记", "同志",
];

/// Surnames that jieba leaves inside a compound with a title.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤阮";

/// Suffixes cut off a name of two characters or more that is a word:
/// 司法部|长, 尤伯|杯, 岳阳楼|记, 鸭绿江|口, 法国|人.
const SUFFIXES: &[&str] = &["长", "杯", "杯赛", "记", "口", "族", "员", "人"];

/// What a suffix may follow, when not any word: 长 only an institution's
/// head (部长, 社长, 会长), 人 only a country's people (法国人).
fn suffix_fits(suffix: &str, stem: &[char]) -> bool {
    let last = stem[stem.len() - 1];
    match suffix {
        "长" => "部社会局厅院".contains(last),
        "人" => last == '国',
        "员" => last == '队',
        _ => true,
    }
}

/// Whether `word` is two one-character places and what follows such a
/// pair (中俄关系, 印巴两国), or the pair alone when the next word, `next`,
/// is what follows one (中美|两国): the places an annotator of news labels
/// one character at a time. The pair alone before anything else is left
/// whole (中华, 中亚 and 华中 are names of their own).
///
/// ```
/// use biaozhu::segment::joined_places;
///
/// let c = |s: &str| s.chars().collect::<Vec<_>>();
/// assert!(joined_places(&c("中俄关系"), None));
/// assert!(joined_places(&c("中美"), Some(&c("两国"))));
/// assert!(!joined_places(&c("中华"), Some(&c("民族"))));
/// ```
pub fn joined_places(word: &[char], next: Option<&[char]>) -> bool {
    let abbr = |c: &char| ABBREVIATIONS.contains(*c);
    let follows = |s: &[char]| AFTER_ABBREVIATION.contains(&s.iter().collect::<String>().as_str());
    match word {
        [a, b] => abbr(a) && abbr(b) && next.is_some_and(follows),
        [a, b, rest @ ..] => abbr(a) && abbr(b) && follows(rest),
        _ => false,
    }
}

/// The cuts (code point offsets from the word's start, ascending, none at
/// 0 or at the end) that these rules make in the Han word `chars`;
/// `is_word` says whether a string is a dictionary word.
pub(super) fn cuts(chars: &[char], is_word: impl Fn(&str) -> bool, out: &mut Vec<u32>) {
    out.clear();
    let n = chars.len();
    if n < 2 {
        return;
    }
    let abbr = |c: char| ABBREVIATIONS.contains(c);
    let rest = |from: usize| chars[from..].iter().collect::<String>();
    // Two abbreviations at the start, then nothing or a word: 中美, 中美关系.
    if abbr(chars[0]) && abbr(chars[1]) {
        let tail = rest(2);
        if n == 2 || AFTER_ABBREVIATION.contains(&tail.as_str()) || is_word(&tail) {
            out.push(1);
            if n > 2 {
                out.push(2);
            }
            return;
        }
    }
    // An abbreviation, then what follows one: 中方, 俄政府.
    if abbr(chars[0]) && AFTER_ABBREVIATION.contains(&rest(1).as_str()) {
        out.push(1);
        return;
    }
    // A verb of travel or stance, then an abbreviation: 访华, 驻华使馆.
    if BEFORE_ABBREVIATION.contains(chars[0]) && abbr(chars[1]) {
        let tail = rest(2);
        if n == 2 || is_word(&tail) || AFTER_ABBREVIATION.contains(&tail.as_str()) {
            out.push(1);
            if n > 2 {
                out.push(2);
            }
            return;
        }
    }
    // A surname, then a title: 李老师, 王某.
    if SURNAMES.contains(chars[0]) && AFTER_SURNAME.contains(&rest(1).as_str()) {
        out.push(1);
        return;
    }
    for suffix in SUFFIXES {
        let k = suffix.chars().count();
        if n <= k + 1 {
            continue;
        }
        let (stem, tail) = chars.split_at(n - k);
        if tail.iter().collect::<String>() == *suffix
            && suffix_fits(suffix, stem)
            && is_word(&stem.iter().collect::<String>())
        {
            out.push((n - k) as u32);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cuts;

    fn cut(word: &str) -> Vec<u32> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        let words = ["司法部", "尤伯", "使馆", "中国", "岳阳楼", "工作"];
        cuts(&chars, |w| words.contains(&w), &mut out);
        out
    }

    #[test]
    fn abbreviations_and_names_come_out_of_compounds() {
        assert_eq!(cut("中美"), [1]);
        assert_eq!(cut("访华"), [1]);
        assert_eq!(cut("驻华使馆"), [1, 2]);
        assert_eq!(cut("美军"), [1]);
        assert_eq!(cut("司法部长"), [3]);
        assert_eq!(cut("尤伯杯"), [2]);
        assert_eq!(cut("李老师"), [1]);
        assert_eq!(cut("中国人"), [2]);
    }

    /// Ordinary words that hold an abbreviation keep no inner boundary.
    #[test]
    fn ordinary_words_stay_whole() {
        for word in [
            "中国", "美丽", "日本", "华丽", "京城", "工人", "部长", "校长", "成员", "工作", "中间",
        ] {
            assert_eq!(cut(word), Vec::<u32>::new(), "{word}");
        }
    }
}
