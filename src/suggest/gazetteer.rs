//! The world's countries, regions, capitals and best-known cities, the
//! organisations the news names most, and the heads of state and government
//! it names most, by their Chinese names: facts of any atlas or almanac,
//! written down from general knowledge, not learnt from a corpus. jieba's
//! dictionary calls some places persons (科索沃, 布隆迪, 卢森堡 are `nr`) or
//! nothing (平壤, 基辅 are `n`), and some persons places (普京, 奥巴马 are
//! `ns`); a tagger that has
//! seen a few hundred sentences has met few of them: a name found here is a
//! strong hint of what it is, one feature among the others
//! ([`features`](super::features)), so that annotations can still overrule
//! it (中国队 is a team).

use std::collections::HashMap;
use std::sync::OnceLock;

const PLACES: &str = "\
中国 美国 日本 韩国 朝鲜 俄罗斯 英国 法国 德国 意大利 西班牙 葡萄牙 荷兰 比利时 卢森堡 瑞士 奥地利 \
瑞典 挪威 丹麦 芬兰 冰岛 爱尔兰 希腊 土耳其 波兰 捷克 斯洛伐克 匈牙利 罗马尼亚 保加利亚 南斯拉夫 \
塞尔维亚 黑山 克罗地亚 斯洛文尼亚 波黑 波斯尼亚 马其顿 阿尔巴尼亚 乌克兰 白俄罗斯 摩尔多瓦 立陶宛 \
拉脱维亚 爱沙尼亚 格鲁吉亚 亚美尼亚 阿塞拜疆 哈萨克斯坦 乌兹别克斯坦 吉尔吉斯斯坦 塔吉克斯坦 \
土库曼斯坦 蒙古 阿富汗 巴基斯坦 印度 孟加拉国 孟加拉 尼泊尔 不丹 斯里兰卡 马尔代夫 缅甸 泰国 老挝 \
柬埔寨 越南 马来西亚 新加坡 印度尼西亚 印尼 菲律宾 文莱 东帝汶 伊朗 伊拉克 叙利亚 黎巴嫩 约旦 以色列 \
巴勒斯坦 沙特阿拉伯 沙特 科威特 巴林 卡塔尔 阿联酋 阿曼 也门 埃及 利比亚 突尼斯 阿尔及利亚 摩洛哥 \
苏丹 埃塞俄比亚 索马里 肯尼亚 坦桑尼亚 乌干达 卢旺达 布隆迪 刚果 扎伊尔 安哥拉 赞比亚 津巴布韦 \
莫桑比克 马拉维 纳米比亚 博茨瓦纳 南非 莱索托 斯威士兰 马达加斯加 毛里求斯 尼日利亚 尼日尔 加纳 \
科特迪瓦 塞内加尔 马里 几内亚 塞拉利昂 利比里亚 多哥 贝宁 布基纳法索 喀麦隆 乍得 加蓬 厄立特里亚 \
吉布提 毛里塔尼亚 冈比亚 佛得角 加拿大 墨西哥 古巴 危地马拉 洪都拉斯 萨尔瓦多 尼加拉瓜 哥斯达黎加 \
巴拿马 牙买加 海地 多米尼加 巴西 阿根廷 智利 秘鲁 哥伦比亚 委内瑞拉 厄瓜多尔 玻利维亚 巴拉圭 乌拉圭 \
圭亚那 苏里南 澳大利亚 新西兰 巴布亚新几内亚 斐济 汤加 萨摩亚 科索沃 苏联 台湾 香港 澳门 \
亚洲 欧洲 非洲 美洲 北美 南美 拉美 拉丁美洲 大洋洲 中东 东南亚 南亚 中亚 西亚 东亚 东欧 西欧 北欧 \
巴尔干 加勒比 \
北京 上海 天津 重庆 华盛顿 纽约 洛杉矶 芝加哥 旧金山 伦敦 巴黎 柏林 波恩 罗马 马德里 里斯本 布鲁塞尔 \
阿姆斯特丹 海牙 日内瓦 苏黎世 维也纳 斯德哥尔摩 奥斯陆 哥本哈根 赫尔辛基 雅典 安卡拉 伊斯坦布尔 华沙 \
布拉格 布达佩斯 布加勒斯特 索非亚 贝尔格莱德 萨拉热窝 基辅 明斯克 莫斯科 圣彼得堡 东京 大阪 汉城 首尔 \
平壤 新德里 孟买 伊斯兰堡 卡拉奇 喀布尔 德黑兰 巴格达 大马士革 贝鲁特 安曼 耶路撒冷 特拉维夫 \
加沙 开罗 的黎波里 阿尔及尔 拉巴特 喀土穆 内罗毕 亚的斯亚贝巴 拉各斯 阿布贾 约翰内斯堡 开普敦 \
比勒陀利亚 河内 胡志明市 曼谷 金边 万象 仰光 吉隆坡 雅加达 马尼拉 渥太华 多伦多 蒙特利尔 \
墨西哥城 哈瓦那 巴西利亚 里约热内卢 圣保罗 布宜诺斯艾利斯 圣地亚哥 利马 波哥大 加拉加斯 基多 悉尼 \
堪培拉 墨尔本 惠灵顿 台北 科伦坡 加德满都 达卡 乌兰巴托 阿拉木图 阿斯塔纳 塔什干 比什凯克 杜尚别 \
第比利斯 埃里温 巴库 里加 维尔纽斯 塔林 利雅得 多哈 马斯喀特 萨那 法兰克福 汉堡 米兰 \
威尼斯 佛罗伦萨 巴塞罗那 里昂 曼彻斯特 爱丁堡 波士顿 费城 休斯敦 西雅图 夏威夷 檀香山 迪拜";

