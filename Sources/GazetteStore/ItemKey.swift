public import GazetteModel
import Foundation

/// The stable key of a feed item: 64 lowercase hex digits, the SHA-256 of a versioned string made
/// from the feed's URL and the first of these that the entry has (whitespace trimmed, empty = absent):
///
/// 1. its id (RSS guid, atom:id, JSON Feed id): `gazette-item-v1 <feed URL> id <id>`;
/// 2. else its link: `gazette-item-v1 <feed URL> link <link>`;
/// 3. else its title and date (published, else updated, as RFC 3339 UTC), and, when it has neither,
///    its content or summary, so that two untitled undated items do not share a key:
///    `gazette-item-v1 <feed URL> text <title> <date> <body>`.
///
/// Fields are separated by NUL, which none of them can hold. The same entry from the same feed always
/// gets the same key, whatever else about it changes (a corrected title, new content), so the item is
/// updated in place, never duplicated. `feedURL` is the URL the feed was first recorded under
/// (`Store` keeps it across an adopted redirect and a rename), not the URL it was fetched from.
///
/// Changing this function changes every key, and with them which items count as new: don't,
/// except with a new version prefix and a migration.
public func itemKey(feedURL: String, entry: Entry) -> String {
    func present(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
    let fields: [String]
    if let id = present(entry.id) {
        fields = ["id", id]
    } else if let link = present(entry.link) {
        fields = ["link", link]
    } else {
        let title = present(entry.title)
        let date = (entry.published ?? entry.updated).map(rfc3339UTC)
        let body = title == nil && date == nil ? present(entry.content) ?? present(entry.summary) : nil
        fields = ["text", title ?? "", date ?? "", body ?? ""]
    }
    return SHA256.hex((["gazette-item-v1", feedURL] + fields).joined(separator: "\u{0}"))
}
