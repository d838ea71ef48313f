public import Foundation
internal import GRDB

extension Store {
    /// Records that a run started at `now` in this process.
    /// - Returns: the run's id, for `endRun`.
    public func beginRun(now: Date) throws(StoreError) -> Int64 {
        try write("recording the start of a run") { db in
            try db.execute(sql: "INSERT INTO runs (started, pid) VALUES (?, ?)",
                           arguments: [now, Int64(ProcessInfo.processInfo.processIdentifier)])
            return db.lastInsertedRowID
        }
    }

    /// Records that run `id` ended at `now`, with its tallies and one line per error.
    public func endRun(_ id: Int64, counts: RunCounts, errors: [String], now: Date) throws(StoreError) {
        let errorsJSON: String
        do {
            errorsJSON = try StoredJSON.text(of: errors)
        } catch {
            throw .databaseError(path: path, operation: "encoding the errors of run \(id)", cause: error)
        }
        try write("recording the end of run \(id)") { db in
            try db.execute(sql: """
                UPDATE runs SET ended = ?, feeds_fetched = ?, feeds_not_modified = ?, feeds_failed = ?, items_new = ?,
                    items_changed = ?, posts_new = ?, posts_updated = ?, atom_files_written = ?, errors_json = ?
                WHERE id = ?
                """, arguments: [now, counts.feedsFetched, counts.feedsNotModified, counts.feedsFailed, counts.itemsNew,
                                 counts.itemsChanged, counts.postsNew, counts.postsUpdated, counts.atomFilesWritten,
                                 errorsJSON, id])
        }
    }

    /// The latest runs, newest first (`limit` of them; nil: all).
    public func runs(limit: Int? = nil) throws(StoreError) -> [RunRecord] {
        try read("reading the runs") { db in
            try Self.fetchRuns(db, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT ?", arguments: [limit ?? -1])
        }
    }

    /// The latest run that reached `endRun`: its start is where the next incremental build looks
    /// from (`items(changedSince:)`).
    public func lastFinishedRun() throws(StoreError) -> RunRecord? {
        try read("reading the last run") { db in
            try Self.fetchRuns(db, sql: "SELECT * FROM runs WHERE ended IS NOT NULL ORDER BY id DESC LIMIT 1", arguments: []).first
        }
    }

    private static func fetchRuns(_ db: Database, sql: String, arguments: StatementArguments) throws -> [RunRecord] {
        let decoder = StoredJSON.makeDecoder()
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let errorsJSON: String = try row.decode(forColumn: "errors_json")
            let pid: Int64 = try row.decode(forColumn: "pid")
            return RunRecord(
                id: try row.decode(forColumn: "id"),
                started: try row.decode(forColumn: "started"),
                ended: try row.decode(forColumn: "ended"),
                pid: Int32(truncatingIfNeeded: pid),
                counts: RunCounts(
                    feedsFetched: try row.decode(forColumn: "feeds_fetched"),
                    feedsNotModified: try row.decode(forColumn: "feeds_not_modified"),
                    feedsFailed: try row.decode(forColumn: "feeds_failed"),
                    itemsNew: try row.decode(forColumn: "items_new"),
                    itemsChanged: try row.decode(forColumn: "items_changed"),
                    postsNew: try row.decode(forColumn: "posts_new"),
                    postsUpdated: try row.decode(forColumn: "posts_updated"),
                    atomFilesWritten: try row.decode(forColumn: "atom_files_written")),
                errors: try decoder.decode([String].self, from: Data(errorsJSON.utf8)))
        }
    }
}
