public import Foundation
import GazetteModel

/// The feed an Atom entry was copied from (RFC 4287 §4.2.11 `atom:source`).
public struct AtomSource: Sendable, Equatable {
    /// The source feed's `atom:id`; an absolute IRI (its own id, else its URL).
    public var id: String
    /// Plain text.
    public var title: String?
    /// The source's site (alternate link); an absolute IRI.
    public var link: String?
    public var updated: Date?

    public init(id: String, title: String? = nil, link: String? = nil, updated: Date? = nil) {
        (self.id, self.title, self.link, self.updated) = (id, title, link, updated)
    }
}

/// One `atom:entry` as Gazette publishes it: a post of the site, pointing at the original article.
public struct AtomEntry: Sendable, Equatable {
    /// Stable id, never derived from a title or URL that can change: `tag:HOST,YYYY:ITEMKEY`
    /// (see `atomEntryID(host:itemKey:firstSeen:)`); once published it must never change (RFC 4287 §4.2.6).
    public var id: String
    /// Plain text.
    public var title: String
    public var published: Date
    public var updated: Date
    /// The post's URL on the site (`postURL(site:category:date:slug:zone:)`): `link rel="alternate"`.
    public var alternate: String
    /// The original article: `link rel="via"`; left out when not an absolute IRI.
    public var via: String?
    /// Author names; when empty, the source feed's title stands in (every entry needs an author,
    /// RFC 4287 §4.1.2, since a feed-level author would not reach entries that carry `atom:source`).
    public var authors: [String]
    /// The category slug (`term`) and its display name (`label`).
    public var category: (term: String, label: String)?
    /// Sanitized HTML, written as `content type="html"` (escaped text).
    public var contentHTML: String
    /// The feed the entry came from.
    public var source: AtomSource?

    public init(id: String, title: String, published: Date, updated: Date, alternate: String, via: String? = nil,
                authors: [String] = [], category: (term: String, label: String)? = nil, contentHTML: String,
                source: AtomSource? = nil) {
        (self.id, self.title, self.published, self.updated) = (id, title, published, updated)
        (self.alternate, self.via, self.authors, self.category) = (alternate, via, authors, category)
        (self.contentHTML, self.source) = (contentHTML, source)
    }

    public static func == (lhs: AtomEntry, rhs: AtomEntry) -> Bool {
        lhs.id == rhs.id && lhs.title == rhs.title && lhs.published == rhs.published && lhs.updated == rhs.updated
            && lhs.alternate == rhs.alternate && lhs.via == rhs.via && lhs.authors == rhs.authors
            && lhs.category?.term == rhs.category?.term && lhs.category?.label == rhs.category?.label
            && lhs.contentHTML == rhs.contentHTML && lhs.source == rhs.source
    }
}

/// The stable Atom id of an item: a tag URI (RFC 4151) `tag:HOST,YYYY:ITEMKEY`, where YYYY is the
/// UTC year the item was first seen and ITEMKEY the store's item key. Neither can change, so the id
/// never does; store it in `StoredItem.atomID` the first time and reuse it afterwards.
public func atomEntryID(host: String, itemKey: String, firstSeen: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let year = calendar.component(.year, from: firstSeen)
    let authority = host.lowercased().isEmpty ? "localhost" : host.lowercased()
    return "tag:\(authority),\(String(format: "%04d", year)):\(itemKey)"
}

