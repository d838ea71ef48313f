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
            return plainText(fromHTML: raw)
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
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        if scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Feeds that escape their HTML twice (`&amp;lt;p&amp;gt;`) reach us as `&lt;p&gt;…` with no real tag:
/// unescape once more so the HTML reads as intended. A text with any real tag is left alone.
func unescapeIfDoubleEscaped(_ html: String) -> String {
    let bytes = html.utf8
    if bytes.contains(UInt8(ascii: "<")) { return html }
    guard let range = html.range(of: "&lt;") else { return html }
    // Only when an escaped tag follows: `&lt;p`, `&lt;/p`, `&lt;br`, `&lt;img` …
    let after = html[range.upperBound...].utf8.first
    guard let after, (after >= UInt8(ascii: "a") && after <= UInt8(ascii: "z"))
        || (after >= UInt8(ascii: "A") && after <= UInt8(ascii: "Z")) || after == UInt8(ascii: "/")
    else { return html }
    return html
        .replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}
