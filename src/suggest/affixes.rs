//! What a character usually is in a Chinese name, from facts any reader of
//! Chinese news knows, not learnt from a corpus: the common family names,
//! the characters of transliterated foreign names, the last characters of
//! place names and of organisation names. A tagger that has seen a few
//! hundred sentences has met few names; these classes let it carry what it
//! learnt of 王 to 郭, of 省 to 县.

/// Common single-character family names (the most frequent of today's
/// family names in China, and those of the news).
const FAMILY: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董\
袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯\
龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹\
申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍\
华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿\
桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Characters that spell foreign names in Chinese (布什, 普京, 克林顿, 萨达姆).
const FOREIGN: &str = "斯尔克特拉德基诺夫娃维亚尼利卡阿姆罗布伊奥埃瓦塔萨科普洛里塞格兹希索曼\
森顿登默哈纳琼乔蒂丝莎妮娜伦吉巴贝比皮迪泰丹杰莱勒霍富弗沃福夸库兰朗隆鲁吕玛麦梅蒙米穆欧帕佩林\
彭齐奇切恰舍什坦汀图托瓦威温沃西谢辛雅耶因扎泽詹朱佐";

/// Last characters of place names (河北省, 大兴县, 长江, 海南岛).
const PLACE_END: &str = "省市县区乡镇村州岛山河江湖海洋湾峡港路街洲国岭峰川原谷坝屯庄寨府道盟旗";

/// Last characters of organisation names (国务院, 外交部, 人民银行, 工会);
/// 中心 ends many too, as a word (`org_spans` reads it so).
const ORG_END: &str = "部委局厅院会社党团队厂司行校所处署办军馆台报刊社组";

/// The classes of a character as bits: 1 family name, 2 foreign name,
/// 4 end of a place, 8 end of an organisation; 0 for none.
pub fn class(c: char) -> u64 {
    let mut bits = 0;
    for (set, bit) in [(FAMILY, 1), (FOREIGN, 2), (PLACE_END, 4), (ORG_END, 8)] {
        if set.contains(c) {
            bits |= bit;
        }
    }
    bits
}

/// Two-character family names (欧阳修, 司马光, 诸葛亮).
const DOUBLE_FAMILY: [&str; 16] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "夏侯", "长孙",
    "宇文", "司徒", "端木", "西门",
];

/// Whether `word` has the shape of a person's name: a Chinese name (a
/// family name, then one to three characters) or a transliterated one
/// (every character one that spells foreign names). jieba's dictionary
/// tags many ordinary words `nr` (多云, 小圈子, 高兴) and `nrt` (冬奥);
/// most of them fail this, most names pass it.
pub fn looks_like_a_person(word: &[char]) -> bool {
    let family = match word {
        [a, b, ..] if DOUBLE_FAMILY.iter().any(|d| d.chars().eq([*a, *b])) => 2,
        [a, ..] if class(*a) & 1 != 0 => 1,
        _ => 0,
    };
    let chinese = family > 0 && (family + 1..=family + 3).contains(&word.len());
    let foreign = word.len() >= 2 && word.iter().all(|&c| class(c) & 2 != 0 || c == '·');
    chinese || foreign
}

#[cfg(test)]
mod tests {
    use super::{class, looks_like_a_person};

    #[test]
    fn classes_of_names() {
        assert_eq!(class('王') & 1, 1);
        assert_eq!(class('斯') & 2, 2);
        assert_eq!(class('省') & 4, 4);
        assert_eq!(class('部') & 8, 8);
        assert_eq!(class('的'), 0);
        // 中心 ends organisations as a word; 中 and 心 alone end 其中 and 信心.
        assert_eq!(class('中') & 8, 0);
        assert_eq!(class('心') & 8, 0);
    }

    #[test]
    fn the_shape_of_a_persons_name() {
        let is = |w: &str| looks_like_a_person(&w.chars().collect::<Vec<_>>());
        for name in ["王宏志", "宋军", "欧阳修", "克林顿", "司马光"] {
            assert!(is(name), "{name}");
        }
        for word in ["多云", "小圈子", "冬奥", "王", "王老五家的狗"] {
            assert!(!is(word), "{word}");
        }
    }
}
