import ArgumentParser
import Foundation
import GazetteConfig
import GazetteFetch
import GazetteModel
import GazetteParse

/// `gazette parse FILE…`: read feeds and print them, as a summary or as design.md's JSON schema.
struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse feeds and print them.",
        discussion: "With --json, prints one JSON object per input, one per line, in the order given."
    )

    @Argument(help: "Feed files, http(s) URLs, or - for standard input.")
    var inputs: [String]

    @Flag(help: "Print design.md's JSON schema, one compact object per input.")
    var json = false

    @Flag(help: "Skip the HTML sanitizer (benchmarks only: the output is not safe to publish).")
    var raw = false

    @Option(help: "Zone of dates written without one: an IANA name (Asia/Shanghai) or an offset (+08:00).")
    var timezone = "UTC"

    @Option(help: "Base URL for relative links when the feed gives no xml:base.")
    var base: String?

    @Option(help: "Inputs parsed at once (the default shown is this machine's core count).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard parseTimeZone(timezone) != nil else {
            throw ValidationError("--timezone '\(timezone)' is neither an IANA zone name nor an offset like +08:00")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        let zone = parseTimeZone(timezone)!
        var failures = 0
        let batch = max(1, jobs * 4)
        var start = 0
        while start < inputs.count {
            let slice = Array(inputs[start..<min(start + batch, inputs.count)])
            let outputs = await parseAll(slice, zone: zone)
            for output in outputs {
                switch output {
                case let .success(text): print(text)
                case let .failure(input, message):
                    failures += 1
                    printError("gazette: \(input): \(message)")
                    if json { print(#"{"input":\#(jsonQuoted(input)),"error":\#(jsonQuoted(message))}"#) }
                }
            }
            start += batch
        }
        if failures > 0 {
            throw CommandFailure(message: "\(failures) of \(inputs.count) inputs failed", alreadyReported: true)
        }
    }

    private enum Output: Sendable {
        case success(String)
        case failure(input: String, message: String)
    }

    private func parseAll(_ inputs: [String], zone: TimeZone) async -> [Output] {
        let (json, raw, base, jobs) = (self.json, self.raw, self.base, self.jobs)
        // URLs are fetched first, all at once (libcurl multi); files are read by the parse tasks.
        let urls = inputs.indices.filter { isWebURL(inputs[$0]) }
        var downloads: [Int: Result<FetchResult, FetchError>] = [:]
        if !urls.isEmpty {
            let requests = urls.map { FetchRequest(url: inputs[$0], userAgent: "Gazette/\(GazetteCommand.version)") }
            for (index, result) in zip(urls, await Fetcher().fetch(requests)) { downloads[index] = result }
        }
        let fetched = downloads
        return await withTaskGroup(of: (Int, Output).self) { group in
            var results = [Output?](repeating: nil, count: inputs.count)
            var next = 0
            func add(_ index: Int) {
                let input = inputs[index]
                let download = fetched[index]
                group.addTask {
                    (index, Self.parseOne(input, download: download, json: json, raw: raw, base: base, zone: zone))
                }
            }
            while next < min(jobs, inputs.count) { add(next); next += 1 }
            for await (index, output) in group {
                results[index] = output
                if next < inputs.count { add(next); next += 1 }
            }
            return results.map { $0! }
        }
    }

    private static func parseOne(_ input: String, download: Result<FetchResult, FetchError>?, json: Bool, raw: Bool,
                                 base: String?, zone: TimeZone) -> Output {
        let bytes: [UInt8]
        var documentURL = base
        var charset: String?
        switch download {
        case let .success(result):
            (bytes, charset) = (result.body, result.charset)
            documentURL = documentURL ?? result.finalURL
        case let .failure(error):
            // FetchError names its URL first; the input is printed before the message already.
            let message = error.description
            return .failure(input: input, message: message.hasPrefix(error.url + ": ") ? String(message.dropFirst(error.url.count + 2)) : message)
        case nil:
            do {
                bytes = try readInput(input)
            } catch {
                return .failure(input: input, message: error.description)
            }
        }
        let options = ParseOptions(documentURL: documentURL, httpCharset: charset, timeZone: zone, sanitize: !raw)
        do {
            let feed = try FeedParser.parse(bytes, options: options)
            return .success(json ? feed.jsonLine() : summary(of: feed, input: input))
        } catch {
            return .failure(input: input, message: error.description)
        }
    }

    /// The readable form: format, encoding, title, entry count, then entries newest first.
    static func summary(of feed: Feed, input: String) -> String {
        var lines = [
            "\(input)",
            "  format:   \(feed.format.rawValue)",
            "  encoding: \(feed.encoding)" + (feed.bozo ? "  (recovered: \(feed.bozoReason ?? "not well-formed"))" : ""),
            "  title:    \(feed.info.title ?? "(none)")",
            "  entries:  \(feed.entries.count)",
        ]
        let dated = feed.entries.enumerated().sorted { a, b in
            let (da, db) = (a.element.published ?? a.element.updated, b.element.published ?? b.element.updated)
            switch (da, db) {
            case let (x?, y?): return x != y ? x > y : a.offset < b.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.offset < b.offset
            }
        }
        for (_, entry) in dated {
            let date = (entry.published ?? entry.updated).map(rfc3339UTC) ?? "(no date)           "
            lines.append("  \(date)  \(entry.title ?? entry.link ?? "(untitled)")")
        }
        return lines.joined(separator: "\n")
    }
}

func jsonQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default:
            if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out + "\""
}

/// True for the inputs `parse` fetches rather than reads.
func isWebURL(_ input: String) -> Bool {
    let lower = input.prefix(8).lowercased()
    return lower.hasPrefix("http://") || lower.hasPrefix("https://")
}
