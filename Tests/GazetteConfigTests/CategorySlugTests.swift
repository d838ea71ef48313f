import GazetteConfig
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
