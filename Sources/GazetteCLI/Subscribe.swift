import ArgumentParser
import Foundation
import GazetteConfig
import GazetteFetch
import GazetteModel
import GazetteParse

/// `gazette subscribe URL`: find the feed (the URL itself, or what a web page links to), fetch and
/// parse it once, and append it to feeds.yml, every other byte of the file kept as it was.
struct Subscribe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a feed to feeds.yml: a feed URL, or a web page whose <link rel=\"alternate\"> names one.",
        discussion: """
            For a page, the feeds it links to are found (application/rss+xml, atom+xml, feed+json); when there are \
            several, --pick N chooses, a terminal asks, and otherwise the first is taken with a warning. A page that \
            links none is tried for /feed, /rss, /rss.xml, /atom.xml, /index.xml and /feed.xml. Already subscribed \
            (the same URL, or one it redirects to): nothing changes, exit 0.
            Exit status: 0 added or already there, 1 no feed found or feeds.yml invalid, 2 usage, 75 another edit holds the lock.
            """
    )

    @Argument(help: "A feed URL, a web page URL, or a local feed file.")
    var url: String

    @Option(help: "The subscriptions file to add the feed to.")
    var config = "feeds.yml"

    @Option(help: "The feed's title (default: the title the feed gives itself).")
    var title: String?

    @Option(help: "The category slug (default: the pinyin of the title; an existing category is joined).")
    var category: String?

    @Option(help: "Tags of its posts, comma-separated (default: the category title).")
    var tags: String?

    @Option(help: "Which of several feeds a page links to (1 is the first).")
    var pick: Int?

    /// Paths tried on the site when a page links no feed, in this order.
    static let wellKnownPaths = ["/feed", "/rss", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml"]

    func validate() throws {
        if let pick, pick < 1 { throw ValidationError("--pick counts from 1") }
        if let category, !isValidCategory(category) {
            throw ValidationError("--category '\(category)' is not a slug (a-z, 0-9, '-', '_'); try '\(categorySlug(for: category))'")
        }
        if let category, reservedCategories.contains(category) {
            throw ValidationError("--category '\(category)' is taken: feeds/\(category).xml is the whole site's Atom feed; try '\(category)-2'")
        }
        if let title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--title is empty") }
    }

    func run() async throws {
        // The fetch (and a --pick question) happen before the edit lock is taken, so that another
        // subscribe or unsubscribe need not wait for them; the edit re-reads feeds.yml under it.
        let peek = try FeedsFileEdit.peek(configPath: config)
        let address = try feedsYmlAddress(for: url, config: peek.config)
        if let existing = peek.existingFeed(matching: [address, url]) {
            print("already subscribed: \(existing.title) (\(existing.url)), \(config) line \(existing.line); nothing changed")
            return
        }
        let site = peek.config
        let fetcher = Fetcher(site.concurrency)
        let userAgent = "Gazette/\(GazetteCommand.version) (+\(site.site.url.absoluteString))"
        let limits = FetchLimits(connectTimeout: site.defaults.connectTimeout, timeout: site.defaults.timeout,
                                 maxBytes: site.defaults.maxBytes, lowSpeedLimit: site.defaults.lowSpeedLimit,
                                 lowSpeedTime: site.defaults.lowSpeedTime)
        let found = try await Discovery(fetcher: fetcher, limits: limits, userAgent: userAgent, zone: site.site.timeZone)
            .findFeed(at: fetchAddress(address, config: site), pick: pick)
        for warning in found.warnings { printError("warning: \(warning)") }
        // The address to keep: where a chain of permanent redirects ended, else the one that was found.
        let kept = found.isLocal ? address : (found.permanentRedirect ?? found.url)
        let edit = try FeedsFileEdit.begin(configPath: config)
        if let existing = edit.existingFeed(matching: [address, url, kept, found.url, found.finalURL]) {
            print("already subscribed: \(existing.title) (\(existing.url)), \(config) line \(existing.line); nothing changed")
            return
        }
        let feedTitle = title.map(collapsedWhitespace) ?? found.feed.info.title.map(collapsedWhitespace).flatMap { $0.isEmpty ? nil : $0 }
            ?? URL(string: found.finalURL)?.host ?? kept
        var categories = CategoryAllocator(feeds: edit.config.feeds)
        let chosen = category.map { categories.join($0, title: feedTitle) } ?? categories.allocate(for: feedTitle)
        let tagList = tags.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let entry = NewFeedEntry(title: feedTitle, url: kept, category: chosen.slug,
                                 categoryTitle: chosen.title == feedTitle ? nil : chosen.title, tags: tagList)
        try edit.append([entry])
        let line = (try? ConfigLoader.load(path: config).feeds.last?.line).flatMap { $0 }
        print("subscribed: \(feedTitle) (\(found.feed.format.rawValue), \(found.feed.entries.count) \(found.feed.entries.count == 1 ? "entry" : "entries")) → category \(chosen.slug)"
              + "; \(config)" + (line.map { " line \($0)" } ?? ""))
        print("  url: \(kept)")
    }

    /// The address as feeds.yml should hold it: a web URL as given; a local file relative to feeds.yml's
    /// folder when it is inside it, else absolute.
    private func feedsYmlAddress(for input: String, config: SiteConfig) throws(CommandFailure) -> String {
        if isWebURL(input) {
            guard let parsed = URL(string: input), parsed.host?.isEmpty == false else {
                throw CommandFailure(message: "\(input): not a valid URL; give an http(s) address or a feed file")
            }
            return input
        }
        let lower = input.lowercased()
        if let colon = lower.firstIndex(of: ":"), lower[..<colon].allSatisfy({ $0.isLetter }), !lower.hasPrefix("file:") {
            throw CommandFailure(message: "\(input): only http and https URLs (or local files) can be subscribed")
        }
        let path = input.hasPrefix("file://") ? (URL(string: input)?.path ?? input) : input
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: absolute) else {
            throw CommandFailure(message: "\(input): no such file; give a feed URL (with https://) or the path of a feed file")
        }
        let folder = config.file.deletingLastPathComponent().standardizedFileURL.path + "/"
        return absolute.hasPrefix(folder) ? String(absolute.dropFirst(folder.count)) : absolute
    }

    /// What the fetcher is given: a web URL, or the absolute path of a local file.
    private func fetchAddress(_ address: String, config: SiteConfig) -> String {
        if isWebURL(address) || address.hasPrefix("/") { return address }
        return config.file.deletingLastPathComponent().appendingPathComponent(address).standardizedFileURL.path
    }
}

/// Runs of whitespace (newlines, tabs) as one space, trimmed: feed titles arrive with both.
func collapsedWhitespace(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
