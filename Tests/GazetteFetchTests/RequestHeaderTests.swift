import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct RequestHeaderTests {
    @Test func userAgentIsSent() async throws {
        try await withLoopbackServer(["/feed": .feed(Array("<rss/>".utf8))]) { server in
            _ = try await fetchOnce(server.url("/feed"), userAgent: "Gazette/0.3 (+https://finews.example.com)").get()
            #expect(server.requests.last?.headers["User-Agent"] == "Gazette/0.3 (+https://finews.example.com)")
        }
    }

    @Test func feedTypesAreAcceptedFirst() async throws {
        try await withLoopbackServer(["/feed": .feed(Array("<rss/>".utf8))]) { server in
            _ = try await fetchOnce(server.url("/feed")).get()
            let accept = try #require(server.requests.last?.headers["Accept"])
            #expect(accept.hasPrefix("application/rss+xml, application/atom+xml"))
        }
    }

    @Test func validatorWithALineBreakIsNotSent() async throws {
        try await withLoopbackServer(["/feed": .feed(Array("<rss/>".utf8))]) { server in
            _ = try await fetchOnce(server.url("/feed"), validators: Validators(etag: "\"v1\"\r\nX-Injected: 1")).get()
            let headers = try #require(server.requests.last?.headers)
            #expect(headers["X-Injected"] == nil && headers["If-None-Match"] == nil)
        }
    }
}
