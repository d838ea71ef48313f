import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct RedirectTests {
    let feed = Array("<rss version=\"2.0\"><channel><title>moved</title></channel></rss>".utf8)

    @Test func chainIsFollowedAndFinalURLReported() async throws {
        try await withLoopbackServer([
            "/a": .redirect(to: "/b", status: 302),
            "/b": .redirect(to: "/c?from=b", status: 307),
            "/c": .feed(feed),
        ]) { server in
            let result = try await fetchOnce(server.url("/a")).get()
            #expect(result.body == feed && result.status == 200)
            #expect(result.requestedURL == server.url("/a") && result.finalURL == server.url("/c?from=b"))
            #expect(server.requests.map(\.target) == ["/a", "/b", "/c?from=b"])
        }
    }

    @Test func chainOfOnly301And308ReportsPermanentRedirect() async throws {
        try await withLoopbackServer([
            "/old": .redirect(to: "/older", status: 301),
            "/older": .redirect(to: "/new", status: 308),
            "/new": .feed(feed),
        ]) { server in
            let result = try await fetchOnce(server.url("/old")).get()
            #expect(result.permanentRedirect == server.url("/new"))
        }
    }

    @Test func chainWithA302ReportsNoPermanentRedirect() async throws {
        try await withLoopbackServer([
            "/old": .redirect(to: "/temporary", status: 301),
            "/temporary": .redirect(to: "/new", status: 302),
            "/new": .feed(feed),
        ]) { server in
            let result = try await fetchOnce(server.url("/old")).get()
            #expect(result.finalURL == server.url("/new") && result.permanentRedirect == nil)
        }
    }

    @Test func noRedirectReportsNoPermanentRedirect() async throws {
        try await withLoopbackServer(["/feed": .feed(feed)]) { server in
            let result = try await fetchOnce(server.url("/feed")).get()
            #expect(result.permanentRedirect == nil)
        }
    }

    @Test func redirectLoopIsTooManyRedirects() async throws {
        try await withLoopbackServer([
            "/ping": .redirect(to: "/pong"),
            "/pong": .redirect(to: "/ping"),
        ]) { server in
            let result = await fetchOnce(server.url("/ping"))
            #expect(result.failureKind == .tooManyRedirects(limit: 5))
            #expect(server.requests.count == 6)  // the first request and 5 redirects followed
        }
    }

    @Test func chainLongerThanMaxRedirectsIsRefused() async throws {
        var limits = testLimits
        limits.maxRedirects = 2
        try await withLoopbackServer([
            "/1": .redirect(to: "/2"), "/2": .redirect(to: "/3"), "/3": .redirect(to: "/4"), "/4": .feed(feed),
        ]) { server in
            #expect(await fetchOnce(server.url("/1"), limits: limits).failureKind == .tooManyRedirects(limit: 2))
        }
    }

    @Test func redirectToFileIsRefusedNamingTheScheme() async throws {
        try await withLoopbackServer(["/feed": .redirect(to: "file:///etc/passwd", status: 301)]) { server in
            let result = await fetchOnce(server.url("/feed"))
            #expect(result.failureKind == .redirectToForbiddenScheme("file"))
        }
    }

    @Test func redirectToFTPIsRefusedNamingTheScheme() async throws {
        try await withLoopbackServer(["/feed": .redirect(to: "ftp://127.0.0.1/feed.xml", status: 302)]) { server in
            #expect(await fetchOnce(server.url("/feed")).failureKind == .redirectToForbiddenScheme("ftp"))
        }
    }

    @Test func redirectWithoutLocationIsAnHTTPError() async throws {
        try await withLoopbackServer(["/feed": .status(301)]) { server in
            #expect(await fetchOnce(server.url("/feed")).failureKind == .http(status: 301, retryAfter: nil))
        }
    }
}
