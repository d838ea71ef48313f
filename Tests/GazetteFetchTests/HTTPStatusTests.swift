import Foundation
import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct HTTPStatusTests {
    @Test func goneIs410() async throws {
        try await withLoopbackServer(["/feed": .status(410, body: Array("gone".utf8))]) { server in
            #expect(await fetchOnce(server.url("/feed")).failureKind == .http(status: 410, retryAfter: nil))
        }
    }

    @Test func notFoundIs404() async throws {
        try await withLoopbackServer([:]) { server in
            #expect(await fetchOnce(server.url("/nowhere")).failureKind == .http(status: 404, retryAfter: nil))
        }
    }

    @Test func serverErrorIs500() async throws {
        try await withLoopbackServer(["/feed": .status(500, body: Array("oops".utf8))]) { server in
            #expect(await fetchOnce(server.url("/feed")).failureKind == .http(status: 500, retryAfter: nil))
        }
    }

    @Test func tooManyRequestsCarriesRetryAfterSeconds() async throws {
        try await withLoopbackServer(["/feed": .status(429, headers: ["Retry-After": "120"])]) { server in
            let before = Date()
            let result = await fetchOnce(server.url("/feed"))
            guard case let .http(429, retryAfter?) = result.failureKind else {
                Issue.record("expected a 429 with Retry-After, got \(result)")
                return
            }
            #expect(retryAfter.timeIntervalSince(before) >= 120 && retryAfter.timeIntervalSince(before) < 130)
        }
    }

    @Test func tooManyRequestsCarriesRetryAfterHTTPDate() async throws {
        try await withLoopbackServer(["/feed": .status(429, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"])]) { server in
            let result = await fetchOnce(server.url("/feed"))
            #expect(result.failureKind == .http(status: 429, retryAfter: Date(timeIntervalSince1970: 1_445_412_480)))
        }
    }

    @Test func unavailableCarriesRetryAfter() async throws {
        try await withLoopbackServer(["/feed": .status(503, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"])]) { server in
            let result = await fetchOnce(server.url("/feed"))
            #expect(result.failureKind == .http(status: 503, retryAfter: Date(timeIntervalSince1970: 1_445_412_480)))
        }
    }

    @Test func noContentIsASuccessWithAnEmptyBody() async throws {
        try await withLoopbackServer(["/feed": .status(204)]) { server in
            let result = try await fetchOnce(server.url("/feed")).get()
            #expect(result.status == 204 && result.body.isEmpty)
        }
    }
}
