internal import CLibXML2
public import GazetteModel
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Feed autodiscovery: the feeds an HTML page announces with `<link rel="alternate" type=…>`, as
/// browsers and feed readers find them (the RSS Advisory Board's "RSS Autodiscovery", WHATWG HTML
/// §4.6.7.1 "Link type alternate"). Pure: no I/O, no network.
public enum FeedDiscovery {
    /// The feeds a page links to, in document order, each absolute URL once, http and https only.
    ///
    /// A `<link>` counts, in `<head>` or `<body>`, when its `rel` tokens (split at whitespace, compared
    /// case-insensitively) include `alternate` and not `stylesheet`, and its `type` (case-insensitive,
    /// parameters ignored) is one of `feedTypes`. `<a>` elements never count, nor links inside comments
    /// or scripts. `href` resolves against the first `<base href>` (itself resolved against `pageURL`),
    /// else `pageURL`; `javascript:`, `data:` and other schemes are left out.
    ///
    /// The bytes are decoded with `httpCharset` (Content-Type), else the page's `<meta charset>` or
    /// `<meta http-equiv="Content-Type">`, else as valid UTF-8, else GB18030 (Charset.swift); then read
    /// by libxml2's HTML parser in recover mode, with no network access and no tree built.
    public static func feeds(inHTML bytes: [UInt8], pageURL: String, httpCharset: String? = nil) -> [DiscoveredFeed] {
        let metaCharset = declaredMetaCharset(bytes)
        var utf8 = decodeHTMLBytes(bytes, httpCharset: httpCharset, metaCharset: metaCharset).utf8
        // libxml2's HTML parser stops at a NUL byte (the sanitizer drops them too).
        if utf8.contains(0) { utf8.removeAll { $0 == 0 } }
        let scan = PageScan(pass: .links)
        runHTMLParser(utf8, encoding: "UTF-8", scan: scan)

        // WHATWG HTML §2.4.1: the first <base href> sets the base of every URL in the page, those before
        // it included; a base that resolves to neither http nor https is ignored.
        var base = pageURL
        if let href = scan.baseHref, let resolved = absoluteURL(href, base: pageURL), isWebURL(resolved) {
            base = resolved
        }
        var seen = Set<String>()
        var found: [DiscoveredFeed] = []
        for link in scan.links {
            guard let url = absoluteURL(link.href, base: base), isWebURL(url), seen.insert(url).inserted else { continue }
            // WordPress announces each post's REST resource as rel="alternate" type="application/json"
            // (`/wp-json/wp/v2/posts/123`): JSON, but not a feed.
            if link.type == "application/json", url.contains("/wp-json/") { continue }
            found.append(DiscoveredFeed(url: url, type: link.type, title: link.title))
        }
        // The feed types proper first, then plain JSON, then the generic XML types old sites use;
        // document order within each (a stable sort).
        return found.enumerated().sorted { a, b in
            let (rankA, rankB) = (typeRank(a.element.type), typeRank(b.element.type))
            return rankA != rankB ? rankA < rankB : a.offset < b.offset
        }.map(\.element)
    }

    /// 0 for the feed media types, 1 for `application/json`, 2 for `text/xml` and `application/xml`.
    private static func typeRank(_ type: String) -> Int {
        switch type {
        case "application/json": 1
        case "text/xml", "application/xml": 2
        default: 0
        }
    }

    /// True when the bytes look like an HTML page rather than a feed: before any other element there is an
    /// HTML doctype (`<!DOCTYPE html …>`), or the first element is `<html>`, `<head>`, `<body>` or one that
    /// starts tag-soup pages (`<meta>`, `<title>`, `<script>` … see `pageStartElements`). A feed root
    /// (`<rss>`, `<feed>`, `<rdf:RDF>`), any other XML root, JSON, text or binary data give false.
    /// Only the first `htmlSniffLimit` bytes are read; a byte order mark and UTF-16/32 are understood.
    public static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let text = decodeFeedBytes(Array(bytes.prefix(htmlSniffLimit)), httpCharset: nil).utf8
        return firstMarkupLooksLikeHTML(text)
    }

    /// The media types of the feeds Gazette reads (RSS, Atom, JSON Feed, RSS 1.0), lowercase.
    /// `application/json` is what many JSON Feed sites announce; it counts only on a `rel="alternate"`
    /// link like the others, so a page's other JSON (`rel="manifest"`, oEmbed's `rel="alternate"`
    /// with `type="application/json+oembed"`) is not mistaken for a feed.
    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml",
        "application/json",
        // Generic XML types that sites from before the feed types (and some CMSs still) announce
        // their RSS with; ranked last.
        "text/xml", "application/xml",
    ]
}

/// How far into a page `<meta charset>` is looked for. WHATWG's prescan reads 1024 bytes; Chinese
/// portals put a long `<title>` and `<meta name="keywords">` before theirs, so read more.
let metaCharsetScanLimit = 16 << 10

