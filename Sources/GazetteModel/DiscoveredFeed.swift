/// A feed an HTML page points to with `<link rel="alternate" type="application/rss+xml" href=…>`
/// (feed autodiscovery, as browsers and feed readers do it).
public struct DiscoveredFeed: Sendable, Equatable {
    /// The feed's absolute http or https URL, resolved against the page's `<base href>`, then the page URL.
    public var url: String
    /// The link's media type, lowercased, without parameters: `application/rss+xml`, `application/atom+xml`,
    /// `application/feed+json`, `application/rdf+xml` or `application/json`.
    public var type: String
    /// The link's `title` attribute, whitespace collapsed; nil when absent or blank.
    public var title: String?

    public init(url: String, type: String, title: String? = nil) {
        (self.url, self.type, self.title) = (url, type, title)
    }
}
