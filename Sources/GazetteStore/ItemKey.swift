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
    var message: [UInt8] = []
    message.reserveCapacity(64 + feedURL.utf8.count + (entry.id?.utf8.count ?? entry.link?.utf8.count ?? 256))
    func field(_ text: some StringProtocol) {
        message.append(0)
        message.append(contentsOf: text.utf8)
    }
    message.append(contentsOf: "gazette-item-v1".utf8)
    field(feedURL)
    if let id = present(entry.id) {
        field("id"); field(id)
    } else if let link = present(entry.link) {
        field("link"); field(link)
    } else {
        let title = present(entry.title)
        let date = (entry.published ?? entry.updated).map(rfc3339UTC)
        let body = title == nil && date == nil ? present(entry.content) ?? present(entry.summary) : nil
        field("text"); field(title ?? ""); field(date ?? ""); field(body ?? "")
    }
    return message.withUnsafeBufferPointer { buffer in
        var hasher = SHA256()
        hasher.update(buffer: buffer)
        return hasher.finalizeHex()
    }
}

/// The key of an entry whose id other entries of the same feed document also carry, with another
/// link: CMSs that give every item the site's home page as its guid. The id is then qualified by the
/// entry's link, else by its title and date:
/// `gazette-item-v1 <feed URL> shared-id <id> link <link>`, or `… shared-id <id> text <title> <date>`.
/// Nil for an entry without an id (its key never depended on one). `Store` decides which of the
/// two keys an entry gets, so that an item keeps the one it was first stored under.
public func sharedIDItemKey(feedURL: String, entry: Entry) -> String? {
    guard let id = present(entry.id) else { return nil }
    var message: [UInt8] = Array("gazette-item-v1".utf8)
    func field(_ text: some StringProtocol) {
        message.append(0)
        message.append(contentsOf: text.utf8)
    }
    field(feedURL)
    field("shared-id"); field(id)
    if let link = present(entry.link) {
        field("link"); field(link)
    } else {
        field("text"); field(present(entry.title) ?? ""); field((entry.published ?? entry.updated).map(rfc3339UTC) ?? "")
    }
    return message.withUnsafeBufferPointer { buffer in
        var hasher = SHA256()
        hasher.update(buffer: buffer)
        return hasher.finalizeHex()
    }
}

/// `value` trimmed of `.whitespacesAndNewlines`, nil when that leaves nothing. Most ids and links
/// have no edge whitespace: when neither the first nor the last scalar is whitespace the value is
/// returned as it is, without Foundation's trimming copy (the key-pinning tests hold both paths equal).
private func present(_ value: String?) -> String? {
    guard let value, let first = value.utf8.first, let last = value.utf8.last else { return nil }
    // Every ASCII member of the set is 0x09–0x0D or 0x20; a printable ASCII byte (0x21–0x7E) is a
    // whole scalar that is not whitespace.
    let printable: ClosedRange<UInt8> = 0x21...0x7E
    if printable.contains(first), printable.contains(last) { return value }
    if let head = value.unicodeScalars.first, let tail = value.unicodeScalars.last,
       !edgeWhitespace.contains(head), !edgeWhitespace.contains(tail) {
        return value
    }
    let trimmed = value.trimmingCharacters(in: edgeWhitespace)
    return trimmed.isEmpty ? nil : trimmed
}

private let edgeWhitespace = CharacterSet.whitespacesAndNewlines
