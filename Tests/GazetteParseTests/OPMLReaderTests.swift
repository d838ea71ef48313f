import Foundation
import GazetteModel
@testable import GazetteParse
import Testing

// OPML subscription lists shaped like the exports of real feed readers (Fixtures/opml/), hostile
// ones, and files that are not OPML at all.

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

private func opml(_ name: String) throws -> OPMLDocument {
    let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("opml").appendingPathComponent(name)))
    return try OPMLReader.read(bytes, file: name)
}

/// The error `read` throws for these bytes, or nil.
private func readError(_ bytes: [UInt8], file: String = "subscriptions.opml") -> OPMLError? {
    do {
        _ = try OPMLReader.read(bytes, file: file)
        return nil
    } catch {
        return error
    }
}

struct OPMLReaderTests {
    @Test func feedlyExportGivesItsFoldersTypeAndBothNames() throws {
        let document = try opml("feedly-nested-one-level-type-rss.opml")
        #expect(document.title == "Jane subscriptions in feedly Cloud")
        #expect(document.skipped.isEmpty)
        #expect(document.feeds.map(\.xmlURL) == [
            "https://feeds.arstechnica.com/arstechnica/index", "https://www.theverge.com/rss/index.xml",
            "https://finews.example.com/nbd/rss.xml", "https://finews.example.com/wallstreetcn/rss.xml",
        ])
        #expect(document.feeds[0] == OPMLOutline(
            text: "Ars Technica - All content", title: "Ars Technica - All content",
            xmlURL: "https://feeds.arstechnica.com/arstechnica/index", htmlURL: "https://arstechnica.com", type: "rss",
            folders: ["Tech"], line: 9))
        #expect(document.feeds[2].text == "每日经济新闻" && document.feeds[2].folders == ["财经"])
        #expect(document.feeds[3].title == "华尔街见闻 | 全球资讯" && document.feeds[3].line == 14)
        #expect(document.feeds.allSatisfy { $0.category == nil && $0.tags == nil })
    }

    @Test func inoreaderExportDecodesEscapedAmpersandsAndKeepsTopLevelFeedsOutOfFolders() throws {
        let document = try opml("inoreader-folders-and-a-top-level-feed.opml")
        #expect(document.title == "Subscriptions from Inoreader [https://www.inoreader.com]")
        #expect(document.feeds.map(\.folders) == [["News"], ["News"], []])
        #expect(document.feeds[1].text == "Reuters: Top News & Analysis")
        #expect(document.feeds[1].xmlURL == "https://news.example.com/reuters/topNews?format=xml&region=world")
        #expect(document.feeds.map(\.line) == [8, 9, 11])
    }

    @Test func netNewsWireVersion11WithAnEmptyFolder() throws {
        let document = try opml("netnewswire-nested-version-1.1.opml")
        #expect(document.title == "Subscriptions-OnMyMac.opml")
        #expect(document.feeds.map(\.text) == ["Daring Fireball", "Swift.org", "Swift by Sundell"])
        #expect(document.feeds.map(\.folders) == [[], ["Swift"], ["Swift"]])
        #expect(document.feeds.map(\.htmlURL) == ["https://daringfireball.net/", "https://www.swift.org/", "https://www.swiftbysundell.com"])
        #expect(document.skipped.isEmpty)
    }

    @Test func thunderbirdFlatExportIgnoresItsOwnNamespace() throws {
        let document = try opml("thunderbird-flat-fz-namespace.opml")
        #expect(document.title == "Thunderbird OPML Export - Blogs & News Feeds")
        #expect(document.feeds.map(\.xmlURL) == ["https://lwn.net/headlines/rss", "https://planet.debian.org/rss20.xml"])
        #expect(document.feeds.allSatisfy { $0.folders.isEmpty && $0.type == "rss" })
    }

    @Test func newsboatFlatExportHasTitlesButNoText() throws {
        let document = try opml("newsboat-flat-title-only.opml")
        #expect(document.feeds.map(\.text) == [nil, nil])
        #expect(document.feeds.map(\.title) == ["The Linux Kernel Archives", "Lobsters: swift"])
        #expect(document.feeds[1].xmlURL == "https://lobste.rs/t/swift.rss?page=1&per=50")
    }

    @Test func outlinesWithFewAttributesAreReadAndUnusableOnesSkippedWithTheirLine() throws {
        let document = try opml("outlines-missing-attributes-and-unusable-urls.opml")
        #expect(document.title == "Hand edited")
        #expect(document.feeds.map(\.xmlURL) == [
            "https://only-text.example.com/feed.xml", "https://only-url.example.com/rss", "https://upper.example.com/atom",
            "https://lower.example.com/rss.xml", "http://old.example.com/rss", "https://wrapped.example.com/atom.xml",
            "https://bare.example.com/rss?a=1&b=2", "https://title-only.example.com/rss", "https://multiline.example.com/rss",
        ])
        let byURL = Dictionary(uniqueKeysWithValues: document.feeds.map { ($0.xmlURL, $0) })
        #expect(byURL["https://only-text.example.com/feed.xml"] == OPMLOutline(
            text: "Only text and xmlUrl", xmlURL: "https://only-text.example.com/feed.xml", line: 6))
        #expect(byURL["https://only-url.example.com/rss"] == OPMLOutline(xmlURL: "https://only-url.example.com/rss", line: 7))
        #expect(byURL["https://upper.example.com/atom"]?.text == "Upper-case attribute names")
        #expect(byURL["https://upper.example.com/atom"]?.htmlURL == "https://upper.example.com/")
        #expect(byURL["https://lower.example.com/rss.xml"]?.type == "RSS")
        #expect(byURL["https://bare.example.com/rss?a=1&b=2"]?.htmlURL == "https://bare.example.com/?x=1&y=2")
        #expect(byURL["https://title-only.example.com/rss"].map { ($0.text, $0.title) } ?? ("?", "?") == (nil, "Title when text is empty"))
        // The line of the start tag, not of the attribute libxml2 stopped at.
        #expect(byURL["https://multiline.example.com/rss"]?.line == 20)
        #expect(document.skipped == [
            OPMLSkip(line: 10, reason: "empty xmlUrl"),
            OPMLSkip(line: 11, reason: "empty xmlUrl"),
            OPMLSkip(line: 12, reason: "type=\"rss\" but no xmlUrl"),
            OPMLSkip(line: 13, reason: "xmlUrl \"javascript:alert(1)\" is not an http or https URL"),
            OPMLSkip(line: 14, reason: "xmlUrl \"feeds/relative.xml\" is not an http or https URL"),
            OPMLSkip(line: 15, reason: "xmlUrl \"file:///home/jane/feed.xml\" is not an http or https URL"),
        ])
    }

    @Test func aDuplicateXMLURLIsSkippedAndNamesTheFirstLine() throws {
        let document = try opml("duplicates-same-xmlurl-in-two-folders.opml")
        #expect(document.feeds.map(\.text) == ["Ars Technica", "Ars Technica, other URL"])
        #expect(document.feeds.map(\.folders) == [["Tech"], ["Science"]])
        #expect(document.skipped == [
            OPMLSkip(line: 7, reason: "duplicate of line 6 (same xmlUrl)"),
            OPMLSkip(line: 10, reason: "duplicate of line 6 (same xmlUrl)"),
        ])
    }

    @Test func foldersNestedTwoDeepAreListedOutermostFirstAndNamelessOnesLeftOut() throws {
        let document = try opml("folders-nested-two-deep.opml")
        #expect(document.feeds.map(\.folders) == [["新闻", "财经（title only）"], ["新闻"], ["新闻"], []])
        #expect(document.feeds.map(\.text) == ["每日经济新闻", "新华网", "In a nameless folder", "Top level"])
    }

    @Test func gazetteCategoryAppliesToTheFeedsInsideAndAFeedLevelOneOverrides() throws {
        let document = try opml("gazette-export-category-and-tags.opml")
        #expect(document.title == "财经新闻")
        #expect(document.feeds.map(\.category) == ["meirijingjixinwen", "other-slug", "meirijingjixinwen", nil])
        #expect(document.feeds.map(\.tags) == [["每日经济新闻新闻", "财经"], nil, [], nil])
        #expect(document.feeds[0].folders == ["每日经济新闻新闻"])
    }

    @Test func brokenXMLIsRecoveredAndAnUndeclaredGazettePrefixStillCounts() throws {
        let document = try opml("broken-unclosed-outlines-and-undeclared-prefix.opml")
        #expect(document.title == "Broken & hand-written")
        #expect(document.feeds.map(\.xmlURL) == [
            "https://unclosed.example.com/rss", "https://after.example.com/rss", "https://qa.example.com/rss?x=1&y=2",
        ])
        // The unclosed feed outline is no folder of the one after it.
        #expect(document.feeds[1].folders == ["Folder A"])
        #expect(document.feeds[1].category == "slug-a")
        #expect(document.feeds[2].text == "Q&A feed")
    }

    @Test func aGB2312FileIsDecodedByItsDeclaration() throws {
        let document = try opml("chinese-titles-gb2312-declared.opml")
        #expect(document.title == "我的订阅")
        #expect(document.feeds.first?.text == "人民网－时政频道")
        #expect(document.feeds.first?.folders == ["国内新闻"])
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let document = try opml("xxe-external-entity-etc-passwd.opml")
        let values = [document.title] + document.feeds.flatMap { [$0.text, $0.title, $0.xmlURL] }
        #expect(!values.contains { $0?.contains("root:") == true })
        #expect(document.title == "Leak")
        #expect(document.feeds.first?.xmlURL == "https://xxe.example.com/rss?leak=")
    }

    @Test func anExternalEntityNamingAFileWeWroteIsNotRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-opml-secret-\(UUID().uuidString).txt")
        try "SECRET-7f3a".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let text = """
            <?xml version="1.0"?><!DOCTYPE opml [<!ENTITY s SYSTEM "\(secret.absoluteString)">]>
            <opml version="2.0"><body><outline text="&s;" xmlUrl="https://x.example.com/&s;"/></body></opml>
            """
        let document = try OPMLReader.read(Array(text.utf8), file: "x.opml")
        #expect(document.feeds == [OPMLOutline(xmlURL: "https://x.example.com/", line: 2)])
    }

    @Test func billionLaughsCostsNothing() throws {
        let clock = ContinuousClock()
        var document: OPMLDocument?
        let elapsed = try clock.measure { document = try opml("entity-bomb-billion-laughs.opml") }
        #expect(elapsed < .seconds(2))
        #expect(document?.feeds.map(\.xmlURL) == ["https://lol.example.com/rss", "https://after-bomb.example.com/rss"])
        #expect(document?.feeds.first?.title == "Laughs")
        #expect(document?.title == nil)
    }

    @Test func attributeNamesMatchWhateverTheirCase() throws {
        for name in ["xmlUrl", "xmlurl", "XMLURL", "XmlUrl"] {
            let text = #"<opml><body><outline text="t" \#(name)="https://case.example.com/rss"/></body></opml>"#
            #expect(try OPMLReader.read(Array(text.utf8), file: "x.opml").feeds.map(\.xmlURL) == ["https://case.example.com/rss"], "\(name)")
        }
    }

    @Test func outlinesOutsideTheBodyAreNotSubscriptions() throws {
        let text = #"<opml><head><outline xmlUrl="https://head.example.com/rss"/></head><body/></opml>"#
        #expect(try OPMLReader.read(Array(text.utf8), file: "x.opml").feeds.isEmpty)
    }

    @Test func aLargeExportKeepsExactLineNumbers() throws {
        var text = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">\n<body>\n<outline text=\"Folder\">\n"
        for index in 0..<30_000 {
            text += "  <outline type=\"rss\" text=\"Feed \(index) &amp; co\" xmlUrl=\"https://big.example.com/\(index).xml\"/>\n"
        }
        text += "</outline>\n</body>\n</opml>\n"
        let document = try OPMLReader.read(Array(text.utf8), file: "big.opml")
        #expect(document.feeds.count == 30_000)
        #expect(document.feeds.first?.line == 5 && document.feeds.last?.line == 30_004)
        #expect(document.feeds.last?.text == "Feed 29999 & co" && document.feeds.last?.folders == ["Folder"])
    }

    // MARK: - Not OPML

    @Test func anEmptyFileIsRefusedWithAMessageNamingIt() {
        let error = readError(Array(" \n\t".utf8), file: "exports/subs.opml")
        #expect(error == .empty(file: "exports/subs.opml"))
        #expect(error?.description.hasPrefix("exports/subs.opml:1: the file is empty; expected an OPML subscription list") == true)
    }

    @Test func anHTMLPageIsRefusedAndTheMessageSaysWhatToDo() throws {
        let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("not-a-feed-html-page.html")))
        let error = readError(bytes, file: "page.html")
        guard case .htmlPage(file: "page.html", line: _) = error else {
            Issue.record("expected htmlPage, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("an HTML page, not OPML") == true)
        #expect(error?.description.contains("gazette subscribe") == true)
    }

    @Test(arguments: [
        "<!DOCTYPE html><html lang=en><head><title>x</title>",
        "\n<meta charset=utf-8><title>Tag soup</title><body><p>no quotes",
        "<HTML><BODY BGCOLOR=#FFFFFF>",
    ])
    func tagSoupPagesAreRefusedAsHTMLToo(_ page: String) {
        let error = readError(Array(page.utf8), file: "p.html")
        #expect(error == .htmlPage(file: "p.html", line: page.hasPrefix("\n") ? 2 : 1), "\(page)")
    }

    @Test func aFeedIsRefusedAsAFeed() throws {
        let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("rss20-zero-entries.xml")))
        let error = readError(bytes, file: "feed.xml")
        guard case let .notOPML(_, line, root) = error else {
            Issue.record("expected notOPML, got \(String(describing: error))")
            return
        }
        #expect(root == "rss" && line >= 1)
        #expect(error?.description.hasPrefix("feed.xml:\(line): a feed (root element <rss>), not a subscription list") == true)
    }

    @Test func anotherXMLRootIsNamedInTheMessage() {
        let error = readError(Array("<?xml version=\"1.0\"?>\n\n<catalog><book/></catalog>".utf8), file: "c.xml")
        #expect(error == .notOPML(file: "c.xml", line: 3, root: "catalog"))
        #expect(error?.description.hasPrefix("c.xml:3: the root element is <catalog>, not <opml>") == true)
    }

    @Test func binaryDataIsRefused() throws {
        let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("not-a-feed-binary.bin")))
        guard case .binary(file: "x.bin", line: _) = readError(bytes, file: "x.bin") else {
            Issue.record("expected binary, got \(String(describing: readError(bytes, file: "x.bin")))")
            return
        }
        #expect(readError([0x3C, 0x6F, 0x00, 0x01], file: "y") == .binary(file: "y", line: 1))
    }

    @Test(arguments: ["plain text, one line", "{\"version\": \"https://jsonfeed.org/version/1.1\"}", "\n\n  hello <opml/>"])
    func textWithoutMarkupFirstIsRefusedAsNotXML(_ text: String) {
        guard case let .notXML(file, line, _) = readError(Array(text.utf8)) else {
            Issue.record("expected notXML for \(text)")
            return
        }
        #expect(file == "subscriptions.opml" && line == (text.hasPrefix("\n\n") ? 3 : 1))
    }

    @Test func markupWithNoElementIsRefusedAsNotXML() {
        let error = readError(Array("<!-- nothing here -->".utf8))
        guard case .notXML = error else {
            Issue.record("expected notXML, got \(String(describing: error))")
            return
        }
        #expect(error?.description.hasPrefix("subscriptions.opml:1: not XML (no element in it); expected an OPML subscription list") == true)
    }

    @Test func everyOPMLFixtureReads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("opml").path)
        #expect(names.count >= 12)
        for name in names where name.hasSuffix(".opml") {
            #expect(throws: Never.self, "\(name)") { _ = try opml(name) }
        }
    }
}
