import Foundation
internal import CLibXML2
public import GazetteModel
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// OPML subscription lists (OPML 1.0, 1.1 and 2.0, as feed readers export them) → `OPMLDocument`.
/// Pure: no I/O, no network.
///
/// Through libxml2's SAX2 push parser with the feed reader's safety (XMLFeedReader.swift, style.md):
/// `XML_PARSE_NONET | XML_PARSE_RECOVER`, never `NOENT` or `DTDLOAD`, no `entityDecl` handler and a
/// `getEntity` that knows only XML's five, so an entity a DTD declares is never expanded (no billion
/// laughs, no XXE); its reference is dropped.
public enum OPMLReader {
    /// Reads a subscription list. Bytes are decoded as feeds are (BOM, XML declaration, else UTF-8, else
    /// GB18030); broken XML is recovered (bare `&`, unclosed outlines). Attribute names are matched
    /// case-insensitively (`xmlUrl`, `xmlurl`, `XMLURL`); Gazette's own `gazette:category` and
    /// `gazette:tags` are recognised by their namespace (`OPMLOutline.gazetteNamespace`) or, when it is not
    /// declared, by the `gazette` prefix.
    ///
    /// An outline with a usable http(s) `xmlUrl` is a feed (`feed://` and `feed:https://` are read as
    /// http(s)); one with an empty or unusable `xmlUrl`, a `type="rss"` without one, or the same `xmlUrl`
    /// as an earlier feed is listed in `skipped` with its line; any other outline is a folder.
    /// - Parameter file: the file as the user named it, for messages.
    /// - Throws: `OPMLError` when the bytes are not OPML at all: empty, binary, not XML, an HTML page, or
    ///   a document whose root element is not `<opml>` (a feed …).
    public static func read(_ bytes: [UInt8], file: String) throws(OPMLError) -> OPMLDocument {
        let decoded = decodeFeedBytes(bytes, httpCharset: nil).utf8
        guard let first = decoded.firstIndex(where: { !isXMLSpace($0) }) else { throw .empty(file: file) }
        if let control = decoded.prefix(junkWindow).firstIndex(where: { $0 < 0x20 && !isXMLSpace($0) }) {
            throw .binary(file: file, line: lineNumber(at: control, in: decoded))
        }
        guard decoded[first] == UInt8(ascii: "<") else {
            let what = decoded[first] == UInt8(ascii: "{") || decoded[first] == UInt8(ascii: "[")
                ? "it starts like JSON" : "it starts with text, not a tag"
            throw .notXML(file: file, line: lineNumber(at: first, in: decoded), reason: what)
        }
        if FeedDiscovery.looksLikeHTML(decoded) { throw .htmlPage(file: file, line: lineNumber(at: first, in: decoded)) }
        let (utf8, _) = escapingBareAmpersands(removingIllegalControls(decoded).0)
        let reader = SAXOPMLReader(utf8: utf8)
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localname, prefix, uri, _, _, attributeCount, _, attributes in
            guard let context, let localname else { return }
            SAXOPMLReader.from(context).start(localname, prefix: prefix, uri: uri,
                                              OPMLAttributes(pointer: attributes, count: Int(attributeCount)))
        }
        sax.endElementNs = { context, _, _, _ in
            guard let context else { return }
            SAXOPMLReader.from(context).end()
        }
        sax.characters = { context, bytes, count in
            guard let context, let bytes else { return }
            SAXOPMLReader.from(context).characters(bytes, Int(count))
        }
        sax.cdataBlock = sax.characters
        // XML's five only: `&lt;` … Nothing a DTD declares is ever looked up, let alone expanded.
        sax.getEntity = { _, name in name.flatMap { xmlGetPredefinedEntity($0) } }
        // Recover mode goes on after an error and nothing here reports one; a structured handler keeps them
        // from any process-wide handler.
        sax.serror = { _, _ in }
        let unmanaged = Unmanaged.passRetained(reader)
        defer { unmanaged.release() }
        let started = withPushParser(&sax, userData: unmanaged.toOpaque()) { context in
            reader.context = context
            utf8.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress, buffer.count < Int(Int32.max) else { return }
                let pointer = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                xmlParseChunk(context, pointer, Int32(buffer.count), 1)
            }
            reader.context = nil
        }
        guard started else { throw .notXML(file: file, line: 1, reason: "libxml2 could not start a parser") }
        return try reader.finish(file: file)
    }
}

