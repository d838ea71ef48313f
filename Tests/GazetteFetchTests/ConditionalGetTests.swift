import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ConditionalGetTests {
    @Test func secondFetchSendsETagAndGets304() async throws {
        let feed = try Fixture.bytes("rss20-minimal.xml")
        try await withLoopbackServer(["/nbd.xml": .feed(feed, etag: "\"v1\"")]) { server in
            let first = try await fetchOnce(server.url("/nbd.xml")).get()
            let second = try await fetchOnce(server.url("/nbd.xml"), validators: first.validators).get()
            #expect(first.status == 200 && first.body == feed && first.validators.etag == "\"v1\"")
            #expect(second.notModified && second.body.isEmpty && second.validators == first.validators)
            #expect(server.requests.last?.headers["If-None-Match"] == "\"v1\"")
        }
    }

    @Test func secondFetchSendsLastModifiedAndGets304() async throws {
        let date = "Thu, 12 May 2022 11:26:42 GMT"
        let feed = try Fixture.bytes("rss20-minimal.xml")
        try await withLoopbackServer(["/nbd.xml": .feed(feed, lastModified: date)]) { server in
            let first = try await fetchOnce(server.url("/nbd.xml")).get()
            let second = try await fetchOnce(server.url("/nbd.xml"), validators: first.validators).get()
            #expect(first.status == 200 && first.validators == Validators(lastModified: date))
            #expect(second.notModified && second.body.isEmpty)
            #expect(server.requests.last?.headers["If-Modified-Since"] == date)
        }
    }

    @Test func staleETagGetsTheFullBody() async throws {
        let feed = try Fixture.bytes("rss20-minimal.xml")
        try await withLoopbackServer(["/nbd.xml": .feed(feed, etag: "\"v2\"")]) { server in
            let result = try await fetchOnce(server.url("/nbd.xml"), validators: Validators(etag: "\"v1\"")).get()
            #expect(result.status == 200 && result.body == feed && result.validators.etag == "\"v2\"")
        }
    }

    @Test func unconditionalFetchSendsNoConditionHeaders() async throws {
        try await withLoopbackServer(["/nbd.xml": .feed(Array("<rss/>".utf8), etag: "\"v1\"")]) { server in
            _ = try await fetchOnce(server.url("/nbd.xml")).get()
            let headers = try #require(server.requests.last?.headers)
            #expect(headers["If-None-Match"] == nil && headers["If-Modified-Since"] == nil)
        }
    }
}
