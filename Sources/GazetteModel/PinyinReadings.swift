/// Words whose pinyin ICU's Han-Latin gets wrong, read character by character with each character's
/// most common reading: 银行 came out `yin xing` (not `yin hang`), 长沙 `zhang sha`, 厦门 `sha men`,
/// 调整 `diao zheng`, 还款 `hai kuan`. Financial news is full of them, in post and category URLs.
///
/// `withPinyinReadings(_:)` writes these words as their pinyin (space-separated syllables, which the
/// transform then passes through unchanged) before the transform reads the rest. The words are
/// replaced leftmost first, the longest first at each place. A few words ICU already reads right are
/// listed only so that they are taken whole before a listed word inside them (发行业务 is 发行 + 业务,
/// not 发 + 行业 + 务).
public func withPinyinReadings(_ title: String) -> String {
    let scalars = Array(title.unicodeScalars)
    guard scalars.contains(where: { $0.value >= 0x4E00 && $0.value <= 0x9FFF }) else { return title }
    var out = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
        var matched = false
        // Most characters start no listed word: asked of a set of first characters, without a String.
        guard pinyinWordStarts.contains(scalars[index].value) else {
            out.append(scalars[index])
            index += 1
            continue
        }
        for length in stride(from: min(pinyinWordMaxLength, scalars.count - index), through: 2, by: -1) {
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[index..<(index + length)])
            if let reading = pinyinWords[String(word)] {
                out.append(contentsOf: " \(reading) ".unicodeScalars)
                index += length
                matched = true
                break
            }
        }
        if !matched {
            out.append(scalars[index])
            index += 1
        }
    }
    return String(out)
}

private let pinyinWordMaxLength = 3

private let pinyinWordStarts: Set<UInt32> = Set(pinyinWords.keys.compactMap { $0.unicodeScalars.first?.value })

/// Each checked against ICU 74's Han-Latin: every entry but the guards is read wrong by it.
private let pinyinWords: [String: String] = [
    // 行 háng: banks and trades
    "银行": "yin hang", "行业": "hang ye", "行情": "hang qing", "央行": "yang hang", "投行": "tou hang",
    "商行": "shang hang", "分行": "fen hang", "支行": "zhi hang", "总行": "zong hang", "车行": "che hang",
    "外行": "wai hang", "内行": "nei hang", "排行": "pai hang",
    // 长 cháng
    "长沙": "chang sha", "长江": "chang jiang", "长城": "chang cheng", "长春": "chang chun", "长安": "chang an",
    "长三角": "chang san jiao", "长期": "chang qi", "长线": "chang xian", "长治": "chang zhi", "延长": "yan chang",
    "长虹": "chang hong", "长征": "chang zheng", "长篇": "chang pian", "长途": "chang tu", "长假": "chang jia",
    "长白山": "chang bai shan",
    // 重 chóng
    "重阳": "chong yang", "重新": "chong xin", "重复": "chong fu", "重组": "chong zu",
    // 调 tiáo
    "空调": "kong tiao", "调整": "tiao zheng", "调控": "tiao kong", "调价": "tiao jia", "调息": "tiao xi",
    "下调": "xia tiao", "上调": "shang tiao", "调降": "tiao jiang", "协调": "xie tiao", "调解": "tiao jie",
    // 还 huán
    "还款": "huan kuan", "还贷": "huan dai", "偿还": "chang huan", "归还": "gui huan",
    // others
    "厦门": "xia men", "音乐": "yin yue", "乐清": "yue qing", "睡觉": "shui jiao", "单县": "shan xian",
    "出差": "chu chai", "人参": "ren shen", "会计": "kuai ji", "财会": "cai kuai", "角色": "jue se",
    "供给": "gong ji", "给予": "ji yu", "自给": "zi ji", "便宜": "pian yi", "率先": "shuai xian", "统率": "tong shuai",
    "着陆": "zhuo lu", "着力": "zhuo li", "着手": "zhuo shou", "着眼": "zhuo yan", "薄弱": "bo ruo", "刻薄": "ke bo",
    "都市": "du shi", "首都": "shou du", "成都": "cheng du", "模样": "mu yang", "投降": "tou xiang",
    "反省": "fan xing", "传记": "zhuan ji", "暖和": "nuan huo", "曝光": "bao guang", "蚌埠": "beng bu",
    "六安": "lu an", "番禺": "pan yu", "泌阳": "bi yang", "乐亭": "lao ting",
    // Guards: read right by ICU, taken whole so that a listed word inside them is not.
    "发行": "fa xing", "执行": "zhi xing", "运行": "yun xing", "进行": "jin xing", "举行": "ju xing",
    "实行": "shi xing", "推行": "tui xing", "行政": "xing zheng", "行为": "xing wei", "流行": "liu xing",
    "旅行": "lv xing", "同行": "tong xing", "增长": "zeng zhang", "成长": "cheng zhang", "生长": "sheng zhang",
    "重要": "zhong yao", "重大": "zhong da", "重点": "zhong dian", "调查": "diao cha", "调研": "diao yan",
    "调度": "diao du", "还有": "hai you", "还是": "hai shi",
]
