/// One entry of `feeds:` in feeds.yml, with every default applied.
public struct FeedConfig: Sendable, Equatable {
    /// The feed's name as feeds.yml gives it.
    public var title: String
    /// The `url` exactly as written (for messages, and for editing feeds.yml back).
    public var url: String
    /// What `url` means: a web address, or an absolute file path.
    public var source: FeedSource
    /// Category slug: lowercase ASCII letters, digits, `-`, `_`; defaults to the pinyin of `title`
    /// (每日经济新闻 → `meirijingjixinwen`). Names `category/SLUG.html` and `feeds/SLUG.xml`.
    public var category: String
    /// The category's display name; defaults to `title`.
    public var categoryTitle: String
    /// Tags of every post from this feed; defaults to `[categoryTitle]`.
    public var tags: [String]
    /// Keywords: when not empty, only items whose title or body holds one of them are published.
    public var include: [String]
    /// Keywords: items whose title or body holds one of them are not published.
    public var exclude: [String]
    /// Fetch interval and limits: `defaults:` overridden by this feed's own keys.
    public var fetch: FetchPolicy
    /// Where the entry starts in feeds.yml (its first key), for messages such as `gazette check`'s.
    public var position: FilePosition

    /// The 1-based line in feeds.yml where the entry starts.
    public var line: Int { position.line }

    /// A feed; callers that build one by hand (`gazette subscribe`) apply the defaults themselves.
    public init(title: String, url: String, source: FeedSource, category: String, categoryTitle: String,
                tags: [String], include: [String] = [], exclude: [String] = [], fetch: FetchPolicy = .standard,
                position: FilePosition) {
        (self.title, self.url, self.source, self.category, self.categoryTitle) = (title, url, source, category, categoryTitle)
        (self.tags, self.include, self.exclude, self.fetch, self.position) = (tags, include, exclude, fetch, position)
    }
}
