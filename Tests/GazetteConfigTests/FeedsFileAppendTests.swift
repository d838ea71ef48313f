import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// `FeedsFile.appending`: new entries go at the end of `feeds:`, and no other byte of the file changes.
struct FeedsFileAppendTests {
    static let b = NewFeedEntry(title: "B", url: "https://b.example.com/f")
    static let bLines = "  - title: B\n    url: https://b.example.com/f\n"
    static let a = "  - title: A\n    url: https://a.example.com/f\n"

    func append(_ entries: [NewFeedEntry] = [b], to text: String) throws -> String {
        let edited = try FeedsFile.appending(entries, to: text, file: "feeds.yml")
        let read = try feeds(of: edited)
        #expect(read.count == (try feeds(of: text)).count + entries.count)
        #expect(zip(read.suffix(entries.count), entries).allSatisfy { feed($0, reads: $1) })
        return edited
    }

    @Test func entryGoesAfterTheLastOneWithItsIndentation() throws {
        let text = Example.withFeeds(Self.a)
        #expect(insertion(in: try append(to: text), into: text, after: "a.example.com/f\n") == Self.bLines)
    }

    @Test func dashAtColumnOneIsCopied() throws {
        let text = Example.withFeeds("- title: A\n  url: https://a.example.com/f\n")
        #expect(insertion(in: try append(to: text), into: text, after: "a.example.com/f\n") == "- title: B\n  url: https://b.example.com/f\n")
    }

