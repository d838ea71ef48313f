import Foundation
import GazetteModel
import GazetteParse
import Testing

/// Every fixture with a golden `NAME.expected.json` beside it is parsed and its `parse --json` line
/// compared byte for byte. `GAZETTE_RECORD=1 swift test` rewrites the goldens and fails, so the
/// diff gets reviewed before it is committed.
struct GoldenFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The files of Fixtures/, not its subfolders (html/ and opml/ hold pages and subscription lists,
    /// which their own tests read).
    static func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
                && !isFolder.boolValue
        }
    }

    /// Fixtures that have a golden file, or all feed fixtures when recording.
    static func goldenFixtures() -> [String] {
        let names = (try? fileNames()) ?? []
        let recording = ProcessInfo.processInfo.environment["GAZETTE_RECORD"] == "1"
        return names.filter { name in
            guard !name.hasSuffix(".expected.json"), !name.hasPrefix("not-a-feed") else { return false }
            return recording || names.contains(name + ".expected.json")
        }.sorted()
    }

    @Test(arguments: goldenFixtures())
    func parsedJSONMatchesItsGoldenFile(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let options = ParseOptions(documentURL: "https://example.com/feeds/\(name)", timeZone: TimeZone(identifier: "UTC")!)
        let line = try FeedParser.parse(bytes, options: options).jsonLine() + "\n"
        let golden = Self.folder.appendingPathComponent(name + ".expected.json")
        if ProcessInfo.processInfo.environment["GAZETTE_RECORD"] == "1" {
            try line.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden.lastPathComponent); review the diff, then run without GAZETTE_RECORD")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(line == expected, "\(name): parse --json differs from \(golden.lastPathComponent)")
    }

    @Test func everyFeedFixtureHasAGoldenFile() throws {
        let names = try Self.fileNames()
        let feeds = names.filter { !$0.hasSuffix(".expected.json") && !$0.hasPrefix("not-a-feed") }
        let missing = feeds.filter { !names.contains($0 + ".expected.json") }
        #expect(missing.isEmpty, "fixtures without a golden file: \(missing); record with GAZETTE_RECORD=1")
    }
}
