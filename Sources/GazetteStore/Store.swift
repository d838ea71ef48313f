import Foundation
internal import GRDB

/// Gazette's memory between runs: one SQLite file (`.gazette/state.sqlite` beside feeds.yml) with the
/// feeds' fetch state, every item ever seen, and a log of runs. One `DatabaseQueue` owns the file;
/// WAL journal; every write is one transaction, so a process killed at any moment leaves exactly
/// what was committed. Thread-safe: calls from many tasks are serialised by the queue.
public final class Store: Sendable {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue
    /// Fetch records waiting to share the writer's next transaction (Store+GroupCommit.swift).
    let pending = PendingWrites()
    /// Checkpoints the WAL beside the writer (Checkpointer.swift).
    let checkpointer: Checkpointer?

    /// Where the state lives for a feeds.yml: `.gazette/state.sqlite` in the same folder.
    public static func path(besideConfig configPath: String) -> String {
        URL(fileURLWithPath: configPath).deletingLastPathComponent()
            .appendingPathComponent(stateFolderName).appendingPathComponent("state.sqlite").path
    }

    /// The folder beside feeds.yml that holds the state file and the run lock.
    public static let stateFolderName = ".gazette"

    /// How long a write waits for another connection's write to finish before failing. Only
    /// `gazette list` or `check` reading during a run should ever meet one (and WAL lets readers
    /// through), so a few seconds is plenty.
    static let busyTimeout: TimeInterval = 10

    /// The page size of a new store. SQLite's default, 4 KiB, holds about one item (2.7 KB of JSON on
    /// average) per page, and SQLite writes each WAL frame with two system calls: a cold fetch of
    /// 400 feeds made 100,000 of them. At 16 KiB it is 25,000 for the same bytes, and the fetch used
    /// 0.10-0.15 s less CPU (`/tmp`-style A/B of 10 interleaved runs each; 32 KiB gained nothing more).
    static let pageSize = 16_384

    /// WAL bytes after which a commit checkpoints the WAL into the database file (when the
    /// background `Checkpointer` has not already). SQLite's default, 1000 pages (4 MB of 4 KiB
    /// pages), made a cold fetch of 400 feeds (60 MB of items) checkpoint about 95 times, each
    /// re-copying the index pages every feed's transaction touches again and fsyncing twice, all
    /// while holding the write lock: a fifth of the run. 64 MiB checkpoints a few times per such run
    /// and bounds the WAL file at about 64 MiB plus one transaction. How often the WAL is
    /// checkpointed changes no durability: a commit is in the WAL either way.
    static let walCheckpointBytes = 64 << 20

    /// The page cache of the connection, in KiB. SQLite's default, 2000 KiB, is smaller than the two
    /// indexes on random item keys and dates that every fetch inserts into (about 4 MB for 19,000
    /// items), so a cold fetch of 400 feeds re-read 175 MB of pages from the WAL; at 8 MiB it reads
    /// none of them again (`/proc/PID/io` rchar 290 → 110 MB, the rest being the checkpoints). Only
    /// pages actually read take memory.
    static let pageCacheKiB = 8192

    /// Opens (creating when missing, with its folder) the state database at `path` and brings its
    /// schema up to date. Reopening an up-to-date file changes nothing.
    /// - Throws: `StoreError.cannotCreateFolder`, `.cannotOpen`, `.newerSchema`, `.migrationFailed`.
    public static func open(path: String) throws(StoreError) -> Store {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try makeFolders(folder)
        } catch {
            throw .cannotCreateFolder(path: folder, cause: error)
        }
        var configuration = Configuration()
        // WAL: readers (`gazette list`) never block the run's writer, and a commit is one append.
        // GRDB pairs it with `synchronous = NORMAL`: a commit survives kill -9 (what issue 3 asks);
        // only a power cut may lose the last commits, never the file's consistency.
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "Gazette.Store"
        configuration.prepareDatabase { db in
            // Takes effect only when the file is created: an older store keeps its 4 KiB pages.
            try db.execute(sql: "PRAGMA page_size = \(pageSize)")
            let actualPageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(walCheckpointBytes / max(actualPageSize, 512))")
            try db.execute(sql: "PRAGMA cache_size = -\(pageCacheKiB)")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, cause: error)
        }
        let migrator = Store.migrator
        do {
            let unknown = try queue.read { db in
                try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
            }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: unknown) }
            try migrator.migrate(queue)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .cannotOpen(path: path, cause: error)
        } catch {
            throw .migrationFailed(path: path, cause: error)
        }
        // Without it, SQLite checkpoints on the writer as before: slower, never wrong.
        let checkpointer = try? Checkpointer(path: path, configuration: configuration)
        return Store(path: path, queue: queue, checkpointer: checkpointer)
    }

    private init(path: String, queue: DatabaseQueue, checkpointer: Checkpointer?) {
        (self.path, self.queue, self.checkpointer) = (path, queue, checkpointer)
    }

    /// Runs `body` in one write transaction: all of it is committed, or none of it.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .databaseError(path: path, operation: operation, cause: error)
        }
    }

    /// Runs `body` with a consistent read of the database.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .databaseError(path: path, operation: operation, cause: error)
        }
    }
}
