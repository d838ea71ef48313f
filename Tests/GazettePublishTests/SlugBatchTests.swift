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
