/// An OPML subscription list as read: its title, the subscriptions it holds, and the outlines that
/// looked like subscriptions but could not be used.
public struct OPMLDocument: Sendable, Equatable {
    /// `head/title`, trimmed; nil when absent or blank.
    public var title: String?
    /// Every usable subscription, in document order, each URL once.
    public var feeds: [OPMLOutline]
    /// Outlines that look like subscriptions but cannot be used, in document order.
    public var skipped: [OPMLSkip]

    public init(title: String? = nil, feeds: [OPMLOutline] = [], skipped: [OPMLSkip] = []) {
        (self.title, self.feeds, self.skipped) = (title, feeds, skipped)
    }
}

/// An outline of an OPML file that looks like a subscription but was not taken, and why.
public struct OPMLSkip: Sendable, Equatable {
    /// 1-based line of the outline's start tag.
    public var line: Int
    /// What is wrong with it, for the user: `empty xmlUrl`, `duplicate of line 12` …
    public var reason: String

    public init(line: Int, reason: String) {
        (self.line, self.reason) = (line, reason)
    }
}