/// How far `looksLikeHTML` reads for the first element (comments and a doctype may come before it).
let htmlSniffLimit = 64 << 10

/// Elements that open tag-soup pages with no `<html>`, `<head>` or `<body>` before them; none is a feed root.
let pageStartElements: Set<String> = [
    "html", "head", "body", "meta", "title", "link", "base", "script", "style", "noscript", "frameset", "div",
    "p", "table", "center", "font",
]

/// True for an absolute http or https URL with something after `//`.
private func isWebURL(_ url: String) -> Bool {
    let lower = url.prefix(9).lowercased()
    if lower.hasPrefix("https://") { return url.utf8.count > 8 }
    if lower.hasPrefix("http://") { return url.utf8.count > 7 }
    return false
}

/// The charset label of the page's first `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` within `metaCharsetScanLimit`, or nil. The bytes are read as ISO-8859-1,
/// which cannot fail and keeps ASCII markup as it is whatever the real charset.
func declaredMetaCharset(_ bytes: [UInt8]) -> String? {
    var prefix = Array(bytes.prefix(metaCharsetScanLimit))
    if prefix.contains(0) { prefix.removeAll { $0 == 0 } }
    let scan = PageScan(pass: .charset)
    runHTMLParser(prefix, encoding: "ISO-8859-1", scan: scan)
    return scan.metaCharset
}

/// The charset in a Content-Type value such as `text/html; charset="gb2312"` (WHATWG HTML §2.3.3,
/// "extracting a character encoding from a meta element"), or nil.
func charset(inContentType value: String) -> String? {
    let bytes = Array(value.utf8)
    let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
    var position = 0
    let name = Array("charset".utf8)
    while position + name.count <= lowered.count {
        guard lowered[position..<(position + name.count)].elementsEqual(name) else { position += 1; continue }
        var index = position + name.count
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { position += name.count; continue }
        index += 1
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        let label: ArraySlice<UInt8>
        if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
            let quote = bytes[index]
            guard let end = bytes[(index + 1)...].firstIndex(of: quote) else { return nil }
            label = bytes[(index + 1)..<end]
        } else {
            let end = bytes[index...].firstIndex { isSpace($0) || $0 == UInt8(ascii: ";") } ?? bytes.count
            label = bytes[index..<end]
        }
        return label.isEmpty ? nil : String(decoding: label, as: UTF8.self)
    }
    return nil
}

/// Whether the first markup of `text` (UTF-8) opens an HTML page; see `FeedDiscovery.looksLikeHTML`.
private func firstMarkupLooksLikeHTML(_ text: [UInt8]) -> Bool {
    func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
    func starts(with literal: String, at index: Int) -> Bool {
        let literal = Array(literal.utf8)
        guard index + literal.count <= text.count else { return false }
        return zip(text[index...], literal).allSatisfy { lower($0) == $1 }
    }
    func index(after terminator: String, from index: Int) -> Int {
        let literal = Array(terminator.utf8)
        var cursor = index
        while cursor + literal.count <= text.count {
            if text[cursor] == literal[0], text[cursor..<(cursor + literal.count)].elementsEqual(literal) {
                return cursor + literal.count
            }
            cursor += 1
        }
        return text.count
    }
    func name(at start: Int) -> String {
        var end = start
        while end < text.count, !isXMLSpace(text[end]), text[end] != UInt8(ascii: ">"), text[end] != UInt8(ascii: "/"),
              text[end] != UInt8(ascii: "["), end - start < 64 {
            end += 1
        }
        return String(decoding: text[start..<end].map(lower), as: UTF8.self)
    }
    // JSON (a JSON Feed) is not HTML, whatever its strings hold.
    if let first = text.first(where: { !isXMLSpace($0) }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
        return false
    }
    var cursor = 0
    while cursor < text.count {
        // Text before the first tag (a PHP notice, a stray byte) is skipped, as FeedParser does.
        guard let open = text[cursor...].firstIndex(of: UInt8(ascii: "<")) else { return false }
        if starts(with: "<!--", at: open) {
            cursor = index(after: "-->", from: open + 4)
        } else if starts(with: "<?", at: open) {
            cursor = index(after: "?>", from: open + 2)
        } else if starts(with: "<!doctype", at: open) {
            var nameStart = open + 9
            while nameStart < text.count, isXMLSpace(text[nameStart]) { nameStart += 1 }
            // RSS 0.91 has a doctype too (`<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" …>`).
            if name(at: nameStart) == "html" { return true }
            cursor = index(after: ">", from: nameStart)
        } else if starts(with: "</", at: open) || starts(with: "<!", at: open) {
            cursor = index(after: ">", from: open + 2)
        } else {
            return pageStartElements.contains(name(at: open + 1))
        }
    }
    return false
}

