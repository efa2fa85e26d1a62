//! Where an organisation's name may run: from a place or an organisation
//! to the nearest word that ends as organisations end (北京市|劳动|争议|仲裁|委员会,
//! 美国|《|时代|》|周刊). News names most organisations so, and jieba cuts
//! them into their words, of which the first is a place: a tagger that has
//! seen a few hundred lines labels 北京市 a place and leaves the rest. The
//! stretch is one feature among the others: the tagger learns how far to
//! trust it.

use super::affixes;

/// Words that end no organisation's name though their last character
/// ends many (国会 does, 开会 and 社会 do not).
const NOT_AN_END: &[&str] = &[
    "社会", "机会", "开会", "不会", "将会", "也会", "就会", "才会", "还会", "一行", "进行", "举行",
    "实行", "执行", "运行", "自行", "发行", "可行", "流行", "旅行", "同行", "不行", "施行", "推行",
    "履行", "步行", "飞行", "航行", "盛行", "先行", "另行", "试行", "之处", "到处", "好处", "住处",
    "用处", "长处", "难处", "各处", "此处", "处处", "全部", "内部", "外部", "局部", "南部", "北部",
    "东部", "西部", "中部", "当局", "大局", "全局", "格局", "结局", "布局", "冠军", "亚军", "季军",
    "进军", "将军", "全军", "情报", "汇报", "举报", "回报", "预报", "通报", "电台", "舞台", "平台",
    "出台", "上台", "后台", "举办", "创办", "主办", "承办", "开办", "合办", "兴办", "停办", "筹办",
    "查办", "部署", "签署", "官司", "场所", "住所", "有所", "游行", "干部", "政局", "公报",
];

/// Words no organisation's name holds: the joints of a sentence.
const JOINTS: &str = "的是在和与及等了对为从向把被由将也都而并或于以就又这那其该各同跟给让说称到";

/// The longest stretch, in characters.
const LONGEST: usize = 20;

/// Per character of a line, where it sits in a stretch that may be an
/// organisation's name (1 alone, 2 first, 3 last, 4 inside; 0 in none).
/// `words` are the line's words with their parts of speech, covering it in
/// order; a stretch starts at a word tagged `ns` or `nt` and ends at the
/// nearest word that ends as an organisation's name ends.
///
/// ```
/// use biaozhu::suggest::org_spans::stretches;
///
/// let c: Vec<char> = "北京市仲裁委员会开庭".chars().collect();
/// let w = |s, e, t: &str| (s, e, t.to_owned());
/// let words = [w(0, 3, "ns"), w(3, 5, "x"), w(5, 8, "x"), w(8, 10, "x")];
/// assert_eq!(stretches(&c, &words), [2, 4, 4, 4, 4, 4, 4, 3, 0, 0]);
/// ```
pub fn stretches(chars: &[char], words: &[(u32, u32, String)]) -> Vec<u8> {
    stretches_from(chars, words, |_, w| w.2 == "ns" || w.2 == "nt", LONGEST)
}

fn stretches_from(
    chars: &[char],
    words: &[(u32, u32, String)],
    starts: impl Fn(usize, &(u32, u32, String)) -> bool,
    longest: usize,
) -> Vec<u8> {
    let n = chars.len();
    let mut out = vec![0u8; n];
    let text = |w: &(u32, u32, String)| -> String {
        chars[(w.0 as usize).min(n)..(w.1 as usize).min(n)]
            .iter()
            .collect()
    };
    let ends = |w: &(u32, u32, String)| {
        let t = text(w);
        // 中心 ends many (科技中心); its characters alone end none (其中, 信心).
        (t.ends_with("中心") || t.chars().last().is_some_and(|c| affixes::class(c) & 8 != 0))
            && !NOT_AN_END.contains(&t.as_str())
            && t.chars().count() >= 2
    };
    let joint = |w: &(u32, u32, String)| {
        let t = text(w);
        (t.chars().count() == 1 && JOINTS.contains(t.as_str()))
            || t.chars()
                .any(|c| !crate::segment::is_han(c) && !"《》“”·".contains(c))
    };
    // Where the last stretch ends: none starts inside another.
    let mut free = 0;
    for (a, first) in words.iter().enumerate() {
        if first.0 < free || !starts(a, first) {
            continue;
        }
        for last in &words[a..] {
            if (last.1 - first.0) as usize > longest || joint(last) {
                break;
            }
            if last.1 > first.1 && ends(last) {
                let (s, e) = (first.0 as usize, (last.1 as usize).min(n));
                free = last.1;
                for (i, o) in out.iter_mut().enumerate().take(e).skip(s) {
                    if *o == 0 {
                        *o = match (i == s, i + 1 == e) {
                            (true, true) => 1,
                            (true, false) => 2,
                            (false, true) => 3,
                            (false, false) => 4,
                        };
                    }
                }
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::stretches;

    /// The stretches of a line cut into words, tagged `ns` when marked `*`
    /// and `nt` when marked `^` (北京市*|仲裁|委员会), as the text of each.
    fn found(cut: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut chars = Vec::new();
        for w in cut.split('|') {
            let (w, tag) = match (w.strip_suffix('*'), w.strip_suffix('^')) {
                (Some(w), _) => (w, "ns"),
                (_, Some(w)) => (w, "nt"),
                _ => (w, "x"),
            };
            let s = chars.len() as u32;
            chars.extend(w.chars());
            words.push((s, chars.len() as u32, tag.to_owned()));
        }
        let marks = stretches(&chars, &words);
        let (mut out, mut start) = (Vec::new(), 0);
        for (i, &m) in marks.iter().enumerate() {
            if m == 1 || m == 2 {
                start = i;
            }
            if m == 1 || m == 3 {
                out.push(chars[start..=i].iter().collect());
            }
        }
        out
    }

    #[test]
    fn a_place_then_words_to_the_nearest_end_of_an_organisation() {
        assert_eq!(
            found("北京市*|劳动|争议|仲裁|委员会|开庭"),
            ["北京市劳动争议仲裁委员会"]
        );
        assert_eq!(found("美国*|《|时代|》|周刊|报道"), ["美国《时代》周刊"]);
        assert_eq!(found("中国*|武术|协会|经济|委员会"), ["中国武术协会"]);
    }

    #[test]
    fn no_stretch_over_a_joint_or_to_a_word_that_ends_no_organisation() {
        assert!(found("北京*|的|大学").is_empty());
        assert!(found("中国*|社会").is_empty());
        assert!(found("美国*|举行").is_empty());
        assert!(found("北京*|，|人民|银行").is_empty());
        assert!(found("上海*").is_empty());
        assert!(found("北京*|群众|的|信心").is_empty(), "心 ends 中心 alone");
        assert!(found("北京*|奥运|集中").is_empty(), "中 ends 中心 alone");
        assert!(found("南非*|联合|举办").is_empty(), "举办 is a verb");
        assert_eq!(found("北京*|科技|中心"), ["北京科技中心"]);
    }

    /// A stretch never starts inside another: 博物馆, an organisation of
    /// its own, starts none inside 南非国家博物馆.
    #[test]
    fn stretches_do_not_overlap() {
        assert_eq!(found("南非*|国家|博物馆^|联合|委员会"), ["南非国家博物馆"]);
    }
}
