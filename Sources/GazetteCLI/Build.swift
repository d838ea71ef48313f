import ArgumentParser
import Foundation

/// `gazette build`: rebuild every post and Atom file from the store alone (no network). Running it
/// twice changes no file, bytes or mtime.
struct Build: AsyncParsableCommand, ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild posts, Atom feeds and the site scaffold from the store.",
        discussion: "Exit status: 0 success, 1 fatal error, 75 another run holds the lock."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    var console: Console { output.console }

    func run() async throws {
        let started = Date()
        let session = try Session.open(configPath: common.config)
        // A signal waits for the build to end: it is short, and every file it writes is whole anyway.
        let stop = StopSignals()
        defer { stop.cancel() }
        let builder = BuildRun(config: session.config, store: session.store)
        let build = try builder.run(changedSince: nil)
        console.report(build)
        let seconds = Date().timeIntervalSince(started)
        console.summary(build.line(seconds: seconds), message: "build finished", build.fields + [("seconds", .double(seconds))])
        try session.recordBuild(started: started, fingerprint: builder.postFingerprint)
        try session.finish(summary: FetchSummary(), started: started, build: build)
        if let failure = stoppedFailure(stop, fetched: nil, console: console) { throw failure }
    }
}

/// `gazette run`: the cron job. Fetch due feeds, write new and updated posts, rewrite changed Atom
/// files; one summary line.
struct Run: AsyncParsableCommand, ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch due feeds, then publish new and updated posts and Atom feeds (the cron job).",
        discussion: "Exit status: 0 success (failed feeds are warnings on stderr), 1 fatal error (or any failed feed with --strict), 2 usage, 75 another run holds the lock."
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    var console: Console { output.console }

    @Flag(help: "Fetch every feed now, whatever its interval or backoff.")
    var force = false

    func run() async throws {
        let started = Date()
        let session = try Session.open(configPath: common.config)
        if let warning = session.newStoreOverPosts { console.warning(warning, message: "new store over existing posts") }
        let stop = StopSignals()
        defer { stop.cancel() }
        let fetched = try await FetchRun(config: session.config, store: session.store, force: force,
                                         progress: console.level == .normal && console.format == .text
                                             ? ProgressBar.forTerminal(label: "fetching") : nil, stop: stop).run(now: started)
        console.report(fetched)
        // Posts of items changed since the last complete build; all of them the first time, and when
        // feeds.yml changed what posts say (a category, its title, tags, the footer …): the Atom links
        // follow the configuration at once, so the posts must too.
        let builder = BuildRun(config: session.config, store: session.store)
        let last = session.lastBuild
        let build = try builder.run(changedSince: last?.fingerprint == builder.postFingerprint ? last?.started : nil)
        console.report(build)
        try session.recordBuild(started: started, fingerprint: builder.postFingerprint)
        let seconds = Date().timeIntervalSince(started)
        console.summary(fetched.line(seconds: seconds) + "; " + build.line(seconds: nil), message: "run finished",
                        fetched.fields + build.fields + [("seconds", .double(seconds))])
        try session.finish(summary: fetched, started: started, build: build)
        if let failure = stoppedFailure(stop, fetched: fetched, console: console) { throw failure }
        if common.strict, fetched.failed > 0 {
            throw strictFailure(fetched, console: console)
        }
    }
}

/// The error a command stopped by a signal ends with, after publishing what it had: exit status
/// 128 + the signal's number, and one line saying what was left undone.
func stoppedFailure(_ stop: StopSignals, fetched: FetchSummary?, published: Bool = true, console: Console) -> CommandFailure? {
    guard let name = stop.signalName, let code = stop.exitCode else { return nil }
    guard let fetched else {
        return CommandFailure(message: "stopped by \(name) (the build was finished first)", exitCode: code)
    }
    let notStarted = fetched.feeds.count { $0.kind == .notDue && $0.note == "not fetched: the run was stopped first" }
    let interrupted = fetched.feeds.count { $0.kind == .failed && $0.note?.contains("the run was stopped (") == true }
    return CommandFailure(message: "stopped by \(name): \(interrupted) feeds interrupted (tried again after a backoff), "
                          + "\(notStarted) not started (due on the next run); what was fetched is recorded"
                          + (published ? " and published" : ""),
                          exitCode: code)
}

extension Console {
    /// One warning per scaffold file left as the user edited it; with `--verbose`, one line per file written.
    func report(_ build: BuildSummary) {
        for path in build.staleTemporaryFilesRemoved {
            detail("removed \(path), left by a write that was killed", message: "stale temporary file removed", ["file": .string(path)])
        }
        for path in build.scaffoldWritten { detail("wrote \(path)", message: "scaffold written", ["file": .string(path)]) }
        for path in build.scaffoldSkipped {
            warning("\(path): edited by hand; left as it is", message: "scaffold file kept", ["file": .string(path)])
        }
        if build.configLacksFuture {
            warning("_config.yml: no 'future: true'; jekyll build leaves out posts dated after the build, which the Atom feeds already link to; add the line",
                    message: "scaffold config lacks future", ["file": .string("_config.yml")])
        }
    }
}

extension BuildSummary {
    /// The JSON form of the summary line.
    var fields: [(String, Console.Value)] {
        [("posts.new", .int(postsNew)), ("posts.updated", .int(postsUpdated)), ("posts.filtered", .int(postsFiltered)),
         ("atom.rewritten", .int(atomWritten))]
    }

    /// `posts 12 new, 1 updated; 3 Atom files rewritten`
    func line(seconds: Double?) -> String {
        "posts \(postsNew) new, \(postsUpdated) updated; \(atomWritten) Atom files rewritten"
            + (seconds.map { String(format: "; %.2f s", $0) } ?? "")
    }
}
