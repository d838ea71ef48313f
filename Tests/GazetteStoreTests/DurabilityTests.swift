import Foundation
import GRDB
import GazetteModel
import Testing
@testable import GazetteStore

@Test func aCommittedFetchIsThereForTheNextProcessToOpen() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed((1...3).map { sampleEntry($0) }), interval: 60, now: t0)
        let next = try Store.open(path: store.path)
        #expect(try next.allItems() == store.allItems())
        #expect(try next.feedState(url: nbdURL) == store.feedState(url: nbdURL))
        // And a second run over the same feed duplicates nothing.
        let counts = try next.recordFetch(feedURL: nbdURL, outcome: parsed((1...3).map { sampleEntry($0) }), interval: 60, now: t0)
        #expect(counts == FetchCounts(new: 0, changed: 0, unchanged: 3))
    }
}

@Test func anAbandonedTransactionLeavesNoTraceForTheNextOpen() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: 60, now: t0)
        // Another connection starts a write and never commits (as a process killed mid-run would).
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        var dying: DatabaseQueue? = try DatabaseQueue(path: store.path, configuration: configuration)
        try dying?.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "DELETE FROM items")
            try db.execute(sql: "UPDATE feeds SET etag = 'half-written'")
        }
        // While it hangs open, another reader sees only what was committed.
        let reader = try Store.open(path: store.path)
        #expect(try reader.itemCount() == 1 && reader.feedState(url: nbdURL)?.validators.etag == "\"v1\"")
        try dying?.close()
        dying = nil

        let next = try Store.open(path: store.path)
        #expect(try next.itemCount() == 1)
        #expect(try next.feedState(url: nbdURL)?.validators.etag == "\"v1\"")
        let counts = try next.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(2)]), interval: 60, now: t0)
        #expect(counts == FetchCounts(new: 1, changed: 0, unchanged: 1))
    }
}

private let sqlite3 = "/usr/bin/sqlite3"

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: sqlite3), "needs Debian's sqlite3 to play the killed process"))
func aProcessKilledInsideAWriteLosesOnlyItsOwnUncommittedWork() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: 60, now: t0)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: sqlite3)
        child.arguments = [store.path]
        let input = Pipe(), output = Pipe()
        child.standardInput = input
        child.standardOutput = output
        try child.run()
        // Enough rows to spill uncommitted pages into the WAL, then a line saying it got there.
        let script = """
            BEGIN IMMEDIATE;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
            INSERT INTO items (key, feed_url, first_seen, last_changed, sort_date, content_hash, entry_json, source_id)
            SELECT 'junk' || i, '\(nbdURL)', '2022-05-12 00:00:00.000', '2022-05-12 00:00:00.000', '2022-05-12 00:00:00.000',
                   'h', printf('%.*c', 500, 'x'), 1 FROM n;
            SELECT 'inside';

            """
        input.fileHandleForWriting.write(Data(script.utf8))
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("inside") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        #expect(String(decoding: seen, as: UTF8.self).contains("inside"))
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)

        let next = try Store.open(path: store.path)
        #expect(try next.itemCount() == 1)
        let check = try next.queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
        #expect(try next.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: 60, now: t0) == FetchCounts(unchanged: 1))
    }
}
