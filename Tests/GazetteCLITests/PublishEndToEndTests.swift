import Foundation
import GazetteTestSupport
import Testing

/// `gazette run` as its users see it: sample feeds served from 127.0.0.1, the real `jekyll build`
/// on the output, every footer and Atom link followed, every Atom file read by Python's feedparser.
@Suite(.serialized) struct PublishEndToEndTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    func sampleRoutes() throws -> [String: Route] {
        [
            "/nbd.xml": .feed(try bytes("nbd-rss20.xml")),
            "/eastmoney.xml": .feed(try bytes("eastmoney-gb2312.xml"), contentType: "application/rss+xml"),
            "/markets.xml": .feed(try bytes("markets-atom.xml"), contentType: "application/atom+xml"),
            "/notes.json": .feed(try bytes("notes-jsonfeed.json"), contentType: "application/feed+json"),
        ]
    }

    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.examples.appendingPathComponent(name)))
    }

    @Test func runThenJekyllGivesASiteWhereEveryLinkResolvesAndFeedparserReadsEveryAtomFile() async throws {
        try await withLoopbackServer(try sampleRoutes()) { server in
            let site = try TemporarySite(feeds: ["/nbd.xml", "/eastmoney.xml", "/markets.xml", "/notes.json"].map(server.url))
            let run = try await runGazette(["run", "--config", site.config])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("10 new, 0 changed items") && run.stdout.contains("posts 10 new, 0 updated; 5 Atom files rewritten"))
            let output = site.folder.appendingPathComponent("output")
            let posts = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("_posts").path)
            #expect(posts.count == 10)

            let jekyll = try runTool("jekyll", ["build", "--quiet", "--source", output.path,
                                                "--destination", output.appendingPathComponent("_site").path])
            #expect(jekyll.status == 0, "jekyll build failed: \(jekyll.stderr)")
            let siteFolder = output.appendingPathComponent("_site")
            // Every post became a page, and every footer link of every post resolves to a file.
            var pages = 0
            for post in posts {
                let text = try String(contentsOf: output.appendingPathComponent("_posts/\(post)"), encoding: .utf8)
                for link in footerLinks(in: text) {
                    #expect(FileManager.default.fileExists(atPath: siteFolder.path + link), "\(post): footer link \(link) does not resolve")
                }
                pages += 1
            }
            #expect(pages == 10)
            // Python feedparser reads every Atom file with no bozo, and every alternate link resolves.
            let check = try runTool("python3", ["-c", feedparserCheck, output.appendingPathComponent("feeds").path, siteFolder.path])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("all.xml bozo=0 entries=10"))
            #expect(check.stdout.contains("unresolved=0"))

            // A second run with nothing new touches no file.
            let before = try modificationTimes(under: output, skipping: "_site")
            let again = try await runGazette(["run", "--force", "--config", site.config])
            #expect(again.stdout.contains("posts 0 new, 0 updated; 0 Atom files rewritten"))
            let build = try await runGazette(["build", "--config", site.config])
            #expect(build.stdout.contains("posts 0 new, 0 updated; 0 Atom files rewritten"))
            #expect(try modificationTimes(under: output, skipping: "_site") == before)
        }
    }

    /// A source that labels +0800 local time as +0000 gives items dated hours ahead of the build. The
    /// post keeps the source's date, and `jekyll build` must still build it: the Atom feeds link to it now.
    @Test func aPostDatedHoursAheadIsBuiltAndItsAtomLinkResolves() async throws {
        let ahead = Date().addingTimeInterval(5 * 3600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let feed = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Ahead</title><link>https://example.com/</link>"#
            + "<item><title>Tomorrow's news today</title><link>https://example.com/ahead</link><guid>ahead-1</guid>"
            + "<pubDate>\(formatter.string(from: ahead))</pubDate><description>&lt;p&gt;Early&lt;/p&gt;</description></item>"
            + "<item><title>Yesterday's news</title><link>https://example.com/past</link><guid>past-1</guid>"
            + "<pubDate>Thu, 12 May 2022 11:26:42 +0000</pubDate><description>&lt;p&gt;Old&lt;/p&gt;</description></item>"
            + "</channel></rss>"
        try await withLoopbackServer(["/ahead.xml": .feed(Array(feed.utf8))]) { server in
            let site = try TemporarySite(feeds: [server.url("/ahead.xml")])
            let run = try await runGazette(["run", "--config", site.config])
            #expect(run.status == 0, "\(run.stderr)")
            let output = site.folder.appendingPathComponent("output")
            let posts = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("_posts").path)
            let future = try #require(posts.first { $0.contains("tomorrow") }, "\(posts)")
            // The source's date, in the site zone, not clamped to the build time.
            let shanghai = DateFormatter()
            shanghai.locale = Locale(identifier: "en_US_POSIX")
            shanghai.timeZone = TimeZone(identifier: "Asia/Shanghai")
            shanghai.dateFormat = "yyyy-MM-dd HH:mm:ss Z"
            let text = try String(contentsOf: output.appendingPathComponent("_posts/\(future)"), encoding: .utf8)
            #expect(text.contains("date: \(shanghai.string(from: ahead))"), "\(text)")

            let siteFolder = output.appendingPathComponent("_site")
            let jekyll = try runTool("jekyll", ["build", "--quiet", "--source", output.path, "--destination", siteFolder.path])
            #expect(jekyll.status == 0, "jekyll build failed: \(jekyll.stderr)")
            let check = try runTool("python3", ["-c", feedparserCheck, output.appendingPathComponent("feeds").path, siteFolder.path])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("all.xml bozo=0 entries=2") && check.stdout.contains("unresolved=0"), "\(check.stdout)")
        }
    }

    /// A `_config.yml` the user edited is kept; when it says nothing of `future`, each build says what that costs.
    @Test func aHandEditedConfigWithoutFutureIsKeptWithAWarning() async throws {
        let site = try TemporarySite(feeds: ["https://a.example.com/rss.xml"])
        let first = try await runGazette(["build", "--config", site.config])
        #expect(first.status == 0, "\(first.stderr)")
        let config = site.folder.appendingPathComponent("output/_config.yml")
        #expect(try String(contentsOf: config, encoding: .utf8).contains("\nfuture: true\n"))
        try "title: Mine\npermalink: \(Self.permalink)\n".write(to: config, atomically: true, encoding: .utf8)
        let second = try await runGazette(["build", "--config", site.config])
        #expect(second.status == 0)
        #expect(second.stderr.contains("_config.yml: no 'future: true'; jekyll build leaves out posts dated after the build"))
        #expect(try String(contentsOf: config, encoding: .utf8) == "title: Mine\npermalink: \(Self.permalink)\n")
        // A choice the user wrote down is theirs: no warning.
        try "title: Mine\nfuture: false\n".write(to: config, atomically: true, encoding: .utf8)
        let third = try await runGazette(["build", "--config", site.config])
        #expect(!third.stderr.contains("future"), "\(third.stderr)")
    }

    /// A feed moved to another category in feeds.yml: the next `run` (not only `build`) rewrites its posts,
    /// since the Atom feeds link to the new category's paths at once.
    @Test func changingAFeedsCategoryRewritesItsPostsSoEveryAtomLinkStillResolves() async throws {
        try await withLoopbackServer(["/a.xml": .feed(rss(items: 3, prefix: "a")), "/b.xml": .feed(rss(items: 2, prefix: "b"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/a.xml"), server.url("/b.xml")])
            let first = try await runGazette(["run", "--config", site.config])
            #expect(first.status == 0 && first.stdout.contains("posts 5 new, 0 updated"), "\(first.stdout)\(first.stderr)")
            // The build stamp is a run's start, so the next run still counts the first run's items as changed;
            // after one more run nothing has changed since the last build.
            let settled = try await runGazette(["run", "--force", "--config", site.config])
            #expect(settled.stdout.contains("posts 0 new, 0 updated; 0 Atom files rewritten"), "\(settled.stdout)")
            let feeds = try String(contentsOfFile: site.config, encoding: .utf8)
            try feeds.replacingOccurrences(of: "category: feed0\n", with: "category: moved\n    category_title: Moved here\n    tags: [moved, here]\n")
                .write(toFile: site.config, atomically: true, encoding: .utf8)

            let second = try await runGazette(["run", "--config", site.config])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("posts 0 new, 3 updated"), "\(second.stdout)")
            let output = site.folder.appendingPathComponent("output")
            let postsFolder = output.appendingPathComponent("_posts")
            var categories: [String: Int] = [:]
            for post in try FileManager.default.contentsOfDirectory(atPath: postsFolder.path) {
                let text = try String(contentsOf: postsFolder.appendingPathComponent(post), encoding: .utf8)
                let category = text.split(separator: "\n").first { $0.hasPrefix("categories: ") }.map { String($0.dropFirst(12)) } ?? "?"
                categories[category, default: 0] += 1
                if category == "moved" {
                    #expect(text.contains("\ntags: [\"moved\", \"here\"]\n") && text.contains("[返回Moved here](//news.example.com/category/moved.html)"), "\(text)")
                }
            }
            #expect(categories == ["moved": 3, "feed1": 2])

            let siteFolder = output.appendingPathComponent("_site")
            let jekyll = try runTool("jekyll", ["build", "--quiet", "--source", output.path, "--destination", siteFolder.path])
            #expect(jekyll.status == 0, "jekyll build failed: \(jekyll.stderr)")
            // feeds/feed0.xml, the category no feed has any more, is left as it was with its old links:
            // not this test's concern (Gazette writes only the Atom files of the categories it has).
            try FileManager.default.removeItem(at: output.appendingPathComponent("feeds/feed0.xml"))
            let check = try runTool("python3", ["-c", feedparserCheck, output.appendingPathComponent("feeds").path, siteFolder.path])
            #expect(check.status == 0 && check.stdout.contains("moved.xml bozo=0 entries=3") && check.stdout.contains("unresolved=0"),
                    "\(check.stdout)\(check.stderr)")

            // Once the posts follow the new configuration, a run is incremental again and touches none.
            let third = try await runGazette(["run", "--force", "--config", site.config])
            #expect(third.stdout.contains("posts 0 new, 0 updated; 0 Atom files rewritten"), "\(third.stdout)")
        }
    }

    /// Post bodies are Markdown to kramdown wherever they are not inside a block-level HTML element:
    /// Markdown links got past the sanitizer as `javascript:` links, `{: onclick}` added attributes,
    /// `*ST康美、*ST华谊` (stock names) became emphasis. Footer text and tags had the same trouble.
    @Test func markdownInFeedTextIsInertInTheBuiltSite() async throws {
        let json = #"""
            {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
              {"id": "1", "url": "https://example.com/1", "title": "text", "date_published": "2026-11-02T10:00:00+08:00",
               "content_text": "click [here](javascript:alert(1)) now ![i](javascript:alert(2))\n\n[r]: javascript:alert(3)\n\n{: onclick=\"alert(4)\"}"},
              {"id": "2", "url": "https://example.com/2", "title": "html", "date_published": "2026-11-02T11:00:00+08:00",
               "content_html": "<span>[x](javascript:alert(5))</span> text *ST康美、*ST华谊 \"q\" -- <b>b</b><p>then a block</p>after [y](javascript:alert(6))"}
            ]}
            """#
        let rssFeed = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>R</title>"#
            + "<item><title>plain</title><link>https://example.com/3</link><guid>3</guid>"
            + "<description>*ST康美、*ST华谊今日涨停 # not a heading [z](javascript:alert(7))</description></item></channel></rss>"
        try await withLoopbackServer(["/j.json": .feed(Array(json.utf8), contentType: "application/feed+json"),
                                      "/r.xml": .feed(Array(rssFeed.utf8))]) { server in
            let site = try TemporarySite(feeds: [server.url("/j.json"), server.url("/r.xml")])
            let feeds = try String(contentsOfFile: site.config, encoding: .utf8)
            try feeds.replacingOccurrences(of: "category: feed1\n",
                                           with: "category: feed1\n    category_title: '*要闻* \"引号\" a--b [c](javascript:alert(8))'\n    tags: [A股 快讯, '#热点']\n")
                .write(toFile: site.config, atomically: true, encoding: .utf8)
            let run = try await runGazette(["run", "--config", site.config])
            #expect(run.status == 0, "\(run.stderr)")
            let output = site.folder.appendingPathComponent("output")
            let siteFolder = output.appendingPathComponent("_site")
            let jekyll = try runTool("jekyll", ["build", "--quiet", "--source", output.path, "--destination", siteFolder.path])
            #expect(jekyll.status == 0, "jekyll build failed: \(jekyll.stderr)")
            var pages: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(atPath: siteFolder.path)
            while let path = enumerator?.nextObject() as? String {
                guard path.hasPrefix("feed"), path.hasSuffix(".html") else { continue }
                pages[path] = try String(contentsOf: siteFolder.appendingPathComponent(path), encoding: .utf8)
            }
            #expect(pages.count == 3, "\(pages.keys.sorted())")
            for (path, html) in pages {
                // As text they are fine; as an attribute they would run.
                #expect(!html.contains("href=\"javascript") && !html.contains("src=\"javascript") && !html.contains("onclick=\""), "\(path): \(html)")
                #expect(!html.contains("<em>") && !html.contains("<h1>#"), "\(path): \(html)")
            }
            let text = try #require(pages.first { $0.value.contains("click") }?.value)
            #expect(text.contains("click [here](javascript:alert(1)) now"))
            let html = try #require(pages.first { $0.value.contains("then a block") }?.value)
            #expect(html.contains("*ST康美、*ST华谊 \"q\" --") || html.contains("*ST康美、*ST华谊 &quot;q&quot; --"), "\(html)")
            let plain = try #require(pages.first { $0.key.hasPrefix("feed1/") }?.value)
            #expect(plain.contains("*ST康美、*ST华谊今日涨停 # not a heading"), "\(plain)")
            // The footer's category title, as written.
            #expect(plain.contains("返回*要闻* &quot;引号&quot; a--b [c](javascript:alert(8))</a>")
                    || plain.contains("返回*要闻* \"引号\" a--b [c](javascript:alert(8))</a>"), "\(plain)")
            // Each tag stays one tag.
            let post = try #require(try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("_posts").path)
                .first { $0.contains("plain") })
            let postText = try String(contentsOf: output.appendingPathComponent("_posts/\(post)"), encoding: .utf8)
            #expect(postText.contains("\ntags: [\"A股 快讯\", \"#热点\"]\n"), "\(postText)")
        }
    }

    /// A source moved an item's date to the next day, where another item has the same title: the
    /// moved post's URL followed its new date, the old URL 404ed, and `jekyll build` reported two
    /// posts for one page. The page now stays where it was first published.
    @Test func anItemWhoseDateMovesToAnotherDayKeepsItsPage() async throws {
        func feed(_ firstDate: String) -> String {
            #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>S</title>"#
                + "<item><title>收盘点评</title><link>https://example.com/1</link><guid>g1</guid><pubDate>\(firstDate)</pubDate><description>&lt;p&gt;one&lt;/p&gt;</description></item>"
                + "<item><title>收盘点评</title><link>https://example.com/2</link><guid>g2</guid><pubDate>Tue, 03 Nov 2026 15:00:00 +0800</pubDate><description>&lt;p&gt;two&lt;/p&gt;</description></item>"
                + "</channel></rss>"
        }
        let temporary = try TemporaryFolder(prefix: "gazette-moved")
        let folder = temporary.url
        let source = folder.appendingPathComponent("source.xml")
        try feed("Mon, 02 Nov 2026 15:00:00 +0800").write(to: source, atomically: true, encoding: .utf8)
        let site = try TemporarySite(feeds: [source.path])
        let first = try await runGazette(["run", "--config", site.config])
        #expect(first.status == 0, "\(first.stderr)")
        let output = site.folder.appendingPathComponent("output")
        let siteFolder = output.appendingPathComponent("_site")
        #expect(try runTool("jekyll", ["build", "--quiet", "--source", output.path, "--destination", siteFolder.path]).status == 0)
        let oldPage = siteFolder.appendingPathComponent("feed0/2026/11/02/shou-pan-dian-ping.html").path
        #expect(FileManager.default.fileExists(atPath: oldPage))

        try feed("Tue, 03 Nov 2026 16:00:00 +0800").write(to: source, atomically: true, encoding: .utf8)
        let second = try await runGazette(["run", "--force", "--config", site.config])
        #expect(second.status == 0 && second.stdout.contains("1 changed"), "\(second.stdout)\(second.stderr)")
        try? FileManager.default.removeItem(at: siteFolder)
        let jekyll = try runTool("jekyll", ["build", "--source", output.path, "--destination", siteFolder.path])
        #expect(jekyll.status == 0, "\(jekyll.stderr)")
        #expect(!(jekyll.stdout + jekyll.stderr).contains("Conflict"), "\(jekyll.stdout)\(jekyll.stderr)")
        #expect(try String(contentsOfFile: oldPage, encoding: .utf8).contains("one"))
        let dayTwo = try FileManager.default.contentsOfDirectory(atPath: siteFolder.appendingPathComponent("feed0/2026/11/03").path)
        #expect(dayTwo.count == 1, "\(dayTwo)")
        let check = try runTool("python3", ["-c", feedparserCheck, output.appendingPathComponent("feeds").path, siteFolder.path])
        #expect(check.status == 0 && check.stdout.contains("unresolved=0"), "\(check.stdout)\(check.stderr)")
    }

    static let permalink = "/:categories/:year/:month/:day/:title:output_ext"

    /// The site paths of `[text](//HOST/path)` links.
    func footerLinks(in post: String) -> [String] {
        post.split(separator: "\n").last.map { line in
            line.components(separatedBy: "](//").dropFirst().compactMap { part -> String? in
                guard let end = part.firstIndex(of: ")") else { return nil }
                let hostAndPath = part[..<end]
                guard let slash = hostAndPath.firstIndex(of: "/") else { return nil }
                let path = String(hostAndPath[slash...])
                return path.hasSuffix("/") ? path + "index.html" : path
            }
        } ?? []
    }

    func modificationTimes(under root: URL, skipping: String) throws -> [String: Date] {
        var times: [String: Date] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            if path.hasPrefix(skipping) { continue }
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
            times[path] = attributes[.modificationDate] as? Date
        }
        return times
    }

    let feedparserCheck = """
    import feedparser, glob, os, sys, urllib.parse
    feeds, site = sys.argv[1], sys.argv[2]
    unresolved = 0
    for path in sorted(glob.glob(os.path.join(feeds, '*.xml'))):
        d = feedparser.parse(path)
        print(os.path.basename(path), 'bozo=%d' % d.bozo, 'entries=%d' % len(d.entries))
        for e in d.entries:
            target = site + urllib.parse.unquote(urllib.parse.urlparse(e.link).path)
            if not os.path.exists(target):
                unresolved += 1
                print('unresolved', e.link)
        if d.bozo: sys.exit(1)
    print('unresolved=%d' % unresolved)
    sys.exit(1 if unresolved else 0)
    """
}

/// Runs a tool from PATH to completion.
func runTool(_ name: String, _ arguments: [String]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [name] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                         stderr: String(decoding: e, as: UTF8.self))
}

/// Hundreds of items with one title on one day: their 4-digit clash suffixes clashed too, and the
/// store's refusal stopped every later run of the whole site (exit 1, nothing published).
@Suite struct ManySameTitleTests {
    @Test func threeHundredItemsOfOneTitleOnOneDayAllGetPosts() async throws {
        func feed(_ range: Range<Int>) -> String {
            #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title><link>https://x.example.com/</link>"#
                + range.map { "<item><title>Same title</title><link>https://x.example.com/\($0)</link><guid>g\($0)</guid><pubDate>Tue, 01 Dec 2026 08:00:00 +0000</pubDate><description>b\($0)</description></item>" }.joined()
                + "</channel></rss>"
        }
        let temporary = try TemporaryFolder(prefix: "gazette-same")
        let folder = temporary.url
        let source = folder.appendingPathComponent("f.xml")
        try feed(0..<300).write(to: source, atomically: true, encoding: .utf8)
        let site = try TemporarySite(feeds: [source.path])
        let first = try await runGazette(["run", "--config", site.config])
        #expect(first.status == 0, "\(first.stderr)")
        let postsFolder = site.folder.appendingPathComponent("output/_posts").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: postsFolder).count == 300)
        try feed(0..<500).write(to: source, atomically: true, encoding: .utf8)
        let second = try await runGazette(["run", "--force", "--config", site.config])
        #expect(second.status == 0, "\(second.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: postsFolder)
        #expect(names.count == 500 && names.allSatisfy { $0.hasPrefix("2026-12-01-same-title") })
    }
}
