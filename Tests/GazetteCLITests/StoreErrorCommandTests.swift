import Foundation
import GazetteTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Permission errors as a user meets them. Root ignores file permissions, so as root (CI) gazette runs
/// as `nobody` through setpriv(1); as anyone else it runs as that user.
private let canDropToNobody = getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

private func runGazetteWithoutRoot(_ arguments: [String]) async throws -> CommandResult {
    guard getuid() == 0 else { return try await runGazette(arguments) }
    return try runTool("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", gazetteExecutable().path] + arguments)
}

@Suite(.serialized, .enabled(if: canDropToNobody)) struct StoreErrorCommandTests {
    @Test func aReadOnlyStateFolderIsNamedEvenWhenTheFileIsWritable() async throws {
        try await withLoopbackServer(["/a.xml": .feed(rss(items: 2, prefix: "a"))]) { server in
            let site = try TemporarySite(feeds: [server.url("/a.xml")])
            let first = try await runGazette(["run", "--config", site.config])
            #expect(first.status == 0, "\(first.stderr)")
            let state = site.folder.appendingPathComponent(".gazette").path
            for name in ["state.sqlite-wal", "state.sqlite-shm"] { try? FileManager.default.removeItem(atPath: state + "/" + name) }
            for name in ["state.sqlite", "lock"] { #expect(chmod(state + "/" + name, 0o666) == 0) }
            #expect(chmod(state, 0o555) == 0)
            defer { _ = chmod(state, 0o755) }

            let run = try await runGazetteWithoutRoot(["run", "--force", "--config", site.config])
            #expect(run.status == 1)
            #expect(run.stderr.hasPrefix("gazette: \(site.store): "), "\(run.stderr)")
            #expect(run.stderr.contains("needs write access to the folder \(state) as well as to the file"), "\(run.stderr)")
            #expect(!run.stderr.contains("check the file's permissions"))
        }
    }

    @Test func aStateFolderThatCannotBeCreatedIsAPlainSentence() async throws {
        let site = try TemporarySite(feeds: ["https://a.example.com/rss.xml"])
        #expect(chmod(site.folder.path, 0o555) == 0)
        defer { _ = chmod(site.folder.path, 0o755) }
        let run = try await runGazetteWithoutRoot(["run", "--config", site.config])
        #expect(run.status == 1)
        let state = site.folder.appendingPathComponent(".gazette").path
        #expect(run.stderr.contains("\(state): cannot create the folder for Gazette's state (\(state): Permission denied)"), "\(run.stderr)")
        #expect(run.stderr.contains("check that you may write to the folder that holds it, \(site.folder.path)"))
        #expect(!run.stderr.contains("Domain="))
    }
}
