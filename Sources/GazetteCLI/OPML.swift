import ArgumentParser
import Foundation
import Glibc
import GazetteConfig
import GazetteModel
import GazetteParse
import GazettePublish
import GazetteStore

/// `gazette opml import FILE` and `gazette opml export`: subscription lists as feed readers trade them.
struct OPML: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opml",
        abstract: "Import or export subscriptions as OPML 2.0.",
        subcommands: [OPMLImport.self, OPMLExport.self]
    )
}

/// `gazette opml import FILE`: every subscription of an OPML file that feeds.yml lacks, appended in one
/// checked, atomic edit. A folder outline becomes the category of the feeds inside it.
struct OPMLImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the subscriptions of an OPML file to feeds.yml (duplicates are skipped).",
        discussion: """
            A feed inside a folder outline joins that folder's category (slug: its pinyin; title: its text); a feed \
            outside any folder gets a category of its own. Feeds already in feeds.yml, repeated ones and ones without an \
            http(s) xmlUrl are skipped and listed. Exit status: 0 success, 1 unreadable OPML or feeds.yml, 75 another edit holds the lock.
            """
    )

    @Argument(help: "The OPML file (- for standard input).")
    var file: String

    @Option(help: "The subscriptions file to add the feeds to.")
    var config = "feeds.yml"

    @Flag(help: "Show what would be added and skipped, and change nothing.")
    var dryRun = false

    @Flag(help: "Give every feed a category of its own (its title's pinyin), whatever folder it is in.")
    var categoryPerFeed = false

    func run() async throws {
        let bytes: [UInt8]
        do {
            bytes = try readInput(file)
        } catch {
            throw CommandFailure(message: "\(file): \(error.description)")
        }
        let document: OPMLDocument
        do {
            document = try OPMLReader.read(bytes, file: file)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let edit = try FeedsFileEdit.begin(configPath: config)
        var categories = CategoryAllocator(feeds: edit.config.feeds)
        var seen = Set<String>()
        var added: [NewFeedEntry] = []
        var skipped: [(line: Int, text: String)] = document.skipped.map { ($0.line, "\(file):\($0.line): \($0.reason)") }
        for outline in document.feeds {
            let place = "\(file):\(outline.line)"
            let url = outline.xmlURL.trimmingCharacters(in: .whitespacesAndNewlines)
            guard isWebURL(url), let parsed = URL(string: url), parsed.host?.isEmpty == false else {
                skipped.append((outline.line, "\(place): \(url.isEmpty ? "no xmlUrl" : url): not an http(s) URL"))
                continue
            }
            if let existing = edit.existingFeed(matching: [url]) {
                skipped.append((outline.line, "\(place): \(url): already subscribed as '\(existing.title)' (\(config) line \(existing.line))"))
                continue
            }
            guard seen.insert(subscriptionIdentity(url)).inserted else {
                skipped.append((outline.line, "\(place): \(url): listed twice in \(file)"))
                continue
            }
            let title = [outline.title, outline.text].compactMap { $0.map(collapsedWhitespace) }.first { !$0.isEmpty }
                ?? parsed.host ?? url
            let category: (slug: String, title: String)
            let folder = categoryPerFeed ? nil : outline.folders.last.map(collapsedWhitespace).flatMap { $0.isEmpty ? nil : $0 }
            if !categoryPerFeed, let slug = outline.category, isValidCategory(slug), !reservedCategories.contains(slug) {
                category = categories.join(slug, title: folder ?? title)
            } else if let folder {
                category = categories.allocate(for: folder)
            } else {
                category = categories.allocate(for: title)
            }
            added.append(NewFeedEntry(title: title, url: url, category: category.slug,
                                      categoryTitle: category.title == title ? nil : category.title, tags: outline.tags))
        }
        if !added.isEmpty, !dryRun { try edit.append(added) }
        for entry in added { print("\(dryRun ? "would add" : "added"): \(entry.title) (\(entry.url)) → category \(entry.category ?? "")") }
        for skip in skipped.sorted(by: { $0.line < $1.line }) { print("skipped: \(skip.text)") }
        print("\(dryRun ? "would add" : "added") \(added.count) feeds, skipped \(skipped.count); \(config)"
              + (dryRun || added.isEmpty ? " unchanged" : " updated"))
    }
}

/// `gazette opml export`: feeds.yml's subscriptions as OPML 2.0, one folder outline per category.
struct OPMLExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print feeds.yml's subscriptions as OPML 2.0 (one outline per category).",
        discussion: "htmlUrl comes from each feed's last successful fetch, when there was one."
    )

    @OptionGroup var options: ConfigOption

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() async throws {
        let site = try options.load()
        let links = try options.feedStates(for: site).compactMapValues { $0.info?.link }
        let subscriptions = site.feeds.map { feed in
            OPMLSubscription(title: feed.title, xmlURL: feed.url, htmlURL: links[feed.url], category: feed.category,
                             categoryTitle: feed.categoryTitle, tags: feed.tags == [feed.categoryTitle] ? nil : feed.tags)
        }
        let document = OPMLWriter.document(title: site.site.title, subscriptions: subscriptions)
        guard let output else {
            guard writeIgnoringErrors(STDOUT_FILENO, [UInt8](document)) else {
                throw CommandFailure(message: "could not write the OPML document to standard output (\(String(cString: strerror(errno)))); "
                                     + "write it to a file with --output FILE")
            }
            return
        }
        do {
            _ = try writeIfChanged(document, to: output)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}