/// 1-based line of the byte at `offset`.
private func lineNumber(at offset: Int, in bytes: [UInt8]) -> Int {
    bytes[..<min(offset, bytes.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
}

/// `raw` trimmed as the feed URL of a subscription: http and https as they are, `feed://host/…` as
/// `http://host/…` and `feed:https://…` as `https://…` (the feed: pseudo-scheme of old exports); nil for
/// anything else (relative, javascript:, file: …).
func subscriptionURL(_ raw: String) -> String? {
    let url = raw.trimmingXMLSpace()
    let lower = url.lowercased()
    for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
        return url.utf8.count > scheme.utf8.count ? url : nil
    }
    if lower.hasPrefix("feed://") { return subscriptionURL("http://" + url.dropFirst(7)) }
    if lower.hasPrefix("feed:") {
        let inner = String(url.dropFirst(5))
        let innerLower = inner.lowercased()
        return innerLower.hasPrefix("http://") || innerLower.hasPrefix("https://") ? subscriptionURL(inner) : nil
    }
    return nil
}

/// One open element.
private struct Frame {
    enum Kind { case opml, head, headTitle, body, folder, subscription, other }
    var kind: Kind
    /// For a folder: its name (text, else title), nil when it has neither.
    var folder: String?
    /// For a folder: its gazette:category.
    var category: String?
}

private final class SAXOPMLReader {
    var context: xmlParserCtxtPtr?
    private let utf8: [UInt8]
    private var stack: [Frame] = []
    private var root: (name: String, line: Int)?
    private var title: [UInt8] = []
    private var feeds: [OPMLOutline] = []
    private var skipped: [OPMLSkip] = []
    private var firstLineOfURL: [String: Int] = [:]
    /// Where line counting got to: the byte offset and its line.
    private var counted = (offset: 0, line: 1)

    init(utf8: [UInt8]) { self.utf8 = utf8 }

    static func from(_ context: UnsafeMutableRawPointer) -> SAXOPMLReader {
        Unmanaged<SAXOPMLReader>.fromOpaque(context).takeUnretainedValue()
    }

    // MARK: Events

    func start(_ localname: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
               _ attributes: OPMLAttributes) {
        keepRecovering()
        let name = String(cString: localname.asCString).lowercased()
        guard let parent = stack.last else {
            let qualified = (prefix.map { String(cString: $0.asCString) + ":" } ?? "") + String(cString: localname.asCString)
            root = (qualified, startTagLine())
            if name == "opml" {
                stack.append(Frame(kind: .opml))
            } else if let context {
                stack.append(Frame(kind: .other))
                xmlStopParser(context)
            }
            return
        }
        switch (parent.kind, name) {
        case (.opml, "head"): stack.append(Frame(kind: .head))
        case (.head, "title"):
            title.removeAll()
            stack.append(Frame(kind: .headTitle))
        case (.opml, "body"): stack.append(Frame(kind: .body))
        case (.body, "outline"), (.folder, "outline"), (.subscription, "outline"):
            stack.append(outline(attributes))
        default: stack.append(Frame(kind: .other))
        }
    }

    func end() {
        keepRecovering()
        _ = stack.popLast()
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        keepRecovering()
        guard stack.last?.kind == .headTitle else { return }
        title.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// In recover mode libxml2 drops every later entity reference once `wellFormed` is 0 (parser.c,
    /// xmlParseReference): a stray `&` would eat the `&amp;` of every later title.
    private func keepRecovering() {
        if let context, context.pointee.wellFormed == 0 { context.pointee.wellFormed = 1 }
    }

    // MARK: Outlines

    private func outline(_ attributes: OPMLAttributes) -> Frame {
        let line = startTagLine()
        let values = attributes.values
        let text = values.plain["text"]?.trimmingXMLSpace().nilIfEmpty
        let title = values.plain["title"]?.trimmingXMLSpace().nilIfEmpty
        let type = values.plain["type"]?.trimmingXMLSpace().nilIfEmpty
        let category = values.gazette["category"]?.trimmingXMLSpace().nilIfEmpty
        guard let rawURL = values.plain["xmlurl"] else {
            if let type, ["rss", "atom", "feed"].contains(type.lowercased()) {
                skipped.append(OPMLSkip(line: line, reason: "type=\"\(type)\" but no xmlUrl"))
                return Frame(kind: .subscription)
            }
            return Frame(kind: .folder, folder: text ?? title, category: category)
        }
        let trimmed = rawURL.trimmingXMLSpace()
        guard !trimmed.isEmpty else {
            skipped.append(OPMLSkip(line: line, reason: "empty xmlUrl"))
            return Frame(kind: .subscription)
        }
        guard let url = subscriptionURL(trimmed) else {
            skipped.append(OPMLSkip(line: line, reason: "xmlUrl \"\(shortened(trimmed))\" is not an http or https URL"))
            return Frame(kind: .subscription)
        }
        if let earlier = firstLineOfURL[url] {
            skipped.append(OPMLSkip(line: line, reason: "duplicate of line \(earlier) (same xmlUrl)"))
            return Frame(kind: .subscription)
        }
        firstLineOfURL[url] = line
        let folders = stack.compactMap { $0.kind == .folder ? $0.folder : nil }
        let inherited = stack.last { $0.kind == .folder && $0.category != nil }?.category
        let tags = values.gazette["tags"].map { value in
            value.split(separator: ",").map {
                String($0).trimmingXMLSpace().replacingOccurrences(of: "%2C", with: ",", options: .caseInsensitive)
                    .replacingOccurrences(of: "%25", with: "%")
            }.filter { !$0.isEmpty }
        }
        feeds.append(OPMLOutline(text: text, title: title, xmlURL: url,
                                 htmlURL: values.plain["htmlurl"]?.trimmingXMLSpace().nilIfEmpty, type: type,
                                 category: category ?? inherited, tags: tags, folders: folders, line: line))
        return Frame(kind: .subscription)
    }

    /// At most 80 characters of a value, for a message.
    private func shortened(_ value: String) -> String {
        value.count > 80 ? String(value.prefix(80)) + "…" : value
    }

    /// The line of the start tag being reported. libxml2 calls startElementNs with its input just past the
    /// attributes, so look back from there to the tag's `<` (which no attribute value may hold).
    private func startTagLine() -> Int {
        guard let context else { return counted.line }
        let consumed = min(max(Int(xmlByteConsumed(context)), 0), utf8.count)
        var open = consumed
        while open > 0, utf8[open - 1] != UInt8(ascii: "<") { open -= 1 }
        open = max(open - 1, 0)
        if open < counted.offset { counted = (0, 1) }
        var line = counted.line
        utf8.withUnsafeBufferPointer { buffer in
            for index in counted.offset..<open where buffer[index] == 0x0A { line += 1 }
        }
        counted = (open, line)
        return line
    }

    // MARK: Result

    func finish(file: String) throws(OPMLError) -> OPMLDocument {
        // libxml2's own complaint here ("Extra content at the end of the document") would only confuse.
        guard let root else { throw .notXML(file: file, line: 1, reason: "no element in it") }
        guard root.name.lowercased() == "opml" else { throw .notOPML(file: file, line: root.line, root: root.name) }
        let headTitle = String(decoding: title, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return OPMLDocument(title: headTitle.nilIfEmpty, feeds: feeds, skipped: skipped)
    }
}

/// The attributes SAX2 hands over: five pointers each (localname, prefix, URI, value start, value end).
private struct OPMLAttributes {
    let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// Attributes without a namespace by lowercased local name, and Gazette's by lowercased local name;
    /// the first of a repeated name wins.
    var values: (plain: [String: String], gazette: [String: String]) {
        var plain: [String: String] = [:], gazette: [String: String] = [:]
        guard let pointer else { return (plain, gazette) }
        for index in 0..<count {
            let base = pointer + index * 5
            guard let name = base[0], let start = base[3], let end = base[4] else { continue }
            let key = String(cString: name.asCString).lowercased()
            let value = Self.decode(start, end)
            if let uri = base[2] {
                if strcmp(uri.asCString, OPMLOutline.gazetteNamespace) == 0 { gazette[key] = gazette[key] ?? value }
            } else if let prefix = base[1] {
                // An undeclared prefix (a hand-edited file that lost xmlns:gazette) still says what it means.
                if String(cString: prefix.asCString).lowercased() == "gazette" { gazette[key] = gazette[key] ?? value }
            } else {
                plain[key] = plain[key] ?? value
            }
        }
        return (plain, gazette)
    }

    /// SAX2 leaves `&` in attribute values as `&#38;` when entities are not replaced (parser.c,
    /// xmlParseAttValueComplex); decode it back.
    static func decode(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> String {
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        let value = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(UInt8(ascii: "&")) ? value.replacingOccurrences(of: "&#38;", with: "&") : value
    }
}

private extension String {
    func trimmingXMLSpace() -> String {
        var view = Substring(self)
        while let first = view.utf8.first, isXMLSpace(first) { view = view.dropFirst() }
        while let last = view.utf8.last, isXMLSpace(last) { view = view.dropLast() }
        return String(view)
    }
}
