import Foundation
public import GazetteModel

/// The Atom entry of a stored item, as it appears in its category's feed and in `all.xml`.
/// - `postFile`: the item's post file name (`YYYY-MM-DD-SLUG.md`): the alternate link is the page
///   Jekyll builds from that file, on the file's day even when the item's date has moved since
///   (`postText` then gives the post that permalink).
/// The id is `item.atomID` when one was assigned, else a new `atomEntryID` (store it).
public func makeAtomEntry(from item: StoredItem, feed: FeedConfig, site: Site, postFile: String) -> AtomEntry {
    let alternate = postPath(category: feed.category, fileName: postFile).map { siteRoot(site.url) + $0 }
        ?? postURL(site: site.url, category: feed.category, date: item.date,
                   slug: String(postFile.dropFirst("YYYY-MM-DD-".count).dropLast(".md".count)), zone: site.timeZone)
    let entry = item.entry
    let id = item.atomID ?? atomEntryID(host: site.url.host ?? "localhost", itemKey: item.key, firstSeen: item.firstSeen)
    var updated = max(item.date, entry.updated ?? item.date)
    if item.lastChanged > item.firstSeen { updated = max(updated, item.lastChanged) }   // changed at the source
    let authors = entry.authors.compactMap(\.name) + (entry.authors.isEmpty ? item.source.authors.compactMap(\.name) : [])
    // A feed read from a local file (the bundled samples) has no IRI of its own: a tag URI made from
    // its path names it, so that its entries carry a source like every other feed's, and their author
    // fallback is the same in the category's file and in all.xml. The path itself is not published.
    let sourceID = [item.source.id, item.source.selfLink, item.feedURL].compactMap { $0 }.first { absoluteIRI($0) != nil }
        ?? "tag:\(site.url.host?.lowercased() ?? "localhost"),2026:source-\(fnv1aHex(item.feedURL))"
    return AtomEntry(
        id: id,
        title: displayTitle(of: entry),
        published: item.date,
        updated: updated,
        alternate: alternate,
        via: entry.link,
        authors: authors,
        category: (term: feed.category, label: feed.categoryTitle),
        contentHTML: entry.content ?? entry.summary ?? "",
        source: AtomSource(id: sourceID, title: item.source.title ?? feed.title, link: item.source.link,
                           updated: item.source.updated)
    )
}
