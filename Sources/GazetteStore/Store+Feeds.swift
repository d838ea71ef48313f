public import Foundation
public import GazetteModel
internal import GRDB

extension Store {
    /// What the store remembers of the feed feeds.yml names `url` (or of the feed whose permanent
    /// redirect ended at `url`, before the rename on its next fetch); nil for a feed never recorded.
    public func feedState(url: String) throws(StoreError) -> FeedState? {
        try read("reading the state of \(url)") { db in
            let decoder = StoredJSON.makeDecoder()
            return try Self.feedRow(db, url: url).map { try FeedState(row: $0, decoder: decoder) }
        }
    }

    /// Every feed the store has recorded, by URL.
    public func allFeedStates() throws(StoreError) -> [FeedState] {
        try read("reading the feeds") { db in
            let decoder = StoredJSON.makeDecoder()
            return try Row.fetchAll(db, sql: "SELECT * FROM feeds ORDER BY url").map { try FeedState(row: $0, decoder: decoder) }
        }
    }

    /// The feeds among `urls` to fetch at `now`, in the order given: those never recorded, and those
    /// neither disabled (410) nor waiting (interval, backoff, Retry-After). `--force` skips this call.
    public func dueFeeds(urls: [String], now: Date) throws(StoreError) -> [String] {
        try read("choosing the feeds due") { db in
            let decoder = StoredJSON.makeDecoder()
            return try urls.filter { url in
                try Self.feedRow(db, url: url).map { try FeedState(row: $0, decoder: decoder).isDue(at: now) } ?? true
            }
        }
    }

    /// Records a successful fetch of `feedURL` and, for a parsed feed, its items, all in ONE
    /// transaction: the feed's new validators, status and next due time (`now + interval`, the
    /// failure count reset, a 410 disable lifted) commit together with every new and changed item,
    /// or nothing does. An item is new when its key is unknown; changed when its content hash (of its
    /// stored JSON) differs, and then its entry, source, date and `lastChanged` are replaced while its
    /// key, first-seen time, post file and Atom id stay. An entry repeating an earlier entry's key in
    /// the same feed is skipped (the first wins). Items absent from the feed are kept.
    /// - Parameters:
    ///   - feedURL: the feed's URL as feeds.yml names it.
    ///   - interval: seconds until the feed is due again.
    ///   - now: the time of the fetch.
    /// - Returns: how many items were new, changed and unchanged (all 0 for a 304).
    @discardableResult
    public func recordFetch(feedURL: String, outcome: FetchOutcome, interval: TimeInterval,
                            now: Date) throws(StoreError) -> FetchCounts {
        try recordFetch(feedURL: feedURL, outcome: outcome, interval: interval, now: now, beforeCommit: nil)
    }

    /// `recordFetch` for callers on Swift concurrency's cooperative pool (the fetch pipeline): the
    /// items are encoded and hashed on the calling task, then the writes run on the store's writer
    /// queue while the task is suspended, so the thread goes on parsing other feeds instead of
    /// waiting for the write lock. Records waiting there meanwhile share one transaction (group
    /// commit, Store+GroupCommit.swift): the feed's row and all its items still commit together or
    /// not at all, as with the synchronous `recordFetch`, and the call returns once they have.
    @discardableResult
    public func recordFetch(feedURL: String, outcome: FetchOutcome, interval: TimeInterval,
                            now: Date) async throws(StoreError) -> FetchCounts {
        switch outcome {
        case let .parsed(feed, validators, status):
            let encoded = EncodedFeed(feed, keyURL: feedURL)
            return try await groupedWrite("recording the fetch of \(feedURL)", weight: max(1, encoded.items.count)) { db in
                try Self.recordParsed(db, feedURL: feedURL, encoded: encoded, validators: validators, status: status,
                                      interval: interval, now: now)
            }
        case let .notModified(validators):
            return try await groupedWrite("recording the fetch of \(feedURL)") { db in
                try Self.recordNotModified(db, feedURL: feedURL, validators: validators, interval: interval, now: now)
                return FetchCounts()
            }
        }
    }

