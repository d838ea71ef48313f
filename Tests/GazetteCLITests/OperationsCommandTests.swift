import Foundation
import GazetteTestSupport
import Testing

/// What an operator sees: `list`, `init`, `check`, and the output switches of `run`/`fetch`/`build`.
@Suite(.serialized) struct OperationsCommandTests {
    @Test func listShowsEachFeedsLastFetchStatusItemsAndFailures() async throws {
        try await withLoopbackServer(["/ok.xml": .feed(rss(items: 3, prefix: "ok")), "/down.xml": .status(500)]) { server in
            let site = try TemporarySite(feeds: [server.url("/ok.xml"), server.url("/down.xml")])
            _ = try await runGazette(["fetch", "--config", site.config])
            let list = try await runGazette(["list", "--config", site.config])
            #expect(list.status == 0)
            let lines = list.stdout.split(separator: "\n")
            #expect(lines.count == 3 && lines[0].hasPrefix("TITLE") && lines[0].contains("FAILURES"))
            #expect(lines[1].contains("Feed 0") && lines[1].contains("feed0") && lines[1].contains("ok (200)") && lines[1].split(separator: " ").suffix(2) == ["3", "0"])
            #expect(lines[2].contains("Feed 1") && lines[2].contains("failing:") && lines[2].contains("500") && lines[2].split(separator: " ").suffix(2) == ["0", "1"])
            let json = try await runGazette(["list", "--json", "--config", site.config])
            let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect(rows?.count == 2)
            #expect(rows?[0]["items"] as? Int == 3 && rows?[0]["http_status"] as? Int == 200)
            #expect(rows?[1]["consecutive_failures"] as? Int == 1 && rows?[1]["items"] as? Int == 0)
        }
    }

    @Test func quietPrintsNothingButErrorsAndVerboseOneLinePerFeed() async throws {
        try await withLoopbackServer(["/ok.xml": .feed(rss(items: 2, prefix: "ok")), "/down.xml": .status(503)]) { server in
            let site = try TemporarySite(feeds: [server.url("/ok.xml"), server.url("/down.xml")])
            let quiet = try await runGazette(["run", "--quiet", "--config", site.config])
            #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
            let verbose = try await runGazette(["run", "--verbose", "--config", site.config])
            #expect(verbose.status == 0)
            #expect(verbose.stderr.contains("not due \(server.url("/ok.xml"))"))
            #expect(verbose.stderr.contains("not due \(server.url("/down.xml"))") && verbose.stderr.contains("next fetch"))
            let forced = try await runGazette(["fetch", "--force", "--verbose", "--config", site.config])
            #expect(forced.stderr.contains("not modified \(server.url("/ok.xml"))") == false)   // no validators: a full fetch
            #expect(forced.stderr.contains("fetched \(server.url("/ok.xml")): 200, 0 new, 0 changed"))
            #expect(forced.stderr.contains("failed \(server.url("/down.xml")): \(server.url("/down.xml")): the server answered 503"))
            #expect(forced.stdout.contains("fetched 1 feeds, 0 not modified, 1 failed"))
            let both = try await runGazette(["run", "--quiet", "--verbose", "--config", site.config])
            #expect(both.status == 2)
        }
    }

