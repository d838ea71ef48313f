import GazetteModel
import Yams

/// Where `feeds:` and each of its entries sit in feeds.yml's lines, found from Yams' marks (which give
/// where a node starts, not where it ends) and the lines' indentation. Lines are 0-based here.
struct FeedsLayout {
    /// The lines of one entry of a block list: from its `-` line to its last line indented deeper than
    /// the dash (comments inside it included) or continuing one of its values. Blank lines and comments
    /// after it at the dash's column or left of it are not the entry's: they stand before the next one.
    struct Entry {
        let firstLine: Int
        let lastLine: Int
    }

    /// What `feeds:` holds.
    enum Value {
        /// There is no `feeds:` key.
        case absent
        /// `feeds:` with nothing after it (comments aside).
        case empty
        /// `feeds: []`, `feeds: ~` or `feeds: null`: the marker's bytes, on line `line`, which a block list replaces.
        case emptyMarker(Range<Int>, line: Int)
        /// A block list: its entries in file order, the column (0-based) of their `-` and of their first key.
        case block([Entry], dashColumn: Int, keyColumn: Int)
    }

    let value: Value
    /// The column (0-based) of the top-level keys.
    let rootColumn: Int
    /// The line of the `feeds:` key; nil when absent.
    let keyLine: Int?
    /// The line before which `feeds:`'s section ends: the next top-level key, a `...` line, or the end
    /// (`lines.count`). With no `feeds:` key, the end of the document's last section.
    let endLine: Int
    /// How far the file indents a mapping under its key (2 unless `site:` shows another habit).
    let indentStep: Int

    /// Finds `feeds:` in `text`, whose node tree is `root`.
    /// - Throws: `cannotEdit` when the top level or a non-empty `feeds:` is written in flow style
    ///   (`{…}`, `[…]`), or the layout is not one this editor can change without touching other bytes.
    init(_ text: TextLines, root: Node, file: String) throws(ConfigError) {
        func position(_ mark: Mark?) -> FilePosition { FilePosition(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1) }
        guard case let .mapping(top) = root else {
            throw .cannotEdit(reason: "the top level is not a mapping", fix: "start the file with 'site:'", at: position(root.mark))
        }
        guard !Self.isFlow(root, in: text) else {
            throw .cannotEdit(reason: "the top level is written in flow style ({…})",
                              fix: "rewrite it as one 'key:' per line ('site:', 'defaults:', 'feeds:')", at: position(top.mark))
        }
        let keys = top.map { (name: $0.key.scalar?.string, mark: $0.key.mark, value: $0.value) }
        rootColumn = (keys.first?.mark?.column ?? 1) - 1
        indentStep = keys.lazy.compactMap { key -> Int? in
            // A block mapping under its key, on the lines below it: its column less the key's.
            guard case let .mapping(mapping) = key.value, !Self.isFlow(key.value, in: text), let at = mapping.mark, let keyAt = key.mark,
                  at.line > keyAt.line, at.column > keyAt.column else { return nil }
            return at.column - keyAt.column
        }.first ?? 2

        guard let feeds = keys.first(where: { $0.name == "feeds" }), let keyMark = feeds.mark else {
            let lastKeyLine = (keys.compactMap { $0.mark?.line }.max() ?? 1) - 1
            (value, keyLine, endLine) = (.absent, nil, text.documentEnd(from: lastKeyLine) ?? text.lines.count)
            return
        }
        let keyLine = keyMark.line - 1
        let nextKeyLine = keys.compactMap { $0.mark.map { $0.line - 1 } }.filter { $0 > keyLine }.min()
        let endLine = min(nextKeyLine ?? text.lines.count, text.documentEnd(from: keyLine + 1) ?? text.lines.count)
        (self.keyLine, self.endLine) = (keyLine, endLine)

        switch feeds.value {
        case let .scalar(scalar) where isNull(feeds.value):
            guard !scalar.string.isEmpty, let mark = scalar.mark else { value = .empty; return }
            // `~` or `null`: plain, so its text is its bytes.
            let start = text.offset(line: mark.line, column: mark.column)
            value = .emptyMarker(start..<start + scalar.string.utf8.count, line: mark.line - 1)
        case let .sequence(sequence) where Self.isFlow(feeds.value, in: text):
            guard sequence.isEmpty, let mark = sequence.mark, let open = Self.flowOpening(of: feeds.value, in: text) else {
                throw .cannotEdit(reason: "'feeds:' is written in flow style ([…])",
                                  fix: "rewrite it as a block list, one '- title: …' per feed with 'url: …' under it, and try again",
                                  at: position(sequence.mark))
            }
            let line = text.lines[mark.line - 1]
            guard let close = text.bytes[(open + 1)..<line.contentEnd].firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
                  text.bytes[close] == 0x5D else {
                throw .cannotEdit(reason: "'feeds: []' spreads over several lines",
                                  fix: "write it as 'feeds:' alone, or 'feeds: []' on one line, and try again", at: position(mark))
            }
            value = .emptyMarker(open..<close + 1, line: mark.line - 1)
        case let .sequence(sequence):
            value = try Self.blockList(sequence, in: text, endLine: endLine, file: file)
        default:
            throw .cannotEdit(reason: "'feeds:' is not a list", fix: "write one '- title: …' per feed under it", at: position(feeds.value.mark))
        }
    }

