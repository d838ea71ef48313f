import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ContentEncodingTests {
    @Test(arguments: ContentCoding.allCases)
    func encodedBodyArrivesDecoded(_ coding: ContentCoding) async throws {
        let feed = try Fixture.bytes("rss20-minimal.xml")
        #expect(try coding.encode(feed) != feed)
        try await withLoopbackServer(["/nbd.xml": .encoded(feed, coding)]) { server in
            let result = try await fetchOnce(server.url("/nbd.xml")).get()
            #expect(result.body == feed)
        }
    }

    @Test func requestOffersGzipAndBrotli() async throws {
        try await withLoopbackServer(["/nbd.xml": .feed(Array("<rss/>".utf8))]) { server in
            _ = try await fetchOnce(server.url("/nbd.xml")).get()
            let offered = try #require(server.requests.last?.headers["Accept-Encoding"])
            #expect(offered.contains("gzip") && offered.contains("br") && offered.contains("deflate"))
        }
    }
}
