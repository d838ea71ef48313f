import ArgumentParser
import Foundation
import GazetteModel

/// How much a command says and in which form: `--quiet`, `--verbose`, `--log-format`.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print errors only: no warnings, no summary line.")
    var quiet = false

    @Flag(help: "Print details besides the summary: one line per feed fetched (fetched, not modified, failed, not due) and per file written or removed.")
    var verbose = false

    @Option(name: .customLong("log-format"), help: "text (default) or json: one JSON object per line on stderr and stdout, for log shippers.")
    var logFormat: Console.Format = .text

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    var console: Console { Console(level: quiet ? .quiet : verbose ? .verbose : .normal, format: logFormat) }
}

/// Where a command's words go. Warnings, per-feed lines and errors go to stderr; the summary goes to
/// stdout. In `json` form every line is one object: `{"time":"…","level":"warning","message":"…",…}`,
/// messages constant and the data in the other keys, so log shippers can index them.
struct Console: Sendable {
    enum Level: Int, Comparable, Sendable {
        case quiet, normal, verbose
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    /// A value in a JSON log line.
    enum Value: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case string(String), int(Int), double(Double), bool(Bool), null

        init(stringLiteral value: String) { self = .string(value) }
        init(integerLiteral value: Int) { self = .int(value) }

        var json: String {
            switch self {
            case let .string(text): jsonQuoted(text)
            case let .int(number): String(number)
            case let .double(number): String(format: "%.3f", number)
            case let .bool(flag): flag ? "true" : "false"
            case .null: "null"
            }
        }
    }

    var level: Level = .normal
    var format: Format = .text

    /// A problem that did not stop the command (a failed feed, a file left as the user edited it).
    /// Text form: `warning: TEXT`.
    func warning(_ text: String, message: String = "warning", _ fields: KeyValuePairs<String, Value> = [:]) {
        guard level >= .normal else { return }
        emit(to: .standardError, level: "warning", message: message, text: "warning: " + text,
             fields: [("detail", .string(text))] + fields.map { ($0.key, $0.value) })
    }

    /// A line shown only with `--verbose` (one per feed).
    func detail(_ text: String, message: String, _ fields: KeyValuePairs<String, Value> = [:]) {
        guard level >= .verbose else { return }
        emit(to: .standardError, level: "info", message: message, text: text, fields: fields.map { ($0.key, $0.value) })
    }

    /// The one summary line on stdout (not with `--quiet`).
    func summary(_ text: String, message: String, _ fields: [(String, Value)]) {
        guard level >= .normal else { return }
        emit(to: .standardOutput, level: "info", message: message, text: text, fields: fields)
    }

    /// A message that ends a command without anything being wrong (another run holds the lock):
    /// always shown, worded as an error is (`gazette: TEXT`), logged at level `warning`.
    func notice(_ text: String) {
        emit(to: .standardError, level: "warning", message: "not run", text: "gazette: " + text, fields: [("detail", .string(text))])
    }

    /// A fatal error: always shown. Text form: `gazette: TEXT`.
    func error(_ text: String) {
        emit(to: .standardError, level: "error", message: "error", text: "gazette: " + text, fields: [("detail", .string(text))])
    }

    private enum Stream { case standardOutput, standardError }

    private func emit(to stream: Stream, level: String, message: String, text: String, fields: [(String, Value)]) {
        let line: String
        switch format {
        case .text:
            line = text
        case .json:
            let pairs = [("time", Value.string(rfc3339UTC(Date()))), ("level", .string(level)), ("message", .string(message))] + fields
            line = "{" + pairs.map { "\(jsonQuoted($0.0)):\($0.1.json)" }.joined(separator: ",") + "}"
        }
        switch stream {
        case .standardOutput: print(line)
        case .standardError: printError(line)
        }
    }
}

/// A command whose output options also shape how its fatal error is printed.
protocol ConsoleCommand {
    var console: Console { get }
}
