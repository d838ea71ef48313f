import Foundation
import GazetteStore
import GazetteTestSupport
import Testing

/// `gazette subscribe` and `unsubscribe` as users run them: the real binary, pages and feeds served
/// from 127.0.0.1, a hand-written feeds.yml whose every other byte must survive the edit.
@Suite(.serialized) struct SubscribeCommandTests {
    /// A feeds.yml as people write them: comments, odd spacing, blank lines, `defaults:` after `feeds:`.
    static let handWritten = """
        # Our sources. Keep them sorted by desk!
        site:
          title: 财经新闻
          url: https://finews.example.com   # the public address

        feeds:
          # --- markets desk ---
          - title: Existing Feed
            url:   https://old.example.com/rss.xml      # keep: legacy
            category: existing

          - title: 每日经济新闻
            url: https://nbd.example.com/rss.xml

        # fetch settings
        defaults:
          interval: 30m

        """

    func site(_ text: String = Self.handWritten) throws -> TemporarySite {
        let site = try TemporarySite(feeds: [])
        try text.write(toFile: site.config, atomically: true, encoding: .utf8)
        return site
    }

    func text(_ site: TemporarySite) throws -> String { try String(contentsOfFile: site.config, encoding: .utf8) }

    static func page(head: String) -> [UInt8] {
        Array("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Site</title>\(head)</head><body><p>Hello</p></body></html>".utf8)
    }

    /// A page at `/` linking an RSS feed (`/posts.xml`) and then an Atom one (`/comments.atom`).
    static var pageWithTwoFeeds: [String: Route] {
        let page = Self.page(head: """
            <link rel="alternate" type="application/rss+xml" title="Posts" href="/posts.xml">
            <link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.atom">
            """)
        return ["/": .feed(page, contentType: "text/html"), "/posts.xml": .feed(rss(items: 2, prefix: "posts")),
                "/comments.atom": .feed(rss(items: 1, prefix: "comments"))]
    }

