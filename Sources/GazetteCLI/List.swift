import ArgumentParser
import Foundation
import GazetteConfig
import GazetteModel
import GazetteStore

/// `gazette list`: every subscription of feeds.yml with how its last fetch went.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each subscription: title, category, last fetch, status, items, failures in a row.",
        discussion: "Reads the store without taking the run lock, so it works while a run is going."
    )

    @OptionGroup var options: ConfigOption
    var config: String { options.config }

    @Flag(help: "Print a JSON array, one object per feed.")
    var json = false

    func run() async throws {
        let site = try options.load()
        let states = try options.feedStates(for: site)
        var counts: [String: Int] = [:]
        if let store = try options.existingStore(for: site) {
            do {
                counts = try store.itemCountsByFeed()
            } catch {
                throw CommandFailure(message: error.description)
            }
        }
        let rows = site.feeds.map { Subscription(feed: $0, state: states[$0.url], items: counts[$0.url] ?? 0) }
        if json {
            print("[" + rows.map(\.json).joined(separator: ",\n ") + "]")
        } else {
            print(table(rows))
        }
    }

    /// Columns padded to their widest cell (counting CJK characters as two columns, as terminals draw them).
    private func table(_ rows: [Subscription]) -> String {
        guard !rows.isEmpty else { return "no subscriptions in \(config); add one with 'gazette subscribe URL'" }
        let header = ["TITLE", "CATEGORY", "LAST FETCH", "STATUS", "ITEMS", "FAILURES"]
        let cells = [header] + rows.map { row in
            [row.feed.title, row.feed.category, row.state?.lastAttempt.map(rfc3339UTC) ?? "never",
             row.status, String(row.items), String(row.state?.consecutiveFailures ?? 0)]
        }
        let widths = header.indices.map { column in cells.map { displayWidth($0[column]) }.max() ?? 0 }
        return cells.map { line in
            line.enumerated().map { column, cell in
                column == line.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - displayWidth(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// One row of `gazette list`.
struct Subscription {
    var feed: FeedConfig
    var state: FeedState?
    var items: Int

    /// `ok (200)`, `not modified`, `failing: …`, `disabled: …`, `moved to …`, `never fetched`.
    var status: String {
        guard let state, state.lastAttempt != nil else { return "never fetched" }
        if let reason = state.disabledReason { return "disabled: \(reason)" }
        if state.consecutiveFailures > 0 { return "failing: \(state.lastError ?? "unknown error")" }
        var text = state.lastStatus == 304 ? "not modified" : "ok" + (state.lastStatus.map { " (\($0))" } ?? "")
        if let moved = state.adoptedURL { text += "; moved to \(moved)" }
        return text
    }

    var json: String {
        func text(_ value: String?) -> String { value.map(jsonQuoted) ?? "null" }
        func date(_ value: Date?) -> String { text(value.map(rfc3339UTC)) }
        let fields: [(String, String)] = [
            ("title", text(feed.title)), ("url", text(feed.url)), ("category", text(feed.category)),
            ("category_title", text(feed.categoryTitle)), ("tags", "[" + feed.tags.map(jsonQuoted).joined(separator: ",") + "]"),
            ("line", String(feed.line)),
            ("status", text(status)), ("http_status", state?.lastStatus.map(String.init) ?? "null"),
            ("error", text(state?.lastError)), ("last_fetch", date(state?.lastAttempt)),
            ("last_success", date(state?.lastSuccess)), ("last_new_item", date(state?.lastNewItem)),
            ("next_due", date(state?.nextDue(interval: feed.fetch.interval))), ("items", String(items)),
            ("consecutive_failures", String(state?.consecutiveFailures ?? 0)),
            ("disabled", text(state?.disabledReason)), ("moved_to", text(state?.adoptedURL)),
        ]
        return "{" + fields.map { "\(jsonQuoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}

/// Terminal columns `text` takes: East Asian wide and fullwidth characters take two.
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
        let value = scalar.value
        let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value) || (0x20000...0x3FFFD).contains(value)
        return width + (wide ? 2 : 1)
    }
}
