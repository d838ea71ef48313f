import Foundation
import Testing
@testable import GazettePublish

/// A fresh folder under the system's temporary directory.
private func freshFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-stale-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Test func everyTemporaryNameAWriteMakesIsOneTheCleanupKnows() {
    for _ in 0..<2_000 { #expect(isTemporaryName(temporaryName())) }
}

@Test func onlyRegularFilesNamedExactlyLikeAWritesTemporaryFileAreRemoved() throws {
    let folder = try freshFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let stale = [".gazette-0.tmp", ".gazette-1a2b3c.tmp", ".gazette-ffffffffffffffff.tmp"]
    let others = [
        ".gazette-.tmp", ".gazette-12345678901234567.tmp", ".gazette-ABC.tmp", ".gazette-notes.tmp",
        "gazette-1a.tmp", ".gazette-1a.tmp.md", ".gazette-1a.TMP", ".feeds.yml.gazette-1a.tmp",
        "2022-05-12-a.md", ".index.html.tmp",
    ]
    for name in stale + others { try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
    // A folder and a symbolic link with a temporary file's name are not Gazette's leftovers.
    try FileManager.default.createDirectory(atPath: folder + "/.gazette-2b.tmp", withIntermediateDirectories: false)
    try FileManager.default.createSymbolicLink(atPath: folder + "/.gazette-3c.tmp", withDestinationPath: folder + "/2022-05-12-a.md")

    let removed = removeStaleTemporaryFiles(in: folder)
    #expect(Set(removed) == Set(stale.map { folder + "/" + $0 }))
    let left = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(Set(left) == Set(others + [".gazette-2b.tmp", ".gazette-3c.tmp"]))
    #expect(removeStaleTemporaryFiles(in: folder).isEmpty)
    #expect(removeStaleTemporaryFiles(in: folder + "/missing").isEmpty)
}

/// A folder that cannot be made is explained in plain words, not with Foundation's
/// `NSCocoaErrorDomain … UserInfo={…}` dump.
@Test func aFolderThatCannotBeMadeIsExplainedInPlainWords() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-notafolder-\(UUID().uuidString)")
    try Data("x".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    do {
        _ = try writeIfChanged(Array("post".utf8), root: file.path + "/output", relative: "_posts/a.md")
        Issue.record("writing under a file succeeded")
    } catch {
        #expect(error.description.contains("\(file.path) is a file, not a folder"), "\(error.description)")
        #expect(!error.description.contains("NSCocoaErrorDomain"))
    }
}

/// A failed write names the file being written (not its temporary file) and advises by errno: a full
/// disk needs space, not permissions.
@Test func aFailedWriteAdvisesByItsCause() {
    let full = PublishError.system(path: "output/_posts/a.md", call: "write", errno: ENOSPC).description
    #expect(full == "output/_posts/a.md: write failed: No space left on device; the disk (or quota) holding it is full: free space and run again; no file was left half-written, and the next run writes what is missing")
    #expect(PublishError.system(path: "p", call: "open", errno: EACCES).description.contains("give its user write access"))
    #expect(PublishError.system(path: "p", call: "open", errno: EROFS).description.contains("read-only"))
}

/// A folder of many posts: the cleanup read each directory entry by copying the whole
/// `struct dirent`, past the short record readdir(3) returns, and a build of 50,000 posts crashed
/// (SIGSEGV) when a record ended its buffer at an unmapped page. Names of every length, many times.
@Test func aFolderOfManyFilesWithNamesOfEveryLengthIsCleanedUp() throws {
    let folder = try freshFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var stale: Set<String> = []
    for index in 0..<3_000 {
        let length = 1 + index % 200
        let name = "p" + String(repeating: "x", count: length) + "\(index).md"
        FileManager.default.createFile(atPath: folder + "/" + name, contents: nil)
        if index % 100 == 0 {
            let temp = ".gazette-\(String(index, radix: 16)).tmp"
            FileManager.default.createFile(atPath: folder + "/" + temp, contents: nil)
            stale.insert(folder + "/" + temp)
        }
    }
    #expect(Set(removeStaleTemporaryFiles(in: folder)) == stale)
    for _ in 0..<20 { #expect(removeStaleTemporaryFiles(in: folder).isEmpty) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 3_000)
}
