import Foundation
import GazetteModel
import Yams

extension ConfigLoader {
    /// Keys of one feed.
    static let feedKeys = ["title", "url", "category", "category_title", "tags", "include", "exclude"] + fetchKeys

    /// `feeds:` in file order; none (absent, empty or `[]`) is fine. Refuses two feeds with one url and
    /// two titles for one category.
    static func readFeeds(_ top: ConfigSection, defaults: FetchPolicy, folder: URL) throws(ConfigError) -> [FeedConfig] {
        var feeds: [FeedConfig] = []
        var urls: [String: FilePosition] = [:]
        var categories: [String: (title: String, at: FilePosition)] = [:]
        for node in try top.nodes("feeds") ?? [] {
            let section = try ConfigSection(node, name: "feed", known: feedKeys, file: top.file)
            let feed = try readFeed(section, defaults: defaults, folder: folder)
            let urlAt = section.position(of: "url") ?? section.position
            if let first = urls.updateValue(urlAt, forKey: identity(of: feed.source)) {
                throw .duplicateURL(feed.url, at: urlAt, first: first)
            }
            if let other = categories[feed.category], other.title != feed.categoryTitle {
                throw .categoryTitleConflict(category: feed.category, title: feed.categoryTitle, at: feed.position,
                                             otherTitle: other.title, otherAt: other.at)
            }
            categories[feed.category] = categories[feed.category] ?? (feed.categoryTitle, feed.position)
            feeds.append(feed)
        }
        return feeds
    }

    /// One feed, with design.md's defaults: category = pinyin of the title, category_title = title,
    /// tags = [category_title]; fetch settings from `defaults:` unless the feed sets its own.
    private static func readFeed(_ section: ConfigSection, defaults: FetchPolicy, folder: URL) throws(ConfigError) -> FeedConfig {
        let title = try section.requiredText("title")
        let url = try section.requiredText("url")
        let source = try feedSource(url, at: section.position(of: "url") ?? section.position, folder: folder)
        let category: String
        if let text = try section.nonEmptyText("category") {
            guard isValidCategory(text) else {
                throw .badCategory(text, at: section.position(of: "category") ?? section.position, suggestion: categorySlug(for: text))
            }
            guard !reservedCategories.contains(text) else {
                throw .reservedCategory(text, at: section.position(of: "category") ?? section.position)
            }
            category = text
        } else {
            category = defaultCategorySlug(for: title)   // only when needed: ICU transliteration is not cheap
        }
        let categoryTitle = try section.nonEmptyText("category_title") ?? title
        return FeedConfig(
            title: title, url: url, source: source, category: category, categoryTitle: categoryTitle,
            tags: try section.list("tags") ?? [categoryTitle],
            include: try section.list("include") ?? [], exclude: try section.list("exclude") ?? [],
            fetch: try readFetchPolicy(section, over: defaults), position: section.position
        )
    }

    /// What a feed `url` names: an http(s) URL, a `file:` URL, or a file path, relative ones resolved
    /// against feeds.yml's folder.
    /// - Throws: `badFeedURL` for another scheme or a URL without a host; `urlWithoutScheme` for text
    ///   like `example.com/rss.xml`, which a missing `https://` would silently turn into a file path.
    static func feedSource(_ text: String, at: FilePosition, folder: URL) throws(ConfigError) -> FeedSource {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw .controlCharacterInURL(text, at: at)
        }
        if let colon = schemeEnd(in: text) {
            let rest = text[text.index(after: colon)...]
            // `localhost:8080/feed.xml`: a host and port, not a scheme.
            if rest.first?.asciiDigit != nil { throw .urlWithoutScheme(text, at: at) }
            switch text[..<colon].lowercased() {
            case "http", "https":
                guard let url = URL(string: text), let host = url.host, !host.isEmpty else { throw .badFeedURL(text, at: at) }
                return .web(url)
            case "file":
                guard let url = URL(string: text), url.isFileURL, !url.path.isEmpty else { throw .badFeedURL(text, at: at) }
                return .file(url.standardizedFileURL)
            default:
                throw .badFeedURL(text, at: at)
            }
        }
        if looksLikeHost(text) { throw .urlWithoutScheme(text, at: at) }
        return .file(URL(fileURLWithPath: text, isDirectory: false, relativeTo: folder).absoluteURL.standardizedFileURL)
    }

    /// The index of the `:` ending a URL scheme (RFC 3986 §3.1: a letter, then letters, digits, `+`, `-`, `.`).
    private static func schemeEnd(in text: String) -> String.Index? {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter else { return nil }
        let isSchemeCharacter = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "+-.".contains(c)) }
        return text[..<colon].allSatisfy(isSchemeCharacter) ? colon : nil
    }

    /// Whether a path-like `url` is more likely a web address missing `https://`: it starts with `www.`,
    /// or its first segment ends in a dot and a top-level-domain-like run of letters and a `/` follows
    /// (`example.com/rss.xml`, not `samples/nbd.xml` nor `feed.xml`). `./example.com/…` escapes this.
    private static func looksLikeHost(_ text: String) -> Bool {
        if text.lowercased().hasPrefix("www.") { return true }
        guard let slash = text.firstIndex(of: "/"), slash != text.startIndex else { return false }
        let firstSegment = text[..<slash]
        guard !firstSegment.hasPrefix("."), let dot = firstSegment.lastIndex(of: ".") else { return false }
        let topLevel = firstSegment[firstSegment.index(after: dot)...]
        return topLevel.count >= 2 && topLevel.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// What makes two sources the same feed: the path of a file; for the web, the URL with its scheme
    /// and host in lowercase (they are case-insensitive, RFC 3986 §6.2.2.1) and without a fragment.
    private static func identity(of source: FeedSource) -> String {
        switch source {
        case let .file(url):
            return "file:" + url.path
        case let .web(url):
            guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.absoluteString }
            components.scheme = components.scheme?.lowercased()
            components.host = components.host?.lowercased()
            // The default port is the same server (RFC 3986 §6.2.3), as `subscribe` already knew.
            if (components.scheme == "http" && components.port == 80) || (components.scheme == "https" && components.port == 443) {
                components.port = nil
            }
            if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
            components.fragment = nil
            return components.string ?? url.absoluteString
        }
    }
}