    @Test func aFeedURLIsAppendedAndEveryOtherByteOfTheFileStays() async throws {
        try await withLoopbackServer(["/news.xml": .feed(rss(items: 3, prefix: "news"))]) { server in
            let site = try site()
            let result = try await runGazette(["subscribe", server.url("/news.xml"), "--config", site.config])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("subscribed: Feed news (rss20, 3 entries) → category feednews"))
            let after = try text(site)
            // The new entry follows the last one; everything before and after it is untouched.
            let insertion = Self.handWritten.range(of: "    url: https://nbd.example.com/rss.xml\n")!.upperBound
            let (prefix, suffix) = (String(Self.handWritten[..<insertion]), String(Self.handWritten[insertion...]))
            #expect(after.hasPrefix(prefix) && after.hasSuffix(suffix))
            let added = after.dropFirst(prefix.count).dropLast(suffix.count)
            #expect(added.contains("- title: Feed news") && added.contains("url: \(server.url("/news.xml"))") && added.contains("category: feednews"))
            let list = try await runGazette(["list", "--config", site.config])
            #expect(list.stdout.contains("Feed news") && list.stdout.contains("never fetched"))
        }
    }

    @Test func aPageWithOneFeedLinkIsFollowedAndRelativeHrefsResolveAgainstThePage() async throws {
        let page = Self.page(head: #"<link rel="alternate" type="application/rss+xml" title="RSS" href="../feeds/main.xml">"#)
        try await withLoopbackServer(["/blog/index.html": .feed(page, contentType: "text/html; charset=utf-8"),
                                      "/feeds/main.xml": .feed(rss(items: 2, prefix: "blog"))]) { server in
            let site = try site()
            let result = try await runGazette(["subscribe", server.url("/blog/index.html"), "--title", "博客", "--config", site.config])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try text(site).contains("url: \(server.url("/feeds/main.xml"))"))
            #expect(result.stdout.contains("category boke"))
        }
    }

    @Test func severalFeedsOnAPageWithoutATerminalTakeTheFirstWithAWarningAndPickChoosesAnother() async throws {
        try await withLoopbackServer(Self.pageWithTwoFeeds) { server in
            let first = try site()
            let taken = try await runGazette(["subscribe", server.url("/"), "--config", first.config])
            #expect(taken.status == 0)
            #expect(taken.stderr.contains("links 2 feeds; took the first") && taken.stderr.contains("2. \(server.url("/comments.atom"))"))
            #expect(try text(first).contains("url: \(server.url("/posts.xml"))"))

            let second = try site()
            let picked = try await runGazette(["subscribe", server.url("/"), "--pick", "2", "--config", second.config])
            #expect(picked.status == 0 && picked.stderr.isEmpty)
            #expect(try text(second).contains("url: \(server.url("/comments.atom"))"))

            let outOfRange = try await runGazette(["subscribe", server.url("/"), "--pick", "3", "--config", second.config])
            #expect(outOfRange.status == 2 && outOfRange.stderr.contains("the page links 2 feeds"))
        }
    }

    @Test func onATerminalSeveralFeedsAreListedAndTheUserIsAsked() async throws {
        try await withLoopbackServer(Self.pageWithTwoFeeds) { server in
            let site = try site()
            // A real pseudo-terminal (Python's pty): gazette sees a terminal on stdin and stderr, asks, and reads "2".
            let driver = """
                import os, pty, sys
                pid, fd = pty.fork()
                if pid == 0:
                    os.execv(sys.argv[1], sys.argv[1:])
                seen = b""
                while b"which one?" not in seen:
                    seen += os.read(fd, 1024)
                os.write(fd, b"2\\n")
                while True:
                    try:
                        chunk = os.read(fd, 1024)
                    except OSError:
                        break
                    if not chunk:
                        break
                    seen += chunk
                _, status = os.waitpid(pid, 0)
                sys.stdout.write(seen.decode("utf-8", "replace"))
                sys.exit(os.waitstatus_to_exitcode(status))
                """
            let result = try runTool("python3", ["-c", driver, gazetteExecutable().path, "subscribe", server.url("/"), "--config", site.config])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("1. \(server.url("/posts.xml"))") && result.stdout.contains("which one? [1-2]"))
            #expect(try text(site).contains("url: \(server.url("/comments.atom"))"))
        }
    }

    @Test func aPageWithNoFeedLinkIsTriedForTheUsualPaths() async throws {
        try await withLoopbackServer(["/about.html": .feed(Self.page(head: ""), contentType: "text/html"),
                                      "/index.xml": .feed(rss(items: 2, prefix: "hugo"))]) { server in
            let site = try site()
            let result = try await runGazette(["subscribe", server.url("/about.html"), "--config", site.config])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("found one at \(server.url("/index.xml"))"))
            #expect(try text(site).contains("url: \(server.url("/index.xml"))"))
            #expect(server.requests(for: "/feed").count == 1 && server.requests(for: "/rss.xml").count == 1)
        }
    }

    @Test func aPageWithNoFeedAnywhereIsAnErrorAndTheFileStays() async throws {
        try await withLoopbackServer(["/": .feed(Self.page(head: ""), contentType: "text/html")]) { server in
            let site = try site()
            let result = try await runGazette(["subscribe", server.url("/"), "--config", site.config])
            #expect(result.status == 1)
            #expect(result.stderr.contains("links to no feed") && result.stderr.contains("/feed.xml"))
            #expect(try text(site) == Self.handWritten)
        }
    }

    @Test func aPageLinkingToAFeedThatRedirectsPermanentlyKeepsTheNewAddress() async throws {
        let page = Self.page(head: #"<link rel="alternate" type="application/atom+xml" href="/old-feed">"#)
        try await withLoopbackServer(["/": .feed(page, contentType: "text/html"),
                                      "/old-feed": .redirect(to: "/new-feed.xml", status: 301),
                                      "/new-feed.xml": .feed(rss(items: 1, prefix: "moved"))]) { server in
            let site = try site()
            let result = try await runGazette(["subscribe", server.url("/"), "--config", site.config])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try text(site).contains("url: \(server.url("/new-feed.xml"))"))
            // Subscribing again, by the old address or the page, changes nothing.
            let before = try text(site)
            let again = try await runGazette(["subscribe", server.url("/old-feed"), "--config", site.config])
            #expect(again.status == 0 && again.stdout.contains("already subscribed"))
            #expect(try text(site) == before)
        }
    }

    @Test func theSameURLSpelledDifferentlyIsAlreadySubscribedAndNothingIsFetched() async throws {
        let site = try site()
        let result = try await runGazette(["subscribe", "HTTPS://NBD.example.com:443/rss.xml#top", "--config", site.config])
        #expect(result.status == 0)
        #expect(result.stdout.contains("already subscribed: 每日经济新闻 (https://nbd.example.com/rss.xml), \(site.config) line 12"))
        #expect(try text(site) == Self.handWritten)
    }

    @Test func anExplicitExistingCategoryIsJoinedWithItsTitleAndTagsAreWritten() async throws {
        try await withLoopbackServer(["/x.xml": .feed(rss(items: 1, prefix: "x"))]) { server in
            let site = try site()
            let result = try await runGazette(["subscribe", server.url("/x.xml"), "--category", "existing", "--title", "X: \"quoted\" #1",
                                               "--tags", "a, b", "--config", site.config])
            #expect(result.status == 0, "\(result.stderr)")
            let list = try await runGazette(["list", "--json", "--config", site.config])
            #expect(list.stdout.contains(#""title":"X: \"quoted\" #1","url":"\#(server.url("/x.xml"))","category":"existing","category_title":"Existing Feed""#))
        }
    }

    @Test func aTitleCollidingWithAnotherCategoryGetsItsOwnSlug() async throws {
        try await withLoopbackServer(["/y.xml": .feed(rss(items: 1, prefix: "y"))]) { server in
            let site = try site()
            // "Existing!" gives the slug `existing`, which another feed's category holds under another title.
            let result = try await runGazette(["subscribe", server.url("/y.xml"), "--title", "Existing!", "--config", site.config])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("category existing-2"))
        }
    }

    @Test func aFeedTitleThatTriesToBreakYAMLStaysOneTitle() async throws {
        let title = "evil: &amp;anchor \"q\" # not a comment\n  - title: injected\n    url: file:///etc/passwd\n---\t\\"
        let feed = Array(#"<?xml version="1.0"?><rss version="2.0"><channel><title>\#(title)</title><item><guid>1</guid><title>t</title></item></channel></rss>"#.utf8)
        try await withLoopbackServer(["/evil.xml": .feed(feed)]) { server in
            let site = try site()
            let result = try await runGazette(["subscribe", server.url("/evil.xml"), "--config", site.config])
            #expect(result.status == 0, "\(result.stderr)")
            let list = try await runGazette(["list", "--json", "--config", site.config])
            let rows = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
            #expect(rows?.count == 3)
            #expect(rows?.last?["title"] as? String == #"evil: &anchor "q" # not a comment - title: injected url: file:///etc/passwd --- \"#)
            #expect(rows?.last?["url"] as? String == server.url("/evil.xml"))
        }
    }

    @Test func aFeedLinkThatRedirectsToAFileOrAJavascriptHrefGetsNothingSubscribed() async throws {
        let page = Self.page(head: """
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml" href="/sneaky.xml">
            """)
        try await withLoopbackServer(["/": .feed(page, contentType: "text/html"),
                                      "/sneaky.xml": .redirect(to: "file:///etc/passwd", status: 301)]) { server in
            let site = try site()
            let result = try await runGazette(["subscribe", server.url("/"), "--config", site.config])
            #expect(result.status == 1)
            #expect(result.stderr.contains(server.url("/sneaky.xml")) && result.stderr.contains("file"))
            #expect(!result.stderr.contains("root:"))
            #expect(try text(site) == Self.handWritten)
        }
    }

    @Test func notAFeedAndUnreachableAreErrorsNamingTheURL() async throws {
        try await withLoopbackServer(["/text": .feed(Array("just text".utf8), contentType: "text/plain")]) { server in
            let site = try site()
            let text = try await runGazette(["subscribe", server.url("/text"), "--config", site.config])
            #expect(text.status == 1 && text.stderr.contains(server.url("/text")) && text.stderr.contains("not a feed"))
            let refused = try await runGazette(["subscribe", server.refusedURL + "feed.xml", "--config", site.config])
            #expect(refused.status == 1 && refused.stderr.contains(server.refusedURL))
            let scheme = try await runGazette(["subscribe", "ftp://example.com/feed.xml", "--config", site.config])
            #expect(scheme.status == 1 && scheme.stderr.contains("only http and https"))
            #expect(try self.text(site) == Self.handWritten)
        }
    }

    @Test func anInvalidFeedsYmlIsRefusedWithItsLineBeforeAnythingIsFetched() async throws {
        try await withLoopbackServer(["/z.xml": .feed(rss(items: 1, prefix: "z"))]) { server in
            let broken = Self.handWritten.replacingOccurrences(of: "  interval: 30m", with: "  intreval: 30m")
            let site = try site(broken)
            let result = try await runGazette(["subscribe", server.url("/z.xml"), "--config", site.config])
            #expect(result.status == 1 && result.stderr.contains("feeds.yml:17:3: unknown key 'intreval'"))
            #expect(server.requests.isEmpty)
            #expect(try text(site) == broken)
        }
    }

    @Test func unsubscribeByURLOrTitleRemovesOnlyThatEntry() async throws {
        let site = try site()
        let byTitle = try await runGazette(["unsubscribe", "每日经济新闻", "--config", site.config])
        #expect(byTitle.status == 0, "\(byTitle.stderr)")
        let expected = Self.handWritten.replacingOccurrences(of: "  - title: 每日经济新闻\n    url: https://nbd.example.com/rss.xml\n", with: "")
        #expect(try text(site) == expected)
        let byURL = try await runGazette(["unsubscribe", "https://OLD.example.com/rss.xml", "--config", site.config])
        #expect(byURL.status == 0, "\(byURL.stderr)")
        let missing = try await runGazette(["unsubscribe", "Nothing Like It", "--config", site.config])
        #expect(missing.status == 1 && missing.stderr.contains("no feed has the url or title 'Nothing Like It'"))
        let check = try await runGazette(["check", "--config", site.config])
        #expect(check.status == 0 && check.stdout.contains("valid; 0 feeds"))
    }

    /// The edit lock's holder is another subscribe, unsubscribe or opml import, not a run: the
    /// message said "another gazette run".
    @Test func anEditWhileAnotherEditHoldsTheLockExits75NamingTheEdit() async throws {
        let site = try site()
        let editLock = URL(fileURLWithPath: RunLock.path(besideConfig: site.config)).deletingLastPathComponent()
            .appendingPathComponent("edit.lock").path
        let held = try RunLock.acquire(path: editLock)
        let refused = try await runGazette(["unsubscribe", "每日经济新闻", "--config", site.config])
        #expect(refused.status == 75)
        #expect(refused.stderr.contains("another gazette command (pid \(getpid())) is editing feeds.yml (subscribe, unsubscribe or opml import)"), "\(refused.stderr)")
        #expect(try text(site) == Self.handWritten)
        _ = consume held
    }

    /// subscribe fetches before it takes the edit lock: an unsubscribe meanwhile is not refused, and
    /// the subscribe then edits the file as the unsubscribe left it.
    @Test func anUnsubscribeWhileASubscribeFetchesIsNotRefusedAndBothEditsLand() async throws {
        let slow = Route.feed(rss(items: 1, prefix: "slow"), delay: .milliseconds(1500))
        try await withLoopbackServer(["/slow.xml": slow]) { server in
            let site = try site()
            let clock = ContinuousClock(), start = clock.now
            let subscribing = try startGazette(["subscribe", server.url("/slow.xml"), "--title", "Slow Feed", "--config", site.config])
            try await Task.sleep(for: .milliseconds(500))
            let removed = try await runGazette(["unsubscribe", "每日经济新闻", "--config", site.config])
            #expect(removed.status == 0, "\(removed.stderr)")
            #expect(clock.now - start < .milliseconds(1500), "the unsubscribe did not wait for the fetch")
            subscribing.waitUntilExit()
            #expect(subscribing.terminationStatus == 0)
            let final = try text(site)
            #expect(!final.contains("nbd.example.com") && final.contains("title: Slow Feed") && final.contains(server.url("/slow.xml")))
            let check = try await runGazette(["check", "--config", site.config])
            #expect(check.status == 0 && check.stdout.contains("valid; 2 feeds"), "\(check.stdout)\(check.stderr)")
        }
    }

    @Test func unsubscribingKeepsThePostsAlreadyPublishedAndTheOtherFeedsAtom() async throws {
        try await withLoopbackServer(["/a.xml": .feed(rss(items: 2, prefix: "a")), "/b.xml": .feed(rss(items: 3, prefix: "b"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/a.xml"), server.url("/b.xml")])
            let run = try await runGazette(["run", "--config", site.config])
            #expect(run.status == 0 && run.stdout.contains("posts 5 new"), "\(run.stderr)")
            let posts = site.folder.appendingPathComponent("output/_posts")
            let before = try FileManager.default.contentsOfDirectory(atPath: posts.path).sorted()
            let removed = try await runGazette(["unsubscribe", "Feed 0", "--config", site.config])
            #expect(removed.status == 0 && removed.stdout.contains("its published posts stay"), "\(removed.stderr)")
            let build = try await runGazette(["build", "--config", site.config])
            #expect(build.status == 0, "\(build.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: posts.path).sorted() == before)
            let all = try String(contentsOf: site.folder.appendingPathComponent("output/feeds/all.xml"), encoding: .utf8)
            #expect(all.components(separatedBy: "<entry>").count - 1 == 3)
            #expect(FileManager.default.fileExists(atPath: site.folder.appendingPathComponent("output/feeds/feed1.xml").path))
        }
    }

    @Test func subscribeThenUnsubscribeGivesBackTheFileByteForByte() async throws {
        try await withLoopbackServer(["/round.xml": .feed(rss(items: 1, prefix: "round"))]) { server in
            let site = try site()
            _ = try await runGazette(["subscribe", server.url("/round.xml"), "--config", site.config])
            #expect(try text(site) != Self.handWritten)
            let removed = try await runGazette(["unsubscribe", server.url("/round.xml"), "--config", site.config])
            #expect(removed.status == 0, "\(removed.stderr)")
            #expect(try text(site) == Self.handWritten)
        }
    }
}
