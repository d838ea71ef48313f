import GazetteModel
import GazetteTestSupport
import Testing

/// Answers that are not valid HTTP are the server's fault, and the warning says so, instead of
/// "not an address Gazette can fetch", "closed the connection … usually temporary" or "Out of memory".
@Suite(.timeLimit(.minutes(1)))
struct MalformedResponseTests {
    static let responses: [String: String] = [
        "garbage-status-line": "HTTP/1.1 OK\r\nContent-Length: 6\r\n\r\n<rss/>",
        "http-0.9": "<rss/>",
        "broken-chunk": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n<rss/>\r\n0\r\n\r\n",
        "header-line-of-200-kb": "HTTP/1.1 200 OK\r\nX-Big: \(String(repeating: "a", count: 200_000))\r\nContent-Length: 6\r\n\r\n<rss/>",
        "400-kb-of-headers": "HTTP/1.1 200 OK\r\n"
            + (0..<5000).map { "X-H\($0): \(String(repeating: "b", count: 80))\r\n" }.joined() + "Content-Length: 6\r\n\r\n<rss/>",
    ]

    @Test(arguments: responses.keys.sorted())
    func notHTTPIsABadResponseTheServerIsToBlameFor(_ name: String) async throws {
        try await withLoopbackServer(["/feed": .raw(Array(Self.responses[name]!.utf8))]) { server in
            let result = await fetchOnce(server.url("/feed"))
            guard case let .failure(error) = result, case .badResponse = error.kind else {
                Issue.record("\(name): expected a bad response, got \(result)")
                return
            }
            #expect(error.description.contains("the server's answer is not valid HTTP"))
            #expect(error.description.contains("the server is at fault"))
        }
    }

    @Test func aBodyThatIsNotTheGzipItClaimsIsABadContentEncoding() async throws {
        let response = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 6\r\n\r\n<rss/>"
        try await withLoopbackServer(["/feed": .raw(Array(response.utf8))]) { server in
            let result = await fetchOnce(server.url("/feed"))
            guard case let .failure(error) = result, case .badContentEncoding("gzip", _) = error.kind else {
                Issue.record("expected a bad content encoding, got \(result)")
                return
            }
            #expect(error.description.contains("the body is not valid 'gzip' data as its Content-Encoding says"))
        }
    }

    /// A charset where a coding belongs is common on misconfigured servers; browsers and feed
    /// readers read the body as it is, and so does Gazette, on a second request.
    @Test(arguments: ["utf-8", "UTF8"])
    func anUnknownContentEncodingIsReadAsItComes(_ coding: String) async throws {
        let response = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: \(coding)\r\nContent-Length: 6\r\n\r\n<rss/>"
        try await withLoopbackServer(["/feed": .raw(Array(response.utf8))]) { server in
            let fetched = try await fetchOnce(server.url("/feed")).get()
            #expect(fetched.status == 200 && fetched.body == Array("<rss/>".utf8))
            let requests = server.requests(for: "/feed")
            #expect(requests.count == 2)
            #expect(requests.first?.headers["Accept-Encoding"] != nil && requests.last?.headers["Accept-Encoding"] == nil)
        }
    }
}
