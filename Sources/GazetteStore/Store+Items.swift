public import Foundation
public import GazetteModel
internal import GRDB

extension Store {
    /// The item with this key, or nil.
    public func item(key: String) throws(StoreError) -> StoredItem? {
        try read("reading item \(key)") { db in
            try fetchItems(db, sql: "SELECT \(StoredItem.columns) FROM items WHERE key = ?", arguments: [key]).first
        }
    }

    /// Items of every feed, newest `date` first (ties: most recently first seen, then by key, so the
    /// order is the same on every call). `limit` nil: all of them; `offset` skips that many, for
    /// reading a large archive in pages.
    public func allItems(limit: Int? = nil, offset: Int = 0) throws(StoreError) -> [StoredItem] {
        try read("reading the items") { db in
            try fetchItems(db, sql: "SELECT \(StoredItem.columns) FROM items \(Self.newestFirst) LIMIT ? OFFSET ?",
                           arguments: [limit ?? -1, offset])
        }
    }

    /// Items of the feeds `feedURLs` (a category's feeds, as feeds.yml groups them), newest first as
    /// in `allItems`. `limit` nil: all of them.
    public func items(fromFeeds feedURLs: [String], limit: Int? = nil) throws(StoreError) -> [StoredItem] {
        guard !feedURLs.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: feedURLs.count).joined(separator: ", ")
        return try read("reading the items of \(feedURLs.count) feeds") { db in
            try fetchItems(db, sql: """
                SELECT \(StoredItem.columns) FROM items WHERE feed_url IN (\(marks)) \(Self.newestFirst) LIMIT ?
                """, arguments: StatementArguments(feedURLs + [limit ?? -1] as [any DatabaseValueConvertible]))
        }
    }

    /// Items new or changed at or after `date` (inclusive: an item changed in the same millisecond
    /// as `date` is returned, as rewriting one twice costs nothing and missing one would), newest
    /// first. Writers pass the start of the last run they completed.
    public func items(changedSince date: Date) throws(StoreError) -> [StoredItem] {
        try read("reading the items changed since \(rfc3339UTC(date))") { db in
            // Without INDEXED BY, SQLite walks items_by_date for the ORDER BY and reads every row to test
            // last_changed: all 50,000 items (200 MB) for the 100 of an incremental run (perf, bench/build.sh).
            try fetchItems(db, sql: """
                SELECT \(StoredItem.columns) FROM items INDEXED BY items_by_change WHERE last_changed >= ? \(Self.newestFirst)
                """, arguments: [date])
        }
    }

    /// How many items the store holds.
    public func itemCount() throws(StoreError) -> Int {
        try read("counting the items") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM items") ?? 0 }
    }

    /// Gives the item its post file name for ever: the first assignment sticks, and a later call
    /// returns it unchanged whatever `fileName` it passes (an updated item rewrites the same file,
    /// even when its new title would make another slug).
    /// - Returns: the item's post file name, the one just assigned or the one it already had.
    /// - Throws: `StoreError.unknownItem`; `.postFileTaken` when another item owns `fileName`
    ///   (the writer then tries the name with a suffix).
    @discardableResult
    public func assignPostFile(itemKey key: String, fileName: String) throws(StoreError) -> String {
        try assignOnce(column: "post_file", itemKey: key, value: fileName) { owner in
            .postFileTaken(path: path, fileName: fileName, ownerKey: owner)
        }
    }

    /// Gives the item its Atom entry id for ever, as `assignPostFile` does its file name: an Atom id
    /// never changes once published (RFC 4287 §4.2.6).
    /// - Returns: the item's Atom id, the one just assigned or the one it already had.
    /// - Throws: `StoreError.unknownItem`; `.atomIDTaken` when another item owns `atomID`.
    @discardableResult
    public func assignAtomID(itemKey key: String, atomID: String) throws(StoreError) -> String {
        try assignOnce(column: "atom_id", itemKey: key, value: atomID) { owner in
            .atomIDTaken(path: path, atomID: atomID, ownerKey: owner)
        }
    }

    /// `assignPostFile` for many items in ONE transaction (a transaction per item made the first
    /// build of 50,000 posts take 100 s of fsyncs). Each item gets the first of its `candidates` no
    /// other item owns; an item that has a name keeps it.
    /// - Returns: every item's post file name by key.
    /// - Throws: `StoreError.unknownItem`; `.postFileTaken` when every candidate is owned by others.
    public func assignPostFiles(_ wanted: [(key: String, candidates: [String])]) throws(StoreError) -> [String: String] {
        try assignMany(column: "post_file", wanted) { value, owner in
            .postFileTaken(path: path, fileName: value, ownerKey: owner)
        }
    }

    /// `assignAtomID` for many items in one transaction.
    /// - Returns: every item's Atom id by key.
    public func assignAtomIDs(_ wanted: [(key: String, atomID: String)]) throws(StoreError) -> [String: String] {
        try assignMany(column: "atom_id", wanted.map { ($0.key, [$0.atomID]) }) { value, owner in
            .atomIDTaken(path: path, atomID: value, ownerKey: owner)
        }
    }

    private func assignMany(column: String, _ wanted: [(key: String, candidates: [String])],
                            taken: (String, String) -> StoreError) throws(StoreError) -> [String: String] {
        guard !wanted.isEmpty else { return [:] }
        return try write("assigning \(column) to \(wanted.count) items") { db in
            var assigned: [String: String] = [:]
            // Three statements per item, each compiled once: compiling them anew for each of 50,000
            // items was 3 s of a first build (perf, bench/build.sh).
            let currentValue = try db.cachedStatement(sql: "SELECT \(column) FROM items WHERE key = ?")
            let ownerOfValue = try db.cachedStatement(sql: "SELECT key FROM items WHERE \(column) = ?")
            let update = try db.cachedStatement(sql: "UPDATE items SET \(column) = ? WHERE key = ?")
            for (key, candidates) in wanted {
                guard let row = try Row.fetchOne(currentValue, arguments: [key]) else {
                    throw StoreError.unknownItem(path: path, key: key)
                }
                if let current: String = try row.decode(forColumn: column) { assigned[key] = current; continue }
                var lastOwner = ""
                for value in candidates {
                    if let owner = try String.fetchOne(ownerOfValue, arguments: [value]) {
                        lastOwner = owner
                        continue
                    }
                    try update.execute(arguments: [value, key])
                    assigned[key] = value
                    break
                }
                if assigned[key] == nil { throw taken(candidates.last ?? "", lastOwner) }
            }
            return assigned
        }
    }

    /// Sets `column` of item `key` to `value` unless it is set already; returns what it holds.
    private func assignOnce(column: String, itemKey key: String, value: String,
                            taken: (String) -> StoreError) throws(StoreError) -> String {
        try write("assigning \(column) \(value) to item \(key)") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(column) FROM items WHERE key = ?", arguments: [key]) else {
                throw StoreError.unknownItem(path: path, key: key)
            }
            if let current: String = try row.decode(forColumn: column) { return current }
            if let owner = try String.fetchOne(db, sql: "SELECT key FROM items WHERE \(column) = ?", arguments: [value]) {
                throw taken(owner)
            }
            try db.execute(sql: "UPDATE items SET \(column) = ? WHERE key = ?", arguments: [value, key])
            return value
        }
    }

    /// The one order every item list uses.
    static let newestFirst = "ORDER BY sort_date DESC, first_seen DESC, key"

    /// Runs an item query; an item whose JSON does not decode is `StoreError.unreadableItem`.
    private func fetchItems(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StoredItem] {
        let decoder = StoredJSON.makeDecoder()
        var items: [StoredItem] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            do {
                items.append(try StoredItem(row: row, decoder: decoder))
            } catch let error as DecodingError {
                throw StoreError.unreadableItem(path: path, key: (try? row.decode(forColumn: "key")) ?? "?", cause: error)
            }
        }
        return items
    }
}

extension Store {
    /// How many items the store holds for each feed, by the feed's URL as feeds.yml names it
    /// (`gazette list`); a feed with none is absent.
    public func itemCountsByFeed() throws(StoreError) -> [String: Int] {
        try read("counting the items of each feed") { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT feed_url, count(*) AS n FROM items GROUP BY feed_url") {
                counts[row["feed_url"]] = row["n"]
            }
            return counts
        }
    }
}
