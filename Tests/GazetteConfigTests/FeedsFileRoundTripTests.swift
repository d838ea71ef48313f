import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// Adding feeds and then removing them gives back the file's exact bytes.
struct FeedsFileRoundTripTests {
    /// The shipped feeds.yml (end-of-line comments, a nested footer, `feeds:` last), read from the
    /// checkout, so the test follows the file.
    static let shipped: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("feeds.yml"), encoding: .utf8)) ?? ""
    }()

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

    /// `added` goes in after `anchor` as exactly `inserted`, and removing it gives `text` back byte for byte.
    func expectRoundTrip(_ text: String, after anchor: String, inserted: String) throws {
        let (appended, restored) = try appendAndRemove(text)
        #expect(insertion(in: appended, into: text, after: anchor) == inserted)
        #expect(bytes(restored) == bytes(text))
    }

    @Test func shippedFileComesBackExactly() throws {
        #expect(Self.shipped.contains("\nfeeds:\n"), "feeds.yml not found beside Package.swift")
        try expectRoundTrip(Self.shipped, after: "url: examples/notes-jsonfeed.json\n", inserted: """
              - title: "东方财富网: 要闻"
                url: https://example.com/eastmoney.xml
                category: eastmoney
                tags: [财经, "#1"]
              - title: Hacker News
                url: https://news.ycombinator.com/rss
                category_title: Tech

            """)
    }

    @Test func untidyFileComesBackExactly() throws {
        try expectRoundTrip(Self.oddSpacing, after: "url: https://example.com/markets.xml\n", inserted: """
                -   title: "东方财富网: 要闻"
                    url: https://example.com/eastmoney.xml
                    category: eastmoney
                    tags: [财经, "#1"]
                -   title: Hacker News
                    url: https://news.ycombinator.com/rss
                    category_title: Tech

            """)
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
