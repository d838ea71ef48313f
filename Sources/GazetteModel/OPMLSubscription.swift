/// One subscription to export to OPML: a feed and the Gazette category it is published under.
public struct OPMLSubscription: Sendable, Equatable {
    /// The feed's title (written as the outline's `text` and `title`).
    public var title: String
    /// The feed's URL (`xmlUrl`).
    public var xmlURL: String
    /// The feed's site (`htmlUrl`); nil leaves the attribute out.
    public var htmlURL: String?
    /// The category slug (`gazette:category` on the category outline).
    public var category: String
    /// The category's display name (`text` and `title` of the category outline).
    public var categoryTitle: String
    /// The post tags (`gazette:tags`, comma-separated); nil means the default (`[categoryTitle]`) and
    /// leaves the attribute out.
    public var tags: [String]?

    public init(title: String, xmlURL: String, htmlURL: String? = nil, category: String, categoryTitle: String,
                tags: [String]? = nil) {
        (self.title, self.xmlURL, self.htmlURL) = (title, xmlURL, htmlURL)
        (self.category, self.categoryTitle, self.tags) = (category, categoryTitle, tags)
    }
}
