import Foundation
import GazetteModel
import GazettePublish
import GazetteStore

/// What one build pass wrote, for the summary line.
struct BuildSummary: Sendable {
    var postsNew = 0
    var postsUpdated = 0
    var postsFiltered = 0
    var atomWritten = 0
    var scaffoldWritten: [String] = []
    var scaffoldSkipped: [String] = []
    /// True when `_config.yml` was kept as the user edited it and says nothing of `future`.
    var configLacksFuture = false
    /// Temporary files of writes killed before their rename, removed before this build wrote anything.
    var staleTemporaryFilesRemoved: [String] = []
}

/// The publishing half of `gazette run`: items from the store become posts in `output/_posts`
/// (an item keeps its file for ever), then each category's Atom file and `all.xml` are rewritten
/// when their bytes change. Files are replaced atomically; an unchanged build touches no file.
struct BuildRun {
    let config: SiteConfig
    let store: Store

    /// - Parameter changedSince: only items changed at or after this time get their post rewritten
    ///   (the incremental path of `run`); nil rebuilds every post (`gazette build`).
    func run(changedSince: Date?) throws(CommandFailure) -> BuildSummary {
        var summary = BuildSummary()
        do {
            let root = config.site.output.path
            let posts = try OutputFolder(root: root, relative: "_posts")
            summary.staleTemporaryFilesRemoved = removeStaleTemporaryFiles()
            try writeScaffold(into: &summary)
            let feedsByURL = Dictionary(config.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
            let items = try changedSince.map { try store.items(changedSince: $0) } ?? store.allItems()
            // Slugs of the items that have no file yet, transliterated in one batch (Slug.swift).
            // and their names given in one store transaction: an item keeps its file for ever.
            let unnamed = items.filter { $0.postFile == nil && feedsByURL[$0.feedURL] != nil }
            let newSlugs = slugs(for: unnamed.map { displayTitle(of: $0.entry) })
            let wanted = zip(unnamed, newSlugs).map { item, slug in
                let name = GazettePublish.postFileName(date: item.date, slug: slug, zone: config.site.timeZone)
                // Hundreds of items of one title on one day made the 4-digit suffixes clash too, and the
                // clash stopped every run of the site; the last name holds the item's whole key, which
                // no other item has.
                return (key: item.key, candidates: [name] + [4, 6, 8].map { withSuffix(name, key: item.key, length: $0) }
                            + [String(name.dropLast(3)) + "-" + item.key + ".md"])
            }
            let names = try store.assignPostFiles(wanted)
            var partsByFeed: [String: FeedPostParts] = [:]
            for item in items {
                guard let feed = feedsByURL[item.feedURL] else { continue }   // unsubscribed: posts stay as they are
                guard passesFilters(item.entry, feed: feed) else { summary.postsFiltered += 1; continue }
                guard let fileName = item.postFile ?? names[item.key] else { continue }
                let parts = partsByFeed[feed.url] ?? FeedPostParts(feed: feed, site: config.site)
                partsByFeed[feed.url] = parts
                let text = postText(item: item, feed: feed, site: config.site, fileName: fileName, parts: parts)
                switch try posts.writeIfChanged(Array(text.utf8), name: fileName, durable: false) {
                case .created: summary.postsNew += 1
                case .replaced: summary.postsUpdated += 1
                case .unchanged: break
                }
            }
            // Each post was renamed into place (readers never see half a file); one sync makes them durable.
            if summary.postsNew + summary.postsUpdated > 0 { syncFileSystem(of: root) }
            summary.atomWritten = try writeAtomFeeds()
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        return summary
    }

    /// feeds.yml's `include`/`exclude`: keywords matched, case-insensitively, in title and body.
    private func passesFilters(_ entry: Entry, feed: FeedConfig) -> Bool {
        guard !feed.include.isEmpty || !feed.exclude.isEmpty else { return true }
        let text = [entry.title, entry.content, entry.summary].compactMap { $0 }.joined(separator: "\n").lowercased()
        if !feed.include.isEmpty, !feed.include.contains(where: { text.contains($0.lowercased()) }) { return false }
        return !feed.exclude.contains(where: { text.contains($0.lowercased()) })
    }
}

extension BuildRun {
    /// The site root URL without a trailing slash.
    private var siteBase: String {
        var base = config.site.url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Categories in feeds.yml order, each with its title and feeds.
    var categories: [(slug: String, title: String, feeds: [FeedConfig])] {
        var order: [String] = []
        var byCategory: [String: [FeedConfig]] = [:]
        for feed in config.feeds {
            if byCategory[feed.category] == nil { order.append(feed.category) }
            byCategory[feed.category, default: []].append(feed)
        }
        return order.map { slug in (slug, byCategory[slug]![0].categoryTitle, byCategory[slug]!) }
    }

    /// The fingerprint of what in the configuration shapes the posts (`postFingerprint`).
    var postFingerprint: String { GazettePublish.postFingerprint(site: config.site, feeds: config.feeds) }

    /// Every folder Gazette replaces files in while it holds the run lock: the output root
    /// (`_config.yml`, `index.html`), `_posts`, `feeds`, `_layouts`, `category`, and the state folder
    /// (`last-build`, `scaffold.json`). Not the folder of feeds.yml: `subscribe` edits it under
    /// another lock, and its temporary files have another name.
    var writtenFolders: [String] {
        let root = config.site.output.path
        let state = config.file.deletingLastPathComponent().appendingPathComponent(Store.stateFolderName).path
        return [root] + ["_posts", "feeds", "_layouts", "category"].map { root + "/" + $0 } + [state]
    }

    /// Removes the temporary files that writes killed between write and rename (kill -9) left in
    /// `writtenFolders`. Safe only under the run lock, which every caller holds: no other Gazette is
    /// writing there.
    /// - Returns: the paths removed.
    func removeStaleTemporaryFiles() -> [String] {
        writtenFolders.flatMap { GazettePublish.removeStaleTemporaryFiles(in: $0) }
    }

    /// `_config.yml`, layouts, `index.html` and one page per category, where missing; a file the
    /// user changed is kept and reported.
    func writeScaffold(into summary: inout BuildSummary) throws {
        let files = scaffoldFiles(site: config.site, categories: categories.map { ($0.slug, $0.title) })
        let manifest = config.file.deletingLastPathComponent().appendingPathComponent(".gazette/scaffold.json")
        let result = try GazettePublish.writeScaffold(root: config.site.output, files: files, manifestPath: manifest)
        summary.scaffoldWritten = result.written
        summary.scaffoldSkipped = result.skippedUserEdited
        if result.skippedUserEdited.contains("_config.yml") {
            let path = config.site.output.appendingPathComponent("_config.yml").path
            summary.configLacksFuture = !mentionsFuture(configText: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        }
    }

    /// Rewrites `feeds/CATEGORY.xml` for each category and `feeds/all.xml` when their bytes change.
    /// - Returns: how many files were rewritten.
    fileprivate func writeAtomFeeds() throws -> Int {
        let site = config.site
        let feedsByURL = Dictionary(config.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        // Read more than the limit so filtered-out items do not leave a feed short.
        let window = site.entriesPerFeed * 2 + 10
        var written = 0
        func entries(of items: [StoredItem]) throws -> [AtomEntry] {
            let made = items.compactMap { item -> (StoredItem, AtomEntry)? in
                guard let feed = feedsByURL[item.feedURL], let file = item.postFile,
                      passesFilters(item.entry, feed: feed) else { return nil }
                return (item, makeAtomEntry(from: item, feed: feed, site: site, postFile: file))
            }
            // An entry id, once published, never changes: the first one is kept in the store.
            let ids = try store.assignAtomIDs(made.filter { $0.0.atomID == nil }.map { (key: $0.0.key, atomID: $0.1.id) })
            return made.map { item, entry in
                var entry = entry
                entry.id = ids[item.key] ?? entry.id
                return entry
            }
        }
        func write(_ entries: [AtomEntry], name: String, title: String, alternate: String) throws {
            let selfURL = "\(siteBase)/feeds/\(name).xml"
            let updated = entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
            let xml = atomFeed(title: title, id: selfURL, selfURL: selfURL, alternateURL: alternate, entries: entries,
                               updated: updated, language: site.language, limit: site.entriesPerFeed)
            if try writeIfChanged(Array(xml.utf8), root: site.output.path, relative: "feeds/\(name).xml") { written += 1 }
        }
        for category in categories {
            let items = try store.items(fromFeeds: category.feeds.map(\.url), limit: window)
            try write(try entries(of: items), name: category.slug, title: "\(site.title) · \(category.title)",
                      alternate: "\(siteBase)/category/\(category.slug).html")
        }
        try write(try entries(of: try store.allItems(limit: window)), name: "all", title: site.title, alternate: "\(siteBase)/")
        return written
    }
}

/// Whether a Jekyll `_config.yml` says anything about `future` at the top level: a file that sets
/// `future: false` chose it, and is not warned about.
func mentionsFuture(configText: String) -> Bool {
    configText.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("future:") }
}
