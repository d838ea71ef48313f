import Foundation
import GRDB
import GazetteModel
import Testing
@testable import GazetteStore

@Test func openCreatesTheGazetteFolderAndRunsV1Once() throws {
    try withTemporaryFolder { folder in
        let path = Store.path(besideConfig: folder.appendingPathComponent("feeds.yml").path)
        #expect(path == folder.appendingPathComponent(".gazette/state.sqlite").path)
        let first = try Store.open(path: path)
        try first.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: t0)
        let migrations = try first.queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1-feeds-items-runs", "v2-content-hash-xxh64", "v3-sources-table", "v4-feeds-shared-ids"])

        // Reopening changes nothing: same migrations, same data.
        let second = try Store.open(path: path)
        let again = try second.queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(again == ["v1-feeds-items-runs", "v2-content-hash-xxh64", "v3-sources-table", "v4-feeds-shared-ids"])
        #expect(try second.itemCount() == 1)
        let tables = try second.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(tables == ["feeds", "grdb_migrations", "items", "runs", "sources"])
    }
}

@Test func aStoreFromBeforeTheFastContentHashIsRehashedAndSeesNoChange() throws {
    try withStore { store, _ in
        let entries = (1...3).map { sampleEntry($0) }
        try store.recordFetch(feedURL: nbdURL, outcome: parsed(entries), interval: minutes(30), now: t0)
        // Turn the file back into what v1 wrote: SHA-256 content hashes, no v2 migration applied.
        try store.queue.write { db in
            for row in try Row.fetchAll(db, sql: "SELECT key, entry_json FROM items") {
                let json: String = row["entry_json"]
                try db.execute(sql: "UPDATE items SET content_hash = ? WHERE key = ?", arguments: [SHA256.hex(json), row["key"]])
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-content-hash-xxh64'")
        }
        let upgraded = try Store.open(path: store.path)
        let hashes = try upgraded.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT entry_json, content_hash FROM items").map { row -> Bool in
                let json: String = row["entry_json"], hash: String = row["content_hash"]
                return hash == ContentHash.hex(json)
            }
        }
        #expect(hashes == [true, true, true])
        let counts = try upgraded.recordFetch(feedURL: nbdURL, outcome: parsed(entries + [sampleEntry(4)]),
                                              interval: minutes(30), now: t0.addingTimeInterval(60))
        #expect(counts == FetchCounts(new: 1, changed: 0, unchanged: 3))
    }
}

@Test func theDatabaseIsInWALMode() throws {
    try withStore { store, _ in
        let mode = try store.queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        #expect(FileManager.default.fileExists(atPath: store.path + "-wal"))
        // A second connection sees WAL too: the mode is stored in the file.
        let raw = try DatabaseQueue(path: store.path)
        #expect(try raw.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }
}

@Test func aFileFromANewerGazetteIsRefusedNamingTheMigration() throws {
    try withStore { store, _ in
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        #expect {
            _ = try Store.open(path: store.path)
        } throws: { error in
            guard case .newerSchema = error as? StoreError else { return false }
            return "\(error)".contains("v9-from-the-future") && "\(error)".contains("upgrade gazette")
        }
    }
}

@Test func anUnwritableFolderIsReportedWithTheFolder() throws {
    try withTemporaryFolder { folder in
        // A file where the .gazette folder should be.
        let blocker = folder.appendingPathComponent(".gazette")
        try Data().write(to: blocker)
        #expect {
            _ = try Store.open(path: blocker.appendingPathComponent("state.sqlite").path)
        } throws: { error in
            guard case .cannotCreateFolder = error as? StoreError else { return false }
            return "\(error)".hasPrefix(blocker.path)
        }
    }
}

@Test func aNewStoreHas16KiBPagesAndAnOlderOneKeepsItsOwn() throws {
    try withTemporaryFolder { folder in
        let fresh = folder.appendingPathComponent("new/state.sqlite").path
        let store = try Store.open(path: fresh)
        let (pageSize, checkpointPages) = try store.queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_size"), try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"))
        }
        #expect(pageSize == 16_384)
        #expect(checkpointPages == 4_096) // 64 MiB of 16 KiB pages

        // A store SQLite made with 4 KiB pages (as Gazette did before) keeps them, and its WAL the same 64 MiB bound.
        let older = folder.appendingPathComponent("old/state.sqlite").path
        try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("old").path, withIntermediateDirectories: true)
        let raw = try DatabaseQueue(path: older)
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            try db.execute(sql: "CREATE TABLE t(x)")
        }
        try raw.close()
        let reopened = try Store.open(path: older)
        let (oldPageSize, oldCheckpointPages) = try reopened.queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_size"), try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"))
        }
        #expect(oldPageSize == 4_096)
        #expect(oldCheckpointPages == 16_384)
        try reopened.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: t0)
        #expect(try reopened.itemCount() == 1)
    }
}

@Test func aStoreWithASourcePerItemGetsOneSourcesRowPerDistinctSourceAndReadsTheSame() throws {
    try withTemporaryFolder { folder in
        let path = folder.appendingPathComponent("state.sqlite").path
        // What v2 wrote: each item's source_json in its own row.
        let raw = try DatabaseQueue(path: path)
        try Store.migrator.migrate(raw, upTo: "v2-content-hash-xxh64")
        let oldInfo = sampleFeed([], updated: t0).info, newInfo = sampleFeed([], updated: t0.addingTimeInterval(3600)).info
        let rows: [(Int, FeedInfo)] = [(1, oldInfo), (2, oldInfo), (3, newInfo)]
        try raw.write { db in
            try db.execute(sql: "INSERT INTO feeds (url, key_url) VALUES (?, ?)", arguments: [nbdURL, nbdURL])
            for (n, info) in rows {
                let entry = sampleEntry(n)
                try db.execute(sql: """
                    INSERT INTO items (key, feed_url, first_seen, last_changed, sort_date, content_hash, entry_json, source_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: ["k\(n)", nbdURL, t0, t0, t0, ContentHash.hex(entry.storedJSON()), entry.storedJSON(),
                                     info.storedJSON()])
            }
        }
        try raw.close()

        let store = try Store.open(path: path)
        let (sources, columns) = try store.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM sources"),
             try Row.fetchAll(db, sql: "PRAGMA table_info(items)").map { $0["name"] as String })
        }
        #expect(sources == 2)
        #expect(!columns.contains("source_json") && columns.contains("source_id"))
        for (n, info) in rows {
            let item = try store.item(key: "k\(n)")
            #expect(item?.source == info)
            #expect(item?.entry == sampleEntry(n))
        }
    }
}

@Test func itemsOfOneFeedShareOneSourcesRowUntilTheFeedsMetadataChanges() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed((1...3).map { sampleEntry($0) }), interval: 60, now: t0)
        // New metadata (a later <lastBuildDate>) with one new item: a second row, for that item only.
        try store.recordFetch(feedURL: nbdURL, outcome: parsed((1...4).map { sampleEntry($0) }, updated: t0.addingTimeInterval(60)),
                              interval: 60, now: t0.addingTimeInterval(60))
        let (sources, perItem) = try store.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM sources"),
             try Int.fetchAll(db, sql: "SELECT source_id FROM items ORDER BY first_seen, key"))
        }
        #expect(sources == 2)
        #expect(Set(perItem.prefix(3)).count == 1 && perItem[3] != perItem[0])
        #expect(try store.allItems().first { $0.entry == sampleEntry(4) }?.source.updated == t0.addingTimeInterval(60))
    }
}
