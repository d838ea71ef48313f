import Foundation
import GazetteModel
import GazettePublish
import Testing

// OPMLWriter's bytes against a golden file; `GAZETTE_RECORD=1 swift test` rewrites it and fails, so the
// diff gets reviewed. (That the output reads back is OPMLRoundTripTests, in GazetteParseTests.)

private let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent("opml-export-two-categories.opml")

private func sampleDocument() -> [UInt8] {
    OPMLWriter.document(title: "财经新闻", subscriptions: [
        OPMLSubscription(title: "每日经济新闻", xmlURL: "https://www.nbd.example.cn/rss?a=1&b=2", htmlURL: "https://www.nbd.example.cn/",
                         category: "meirijingjixinwen", categoryTitle: "每日经济新闻新闻", tags: ["每日经济新闻新闻", "财经"]),
        OPMLSubscription(title: "Ars \"Technica\" <all>", xmlURL: "https://feeds.arstechnica.com/arstechnica/index",
                         category: "tech", categoryTitle: "Tech & Science"),
        OPMLSubscription(title: "华尔街见闻", xmlURL: "https://wallstreetcn.example.com/rss.xml", category: "meirijingjixinwen",
                         categoryTitle: "每日经济新闻新闻", tags: []),
    ])
}

struct OPMLWriterTests {
    @Test func documentMatchesItsGoldenFile() throws {
        let bytes = sampleDocument()
        if ProcessInfo.processInfo.environment["GAZETTE_RECORD"] == "1" {
            try Data(bytes).write(to: golden)
            Issue.record("recorded \(golden.lastPathComponent); review the diff, then run without GAZETTE_RECORD")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func documentIsDeterministic() {
        #expect(sampleDocument() == sampleDocument())
        #expect(!String(decoding: sampleDocument(), as: UTF8.self).contains("dateCreated"))
    }

    @Test func anEmptyListHasAnEmptyBody() {
        let text = String(decoding: OPMLWriter.document(title: "t", subscriptions: []), as: UTF8.self)
        #expect(text.hasSuffix("  </head>\n  <body/>\n</opml>\n"))
    }
}
