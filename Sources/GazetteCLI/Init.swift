import ArgumentParser
import Foundation
import GazetteConfig
import GazetteModel
import GazetteStore

/// `gazette init`: start a site. Writes a commented feeds.yml when there is none (from `--title`,
/// `--url`, `--timezone`, `--language`), then the Jekyll scaffold (`_config.yml`, layouts,
/// `index.html`, one page per category) into the output tree where it is missing. `run` and `build`
/// write the scaffold too; this is for a new site and for looking at it before the first fetch. A
/// file the user edited is never overwritten, and an existing feeds.yml is never touched.
struct Init: AsyncParsableCommand, ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the Jekyll site scaffold into the output folder (files you edited are kept).",
        discussion: "Exit status: 0 success, 1 fatal error (bad feeds.yml, output not writable), 2 usage, 75 another run holds the lock."
    )

    @Option(help: "The subscriptions file (created when missing); the store lives in .gazette/ beside it.")
    var config = "feeds.yml"
    @OptionGroup var output: OutputOptions

    @Option(help: "For a new feeds.yml: the site's title.")
    var title = "Gazette"
    @Option(help: "For a new feeds.yml: the site's public address (absolute http(s) URL).")
    var url = "https://news.example.com"
    @Option(help: "For a new feeds.yml: the site's time zone (IANA name or offset like +08:00).")
    var timezone = "UTC"
    @Option(help: "For a new feeds.yml: the site's language (BCP 47, e.g. zh-CN).")
    var language = "en"

    var console: Console { output.console }

    func run() async throws {
        if !FileManager.default.fileExists(atPath: config) { try createConfig() }
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

    /// A feeds.yml for a new site: the site section from the options, design.md's defaults spelt out
    /// with a comment each, and an empty `feeds:` that `gazette subscribe` appends to. Checked by the
    /// loader before it is written (atomically), so a bad `--url` or `--timezone` writes nothing.
    private func createConfig() throws(CommandFailure) {
        // The reference site's footer for Chinese sites (reference-post.md), an English one otherwise.
        let footer = language.lowercased().hasPrefix("zh") ? (category: "返回{category_title}", home: "返回首页", separator: "｜")
            : (category: "Back to {category_title}", home: "Home", separator: " | ")
        let text = """
            # Gazette's site settings and subscriptions (README: feeds.yml).
            # Add feeds with `gazette subscribe URL` or `gazette opml import FILE`; run `gazette run` from cron.
            site:
              title: \(yamlDoubleQuoted(title))
              url: \(yamlDoubleQuoted(url))  # absolute; used in Atom ids, links, footers
              timezone: \(yamlDoubleQuoted(timezone))  # IANA name or fixed offset "+08:00"
              language: \(yamlDoubleQuoted(language))
              output: output                       # the Jekyll source tree Gazette writes into
              entries_per_feed: 50                 # entries in each Atom file
              footer:                              # the lines under each post body
                back_to_category: \(yamlDoubleQuoted(footer.category))
                back_to_home: \(yamlDoubleQuoted(footer.home))
                separator: \(yamlDoubleQuoted(footer.separator))
            defaults:                              # any of these may be set per feed too
              interval: 30m                        # least time between two fetches of one feed
              timeout: 30s
              max_bytes: 10MB
            feeds:

            """
        do {
            _ = try ConfigLoader.parse(text: text, file: config)
        } catch {
            // The options made it invalid (a relative --url, an unknown --timezone): a usage error.
            throw CommandFailure(message: "not creating \(config): \(error.description)", exitCode: 2)
        }
        do {
            try FeedsFile.save(text, to: config)
        } catch {
            throw CommandFailure(message: error.description)
        }
        console.summary("wrote \(config): a new site; add feeds with 'gazette subscribe URL'", message: "config created",
                        [("file", .string(config))])
    }
}
