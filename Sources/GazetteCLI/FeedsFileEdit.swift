import Foundation
import GazetteConfig
import GazetteModel
import GazetteStore

/// One edit of feeds.yml by `subscribe`, `unsubscribe` or `opml import`: under the edit lock (two
/// edits never interleave), the file's current text and its checked config; `save` writes the
/// edited text atomically. A run that is going keeps the config it loaded; the next one sees the edit.
struct FeedsFileEdit: ~Copyable {
    let path: String
    let text: String
    let config: SiteConfig
    /// Every address that names a subscribed feed, by `subscriptionIdentity`: its feeds.yml URL, its
    /// resolved file path, and the redirect target the store adopted for it. Built once per edit, as
    /// `opml import` asks for every outline.
    private let feedsByAddress: [String: FeedConfig]
    /// Nil for a `peek`, which may not save.
    private let lock: RunLock?

    /// Takes `.gazette/edit.lock` beside feeds.yml (exit 75 when another edit holds it), reads the text
    /// and checks it (exit 1 with file:line:column when it is invalid: nothing is changed then).
    static func begin(configPath: String) throws(CommandFailure) -> FeedsFileEdit {
        // No feeds.yml: its error, before the lock would make a `.gazette` folder beside nothing.
        if !FileManager.default.fileExists(atPath: configPath) { _ = try read(configPath, lock: nil) }
        let lockPath = URL(fileURLWithPath: RunLock.path(besideConfig: configPath)).deletingLastPathComponent()
            .appendingPathComponent("edit.lock").path
        let lock = try takeLock(at: lockPath, forEditing: true)
        // An edit killed between writing its temporary file and renaming it left one beside feeds.yml.
        FeedsFile.removeStaleTemporaryFiles(of: configPath)
        return try read(configPath, lock: lock)
    }

    /// The text and config as `begin` reads them, without the lock: for what is slow and must not
    /// keep other edits waiting (`subscribe`'s fetch, its `--pick` question). Touches nothing; an
    /// edit decided on it is made under `begin`, which reads the file again.
    static func peek(configPath: String) throws(CommandFailure) -> FeedsFileEdit {
        try read(configPath, lock: nil)
    }

