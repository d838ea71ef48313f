import ArgumentParser
import Foundation
import GazetteConfig
import GazetteModel
import GazetteStore

/// `--config`, for the commands that read feeds.yml and the store beside it without taking the run lock.
struct ConfigOption: ParsableArguments {
    @Option(help: "The subscriptions file; the store lives in .gazette/ beside it.")
    var config = "feeds.yml"

    /// feeds.yml, checked; an invalid one is a fatal error naming file:line:column and the key.
    func load() throws(CommandFailure) -> SiteConfig {
        do {
            return try ConfigLoader.load(path: config)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// The store beside feeds.yml, or nil before the first fetch made one.
    func existingStore(for site: SiteConfig) throws(CommandFailure) -> Store? {
        let path = Store.path(besideConfig: site.file.path)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try Store.open(path: path)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// What the store remembers of each feed, by its feeds.yml URL (empty before the first fetch).
    func feedStates(for site: SiteConfig) throws(CommandFailure) -> [String: FeedState] {
        guard let store = try existingStore(for: site) else { return [:] }
        do {
            return Dictionary(try store.allFeedStates().map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}
