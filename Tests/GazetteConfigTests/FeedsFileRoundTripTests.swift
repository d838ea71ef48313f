import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// Adding feeds and then removing them gives back the file's exact bytes.
struct FeedsFileRoundTripTests {
    /// A copy of the shipped feeds.yml: end-of-line comments, a nested footer, `feeds:` last.
    static let shipped = #"""
        # Gazette's subscriptions. `make run` publishes these bundled sample sources offline;
        # replace them with real feed URLs (or use `gazette subscribe URL`).
        site:
          title: 财经新闻
          url: https://finews.example.com      # absolute; used in Atom ids, links, footers
          timezone: Asia/Shanghai              # IANA name or fixed offset "+08:00"
          language: zh-CN
          output: output                       # the Jekyll source tree Gazette writes into
          entries_per_feed: 50                 # entries in each Atom file
          footer:                              # the lines under each post body
            back_to_category: "返回{category_title}"
            back_to_home: "返回首页"
            separator: "｜"
        defaults:                              # any of these may be set per feed too
          interval: 30m                        # least time between two fetches of one feed
          timeout: 30s
          max_bytes: 10MB
        feeds:
          - title: 每日经济新闻
            url: examples/nbd-rss20.xml         # a local path is read from disk (relative to this file)
            category: meirijingjixinwen
            category_title: 每日经济新闻新闻
            tags: [每日经济新闻新闻]
          - title: 东方财富网
            url: examples/eastmoney-gb2312.xml
          - title: Markets Daily
            url: examples/markets-atom.xml
          - title: Tech Notes
            url: examples/notes-jsonfeed.json

        """#

    /// Untidy by hand: 4-space indentation, `-   title:`, `feeds:` before `defaults:`, comments at column 1
    /// between entries, blank lines, no line break at the end.
    static let oddSpacing = """
        # Gazette, by hand
        site:
            title:    "财经新闻"     # quoted
            url:   https://finews.example.com/

        feeds:
        # --- China ---
            -   title:   每日经济新闻
                url:     https://example.com/nbd/rss.xml   # trailing comment
                tags:
                    - 财经
        # --- World ---

            -   title: Markets Daily
                url: https://example.com/markets.xml
        # retired: - title: Old


        defaults:
            interval:  1h30m
        """

    static let added = [
        NewFeedEntry(title: "东方财富网: 要闻", url: "https://example.com/eastmoney.xml", category: "eastmoney", tags: ["财经", "#1"]),
        NewFeedEntry(title: "Hacker News", url: "https://news.ycombinator.com/rss", categoryTitle: "Tech"),
    ]

    /// `text` with `added` appended, checked, then removed again from the end.
    func appendAndRemove(_ text: String) throws -> (appended: String, restored: String) {
        let count = try feeds(of: text).count
        let appended = try FeedsFile.appending(Self.added, to: text, file: "feeds.yml")
        let read = try feeds(of: appended)
        #expect(read.count == count + 2)
        #expect(zip(read.suffix(2), Self.added).allSatisfy { feed($0, reads: $1) })
        let once = try FeedsFile.removing(feedAt: count + 1, from: appended, file: "feeds.yml")
        let restored = try FeedsFile.removing(feedAt: count, from: once, file: "feeds.yml")
        return (appended, restored)
    }

    @Test func shippedFileComesBackExactly() throws {
        let (appended, restored) = try appendAndRemove(Self.shipped)
        #expect(insertion(in: appended, into: Self.shipped, after: "url: examples/notes-jsonfeed.json\n") == """
              - title: "东方财富网: 要闻"
                url: https://example.com/eastmoney.xml
                category: eastmoney
                tags: [财经, "#1"]
              - title: Hacker News
                url: https://news.ycombinator.com/rss
                category_title: Tech

            """)
        #expect(bytes(restored) == bytes(Self.shipped))
    }

    @Test func untidyFileComesBackExactly() throws {
        let (appended, restored) = try appendAndRemove(Self.oddSpacing)
        #expect(insertion(in: appended, into: Self.oddSpacing, after: "url: https://example.com/markets.xml\n") == """
                -   title: "东方财富网: 要闻"
                    url: https://example.com/eastmoney.xml
                    category: eastmoney
                    tags: [财经, "#1"]
                -   title: Hacker News
                    url: https://news.ycombinator.com/rss
                    category_title: Tech

            """)
        #expect(bytes(restored) == bytes(Self.oddSpacing))
    }

    @Test func crlfFileWithByteOrderMarkComesBackExactly() throws {
        let text = "\u{FEFF}" + Self.shipped.replacingOccurrences(of: "\n", with: "\r\n")
        let (appended, restored) = try appendAndRemove(text)
        #expect(!bytes(appended).enumerated().contains { $1 == 0x0A && bytes(appended)[$0 - 1] != 0x0D })
        #expect(bytes(restored) == bytes(text))
    }

    @Test func removingEveryFeedAndAddingThemBackGivesTheSameFeeds() throws {
        var text = Self.oddSpacing
        let original = try feeds(of: text)
        for _ in original { text = try FeedsFile.removing(feedAt: 0, from: text, file: "feeds.yml") }
        #expect(try feeds(of: text).isEmpty)
        let entries = original.map { NewFeedEntry(title: $0.title, url: $0.url, tags: $0.tags) }
        text = try FeedsFile.appending(entries, to: text, file: "feeds.yml")
        #expect(try feeds(of: text).map(\.title) == original.map(\.title))
        #expect(try feeds(of: text).map(\.tags) == original.map(\.tags))
    }
}
