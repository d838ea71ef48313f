import Foundation
public import GazetteModel

/// The Atom entry of a stored item, as it appears in its category's feed and in `all.xml`.
/// - `slug`: the post file name without `YYYY-MM-DD-` and `.md`, so the alternate link is the page
///   Jekyll builds from that file.
/// The id is `item.atomID` when one was assigned, else a new `atomEntryID` (store it).
public func makeAtomEntry(from item: StoredItem, feed: FeedConfig, site: Site, slug: String) -> AtomEntry {
    let entry = item.entry
    let id = item.atomID ?? atomEntryID(host: site.url.host ?? "localhost", itemKey: item.key, firstSeen: item.firstSeen)
    var updated = max(item.date, entry.updated ?? item.date)
    if item.lastChanged > item.firstSeen { updated = max(updated, item.lastChanged) }   // changed at the source
    let authors = entry.authors.compactMap(\.name) + (entry.authors.isEmpty ? item.source.authors.compactMap(\.name) : [])
    let sourceID = [item.source.id, item.source.selfLink, item.feedURL].compactMap { $0 }.first { absoluteIRI($0) != nil }
    return AtomEntry(
        id: id,
        title: entry.title ?? "",
        published: item.date,
        updated: updated,
        alternate: postURL(site: site.url, category: feed.category, date: item.date, slug: slug, zone: site.timeZone),
        via: entry.link,
        authors: authors,
        category: (term: feed.category, label: feed.categoryTitle),
        contentHTML: entry.content ?? entry.summary ?? "",
        source: sourceID.map { AtomSource(id: $0, title: item.source.title ?? feed.title, link: item.source.link,
                                          updated: item.source.updated) }
    )
}