/// The URL Jekyll gives a post under `permalink: /:categories/:year/:month/:day/:title:output_ext`:
/// `SITEURL/CATEGORY/YYYY/MM/DD/SLUG.html`. `date` is read in `zone` (the site's `timezone`, which
/// Jekyll applies to the front matter date); `slug` is the post file name without its `YYYY-MM-DD-`
/// prefix and `.md`. Jekyll lowercases categories (`UrlDrop#categories`), so this does too.
public func postURL(site: URL, category: String, date: Date, slug: String, zone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let day = calendar.dateComponents([.year, .month, .day], from: date)
    let ymd = String(format: "%04d/%02d/%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
    return "\(siteRoot(site))/\(category.lowercased())/\(ymd)/\(slug).html"
}

/// The site path of the page Jekyll builds from the post file `fileName` of `category`:
/// `/CATEGORY/YYYY/MM/DD/SLUG.html`, the day being the file's. Nil for a name not `YYYY-MM-DD-SLUG.md`.
public func postPath(category: String, fileName: String) -> String? {
    guard let parts = postFileParts(fileName) else { return nil }
    let ymd = String(format: "%04d/%02d/%02d", parts.year, parts.month, parts.day)
    return "/\(category.lowercased())/\(ymd)/\(parts.slug).html"
}

/// The site URL without a trailing slash, so paths can be appended.
func siteRoot(_ site: URL) -> String {
    var base = site.absoluteString
    while base.hasSuffix("/") { base.removeLast() }
    return base
}

/// Default number of entries per Atom file (design.md: `entries_per_feed`).
public let standardAtomLimit = Site.standardEntriesPerFeed

/// An Atom 1.0 document (RFC 4287) as UTF-8 text: the newest `limit` of `entries`, newest first
/// (by `published`, then `id` so ties are stable). Pure and deterministic: the same input gives the
/// same bytes, so an unchanged run can leave the file alone. Entries with a duplicate id are left
/// out after the first (newest); text is escaped, and characters XML 1.0 forbids are removed.
/// `selfURL`, `alternateURL` and `id` must be absolute IRIs.
public func atomFeed(title: String, id: String, selfURL: String, alternateURL: String, entries: [AtomEntry],
                     updated: Date, language: String?, limit: Int = standardAtomLimit) -> String {
    let newestFirst = entries.sorted { ($0.published, $1.id) > ($1.published, $0.id) }
    var seen = Set<String>()
    var chosen: [AtomEntry] = []
    for entry in newestFirst where chosen.count < max(0, limit) && seen.insert(entry.id).inserted {
        chosen.append(entry)
    }
    var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\""
    if let language = language?.trimmingCharacters(in: .whitespaces), !language.isEmpty {
        xml += " xml:lang=\"\(xmlAttribute(language))\""
    }
    xml += ">\n"
    xml += "  <id>\(xmlText(id))</id>\n"
    xml += "  <title>\(xmlText(title))</title>\n"
    xml += "  <updated>\(atomDate(updated))</updated>\n"
    xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xmlAttribute(absoluteIRI(selfURL) ?? selfURL))\"/>\n"
    xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xmlAttribute(absoluteIRI(alternateURL) ?? alternateURL))\"/>\n"
    xml += "  <generator>Gazette</generator>\n"
    for entry in chosen { xml += entryXML(entry, feedTitle: title) }
    xml += "</feed>\n"
    return xml
}

private func entryXML(_ entry: AtomEntry, feedTitle: String) -> String {
    var xml = "  <entry>\n"
    xml += "    <id>\(xmlText(entry.id))</id>\n"
    xml += "    <title>\(xmlText(entry.title))</title>\n"
    xml += "    <published>\(atomDate(entry.published))</published>\n"
    // RFC 4287 §4.2.15 asks nothing of the order, but readers expect updated ≥ published.
    xml += "    <updated>\(atomDate(max(entry.updated, entry.published)))</updated>\n"
    xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xmlAttribute(absoluteIRI(entry.alternate) ?? entry.alternate))\"/>\n"
    if let via = entry.via.flatMap(absoluteIRI) {
        xml += "    <link rel=\"via\" href=\"\(xmlAttribute(via))\"/>\n"
    }
    // Every entry carries its own author (§4.1.2): with atom:source present a feed-level author
    // would not apply (§4.2.1), so fall back to the source's title, then this feed's.
    var names = entry.authors.map(xmlClean).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    if names.isEmpty {
        let fallback = [entry.source?.title, feedTitle].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
        names = [fallback.first { !$0.isEmpty } ?? "Gazette"]
    }
    for name in names { xml += "    <author><name>\(xmlText(name))</name></author>\n" }
    if let category = entry.category {
        xml += "    <category term=\"\(xmlAttribute(category.term))\" label=\"\(xmlAttribute(category.label))\"/>\n"
    }
    xml += "    <content type=\"html\">\(xmlText(entry.contentHTML))</content>\n"
    if let source = entry.source, let sourceID = absoluteIRI(source.id) {
        xml += "    <source>\n"
        xml += "      <id>\(xmlText(sourceID))</id>\n"
        if let title = source.title { xml += "      <title>\(xmlText(title))</title>\n" }
        if let link = source.link.flatMap(absoluteIRI) {
            xml += "      <link rel=\"alternate\" href=\"\(xmlAttribute(link))\"/>\n"
        }
        if let updated = source.updated { xml += "      <updated>\(atomDate(updated))</updated>\n" }
        xml += "    </source>\n"
    }
    xml += "  </entry>\n"
    return xml
}

