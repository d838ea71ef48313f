import ArgumentParser
import Foundation
import GazetteConfig
import GazetteModel
import GazetteStore

/// `gazette unsubscribe URL|TITLE`: remove one feed from feeds.yml, every other byte of the file kept.
/// Its published posts stay where they are; its items stay in the store.
struct Unsubscribe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a feed from feeds.yml by its URL or title (its published posts stay).",
        discussion: "Exit status: 0 removed, 1 no such feed, several feeds with that title, or feeds.yml invalid; 75 another edit holds the lock."
    )

    @Argument(help: "The feed's url as feeds.yml has it (or the address it redirects to), or its title.")
    var feed: String

    @Option(help: "The subscriptions file.")
    var config = "feeds.yml"

    func run() async throws {
        let edit = try FeedsFileEdit.begin(configPath: config)
        let feeds = edit.config.feeds
        var matches = feeds.indices.filter { subscriptionIdentity(feeds[$0].url) == subscriptionIdentity(feed) }
        if matches.isEmpty, let byAddress = edit.existingFeed(matching: [feed]) {
            matches = feeds.indices.filter { feeds[$0].url == byAddress.url }
        }
        if matches.isEmpty { matches = feeds.indices.filter { feeds[$0].title == feed } }
        if matches.isEmpty { matches = feeds.indices.filter { feeds[$0].title.lowercased() == feed.lowercased() } }
        guard !matches.isEmpty else {
            throw CommandFailure(message: "\(config): no feed has the url or title '\(feed)'; 'gazette list' shows them")
        }
        guard matches.count == 1 else {
            let lines = matches.map { "  \(config) line \(feeds[$0].line): \(feeds[$0].title) (\(feeds[$0].url))" }
            throw CommandFailure(message: "\(config): \(matches.count) feeds are titled '\(feed)'; name the one to remove by its url:\n"
                                 + lines.joined(separator: "\n"))
        }
        let removed = feeds[matches[0]]
        try edit.remove(feedAt: matches[0])
        print("unsubscribed: \(removed.title) (\(removed.url)), was \(config) line \(removed.line); its published posts stay")
    }
}