    private static func read(_ configPath: String, lock: consuming RunLock?) throws(CommandFailure) -> FeedsFileEdit {
        do {
            let text = try FeedsFile.read(path: configPath)
            let config = try ConfigLoader.parse(text: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, file: configPath)
            return FeedsFileEdit(path: configPath, text: text, config: config, feedsByAddress: addresses(of: config), lock: lock)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    private init(path: String, text: String, config: SiteConfig, feedsByAddress: [String: FeedConfig], lock: consuming RunLock?) {
        (self.path, self.text, self.config, self.feedsByAddress) = (path, text, config, feedsByAddress)
        self.lock = lock
    }

    /// The feeds.yml text with `entries` appended to `feeds:`, checked, then saved atomically.
    func append(_ entries: [NewFeedEntry]) throws(CommandFailure) {
        precondition(lock != nil, "an edit made on a peek")
        do {
            try FeedsFile.save(try FeedsFile.appending(entries, to: text, file: path), to: path)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// The feeds.yml text without the feed at `index` of `config.feeds`, checked, then saved atomically.
    func remove(feedAt index: Int) throws(CommandFailure) {
        precondition(lock != nil, "an edit made on a peek")
        do {
            try FeedsFile.save(try FeedsFile.removing(feedAt: index, from: text, file: path), to: path)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// The feed already subscribed under one of `urls` (after normalisation), if any: by its feeds.yml
    /// URL, or by the address a permanent redirect of it led to.
    func existingFeed(matching urls: [String]) -> FeedConfig? {
        for url in urls {
            if let feed = feedsByAddress[subscriptionIdentity(url)] { return feed }
        }
        return nil
    }

    /// `feedsByAddress` for `config`; the first feed wins where two share an address.
    private static func addresses(of config: SiteConfig) -> [String: FeedConfig] {
        var adopted: [String: String] = [:]
        let storePath = Store.path(besideConfig: config.file.path)
        if FileManager.default.fileExists(atPath: storePath), let states = try? Store.open(path: storePath).allFeedStates() {
            for state in states { adopted[state.url] = state.adoptedURL }
        }
        var byAddress: [String: FeedConfig] = [:]
        for feed in config.feeds {
            let source = switch feed.source {
            case let .file(url): "file:" + url.path
            case let .web(url): subscriptionIdentity(url.absoluteString)
            }
            for address in [subscriptionIdentity(feed.url), source] + (adopted[feed.url].map { [subscriptionIdentity($0)] } ?? [])
            where byAddress[address] == nil {
                byAddress[address] = feed
            }
        }
        return byAddress
    }
}

/// The lock at `path`, taken without waiting: another holder is exit 75 (its pid in the message),
/// any other failure exit 1.
func takeLock(at path: String, forEditing: Bool = false) throws(CommandFailure) -> RunLock {
    do {
        return try RunLock.acquire(path: path)
    } catch {
        if case let .locked(_, pid) = error {
            // The edit lock is not the run lock: its holder is subscribe, unsubscribe or opml import.
            let message = forEditing
                ? "\(path): another gazette command\(pid.map { " (pid \($0))" } ?? "") is editing feeds.yml "
                    + "(subscribe, unsubscribe or opml import); wait for it to finish, then run again"
                : error.description
            throw CommandFailure(message: message, exitCode: 75)
        }
        throw CommandFailure(message: error.description)
    }
}

/// What makes two feed addresses one subscription: scheme and host in lowercase (RFC 3986 §6.2.2.1),
/// the default port dropped, an empty path as `/`, no fragment (§6.2.3). Paths and queries are
/// compared as written: servers may treat their case as meaningful. Local paths are compared as
/// absolute standardized paths.
func subscriptionIdentity(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if !isWebURL(trimmed) {
        let path = trimmed.hasPrefix("file://") ? (URL(string: trimmed)?.path ?? trimmed) : trimmed
        return "file:" + URL(fileURLWithPath: path).standardizedFileURL.path
    }
    guard var components = URLComponents(string: trimmed) else { return trimmed }
    components.scheme = components.scheme?.lowercased()
    components.host = components.host?.lowercased()
    if (components.scheme == "http" && components.port == 80) || (components.scheme == "https" && components.port == 443) {
        components.port = nil
    }
    if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
    components.fragment = nil
    return components.string ?? trimmed
}

/// Gives new feeds category slugs that do not collide: "one category per source" unless the user
/// names an existing category on purpose. Knows the categories of feeds.yml and those it handed out.
struct CategoryAllocator {
    /// Category slug → its title.
    private(set) var titles: [String: String] = [:]

    init(feeds: [FeedConfig]) {
        for feed in feeds where titles[feed.category] == nil { titles[feed.category] = feed.categoryTitle }
    }

    /// The category the user asked for: joined as it is when it exists (its title kept, so the two
    /// feeds share one page), else created with `title`.
    mutating func join(_ slug: String, title: String) -> (slug: String, title: String) {
        let title = titles[slug] ?? title
        titles[slug] = title
        return (slug, title)
    }

    /// A category for `title`: `preferred` (default: the pinyin slug of `title`) when it is free or
    /// already has this title, else the first of `preferred-2`, `preferred-3` … that is.
    mutating func allocate(for title: String, preferred: String? = nil) -> (slug: String, title: String) {
        let base = preferred ?? categorySlug(for: title)
        var slug = base
        var counter = 2
        while let taken = titles[slug], taken != title {
            slug = "\(base.prefix(maxCategoryLength - 4))-\(counter)"
            counter += 1
        }
        titles[slug] = title
        return (slug, title)
    }
}