/// RFC 3339 in UTC, whole seconds: `2022-05-12T11:26:42Z`.
private func atomDate(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
}

/// `value` without the characters XML 1.0 §2.2 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF)
/// nor those it discourages (DEL and the C1 controls), which validators flag.
private func xmlClean(_ value: String) -> String {
    xmlEscaped(value, replacing: keptASCII)
}

/// Character data: `&`, `<`, `>` escaped (`>` too, so `]]>` cannot appear); CR as a reference so
/// that parsers' line-end normalization (XML 1.0 §2.11) keeps it.
func xmlText(_ value: String) -> String {
    xmlEscaped(value, replacing: textASCII)
}

/// An attribute value between double quotes: also both quotes, and tab/LF/CR as references so that
/// attribute-value normalization (XML 1.0 §3.3.3) does not turn them into spaces.
func xmlAttribute(_ value: String) -> String {
    xmlEscaped(value, replacing: attributeASCII)
}

/// What each ASCII byte becomes, by value: nil keeps it, `[]` drops it (the controls `xmlClean` removes).
private typealias ASCIIReplacements = [[UInt8]?]

private let keptASCII: ASCIIReplacements = (0..<128).map { byte in
    switch byte {
    case 0x09, 0x0A, 0x0D: nil
    case 0x00...0x1F, 0x7F: []
    default: nil
    }
}

private let textASCII: ASCIIReplacements = replacing(keptASCII, ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"])

private let attributeASCII: ASCIIReplacements = replacing(textASCII, [
    "\"": "&quot;", "'": "&apos;", "\t": "&#9;", "\n": "&#10;",
])

private func replacing(_ table: ASCIIReplacements, _ entities: [Character: String]) -> ASCIIReplacements {
    var table = table
    for (character, entity) in entities { table[Int(character.asciiValue ?? 0)] = Array(entity.utf8) }
    return table
}

/// `value` cleaned as `xmlClean` says, each ASCII byte replaced as `table` says, in one pass over its
/// UTF-8 bytes: the Atom files of a run carry megabytes of item HTML, which a pass per Unicode
/// scalar made 0.3 s of a 1 s incremental run (perf, bench/build.sh). A Swift string is valid UTF-8,
/// so the C1 controls are exactly the pairs C2 80…C2 9F, and U+FFFE/U+FFFF the triples EF BF BE/BF.
private func xmlEscaped(_ value: String, replacing table: ASCIIReplacements) -> String {
    var value = value
    return value.withUTF8 { bytes in
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if let replacement = table[Int(byte)] { out.append(contentsOf: replacement) } else { out.append(byte) }
                index += 1
            } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                index += 2
            } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// `value` as an absolute IRI (RFC 3987), or nil when it has no scheme. ASCII characters IRIs do not
/// allow (space, `"<>\^`{|}`, controls) are percent-encoded; non-ASCII letters are kept, as IRIs allow.
func absoluteIRI(_ value: String) -> String? {
    // Most links are printable ASCII that IRIs allow as it is: then there is nothing to trim nor to
    // encode, and the Foundation trim and per-scalar pass (a tenth of an incremental run) are skipped.
    let plain = value.utf8.allSatisfy { (0x21...0x7E).contains($0) && !iriEncodedASCII.contains($0) }
    let trimmed = plain ? value : value.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex else { return nil }
    let scheme = trimmed[..<colon]
    guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
          scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || "0123456789+-.".unicodeScalars.contains($0)) })
    else { return nil }
    if plain { return value }
    var out = ""
    for scalar in trimmed.unicodeScalars {
        if scalar.value < 0x21 || scalar.value == 0x7F || (scalar.isASCII && iriEncodedASCII.contains(UInt8(scalar.value)))
            || (0x80...0x9F).contains(scalar.value) {
            for byte in String(scalar).utf8 { out += String(format: "%%%02X", byte) }
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// The printable ASCII characters IRIs do not allow as they are (RFC 3987 §2.2), percent-encoded.
private let iriEncodedASCII = Set("\"<>\\^`{|}".utf8)
