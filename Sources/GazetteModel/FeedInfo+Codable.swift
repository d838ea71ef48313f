import Foundation

/// The keys of `parse --json`'s `feed` object (`self` for `selfLink`), dates as RFC 3339 UTC strings,
/// absent values and an empty author list left out. The store keeps it per item, as the source feed
/// was when the item last changed, for the Atom `source` element (RFC 4287 §4.2.11).
extension FeedInfo: Codable {
    enum CodingKeys: String, CodingKey {
        case title, subtitle, link, selfLink = "self", id, language, updated, generator, image, authors
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decodeIfPresent(String.self, forKey: .title),
                  subtitle: try c.decodeIfPresent(String.self, forKey: .subtitle),
                  link: try c.decodeIfPresent(String.self, forKey: .link),
                  selfLink: try c.decodeIfPresent(String.self, forKey: .selfLink),
                  id: try c.decodeIfPresent(String.self, forKey: .id),
                  language: try c.decodeIfPresent(String.self, forKey: .language),
                  updated: try c.decodeStoredDate(forKey: .updated),
                  generator: try c.decodeIfPresent(String.self, forKey: .generator),
                  image: try c.decodeIfPresent(String.self, forKey: .image),
                  authors: try c.decodeIfPresent([Person].self, forKey: .authors) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(subtitle, forKey: .subtitle)
        try c.encodeIfPresent(link, forKey: .link)
        try c.encodeIfPresent(selfLink, forKey: .selfLink)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeStoredDate(updated, forKey: .updated)
        try c.encodeIfPresent(generator, forKey: .generator)
        try c.encodeIfPresent(image, forKey: .image)
        if !authors.isEmpty { try c.encode(authors, forKey: .authors) }
    }
}