    /// Whether `node` is a list or mapping written in flow style (`[…]`, `{…}`).
    private static func isFlow(_ node: Node, in text: TextLines) -> Bool { flowOpening(of: node, in: text) != nil }

    /// The offset of the `[` or `{` that opens `node` in flow style, seen in the text at its mark, past an
    /// anchor or tag; nil for block style. Not from `style`: Yams 6 takes a collection's style from its
    /// end event, which has none, so it reads `.any` whatever the text says.
    private static func flowOpening(of node: Node, in text: TextLines) -> Int? {
        guard let mark = node.mark, mark.line <= text.lines.count else { return nil }
        let end = text.lines[mark.line - 1].contentEnd
        var offset = text.offset(line: mark.line, column: mark.column)
        // `&anchor [` or `!!seq [`: skip each property and the spaces after it.
        while offset < end, text.bytes[offset] == 0x26 || text.bytes[offset] == 0x21 {
            while offset < end, text.bytes[offset] != 0x20, text.bytes[offset] != 0x09 { offset += 1 }
            while offset < end, text.bytes[offset] == 0x20 || text.bytes[offset] == 0x09 { offset += 1 }
        }
        return offset < end && (text.bytes[offset] == 0x5B || text.bytes[offset] == 0x7B) ? offset : nil
    }

    /// The entries of a block list, each from its `-` line to its last line.
    private static func blockList(_ sequence: Node.Sequence, in text: TextLines, endLine: Int, file: String) throws(ConfigError) -> Value {
        var dashes: [(line: Int, column: Int)] = []
        for item in sequence {
            guard let mark = item.mark, let dash = dash(before: mark, in: text) else {
                throw .cannotEdit(reason: "cannot find the '-' that starts this feed",
                                  fix: "write each feed as '- title: …' with 'url: …' under it",
                                  at: FilePosition(file: file, line: item.mark?.line ?? 1, column: item.mark?.column ?? 1))
            }
            dashes.append(dash)
        }
        guard let dashColumn = dashes.first?.column, let lastItem = sequence.last?.mark else { return .empty }
        var entries: [Entry] = []
        for (index, dash) in dashes.enumerated() {
            let bound = index + 1 < dashes.count ? dashes[index + 1].line : endLine
            // Deeper lines are the entry's, comments included; a line at the dash's column or left of it can
            // only be a comment (or blank) between entries, or a quoted value going on (libyaml allows that).
            let last = (dash.line..<bound).last { !text.isBlank($0) && (text.indentation($0) > dashColumn || !text.isComment($0)) }
            entries.append(Entry(firstLine: dash.line, lastLine: last ?? dash.line))
        }
        // New entries copy the last one's layout: `- title:` puts the key two columns right of the dash.
        let keyColumn = max(lastItem.column - 1, dashColumn + 2)
        return .block(entries, dashColumn: dashColumn, keyColumn: keyColumn)
    }

    /// The line and column (0-based) of the `-` that starts the list item whose content starts at `mark`:
    /// on the same line (`- title: …`) or above it, with only spaces and comments between.
    private static func dash(before mark: Mark, in text: TextLines) -> (line: Int, column: Int)? {
        let markOffset = text.offset(line: mark.line, column: mark.column)
        for line in stride(from: mark.line - 1, through: 0, by: -1) {
            let start = text.lines[line].start
            var segment = text.bytes[start..<(line == mark.line - 1 ? markOffset : text.lines[line].contentEnd)]
            if line != mark.line - 1, let hash = segment.indices.first(where: { index in
                text.bytes[index] == 0x23 && (index == start || [0x20, 0x09].contains(text.bytes[index - 1]))
            }) {
                segment = segment[..<hash]
            }
            while let last = segment.last, last == 0x20 || last == 0x09 { segment = segment.dropLast() }
            guard let last = segment.last else { continue }
            guard last == 0x2D, segment.dropLast().allSatisfy({ $0 == 0x20 }) else { return nil }
            return (line, segment.count - 1)
        }
        return nil
    }
}
