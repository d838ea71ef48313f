import Foundation

/// How a captured text is to be read.
enum TextMode: Sendable {
    /// Plain text (Atom type="text", JSON Feed content_text).
    case text
    /// HTML source (Atom type="html", RSS description, content:encoded).
    case html
    /// Serialized XHTML (Atom type="xhtml"): already markup, text escaped.
    case xhtml
    /// RSS titles and the like: plain text unless it carries markup or entities.
    case maybeHTML
}

/// A text as the document gave it, with what is needed to turn it into plain text or safe HTML.
struct TextValue: Sendable {
    var raw: String
    var mode: TextMode
    /// The xml:base in effect where it was found.
    var base: String?

    /// Plain text: entities decoded, markup removed, whitespace collapsed.
    func plain() -> String {
        switch mode {
        case .text:
            return collapseWhitespace(raw)
        case .html, .xhtml, .maybeHTML:
            if !raw.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) {
                return collapseWhitespace(raw)
            }
            // A title escaped twice (`&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt;`) is markup once
            // unescaped, as `html` reads it: its text is "Bold", not "<b>Bold</b>".
            return plainText(fromHTML: mode == .xhtml ? raw : unescapeIfDoubleEscaped(raw))
        }
    }

    /// Sanitized HTML with absolute URLs; with `sanitize` off, the HTML as given (plain text escaped).
    func html(sanitize: Bool, fallbackBase: String?) -> String {
        switch mode {
        case .text:
            return escapeHTML(raw)
        case .html, .maybeHTML, .xhtml:
            let source = mode == .xhtml ? raw : unescapeIfDoubleEscaped(raw)
            return sanitize ? sanitizeHTML(source, base: base ?? fallbackBase) : source
        }
    }
}

/// Collapses runs of XML whitespace to one space and trims both ends.
func collapseWhitespace(_ text: String) -> String {
    var text = text
    return text.withUTF8 { utf8 -> String? in
        // Most titles need nothing done: then the text itself is the answer, not a copy of it.
        if let first = utf8.first, let last = utf8.last, !isXMLSpace(first), !isXMLSpace(last) {
            var previousSpace = false
            var clean = true
            for byte in utf8 {
                let space = isXMLSpace(byte)
                if space && (byte != 0x20 || previousSpace) { clean = false; break }
                previousSpace = space
            }
            if clean { return nil }
        }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if isXMLSpace(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    } ?? text
}

/// Feeds that escape their HTML twice (`&amp;lt;p&amp;gt;`) reach us as `&lt;p&gt;…` with no real tag:
/// unescape once more so the HTML reads as intended. A text with any real tag is left alone, and so
/// is one whose escaped tags never close (no `&lt;/name`, no `/&gt;`): that is text about markup
/// ("use the &lt;video&gt; element"), which unescaped became tags and lost what followed `&lt;script&gt;`.
func unescapeIfDoubleEscaped(_ html: String) -> String {
    var html = html
    return html.withUTF8 { utf8 -> String? in
        let lt = UInt8(ascii: "<"), amp = UInt8(ascii: "&"), slash = UInt8(ascii: "/")
        var closingTag = false
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == lt { return nil }
            // `&lt;/` followed by a letter: an escaped end tag.
            if byte == amp, index + 5 < utf8.count, utf8[index + 1] == UInt8(ascii: "l"), utf8[index + 2] == UInt8(ascii: "t"),
               utf8[index + 3] == UInt8(ascii: ";"), utf8[index + 4] == slash {
                let next = utf8[index + 5] | 0x20
                if next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z") { closingTag = true }
            }
            // `/&gt;`: an escaped empty-element tag (`&lt;br /&gt;`).
            if byte == slash, index + 4 < utf8.count, utf8[index + 1] == amp, utf8[index + 2] == UInt8(ascii: "g"),
               utf8[index + 3] == UInt8(ascii: "t"), utf8[index + 4] == UInt8(ascii: ";") {
                closingTag = true
            }
            index += 1
        }
        guard closingTag else { return nil }
        return decodeBasicEntities(utf8)
    } ?? html
}

/// Decodes the five XML entities and numeric references once; anything else stays as written.
private func decodeBasicEntities(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
    var out = [UInt8]()
    out.reserveCapacity(utf8.count)
    var index = 0
    let table: [(StaticString, UInt8)] = [("&lt;", UInt8(ascii: "<")), ("&gt;", UInt8(ascii: ">")), ("&amp;", UInt8(ascii: "&")),
                                          ("&quot;", UInt8(ascii: "\"")), ("&#39;", UInt8(ascii: "'")), ("&apos;", UInt8(ascii: "'"))]
    outer: while index < utf8.count {
        if utf8[index] == UInt8(ascii: "&") {
            for (entity, replacement) in table {
                let length = entity.utf8CodeUnitCount
                if index + length <= utf8.count,
                   entity.withUTF8Buffer({ pattern in (0..<length).allSatisfy { utf8[index + $0] == pattern[$0] } }) {
                    out.append(replacement)
                    index += length
                    continue outer
                }
            }
        }
        out.append(utf8[index])
        index += 1
    }
    return String(decoding: out, as: UTF8.self)
}

/// `href` made absolute against `base`, trimmed; nil when it is empty or unsafe to publish
/// (javascript:, vbscript:, data: …, which `resolveURL` turns into "").
func absoluteURL(_ href: String, base: String?) -> String? {
    let resolved = resolveURL(href, base: base)
    return resolved.isEmpty ? nil : resolved
}
