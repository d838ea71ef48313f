import Foundation
import GazetteModel
import GazetteStore
import GazetteTestSupport
import Testing

/// `gazette fetch` as cron runs it: the real binary, a real HTTP server on 127.0.0.1, a real
/// SQLite store in a fresh temporary folder.
@Suite(.serialized) struct FetchCommandTests {
    @Test func firstRunRecordsEveryItemAndASecondRunGetsNotModified() async throws {
        let routes = (0..<3).reduce(into: [String: Route]()) { routes, index in
            routes["/feed\(index).xml"] = .feed(rss(items: 4, prefix: "f\(index)"), etag: "\"v\(index)\"")
        }
        try await withLoopbackServer(routes) { server in
            let site = try TemporarySite(feeds: (0..<3).map { server.url("/feed\($0).xml") })
            let first = try await runGazette(["fetch", "--config", site.config])
            #expect(first.status == 0)
            #expect(first.stdout.contains("fetched 3 feeds, 0 not modified, 0 failed; 12 new, 0 changed items"))
            let second = try await runGazette(["fetch", "--force", "--config", site.config])
            #expect(second.stdout.contains("fetched 0 feeds, 3 not modified, 0 failed; 0 new"))
            #expect(server.requests(for: "/feed0.xml").last?.headers["If-None-Match"] == "\"v0\"")
            #expect(try Store.open(path: site.store).itemCount() == 12)
        }
    }

