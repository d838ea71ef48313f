import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// `FeedsFile.read` and `FeedsFile.save`: bytes in, bytes out, atomically.
struct FeedsFileSaveTests {
    /// A fresh folder for one test, removed after it.
    func withTemporaryFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-feedsfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder.path)
    }

    func permissions(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func readKeepsByteOrderMarkAndLineBreaks() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/feeds.yml"
            let raw: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("site:\r\n  title: 新闻\r\n".utf8)
            try Data(raw).write(to: URL(fileURLWithPath: path))
            #expect(bytes(try FeedsFile.read(path: path)) == raw)
        }
    }

    @Test func readRefusesWhatIsNotUTF8() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/feeds.yml"
            try Data([0x73, 0x3A, 0x20, 0xC6, 0xE4]).write(to: URL(fileURLWithPath: path))
            #expect(throws: ConfigError.notUTF8(file: path, at: FilePosition(file: path, line: 1, column: 4))) { try FeedsFile.read(path: path) }
            #expect(throws: ConfigError.unreadable(file: folder + "/nope.yml", cause: "no such file")) {
                try FeedsFile.read(path: folder + "/nope.yml")
            }
        }
    }

    @Test func saveReplacesTheFileKeepingItsPermissions() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/feeds.yml"
            try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
            let text = "\u{FEFF}site:\r\n  title: 新闻\r\n"
            try FeedsFile.save(text, to: path)
            #expect(bytes(try FeedsFile.read(path: path)) == bytes(text))
            #expect(try permissions(path) == 0o640)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["feeds.yml"])
        }
    }

    /// `subscribe` killed between writing its temporary file and renaming it left the file for ever.
    @Test func staleTemporaryFilesOfThisFileAreRemovedAndNothingElse() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/feeds.yml"
            try Data("site:\n".utf8).write(to: URL(fileURLWithPath: path))
            let stale = [".feeds.yml.gazette-1f2e3d4c5b6a7988.tmp", ".feeds.yml.gazette-a.tmp"]
            let kept = [".feeds.yml.gazette-XYZ.tmp", ".other.yml.gazette-1f.tmp", "feeds.yml.gazette-1f.tmp", ".feeds.yml.gazette-1f.tmp.bak"]
            for name in stale + kept { try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
            #expect(Set(FeedsFile.removeStaleTemporaryFiles(of: path)) == Set(stale))
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == Set(kept + ["feeds.yml"]))
        }
    }

    @Test func saveCreatesAMissingFile() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/feeds.yml"
            try FeedsFile.save("site:\n", to: path)
            #expect(try FeedsFile.read(path: path) == "site:\n")
        }
    }

    @Test func saveThroughASymbolicLinkKeepsTheLink() throws {
        try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: false)
            try Data("old\n".utf8).write(to: URL(fileURLWithPath: folder + "/real/feeds.yml"))
            try FileManager.default.createSymbolicLink(atPath: folder + "/feeds.yml", withDestinationPath: "real/feeds.yml")
            try FeedsFile.save("new\n", to: folder + "/feeds.yml")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/feeds.yml") == "real/feeds.yml")
            #expect(try FeedsFile.read(path: folder + "/real/feeds.yml") == "new\n")
        }
    }

    @Test func saveIntoAMissingFolderSaysSo() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/missing/feeds.yml"
            let error = configError { try FeedsFile.save("site:\n", to: path) }
            guard case let .unwritable(file, cause)? = error else { Issue.record("not refused: \(String(describing: error))"); return }
            #expect(file == path && cause.contains("No such file or directory"))
            #expect(error?.description.contains("the old file is unchanged") == true)
        }
    }

    @Test func saveOfAnEditedFileReadsBack() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/feeds.yml"
            try FeedsFile.save(Example.minimalSite, to: path)
            let edited = try FeedsFile.appending([NewFeedEntry(title: "A", url: "samples/a.xml")], to: try FeedsFile.read(path: path), file: path)
            try FeedsFile.save(edited, to: path)
            #expect(try ConfigLoader.load(path: path).feeds.first?.source.url.path == folder + "/samples/a.xml")
        }
    }
}
