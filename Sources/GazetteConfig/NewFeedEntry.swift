/// One feed entry to add to `feeds:`; nil fields are left out of the file (the loader's defaults apply:
/// category = pinyin of the title, category_title = title, tags = [category_title]).
public struct NewFeedEntry: Sendable, Equatable {
    /// The feed's name, written as `title:`.
    public var title: String
    /// The feed's address as `url:` takes it: `https://…`, or a file path relative to feeds.yml.
    public var url: String
    /// The category slug (`category:`); nil leaves it to the loader.
    public var category: String?
    /// The category's display name (`category_title:`); nil leaves it to the loader.
    public var categoryTitle: String?
    /// Tags of every post from this feed (`tags: [a, b]`); nil leaves them to the loader, `[]` means none.
    public var tags: [String]?

    /// An entry; only `title` and `url` are required.
    public init(title: String, url: String, category: String? = nil, categoryTitle: String? = nil, tags: [String]? = nil) {
        (self.title, self.url, self.category, self.categoryTitle, self.tags) = (title, url, category, categoryTitle, tags)
    }
}