    /// `recordFetch`, with `beforeCommit` run inside the transaction after every write: the tests
    /// throw from it to prove that a failure leaves nothing half-written.
    func recordFetch(feedURL: String, outcome: FetchOutcome, interval: TimeInterval, now: Date,
                     beforeCommit: ((Database) throws -> Void)?) throws(StoreError) -> FetchCounts {
        switch outcome {
        case let .parsed(feed, validators, status):
            // Encoded before the transaction, so that callers on several threads encode in parallel.
            let encoded = EncodedFeed(feed, keyURL: feedURL)
            return try write("recording the fetch of \(feedURL)") { db in
                let counts = try Self.recordParsed(db, feedURL: feedURL, encoded: encoded, validators: validators,
                                                   status: status, interval: interval, now: now)
                try beforeCommit?(db)
                return counts
            }
        case let .notModified(validators):
            try write("recording the fetch of \(feedURL)") { db in
                try Self.recordNotModified(db, feedURL: feedURL, validators: validators, interval: interval, now: now)
                try beforeCommit?(db)
            }
            return FetchCounts()
        }
    }

    /// The writes of a 304, inside the caller's transaction.
    private static func recordNotModified(_ db: Database, feedURL: String, validators: Validators,
                                          interval: TimeInterval, now: Date) throws {
        _ = try ensureFeed(db, url: feedURL)
        try db.execute(sql: """
            UPDATE feeds SET etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),
                last_status = 304, last_error = NULL, consecutive_failures = 0, next_due = ?,
                disabled_reason = NULL, last_attempt = ?, last_success = ?
            WHERE url = ?
            """, arguments: [validators.etag, validators.lastModified, now.addingTimeInterval(interval),
                             now, now, feedURL])
    }

