import ArgumentParser
import Foundation
import GazetteConfig
import GazetteModel
import GazettePublish
import GazetteStore

/// `gazette fetch`: the first half of `run`. Fetch every due feed, parse it, record new and changed
/// items in the store; one warning line per failed feed on stderr, one summary line on stdout.
struct Fetch: AsyncParsableCommand, ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch every due feed and record new and changed items.",
        discussion: "Exit status: 0 success (failed feeds are warnings), 1 fatal error (or any failed feed with --strict), 75 another run holds the lock."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Fetch every feed now, whatever its interval or backoff (a feed disabled by 410 stays disabled).")
    var force = false

    var console: Console { output.console }

    func run() async throws {
        let started = Date()
        let session = try Session.open(configPath: common.config)
        if let warning = session.newStoreOverPosts { console.warning(warning, message: "new store over existing posts") }
        let stop = StopSignals()
        defer { stop.cancel() }
        let summary = try await FetchRun(config: session.config, store: session.store, force: force,
                                         progress: console.level == .normal && console.format == .text
                                             ? ProgressBar.forTerminal(label: "fetching") : nil, stop: stop).run()
        console.report(summary)
        let seconds = Date().timeIntervalSince(started)
        console.summary(summary.line(seconds: seconds), message: "fetch finished", summary.fields + [("seconds", .double(seconds))])
        try session.finish(summary: summary, started: started)
        if let failure = stoppedFailure(stop, fetched: summary, published: false, console: console) { throw failure }
        if common.strict, summary.failed > 0 {
            throw strictFailure(summary, console: console)
        }
    }
}

/// Options every command that works on feeds.yml takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "The subscriptions file; the store lives in .gazette/ beside it.")
    var config = "feeds.yml"

    @Flag(help: "Exit 1 when any feed failed, not only on fatal errors.")
    var strict = false
}

extension Console {
    /// The per-feed lines (`--verbose`), then one warning per problem.
    func report(_ summary: FetchSummary) {
        for feed in summary.feeds { detail(feed.line, message: "feed", feed.fields) }
        for text in summary.warnings { warning(text, message: "feed problem") }
    }
}

extension FetchSummary {
    /// The JSON form of the summary line.
    var fields: [(String, Console.Value)] {
        [("feeds.fetched", .int(fetched)), ("feeds.not_modified", .int(notModified)), ("feeds.failed", .int(failed)),
         ("items.new", .int(itemsNew)), ("items.changed", .int(itemsChanged))]
    }

    /// `fetched 3 feeds, 1 not modified, 0 failed; 12 new, 1 changed items; 0.4 s`
    func line(seconds: Double) -> String {
        "fetched \(fetched) feeds, \(notModified) not modified, \(failed) failed; \(itemsNew) new, \(itemsChanged) changed items; "
            + String(format: "%.2f s", seconds)
    }
}

/// The config, the store and the run lock a command holds while it works on them.
struct Session: ~Copyable {
    let config: SiteConfig
    let store: Store
    let runID: Int64
    private let lock: RunLock
    /// Set when this session made a new store although the output already holds posts: the state of
    /// an existing site was lost (or moved away), and the user should hear it before it costs them.
    let newStoreOverPosts: String?

    /// Loads feeds.yml (errors exit 1 before anything is touched), takes the run lock (exit 75 when
    /// another run holds it) and opens the store.
    static func open(configPath: String) throws(CommandFailure) -> Session {
        let config: SiteConfig
        do {
            config = try ConfigLoader.load(path: configPath)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let lock = try takeLock(at: RunLock.path(besideConfig: config.file.path))
        let storePath = Store.path(besideConfig: config.file.path)
        let storeWasThere = ((try? FileManager.default.attributesOfItem(atPath: storePath)[.size] as? Int) ?? 0) > 0
        do {
            let store = try Store.open(path: storePath)
            let runID = try store.beginRun(now: Date())
            var warning: String?
            if !storeWasThere {
                let posts = config.site.output.appendingPathComponent("_posts").path
                let count = ((try? FileManager.default.contentsOfDirectory(atPath: posts)) ?? []).filter { $0.hasSuffix(".md") }.count
                if count > 0 {
                    warning = "\(storePath): a new state store, but \(posts) already holds \(count) posts: every item is "
                        + "fetched again as new, and undated ones (and ones first seen in an earlier year) get a second post "
                        + "and a new Atom id. If the store was lost, stop Gazette and restore .gazette/state.sqlite from a backup"
                }
            }
            return Session(config: config, store: store, runID: runID, lock: lock, newStoreOverPosts: warning)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    private init(config: SiteConfig, store: Store, runID: Int64, lock: consuming RunLock, newStoreOverPosts: String?) {
        self.config = config
        self.store = store
        self.runID = runID
        self.lock = lock
        self.newStoreOverPosts = newStoreOverPosts
    }

    /// Records the run's counts and errors.
    func finish(summary: FetchSummary, started: Date, build: BuildSummary? = nil) throws(CommandFailure) {
        let counts = RunCounts(feedsFetched: summary.fetched, feedsNotModified: summary.notModified,
                               feedsFailed: summary.failed, itemsNew: summary.itemsNew, itemsChanged: summary.itemsChanged,
                               postsNew: build?.postsNew ?? 0, postsUpdated: build?.postsUpdated ?? 0,
                               atomFilesWritten: build?.atomWritten ?? 0)
        do {
            try store.endRun(runID, counts: counts, errors: summary.warnings, now: Date())
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// Where the last complete build is recorded: its start time, then on a second line the
    /// `postFingerprint` of the configuration it wrote posts with. `run` rewrites only the posts of
    /// items changed since then, while that configuration stays the same.
    var buildStampPath: String {
        config.file.deletingLastPathComponent().appendingPathComponent(".gazette/last-build").path
    }

    /// The last complete build's start and post fingerprint (nil when the stamp has none, as an
    /// older Gazette wrote it), or nil when there was none.
    var lastBuild: (started: Date, fingerprint: String?)? {
        guard let text = try? String(contentsOfFile: buildStampPath, encoding: .utf8) else { return nil }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first, let seconds = Double(first) else { return nil }
        return (Date(timeIntervalSince1970: seconds), lines.count > 1 ? lines[1] : nil)
    }

    /// Records that a build that started at `started` completed, with the `postFingerprint` of the
    /// configuration it wrote the posts with.
    func recordBuild(started: Date, fingerprint: String) throws(CommandFailure) {
        do {
            _ = try writeIfChanged(Array("\(started.timeIntervalSince1970)\n\(fingerprint)\n".utf8), to: buildStampPath)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}