const ORGANISATIONS: &str = "\
联合国 安理会 联大 欧盟 欧共体 北约 东盟 亚太经合组织 世界贸易组织 世贸组织 关贸总协定 世界银行 \
亚洲开发银行 国际货币基金组织 欧佩克 石油输出国组织 非洲统一组织 阿拉伯联盟 阿盟 \
伊斯兰会议组织 国际奥委会 奥委会 国际足联 红十字会 世界卫生组织 世卫组织 教科文组织 新华社 人民日报 \
光明日报 经济日报 解放军报 中央电视台 中央人民广播电台 路透社 美联社 法新社 塔斯社 共同社 合众国际社 \
国务院 全国人大 人大常委会 全国政协 政协 中共中央 中央军委 外交部 国防部 公安部 教育部 财政部 \
外经贸部 最高人民法院 最高人民检察院 中国人民银行 人民银行 国家计委 国家经贸委 共青团 全国妇联 妇联 \
全国总工会 总工会 白宫 五角大楼 国会 克里姆林宫 北京大学 清华大学 北大 清华 中国科学院 中科院 社科院 \
中国社会科学院 哈佛大学 微软 波音 英特尔 丰田 索尼 三星 解放军 人民解放军 武警";

/// Heads of state and government and other leaders the world's news has
/// named most these last decades.
const PERSONS: &str = "\
习近平 李强 李克强 胡锦涛 温家宝 江泽民 朱镕基 李鹏 邓小平 毛泽东 周恩来 刘少奇 朱德 孙中山 \
普京 梅德韦杰夫 叶利钦 戈尔巴乔夫 拉夫罗夫 拜登 特朗普 奥巴马 布什 克林顿 里根 尼克松 希拉里 蓬佩奥 \
布林肯 默克尔 朔尔茨 科尔 施罗德 马克龙 奥朗德 萨科齐 希拉克 密特朗 撒切尔 布莱尔 卡梅伦 特雷莎·梅 \
约翰逊 苏纳克 斯塔默 安倍晋三 岸田文雄 菅义伟 石破茂 文在寅 尹锡悦 李在明 朴槿惠 金正恩 金正日 \
金日成 莫迪 辛格 泽连斯基 埃尔多安 内塔尼亚胡 拉宾 阿拉法特 阿巴斯 卢拉 曼德拉 卡斯特罗 查韦斯 \
古特雷斯 潘基文 安南 加利 冯德莱恩 米歇尔 容克 特鲁多 莫里森 阿尔巴尼斯 佐科 杜特尔特 马科斯 \
洪森 李显龙 马哈蒂尔 萨达姆 卡扎菲 穆巴拉克 塞西 哈梅内伊 鲁哈尼 莱希";

