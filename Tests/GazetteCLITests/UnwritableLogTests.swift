import Foundation
import GazetteTestSupport
import Testing

/// Under cron, stderr may be a full disk or closed. A warning that cannot be written is lost, never
/// the run: `FileHandle.write` trapped (SIGILL, exit 132) before anything was published.
@Suite(.serialized) struct UnwritableLogTests {
    func run(_ arguments: [String], stderr: FileHandle?) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = gazetteExecutable()
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ["/dev/full", "closed"])
    func aRunWithAFailingFeedPublishesWhenStderrCannotBeWritten(stderr: String) async throws {
        try await withLoopbackServer(["/good.xml": .feed(rss(items: 2, prefix: "g"))]) { server in
            // The second feed fails (404), so the run has a warning to write.
            let site = try TemporarySite(feeds: [server.url("/good.xml"), server.url("/missing.xml")])
            let handle: FileHandle
            if stderr == "closed" {
                let pipe = Pipe()
                try pipe.fileHandleForReading.close()      // writes get EPIPE (SIGPIPE is ignored)
                handle = pipe.fileHandleForWriting
            } else {
                handle = try #require(FileHandle(forWritingAtPath: stderr))
            }
            let result = try run(["run", "--config", site.config], stderr: handle)
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("1 failed") && result.stdout.contains("posts 2 new"), "\(result.stdout)")
            let posts = try FileManager.default.contentsOfDirectory(atPath: site.folder.appendingPathComponent("output/_posts").path)
            #expect(posts.count == 2)
        }
    }
}
