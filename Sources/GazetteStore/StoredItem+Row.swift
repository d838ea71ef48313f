internal import GRDB
import Foundation
import GazetteModel

extension StoredItem {
    /// The columns `init(row:decoder:)` reads, for `SELECT \(StoredItem.columns) FROM items`.
    static let columns = """
        key, feed_url, entry_json, (SELECT json FROM sources WHERE sources.id = items.source_id) AS source_json, \
        first_seen, last_changed, sort_date, content_hash, post_file, atom_id
        """

    /// Reads an `items` row selected with `columns`.
    init(row: Row, decoder: JSONDecoder) throws {
        let entryJSON: String = try row.decode(forColumn: "entry_json")
        let sourceJSON: String = try row.decode(forColumn: "source_json")
        self.init(
            key: try row.decode(forColumn: "key"),
            feedURL: try row.decode(forColumn: "feed_url"),
            entry: try decoder.decode(Entry.self, from: Data(entryJSON.utf8)),
            source: try decoder.decode(FeedInfo.self, from: Data(sourceJSON.utf8)),
            firstSeen: try row.decode(forColumn: "first_seen"),
            lastChanged: try row.decode(forColumn: "last_changed"),
            date: try row.decode(forColumn: "sort_date"),
            contentHash: try row.decode(forColumn: "content_hash"),
            postFile: try row.decode(forColumn: "post_file"),
            atomID: try row.decode(forColumn: "atom_id"))
    }

    /// The date an item sorts and shows by (see `StoredItem.date`). Exactly 1970-01-01T00:00:00Z is a
    /// CMS writing zero for "no date", and counts as none: it made posts of 1970.
    static func date(of entry: Entry, firstSeen: Date) -> Date {
        guard let own = entry.published ?? entry.updated, own <= firstSeen.addingTimeInterval(futureDateTolerance),
              own.timeIntervalSince1970 != 0 else {
            return firstSeen
        }
        return own
    }

    /// A date further than this after the item was first seen is a feed's mistake (issue 4).
    static let futureDateTolerance: TimeInterval = 24 * 60 * 60
}
