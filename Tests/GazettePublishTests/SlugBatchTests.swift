import GazettePublish
import Testing

@Test func slugsOfABatchEqualEachTitlesOwnSlug() {
    let titles = ["我国工业互联网产业规模破万亿元 “双跨平台”如何发挥示范引领作用？", "Fed holds rates — for now",
                  "央行：保持流动性合理充裕\n加大对实体经济支持力度", "", "🔥🔥", "Crème brûlée à Paris", "A股三大指数集体收涨"]
    let batch = slugs(for: titles + titles)
    for (index, title) in (titles + titles).enumerated() {
        // slug(for:) of one title goes through the same transliteration alone.
        #expect(batch[index] == slug(for: title), "\(title)")
    }
    #expect(batch[0] == "wo-guo-gong-ye-hu-lian-wang-chan-ye-gui-mo-po-wan-yi-yuan")
    #expect(batch[2].hasPrefix("yang-hang-bao-chi-liu-dong-xing"))   // 央行: yang hang (withPinyinReadings)
}

/// Titles thousands of characters long: a slug comes from the first 200 characters, and batches are
/// cut by length too (one ICU call over 200 such titles took 132 s: its cost grows with the square
/// of the string's length). The slugs are the ones each title gets alone.
@Test func longTitlesGiveTheSlugsOfTheirStartInBatchesOrAlone() {
    let titles = (0..<50).map { "\($0) " + String(repeating: "长标题", count: 1333) }
    let batch = slugs(for: titles)
    for (index, title) in titles.enumerated() {
        #expect(batch[index] == slug(for: title))
        #expect(batch[index] == slug(for: String(title.prefix(200))))
        #expect(batch[index].count <= maximumSlugLength && batch[index].hasPrefix("\(index)-") && batch[index].contains("-biao-ti-"))
    }
}
