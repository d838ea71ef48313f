import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// feeds.yml as people write it: comments, odd spacing, flow and block styles, quotes.
struct FormattingTests {
    @Test func commentsAndOddSpacingLoad() throws {
        let text = """
            # Gazette config — edited by hand
            site:      # the site
                title:    "财经新闻"   # quoted
                url:   https://finews.example.com/
                timezone:  '+08:00'


                footer: { back_to_home: Home,   separator: " | " }
            defaults:
                interval:  1h30m
            feeds:
            # first feed
            -   title:   每日经济新闻
                url:     https://example.com/nbd/rss.xml   # trailing comment
                tags:
                  - 财经
                  -   新闻
            -   {title: "Local: sample",url: samples/a.xml,  include: [股票, 基金]}
            # trailing comment, no newline at the end
            """
        let config = try load(text, file: "/srv/site/feeds.yml")
        #expect(config.site.title == "财经新闻")
        #expect(config.site.url.absoluteString == "https://finews.example.com/")
        #expect(config.site.timeZone.secondsFromGMT() == 28_800)
        #expect(config.site.footer == Footer(backToHome: "Home", separator: " | "))
        #expect(config.defaults.interval == 5_400)
        #expect(config.feeds.map(\.title) == ["每日经济新闻", "Local: sample"])
        #expect(config.feeds.map(\.tags) == [["财经", "新闻"], ["Local: sample"]])
        #expect(config.feeds.map(\.line) == [13, 18])
        #expect(config.feeds.last?.include == ["股票", "基金"])
        #expect(config.feeds.last?.category == "localsample")
    }

    @Test func windowsLineEndingsLoad() throws {
        let text = Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n").replacingOccurrences(of: "\n", with: "\r\n")
        let config = try load(text)
        #expect(config.feeds.first?.url == "https://a.example.com/f")
        #expect(config.feeds.first?.line == 5)
    }

    @Test func nullValuesTakeTheirDefaults() throws {
        let config = try load(Example.minimalSite + "defaults:\nfeeds:\n  - title: A\n    url: https://a.example.com/f\n    category: ~\n    tags:\n")
        #expect(config.defaults == .standard)
        #expect(config.feeds.first?.category == "a" && config.feeds.first?.tags == ["A"])
    }

    @Test func numberAndDateLookingTextStaysAsWritten() throws {
        let config = try load("site:\n  title: 2024-01-01\n  url: https://n.example.com\n  language: no\n")
        #expect(config.site.title == "2024-01-01")
        #expect(config.site.language == "no")   // YAML 1.1's "no" is false; here it is Norwegian
    }

    @Test func anchorsAndAliasesAreFollowed() throws {
        let config = try load(Example.minimalSite + """
            feeds:
              - title: A
                url: https://a.example.com/f
                exclude: &ads [广告, 推广]
              - title: B
                url: https://b.example.com/f
                exclude: *ads

            """)
        #expect(config.feeds.map(\.exclude) == [["广告", "推广"], ["广告", "推广"]])
    }
}
