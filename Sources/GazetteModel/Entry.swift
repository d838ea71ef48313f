public import Foundation

/// One item of a feed, parsed and decoded: titles plain text, summary and content sanitized HTML,
/// URLs absolute, dates points in time.
public struct Entry: Sendable, Equatable {
    /// guid, atom:id or JSON Feed id; else the link.
    public var id: String?
    /// Plain text: entities decoded, markup removed.
    public var title: String?
    /// The alternate page of the entry.
    public var link: String?
    public var links: [Link]
    /// Sanitized HTML.
    public var summary: String?
    /// Sanitized HTML.
    public var content: String?
    public var published: Date?
    public var updated: Date?
    public var authors: [Person]
    public var categories: [String]
    public var enclosures: [Enclosure]
    public var comments: String?

    public init(id: String? = nil, title: String? = nil, link: String? = nil, links: [Link] = [],
                summary: String? = nil, content: String? = nil, published: Date? = nil, updated: Date? = nil,
                authors: [Person] = [], categories: [String] = [], enclosures: [Enclosure] = [],
                comments: String? = nil) {
        self.id = id; self.title = title; self.link = link; self.links = links
        self.summary = summary; self.content = content; self.published = published; self.updated = updated
        self.authors = authors; self.categories = categories; self.enclosures = enclosures; self.comments = comments
    }
}
