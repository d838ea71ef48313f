import Foundation
import GazetteFetch
import GazetteModel
import GazetteTestSupport
import Testing

/// The status of an error response is the answer, whatever its body: larger than `max_bytes`,
/// wrongly encoded, or cut off. Before, such a body turned a 410 (which disables the feed) or a
/// 503 with Retry-After into "too large" or "curl error 61", and the status was lost.
@Suite(.timeLimit(.minutes(1)))
struct ErrorResponseTests {
    /// An HTML error page twice `max_bytes`.
    static let page = [UInt8](repeating: UInt8(ascii: "x"), count: 2 * testLimits.maxBytes)

    @Test func goneWithAPageLargerThanMaxBytesIsStill410() async throws {
        try await withLoopbackServer(["/feed": .status(410, headers: ["Content-Type": "text/html"], body: Self.page)]) { server in
            #expect(await fetchOnce(server.url("/feed")).failureKind == .http(status: 410, retryAfter: nil))
        }
    }

    @Test func unavailableWithALargePageKeepsItsRetryAfter() async throws {
        let route = Route.status(503, headers: ["Content-Type": "text/html", "Retry-After": "7200"], body: Self.page)
        try await withLoopbackServer(["/feed": route]) { server in
            let before = Date()
            let result = await fetchOnce(server.url("/feed"))
            guard case let .http(503, retryAfter?) = result.failureKind else {
                Issue.record("expected a 503 with Retry-After, got \(result)")
                return
            }
            #expect(retryAfter.timeIntervalSince(before) >= 7200 && retryAfter.timeIntervalSince(before) < 7210)
        }
    }

    @Test func errorPageWithABrokenContentEncodingIsStillItsStatus() async throws {
        let route = Route.status(410, headers: ["Content-Type": "text/html", "Content-Encoding": "gzip"],
                                 body: Array("this is not gzip at all, whatever the header says".utf8))
        try await withLoopbackServer(["/feed": route]) { server in
            #expect(await fetchOnce(server.url("/feed")).failureKind == .http(status: 410, retryAfter: nil))
        }
    }

    /// (A redirect's body has a limit of its own, 1 MB, whatever `max_bytes` is: LimitTests.)
    @Test func permanentRedirectWithABodyLargerThanMaxBytesIsFollowed() async throws {
        var limits = testLimits
        limits.maxBytes = 256 * 1024
        let page = [UInt8](repeating: UInt8(ascii: "x"), count: 2 * limits.maxBytes)
        try await withLoopbackServer(["/new": .feed(Array("<rss/>".utf8))]) { target in
            let moved = Route.status(301, headers: ["Location": target.url("/new"), "Content-Type": "text/html"], body: page)
            try await withLoopbackServer(["/old": moved]) { server in
                let fetched = try await fetchOnce(server.url("/old"), limits: limits).get()
                #expect(fetched.status == 200 && fetched.body == Array("<rss/>".utf8))
                #expect(fetched.permanentRedirect == target.url("/new"))
            }
        }
    }

    @Test func notModifiedToAnUnconditionalRequestIsAFailure() async throws {
        try await withLoopbackServer(["/feed": .status(304)]) { server in
            let result = await fetchOnce(server.url("/feed"))
            #expect(result.failureKind == .http(status: 304, retryAfter: nil))
            if case let .failure(error) = result {
                #expect(error.description.contains("304 Not Modified to a request that had no ETag or Last-Modified"))
            }
        }
    }

    @Test func chunkedTrailerFieldsDoNotReplaceTheHeadFields() async throws {
        let feed = #"<?xml version="1.0"?><rss version="2.0"><channel><title>中文</title></channel></rss>"#
        let body = Array(feed.utf8)
        var response = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\nETag: \"head\"\r\n"
        response += "Transfer-Encoding: chunked\r\nTrailer: ETag, Content-Type\r\nConnection: close\r\n\r\n"
        response += String(body.count, radix: 16) + "\r\n" + feed + "\r\n0\r\n"
        response += "ETag: \"trailer\"\r\nContent-Type: text/xml; charset=iso-8859-1\r\n\r\n"
        try await withLoopbackServer(["/feed": .raw(Array(response.utf8))]) { server in
            let fetched = try await fetchOnce(server.url("/feed")).get()
            #expect(fetched.body == body)
            #expect(fetched.validators.etag == "\"head\"")
            #expect(fetched.charset == "utf-8")
        }
    }
}
