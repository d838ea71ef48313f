import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ContentTypeReportTests {
    @Test func charsetFromContentTypeIsReportedAndBytesAreUntouched() async throws {
        let feed = try Fixture.bytes("rss20-gb2312-charset-in-header-only.xml")
        try await withLoopbackServer(["/gb.xml": .feed(feed, contentType: "text/xml; Charset=\"GB2312\"")]) { server in
            let result = try await fetchOnce(server.url("/gb.xml")).get()
            #expect(result.contentType == "text/xml" && result.charset == "gb2312" && result.body == feed)
        }
    }

    @Test func htmlPageIsReportedAsHTML() async throws {
        let page = try Fixture.bytes("html-page-with-feed-link.html")
        try await withLoopbackServer(["/": .feed(page, contentType: "text/html; charset=utf-8")]) { server in
            let result = try await fetchOnce(server.url("/")).get()
            #expect(result.contentType == "text/html" && result.charset == "utf-8" && result.body == page)
        }
    }

    @Test func missingCharsetIsNil() async throws {
        try await withLoopbackServer(["/feed": .feed(Array("<rss/>".utf8), contentType: "application/rss+xml")]) { server in
            let result = try await fetchOnce(server.url("/feed")).get()
            #expect(result.contentType == "application/rss+xml" && result.charset == nil)
        }
    }
}
