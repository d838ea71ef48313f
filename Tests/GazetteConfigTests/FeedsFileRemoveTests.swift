import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// `FeedsFile.removing`: the entry's own lines go, and nothing else.
struct FeedsFileRemoveTests {
    static let three = Example.withFeeds("""
          # first
          - title: A
            url: https://a.example.com/f

          # second
          - title: B
            url: https://b.example.com/f   # its url
            # a note inside B
            tags:
              - x
              - y
          # third
          - title: C
            url: https://c.example.com/f
        # trailing

        """)

    func remove(_ index: Int, from text: String) throws -> String {
        let edited = try FeedsFile.removing(feedAt: index, from: text, file: "feeds.yml")
        var expected = try feeds(of: text).map(\.url)
        expected.remove(at: index)
        #expect(try feeds(of: edited).map(\.url) == expected)
        return edited
    }

    @Test func firstEntryGoes() throws {
        #expect(bytes(try remove(0, from: Self.three)) == bytes(Self.three.replacingOccurrences(of: "  - title: A\n    url: https://a.example.com/f\n", with: "")))
    }

    @Test func middleEntryGoesWithTheCommentsInsideIt() throws {
        let b = "  - title: B\n    url: https://b.example.com/f   # its url\n    # a note inside B\n    tags:\n      - x\n      - y\n"
        #expect(Self.three.contains(b))
        #expect(bytes(try remove(1, from: Self.three)) == bytes(Self.three.replacingOccurrences(of: b, with: "")))
    }

    @Test func lastEntryGoesAndTheTrailingCommentStays() throws {
        #expect(bytes(try remove(2, from: Self.three)) == bytes(Self.three.replacingOccurrences(of: "  - title: C\n    url: https://c.example.com/f\n", with: "")))
    }

    @Test func onlyEntryLeavesAnEmptyFeedsKey() throws {
        let text = Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n")
        let edited = try remove(0, from: text)
        #expect(bytes(edited) == bytes(Example.minimalSite + "feeds:\n"))
        #expect(try feeds(of: edited).isEmpty)
    }

    @Test func lastEntryWithoutFinalLineBreak() throws {
        let text = Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n  - title: B\n    url: https://b.example.com/f")
        #expect(bytes(try remove(1, from: text)) == bytes(Example.withFeeds("  - title: A\n    url: https://a.example.com/f")))
    }

    @Test func entryBeforeAnotherTopLevelKey() throws {
        let text = Example.minimalSite + "feeds:\n  - title: A\n    url: https://a.example.com/f\n  # end of feeds\ndefaults:\n  interval: 1h\n"
        #expect(bytes(try remove(0, from: text)) == bytes(Example.minimalSite + "feeds:\n  # end of feeds\ndefaults:\n  interval: 1h\n"))
    }

    @Test func entryWhoseDashIsAloneOnItsLine() throws {
        let text = Example.withFeeds("  - # A\n    title: A\n    url: https://a.example.com/f\n  -\n    title: B\n    url: https://b.example.com/f\n")
        #expect(bytes(try remove(0, from: text)) == bytes(Example.withFeeds("  -\n    title: B\n    url: https://b.example.com/f\n")))
        #expect(bytes(try remove(1, from: text)) == bytes(Example.withFeeds("  - # A\n    title: A\n    url: https://a.example.com/f\n")))
    }

    @Test func flowEntriesInABlockList() throws {
        let text = Example.withFeeds("  - {title: A, url: https://a.example.com/f}\n  - {title: B,\n     url: https://b.example.com/f}\n")
        #expect(bytes(try remove(1, from: text)) == bytes(Example.withFeeds("  - {title: A, url: https://a.example.com/f}\n")))
    }

    @Test func dashesAtColumnOneWithCommentsBetween() throws {
        let text = Example.withFeeds("# A\n- title: A\n  url: https://a.example.com/f\n  # inside A\n# B\n- title: B\n  url: https://b.example.com/f\n")
        #expect(bytes(try remove(0, from: text)) == bytes(Example.withFeeds("# A\n# B\n- title: B\n  url: https://b.example.com/f\n")))
    }

    @Test func crlfFile() throws {
        let crlf = Self.three.replacingOccurrences(of: "\n", with: "\r\n")
        let edited = try remove(1, from: crlf)
        #expect(bytes(edited) == bytes(try remove(1, from: Self.three).replacingOccurrences(of: "\n", with: "\r\n")))
    }

    @Test func byteOrderMarkStays() throws {
        let edited = try remove(0, from: "\u{FEFF}" + Self.three)
        #expect(bytes(edited) == bytes("\u{FEFF}" + (try remove(0, from: Self.three))))
    }

    @Test(arguments: [3, -1, 100])
    func indexOutOfRangeIsRefused(index: Int) {
        #expect(throws: ConfigError.noSuchFeed(index: index, count: 3, file: "feeds.yml")) {
            try FeedsFile.removing(feedAt: index, from: Self.three, file: "feeds.yml")
        }
    }

    @Test func noFeedsAtAllIsOutOfRange() {
        let error = configError { _ = try FeedsFile.removing(feedAt: 0, from: Example.minimalSite, file: "feeds.yml") }
        #expect(error == .noSuchFeed(index: 0, count: 0, file: "feeds.yml"))
        #expect(error?.description.hasPrefix("feeds.yml: no feed at index 0 to remove: 'feeds:' holds 0 feeds;") == true)
    }

    @Test func flowListIsRefused() {
        let text = Example.minimalSite + "feeds: [{title: A, url: https://a.example.com/f}]\n"
        let error = configError { _ = try FeedsFile.removing(feedAt: 0, from: text, file: "feeds.yml") }
        guard case .cannotEdit? = error else { Issue.record("not refused: \(String(describing: error))"); return }
    }
}
