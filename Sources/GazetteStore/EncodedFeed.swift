import Foundation
import GazetteModel

/// A parsed feed made ready for its transaction: the source's stored JSON, and each entry with its
/// key, stored JSON and content hash. Built by the caller's task before the write lock is taken, so
/// that tasks on several cores encode and hash in parallel and the lock is held only for SQL.
struct EncodedFeed: Sendable {
    /// One entry, its key (made from `keyURL`), its stored JSON, and the `ContentHash` of that JSON
    /// (the `content_hash` column).
    struct Item: Sendable {
        let entry: Entry
        let key: String
        /// The stored JSON's UTF-8 bytes, bound as `CAST(? AS TEXT)`: the column holds text, and no
        /// `String` is made (a UTF-8 validation pass per item) only to be bound.
        let json: Data
        let hash: String
        /// Whether another entry of this document has the same id and another link (or, without
        /// links, another title or date): see `sharedIDItemKey`.
        var idShared = false
        /// Whether the document ended inside this entry (`Feed.cutEntry`): it may be incomplete.
        var isCut = false
    }

    /// Whether any id of this document is shared by entries that are not the same item.
    let hasSharedIDs: Bool

    /// `FeedInfo.storedJSON()` of the feed: the `sources` row of every new or changed item, and the feed's `info_json`.
    let source: String
    /// The feed URL the item keys were made from: the URL the feed is recorded under, which is its
    /// key URL too unless it was renamed (the transaction then makes the keys again, from the stored one).
    let keyURL: String
    let items: [Item]

    init(_ feed: Feed, keyURL: String) {
        source = feed.info.storedJSON()
        self.keyURL = keyURL
        var items = feed.entries.map { entry in
            let json = entry.storedJSONData()
            return Item(entry: entry, key: itemKey(feedURL: keyURL, entry: entry), json: json,
                        hash: json.withUnsafeBytes { ContentHash.hex($0) })
        }
        // Entries that repeat a key: the same item twice (kept once, as before), or different items
        // under one id.
        var seen: Set<String> = []
        var repeatedKeys: Set<String> = []
        for item in items where !seen.insert(item.key).inserted { repeatedKeys.insert(item.key) }
        var shared = false
        if !repeatedKeys.isEmpty {
            let groups = Dictionary(grouping: items.indices.filter { repeatedKeys.contains(items[$0].key) }, by: { items[$0].key })
            for (_, members) in groups {
                let qualified = Set(members.map { sharedIDItemKey(feedURL: keyURL, entry: items[$0].entry) ?? items[$0].key })
                guard qualified.count > 1 else { continue }
                for member in members { items[member].idShared = true }
                shared = true
            }
        }
        if let cut = feed.cutEntry, items.indices.contains(cut) { items[cut].isCut = true }
        self.items = items
        hasSharedIDs = shared
    }

    /// The key the item would have were its id shared (`sharedIDItemKey`), for `keyURL`; nil for an
    /// entry without an id.
    func sharedKey(of item: Item, keyURL: String) -> String? {
        sharedIDItemKey(feedURL: keyURL, entry: item.entry)
    }

    /// The item's key for a feed whose keys derive from `keyURL`.
    func key(of item: Item, keyURL: String) -> String {
        keyURL == self.keyURL ? item.key : itemKey(feedURL: keyURL, entry: item.entry)
    }
}
