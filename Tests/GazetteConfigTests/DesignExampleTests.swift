import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// design.md's feeds.yml example loads, and what it leaves out takes the documented defaults.
struct DesignExampleTests {
    @Test func designExampleLoadsWithEveryValueItStates() throws {
        let config = try load(Example.design, file: "/srv/finews/feeds.yml")
        let site = config.site
        #expect(site.title == "财经新闻")
        #expect(site.url.absoluteString == "https://finews.example.com")
        #expect(site.timeZone.identifier == "Asia/Shanghai")
        #expect(site.language == "zh-CN")
        #expect(site.output.path == "/srv/finews/output")
        #expect(site.entriesPerFeed == 50)
        #expect(site.footer == Footer(backToCategory: "返回{category_title}", backToHome: "返回首页", separator: "｜"))
        #expect(config.file.path == "/srv/finews/feeds.yml")
    }

    @Test func designExampleDefaultsAreItsFetchSettingsPlusTheStandardOnes() throws {
        let config = try load(Example.design)
        #expect(config.defaults == FetchPolicy(interval: 1_800, connectTimeout: 10, timeout: 30, maxBytes: 10_485_760,
                                               lowSpeedLimit: 1_024, lowSpeedTime: 10))
        #expect(config.concurrency == Concurrency(maxInFlight: 16, maxPerHost: 4))
    }

    @Test func designExampleFeedKeepsItsValuesAndTakesTheDefaults() throws {
        let config = try load(Example.design)
        #expect(config.feeds.count == 1)
        let feed = try #require(config.feeds.first)
        #expect(feed.title == "每日经济新闻")
        #expect(feed.url == "https://example.com/nbd/rss.xml")
        #expect(feed.source == .web(try #require(URL(string: "https://example.com/nbd/rss.xml"))))
        #expect(feed.category == "meirijingjixinwen")
        #expect(feed.categoryTitle == "每日经济新闻新闻")
        #expect(feed.tags == ["每日经济新闻新闻"])
        #expect(feed.include.isEmpty && feed.exclude.isEmpty)
        #expect(feed.fetch == config.defaults)
        #expect(feed.position == FilePosition(file: "feeds.yml", line: 17, column: 5))
        #expect(feed.line == 17)
    }

    @Test func feedWithOnlyTitleAndURLTakesEveryDefault() throws {
        let config = try load(Example.withFeeds("""
              - title: 每日经济新闻
                url: https://example.com/nbd/rss.xml

            """))
        let feed = try #require(config.feeds.first)
        #expect(feed.category == "meirijingjixinwen")
        #expect(feed.categoryTitle == "每日经济新闻")
        #expect(feed.tags == ["每日经济新闻"])
        #expect(feed.fetch == .standard)
    }

    @Test func siteWithOnlyTitleAndURLTakesEveryDefault() throws {
        let config = try load(Example.minimalSite, file: "/srv/news/feeds.yml")
        #expect(config.site.timeZone.secondsFromGMT() == 0)
        #expect(config.site.language == nil)
        #expect(config.site.output.path == "/srv/news/output")
        #expect(config.site.entriesPerFeed == 50)
        #expect(config.site.footer == Footer())
        #expect(config.defaults == .standard && config.concurrency == .standard)
        #expect(config.feeds.isEmpty)
    }

    @Test func categoryTitleDefaultsToTitleAndTagsToCategoryTitle() throws {
        let config = try load(Example.withFeeds("""
              - title: Hacker News
                url: https://news.ycombinator.com/rss
                category_title: Tech

            """))
        let feed = try #require(config.feeds.first)
        #expect(feed.category == "hackernews")
        #expect(feed.tags == ["Tech"])
    }

    @Test func feedSettingsOverrideDefaultsOneByOne() throws {
        let config = try load(Example.minimalSite + """
            defaults:
              interval: 1h
              max_bytes: 1MB
            feeds:
              - title: A
                url: https://a.example.com/feed
                interval: 5m
                low_speed_limit: 0
                low_speed_time: 1m

            """)
        let fetch = try #require(config.feeds.first).fetch
        #expect(fetch == FetchPolicy(interval: 300, connectTimeout: 10, timeout: 30, maxBytes: 1_048_576,
                                     lowSpeedLimit: 0, lowSpeedTime: 60))
    }

    @Test func concurrencyLimitsAreReadAtTheTopLevel() throws {
        let config = try load(Example.minimalSite + "max_in_flight: 32\nmax_per_host: 2\n")
        #expect(config.concurrency == Concurrency(maxInFlight: 32, maxPerHost: 2))
    }

    @Test func concurrencyLimitsAreReadInDefaults() throws {
        let config = try load(Example.minimalSite + "defaults:\n  max_in_flight: 8\n")
        #expect(config.concurrency == Concurrency(maxInFlight: 8, maxPerHost: 4))
    }

    @Test(arguments: ["", "feeds:\n", "feeds: []\n"])
    func noFeedsIsFine(feeds: String) throws {
        #expect(try load(Example.minimalSite + feeds).feeds.isEmpty)
    }

    @Test func feedsKeepTheirFileOrder() throws {
        let config = try load(Example.withFeeds("""
              - {title: B, url: https://b.example.com/feed}
              - {title: A, url: https://a.example.com/feed}
              - {title: C, url: https://c.example.com/feed}

            """))
        #expect(config.feeds.map(\.title) == ["B", "A", "C"])
        #expect(config.feeds.map(\.line) == [5, 6, 7])
    }

    @Test func twoFeedsMayShareACategoryWithOneTitle() throws {
        let config = try load(Example.withFeeds("""
              - {title: A, url: https://a.example.com/feed, category: tech, category_title: Tech}
              - {title: B, url: https://b.example.com/feed, category: tech, category_title: Tech}

            """))
        #expect(config.feeds.map(\.category) == ["tech", "tech"])
    }

    @Test func footerFillsInTheCategoryTitle() {
        #expect(Footer().backToCategory(titled: "每日经济新闻新闻") == "返回每日经济新闻新闻")
    }
}