    /// The writes of a parsed feed, inside the caller's transaction: new items inserted, changed
    /// ones updated, the feed's row brought up to date.
    private static func recordParsed(_ db: Database, feedURL: String, encoded: EncodedFeed, validators: Validators,
                                     status: Int?, interval: TimeInterval, now: Date) throws -> FetchCounts {
        let keyURL = try ensureFeed(db, url: feedURL)
        // Formatted once: GRDB turns each Date argument into text with a DateFormatter.
        let nowValue = now.storageValue
        var counts = FetchCounts()
        var keys = Set<String>()
        // The `sources` row of this feed's metadata, found (or made) for the first new or changed item.
        var sourceID: Int64?
        func source() throws -> Int64 {
            if let sourceID { return sourceID }
            try db.cachedStatement(sql: "INSERT INTO sources (json) VALUES (?) ON CONFLICT (json) DO NOTHING")
                .execute(arguments: [encoded.source])
            guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM sources WHERE json = ?"),
                                              arguments: [encoded.source])
            else { throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "the sources row just written is not there") }
            sourceID = id
            return id
        }
        var sharedIDs = try Bool.fetchOne(db.cachedStatement(sql: "SELECT shared_ids FROM feeds WHERE url = ?"),
                                          arguments: [feedURL]) ?? false
        if encoded.hasSharedIDs, !sharedIDs {
            try db.execute(sql: "UPDATE feeds SET shared_ids = 1 WHERE url = ?", arguments: [feedURL])
            sharedIDs = true
        }
        for item in encoded.items {
            let primary = encoded.key(of: item, keyURL: keyURL)
            let key = try sharedIDs ? resolvedKey(db, item: item, primary: primary,
                                                  shared: encoded.sharedKey(of: item, keyURL: keyURL)) : primary
            guard keys.insert(key).inserted else { continue }
            let existing = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT content_hash, first_seen FROM items WHERE key = ?"),
                arguments: [key])
            // An entry the document ended inside may have lost its body or date to the cut: it neither
            // replaces what is stored nor becomes a post, and comes in whole with a later fetch.
            if item.isCut {
                if existing != nil { counts.unchanged += 1 }
                continue
            }
            if let existing {
                let storedHash: String = try existing.decode(forColumn: "content_hash")
                if storedHash == item.hash { counts.unchanged += 1; continue }
                let firstSeen: Date = try existing.decode(forColumn: "first_seen")
                try db.cachedStatement(sql: """
                    UPDATE items SET entry_json = CAST(? AS TEXT), source_id = ?, content_hash = ?, last_changed = ?, sort_date = ?
                    WHERE key = ?
                    """).execute(arguments: [item.json, try source(), item.hash, nowValue,
                                             StoredItem.date(of: item.entry, firstSeen: firstSeen).storageValue, key])
                counts.changed += 1
            } else {
                let date = StoredItem.date(of: item.entry, firstSeen: now)
                try db.cachedStatement(sql: """
                    INSERT INTO items (key, feed_url, first_seen, last_changed, sort_date, content_hash, entry_json, source_id)
                    VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?)
                    """).execute(arguments: [key, feedURL, nowValue, nowValue, date == now ? nowValue : date.storageValue,
                                             item.hash, item.json, try source()])
                counts.new += 1
            }
        }
        try db.execute(sql: """
            UPDATE feeds SET etag = ?, last_modified = ?, last_status = ?, last_error = NULL,
                consecutive_failures = 0, next_due = ?, disabled_reason = NULL, last_attempt = ?,
                last_success = ?, last_new_item = CASE WHEN ? THEN ? ELSE last_new_item END, info_json = ?
            WHERE url = ?
            """, arguments: [validators.etag, validators.lastModified, status, now.addingTimeInterval(interval),
                             nowValue, nowValue, counts.new > 0, nowValue, encoded.source, feedURL])
        return counts
    }

    /// The key of `item` in a feed whose ids have been shared by different items: its link-qualified
    /// `shared` key when it is stored under it, else its plain id key when that row is this item
    /// (its id is not shared in this document, or the row has the same link), else `shared`: an
    /// item keeps the key it was first stored under, and one id never stands for two items.
    private static func resolvedKey(_ db: Database, item: EncodedFeed.Item, primary: String, shared: String?) throws -> String {
        guard let shared else { return primary }
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM items WHERE key = ?")
        if try Bool.fetchOne(exists, arguments: [shared]) != nil { return shared }
        let link = try db.cachedStatement(sql: "SELECT json_extract(entry_json, '$.link') FROM items WHERE key = ?")
        guard let row = try Row.fetchOne(link, arguments: [primary]) else { return item.idShared ? shared : primary }
        if !item.idShared { return primary }
        let storedLink: String? = row[0]
        return storedLink == item.entry.link ? primary : shared
    }

    /// Records a failed attempt at `feedURL` and backs it off: after the n-th consecutive failure
    /// the feed is due at `now + interval × 2^n`, at most a day later, and not before `retryAfter`
    /// (429 and 503's Retry-After, already turned into a date by the fetcher). See `Backoff`.
    /// - Parameters:
    ///   - error: what happened and what to do, as `gazette list` and `check` will show it.
    ///   - status: the HTTP status, nil when no HTTP answer came (DNS, refused, timeout, parse error of a local file).
    ///   - interval: the feed's interval in seconds.
    /// - Returns: the feed's state after the failure (its `nextDue` says when it is tried again).
    @discardableResult
    public func recordFailure(feedURL: String, error: String, status: Int? = nil, retryAfter: Date? = nil,
                              interval: TimeInterval, now: Date) throws(StoreError) -> FeedState {
        try write("recording the failure of \(feedURL)") { db in
            _ = try Self.ensureFeed(db, url: feedURL)
            let failures = try Int.fetchOne(db, sql: "SELECT consecutive_failures FROM feeds WHERE url = ?",
                                            arguments: [feedURL]) ?? 0
            let next = Backoff.nextAttempt(afterFailures: failures + 1, interval: interval, retryAfter: retryAfter, now: now)
            try db.execute(sql: """
                UPDATE feeds SET last_status = ?, last_error = ?, consecutive_failures = ?, next_due = ?, last_attempt = ?
                WHERE url = ?
                """, arguments: [status, error, failures + 1, next, now, feedURL])
            return try Self.state(db, url: feedURL)
        }
    }

    /// Records that `feedURL` answered 410 Gone: the feed is disabled, no longer due, and its
    /// `disabledReason` tells the user to remove it. Its items stay published.
    @discardableResult
    public func recordGone(feedURL: String, now: Date) throws(StoreError) -> FeedState {
        try write("disabling \(feedURL)") { db in
            _ = try Self.ensureFeed(db, url: feedURL)
            let reason = "answered 410 Gone on \(rfc3339UTC(now)): the publisher removed this feed for good; "
                + "delete it from feeds.yml (its posts stay published)"
            try db.execute(sql: """
                UPDATE feeds SET disabled_reason = ?, last_status = 410, last_error = ?, next_due = NULL, last_attempt = ?
                WHERE url = ?
                """, arguments: [reason, reason, now, feedURL])
            return try Self.state(db, url: feedURL)
        }
    }

    /// Makes `target`, where a chain of permanent redirects (301/308) from `feedURL` ended, the URL
    /// fetched from now on. Item keys do not change. When feeds.yml is later edited to name `target`,
    /// the feed's next record under `target` renames it, keeping its history and items.
    /// Adopting `feedURL` itself clears the adoption.
    @discardableResult
    public func adoptRedirect(feedURL: String, to target: String) throws(StoreError) -> FeedState {
        try write("adopting the redirect of \(feedURL)") { db in
            _ = try Self.ensureFeed(db, url: feedURL)
            try db.execute(sql: "UPDATE feeds SET adopted_url = ? WHERE url = ?",
                           arguments: [target == feedURL ? nil : target, feedURL])
            return try Self.state(db, url: feedURL)
        }
    }

    /// Lifts a 410 disable and any backoff: the feed is due at once (for `gazette subscribe` adding
    /// a feed again).
    @discardableResult
    public func reenableFeed(url: String) throws(StoreError) -> FeedState {
        try write("re-enabling \(url)") { db in
            _ = try Self.ensureFeed(db, url: url)
            try db.execute(sql: """
                UPDATE feeds SET disabled_reason = NULL, consecutive_failures = 0, next_due = NULL WHERE url = ?
                """, arguments: [url])
            return try Self.state(db, url: url)
        }
    }

    /// The `feeds` row of `url`, else of the feed whose adopted redirect is `url`.
    static func feedRow(_ db: Database, url: String) throws -> Row? {
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM feeds WHERE url = ?"), arguments: [url]) {
            return row
        }
        return try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM feeds WHERE adopted_url = ? ORDER BY url LIMIT 1"),
                                arguments: [url])
    }

    /// Makes sure `feeds` has a row named `url` and returns the URL its item keys derive from.
    /// A feed recorded under another URL whose adopted redirect is `url` is renamed to `url` (feeds.yml
    /// was updated as `gazette check` advised): its items follow (ON UPDATE CASCADE) and keep their keys.
    static func ensureFeed(_ db: Database, url: String) throws -> String {
        if let keyURL = try String.fetchOne(db.cachedStatement(sql: "SELECT key_url FROM feeds WHERE url = ?"),
                                            arguments: [url]) {
            return keyURL
        }
        if let row = try Row.fetchOne(db, sql: "SELECT url, key_url FROM feeds WHERE adopted_url = ? ORDER BY url LIMIT 1",
                                      arguments: [url]) {
            let oldURL: String = try row.decode(forColumn: "url")
            try db.execute(sql: "UPDATE feeds SET url = ?, adopted_url = NULL WHERE url = ?", arguments: [url, oldURL])
            return try row.decode(forColumn: "key_url")
        }
        try db.execute(sql: "INSERT INTO feeds (url, key_url) VALUES (?, ?)", arguments: [url, url])
        return url
    }

    /// The state of a feed known to have a row named `url`.
    static func state(_ db: Database, url: String) throws -> FeedState {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM feeds WHERE url = ?", arguments: [url]) else {
            throw DatabaseError(message: "the row of \(url) vanished inside its own transaction")
        }
        return try FeedState(row: row, decoder: StoredJSON.makeDecoder())
    }
}
