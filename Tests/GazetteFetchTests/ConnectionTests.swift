import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ConnectionTests {
    @Test func refusedConnectionIsConnectFailed() async throws {
        try await withLoopbackServer([:]) { server in
            let result = await fetchOnce(server.refusedURL)
            guard case .connectFailed = result.failureKind else {
                Issue.record("expected connectFailed, got \(result)")
                return
            }
        }
    }

    @Test func connectionClosedWithoutAResponseIsConnectionClosed() async throws {
        try await withLoopbackServer(["/feed": .closeWithoutResponse]) { server in
            let result = await fetchOnce(server.url("/feed"))
            guard case .connectionClosed = result.failureKind else {
                Issue.record("expected connectionClosed, got \(result)")
                return
            }
        }
    }

    @Test(arguments: ["ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/", "http://exa mple.com/", "example.com/feed"])
    func urlThatIsNotHTTPIsInvalid(_ url: String) async {
        guard case .invalidURL = await fetchOnce(url).failureKind else {
            Issue.record("expected invalidURL")
            return
        }
    }
}
