import ArgumentParser
import Foundation

/// `gazette build`: rebuild every post and Atom file from the store alone (no network). Running it
/// twice changes no file, bytes or mtime.
struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild posts, Atom feeds and the site scaffold from the store.",
        discussion: "Exit status: 0 success, 1 fatal error, 75 another run holds the lock."
    )

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let started = Date()
        let session = try Session.open(configPath: common.config)
        let build = try BuildRun(config: session.config, store: session.store).run(changedSince: nil)
        for path in build.scaffoldSkipped { printError("warning: \(path): edited by hand; left as it is") }
        print(build.line(seconds: Date().timeIntervalSince(started)))
        try session.recordBuild(started: started)
        try session.finish(summary: FetchSummary(), started: started, build: build)
    }
}

/// `gazette run`: the cron job. Fetch due feeds, write new and updated posts, rewrite changed Atom
/// files; one summary line.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch due feeds, then publish new and updated posts and Atom feeds (the cron job).",
        discussion: "Exit status: 0 success (failed feeds are warnings on stderr), 1 fatal error (or any failed feed with --strict), 2 usage, 75 another run holds the lock."
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "Fetch every feed now, whatever its interval or backoff.")
    var force = false

    func run() async throws {
        let started = Date()
        let session = try Session.open(configPath: common.config)
        let fetched = try await FetchRun(config: session.config, store: session.store, force: force,
                                         progress: ProgressBar.forTerminal(label: "fetching")).run(now: started)
        for warning in fetched.warnings { printError("warning: \(warning)") }
        // Posts of items changed since the last complete build (all of them the first time).
        let build = try BuildRun(config: session.config, store: session.store).run(changedSince: session.lastBuild)
        for path in build.scaffoldSkipped { printError("warning: \(path): edited by hand; left as it is") }
        try session.recordBuild(started: started)
        print(fetched.line(seconds: Date().timeIntervalSince(started)) + "; " + build.line(seconds: nil))
        try session.finish(summary: fetched, started: started, build: build)
        if common.strict, fetched.failed > 0 {
            throw CommandFailure(message: "\(fetched.failed) feeds failed (--strict)", alreadyReported: true)
        }
    }
}

extension BuildSummary {
    /// `posts 12 new, 1 updated; 3 Atom files rewritten`
    func line(seconds: Double?) -> String {
        "posts \(postsNew) new, \(postsUpdated) updated; \(atomWritten) Atom files rewritten"
            + (seconds.map { String(format: "; %.2f s", $0) } ?? "")
    }
}