/// One pass of libxml2's HTML parser over a page: `.charset` looks for the `<meta>` charset and stops
/// there, `.links` gathers `<base href>` and the feed `<link>` elements.
private final class PageScan {
    enum Pass { case charset, links }
    struct Candidate { var href: String; var type: String; var title: String? }

    let pass: Pass
    var context: htmlParserCtxtPtr?
    private(set) var metaCharset: String?
    private(set) var baseHref: String?
    private(set) var links: [Candidate] = []

    init(pass: Pass) { self.pass = pass }

    static func from(_ context: UnsafeMutableRawPointer?) -> PageScan? {
        context.map { Unmanaged<PageScan>.fromOpaque($0).takeUnretainedValue() }
    }

    /// libxml2's HTML parser lowercases element and attribute names (HTMLparser.c, htmlParseHTMLName).
    func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let name = name.asCString
        switch pass {
        case .charset:
            guard strcmp(name, "meta") == 0 else { return }
            let attributes = HTMLAttributes(attributes)
            var label = attributes["charset"]
            if label == nil, attributes["http-equiv"]?.lowercased().trimmingHTMLSpace() == "content-type" {
                label = attributes["content"].flatMap(charset(inContentType:))
            }
            guard let label = label?.trimmingHTMLSpace(), !label.isEmpty else { return }
            metaCharset = label
            if let context { xmlStopParser(context) }
        case .links:
            if strcmp(name, "base") == 0 {
                if baseHref == nil, let href = HTMLAttributes(attributes)["href"] { baseHref = href }
            } else if strcmp(name, "link") == 0 {
                addCandidate(HTMLAttributes(attributes))
            }
        }
    }

    private func addCandidate(_ attributes: HTMLAttributes) {
        guard let rel = attributes["rel"], let type = attributes["type"],
              let href = attributes["href"]?.trimmingHTMLSpace(), !href.isEmpty else { return }
        let tokens = rel.lowercased().split(whereSeparator: \.isHTMLSpace)
        guard tokens.contains("alternate"), !tokens.contains("stylesheet") else { return }
        // `application/rss+xml; charset=utf-8` is the same type (RFC 9110 §8.3.1).
        let essence = String(type.prefix { $0 != ";" }).trimmingHTMLSpace().lowercased()
        guard FeedDiscovery.feedTypes.contains(essence) else { return }
        let title = attributes["title"].map { $0.split(whereSeparator: \.isHTMLSpace).joined(separator: " ") }
        links.append(Candidate(href: href, type: essence, title: title?.nilIfEmpty))
    }
}

/// The attributes the HTML SAX handler passes: NULL-terminated name/value pairs, a value NULL for an
/// attribute written without one. The first of a repeated name wins, as in browsers.
private struct HTMLAttributes {
    let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    init(_ pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) { self.pointer = pointer }

    subscript(wanted: String) -> String? {
        guard let pointer else { return nil }
        var index = 0
        while let name = pointer[index] {
            if strcmp(name.asCString, wanted) == 0 {
                return pointer[index + 1].map { String(cString: $0.asCString) } ?? ""
            }
            index += 2
        }
        return nil
    }
}

/// Runs libxml2's HTML parser over a whole page in `encoding`, sending start tags to `scan`. Recover mode,
/// no network, the page's own charset declarations ignored (the bytes are decoded already), no tree.
private func runHTMLParser(_ bytes: [UInt8], encoding: String, scan: PageScan) {
    _ = libxml2Initialized
    guard !bytes.isEmpty, bytes.count < Int(Int32.max), let context = htmlNewParserCtxt() else { return }
    defer { htmlFreeParserCtxt(context) }
    guard let sax = context.pointee.sax else { return }
    var handler = htmlSAXHandler()
    handler.startElement = { context, name, attributes in
        guard let name else { return }
        PageScan.from(context)?.startElement(name, attributes)
    }
    // Errors: a structured handler that does nothing keeps them from any process-wide handler (libxml2
    // uses it only when `initialized` is XML_SAX2_MAGIC), as in Sanitizer.swift.
    handler.serror = { _, _ in }
    handler.initialized = UInt32(XML_SAX2_MAGIC)
    sax.pointee = handler
    let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
    scan.context = context
    withExtendedLifetime(scan) {
        context.pointee.userData = Unmanaged.passUnretained(scan).toOpaque()
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let document = htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, encoding, options) {
                    xmlFreeDoc(document)
                }
            }
        }
    }
    scan.context = nil
}

private extension Character {
    /// HTML's ASCII whitespace (WHATWG Infra): tab, LF, FF, CR, space.
    var isHTMLSpace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\u{0C}" || self == "\r\n" }
}

private extension String {
    func trimmingHTMLSpace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isHTMLSpace { view.removeFirst() }
        while let last = view.last, last.isHTMLSpace { view.removeLast() }
        return String(view)
    }
}
