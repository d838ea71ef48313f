import Foundation
import GazetteModel
import GazetteParse
import GazettePublish
import GazetteTestSupport
import Testing

// What `gazette opml export` writes, `gazette opml import` reads back: OPMLWriter → OPMLReader.

/// Subscriptions with what breaks naive writers: Chinese titles, quotes, ampersands, angle brackets,
/// control characters, tags and none, two categories interleaved.
private let subscriptions = [
    OPMLSubscription(title: "每日经济新闻", xmlURL: "https://finews.example.com/nbd/rss.xml?a=1&b=2",
                     htmlURL: "https://www.nbd.example.cn/", category: "meirijingjixinwen", categoryTitle: "每日经济新闻新闻",
                     tags: ["每日经济新闻新闻", "财经 & 股市"]),
    OPMLSubscription(title: "\"Quoted\" & 'single' <b>bold</b>", xmlURL: "https://quotes.example.com/feed?x=\"1\"&y=<2>",
                     category: "tech", categoryTitle: "Tech & \"Science\""),
    OPMLSubscription(title: "华尔街见闻", xmlURL: "https://finews.example.com/wallstreetcn/rss.xml", htmlURL: nil,
                     category: "meirijingjixinwen", categoryTitle: "ignored: the first title of a category wins", tags: []),
    OPMLSubscription(title: "Tab\tand\nnewline", xmlURL: "https://ws.example.com/rss", category: "tech",
                     categoryTitle: "Tech & \"Science\"", tags: ["one"]),
]

struct OPMLRoundTripTests {
    @Test func whatTheWriterWritesTheReaderReadsBack() throws {
        let bytes = OPMLWriter.document(title: "财经新闻 & <Gazette>", subscriptions: subscriptions)
        let document = try OPMLReader.read(bytes, file: "export.opml")
        #expect(document.title == "财经新闻 & <Gazette>")
        #expect(document.skipped.isEmpty)
        // Grouped by category in first-seen order, each category's feeds in input order.
        let expectedOrder = [subscriptions[0], subscriptions[2], subscriptions[1], subscriptions[3]]
        #expect(document.feeds.map(\.xmlURL) == expectedOrder.map(\.xmlURL))
        for (outline, subscription) in zip(document.feeds, expectedOrder) {
            // The reader trims and XML normalizes attribute whitespace; the writer escaped tab and newline.
            #expect(outline.text == subscription.title && outline.title == subscription.title)
            #expect(outline.htmlURL == subscription.htmlURL)
            #expect(outline.category == subscription.category)
            #expect(outline.tags == subscription.tags)
            #expect(outline.type == "rss")
        }
        #expect(document.feeds.map { $0.folders.last } == ["每日经济新闻新闻", "每日经济新闻新闻", "Tech & \"Science\"", "Tech & \"Science\""])
    }

    @Test func controlCharactersAreRemovedAndTheRestSurvives() throws {
        let hostile = OPMLSubscription(title: "bell\u{07}\u{00}nul\u{1B}[31m", xmlURL: "https://c.example.com/\u{0B}rss",
                                       category: "c", categoryTitle: "C\u{7F}\u{85}")
        let document = try OPMLReader.read(OPMLWriter.document(title: "t", subscriptions: [hostile]), file: "c.opml")
        #expect(document.feeds.first?.text == "bellnul[31m")
        #expect(document.feeds.first?.xmlURL == "https://c.example.com/rss")
        #expect(document.feeds.first?.folders == ["C"])
    }

    @Test func theWrittenDocumentIsWellFormedForXmllint() throws {
        let xmllint = try #require(XMLLint.path, "xmllint (libxml2-utils) is needed to check well-formedness")
        for (name, list) in [("full", subscriptions), ("empty", [])] {
            let lint = try XMLLint.check(Data(OPMLWriter.document(title: "财经 & \"新闻\"", subscriptions: list)),
                                         executable: xmllint)
            #expect(lint.status == 0, "\(name): \(lint.errors)")
        }
    }

    @Test func anEmptyExportReadsBackAsAnEmptyList() throws {
        let document = try OPMLReader.read(OPMLWriter.document(title: "Nothing yet", subscriptions: []), file: "e.opml")
        #expect(document == OPMLDocument(title: "Nothing yet", feeds: [], skipped: []))
    }
}
