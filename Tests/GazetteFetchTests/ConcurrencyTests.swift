import GazetteFetch
import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ConcurrencyTests {
    /// 200 routes, each answering its own index after a short pause, so transfers overlap.
    static func routes(_ count: Int) -> [String: Route] {
        Dictionary(uniqueKeysWithValues: (0..<count).map { ("/feed/\($0)", Route.feed(Array("<rss>\($0)</rss>".utf8), delay: .milliseconds(5))) })
    }

    @Test func twoHundredFeedsAtOnceAllSucceedWithinThePerHostLimit() async throws {
        try await withLoopbackServer(Self.routes(200)) { server in
            let requests = (0..<200).map { FetchRequest(url: server.url("/feed/\($0)"), limits: testLimits) }
            var reported = 0
            let results = await Fetcher(maxInFlight: 16, maxPerHost: 4).fetch(requests) { _, _ in reported += 1 }
            let bodies = results.map { (try? $0.get()).map { String(decoding: $0.body, as: UTF8.self) } }
            #expect(bodies == (0..<200).map { "<rss>\($0)</rss>" }, "every result, in input order")
            #expect(reported == 200)
            #expect(server.peakConnections <= 4 && server.peakConnections >= 2, "peak \(server.peakConnections)")
            // Kept-alive connections are reused rather than opened per feed.
            #expect(server.connectionsAccepted <= 8, "\(server.connectionsAccepted) connections for 200 feeds")
        }
    }

    @Test func maxInFlightBelowThePerHostLimitCapsConnections() async throws {
        try await withLoopbackServer(Self.routes(20)) { server in
            let requests = (0..<20).map { FetchRequest(url: server.url("/feed/\($0)"), limits: testLimits) }
            let results = await Fetcher(maxInFlight: 2, maxPerHost: 4).fetch(requests)
            #expect(results.allSatisfy { (try? $0.get()) != nil })
            #expect(server.peakConnections <= 2)
        }
    }

    /// Sixteen feeds on four hosts (ports) that all redirect to one slow host: the per-host limit
    /// is by the URL a feed is fetched from, so all sixteen run at once. Capped at four by the host
    /// redirected to, twelve waited inside libcurl while their timeout ran, and timed out.
    @Test func feedsRedirectedToOneHostDoNotTimeOutWaitingForIt() async throws {
        let feed = Route.feed(Array("<rss/>".utf8), delay: .milliseconds(800))
        try await withLoopbackServer(["/feed": feed]) { target in
            let redirect = Route.redirect(to: target.url("/feed"))
            let routes = Dictionary(uniqueKeysWithValues: (0..<4).map { ("/r\($0)", redirect) })
            let servers = try (0..<4).map { _ in try LoopbackServer(routes: routes) }
            defer { servers.forEach { $0.stop() } }
            let limits = FetchLimits(connectTimeout: 5, timeout: 2.4, maxBytes: 1 << 20, lowSpeedLimit: 1, lowSpeedTime: 10)
            let requests = servers.flatMap { server in (0..<4).map { FetchRequest(url: server.url("/r\($0)"), limits: limits) } }
            let results = await Fetcher(maxInFlight: 16, maxPerHost: 4).fetch(requests)
            let failures = results.compactMap(\.failureKind)
            #expect(failures.isEmpty, "\(failures.count) of 16 failed: \(failures.first.map { "\($0)" } ?? "")")
            #expect(target.peakConnections > 4, "peak \(target.peakConnections) connections to the host redirected to")
            #expect(servers.allSatisfy { $0.peakConnections <= 4 }, "each host fetched from gets at most 4")
        }
    }

    @Test func cancellingTheTaskEndsTransfersInFlightAsCancelled() async throws {
        try await withLoopbackServer(["/slow": .trickle(), "/fast": .feed(Array("<rss/>".utf8))]) { server in
            let requests = [FetchRequest(url: server.url("/slow"), limits: testLimits),
                            FetchRequest(url: server.url("/fast"), limits: testLimits)]
            let clock = ContinuousClock(), start = clock.now
            let results = await Task {
                // Once the fast one is back, the slow one is surely in flight: cancel then.
                await Fetcher().fetch(requests) { index, _ in
                    if index == 1 { withUnsafeCurrentTask { $0?.cancel() } }
                }
            }.value
            #expect(results[0].failureKind == .cancelled && (try? results[1].get()) != nil)
            #expect(clock.now - start < .seconds(3))
        }
    }

    @Test func tricklingFeedDoesNotHoldBackOthersOnTheSameHost() async throws {
        try await withLoopbackServer(["/slow": .trickle(), "/fast": .feed(Array("<rss/>".utf8))]) { server in
            let requests = [FetchRequest(url: server.url("/slow"), limits: testLimits),
                            FetchRequest(url: server.url("/fast"), limits: testLimits)]
            for await (index, result) in Fetcher().results(for: requests) {
                #expect(index == 1 && (try? result.get()) != nil, "the fast feed comes back first")
                break  // ending the iteration cancels the slow one
            }
        }
    }

    @Test func emptyRequestListReturnsAtOnce() async {
        #expect(await Fetcher().fetch([]).isEmpty)
    }
}
