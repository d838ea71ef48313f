public import Foundation

/// Where a feed's bytes come from: the web, or a file on disk (how the bundled samples work offline).
public enum FeedSource: Sendable, Hashable {
    /// An absolute http or https URL.
    case web(URL)
    /// An absolute file URL; a relative path in feeds.yml was resolved against feeds.yml's folder.
    case file(URL)

    /// The URL to fetch or read.
    public var url: URL {
        switch self {
        case let .web(url), let .file(url): url
        }
    }
}
