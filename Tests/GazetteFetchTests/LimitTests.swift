import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct LimitTests {
    @Test func tricklingServerIsCutOffByTheLowSpeedLimit() async throws {
        var limits = testLimits
        (limits.lowSpeedLimit, limits.lowSpeedTime, limits.timeout) = (100, 1, 20)
        try await withLoopbackServer(["/slow": .trickle(every: .seconds(1))]) { server in
            let clock = ContinuousClock(), start = clock.now
            let result = await fetchOnce(server.url("/slow"), limits: limits)
            let elapsed = clock.now - start
            #expect(result.failureKind == .tooSlow(bytesPerSecond: 100, seconds: 1))
            #expect(elapsed < .seconds(5), "cut off after \(elapsed)")
        }
    }

    @Test func slowServerIsCutOffByTheTotalTimeout() async throws {
        var limits = testLimits
        (limits.lowSpeedLimit, limits.timeout) = (0, 1.5)
        try await withLoopbackServer(["/slow": .trickle(every: .milliseconds(200))]) { server in
            let clock = ContinuousClock(), start = clock.now
            let result = await fetchOnce(server.url("/slow"), limits: limits)
            #expect(result.failureKind == .timeout(seconds: 1.5))
            #expect(clock.now - start < .seconds(4))
        }
    }

    @Test func endlessBodyIsTooLarge() async throws {
        var limits = testLimits
        limits.maxBytes = 256 * 1024
        try await withLoopbackServer(["/endless": .endless]) { server in
            #expect(await fetchOnce(server.url("/endless"), limits: limits).failureKind == .tooLarge(limit: 256 * 1024))
        }
    }

    @Test(arguments: [true, false])
    func bodyPastMaxBytesIsTooLargeWithoutBeingReadToTheEnd(declaresLength: Bool) async throws {
        let total = 64 * 1024 * 1024
        try await withLoopbackServer(["/big": .oversized(bytes: total, declaresLength: declaresLength)]) { server in
            let result = await fetchOnce(server.url("/big"))
            #expect(result.failureKind == .tooLarge(limit: testLimits.maxBytes))
            // What the kernel's socket buffers took, at most; far from the whole body.
            #expect(server.bodyBytesSent("/big") < total / 4)
        }
    }

    /// libcurl drains the body of a redirect it follows without the write callback: an endless
    /// one ran until `timeout` (30 s by default) and was reported as a timeout.
    @Test func endlessBodyOfARedirectIsCutAfterOneMegabyte() async throws {
        try await withLoopbackServer(["/new": .feed(Array("<rss/>".utf8))]) { target in
            try await withLoopbackServer(["/old": .redirectWithEndlessBody(to: target.url("/new"))]) { server in
                let clock = ContinuousClock(), start = clock.now
                let result = await fetchOnce(server.url("/old"))
                #expect(result.failureKind == .badResponse("a redirect whose body passed 1 MB; a redirect's body is never used"))
                #expect(clock.now - start < .seconds(5))
                #expect(target.requests.isEmpty)
            }
        }
    }

    @Test func bodyOfExactlyMaxBytesIsAccepted() async throws {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: testLimits.maxBytes)
        try await withLoopbackServer(["/full": .feed(body)]) { server in
            let result = try await fetchOnce(server.url("/full")).get()
            #expect(result.body.count == testLimits.maxBytes)
        }
    }

    @Test func compressedBodyThatDecodesPastMaxBytesIsTooLarge() async throws {
        let bomb = [UInt8](repeating: 0, count: 8 * 1024 * 1024)  // gzips to a few KB
        try await withLoopbackServer(["/bomb": .encoded(bomb, .gzip)]) { server in
            #expect(await fetchOnce(server.url("/bomb")).failureKind == .tooLarge(limit: testLimits.maxBytes))
        }
    }
}
