import Foundation
import GazetteModel
import GazetteStore
import GazetteTestSupport
import Testing

/// cron's `timeout` sends SIGTERM. Killed outright, the run published nothing, and the slow feed that
/// made it late was never recorded, so it was due again, and late again, on every run after.
@Suite(.serialized) struct StopSignalTests {
    func waitForExit(_ process: Process, seconds: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return !process.isRunning
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalStopsTheFetchingPublishesWhatCameAndBacksTheSlowFeedOff(signal: Int32) async throws {
        var routes = (0..<6).reduce(into: [String: Route]()) { routes, index in
            routes["/q\(index).xml"] = .feed(rss(items: 2, prefix: "q\(index)"))
        }
        routes["/slow.xml"] = .trickle(every: .milliseconds(200))
        try await withLoopbackServer(routes) { server in
            let site = try TemporarySite(feeds: (0..<6).map { server.url("/q\($0).xml") } + [server.url("/slow.xml")],
                                         lowSpeedTime: "60s", timeout: "120s")
            let process = Process()
            process.executableURL = gazetteExecutable()
            process.arguments = ["run", "--config", site.config]
            let err = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = err
            try process.run()
            // The quick feeds are in the store; the slow one holds the run open.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if FileManager.default.fileExists(atPath: site.store),
                   let count = try? Store.open(path: site.store).itemCount(), count >= 12 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(200))
            kill(process.processIdentifier, signal)
            #expect(try await waitForExit(process, seconds: 20), "the run did not stop")
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signal, "\(stderr)")
            #expect(stderr.contains("stopped by SIG") && stderr.contains("1 feeds interrupted"), "\(stderr)")
            // What came was published.
            let posts = try FileManager.default.contentsOfDirectory(atPath: site.folder.appendingPathComponent("output/_posts").path)
            #expect(posts.count == 12)
            #expect(FileManager.default.fileExists(atPath: site.folder.appendingPathComponent("output/feeds/all.xml").path))
            // The slow feed backs off: the next run is not held open by it.
            let state = try #require(try Store.open(path: site.store).feedState(url: server.url("/slow.xml")))
            #expect(state.consecutiveFailures == 1 && state.nextDue != nil)
            let next = try await runGazette(["run", "--config", site.config])
            #expect(next.status == 0 && next.stdout.contains("fetched 0 feeds"), "\(next.stdout)\(next.stderr)")
        }
    }
}
