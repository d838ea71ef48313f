import Foundation
import GazetteTestSupport
import Testing

/// A write killed between its temporary file and the rename (kill -9) leaves `.gazette-HEX.tmp` beside
/// its target; the next `run` or `build` removes those in every folder Gazette writes, and nothing else.
@Suite(.serialized) struct StaleTemporaryFileCommandTests {
    /// Where a killed write can leave one: every folder the build writes into.
    static let writtenFolders = ["output", "output/_posts", "output/feeds", "output/_layouts", "output/category", ".gazette"]

    func plant(in site: TemporarySite) throws -> (stale: [String], kept: [String]) {
        var stale: [String] = [], kept: [String] = []
        for (index, folder) in Self.writtenFolders.enumerated() {
            let path = site.folder.appendingPathComponent(folder).path
            stale.append(path + "/.gazette-\(String(0xdead_beef_0000 + index, radix: 16)).tmp")
            kept.append(path + "/.gazette-mine.tmp")   // not a name Gazette makes
        }
        // feeds.yml's own temporary files belong to `subscribe`, which works under another lock.
        kept.append(site.folder.appendingPathComponent(".feeds.yml.gazette-1a2b.tmp").path)
        kept.append(site.folder.appendingPathComponent(".gazette-1a2b.tmp").path)
        for path in stale + kept { try Data("half a post".utf8).write(to: URL(fileURLWithPath: path)) }
        return (stale, kept)
    }

    @Test(arguments: ["run", "build"])
    func theNextBuildRemovesStaleTemporaryFilesAndOnlyThose(command: String) async throws {
        try await withLoopbackServer(["/a.xml": .feed(rss(items: 2, prefix: "a"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/a.xml")])
            let first = try await runGazette(["run", "--config", site.config])
            #expect(first.status == 0, "\(first.stderr)")
            let (stale, kept) = try plant(in: site)

            let again = try await runGazette([command, "--verbose", "--config", site.config])
            #expect(again.status == 0, "\(again.stderr)")
            for path in stale {
                #expect(!FileManager.default.fileExists(atPath: path), "\(path) left behind")
                #expect(again.stderr.contains("removed \(path)"))
            }
            for path in kept { #expect(FileManager.default.fileExists(atPath: path), "\(path) removed") }
            let posts = try FileManager.default.contentsOfDirectory(atPath: site.folder.appendingPathComponent("output/_posts").path)
            #expect(posts.filter { $0.hasSuffix(".md") }.count == 2 && posts.count == 3, "\(posts)")
        }
    }
}
