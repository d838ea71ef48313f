/// One subscription of an OPML file: an `<outline>` with an `xmlUrl`.
public struct OPMLOutline: Sendable, Equatable {
    /// The `text` attribute (what readers show), trimmed; nil when absent or blank.
    public var text: String?
    /// The `title` attribute, trimmed; nil when absent or blank.
    public var title: String?
    /// The feed's URL (`xmlUrl`), trimmed; always an absolute http or https URL.
    public var xmlURL: String
    /// The site's URL (`htmlUrl`), trimmed; nil when absent or blank.
    public var htmlURL: String?
    /// The `type` attribute as written (`rss`, `atom` …); nil when absent or blank.
    public var type: String?
    /// Gazette's own attributes, written by Gazette's export (namespace `OPMLOutline.gazetteNamespace`):
    /// the category slug of `gazette:category`, on the feed outline or, failing that, the nearest
    /// enclosing outline that has one.
    public var category: String?
    /// `gazette:tags` split at commas, each trimmed, empty ones left out; nil when the attribute is absent
    /// (the default tags), `[]` when it is present and empty.
    public var tags: [String]?
    /// The text (else title) of each enclosing outline that has no `xmlUrl`, outermost first (folders).
    public var folders: [String]
    /// 1-based line of the outline's start tag in the file.
    public var line: Int

    /// The namespace of Gazette's attributes, exported as `xmlns:gazette`. `.invalid` (RFC 2606): it
    /// names, it is never fetched.
    public static let gazetteNamespace = "https://gazette.invalid/ns/opml"

    public init(text: String? = nil, title: String? = nil, xmlURL: String, htmlURL: String? = nil, type: String? = nil,
                category: String? = nil, tags: [String]? = nil, folders: [String] = [], line: Int) {
        (self.text, self.title, self.xmlURL, self.htmlURL, self.type) = (text, title, xmlURL, htmlURL, type)
        (self.category, self.tags, self.folders, self.line) = (category, tags, folders, line)
    }
}
