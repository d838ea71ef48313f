import Foundation
import GazetteTestSupport
import Testing

/// `gazette opml import` and `export` on files shaped like real readers' exports.
@Suite(.serialized) struct OPMLCommandTests {
    /// Feedly's shape: folders one level deep, `type="rss"`, text and title; a feed outside any folder.
    static let feedly = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="1.0">
          <head><title>Subscriptions in feedly Cloud</title></head>
          <body>
            <outline text="财经" title="财经">
              <outline type="rss" text="每日经济新闻" title="每日经济新闻" xmlUrl="https://nbd.example.com/rss.xml" htmlUrl="https://nbd.example.com/"/>
              <outline type="rss" text="东方财富网" title="东方财富网" xmlUrl="https://eastmoney.example.com/rss.xml"/>
            </outline>
            <outline text="Tech &amp; Science">
              <outline type="rss" text="Hacker News" xmlUrl="https://news.example.org/rss"/>
              <outline type="rss" text="Hacker News again" xmlUrl="HTTPS://NEWS.example.org/rss"/>
            </outline>
            <outline type="rss" text="Lonely Blog" xmlUrl="https://lonely.example.net/feed"/>
            <outline type="rss" text="Bad one" xmlUrl="ftp://files.example.net/feed"/>
          </body>
        </opml>
        """

    func write(_ text: String, in site: TemporarySite, name: String = "subs.opml") throws -> String {
        let path = site.folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func feeds(of site: TemporarySite) async throws -> String {
        let list = try await runGazette(["list", "--json", "--config", site.config])
        #expect(list.status == 0, "\(list.stderr)")
        return list.stdout
    }

    @Test func importTakesFoldersAsCategoriesSkipsDuplicatesAndSaysWhat() async throws {
        let site = try TemporarySite(feeds: ["https://lonely.example.net/feed"])
        let opml = try write(Self.feedly, in: site)
        let result = try await runGazette(["opml", "import", opml, "--config", site.config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("added 3 feeds, skipped 3"))
        #expect(result.stdout.contains("HTTPS://NEWS.example.org/rss: listed twice"))
        #expect(result.stdout.contains("https://lonely.example.net/feed: already subscribed"))
        #expect(result.stdout.contains(#"xmlUrl "ftp://files.example.net/feed" is not an http or https URL"#))
        let list = try await feeds(of: site)
        #expect(list.contains(#""title":"每日经济新闻","url":"https://nbd.example.com/rss.xml","category":"caijing","category_title":"财经""#))
        #expect(list.contains(#""title":"东方财富网","url":"https://eastmoney.example.com/rss.xml","category":"caijing","category_title":"财经""#))
        #expect(list.contains(#""title":"Hacker News","url":"https://news.example.org/rss","category":"techscience","category_title":"Tech & Science""#))
        // Importing the same file again adds nothing and leaves feeds.yml as it is.
        let before = try String(contentsOfFile: site.config, encoding: .utf8)
        let again = try await runGazette(["opml", "import", opml, "--config", site.config])
        #expect(again.stdout.contains("added 0 feeds, skipped 6") && again.stdout.contains("unchanged"))
        #expect(try String(contentsOfFile: site.config, encoding: .utf8) == before)
    }

    @Test func categoryPerFeedIgnoresFoldersAsTheReferenceSiteWants() async throws {
        let site = try TemporarySite(feeds: [])
        let opml = try write(Self.feedly, in: site)
        let result = try await runGazette(["opml", "import", "--category-per-feed", opml, "--config", site.config])
        #expect(result.status == 0, "\(result.stderr)")
        let list = try await feeds(of: site)
        #expect(list.contains(#""title":"每日经济新闻","url":"https://nbd.example.com/rss.xml","category":"meirijingjixinwen","category_title":"每日经济新闻""#))
        #expect(list.contains(#""title":"东方财富网","url":"https://eastmoney.example.com/rss.xml","category":"dongfangcaifuwang""#))
    }

    @Test func exportThenImportGivesBackTheSameSubscriptions() async throws {
        let source = try TemporarySite(feeds: [])
        try """
            site:
              title: 财经新闻
              url: https://finews.example.com
            feeds:
              - title: 每日经济新闻
                url: https://nbd.example.com/rss.xml
                category: meirijingjixinwen
                category_title: 每日经济新闻新闻
                tags: [每日经济新闻新闻, 财经, "a,b", "100%", "%2C"]
              - title: "Quotes \\"&\\" <Ampersands>"
                url: https://q.example.com/feed?a=1&b=2
                category: meirijingjixinwen
                category_title: 每日经济新闻新闻
              - title: Markets Daily
                url: https://markets.example.com/atom.xml
            """.write(toFile: source.config, atomically: true, encoding: .utf8)
        let exported = try await runGazette(["opml", "export", "--config", source.config])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains(#"<opml version="2.0""#))
        let target = try TemporarySite(feeds: [])
        let opml = try write(exported.stdout, in: target)
        let lint = try runTool("xmllint", ["--noout", opml])
        #expect(lint.status == 0, "\(lint.stderr)")
        let imported = try await runGazette(["opml", "import", opml, "--config", target.config])
        #expect(imported.status == 0 && imported.stdout.contains("added 3 feeds, skipped 0"), "\(imported.stdout)\(imported.stderr)")
        let strip = { (json: String) in json.replacingOccurrences(of: #","line":\d+"#, with: "", options: .regularExpression) }
        #expect(strip(try await feeds(of: target)) == strip(try await feeds(of: source)))
        // What exports the same imports the same: a second export is byte-identical.
        let second = try await runGazette(["opml", "export", "--config", target.config])
        #expect(second.stdout.replacingOccurrences(of: "<title>Test</title>", with: "<title>财经新闻</title>") == exported.stdout)
    }

    /// Without a feeds.yml an edit fails with its error and leaves nothing behind (it made `.gazette/`).
    @Test func anEditWithoutAFeedsYmlLeavesNoStateFolder() async throws {
        let temporary = try TemporaryFolder(prefix: "gazette-nofeeds")
        let folder = temporary.url
        let opml = folder.appendingPathComponent("subs.opml").path
        try #"<?xml version="1.0"?><opml version="2.0"><body><outline text="A" xmlUrl="https://a.example.com/rss"/></body></opml>"#
            .write(toFile: opml, atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("feeds.yml").path
        for arguments in [["opml", "import", opml], ["unsubscribe", "A"], ["subscribe", opml]] {
            let result = try await runGazette(arguments + ["--config", config])
            #expect(result.status == 1 && result.stderr.contains("feeds.yml"), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".gazette").path))
    }

    @Test func notOPMLIsAnErrorNamingTheFile() async throws {
        let site = try TemporarySite(feeds: [])
        let html = try write("<!DOCTYPE html><html><body>hi</body></html>", in: site, name: "page.html")
        let result = try await runGazette(["opml", "import", html, "--config", site.config])
        #expect(result.status == 1 && result.stderr.contains("page.html"))
        let missing = try await runGazette(["opml", "import", "/nonexistent/subs.opml", "--config", site.config])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/subs.opml: no such file"))
    }
}
