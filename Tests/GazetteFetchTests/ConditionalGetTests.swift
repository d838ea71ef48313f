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

    /// RFC 9110 allows any octet in an entity-tag; read as UTF-8, a Latin-1 é became U+FFFD, and
    /// the feed never matched again: a full download every interval.
    @Test func validatorBytesThatAreNotUTF8GoBackByteForByte() async throws {
        let etag: [UInt8] = Array(#""caf"#.utf8) + [0xE9] + Array(#"""#.utf8)
        let date: [UInt8] = Array("Thu, 12 May 2022 11:26:42 GMT".utf8)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 6\r\nConnection: close\r\n"
        let response = Array(head.utf8) + Array("ETag: ".utf8) + etag + Array("\r\nLast-Modified: ".utf8) + date
            + Array("\r\n\r\n<rss/>".utf8)
        try await withLoopbackServer(["/feed": .raw(response)]) { server in
            let first = try await fetchOnce(server.url("/feed")).get()
            #expect(first.validators.etag == "\"caf\u{E9}\"")
            _ = await fetchOnce(server.url("/feed"), validators: first.validators)
            let sent = try #require(server.requests.last?.rawHead)
            #expect(sent.contains(Array("\r\nIf-None-Match: ".utf8) + etag))
            #expect(sent.contains(Array("\r\nIf-Modified-Since: ".utf8) + date))
        }
    }

    /// A validator an older Gazette stored from UTF-8 goes back as the UTF-8 it came as.
    @Test func validatorStoredAsUTF8TextGoesBackAsUTF8() async throws {
        try await withLoopbackServer(["/feed": .feed(Array("<rss/>".utf8), etag: "\"版本一\"")]) { server in
            let second = try await fetchOnce(server.url("/feed"), validators: Validators(etag: "\"版本一\"")).get()
            #expect(second.notModified)
            #expect(server.requests.last?.headers["If-None-Match"] == "\"版本一\"")
        }
    }
}
