import GazetteConfig
import GazetteModel
import Testing

/// `categorySlug(for:)`: a feed title's pinyin/latin spelling, lowercase `a-z0-9` only (design.md).
struct CategorySlugTests {
    @Test func chineseTitleBecomesItsPinyinRunTogether() {
        #expect(categorySlug(for: "每日经济新闻") == "meirijingjixinwen")
    }

    @Test(arguments: [
        ("Hacker News", "hackernews"),
        ("Le Monde — À la une", "lemondealaune"),
        ("36氪", "36ke"),
        ("财经 Finance 2024!", "caijingfinance2024"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
    ])
    func titleKeepsOnlyLowercaseLettersAndDigits(title: String, slug: String) {
        #expect(categorySlug(for: title) == slug)
    }

    /// ICU read 银行 as yin xing, 长江 as zhang jiang: `subscribe` now writes the right pinyin, while a
    /// feed without `category:` keeps the old default, so that no upgrade moves its URLs.
    @Test(arguments: [
        ("中国人民银行", "zhongguorenminyinhang", "zhongguorenminyinxing"),
        ("长江商报", "changjiangshangbao", "zhangjiangshangbao"),
        ("厦门日报", "xiamenribao", "shamenribao"),
        ("每日经济新闻", "meirijingjixinwen", "meirijingjixinwen"),
    ])
    func wordsICUReadsWrongAreReadRightButTheDefaultStaysAsItWas(title: String, slug: String, frozen: String) {
        #expect(categorySlug(for: title) == slug)
        #expect(defaultCategorySlug(for: title) == frozen)
    }

    @Test func aFeedWithoutCategoryKeepsTheFrozenDefault() throws {
        let text = "site:\n  title: N\n  url: https://n.example.com\nfeeds:\n  - title: 招商银行\n    url: https://a.example.com/f\n"
        let config = try ConfigLoader.parse(text: text, file: "feeds.yml")
        #expect(config.feeds.first?.category == "zhaoshangyinxing")
    }

    @Test func titleWithNothingTransliterableGetsAStableShortHash() {
        let slug = categorySlug(for: "🔥🔥")
        #expect(slug.count == 8 && slug.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(categorySlug(for: "🔥🔥") == slug)
        #expect(categorySlug(for: "🔥") != slug)
    }

    /// `feeds/all.xml` is the whole site's feed: a feed titled "All" must not get the category `all`.
    @Test func aTitleWhoseSlugIsReservedGetsTheNextOne() {
        #expect(categorySlug(for: "All") == "all-2")
        #expect(categorySlug(for: "All News") == "allnews")
    }

    @Test func veryLongTitleIsCutToTheLimit() {
        #expect(categorySlug(for: String(repeating: "新闻", count: 100)).count == maxCategoryLength)
    }

    @Test(arguments: ["meirijingjixinwen", "tech-news", "a_b", "2024"])
    func safeCategoryIsAccepted(category: String) {
        #expect(isValidCategory(category))
    }

    @Test(arguments: ["", "../etc", "a/b", "Tech", "tech news", "-x", "_x", ".", "a\u{0}b", "新闻", String(repeating: "a", count: 101)])
    func categoryThatCouldEscapeOrSurpriseIsRefused(category: String) {
        #expect(!isValidCategory(category))
    }
}
