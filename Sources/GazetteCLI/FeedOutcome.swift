import Foundation

/// What happened to one feed in a fetch pass (`--verbose` prints one line each).
struct FeedOutcome: Sendable {
    enum Kind: String, Sendable {
        case fetched, notModified = "not-modified", failed, notDue = "not-due"
    }
    var url: String
    var kind: Kind
    var status: Int? = nil
    var itemsNew = 0
    var itemsChanged = 0
    var seconds: Double? = nil
    /// The error of a failed feed; the next due time of a feed not due.
    var note: String? = nil
}

extension FeedOutcome {
    /// `--verbose`'s line: `fetched https://…/rss.xml: 200, 12 new, 1 changed; 0.31 s`.
    var line: String {
        let seconds = self.seconds.map { String(format: "; %.2f s", $0) } ?? ""
        switch kind {
        case .fetched:
            return "fetched \(url): \(status.map(String.init) ?? "read"), \(itemsNew) new, \(itemsChanged) changed" + seconds
        case .notModified:
            return "not modified \(url)" + seconds
        case .failed:
            return "failed \(url): \(note ?? "unknown error")"
        case .notDue:
            return "not due \(url)" + (note.map { " (\($0))" } ?? "")
        }
    }

    /// The JSON form's fields.
    var fields: KeyValuePairs<String, Console.Value> {
        [
            "feed.url": .string(url), "outcome": .string(kind.rawValue), "http.status": status.map { .int($0) } ?? .null,
            "items.new": .int(itemsNew), "items.changed": .int(itemsChanged),
            "seconds": seconds.map { .double($0) } ?? .null, "note": note.map { .string($0) } ?? .null,
        ]
    }
}

/// The error `--strict` ends a command with when feeds failed. Their warnings already named each
/// one, except under `--quiet`, which keeps errors only: the error itself then names them, so that
/// cron does not mail an exit status 1 with nothing to explain it.
func strictFailure(_ summary: FetchSummary, console: Console) -> CommandFailure {
    guard console.level == .quiet else {
        return CommandFailure(message: "\(summary.failed) feeds failed (--strict)", alreadyReported: true)
    }
    let failed = summary.feeds.filter { $0.kind == .failed }
    let named = failed.prefix(10).map { "\($0.url)" + ($0.note.map { " (\($0))" } ?? "") }.joined(separator: "; ")
    let more = failed.count > 10 ? "; and \(failed.count - 10) more" : ""
    return CommandFailure(message: "\(summary.failed) feeds failed (--strict): \(named)\(more)")
}
