//! The world's countries, regions, capitals and best-known cities, China's
//! provinces and cities, the best-known rivers, mountains and seas, the
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
威尼斯 佛罗伦萨 巴塞罗那 里昂 曼彻斯特 爱丁堡 波士顿 费城 休斯敦 西雅图 夏威夷 檀香山 迪拜 \
加尔各答 马德拉斯 班加罗尔 海得拉巴 卡萨布兰卡 达喀尔 哈拉雷 卢萨卡 金沙萨 罗安达 \
马普托 温得和克 北海道";

/// China's provinces and regions (with 省 and 自治区 too: the news writes
/// 河北省 as often as 河北) and its prefecture-level cities, less those that
/// are words or parts of words too (朝阳, 大同, 白银, 来宾, 开封, 日照, 大理
/// of 大理石, 三明 of 三明治, 长治 of 长治久安, 安康, 普洱; not the capital
/// 海口 and the oil field 大庆, named far more often than 夸下海口 and 大庆), other names too
/// (中山 of 孙中山, 德州 of Texas and of 格朗德州, 哈密 of 哈密尔顿), or a pair
/// of places in the news (巴中 of 巴中关系).
const CHINA: &str = "\
河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 \
海南 四川 贵州 云南 陕西 甘肃 青海 内蒙古 广西 西藏 宁夏 新疆 河北省 山西省 \
辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 湖北省 \
湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 内蒙古自治区 \
广西壮族自治区 西藏自治区 宁夏回族自治区 新疆维吾尔自治区 北京市 上海市 天津市 重庆市 \
石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 阳泉 晋城 朔州 \
晋中 运城 忻州 临汾 吕梁 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 \
乌兰察布 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛 长春 \
辽源 通化 松原 白城 延边 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 伊春 佳木斯 七台河 \
牡丹江 黑河 绥化 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 \
宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 合肥 芜湖 蚌埠 淮南 \
马鞍山 淮北 铜陵 安庆 滁州 阜阳 宿州 六安 亳州 池州 宣城 福州 厦门 莆田 泉州 \
漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 \
济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 临沂 聊城 滨州 菏泽 郑州 洛阳 \
平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 武汉 \
黄石 十堰 宜昌 襄阳 襄樊 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 长沙 株洲 湘潭 \
衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 广州 韶关 深圳 珠海 汕头 \
佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 阳江 清远 东莞 潮州 揭阳 云浮 南宁 柳州 \
桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 崇左 三亚 成都 自贡 攀枝花 \
泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 资阳 贵阳 \
六盘水 遵义 毕节 昆明 曲靖 玉溪 保山 昭通 丽江 临沧 西双版纳 楚雄 拉萨 日喀则 \
昌都 林芝 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 商洛 兰州 嘉峪关 金昌 天水 \
武威 张掖 平凉 酒泉 庆阳 陇南 西宁 银川 石嘴山 吴忠 固原 乌鲁木齐 克拉玛依 吐鲁番 \
喀什 阿克苏 伊犁 石河子 黄山 海口 大庆";

/// Rivers, mountains, lakes, seas and the parts of China the news names by
/// their quarter (华北, 西南); listed with their places, so that 洞庭湖南岸
/// is not read as 湖南. Not 青藏高原: the news labels 青 and 藏 each a place.
const GEOGRAPHY: &str = "\
长江 黄河 珠江 淮河 海河 辽河 松花江 鸭绿江 图们江 澜沧江 雅鲁藏布江 怒江 嘉陵江 \
汉江 湘江 赣江 闽江 钱塘江 黄浦江 湄公河 尼罗河 多瑙河 莱茵河 密西西比河 亚马孙河 \
伏尔加河 泰晤士河 塞纳河 恒河 幼发拉底河 底格里斯河 约旦河 泰山 峨眉山 庐山 五台山 \
喜马拉雅山 珠穆朗玛峰 昆仑山 阿尔卑斯山 太行山 秦岭 长白山 武夷山 井冈山 富士山 \
大兴安岭 太湖 洞庭湖 鄱阳湖 青海湖 渤海 黄海 东海 南海 台湾海峡 地中海 太平洋 \
大西洋 印度洋 北冰洋 波斯湾 加勒比海 黄土高原 塔里木盆地 四川盆地 华北平原 东北平原 \
长江三角洲 珠江三角洲 华北 华东 华南 华中 西南 西北 东北";

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
            (CHINA, Kind::Place),
            (GEOGRAPHY, Kind::Place),
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
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match longest_at(chars, i) {
            Some((len, kind)) if !yields(chars, i, len) => {
                out.push((i, i + len, kind));
                i += len;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether the name of `len` characters at `i` is no name there: a longer
/// name that starts inside it and runs past it is the name (西班牙 of
/// 江西班牙; 洞庭湖 of 洞庭湖南岸 is longer than 湖南), and a quarter before 部
/// or 角 is a direction (西北部, 东北角).
fn yields(chars: &[char], i: usize, len: usize) -> bool {
    let overrun = (i + 1..i + len)
        .any(|j| longest_at(chars, j).is_some_and(|(l, _)| l > len && j + l > i + len));
    let direction = QUARTERS.contains(&chars[i..i + len].iter().collect::<String>().as_str())
        && chars
            .get(i + len)
            .is_some_and(|c| "部角方侧面风".contains(*c));
    overrun || direction
}

/// The longest name of the lists at `i`: its length and kind.
fn longest_at(chars: &[char], i: usize) -> Option<(usize, Kind)> {
    let (set, longest) = names();
    let mut word = String::new();
    for len in (2..=(*longest).min(chars.len() - i)).rev() {
        word.clear();
        word.extend(&chars[i..i + len]);
        if let Some(&kind) = set.get(word.as_str()) {
            return Some((len, kind));
        }
    }
    None
}

/// The parts of China named by their quarter that are directions too (西北部).
const QUARTERS: [&str; 7] = ["华北", "华东", "华南", "华中", "西南", "西北", "东北"];

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

    #[test]
    fn china_s_provinces_cities_and_waters_are_places() {
        let p = Kind::Place;
        let chars: Vec<char> = "河北省保定和潍坊".chars().collect();
        assert_eq!(find(&chars), [(0, 3, p), (3, 5, p), (6, 8, p)]);
        // The lake is read first: no 湖南 in 洞庭湖南岸, no 河南 in 黄河南岸.
        let chars: Vec<char> = "洞庭湖南岸和黄河南岸".chars().collect();
        assert_eq!(find(&chars), [(0, 3, p), (6, 8, p)]);
        // A city that is a common word too is not listed.
        assert_eq!(kind_of(&"大同".chars().collect::<Vec<_>>()), None);
        // A name that a longer one starting inside it runs past yields to it;
        // a quarter before 部 is a direction, alone a place.
        let chars: Vec<char> = "江西班牙的西北部和西北".chars().collect();
        assert_eq!(find(&chars), [(1, 4, p), (9, 11, p)]);
    }
}