    @Test func wideKeyColumnIsCopied() throws {
        let text = Example.withFeeds("  -   title: A\n      url: https://a.example.com/f\n")
        #expect(insertion(in: try append(to: text), into: text, after: "a.example.com/f\n")
            == "  -   title: B\n      url: https://b.example.com/f\n")
    }

    @Test func entryGoesAfterTheLastOnesNestedListAndBlockText() throws {
        let text = Example.withFeeds(Self.a + "  - title: C\n    url: https://c.example.com/f\n    include:\n      - 股票\n    exclude: [广告]\n"
            + "    category_title: |\n      Long\n\n      # not a comment\n\n# end\n")
        #expect(insertion(in: try append(to: text), into: text, after: "# not a comment\n") == Self.bLines)
    }

    @Test func commentsBetweenAndAfterEntriesStay() throws {
        let text = Example.withFeeds("""
              # news
              - title: A
                url: https://a.example.com/f   # end-of-line comment
                # a note inside A
              # markets
              - title: C
                url: https://c.example.com/f
                # commented out: category: c
              # retired:
              # - title: D
            # the end

            """)
        #expect(insertion(in: try append(to: text), into: text, after: "# commented out: category: c\n") == Self.bLines)
    }

    @Test func blankLinesStay() throws {
        let text = Example.withFeeds("\n" + Self.a + "\n\n  - title: C\n\n    url: https://c.example.com/f\n\n\n")
        #expect(insertion(in: try append(to: text), into: text, after: "c.example.com/f\n") == Self.bLines)
    }

    @Test func trailingCommentBlockStaysLast() throws {
        let text = Example.withFeeds(Self.a + "\n# ------------------------------\n# Add feeds with `gazette subscribe`.\n#\n")
        #expect(insertion(in: try append(to: text), into: text, after: "a.example.com/f\n") == Self.bLines)
    }

    @Test func fileWithoutFinalLineBreakKeepsEndingWithout() throws {
        let text = Example.withFeeds("  - title: A\n    url: https://a.example.com/f")
        #expect(insertion(in: try append(to: text), into: text, after: "a.example.com/f") == "\n" + String(Self.bLines.dropLast()))
    }

    @Test func crlfFileGetsCRLFLines() throws {
        let text = Example.withFeeds(Self.a + "# end\n").replacingOccurrences(of: "\n", with: "\r\n")
        let inserted = insertion(in: try append(to: text), into: text, after: "a.example.com/f\r\n")
        #expect(inserted.map(bytes) == bytes(Self.bLines.replacingOccurrences(of: "\n", with: "\r\n")))
    }

    @Test func byteOrderMarkStays() throws {
        let text = "\u{FEFF}" + Example.withFeeds(Self.a)
        let edited = try append(to: text)
        #expect(bytes(edited).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(insertion(in: edited, into: text, after: "a.example.com/f\n") == Self.bLines)
    }

    @Test func entryGoesBeforeTheNextTopLevelKey() throws {
        let text = Example.minimalSite + "feeds:\n" + Self.a + "  # above defaults\n\n# defaults\ndefaults:\n  interval: 1h\n"
        #expect(insertion(in: try append(to: text), into: text, after: "a.example.com/f\n") == Self.bLines)
    }

    @Test func entriesGoInOrderWithEveryKey() throws {
        let text = Example.withFeeds(Self.a)
        let entries = [
            NewFeedEntry(title: "每日经济新闻", url: "https://example.com/nbd/rss.xml", category: "meirijingjixinwen",
                         categoryTitle: "每日经济新闻新闻", tags: ["每日经济新闻新闻", "财经"]),
            NewFeedEntry(title: "Local", url: "samples/local.xml", tags: []),
        ]
        #expect(insertion(in: try append(entries, to: text), into: text, after: "a.example.com/f\n") == """
              - title: 每日经济新闻
                url: https://example.com/nbd/rss.xml
                category: meirijingjixinwen
                category_title: 每日经济新闻新闻
                tags: [每日经济新闻新闻, 财经]
              - title: Local
                url: samples/local.xml
                tags: []

            """)
    }

    @Test func emptyFeedsKeyGetsAList() throws {
        let text = Example.minimalSite + "feeds:\n"
        #expect(insertion(in: try append(to: text), into: text, after: "feeds:\n") == Self.bLines)
    }

    @Test func emptyFeedsKeyWithACommentGetsAListUnderIt() throws {
        let text = Example.minimalSite + "feeds:   # none yet\n    # add some\n\n# end\n"
        #expect(insertion(in: try append(to: text), into: text, after: "# add some\n") == Self.bLines)
    }

    @Test func emptyFeedsKeyBeforeAnotherKeyGetsAList() throws {
        let text = Example.minimalSite + "feeds:\ndefaults:\n  interval: 1h\n"
        #expect(insertion(in: try append(to: text), into: text, after: "feeds:\n") == Self.bLines)
    }

    @Test(arguments: ["feeds: []\n", "feeds:  [ ]\n", "feeds: ~\n", "feeds: null\n"])
    func emptyMarkerOnTheKeyLineGivesWayToTheList(feedsLine: String) throws {
        let edited = try append(to: Example.minimalSite + feedsLine)
        #expect(bytes(edited) == bytes(Example.minimalSite + "feeds:\n" + Self.bLines))
    }

    @Test func emptyMarkerBeforeACommentLeavesTheComment() throws {
        let edited = try append(to: Example.minimalSite + "feeds: []   # none yet\ndefaults:\n")
        #expect(bytes(edited) == bytes(Example.minimalSite + "feeds:   # none yet\n" + Self.bLines + "defaults:\n"))
    }

    @Test func emptyListOnItsOwnLineIsReplaced() throws {
        let edited = try append(to: Example.minimalSite + "feeds:\n  []\n# end\n")
        #expect(bytes(edited) == bytes(Example.minimalSite + "feeds:\n" + Self.bLines + "# end\n"))
    }

    @Test func emptyListOnTheLastLineWithoutBreakIsReplaced() throws {
        let edited = try append(to: Example.minimalSite + "feeds:\n  []")
        #expect(bytes(edited) == bytes(Example.minimalSite + "feeds:\n" + Self.bLines.dropLast()))
    }

    @Test func missingFeedsKeyGetsASectionAtTheEnd() throws {
        let text = Example.minimalSite + "# the end\n"
        #expect(insertion(in: try append(to: text), into: text, after: "# the end\n") == "feeds:\n" + Self.bLines)
    }

    @Test func missingFeedsKeyInAFileWithoutFinalBreak() throws {
        let text = "site:\n    title: News\n    url: https://news.example.com"
        #expect(insertion(in: try append(to: text), into: text, after: "news.example.com")
            == "\nfeeds:\n    - title: B\n      url: https://b.example.com/f")
    }

    @Test func missingFeedsKeyGoesBeforeTheDocumentEnd() throws {
        let text = Example.minimalSite + "...\n# after the document\n"
        #expect(insertion(in: try append(to: text), into: text, before: "...") == "feeds:\n" + Self.bLines)
    }

    @Test func flowListWithContentIsRefused() throws {
        let text = Example.minimalSite + "feeds: [{title: A, url: https://a.example.com/f}]\n"
        let error = configError { _ = try FeedsFile.appending([Self.b], to: text, file: "feeds.yml") }
        guard case let .cannotEdit(_, fix, at)? = error else { Issue.record("not refused: \(String(describing: error))"); return }
        #expect(at == FilePosition(file: "feeds.yml", line: 4, column: 8))
        #expect(fix.contains("block list"))
        #expect(error?.description.hasPrefix("feeds.yml:4:8: ") == true)
    }

    @Test func flowTopLevelIsRefused() throws {
        let text = "{site: {title: N, url: https://n.example.com}, feeds: []}\n"
        let error = configError { _ = try FeedsFile.appending([Self.b], to: text, file: "feeds.yml") }
        guard case .cannotEdit? = error else { Issue.record("not refused: \(String(describing: error))"); return }
    }

    @Test func editThatWouldBeRefusedIsNotMade() throws {
        let text = Example.withFeeds(Self.a)
        let duplicate = NewFeedEntry(title: "Again", url: "https://a.example.com/f")
        let error = configError { _ = try FeedsFile.appending([duplicate], to: text, file: "feeds.yml") }
        guard case let .editInvalid(file, cause)? = error, case .duplicateURL = cause else {
            Issue.record("not refused: \(String(describing: error))"); return
        }
        #expect(file == "feeds.yml")
        #expect(error?.description.contains("left unchanged") == true && error?.description.contains("duplicate url") == true)
    }

    @Test func fileThatIsAlreadyRefusedSaysWhy() throws {
        let text = Example.withFeeds("  - title: A\n")
        #expect(throws: ConfigError.missingKey("url", in: "feed", at: FilePosition(file: "feeds.yml", line: 5, column: 5))) {
            try FeedsFile.appending([Self.b], to: text, file: "feeds.yml")
        }
    }

    @Test func nothingToAppendChangesNothing() throws {
        let text = Example.minimalSite
        #expect(bytes(try FeedsFile.appending([], to: text, file: "feeds.yml")) == bytes(text))
    }

    @Test func relativeFileURLResolvesAgainstTheFile() throws {
        let text = Example.withFeeds(Self.a)
        let edited = try FeedsFile.appending([NewFeedEntry(title: "L", url: "samples/l.xml")], to: text, file: "/srv/site/feeds.yml")
        #expect(try feeds(of: edited, file: "/srv/site/feeds.yml").last?.source == .file(URL(fileURLWithPath: "/srv/site/samples/l.xml")))
    }
}
