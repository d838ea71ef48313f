import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// Values `FeedsFile.appending` writes read back exactly: plain when that is safe, else double-quoted.
struct FeedsFileScalarTests {
    static let tricky = [
        "a: b", "a #b", "ends with colon:", "-dash", "- item", "[x", "]x", "{x", "}x", "&anchor", "*alias", "!tag", "|block",
        ">folded", "'single", "\"double", "%directive", "@at", "`tick", "#hash", "?question", ",comma", ":colon",
        "true", "False", "null", "NULL", "~", "yes", "No", "on", "OFF", "y", "n", "123", "-1", "+1", "1.5", ".5", "0x1F",
        "0o17", "1_000", "1:30", ".inf", "-.inf", ".NaN", "2024-01-01", "it's", "say \"hi\"", "back\\slash", "C:\\feeds",
        "line\nbreak", "crlf\r\nbreak", "tab\there", "\ttab first", "bell\u{07}", "nul\u{00}", "esc\u{1B}", "del\u{7F}",
        "nel\u{85}", "c1\u{9F}", "ls\u{2028}ps\u{2029}", "bom\u{FEFF}", "nonchar\u{FFFF}", " leading", "trailing ",
        "  both  ", "a  b", "a, b", "a[b]", "a{b}", "...", "---", "--- x", "=", "<<", "a\u{00A0}b", "🔥 hot",
        "每日经济新闻：头条", "财经 #1", "x\u{301}", "ﬁ ligature",
    ]

    @Test(arguments: tricky)
    func trickyTextReadsBackExactly(text: String) throws {
        let entry = NewFeedEntry(title: text, url: "https://x.example.com/f", category: "x", categoryTitle: text, tags: [text, "plain", text])
        let original = Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n")
        let edited = try FeedsFile.appending([entry], to: original, file: "feeds.yml")
        let read = try #require(try feeds(of: edited).last)
        #expect(bytes(read.title) == bytes(text))
        #expect(bytes(read.categoryTitle) == bytes(text))
        #expect(read.tags.map(bytes) == [bytes(text), bytes("plain"), bytes(text)])
        #expect(insertion(in: edited, into: original, after: "a.example.com/f\n") != nil)
    }

    @Test(arguments: [
        "每日经济新闻", "Markets Daily", "Tech Notes", "C++ weekly", "a-b_c.d", "what?", "Top 50% off", "a:b", "a#b", "email@example.com",
    ])
    func safeTextStaysPlain(text: String) throws {
        let edited = try FeedsFile.appending([NewFeedEntry(title: text, url: "https://x.example.com/f")], to: Example.minimalSite, file: "feeds.yml")
        #expect(edited.contains("  - title: \(text)\n"))
        #expect(try feeds(of: edited).last?.title == text)
    }

    @Test(arguments: ["https://example.com/nbd/rss.xml", "https://example.com/feed?a=1&b=2#top", "samples/a.xml", "file:///srv/a.xml"])
    func urlsStayPlain(url: String) throws {
        let edited = try FeedsFile.appending([NewFeedEntry(title: "T", url: url)], to: Example.minimalSite, file: "feeds.yml")
        #expect(edited.contains("    url: \(url)\n"))
        #expect(try feeds(of: edited).last?.url == url)
    }

    @Test func unsafeTextIsDoubleQuoted() throws {
        let entry = NewFeedEntry(title: "a: \"b\"\n", url: "https://x.example.com/f", tags: ["x, y", "ok"])
        let edited = try FeedsFile.appending([entry], to: Example.minimalSite, file: "feeds.yml")
        #expect(edited.hasSuffix("  - title: \"a: \\\"b\\\"\\n\"\n    url: https://x.example.com/f\n    tags: [\"x, y\", ok]\n"))
    }

    @Test func controlCharactersAreEscaped() throws {
        let edited = try FeedsFile.appending([NewFeedEntry(title: "a\u{01}\u{85}\u{2028}\t", url: "https://x.example.com/f")],
                                             to: Example.minimalSite, file: "feeds.yml")
        #expect(edited.contains("  - title: \"a\\x01\\x85\\u2028\\t\"\n"))
    }
}
