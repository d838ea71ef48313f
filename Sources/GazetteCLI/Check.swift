import ArgumentParser
import Foundation
import GazetteConfig
import GazetteModel
import GazetteStore

/// `gazette check`: validate feeds.yml, then report the feeds that need a human: failing for
/// several runs, permanently redirected (with the line to change), gone (410), silent for long.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate feeds.yml and show each unhealthy feed.",
        discussion: "Exit status: 0 the config is valid (unhealthy feeds are reported), 1 the config is invalid (or, with --strict, a feed needs attention)."
    )

    @OptionGroup var options: ConfigOption
    var config: String { options.config }

    @Flag(help: "Exit 1 when any feed needs attention, for monitoring (Nagios-style checks).")
    var strict = false

    /// Failures in a row from which a feed counts as failing.
    static let failingAfter = 3
    /// Days without a new item from which a feed counts as silent.
    static let silentAfterDays = 30.0

    func run() async throws {
        let site = try options.load()
        print("\(config): valid; \(site.feeds.count) feeds")
        guard try options.existingStore(for: site) != nil else {
            print("no fetch has run yet (\(Store.path(besideConfig: site.file.path)) does not exist); run 'gazette fetch'")
            return
        }
        let states = try options.feedStates(for: site)
        let now = Date()
        var problems = 0
        for feed in site.feeds {
            guard let state = states[feed.url] else { continue }
            let place = "\(config):\(feed.line)"
            if let reason = state.disabledReason {
                problems += 1
                print("\(place): \(feed.url): disabled: \(reason)")
            }
            if let adopted = state.adoptedURL {
                problems += 1
                print("\(place): \(feed.url): moved permanently to \(adopted); change this feed's line to 'url: \(adopted)'")
            }
            if state.consecutiveFailures >= Self.failingAfter {
                problems += 1
                print("\(place): \(feed.url): failing for \(state.consecutiveFailures) runs: \(state.lastError ?? "unknown error")")
            }
            if let lastNew = state.lastNewItem ?? state.lastSuccess,
               now.timeIntervalSince(lastNew) > Self.silentAfterDays * 86_400 {
                problems += 1
                let days = Int(now.timeIntervalSince(lastNew) / 86_400)
                print("\(place): \(feed.url): no new items for \(days) days; the feed may be dead or moved")
            }
        }
        for name in orphanedAtomFiles(site) {
            // Not a problem (not counted for --strict): after an unsubscribe the frozen file may be
            // wanted; after a category was renamed its links point where no post is any more.
            print("\(name): no feed in \(config) has this category any more; it is no longer updated, "
                  + "and after a category rename its links lead nowhere: delete it (and its category page) once nobody follows it")
        }
        print(problems == 0 ? "all feeds healthy" : "\(problems) problems")
        if strict, problems > 0 {
            throw CommandFailure(message: "\(problems) feeds need attention (--strict)", alreadyReported: true)
        }
    }
}

/// The Atom files in the output's `feeds/` of categories no feed in feeds.yml has (a category renamed
/// or its last feed unsubscribed): their paths, sorted.
private func orphanedAtomFiles(_ site: SiteConfig) -> [String] {
    let folder = site.site.output.appendingPathComponent("feeds").path
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    let categories = Set(site.feeds.map(\.category))
    return names.filter { name in
        guard name.hasSuffix(".xml") else { return false }
        let slug = String(name.dropLast(".xml".count))
        return slug != "all" && !categories.contains(slug)
    }.sorted().map { folder + "/" + $0 }
}