/// Common words jieba's dictionary tags a person or a place (`nr`, `ns`),
/// which no reader takes for names: ordinary nouns, adjectives and verbs
/// (城市, 大国, 高水平, 明白), read off the dictionary's most frequent `nr`
/// and `ns` words (of `nr` words that start with a family name, the 300
/// most frequent) and the sample article. The dictionary does not suggest
/// them. The tagger still sees jieba's tag (seen as `x`, it measured worse:
/// span F1 −0.014 at N = 100 and −0.009 at N = 2,000).
const COMMON: &str = "\
城市 大国 两国 各国 全国 本国 外国 邻国 祖国 治国 建国 爱国 大关 英雄 太阳 哥哥 海洋 湖泊 大桥 高原 平原 \
上市 美丽 朝廷 东西 自治州 自治县 \
高水平 安危 明白 武功 文明 小姐 和尚 阳光 道德 卫星 陆军 王朝 \
雷达 荣誉 古老 冷笑 武林 明星 宫殿 师傅 胡同 师兄 顾问 王爷 王公 白雪 高峰 齐声 文武 石英 金殿 师哥 \
高潮 齐全 黄金周 顾客 辛勤 米粉 古建筑 胡子 王府 叶子 安静 谢谢 白领 向东 康复 沙滩 师范 梅花 吉祥 \
范畴 周转 孙子 杜鹃花 宁可 凌辱 高明 陈述 荣获 丛林 马匹 林立 明珠 王子 温泉 向阳 黎明 陈列 宁静 \
蓝天 金刚 左翼 冷汗 安抚 高僧 许可 朱红 柴禾 杜绝 卓越 沙丘 季后赛 白莲 童子 祝贺 师母 兰花 岳父 \
史诗 谢恩 白白 凌厉 沙皇 师娘 高三 王八 荣耀 胡闹 桂花 高悬 马背 乔木";

fn common() -> &'static std::collections::HashSet<&'static str> {
    static COMMON_SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    COMMON_SET.get_or_init(|| COMMON.split_whitespace().collect())
}

/// Whether `word` is a common word jieba wrongly tags a name ([`COMMON`]).
pub fn is_common_word(word: &[char]) -> bool {
    word.len() <= 4 && common().contains(word.iter().collect::<String>().as_str())
}

/// What a name of the lists is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Place = 1,
    Organisation = 2,
    Person = 3,
}

type Names = (HashMap<&'static str, Kind>, usize);

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut map = HashMap::new();
        for (list, kind) in [
            (PLACES, Kind::Place),
            (ORGANISATIONS, Kind::Organisation),
            (PERSONS, Kind::Person),
        ] {
            map.extend(list.split_whitespace().map(|w| (w, kind)));
        }
        let longest = map.keys().map(|w| w.chars().count()).max().unwrap_or(0);
        (map, longest)
    })
}

/// What `word` is, if it is a name of the lists.
pub fn kind_of(word: &[char]) -> Option<Kind> {
    let (map, longest) = names();
    if word.len() > *longest {
        return None;
    }
    map.get(word.iter().collect::<String>().as_str()).copied()
}

/// jieba's part of speech for a name of the lists (`ns` a place, `nt` an
/// organisation, `nr` a person): what the dictionary's suggestions and the tagger take for it,
/// whatever jieba's own tag.
pub fn part_of_speech(word: &[char]) -> Option<&'static str> {
    kind_of(word).map(Kind::part_of_speech)
}

impl Kind {
    /// jieba's part of speech for a name of this kind.
    pub fn part_of_speech(self) -> &'static str {
        match self {
            Kind::Place => "ns",
            Kind::Organisation => "nt",
            Kind::Person => "nr",
        }
    }
}

/// The names of the lists in `chars`, the longest at each place from left
/// to right, as `(start, end, kind)` in characters.
pub fn find(chars: &[char]) -> Vec<(usize, usize, Kind)> {
    let (set, longest) = names();
    let mut out = Vec::new();
    let mut word = String::new();
    let mut i = 0;
    while i < chars.len() {
        let mut found = None;
        for len in (2..=(*longest).min(chars.len() - i)).rev() {
            word.clear();
            word.extend(&chars[i..i + len]);
            if let Some(&kind) = set.get(word.as_str()) {
                found = Some((len, kind));
                break;
            }
        }
        match found {
            Some((len, kind)) => {
                out.push((i, i + len, kind));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{find, kind_of, Kind};

    #[test]
    fn finds_the_longest_name_at_each_place() {
        let chars: Vec<char> = "美国促使以色列和巴布亚新几内亚加入联合国".chars().collect();
        let (p, o) = (Kind::Place, Kind::Organisation);
        assert_eq!(
            find(&chars),
            [(0, 2, p), (4, 7, p), (8, 15, p), (17, 20, o)]
        );
        assert_eq!(kind_of(&chars[4..7]), Some(p));
        assert_eq!(kind_of(&chars[3..7]), None);
        // jieba calls 普京 a place.
        let chars: Vec<char> = "普京访问北京".chars().collect();
        assert_eq!(find(&chars), [(0, 2, Kind::Person), (4, 6, p)]);
    }
}
