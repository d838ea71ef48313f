import Foundation
import GazetteModel

/// The text of a feeds.yml, edited entry by entry so that every other byte stays as the user wrote it:
/// comments, order, blank lines, odd spacing, CRLF line breaks, a UTF-8 byte-order mark. Every edit is
/// checked by reading the result with `ConfigLoader.parse(text:file:)` before it is handed back.
///
/// ```swift
/// let text = try FeedsFile.read(path: path)
/// let edited = try FeedsFile.appending([NewFeedEntry(title: "每日经济新闻", url: url)], to: text, file: path)
/// try FeedsFile.save(edited, to: path)
/// ```
public enum FeedsFile {
    /// UTF-8's byte-order mark, which editors on Windows put first; kept, and hidden from libyaml.
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The exact text of the file (BOM and line endings kept).
    /// - Throws: `ConfigError.unreadable` (no such file, a folder, permission) or `.notUTF8`.
    public static func read(path: String) throws(ConfigError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path, isDirectory: false))
        } catch {
            throw .unreadable(file: path, cause: ConfigLoader.readFailure(error, path: path))
        }
        // Not `String(data:encoding:)`, which may drop a byte-order mark.
        guard let text = String(validating: data, as: UTF8.self) else { throw ConfigError.notUTF8(in: data, file: path) }
        return text
    }

    /// `text` with `entries` appended, in order, at the end of the `feeds:` list: after the last line of
    /// its last entry (before blank lines, comments at the dash's column or left of it, and the next
    /// top-level key), copying that entry's indentation, with the file's line breaks. An empty `feeds:`
    /// (`feeds:`, `feeds: []`, `feeds: ~`) gets a block list in place of its marker; a file without
    /// `feeds:` gets a `feeds:` section at its end. `file` names the file in errors and resolves
    /// relative paths, as in `ConfigLoader.parse`. Returns the new text; an empty `entries` gives `text`.
    /// - Throws: whatever `ConfigLoader.parse` throws for `text` itself; `cannotEdit` for a `feeds:`
    ///   written in flow style with content; `editInvalid` when the result would be refused (a
    ///   duplicate url, an empty title).
    public static func appending(_ entries: [NewFeedEntry], to text: String, file: String) throws(ConfigError) -> String {
        let (hasMark, lines, before, layout) = try open(text, file: file)
        guard !entries.isEmpty else { return text }
        let edits = additions(of: entries, layout: layout, lines: lines)
        let edited = apply(edits, to: lines.bytes)
        let after = try reparse(edited, file: file)
        let added = after.feeds.dropFirst(before.feeds.count)
        guard after.feeds.count == before.feeds.count + entries.count,
              after.feeds.prefix(before.feeds.count).map(\.url) == before.feeds.map(\.url),
              zip(added, entries).allSatisfy({ feed($0, matches: $1) }) else {
            throw unexpectedResult(layout: layout, file: file)
        }
        return String(decoding: (hasMark ? byteOrderMark : []) + edited, as: UTF8.self)
    }

    /// `text` without the entry at `index` of `feeds:` (0-based, in file order, the same order as
    /// `SiteConfig.feeds`): its lines from its `-` to its last line indented deeper than the dash,
    /// comments inside it included; comments above it and blank lines around it stay. Removing the only
    /// entry leaves `feeds:` with no items. Validated by re-parsing.
    /// - Throws: whatever `ConfigLoader.parse` throws for `text` itself; `noSuchFeed` for an index
    ///   outside the list; `cannotEdit` for a `feeds:` in flow style; `editInvalid` if the result would
    ///   be refused.
    public static func removing(feedAt index: Int, from text: String, file: String) throws(ConfigError) -> String {
        let (hasMark, lines, before, layout) = try open(text, file: file)
        guard before.feeds.indices.contains(index) else { throw .noSuchFeed(index: index, count: before.feeds.count, file: file) }
        guard case let .block(entries, _, _) = layout.value, entries.count == before.feeds.count else {
            throw unexpectedResult(layout: layout, file: file)
        }
        let entry = entries[index]
        var range = lines.lines[entry.firstLine].start..<lines.lines[entry.lastLine].end
        // The last line of a file without a final line break: the break before the entry goes with it.
        if lines.lineBreak(entry.lastLine).isEmpty, entry.firstLine > 0 {
            range = lines.lines[entry.firstLine - 1].contentEnd..<range.upperBound
        }
        let edited = apply([(range, [])], to: lines.bytes)
        let after = try reparse(edited, file: file)
        var expected = before.feeds
        expected.remove(at: index)
        guard after.feeds.map(\.url) == expected.map(\.url), after.feeds.map(\.title) == expected.map(\.title) else {
            throw unexpectedResult(layout: layout, file: file)
        }
        return String(decoding: (hasMark ? byteOrderMark : []) + edited, as: UTF8.self)
    }

    /// `text` split from its byte-order mark, its lines, what it configures, and where `feeds:` is in it.
    private static func open(_ text: String, file: String)
        throws(ConfigError) -> (hasMark: Bool, lines: TextLines, config: SiteConfig, layout: FeedsLayout) {
        var bytes = Array(text.utf8)
        let hasMark = bytes.starts(with: byteOrderMark)
        if hasMark { bytes.removeFirst(byteOrderMark.count) }
        let body = String(decoding: bytes, as: UTF8.self)
        let config = try ConfigLoader.parse(text: body, file: file)
        // Parsed above, so there is a root (`site:` at least).
        guard let root = try ConfigLoader.compose(body, file: file) else {
            throw .missingKey("site", in: "feeds.yml", at: FilePosition(file: file, line: 1, column: 1))
        }
        let lines = TextLines(bytes)
        return (hasMark, lines, config, try FeedsLayout(lines, root: root, file: file))
    }

    /// The byte edits that add `entries` where `layout` says the list ends.
    private static func additions(of entries: [NewFeedEntry], layout: FeedsLayout, lines: TextLines) -> [Edit] {
        let dashColumn = layout.rootColumn + layout.indentStep
        func entryLines(dashColumn: Int, keyColumn: Int) -> [String] {
            entries.flatMap { $0.lines(dashColumn: dashColumn, keyColumn: keyColumn) }
        }
        switch layout.value {
        case let .block(existing, dashColumn, keyColumn):
            return [insertion(of: entryLines(dashColumn: dashColumn, keyColumn: keyColumn), after: existing.last?.lastLine ?? 0, in: lines)]
        case .empty:
            // Comments indented under `feeds:` belong to it: the list goes after them.
            var line = layout.keyLine ?? 0
            while line + 1 < layout.endLine, lines.isComment(line + 1), lines.indentation(line + 1) > layout.rootColumn { line += 1 }
            return [insertion(of: entryLines(dashColumn: dashColumn, keyColumn: dashColumn + 2), after: line, in: lines)]
        case let .emptyMarker(marker, line):
            let new = entryLines(dashColumn: dashColumn, keyColumn: dashColumn + 2)
            var start = marker.lowerBound
            while start > lines.lines[line].start, [0x20, 0x09].contains(lines.bytes[start - 1]) { start -= 1 }
            let rest = lines.content(line).indices.filter { !(start..<marker.upperBound).contains($0) }
            if line != layout.keyLine, rest.allSatisfy({ [0x20, 0x09].contains(lines.bytes[$0]) }) {
                // `feeds:` then `  []` alone on its line: the list takes that line's place.
                let eol = lines.lineBreak(near: line)
                let lastLine = lines.lineBreak(line).isEmpty
                let bytes = Array(new.joined(separator: String(decoding: eol, as: UTF8.self)).utf8) + (lastLine ? [] : eol)
                return [(lines.lines[line].start..<lines.lines[line].end, bytes)]
            }
            return [(start..<marker.upperBound, []), insertion(of: new, after: line, in: lines)]
        case .absent:
            let new = [String(repeating: " ", count: layout.rootColumn) + "feeds:"] + entryLines(dashColumn: dashColumn, keyColumn: dashColumn + 2)
            if layout.endLine < lines.lines.count {
                // Before the `...` that ends the document.
                let eol = lines.lineBreak(near: layout.endLine)
                return [(lines.lines[layout.endLine].start..<lines.lines[layout.endLine].start, new.flatMap { Array($0.utf8) + eol })]
            }
            return [insertion(of: new, after: lines.lines.count - 1, in: lines)]
        }
    }

    /// A replacement of the bytes in `range`.
    private typealias Edit = (range: Range<Int>, bytes: [UInt8])

    /// `newLines` inserted after line `line`, with the line break of the lines around; after a last line
    /// without one, the file keeps ending without one.
    private static func insertion(of newLines: [String], after line: Int, in lines: TextLines) -> Edit {
        let eol = lines.lineBreak(near: line)
        let end = lines.lines.indices.contains(line) ? lines.lines[line].end : lines.bytes.count
        if lines.lines.indices.contains(line), lines.lineBreak(line).isEmpty {
            return (end..<end, newLines.flatMap { eol + Array($0.utf8) })
        }
        return (end..<end, newLines.flatMap { Array($0.utf8) + eol })
    }

    /// `bytes` with `edits` (which do not overlap) made.
    private static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.replaceSubrange(edit.range, with: edit.bytes)
        }
        return bytes
    }

    /// The edited text (without a byte-order mark) read as `ConfigLoader.parse` reads it.
    /// - Throws: `editInvalid` wrapping the loader's error.
    private static func reparse(_ bytes: [UInt8], file: String) throws(ConfigError) -> SiteConfig {
        do {
            return try ConfigLoader.parse(text: String(decoding: bytes, as: UTF8.self), file: file)
        } catch {
            throw .editInvalid(file: file, cause: error)
        }
    }

    /// The error for an edit that did not read back as intended: this editor's mistake, not the user's.
    private static func unexpectedResult(layout: FeedsLayout, file: String) -> ConfigError {
        .cannotEdit(reason: "the edited file would not read back as intended, so it was left unchanged",
                    fix: "make this change by hand, and please report it with the file",
                    at: FilePosition(file: file, line: (layout.keyLine ?? 0) + 1, column: layout.rootColumn + 1))
    }

    /// Whether the loader read `entry` as `feed`: the same title and url, and the same category, category
    /// title and tags where the entry gives them.
    private static func feed(_ feed: FeedConfig, matches entry: NewFeedEntry) -> Bool {
        feed.title == entry.title && feed.url == entry.url && feed.category == (entry.category ?? feed.category)
            && feed.categoryTitle == (entry.categoryTitle ?? feed.categoryTitle) && feed.tags == (entry.tags ?? feed.tags)
    }
}