    @Test func jsonLogLinesAreOneObjectEachWithLevelMessageAndData() async throws {
        try await withLoopbackServer(["/ok.xml": .feed(rss(items: 2, prefix: "ok")), "/gone.xml": .status(410)]) { server in
            let site = try TemporarySite(feeds: [server.url("/ok.xml"), server.url("/gone.xml")])
            let run = try await runGazette(["run", "--log-format", "json", "--verbose", "--config", site.config])
            #expect(run.status == 0)
            let errLines = run.stderr.split(separator: "\n").map(String.init)
            let objects = try errLines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(objects.allSatisfy { $0?["time"] is String && $0?["level"] is String && $0?["message"] is String })
            #expect(objects.contains { $0?["level"] as? String == "warning" && ($0?["detail"] as? String)?.contains("410") == true })
            #expect(objects.contains { $0?["message"] as? String == "feed" && $0?["feed.url"] as? String == server.url("/ok.xml")
                && $0?["items.new"] as? Int == 2 })
            let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect(summary?["message"] as? String == "run finished" && summary?["posts.new"] as? Int == 2 && summary?["feeds.failed"] as? Int == 1)
            // A fatal error is a JSON line too.
            try "site: [".write(toFile: site.config, atomically: true, encoding: .utf8)
            let fatal = try await runGazette(["run", "--log-format", "json", "--config", site.config])
            #expect(fatal.status == 1)
            let error = try JSONSerialization.jsonObject(with: Data(fatal.stderr.utf8)) as? [String: Any]
            #expect(error?["level"] as? String == "error" && (error?["detail"] as? String)?.contains("feeds.yml:2:1: YAML syntax error") == true)
        }
    }

    @Test func initInAnEmptyFolderWritesAValidFeedsYmlThatSubscribeAppendsTo() async throws {
        try await withLoopbackServer(["/f.xml": .feed(rss(items: 2, prefix: "f"))]) { server in
            let temporary = try TemporaryFolder(prefix: "gazette-init")
            let folder = temporary.url
            let config = folder.appendingPathComponent("feeds.yml").path
            let bad = try await runGazette(["init", "--config", config, "--url", "finews.example.com"])
            #expect(bad.status == 2 && bad.stderr.contains("site") && !FileManager.default.fileExists(atPath: config))
            let made = try await runGazette(["init", "--config", config, "--title", "财经 \"新闻\"", "--url", "https://finews.example.com",
                                             "--timezone", "Asia/Shanghai", "--language", "zh-CN"])
            #expect(made.status == 0, "\(made.stderr)")
            #expect(made.stdout.contains("wrote \(config): a new site"))
            let check = try await runGazette(["check", "--config", config])
            #expect(check.status == 0 && check.stdout.contains("valid; 0 feeds"), "\(check.stderr)")
            let index = try String(contentsOf: folder.appendingPathComponent("output/_config.yml"), encoding: .utf8)
            #expect(index.contains("finews.example.com") && index.contains("Asia/Shanghai"))
            let text = try String(contentsOfFile: config, encoding: .utf8)
            let subscribed = try await runGazette(["subscribe", server.url("/f.xml"), "--config", config])
            #expect(subscribed.status == 0, "\(subscribed.stderr)")
            #expect(try String(contentsOfFile: config, encoding: .utf8).hasPrefix(text))
            // A second init leaves the existing feeds.yml alone, whatever the options say.
            let before = try String(contentsOfFile: config, encoding: .utf8)
            _ = try await runGazette(["init", "--config", config, "--title", "Other"])
            #expect(try String(contentsOfFile: config, encoding: .utf8) == before)
            let run = try await runGazette(["run", "--config", config])
            #expect(run.status == 0 && run.stdout.contains("posts 2 new"), "\(run.stderr)")
        }
    }

    @Test func initWritesTheScaffoldOnceAndKeepsAFileTheUserEdited() async throws {
        let site = try TemporarySite(feeds: ["https://a.example.com/rss.xml"])
        let first = try await runGazette(["init", "--config", site.config])
        #expect(first.status == 0, "\(first.stderr)")
        let output = site.folder.appendingPathComponent("output")
        for file in ["_config.yml", "index.html", "category/feed0.html", "_layouts/post.html"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(file) missing")
        }
        let config = output.appendingPathComponent("_config.yml")
        try (try String(contentsOf: config, encoding: .utf8) + "# mine\n").write(to: config, atomically: true, encoding: .utf8)
        let second = try await runGazette(["init", "--config", site.config])
        #expect(second.status == 0)
        #expect(second.stderr.contains("_config.yml: edited by hand; left as it is"))
        #expect(try String(contentsOf: config, encoding: .utf8).hasSuffix("# mine\n"))
        #expect(second.stdout.contains("0 scaffold files written, 1 kept as edited"))
    }

    @Test func checkNamesFeedsFailingForSeveralRunsAndFeedsSilentForLong() async throws {
        try await withLoopbackServer(["/down.xml": .status(500), "/quiet.xml": .feed(rss(items: 1, prefix: "quiet"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/down.xml"), server.url("/quiet.xml")])
            for _ in 0..<3 { _ = try await runGazette(["fetch", "--force", "--config", site.config]) }
            // The quiet feed's last new item was long ago: set it in the real SQLite file, as time would.
            let sql = "UPDATE feeds SET last_new_item = '2026-01-01 00:00:00.000' WHERE url = '\(server.url("/quiet.xml"))'"
            let update = try runTool("sqlite3", [site.store, sql])
            #expect(update.status == 0, "\(update.stderr)")
            let check = try await runGazette(["check", "--config", site.config])
            #expect(check.status == 0)
            #expect(check.stdout.contains("feeds.yml:10: \(server.url("/down.xml")): failing for 3 runs: \(server.url("/down.xml")): the server answered 500"))
            #expect(check.stdout.contains("feeds.yml:13: \(server.url("/quiet.xml")): no new items for"))
            #expect(check.stdout.contains("2 problems"))
            let strict = try await runGazette(["check", "--strict", "--config", site.config])
            #expect(strict.status == 1)
        }
    }

    /// A lost store makes every item new again (and may give undated items second posts): a run that
    /// has to make a new store beside existing posts says so before it goes on.
    @Test func aRunThatMakesANewStoreBesideExistingPostsWarns() async throws {
        try await withLoopbackServer(["/a.xml": .feed(rss(items: 2, prefix: "a"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/a.xml")])
            let first = try await runGazette(["run", "--config", site.config])
            #expect(first.status == 0 && !first.stderr.contains("a new state store"), "\(first.stderr)")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: site.store + suffix) }
            let again = try await runGazette(["run", "--config", site.config])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stderr.contains("\(site.store): a new state store, but"), "\(again.stderr)")
            #expect(again.stderr.contains("already holds 2 posts") && again.stderr.contains("restore .gazette/state.sqlite from a backup"))
            let third = try await runGazette(["run", "--config", site.config])
            #expect(!third.stderr.contains("a new state store"))
        }
    }

    /// A category renamed in feeds.yml leaves its old Atom file frozen, its links pointing where no
    /// post is any more: `check` names it (without counting it as a feed problem).
    @Test func checkNamesTheAtomFileOfACategoryNoFeedHasAnyMore() async throws {
        try await withLoopbackServer(["/a.xml": .feed(rss(items: 2, prefix: "a"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/a.xml")])
            let run = try await runGazette(["run", "--config", site.config])
            #expect(run.status == 0, "\(run.stderr)")
            let old = site.folder.appendingPathComponent("output/feeds/feed0.xml").path
            #expect(FileManager.default.fileExists(atPath: old))
            let quiet = try await runGazette(["check", "--config", site.config])
            #expect(!quiet.stdout.contains("no feed in"), "\(quiet.stdout)")
            let text = try String(contentsOfFile: site.config, encoding: .utf8)
            try text.replacingOccurrences(of: "category: feed0", with: "category: renamed")
                .write(toFile: site.config, atomically: true, encoding: .utf8)
            let check = try await runGazette(["check", "--strict", "--config", site.config])
            #expect(check.status == 0, "not a feed problem: \(check.stderr)")
            #expect(check.stdout.contains("\(old): no feed in \(site.config) has this category any more"), "\(check.stdout)")
            #expect(!check.stdout.contains("all.xml"))
        }
    }

    @Test(arguments: [
        ("feeds:\n  - title: A\n    url: https://a.example.com/rss\n  - title: B\n    url: https://A.example.com/rss\n",
         "feeds.yml:8:10: duplicate url 'https://A.example.com/rss': the feed at line 6 has it too"),
        ("feeds:\n  - title: A\n    category: a\n", "feeds.yml:5:5: feed has no 'url'"),
        ("defaults:\n  interval: soon\n", "feeds.yml:5:13:"),
        ("feeds:\n  - title: A\n    url: example.com/rss.xml\n", "feeds.yml:6:10:"),
    ])
    func checkRefusesABrokenConfigNamingFileLineAndKey(body: String, expected: String) async throws {
        let site = try TemporarySite(feeds: [])
        // The body starts on line 4 of the file.
        try ("site:\n  title: T\n  url: https://x.example\n" + body).write(toFile: site.config, atomically: true, encoding: .utf8)
        let check = try await runGazette(["check", "--config", site.config])
        #expect(check.status == 1)
        #expect(check.stderr.contains(expected), "\(check.stderr)")
        #expect(check.stdout.isEmpty)
    }
}

/// The shipped systemd units are what systemd accepts: `systemd-analyze verify` on copies that point
/// at the gazette just built and at a temporary site folder.
@Test func theShippedSystemdUnitsVerify() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let temporary = try TemporaryFolder(prefix: "gazette-units")
    let folder = temporary.url
    for name in ["gazette.service", "gazette.timer"] {
        let text = try String(contentsOf: root.appendingPathComponent("contrib/systemd/\(name)"), encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/gazette", with: gazetteExecutable().path)
            .replacingOccurrences(of: "/srv/finews", with: folder.path)
            .replacingOccurrences(of: "User=gazette\nGroup=gazette\n", with: "")
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let verify = try runTool("systemd-analyze", ["verify", folder.appendingPathComponent("gazette.service").path,
                                                 folder.appendingPathComponent("gazette.timer").path])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    #expect(verify.stderr.isEmpty, "\(verify.stderr)")
    let service = try String(contentsOf: root.appendingPathComponent("contrib/systemd/gazette.service"), encoding: .utf8)
    #expect(service.contains("Type=oneshot") && service.contains("SuccessExitStatus=75"))
}