    @Test func aFeedWithinItsIntervalIsNotFetchedAgain() async throws {
        try await withLoopbackServer(["/a.xml": .feed(rss(items: 2, prefix: "a"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/a.xml")], interval: "1h")
            _ = try await runGazette(["fetch", "--config", site.config])
            let again = try await runGazette(["fetch", "--config", site.config])
            #expect(again.stdout.contains("fetched 0 feeds, 0 not modified, 0 failed"))
            #expect(server.requests(for: "/a.xml").count == 1)
        }
    }

    /// The next due time was set from the interval of the last attempt: shortening `interval` in
    /// feeds.yml waited for the old schedule.
    @Test func aShortenedIntervalTakesEffectAtOnceAndALongerOneToo() async throws {
        try await withLoopbackServer(["/a.xml": .feed(rss(items: 2, prefix: "a"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/a.xml")], interval: "1h")
            _ = try await runGazette(["fetch", "--config", site.config])
            _ = try TemporarySite(reusing: site, feeds: [server.url("/a.xml")], interval: "1s")
            try await Task.sleep(for: .milliseconds(1100))
            let shorter = try await runGazette(["fetch", "--config", site.config])
            #expect(shorter.stdout.contains("fetched 1 feeds, 0 not modified, 0 failed"), "\(shorter.stdout)\(shorter.stderr)")
            #expect(server.requests(for: "/a.xml").count == 2)
            _ = try TemporarySite(reusing: site, feeds: [server.url("/a.xml")], interval: "1h")
            let longer = try await runGazette(["fetch", "--config", site.config])
            #expect(longer.stdout.contains("fetched 0 feeds, 0 not modified, 0 failed"), "\(longer.stdout)")
            #expect(server.requests(for: "/a.xml").count == 2)
        }
    }

    @Test func aFailingFeedIsAWarningThatNamesItsURLAndTheOthersStillLand() async throws {
        try await withLoopbackServer(["/ok.xml": .feed(rss(items: 2, prefix: "ok")), "/broken.xml": .status(500)]) { server in
            let site = try TemporarySite(feeds: [server.url("/ok.xml"), server.url("/broken.xml")])
            let result = try await runGazette(["fetch", "--config", site.config])
            #expect(result.status == 0)
            #expect(result.stderr.contains(server.url("/broken.xml")) && result.stderr.contains("500"))
            #expect(result.stdout.contains("fetched 1 feeds, 0 not modified, 1 failed; 2 new"))
            let strict = try await runGazette(["fetch", "--force", "--strict", "--config", site.config])
            #expect(strict.status == 1)
            // --quiet keeps errors, and under --strict a failed feed is one: exit 1 says why.
            let quiet = try await runGazette(["run", "--force", "--strict", "--quiet", "--config", site.config])
            #expect(quiet.status == 1 && quiet.stdout.isEmpty)
            #expect(quiet.stderr.contains("1 feeds failed (--strict): \(server.url("/broken.xml"))") && quiet.stderr.contains("500"),
                    "\(quiet.stderr)")
        }
    }

    @Test func goneFeedIsDisabledAndNotFetchedAgain() async throws {
        try await withLoopbackServer(["/gone.xml": .status(410)]) { server in
            let site = try TemporarySite(feeds: [server.url("/gone.xml")])
            let first = try await runGazette(["fetch", "--config", site.config])
            #expect(first.stderr.contains("410") && first.stderr.contains("disabled"))
            _ = try await runGazette(["fetch", "--force", "--config", site.config])
            #expect(server.requests(for: "/gone.xml").count == 1)
        }
    }

    @Test func anHTMLPageInsteadOfAFeedIsAWarning() async throws {
        let page = Array("<!DOCTYPE html><html><body><p>Welcome</p></body></html>".utf8)
        try await withLoopbackServer(["/page": .feed(page, contentType: "text/html")]) { server in
            let site = try TemporarySite(feeds: [server.url("/page")])
            let result = try await runGazette(["fetch", "--config", site.config])
            #expect(result.status == 0)
            #expect(result.stderr.contains("not a feed: an HTML page"))
        }
    }

    @Test func aPermanentRedirectIsAdoptedAndFetchedDirectlyFromThenOn() async throws {
        try await withLoopbackServer(["/old.xml": .redirect(to: "/new.xml", status: 301),
                                      "/new.xml": .feed(rss(items: 2, prefix: "moved"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/old.xml")])
            let first = try await runGazette(["fetch", "--config", site.config])
            #expect(first.stderr.contains("moved permanently to \(server.url("/new.xml"))"))
            #expect(first.stderr.contains("update the feed at feeds.yml line 10"))
            _ = try await runGazette(["fetch", "--force", "--config", site.config])
            #expect(server.requests(for: "/old.xml").count == 1)
            #expect(server.requests(for: "/new.xml").count == 2)
            #expect(try Store.open(path: site.store).itemCount() == 2)
        }
    }

    @Test func checkNamesTheFeedsYmlLineOfAnAdoptedRedirectAndAGoneFeed() async throws {
        try await withLoopbackServer(["/old.xml": .redirect(to: "/new.xml", status: 308),
                                      "/new.xml": .feed(rss(items: 1, prefix: "n")), "/gone.xml": .status(410)]) { server in
            let site = try TemporarySite(feeds: [server.url("/old.xml"), server.url("/gone.xml")])
            _ = try await runGazette(["fetch", "--config", site.config])
            let check = try await runGazette(["check", "--config", site.config])
            #expect(check.status == 0)
            #expect(check.stdout.contains("feeds.yml:10: \(server.url("/old.xml")): moved permanently to \(server.url("/new.xml"))"))
            #expect(check.stdout.contains("change this feed's line to 'url: \(server.url("/new.xml"))'"))
            #expect(check.stdout.contains("feeds.yml:13: \(server.url("/gone.xml")): disabled"))
        }
    }

    @Test func checkRejectsAnInvalidConfigWithItsLineAndExits1() async throws {
        let site = try TemporarySite(feeds: [])
        try "site:\n  title: T\n  url: https://x.example\n  intreval: 5m\n".write(toFile: site.config, atomically: true, encoding: .utf8)
        let check = try await runGazette(["check", "--config", site.config])
        #expect(check.status == 1)
        #expect(check.stderr.contains("feeds.yml:4:3: unknown key 'intreval'"))
    }

    @Test func aFailingFeedBacksOffUntilItsNextTryAndRecovers() async throws {
        try await withLoopbackServer(["/flaky.xml": .status(503, headers: ["Retry-After": "3600"])]) { server in
            let site = try TemporarySite(feeds: [server.url("/flaky.xml")], interval: "1m")
            let first = try await runGazette(["fetch", "--config", site.config])
            #expect(first.stderr.contains("503") && first.stderr.contains("next try"))
            let second = try await runGazette(["fetch", "--config", site.config])   // not due: Retry-After
            #expect(second.stdout.contains("fetched 0 feeds, 0 not modified, 0 failed"))
            #expect(server.requests(for: "/flaky.xml").count == 1)
        }
    }

    @Test func aGB2312FeedLabelledOnlyByTheHTTPHeaderIsRead() async throws {
        let body = try Fixture.bytes("rss20-gb2312-charset-in-header-only.xml")
        try await withLoopbackServer(["/gb.xml": .feed(body, contentType: "application/rss+xml; charset=gb2312")]) { server in
            let site = try TemporarySite(feeds: [server.url("/gb.xml")])
            let result = try await runGazette(["fetch", "--config", site.config])
            #expect(result.status == 0 && result.stderr.isEmpty)
            let items = try Store.open(path: site.store).allItems()
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { ($0.entry.title ?? "").unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } })
        }
    }

    @Test func twoHundredFeedsAtOnceAllLand() async throws {
        let routes = (0..<200).reduce(into: [String: Route]()) { routes, index in
            routes["/f\(index).xml"] = .feed(rss(items: 3, prefix: "n\(index)"))
        }
        try await withLoopbackServer(routes) { server in
            let site = try TemporarySite(feeds: (0..<200).map { server.url("/f\($0).xml") })
            let result = try await runGazette(["fetch", "--config", site.config])
            #expect(result.stdout.contains("fetched 200 feeds, 0 not modified, 0 failed; 600 new"))
            #expect(server.peakConnections <= 16)
        }
    }

    @Test func aSecondRunWhileOneHoldsTheLockExits75NamingThePID() async throws {
        let site = try TemporarySite(feeds: [])
        let held = try RunLock.acquire(path: RunLock.path(besideConfig: site.config))
        let result = try await runGazette(["fetch", "--config", site.config])
        #expect(result.status == 75)
        #expect(result.stderr.contains("\(getpid())"))
        // Nothing to act on (README): a warning, not an error, for log shippers.
        let json = try await runGazette(["fetch", "--log-format", "json", "--config", site.config])
        #expect(json.status == 75 && json.stderr.contains(#""level":"warning""#) && !json.stderr.contains(#""level":"error""#), "\(json.stderr)")
        held.release()
        let after = try await runGazette(["fetch", "--config", site.config])
        #expect(after.status == 0)
    }

    @Test func killedMidRunThenACleanRunEndsWithExactlyTheRightItems() async throws {
        // 30 quick feeds and 2 that trickle: kill -9 lands while the trickles hold the run open.
        var routes = (0..<30).reduce(into: [String: Route]()) { routes, index in
            routes["/q\(index).xml"] = .feed(rss(items: 5, prefix: "q\(index)"))
        }
        routes["/slow1.xml"] = .trickle(every: .milliseconds(200))
        routes["/slow2.xml"] = .trickle(every: .milliseconds(200))
        try await withLoopbackServer(routes) { server in
            let urls = (0..<30).map { server.url("/q\($0).xml") } + [server.url("/slow1.xml"), server.url("/slow2.xml")]
            let site = try TemporarySite(feeds: urls, lowSpeedTime: "30s", timeout: "60s")
            let process = try startGazette(["fetch", "--config", site.config])
            // Wait until some feeds are committed, then kill without warning.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if FileManager.default.fileExists(atPath: site.store),
                   let count = try? Store.open(path: site.store).itemCount(), count >= 50 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let partial = try Store.open(path: site.store).itemCount()
            #expect(partial >= 50 && partial % 5 == 0, "a feed's items commit together or not at all")
            // The clean run: the slow feeds answer now.
            let finish = try TemporarySite(reusing: site, feeds: Array(urls.prefix(30)))
            let clean = try await runGazette(["fetch", "--force", "--config", finish.config])
            #expect(clean.status == 0)
            #expect(try Store.open(path: site.store).itemCount() == 150)
        }
    }
}

// MARK: - Helpers

/// An RSS 2.0 feed with `items` items whose guids start with `prefix`.
func rss(items: Int, prefix: String) -> [UInt8] {
    var xml = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed \#(prefix)</title><link>https://example.com/\#(prefix)/</link>"#
    for index in 0..<items {
        xml += "<item><title>\(prefix) item \(index)</title><link>https://example.com/\(prefix)/\(index)</link>"
        xml += "<guid>\(prefix)-\(index)</guid><pubDate>Thu, 12 May 2022 19:26:\(10 + index) +0800</pubDate>"
        xml += "<description>&lt;p&gt;Body \(index)&lt;/p&gt;</description></item>"
    }
    return Array((xml + "</channel></rss>").utf8)
}

/// A temporary folder, removed with everything in it when the test process exits: each test left
/// its site in /tmp (some 40 folders per `swift test`, 16 GB after a few hundred runs). Not when the
/// value goes away: Swift may release it after its last use, while the test still uses the path.
struct TemporaryFolder: Sendable {
    let url: URL

    init(prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryFolders.shared.add(url.path)
    }
}

/// The folders `TemporaryFolder` made, removed by an `atexit` handler.
final class TemporaryFolders: @unchecked Sendable {
    // @unchecked: `paths` is used under `lock` only.
    static let shared = TemporaryFolders()
    private let lock = NSLock()
    private var paths: [String] = []

    private init() {
        atexit { TemporaryFolders.shared.removeAll() }
    }

    func add(_ path: String) { lock.withLock { paths.append(path) } }

    private func removeAll() {
        for path in lock.withLock({ paths }) { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// A feeds.yml in a fresh temporary folder, removed when the test no longer holds the site.
struct TemporarySite {
    private let holder: TemporaryFolder
    var folder: URL { holder.url }
    var config: String { folder.appendingPathComponent("feeds.yml").path }
    var store: String { folder.appendingPathComponent(".gazette/state.sqlite").path }

    init(feeds: [String], interval: String = "30m", lowSpeedTime: String = "10s", timeout: String = "30s") throws {
        holder = try TemporaryFolder(prefix: "gazette")
        try write(feeds: feeds, interval: interval, lowSpeedTime: lowSpeedTime, timeout: timeout)
    }

    init(reusing site: TemporarySite, feeds: [String], interval: String = "30m") throws {
        holder = site.holder
        try write(feeds: feeds, interval: interval, lowSpeedTime: "10s", timeout: "30s")
    }

    private func write(feeds: [String], interval: String, lowSpeedTime: String, timeout: String) throws {
        var text = """
        site:
          title: Test
          url: https://news.example.com
          timezone: Asia/Shanghai
        defaults:
          interval: \(interval)
          timeout: \(timeout)
          low_speed_time: \(lowSpeedTime)
        feeds:

        """
        if feeds.isEmpty { text += "  []\n" }
        for (index, url) in feeds.enumerated() {
            text += "  - title: Feed \(index)\n    url: \(url)\n    category: feed\(index)\n"
        }
        try text.write(to: folder.appendingPathComponent("feeds.yml"), atomically: true, encoding: .utf8)
    }
}

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The gazette executable SwiftPM built beside this test bundle.
func gazetteExecutable() -> URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gazette")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/gazette")
}

func startGazette(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = gazetteExecutable()
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// Runs gazette to completion (at most 120 s) and returns its exit status and output.
func runGazette(_ arguments: [String]) async throws -> CommandResult {
    let process = Process()
    process.executableURL = gazetteExecutable()
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    async let stdout = Task.detached { out.fileHandleForReading.readDataToEndOfFile() }.value
    async let stderr = Task.detached { err.fileHandleForReading.readDataToEndOfFile() }.value
    let (o, e) = await (stdout, stderr)
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                         stderr: String(decoding: e, as: UTF8.self))
}
