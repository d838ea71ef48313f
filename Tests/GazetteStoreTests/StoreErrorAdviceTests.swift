import Foundation
import GRDB
import GazetteModel
import Testing
@testable import GazetteStore

/// Store errors advise by SQLite's primary result code, name the file, and never dump Foundation errors.
private func openError(_ path: String) -> StoreError? {
    do { _ = try Store.open(path: path); return nil } catch { return error }
}

@Test func garbageBytesAreADamagedStoreWithTheWayToRecoverAndWhatItCosts() throws {
    try withTemporaryFolder { folder in
        let path = folder.appendingPathComponent("state.sqlite").path
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: URL(fileURLWithPath: path))
        let error = try #require(openError(path))
        guard case .cannotOpen = error else { Issue.record("\(error)"); return }
        let text = "\(error)"
        #expect(text.hasPrefix(path + ": "))
        #expect(text.contains("\(path) is damaged") && text.contains("restore it from a backup") && text.contains("move it away"))
        #expect(text.contains("fetched again") && text.contains("may get a second post"))
        #expect(!text.contains("permissions"))
    }
}

@Test func aTruncatedStoreIsDamagedNotAPermissionProblem() throws {
    try withTemporaryFolder { folder in
        let path = folder.appendingPathComponent(".gazette/state.sqlite").path
        do {
            let store = try Store.open(path: path)
            try store.recordFetch(feedURL: nbdURL, outcome: parsed((1...300).map { sampleEntry($0) }), interval: minutes(30), now: t0)
            _ = try store.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(truncate(path, off_t(size / 2)) == 0)
        let text = "\(try #require(openError(path)))"
        #expect(text.hasPrefix(path + ": ") && text.contains("is damaged") && text.contains("restore it from a backup"), "\(text)")
    }
}

@Test func aFullDiskSaysSoInsteadOfBlamingPermissions() throws {
    try withStore { store, _ in
        // SQLite's own page limit gives the SQLITE_FULL a full disk gives, on a real file.
        try store.queue.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        #expect {
            try store.recordFetch(feedURL: nbdURL, outcome: parsed((1...200).map { sampleEntry($0) }), interval: minutes(30), now: t0)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(store.path + ": ") && text.contains("the disk holding \(store.path) is full: free some space")
                && !text.contains("read-only")
        }
    }
}

@Test(arguments: [(ResultCode.SQLITE_IOERR_SHORT_READ, "I/O error"), (.SQLITE_CANTOPEN, "write access to the folder"),
                  (.SQLITE_READONLY_DIRECTORY, "write access to the folder"), (.SQLITE_PERM, "write access to the folder"),
                  (.SQLITE_FULL, "is full"), (.SQLITE_NOTADB, "is damaged"), (.SQLITE_CORRUPT_INDEX, "is damaged")])
func theAdviceFollowsThePrimaryResultCode(code: ResultCode, advice: String) {
    let path = "/srv/finews/.gazette/state.sqlite"
    for error in [StoreError.cannotOpen(path: path, cause: DatabaseError(resultCode: code)),
                  .migrationFailed(path: path, cause: DatabaseError(resultCode: code)),
                  .databaseError(path: path, operation: "recording a fetch", cause: DatabaseError(resultCode: code))] {
        #expect("\(error)".hasPrefix(path + ": ") && "\(error)".contains(advice), "\(error)")
        if advice.contains("folder") { #expect("\(error)".contains("folder /srv/finews/.gazette as well as to the file")) }
    }
}

@Test func aFileWhereTheStateFolderShouldBeIsNamedInAPlainSentence() throws {
    try withTemporaryFolder { folder in
        let blocker = folder.appendingPathComponent(".gazette")
        try Data().write(to: blocker)
        for attempt in [{ _ = try Store.open(path: blocker.appendingPathComponent("state.sqlite").path) },
                        { _ = try RunLock.acquire(path: blocker.appendingPathComponent("lock").path) }] {
            #expect {
                try attempt()
            } throws: { error in
                guard case .cannotCreateFolder = error as? StoreError else { return false }
                let text = "\(error)"
                return text.hasPrefix(blocker.path + ": ") && text.contains("\(blocker.path) exists and is not a folder")
                    && text.contains("move away the file at \(blocker.path)") && !text.contains("Domain=")
            }
        }
    }
}

/// With a few KB left, SQLite fails making its `-shm` file with an I/O error, and the advice was to
/// check the disk's hardware. Needs root, to mount a tiny tmpfs (CI runs as root).
@Test(.enabled(if: geteuid() == 0, "mounting a tmpfs needs root"))
func aNearlyFullDiskIsNamedFullNotBroken() throws {
    try withTemporaryFolder { folder in
        let mountPoint = folder.appendingPathComponent("tiny").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        func tool(_ arguments: [String]) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard try tool(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint]) == 0 else {
            Issue.record("could not mount a tmpfs as root"); return
        }
        defer { _ = try? tool(["umount", mountPoint]) }
        let path = mountPoint + "/.gazette/state.sqlite"
        do { _ = try Store.open(path: path) }          // closed again: its -wal and -shm go with it
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        // Leave about 4 KB free.
        var filler = 0
        while true {
            var info = statvfs()
            guard statvfs(mountPoint, &info) == 0 else { break }
            let free = Int(info.f_bavail) * Int(info.f_frsize)
            guard free > 8192 else { break }
            let size = min(free - 4096, 16384)
            guard FileManager.default.createFile(atPath: mountPoint + "/filler\(filler)", contents: Data(count: size)) else { break }
            filler += 1
        }
        let error = try #require(openError(path))
        let text = "\(error)"
        #expect(text.contains("is full") && text.contains("free some space"), "\(text)")
        #expect(!text.contains("smartctl"), "\(text)")
    }
}
