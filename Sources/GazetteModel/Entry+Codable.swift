import Foundation

/// The stored JSON form of an entry: the keys of `parse --json`'s entry object, dates as RFC 3339
/// UTC strings (see `StoredDates.swift`), and absent values and empty lists left out,
/// so an archive of many thousand items stays small. Decoding accepts any key missing (nil or `[]`),
/// so JSON written before a field existed still reads.
extension Entry: Codable {
    enum CodingKeys: String, CodingKey {
        case id, title, link, links, summary, content, published, updated, authors, categories, enclosures, comments
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(String.self, forKey: .id),
            title: try c.decodeIfPresent(String.self, forKey: .title),
            link: try c.decodeIfPresent(String.self, forKey: .link),
            links: try c.decodeIfPresent([Link].self, forKey: .links) ?? [],
            summary: try c.decodeIfPresent(String.self, forKey: .summary),
            content: try c.decodeIfPresent(String.self, forKey: .content),
            published: try c.decodeStoredDate(forKey: .published),
            updated: try c.decodeStoredDate(forKey: .updated),
            authors: try c.decodeIfPresent([Person].self, forKey: .authors) ?? [],
            categories: try c.decodeIfPresent([String].self, forKey: .categories) ?? [],
            enclosures: try c.decodeIfPresent([Enclosure].self, forKey: .enclosures) ?? [],
            comments: try c.decodeIfPresent(String.self, forKey: .comments))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(link, forKey: .link)
        if !links.isEmpty { try c.encode(links, forKey: .links) }
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encodeIfPresent(content, forKey: .content)
        try c.encodeStoredDate(published, forKey: .published)
        try c.encodeStoredDate(updated, forKey: .updated)
        if !authors.isEmpty { try c.encode(authors, forKey: .authors) }
        if !categories.isEmpty { try c.encode(categories, forKey: .categories) }
        if !enclosures.isEmpty { try c.encode(enclosures, forKey: .enclosures) }
        try c.encodeIfPresent(comments, forKey: .comments)
    }
}
