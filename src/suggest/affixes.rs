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
森顿登默哈纳琼乔蒂丝莎妮娜伦吉巴贝比皮迪泰丹杰莱勒霍富弗沃福夸库兰朗隆鲁吕玛麦梅蒙米穆欧帕佩\
彭齐奇切恰舍什坦汀图托瓦威温沃西谢辛雅耶因扎泽詹朱佐";

/// Last characters of place names (河北省, 大兴县, 长江, 海南岛).
const PLACE_END: &str = "省市县区乡镇村州岛山河江湖海洋湾峡港路街洲国岭峰川原谷坝屯庄寨府道盟旗";

/// Last characters of organisation names (国务院, 外交部, 人民银行, 工会).
const ORG_END: &str = "部委局厅院会社党团队厂司行校所处署办军馆台报刊中心社组";

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

#[cfg(test)]
mod tests {
    use super::class;

    #[test]
    fn classes_of_names() {
        assert_eq!(class('王') & 1, 1);
        assert_eq!(class('斯') & 2, 2);
        assert_eq!(class('省') & 4, 4);
        assert_eq!(class('部') & 8, 8);
        assert_eq!(class('的'), 0);
    }
}
