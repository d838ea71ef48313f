public import Foundation

/// One feed item as the store keeps it: the parsed entry plus what Gazette learnt about it over time.
/// Everything a writer needs to rebuild the item's post and Atom entry without fetching again.
public struct StoredItem: Sendable, Equatable {
    /// The item's stable key (see `itemKey(feedURL:entry:)` in GazetteStore): 64 hex digits.
    public var key: String
    /// The URL of the feed the item came from, as feeds.yml names it.
    public var feedURL: String
    /// The entry as the source last gave it.
    public var entry: Entry
    /// The source feed's metadata when the item last changed, for the Atom `source` element
    /// (RFC 4287 §4.2.11: id, title, link, updated of the feed the entry was copied from).
    public var source: FeedInfo
    /// When Gazette first saw the item.
    public var firstSeen: Date
    /// When the item was first seen or its content last changed at the source.
    public var lastChanged: Date
    /// The date the item is shown and sorted by: its published date, else its updated date, else
    /// `firstSeen`; also `firstSeen` when the item's own date is more than a day after it (a
    /// future date is a feed's mistake, issue 4). Writers should use this for the post's `date`.
    public var date: Date
    /// The ContentHash (XXH64, GazetteStore) of the entry's stored JSON: a different hash means the item changed.
    public var contentHash: String
    /// The post file (`2022-05-12-slug.md`) once a writer assigned it; never changes afterwards.
    public var postFile: String?
    /// The Atom entry id once a writer assigned it; never changes afterwards (RFC 4287 §4.2.6).
    public var atomID: String?

    public init(key: String, feedURL: String, entry: Entry, source: FeedInfo = FeedInfo(), firstSeen: Date,
                lastChanged: Date, date: Date, contentHash: String, postFile: String? = nil, atomID: String? = nil) {
        self.key = key; self.feedURL = feedURL; self.entry = entry; self.source = source
        self.firstSeen = firstSeen; self.lastChanged = lastChanged; self.date = date
        self.contentHash = contentHash; self.postFile = postFile; self.atomID = atomID
    }
}
