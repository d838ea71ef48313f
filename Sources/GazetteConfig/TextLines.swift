/// A text's UTF-8 bytes cut into lines where libyaml cuts them (LF, CRLF, CR, and U+0085, U+2028,
/// U+2029: libyaml's `IS_BREAK`), so a Yams mark's line indexes `lines` and its column maps to a byte.
/// Editing works on these bytes: every byte not edited is handed back as it was.
struct TextLines {
    /// One line: `start..<contentEnd` is its text, `contentEnd..<end` its line break (empty on a last
    /// line that has none).
    struct Line {
        let start: Int
        let contentEnd: Int
        let end: Int
    }

    let bytes: [UInt8]
    /// The lines in order; a text ending in a line break has no empty line after it.
    let lines: [Line]

    init(_ bytes: [UInt8]) {
        var lines: [Line] = []
        var start = 0, index = 0
        while index < bytes.count {
            let breakLength = Self.lineBreakLength(in: bytes, at: index)
            if breakLength > 0 {
                lines.append(Line(start: start, contentEnd: index, end: index + breakLength))
                index += breakLength
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { lines.append(Line(start: start, contentEnd: bytes.count, end: bytes.count)) }
        (self.bytes, self.lines) = (bytes, lines)
    }

    /// The length in bytes of the line break at `index`, 0 when there is none.
    private static func lineBreakLength(in bytes: [UInt8], at index: Int) -> Int {
        func byte(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        switch bytes[index] {
        case 0x0A: return 1
        case 0x0D: return byte(1) == 0x0A ? 2 : 1
        case 0xC2 where byte(1) == 0x85: return 2                                    // NEL
        case 0xE2 where byte(1) == 0x80 && (byte(2) == 0xA8 || byte(2) == 0xA9): return 3   // LS, PS
        default: return 0
        }
    }

    /// The text of line `index`, without its line break.
    func content(_ index: Int) -> ArraySlice<UInt8> { bytes[lines[index].start..<lines[index].contentEnd] }

    /// The line break ending line `index`; empty for a last line without one.
    func lineBreak(_ index: Int) -> ArraySlice<UInt8> { bytes[lines[index].contentEnd..<lines[index].end] }

    /// The number of spaces line `index` starts with (YAML indents with spaces only).
    func indentation(_ index: Int) -> Int { content(index).prefix(while: { $0 == 0x20 }).count }

    /// Whether line `index` holds only spaces and tabs, or nothing.
    func isBlank(_ index: Int) -> Bool { content(index).allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    /// Whether line `index` holds only a comment (its first byte after spaces is `#`).
    func isComment(_ index: Int) -> Bool { content(index).first(where: { $0 != 0x20 && $0 != 0x09 }) == 0x23 }

    /// The byte offset of a Yams mark: `line` and `column` 1-based, the column in Unicode scalars.
    func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lines.count else { return bytes.count }
        var offset = lines[line - 1].start
        var scalars = 1
        while scalars < column, offset < lines[line - 1].contentEnd {
            offset += 1
            // UTF-8 continuation bytes (10xxxxxx) do not start a scalar.
            while offset < lines[line - 1].contentEnd, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return offset
    }

    /// The line break new lines should use near line `index`: its own, else the text's first, else LF.
    func lineBreak(near index: Int?) -> [UInt8] {
        let usable = { (b: ArraySlice<UInt8>) in b == [0x0A] || b == [0x0D, 0x0A] || b == [0x0D] }
        if let index, lines.indices.contains(index), usable(lineBreak(index)) { return Array(lineBreak(index)) }
        return lines.indices.lazy.map(lineBreak).first(where: usable).map(Array.init) ?? [0x0A]
    }

    /// The first line at or after `index` that is a document end marker (`...` alone at column 1),
    /// which nothing may follow in a one-document file; nil when there is none.
    func documentEnd(from index: Int) -> Int? {
        lines.indices.dropFirst(max(0, index)).first { line in
            let text = content(line)
            guard text.starts(with: [0x2E, 0x2E, 0x2E]) else { return false }
            let rest = text.dropFirst(3)
            return rest.first.map { $0 == 0x20 || $0 == 0x09 } ?? true
        }
    }
}
