import GazetteModel

/// A parsed feed made ready for its transaction: the source's stored JSON, and each entry with its
/// stored JSON and content hash. Built by the caller's task before the write lock is taken, so that
/// tasks on several cores encode and hash in parallel and the lock is held only for SQL.
struct EncodedFeed: Sendable {
    /// One entry, its stored JSON, and the SHA-256 of that JSON (the `content_hash` column).
    struct Item: Sendable {
        let entry: Entry
        let json: String
        let hash: String
    }

    /// `FeedInfo.storedJSON()` of the feed: every new or changed item's `source_json`, and the feed's `info_json`.
    let source: String
    let items: [Item]

    init(_ feed: Feed) {
        source = feed.info.storedJSON()
        items = feed.entries.map { entry in
            let json = entry.storedJSON()
            return Item(entry: entry, json: json, hash: SHA256.hex(json))
        }
    }
}
