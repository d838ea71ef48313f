import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// `ConfigLoader.load(path:)`: reads the file, and only reads it.
struct LoadFileTests {
    /// A fresh folder for one test, removed after it.
    func withTemporaryFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    @Test func fileLoadsAndItsPathsResolveBesideIt() throws {
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("feeds.yml")
            try Data(Example.withFeeds("  - title: A\n    url: samples/a.xml\n").utf8).write(to: file)
            let config = try ConfigLoader.load(path: file.path)
            #expect(config.feeds.first?.source.url.path == folder.appendingPathComponent("samples/a.xml").standardizedFileURL.path)
            #expect(config.site.output.path == folder.appendingPathComponent("output").standardizedFileURL.path)
        }
    }

    @Test func loadingCreatesNothing() throws {
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("feeds.yml")
            try Data(Example.withFeeds("  - title: A\n    url: samples/a.xml\n").utf8).write(to: file)
            _ = try ConfigLoader.load(path: file.path)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["feeds.yml"])
        }
    }

    @Test func missingFileSaysSo() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("nope.yml").path
            #expect(throws: ConfigError.unreadable(file: path, cause: "no such file")) { try ConfigLoader.load(path: path) }
        }
    }

    @Test func folderIsUnreadable() throws {
        try withTemporaryFolder { folder in
            #expect(throws: ConfigError.unreadable(file: folder.path, cause: "it is a folder")) { try ConfigLoader.load(path: folder.path) }
        }
    }

    @Test func nonUTF8FileIsRefused() throws {
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("feeds.yml")
            try Data([0x73, 0x69, 0x74, 0x65, 0x3A, 0x20, 0xC6, 0xE4]).write(to: file)   // "site: " + GBK bytes
            #expect(throws: ConfigError.notUTF8(file: file.path, at: FilePosition(file: file.path, line: 1, column: 7))) {
                try ConfigLoader.load(path: file.path)
            }
            do { _ = try ConfigLoader.load(path: file.path) } catch {
                #expect("\(error)" == "\(file.path):1:7: not UTF-8 text; save it as UTF-8 (a GBK or Big5 file: iconv -f GBK -t UTF-8)")
            }
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("feeds.yml")
            try Data([0xEF, 0xBB, 0xBF] + Array(Example.minimalSite.utf8)).write(to: file)
            #expect(try ConfigLoader.load(path: file.path).site.title == "News")
        }
    }

    @Test func errorsNameThePathAsGiven() throws {
        try withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("feeds.yml")
            try Data("site:\n  title: N\n".utf8).write(to: file)
            #expect(throws: ConfigError.missingKey("url", in: "site", at: FilePosition(file: file.path, line: 2, column: 3))) {
                try ConfigLoader.load(path: file.path)
            }
        }
    }
}
