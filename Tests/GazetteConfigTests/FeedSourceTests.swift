import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// A feed `url` is an http(s) URL or a file path; paths resolve against feeds.yml's folder.
struct FeedSourceTests {
    func source(of url: String, file: String = "/srv/site/feeds.yml") throws -> FeedSource {
        let config = try load(Example.withFeeds("  - title: A\n    url: \(url)\n"), file: file)
        return try #require(config.feeds.first).source
    }

    @Test func relativePathResolvesAgainstTheFolderOfFeedsYml() throws {
        #expect(try source(of: "samples/nbd.xml") == .file(URL(fileURLWithPath: "/srv/site/samples/nbd.xml")))
    }

    @Test func dotsInAPathAreResolved() throws {
        #expect(try source(of: "./samples/../shared/nbd.xml").url.path == "/srv/site/shared/nbd.xml")
    }

    @Test func absolutePathIsKept() throws {
        #expect(try source(of: "/var/feeds/nbd.xml").url.path == "/var/feeds/nbd.xml")
    }

    @Test func fileURLIsAPath() throws {
        #expect(try source(of: "file:///var/feeds/nbd.xml").url.path == "/var/feeds/nbd.xml")
    }

    @Test func relativeFeedsYmlResolvesAgainstTheWorkingDirectory() throws {
        let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("sites/a/samples/nbd.xml")
        #expect(try source(of: "samples/nbd.xml", file: "sites/a/feeds.yml").url.path == expected.standardizedFileURL.path)
    }

    @Test func originalTextIsKeptBesideTheResolvedPath() throws {
        let config = try load(Example.withFeeds("  - title: A\n    url: ./samples/nbd.xml\n"), file: "/srv/site/feeds.yml")
        #expect(config.feeds.first?.url == "./samples/nbd.xml")
    }

    @Test(arguments: ["https://example.com/nbd/rss.xml", "http://example.com:8080/rss?x=1", "HTTPS://Example.com/feed"])
    func httpURLIsAWebSource(url: String) throws {
        #expect(try source(of: url) == .web(try #require(URL(string: url))))
    }

    @Test func fileNameWithADotIsStillAPath() throws {
        #expect(try source(of: "feed.xml").url.path == "/srv/site/feed.xml")
    }

    @Test func outputResolvesAgainstTheFolderOfFeedsYml() throws {
        let config = try load("site:\n  title: N\n  url: https://n.example.com\n  output: ../public\n", file: "/srv/site/feeds.yml")
        #expect(config.site.output.path == "/srv/public")
    }
}
