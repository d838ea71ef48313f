public import Foundation

/// A parsed source feed: what the parser hands to the next stage. Every URL in it is absolute,
/// every date is a point in time (UTC when printed), every text field is decoded Unicode.
public struct Feed: Sendable, Equatable {
    /// The syntax the document was written in, told from its content.
    public var format: FeedFormat
    /// The charset the bytes were decoded from, lowercase (`utf-8`, `gb18030`, `windows-1252` …).
    public var encoding: String
    /// True when the document was not well-formed (XML or JSON) or was mislabelled, and was recovered.
    public var bozo: Bool
    /// Why `bozo` is true; nil when it is not.
    public var bozoReason: String?
    /// Feed-level metadata.
    public var info: FeedInfo
    /// The entries in document order.
    public var entries: [Entry]
    /// The index in `entries` of the entry the document ended inside, when it was cut short (a
    /// download or a CMS stopping mid-item): its text and date may be incomplete. Not in `parse --json`.
    public var cutEntry: Int?

    public init(format: FeedFormat, encoding: String, bozo: Bool = false, bozoReason: String? = nil,
                info: FeedInfo = FeedInfo(), entries: [Entry] = []) {
        (self.format, self.encoding, self.bozo, self.bozoReason, self.info, self.entries) =
            (format, encoding, bozo, bozoReason, info, entries)
    }
}

/// The syntaxes Gazette reads. Raw values are the names `parse --json` prints.
public enum FeedFormat: String, Sendable, Equatable, CaseIterable {
    case rss20, rss10, rss09x, atom10, atom03, jsonfeed
}

/// Metadata of the feed as a whole.
public struct FeedInfo: Sendable, Equatable {
    /// Plain text.
    public var title: String?
    /// Plain text.
    public var subtitle: String?
    /// The site the feed belongs to (alternate link).
    public var link: String?
    /// The feed's own URL as it states it (atom:link rel="self", JSON Feed `feed_url`).
    public var selfLink: String?
    public var id: String?
    /// Lowercase language tag, e.g. `zh-cn`.
    public var language: String?
    public var updated: Date?
    /// Plain text.
    public var generator: String?
    /// Logo, image or icon URL.
    public var image: String?
    public var authors: [Person]

    public init(title: String? = nil, subtitle: String? = nil, link: String? = nil, selfLink: String? = nil,
                id: String? = nil, language: String? = nil, updated: Date? = nil, generator: String? = nil,
                image: String? = nil, authors: [Person] = []) {
        self.title = title; self.subtitle = subtitle; self.link = link; self.selfLink = selfLink
        self.id = id; self.language = language; self.updated = updated; self.generator = generator
        self.image = image; self.authors = authors
    }
}

/// A person named by a feed or an entry (Atom person construct, RSS author, dc:creator).
public struct Person: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        (self.name, self.email, self.uri) = (name, email, uri)
    }

    /// True when no field holds a value.
    public var isEmpty: Bool { name == nil && email == nil && uri == nil }
}

/// A link of an entry, as atom:link has it.
public struct Link: Sendable, Equatable {
    public var rel: String
    public var href: String
    public var type: String?
    public var title: String?
    public var length: Int?

    public init(rel: String = "alternate", href: String, type: String? = nil, title: String? = nil, length: Int? = nil) {
        (self.rel, self.href, self.type, self.title, self.length) = (rel, href, type, title, length)
    }
}

/// A media file attached to an entry (RSS enclosure, atom:link rel="enclosure", media:content).
public struct Enclosure: Sendable, Equatable {
    public var url: String
    public var type: String?
    /// Bytes, as the feed states it.
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        (self.url, self.type, self.length) = (url, type, length)
    }
}
