/// Posts are Markdown files (design.md), so Jekyll's kramdown reads their bodies as Markdown wherever
/// they are not inside a block-level HTML element: there, `[x](javascript:alert(1))` became a live link
/// past the sanitizer, `{: onclick="…"}` an attribute, `*ST康美、*ST华谊` emphasis, `"` curly quotes.
/// Inside a block-level element kramdown copies the HTML as it is (its `parse_block_html` is off by
/// default), so the body is made of block-level elements only: each run of top-level text and inline
/// elements goes into a `<p>`, one per blank-line-separated paragraph of text. A body that is already
/// all blocks (the reference post's `<p>…</p>` lines) is returned unchanged.
public func markdownInertBody(_ html: String) -> String {
    var scanner = TopLevelScanner(html: Array(html.utf8))
    return scanner.run()
}

/// kramdown's HTML_SPAN_ELEMENTS (kramdown 2.4, `parser/html.rb`): the elements it does not take for
/// the start of an HTML block, so that Markdown goes on around and inside them.
private let kramdownSpanElements: Set<String> = [
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn", "em", "i", "img",
    "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "samp",
    "select", "small", "span", "strong", "sub", "sup", "tt", "u", "var",
]

private let voidElements: [[UInt8]] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
].map { Array($0.utf8) }

/// Whether the tag name `name` (ASCII, any case) is an HTML void element, which has no end tag.
private func isVoidElement(_ name: ArraySlice<UInt8>) -> Bool {
    guard (2...6).contains(name.count) else { return false }
    return voidElements.contains { void in
        void.count == name.count && zip(void, name).allSatisfy { $0 == ($1 | 0x20) }
    }
}

/// One pass over sanitized HTML (balanced, attribute values quoted, no raw `<` in text), copying it
/// with `<p>` and `</p>` added around top-level inline runs.
private struct TopLevelScanner {
    let html: [UInt8]
    var output: [UInt8] = []
    var index = 0
    var depth = 0
    var inRun = false
    /// Top-level whitespace seen in a run and not yet copied: it goes after the run's `</p>` when a
    /// block follows, inside the run when more inline content does.
    var pendingSpace: [UInt8] = []

    init(html: [UInt8]) {
        self.html = html
        output.reserveCapacity(html.count + 16)
    }

    mutating func run() -> String {
        while index < html.count {
            if html[index] == UInt8(ascii: "<"), let end = tagEnd(from: index) {
                tag(html[index..<end])
                index = end
            } else {
                let start = index
                index += 1
                while index < html.count, html[index] != UInt8(ascii: "<") { index += 1 }
                text(html[start..<index])
            }
        }
        closeRun()
        output.append(contentsOf: pendingSpace)
        return String(decoding: output, as: UTF8.self)
    }

    /// The index just past the `>` that ends the tag starting at `start`, quotes respected; nil when
    /// the `<` starts no tag.
    func tagEnd(from start: Int) -> Int? {
        var position = start + 1
        guard position < html.count else { return nil }
        let first = html[position]
        guard first == UInt8(ascii: "/") || first == UInt8(ascii: "!") || isASCIILetter(first) else { return nil }
        var quote: UInt8?
        while position < html.count {
            let byte = html[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return position + 1
            }
            position += 1
        }
        return nil
    }

    mutating func tag(_ bytes: ArraySlice<UInt8>) {
        let isEnd = bytes.dropFirst().first == UInt8(ascii: "/")
        let nameBytes = bytes.dropFirst(isEnd ? 2 : 1).prefix { isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
        // The name as a String only for top-level tags (few); inside, only "is it void" matters, and
        // that is asked of the bytes (a String per tag was most of this pass's cost in a build).
        func isSpan() -> Bool { kramdownSpanElements.contains(String(decoding: nameBytes, as: UTF8.self).lowercased()) }
        if bytes.dropFirst().first == UInt8(ascii: "!") {     // a comment or declaration: copied where it is
            copy(bytes, asInline: false)
            return
        }
        if isEnd {
            copy(bytes, asInline: depth > 0 || isSpan())
            depth = max(0, depth - 1)
            return
        }
        copy(bytes, asInline: depth > 0 || isSpan())
        let selfClosed = bytes.dropLast().last == UInt8(ascii: "/")
        if !selfClosed, !isVoidElement(nameBytes) { depth += 1 }
    }

    mutating func text(_ bytes: ArraySlice<UInt8>) {
        guard depth == 0 else { output.append(contentsOf: bytes); return }
        if bytes.allSatisfy(isSpace) {
            if inRun { pendingSpace.append(contentsOf: bytes) } else { output.append(contentsOf: bytes) }
            return
        }
        // Paragraphs of plain text: a blank line ends one.
        var lineStart = bytes.startIndex
        var position = bytes.startIndex
        var blankAt: (Range<Int>)?
        while position < bytes.endIndex {
            if bytes[position] == UInt8(ascii: "\n") {
                var next = position + 1
                while next < bytes.endIndex, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t")
                        || bytes[next] == UInt8(ascii: "\r") { next += 1 }
                if next < bytes.endIndex, bytes[next] == UInt8(ascii: "\n") {
                    // From the first newline to the last of the blank lines, and on to the next text.
                    var end = next
                    while end < bytes.endIndex, isSpace(bytes[end]) { end += 1 }
                    blankAt = position..<end
                    break
                }
            }
            position += 1
        }
        guard let blank = blankAt else {
            inlineText(bytes[lineStart...])
            return
        }
        inlineText(bytes[lineStart..<blank.lowerBound])
        closeRun()
        output.append(contentsOf: pendingSpace)
        pendingSpace = []
        output.append(contentsOf: bytes[blank])
        lineStart = blank.upperBound
        if lineStart < bytes.endIndex { text(bytes[lineStart...]) }
    }

    mutating func inlineText(_ bytes: ArraySlice<UInt8>) {
        let trimmed = bytes.drop(while: isSpace)
        if trimmed.isEmpty { if inRun { pendingSpace.append(contentsOf: bytes) } else { output.append(contentsOf: bytes) }; return }
        if !inRun {
            output.append(contentsOf: bytes[bytes.startIndex..<trimmed.startIndex])
            openRun()
            output.append(contentsOf: trimmed)
        } else {
            output.append(contentsOf: pendingSpace)
            pendingSpace = []
            output.append(contentsOf: bytes)
        }
        // Trailing whitespace waits: it goes outside the `</p>` if a block comes next.
        let content = output.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? output.count
        pendingSpace = Array(output[content...])
        output.removeSubrange(content...)
    }

    mutating func copy(_ bytes: ArraySlice<UInt8>, asInline inline: Bool) {
        if depth == 0 {
            if inline {
                if !inRun { output.append(contentsOf: pendingSpace); pendingSpace = []; openRun() }
                output.append(contentsOf: pendingSpace)
                pendingSpace = []
            } else {
                closeRun()
                output.append(contentsOf: pendingSpace)
                pendingSpace = []
            }
        }
        output.append(contentsOf: bytes)
    }

    mutating func openRun() {
        output.append(contentsOf: Array("<p>".utf8))
        inRun = true
    }

    mutating func closeRun() {
        guard inRun else { return }
        output.append(contentsOf: Array("</p>".utf8))
        inRun = false
    }
}

private func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
}

private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
}
