import ArgumentParser
import Foundation
import GazetteConfig
import GazetteModel
import GazetteStore

/// `gazette init`: write the Jekyll scaffold (`_config.yml`, layouts, `index.html`, one page per
/// category) into the output tree where it is missing. `run` and `build` do the same; this is for
/// looking at the site before the first fetch. A file the user edited is never overwritten.
struct Init: AsyncParsableCommand, ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the Jekyll site scaffold into the output folder (files you edited are kept).",
        discussion: "Exit status: 0 success, 1 fatal error (bad feeds.yml, output not writable), 75 another run holds the lock."
    )

    @Option(help: "The subscriptions file; the store lives in .gazette/ beside it.")
    var config = "feeds.yml"
    @OptionGroup var output: OutputOptions

    var console: Console { output.console }

    func run() async throws {
        let session = try Session.open(configPath: config)
        var summary = BuildSummary()
        do {
            try BuildRun(config: session.config, store: session.store).writeScaffold(into: &summary)
        } catch {
            throw CommandFailure(message: "\(session.config.site.output.path): \(error)")
        }
        console.report(summary)
        console.summary("\(session.config.site.output.path): \(summary.scaffoldWritten.count) scaffold files written, "
                        + "\(summary.scaffoldSkipped.count) kept as edited", message: "init finished",
                        [("files.written", .int(summary.scaffoldWritten.count)), ("files.kept", .int(summary.scaffoldSkipped.count))])
        try session.finish(summary: FetchSummary(), started: Date())
    }
}
