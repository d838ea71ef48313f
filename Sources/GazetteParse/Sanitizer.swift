// HTML sanitizing for feed summaries and content, built on libxml2's HTML parser driven through SAX:
// no DOM is built and no regular expression is involved. The parser's events pass through an
// allowlist of elements, attributes and CSS properties (after Python feedparser's _HTMLSanitizer)
// and are written straight back out as HTML.
//
// How a fragment is parsed: libxml2 parses whole documents. Left alone it wraps a fragment in implied
// <html><body> and puts leading text in an implied <p>, so `Hello <b>world</b>` would come back as
// `<p>Hello <b>world</b></p>`. The fragment is therefore parsed as `<html><body>` + fragment, with
// HTML_PARSE_NOIMPLIED, and the first two elements (the wrapper) are not written. Inside <body>
// libxml2 implies nothing. No closing wrapper is appended: libxml2 closes what is open at the end, and
// an unterminated tag or attribute at the end of the fragment would otherwise swallow the suffix.
// A fragment's own <html>/<body> tags are ignored by libxml2 while the wrapper is open; only a stray
// `</body>` or `</html>` closes the wrapper, after which libxml2 implies a <p> around text again:
// such a <p> is recognised by the parser's position (a real start tag is seen with the input at its
// `>` or `/>`) and not written.

internal import CLibXML2
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

// MARK: - API

/// Sanitizes an HTML fragment for publishing and makes its URLs absolute against `base` (nil: leave relative URLs as they are).
func sanitizeHTML(_ html: String, base: String?, reader: FragmentReader = .fastPathFirst) -> String {
    var html = html
    let sanitized = html.withUTF8 { bytes -> String? in
        let scan = ByteScan(bytes)
        if !scan.needsParsing {
            return scan.hasGreaterThan ? String(decoding: escapeText(bytes), as: UTF8.self) : nil
        }
        let sink = HTMLSink(mode: .sanitize, urls: URLRewriter(base: base), capacity: bytes.count + bytes.count / 8)
        if !(reader == .fastPathFirst && !scan.hasNUL && parseSimpleFragment(bytes, into: sink)) {
            parseFragment(bytes, stripNUL: scan.hasNUL, into: sink)
        }
        return String(decoding: sink.out, as: UTF8.self)
    }
    return sanitized ?? html
}

/// Who reads a fragment for `sanitizeHTML`.
enum FragmentReader {
    /// SimpleFragment.swift's reader when the fragment is plain enough, else libxml2 (the default).
    case fastPathFirst
    /// libxml2 always (the tests compare the two).
    case libxml2
}

/// The plain text of an HTML fragment: tags removed, entities decoded (&amp; &nbsp; &mdash; &#x4e2d; …), whitespace runs collapsed to one space, trimmed. Script/style content dropped.
func plainText(fromHTML html: String) -> String {
    var html = html
    return html.withUTF8 { bytes -> String in
        let scan = ByteScan(bytes)
        if !scan.needsParsing {
            var collapser = WhitespaceCollapser(capacity: bytes.count)
            collapser.append(bytes)
            return String(decoding: collapser.out, as: UTF8.self)
        }
        let sink = HTMLSink(mode: .text, urls: URLRewriter(base: nil), capacity: bytes.count)
        parseFragment(bytes, stripNUL: scan.hasNUL, into: sink)
        return String(decoding: sink.text.out, as: UTF8.self)
    }
}

/// `href` resolved against `base` per RFC 3986 (xmlBuildURI), or `href` itself trimmed when base is nil or resolution fails. Never returns a javascript:/vbscript:/data: URL — callers check with isSafeURL.
///
/// An `href` that is (or resolves to) an unsafe URL — `isSafeURL(_, allowDataImages: false)` is
/// false — comes back as the empty string. Tabs and line breaks inside the URL are removed, as
/// browsers do. A relative reference with characters a URI may not hold (non-ASCII, spaces, `|` …)
/// is percent-encoded (UTF-8) to resolve it; an absolute one is returned as written.
func resolveURL(_ href: String, base: String?) -> String {
    var href = href
    var rewriter = URLRewriter(base: base)
    let resolved = href.withUTF8 { rewriter.rewrite($0, allowDataImages: false) }
    return resolved.map { String(decoding: $0, as: UTF8.self) } ?? ""
}

/// False for javascript:, vbscript:, data: (except data:image/png|gif|jpeg|webp;base64 — not svg), livescript:, and the same schemes obfuscated with whitespace, control characters, entities already decoded, mixed case.
///
/// Whitespace, control and format characters (tab, newline, NUL, U+00AD, U+200B, U+FEFF …) are
/// ignored wherever they occur in the scheme, so this errs towards "unsafe". `mocha:` and `jscript:`
/// (older script schemes) are unsafe too. A relative URL is safe.
func isSafeURL(_ url: String, allowDataImages: Bool) -> Bool {
    var url = url
    return url.withUTF8 { isSafeURL($0, allowDataImages: allowDataImages) }
}

/// HTML-escapes plain text (& < > " ') for embedding in HTML.
func escapeHTML(_ text: String) -> String {
    var text = text
    let escaped = text.withUTF8 { bytes -> String? in
        guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        appendEscaped(bytes, to: &out, .all)
        return String(decoding: out, as: UTF8.self)
    }
    return escaped ?? text
}

// MARK: - Parsing

let sanitizerParserOptions: Int32 = Int32(bitPattern:
    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
    | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

/// `<html><body>`: the wrapper (see the top of the file).
private let wrapperPrefix: [UInt8] = Array("<html><body>".utf8)

/// libxml2 wants xmlInitParser() once before contexts are used from several threads.
let libxml2Initialized: Bool = {
    xmlInitParser()
    return true
}()

private struct ByteScan {
    var needsParsing = false
    var hasGreaterThan = false
    var hasNUL = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        func contains(_ byte: UInt8) -> Bool { memchr(start, Int32(byte), bytes.count) != nil }
        hasNUL = contains(0)
        needsParsing = hasNUL || contains(0x3C) || contains(0x26)
        hasGreaterThan = !needsParsing && contains(0x3E)
    }
}

/// Runs libxml2's HTML parser over `<html><body>` + `bytes`, sending its SAX events to `sink`.
private func parseFragment(_ bytes: UnsafeBufferPointer<UInt8>, stripNUL: Bool, into sink: HTMLSink) {
    _ = libxml2Initialized
    var input: [UInt8] = []
    input.reserveCapacity(wrapperPrefix.count + bytes.count)
    input.append(contentsOf: wrapperPrefix)
    if stripNUL {
        for b in bytes where b != 0 { input.append(b) }
    } else {
        input.append(contentsOf: bytes)
    }
    guard input.count < Int(Int32.max), let ctxt = htmlNewParserCtxt() else {
        sink.fallback(bytes)
        return
    }
    defer { htmlFreeParserCtxt(ctxt) }
    guard let sax = ctxt.pointee.sax else {
        sink.fallback(bytes)
        return
    }
    sax.pointee = makeSAXHandler()
    sink.ctxt = ctxt
    readHTML(input, with: ctxt, userData: sink)
    sink.ctxt = nil
    sink.finish()
}

/// Runs libxml2's HTML parser, with the sanitizer's options, over `input`: `ctxt`'s SAX handler
/// gets the events, with `userData` as their context.
func readHTML(_ input: [UInt8], with ctxt: htmlParserCtxtPtr, userData: AnyObject) {
    withExtendedLifetime(userData) {
        ctxt.pointee.userData = Unmanaged.passUnretained(userData).toOpaque()
        input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let doc = htmlCtxtReadMemory(ctxt, chars.baseAddress, Int32(chars.count), nil, "UTF-8",
                                                sanitizerParserOptions) {
                    xmlFreeDoc(doc)
                }
            }
        }
    }
}

/// The sink a callback is for: the context's userData.
private func sinkOf(_ ctx: UnsafeMutableRawPointer?) -> HTMLSink? {
    guard let ctx else { return nil }
    return Unmanaged<HTMLSink>.fromOpaque(ctx).takeUnretainedValue()
}

private func makeSAXHandler() -> htmlSAXHandler {
    var handler = htmlSAXHandler()
    handler.startElement = { ctx, name, atts in
        guard let name else { return }
        sinkOf(ctx)?.startElement(name, atts)
    }
    handler.endElement = { ctx, name in
        guard let name else { return }
        sinkOf(ctx)?.endElement(name)
    }
    handler.characters = { ctx, chars, len in
        guard let chars, len > 0 else { return }
        sinkOf(ctx)?.characters(chars, Int(len))
    }
    handler.ignorableWhitespace = handler.characters
    // Script and style content arrives as CDATA blocks; both are always dropped.
    handler.cdataBlock = { _, _, _ in }
    // Comments, processing instructions and DOCTYPEs: no handler, dropped.
    // Errors: HTML_PARSE_NOERROR/NOWARNING clear error/warning; a structured handler that does
    // nothing (which libxml2 uses only when `initialized` is XML_SAX2_MAGIC) keeps them away from
    // any process-wide xmlStructuredError handler as well.
    handler.error = nil
    handler.warning = nil
    handler.serror = { _, _ in }
    handler.initialized = 0xDEED_BEAF // XML_SAX2_MAGIC
    return handler
}

// MARK: - Tables (after feedparser's _HTMLSanitizer)

/// An element or attribute name, lowercased, packed into 16 bytes (longer names: a hash).
private struct NameKey: Hashable {
    var a: UInt64
    var b: UInt64

    init(_ name: UnsafePointer<UInt8>) {
        var a: UInt64 = 0, b: UInt64 = 0
        var i = 0
        while true {
            var c = name[i]
            if c == 0 { break }
            if i == 16 {
                self = NameKey(longName: name)
                return
            }
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if i < 8 { a |= UInt64(c) << UInt64(8 * i) } else { b |= UInt64(c) << UInt64(8 * (i - 8)) }
            i += 1
        }
        self.a = a
        self.b = b
    }

    static let empty = NameKey(a: 0, b: 0)

    private init(a: UInt64, b: UInt64) {
        self.a = a
        self.b = b
    }

    init(_ name: String) {
        var bytes = Array(name.utf8)
        bytes.append(0)
        self = bytes.withUnsafeBufferPointer { NameKey($0.baseAddress!) }
    }

    private init(longName name: UnsafePointer<UInt8>) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        while name[i] != 0 {
            var c = name[i]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            hash = (hash ^ UInt64(c)) &* 0x100_0000_01b3
            i += 1
        }
        a = hash
        b = 0xFF00_0000_0000_0000 | UInt64(truncatingIfNeeded: i)
    }
}

/// A small open-addressing hash table from names to `Value`: cheaper than Dictionary's SipHash on
/// the parser's hot path.
private struct NameTable<Value: Sendable>: Sendable {
    private var keys: [NameKey]
    private var values: [Value?]
    private let mask: Int

    init(_ entries: [(NameKey, Value)]) {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        keys = Array(repeating: NameKey.empty, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
        for (key, value) in entries {
            var slot = NameTable.slot(key, mask)
            while keys[slot] != .empty && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    private static func slot(_ key: NameKey, _ mask: Int) -> Int {
        let h = (key.a &* 0x9E37_79B9_7F4A_7C15) ^ (key.b &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h >> 40) & mask
    }

    subscript(_ key: NameKey) -> Value? {
        var slot = NameTable.slot(key, mask)
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == .empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}

private enum ElementKind: UInt8 {
    /// Written out with its allowed attributes, and closed.
    case allowed
    /// Written out with its allowed attributes, never closed (br, img …).
    case void
    /// Dropped with everything inside it.
    case dropWithContent
    /// Dropped, its content kept (also every element not in the table).
    case skipTag
}

private struct ElementInfo {
    var kind: ElementKind
    /// Index into `elementNames`.
    var id: UInt8
    /// Separates words in plain text.
    var block: Bool
}

private let allowedElements = """
    a abbr acronym address area article aside audio b bdi bdo big blockquote br caption center cite code col \
    colgroup data dd del details dfn dialog dir div dl dt em fieldset figcaption figure font footer h1 h2 h3 h4 \
    h5 h6 header hgroup hr i img ins kbd label legend li main map mark menu meter nav ol optgroup option output \
    p picture pre progress q rp rt ruby s samp section small source span strike strong sub summary sup table \
    tbody td tfoot th thead time tr tt u ul var video wbr
    """
/// Elements nested deeper than this in sanitized HTML lose their tags (their text stays).
let maximumNesting = 64

private let voidElements: Set<String> = ["area", "br", "col", "hr", "img", "source", "wbr"]
/// Never written and their content with them. (Void elements among the dangerous ones — base, meta,
/// link, input, embed, param … — are in `skippedVoidElements` instead: libxml2 does not know all of
/// them as void and would otherwise drop the text after them.)
private let droppedElements = """
    script style iframe frame frameset object applet form button select textarea noscript template svg math \
    title head noembed noframes datalist portal fencedframe
    """
private let skippedVoidElements = "base meta link input embed param keygen isindex basefont bgsound track"
private let blockElements: Set<String> = [
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "body", "html", "img", "listing", "xmp", "plaintext",
]

private let elementNames: [[UInt8]] = allowedElements.split(separator: " ").map { Array($0.utf8) }

private let elementTable = NameTable<ElementInfo>({
    var table: [NameKey: ElementInfo] = [:]
    for (i, name) in allowedElements.split(separator: " ").enumerated() {
        let name = String(name)
        table[NameKey(name)] = ElementInfo(kind: voidElements.contains(name) ? .void : .allowed, id: UInt8(i),
                                           block: blockElements.contains(name))
    }
    for name in droppedElements.split(separator: " ") {
        table[NameKey(String(name))] = ElementInfo(kind: .dropWithContent, id: 0, block: true)
    }
    for name in skippedVoidElements.split(separator: " ") {
        table[NameKey(String(name))] = ElementInfo(kind: .skipTag, id: 0, block: false)
    }
    for name in blockElements where table[NameKey(name)] == nil {
        table[NameKey(name)] = ElementInfo(kind: .skipTag, id: 0, block: true)
    }
    return table.map { ($0.key, $0.value) }
}())

private let paragraphKey = NameKey("p")
private let imgID: UInt8 = elementTable[NameKey("img")]!.id
private let unknownElement = ElementInfo(kind: .skipTag, id: 0, block: false)

private enum AttributeKind: UInt8 {
    case plain
    /// Resolved against the base, dropped when not safe.
    case url
    case srcset
    case style
    /// `#name` of a <map>: kept as written.
    case usemap
}

private struct AttributeInfo {
    var kind: AttributeKind
    /// Index into `attributeNames`.
    var id: UInt8
}

/// feedparser's acceptable_attributes less those that load things or run scripts (action, background,
/// data, dynsrc, lowsrc, ping, datasrc …) and form-control ones, plus srcset and sizes.
private let plainAttributes = """
    abbr align alt axis bgcolor border cellpadding cellspacing char charoff class clear color cols colspan \
    compact controls coords datetime dir face frame headers height hidden high hreflang hspace id kind label \
    lang loop low max media min muted name nowrap open optimum preload rel rev reversed rows rowspan rules \
    scope shape size sizes span srclang start summary target title type valign value vspace width xml:lang
    """
private let urlAttributes = "href src cite poster longdesc"

private let attributeList: [(String, AttributeKind)] =
    plainAttributes.split(separator: " ").map { (String($0), .plain) }
    + urlAttributes.split(separator: " ").map { (String($0), .url) }
    + [("srcset", .srcset), ("style", .style), ("usemap", .usemap)]

private let attributeNames: [[UInt8]] = attributeList.map { Array($0.0.utf8) }

private let attributeTable = NameTable<AttributeInfo>(
    attributeList.enumerated().map { (NameKey($0.element.0), AttributeInfo(kind: $0.element.1, id: UInt8($0.offset))) }
)

private let srcAttributeID: UInt8 = attributeTable[NameKey("src")]!.id

/// feedparser's acceptable_css_properties, less the aural ones, plus margin, padding, border and a few
/// text and table layout properties. No position, z-index, background (image), content, behavior.
private let cssProperties: Set<String> = [
    "color", "background-color", "font", "font-family", "font-size", "font-style", "font-variant",
    "font-weight", "font-stretch", "text-align", "text-decoration", "text-decoration-line",
    "text-decoration-color", "text-decoration-style", "text-indent", "text-transform", "letter-spacing",
    "word-spacing", "line-height", "vertical-align", "white-space", "word-wrap", "word-break",
    "overflow-wrap", "direction", "unicode-bidi", "margin", "margin-top", "margin-right", "margin-bottom",
    "margin-left", "padding", "padding-top", "padding-right", "padding-bottom", "padding-left", "border",
    "border-top", "border-right", "border-bottom", "border-left", "border-width", "border-style",
    "border-color", "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
    "border-top-style", "border-right-style", "border-bottom-style", "border-left-style", "border-top-color",
    "border-right-color", "border-bottom-color", "border-left-color", "border-radius", "border-collapse",
    "border-spacing", "width", "height", "max-width", "min-width", "max-height", "min-height", "float",
    "clear", "display", "list-style-type", "list-style-position", "caption-side", "empty-cells",
    "table-layout", "text-overflow",
]

/// Found in a style value (lowercased, whitespace removed, fullwidth forms folded), it drops the
/// declaration.
private let cssForbidden: [[UInt8]] = [
    "url(", "expression", "javascript:", "vbscript:", "\\", "/*", "*/", "<", ">", "{", "}", "@", "image(",
    "image-set(", "element(", "paint(", "behavior", "binding",
].map { Array($0.utf8) }

// MARK: - The SAX sink

private enum FrameKind: UInt8 {
    /// Our `<html><body>` wrapper.
    case wrapper
    /// Written; `</name>` is written when it ends.
    case emitted
    /// Written as a void element: nothing when it ends.
    case void
    /// Not written, content kept.
    case skipped
    /// Not written, content dropped (counted in `dropDepth`).
    case dropped
    /// Inside a dropped element.
    case insideDropped
}

private struct Frame {
    var key: NameKey
    var kind: FrameKind
    var id: UInt8
    var block: Bool
}

/// Receives libxml2's SAX events (through the handler's C callbacks, with an unretained pointer to it as
/// the context's userData) and owns the output.
final class HTMLSink {
    enum Mode { case sanitize, text }

    // The sink is only ever used by the one parse that owns it, from libxml2's callbacks: dynamic
    // exclusivity checks on its state would only cost time.
    let mode: Mode
    @exclusivity(unchecked) var out: [UInt8] = []
    @exclusivity(unchecked) fileprivate var text: WhitespaceCollapser
    @exclusivity(unchecked) fileprivate var urls: URLRewriter
    @exclusivity(unchecked) var ctxt: htmlParserCtxtPtr?

    @exclusivity(unchecked) private var frames: [Frame] = []
    @exclusivity(unchecked) private var dropDepth = 0
    /// Start events still to come from the wrapper.
    @exclusivity(unchecked) private var wrapperPending = 2
    /// The fragment closed the wrapper's body (stray `</body>` or `</html>`).
    @exclusivity(unchecked) private var outsideWrapper = false
    /// `<![CDATA[` markers: the "<" was seen, "![CDATA[" comes next.
    @exclusivity(unchecked) private var cdataOpening = false
    /// `<![CDATA[` markers waiting for their `]]>`.
    @exclusivity(unchecked) private var cdataOpen = 0

    private let elements = elementTable
    private let attributes = attributeTable

    fileprivate init(mode: Mode, urls: URLRewriter, capacity: Int) {
        self.mode = mode
        self.urls = urls
        text = WhitespaceCollapser(capacity: mode == .text ? capacity : 0)
        if mode == .sanitize { out.reserveCapacity(capacity) }
        frames.reserveCapacity(32)
    }

    /// When the parser cannot run at all: the input as escaped text.
    func fallback(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch mode {
        case .sanitize: appendEscaped(bytes, to: &out, .text)
        case .text: text.append(bytes)
        }
    }

    func finish() {
        while !frames.isEmpty { popFrame() }
    }

    // MARK: Elements

    func startElement(_ name: UnsafePointer<UInt8>, _ atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        let key = NameKey(name)
        if wrapperPending > 0 {
            wrapperPending -= 1
            frames.append(Frame(key: key, kind: .wrapper, id: 0, block: false))
            return
        }
        if dropDepth > 0 {
            frames.append(Frame(key: key, kind: .insideDropped, id: 0, block: false))
            return
        }
        if outsideWrapper && key == paragraphKey && isImpliedByParser() {
            frames.append(Frame(key: key, kind: .skipped, id: 0, block: false))
            return
        }
        let info = elements[key] ?? unknownElement
        switch info.kind {
        case .dropWithContent:
            dropDepth += 1
            frames.append(Frame(key: key, kind: .dropped, id: 0, block: info.block))
            if mode == .text { text.separate() }
        case .skipTag:
            frames.append(Frame(key: key, kind: .skipped, id: 0, block: info.block))
            if mode == .text && info.block { text.separate() }
        case .allowed, .void:
            // Nesting past this depth is markup no article needs and every renderer struggles with
            // (rss20-deeply-nested-10000-levels.xml): keep the text, drop the tags.
            if frames.count > maximumNesting {
                frames.append(Frame(key: key, kind: .skipped, id: info.id, block: info.block))
                return
            }
            if mode == .text {
                frames.append(Frame(key: key, kind: .skipped, id: info.id, block: info.block))
                if info.block { text.separate() }
                return
            }
            writeStartTag(info.id, atts)
            frames.append(Frame(key: key, kind: info.kind == .void ? .void : .emitted, id: info.id, block: false))
        }
    }

    func endElement(_ name: UnsafePointer<UInt8>) {
        guard let top = frames.last else { return }
        let key = NameKey(name)
        if top.key != key {
            // libxml2 balances its events; should it not, close down to the matching element or ignore.
            guard let index = frames.lastIndex(where: { $0.key == key }) else { return }
            while frames.count > index + 1 { popFrame() }
        }
        popFrame()
    }

    private func popFrame() {
        let frame = frames.removeLast()
        switch frame.kind {
        case .emitted:
            out.append(0x3C)
            out.append(0x2F)
            out.append(contentsOf: elementNames[Int(frame.id)])
            out.append(0x3E)
        case .dropped:
            dropDepth -= 1
            if mode == .text { text.separate() }
        case .skipped:
            if mode == .text && frame.block { text.separate() }
        case .wrapper:
            if frames.count < 2 { outsideWrapper = true }
        case .void, .insideDropped:
            break
        }
    }

    /// Whether the `<p>` being started was implied by libxml2 (around text outside any element)
    /// rather than read from the input: a start tag is reported with the input at its `>` or `/>`,
    /// an implied <p> with the input after the text (or after an entity).
    private func isImpliedByParser() -> Bool {
        guard let cur = ctxt?.pointee.input?.pointee.cur else { return false }
        let c = cur.pointee
        return !(c == 0x3E || c == 0x2F)
    }

    // MARK: Text

    func characters(_ chars: UnsafePointer<UInt8>, _ length: Int) {
        var chunk = UnsafeBufferPointer(start: chars, count: length)
        // libxml2 does not know CDATA sections in HTML: `<![CDATA[x]]>` comes as the text "<", then
        // "![CDATA[x]]>" (markup inside is parsed as markup). The markers are dropped, the content kept.
        if length == 1 && chars[0] == 0x3C && inputIsAtCDATAOpen() {
            cdataOpening = true
            return
        }
        if cdataOpening {
            cdataOpening = false
            if hasPrefix(chunk, cdataOpenTail) {
                chunk = UnsafeBufferPointer(rebasing: chunk[cdataOpenTail.count...])
                cdataOpen += 1
            }
        }
        while cdataOpen > 0, let end = find(cdataClose, in: chunk) {
            emitText(UnsafeBufferPointer(rebasing: chunk[..<end]))
            chunk = UnsafeBufferPointer(rebasing: chunk[(end + cdataClose.count)...])
            cdataOpen -= 1
        }
        emitText(chunk)
    }

    private func emitText(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard dropDepth == 0, !chunk.isEmpty else { return }
        switch mode {
        case .sanitize: appendEscaped(chunk, to: &out, .text)
        case .text: text.append(chunk)
        }
    }

    private func inputIsAtCDATAOpen() -> Bool {
        guard let cur = ctxt?.pointee.input?.pointee.cur else { return false }
        // The input is NUL-terminated: comparing stops at its end.
        for (i, b) in cdataOpenMarker.enumerated() where cur[i] != b { return false }
        return true
    }

    // MARK: Attributes

    private func writeStartTag(_ id: UInt8, _ atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        out.append(0x3C)
        out.append(contentsOf: elementNames[Int(id)])
        if let atts {
            var i = 0
            while let name = atts[i] {
                let value = atts[i + 1]
                i += 2
                guard let info = attributes[NameKey(name)] else { continue } // includes every on*
                writeAttribute(info, value, element: id)
            }
        }
        out.append(0x3E)
    }

    private func writeAttribute(_ info: AttributeInfo, _ value: UnsafePointer<UInt8>?, element: UInt8) {
        switch info.kind {
        case .plain:
            guard let value else {
                writeAttributeName(info.id) // boolean attribute: controls, reversed …
                return
            }
            writeAttribute(info.id, UnsafeBufferPointer(start: value, count: strlen(value)))
        case .url:
            guard let value else { return }
            let allowDataImage = element == imgID && info.id == srcAttributeID
            guard let url = urls.rewrite(UnsafeBufferPointer(start: value, count: strlen(value)),
                                         allowDataImages: allowDataImage) else { return }
            url.withUnsafeBufferPointer { writeAttribute(info.id, $0) }
        case .srcset:
            guard let value, let srcset = urls.rewriteSrcset(UnsafeBufferPointer(start: value, count: strlen(value)))
            else { return }
            srcset.withUnsafeBufferPointer { writeAttribute(info.id, $0) }
        case .style:
            guard let value else { return }
            let style = filterStyle(UnsafeBufferPointer(start: value, count: strlen(value)))
            guard !style.isEmpty else { return }
            style.withUnsafeBufferPointer { writeAttribute(info.id, $0) }
        case .usemap:
            guard let value, value[0] == 0x23 else { return } // '#'
            writeAttribute(info.id, UnsafeBufferPointer(start: value, count: strlen(value)))
        }
    }

    private func writeAttributeName(_ id: UInt8) {
        out.append(0x20)
        out.append(contentsOf: attributeNames[Int(id)])
    }

    private func writeAttribute(_ id: UInt8, _ value: UnsafeBufferPointer<UInt8>) {
        writeAttributeName(id)
        out.append(0x3D)
        out.append(0x22)
        appendEscaped(value, to: &out, .attribute)
        out.append(0x22)
    }
}

private let cdataOpenMarker: [UInt8] = Array("<![CDATA[".utf8)
private let cdataOpenTail: [UInt8] = Array("![CDATA[".utf8)
private let cdataClose: [UInt8] = Array("]]>".utf8)

private func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
    guard bytes.count >= prefix.count else { return false }
    for i in 0..<prefix.count where bytes[i] != prefix[i] { return false }
    return true
}

private func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count >= needle.count, let first = needle.first else { return nil }
    var i = 0
    while i <= bytes.count - needle.count {
        if bytes[i] == first {
            var j = 1
            while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
            if j == needle.count { return i }
        }
        i += 1
    }
    return nil
}

// MARK: - Escaping and whitespace

private enum Escaping {
    /// & < >
    case text
    /// & < > "
    case attribute
    /// & < > " ' (escapeHTML)
    case all
}

/// Appends `bytes` escaped; except for `.all`, C1 controls become their Windows-1252 characters.
private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], _ escaping: Escaping) {
    guard let base = UnsafeRawPointer(bytes.baseAddress) else { return }
    let count = bytes.count
    // Bits of the bytes below 64 that are escaped.
    var candidates: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E
    if escaping != .text { candidates |= 1 << 0x22 }
    if escaping == .all { candidates |= 1 << 0x27 }
    let fixC1 = escaping != .all
    var start = 0
    var i = 0
    while i < count {
        // Eight bytes at a time while none of them needs a look.
        if i + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            var hits = hasByte(word, 0x26) | hasByte(word, 0x3C) | hasByte(word, 0x3E)
            if fixC1 { hits |= hasByte(word, 0xC2) }
            if escaping != .text { hits |= hasByte(word, 0x22) }
            if escaping == .all { hits |= hasByte(word, 0x27) }
            if hits == 0 {
                i += 8
                continue
            }
        }
        let stop = min(i + 8, count)
        while i < stop {
            let b = bytes[i]
            i += 1
            if b < 64 {
                guard candidates & (1 << UInt64(b)) != 0 else { continue }
                let entity: StaticString
                switch b {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                default: entity = "&#39;"
                }
                if start < i - 1 { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)])) }
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                start = i
            } else if b == 0xC2 && fixC1 && i < count && bytes[i] >= 0x80 && bytes[i] <= 0x9F {
                if start < i - 1 { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)])) }
                out.append(contentsOf: windows1252C1[Int(bytes[i] - 0x80)])
                i += 1
                start = i
            }
        }
    }
    if start < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
}

/// Non-zero when one of the eight bytes of `word` is `byte` (may also flag bytes next to a match).
@inline(__always)
func hasByte(_ word: UInt64, _ byte: UInt8) -> UInt64 {
    let v = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
    return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
}

/// U+0080…U+009F read as Windows-1252, as browsers do for &#128;…&#159; (feeds written on Windows
/// use &#146; for ’ and &#150; for –); the five unassigned positions come out empty.
private let windows1252C1: [[UInt8]] = [
    "\u{20AC}", "", "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
    "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", "", "\u{017D}", "",
    "", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
    "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", "", "\u{017E}", "\u{0178}",
].map { Array($0.utf8) }

private func escapeText(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    appendEscaped(bytes, to: &out, .text)
    return out
}

/// Builds plain text: runs of HTML whitespace and no-break spaces (U+00A0) become one space, with
/// none at the start or the end; C1 controls are read as Windows-1252.
private struct WhitespaceCollapser {
    var out: [UInt8] = []
    private var pendingSpace = false
    /// A 0xC2 byte held back: the start of U+00A0 or of another character.
    private var heldC2 = false

    init(capacity: Int) { out.reserveCapacity(capacity) }

    /// Marks a word boundary (between block elements).
    mutating func separate() {
        if !out.isEmpty { pendingSpace = true }
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes {
            if heldC2 {
                heldC2 = false
                if b == 0xA0 { separate(); continue }
                if b >= 0x80 && b <= 0x9F {
                    for c in windows1252C1[Int(b - 0x80)] { put(c) }
                    continue
                }
                put(0xC2)
            }
            switch b {
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D: separate()
            case 0xC2: heldC2 = true
            default: put(b)
            }
        }
    }

    private mutating func put(_ b: UInt8) {
        if pendingSpace {
            out.append(0x20)
            pendingSpace = false
        }
        out.append(b)
    }
}

// MARK: - URLs
//
// Worked on as UTF-8 bytes: attribute values come from libxml2 as C strings and go back out as
// bytes, so no String is made for the URLs of the sanitizer's hot path.

/// Decodes the scalar starting at `i` (nil for a stray byte) and its length in bytes.
private func scalar(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar?, Int) {
    var iterator = bytes[i...].makeIterator()
    var decoder = Unicode.UTF8()
    switch decoder.decode(&iterator) {
    case .scalarValue(let s): return (s, s.utf8.count)
    default: return (nil, 1)
    }
}

/// Whitespace, control and format characters: ignored wherever they are in a scheme.
private func isIgnorableInURL(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v <= 0x20 || (v >= 0x7F && v <= 0xA0) { return true }
    if v < 0x80 { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
    default: return scalar.properties.isWhitespace
    }
}

/// Whitespace and control characters trimmed from the ends of a URL.
private func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v <= 0x20 || (v >= 0x7F && v <= 0x9F) { return true }
    if v < 0x80 { return false }
    return v == 0xFEFF || scalar.properties.isWhitespace
}

private func isSafeURL(_ url: UnsafeBufferPointer<UInt8>, allowDataImages: Bool) -> Bool {
    // The scheme, lowercased, packed into a UInt64 (the dangerous ones are at most 10 letters: the
    // 9th and 10th go to a second word).
    var scheme: (UInt64, UInt64) = (0, 0)
    var length = 0
    var i = 0
    var foundColon = false
    while i < url.count {
        let b = url[i]
        if b >= 0x80 {
            let (s, width) = scalar(in: url, at: i)
            i += width
            if let s, isIgnorableInURL(s) { continue }
            return true // any other non-ASCII character: no scheme, a relative URL
        }
        i += 1
        let c: UInt8
        switch b {
        case 0...0x20, 0x7F: continue
        case 0x3A: foundColon = true; c = 0
        case 0x41...0x5A: c = b | 0x20
        case 0x61...0x7A, 0x30...0x39, 0x2B, 0x2D, 0x2E: c = b
        default: return true // '/', '?', '#' or any other character: no scheme, a relative URL
        }
        if foundColon { break }
        if length == 16 { return true } // longer than any dangerous scheme
        if length < 8 {
            scheme.0 |= UInt64(c) << UInt64(8 * length)
        } else {
            scheme.1 |= UInt64(c) << UInt64(8 * (length - 8))
        }
        length += 1
    }
    guard foundColon else { return true }
    if dangerousSchemes.contains(where: { $0 == scheme }) { return false }
    guard scheme == dataScheme else { return true }
    guard allowDataImages else { return false }
    var header: [UInt8] = []
    header.reserveCapacity(24)
    while header.count < 24 && i < url.count {
        let b = url[i]
        if b >= 0x80 {
            let (s, width) = scalar(in: url, at: i)
            i += width
            if let s, isIgnorableInURL(s) { continue }
            return false
        }
        i += 1
        if b <= 0x20 || b == 0x7F { continue }
        header.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        if b == 0x2C { break } // ','
    }
    return allowedDataImageHeaders.contains(header)
}

private func packedScheme(_ name: String) -> (UInt64, UInt64) {
    var packed: (UInt64, UInt64) = (0, 0)
    for (i, c) in name.utf8.enumerated() {
        if i < 8 { packed.0 |= UInt64(c) << UInt64(8 * i) } else { packed.1 |= UInt64(c) << UInt64(8 * (i - 8)) }
    }
    return packed
}

private let dangerousSchemes: [(UInt64, UInt64)] =
    ["javascript", "vbscript", "livescript", "mocha", "jscript"].map(packedScheme)
private let dataScheme = packedScheme("data")

private let allowedDataImageHeaders: [[UInt8]] = [
    "image/png;base64,", "image/gif;base64,", "image/jpeg;base64,", "image/jpg;base64,", "image/webp;base64,",
].map { Array($0.utf8) }

/// `url` with tabs and line breaks removed anywhere and whitespace and control characters trimmed at
/// both ends, as browsers do.
private func cleanedURL(_ url: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var start = 0, end = url.count
    while start < end {
        let b = url[start]
        if b < 0x80 {
            guard b <= 0x20 || b == 0x7F else { break }
            start += 1
        } else {
            let (s, length) = scalar(in: url, at: start)
            guard let s, isTrimmable(s) else { break }
            start += length
        }
    }
    while end > start {
        let b = url[end - 1]
        if b < 0x80 {
            guard b <= 0x20 || b == 0x7F else { break }
            end -= 1
        } else {
            var lead = end - 1
            while lead > start && url[lead] & 0xC0 == 0x80 { lead -= 1 }
            let (s, length) = scalar(in: url, at: lead)
            guard let s, lead + length == end, isTrimmable(s) else { break }
            end = lead
        }
    }
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    for i in start..<end {
        let b = url[i]
        if b != 0x09 && b != 0x0A && b != 0x0D { out.append(b) }
    }
    return out
}

/// Whether `url` starts with a scheme (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":").
private func hasScheme(_ url: [UInt8]) -> Bool {
    for (i, b) in url.enumerated() {
        switch b {
        case 0x41...0x5A, 0x61...0x7A: continue
        case 0x30...0x39, 0x2B, 0x2D, 0x2E: if i == 0 { return false }
        case 0x3A: return i > 0
        default: return false
        }
    }
    return false
}

private let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

/// `url` NUL-terminated, as xmlParseURI accepts it: bytes a URI may not hold percent-encoded
/// (non-ASCII as UTF-8, spaces, controls, " < > \ ^ ` { | }, a '%' not starting an escape, a second
/// '#', brackets outside the authority).
private func uriEscaped(_ url: [UInt8]) -> [UInt8] {
    var authority = 0..<0
    var schemeEnd = 0
    if hasScheme(url), let colon = url.firstIndex(of: 0x3A) { schemeEnd = colon + 1 }
    if url.count >= schemeEnd + 2 && url[schemeEnd] == 0x2F && url[schemeEnd + 1] == 0x2F {
        let start = schemeEnd + 2
        var end = start
        while end < url.count && url[end] != 0x2F && url[end] != 0x3F && url[end] != 0x23 { end += 1 }
        authority = start..<end
    }
    func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }
    var out: [UInt8] = []
    out.reserveCapacity(url.count + 1)
    var seenHash = false
    for (i, b) in url.enumerated() {
        let escape: Bool
        switch b {
        case 0x25: escape = !(i + 2 < url.count && isHex(url[i + 1]) && isHex(url[i + 2]))
        case 0x23: escape = seenHash; seenHash = true
        case 0x5B, 0x5D: escape = !authority.contains(i)
        case 0...0x20, 0x7F...0xFF, 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: escape = true
        default: escape = false
        }
        if escape {
            out.append(0x25)
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0xF)])
        } else {
            out.append(b)
        }
    }
    out.append(0)
    return out
}

/// Resolves URLs against one base (escaped once) and drops unsafe ones.
private struct URLRewriter {
    /// The base, cleaned; nil when there is none.
    private let base: [UInt8]?
    private var escapedBase: [UInt8]?

    init(base: String?) {
        guard var base else {
            self.base = nil
            return
        }
        let cleaned = base.withUTF8 { cleanedURL($0) }
        self.base = cleaned.isEmpty ? nil : cleaned
    }

    /// `href` cleaned and resolved (not checked for safety).
    mutating func resolve(_ href: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let cleaned = cleanedURL(href)
        guard let base, !hasScheme(cleaned) else { return cleaned }
        if escapedBase == nil { escapedBase = uriEscaped(base) }
        var reference = uriEscaped(cleaned)
        // A relative path whose first segment holds a ':' ("`x:y", "a%20b:c") would read as a scheme:
        // RFC 3986 (4.2) writes it "./`x:y".
        if let end = reference.firstIndex(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 || $0 == 0 }),
           end > 0, reference[..<end].contains(0x3A) {
            reference.insert(contentsOf: [0x2E, 0x2F], at: 0)
        }
        let resolved: [UInt8]? = reference.withUnsafeBufferPointer { ref in
            escapedBase!.withUnsafeBufferPointer { base in
                guard let result = xmlBuildURI(ref.baseAddress, base.baseAddress) else { return nil }
                defer { free(result) } // xmlFree: libxml2's default allocator is malloc
                return Array(UnsafeBufferPointer(start: result, count: strlen(result)))
            }
        }
        return resolved ?? cleaned
    }

    /// An attribute's URL resolved, or nil when it is not safe.
    mutating func rewrite(_ href: UnsafeBufferPointer<UInt8>, allowDataImages: Bool) -> [UInt8]? {
        let url = resolve(href)
        let safe = url.withUnsafeBufferPointer { isSafeURL($0, allowDataImages: allowDataImages) }
        return safe ? url : nil
    }

    /// `srcset` with each candidate's URL resolved and unsafe candidates left out (data: URLs too);
    /// nil when none is left. Candidates are split as the HTML standard does: a URL runs to the next
    /// whitespace (less trailing commas), its descriptors to the next comma.
    mutating func rewriteSrcset(_ srcset: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
        var out: [UInt8] = []
        var i = 0
        while i < srcset.count {
            while i < srcset.count && (isSpace(srcset[i]) || srcset[i] == 0x2C) { i += 1 }
            guard i < srcset.count else { break }
            let urlStart = i
            while i < srcset.count && !isSpace(srcset[i]) { i += 1 }
            var urlEnd = i
            var descriptors: [UInt8] = []
            if srcset[urlEnd - 1] == 0x2C {
                while urlEnd > urlStart && srcset[urlEnd - 1] == 0x2C { urlEnd -= 1 }
            } else {
                var pendingSpace = false
                while i < srcset.count && srcset[i] != 0x2C {
                    if isSpace(srcset[i]) {
                        pendingSpace = !descriptors.isEmpty
                    } else {
                        if pendingSpace { descriptors.append(0x20) }
                        pendingSpace = false
                        descriptors.append(srcset[i])
                    }
                    i += 1
                }
            }
            guard urlEnd > urlStart,
                  let url = rewrite(UnsafeBufferPointer(rebasing: srcset[urlStart..<urlEnd]), allowDataImages: false)
            else { continue }
            if !out.isEmpty { out.append(contentsOf: [0x2C, 0x20]) }
            out.append(contentsOf: url)
            if !descriptors.isEmpty {
                out.append(0x20)
                out.append(contentsOf: descriptors)
            }
        }
        return out.isEmpty ? nil : out
    }
}

// MARK: - CSS

/// The declarations of a style attribute whose property is allowed and whose value is harmless,
/// rewritten as `property: value; …`; empty when none is.
private func filterStyle(_ style: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    var start = 0
    while start <= style.count {
        var end = start
        while end < style.count && style[end] != 0x3B { end += 1 } // ';'
        let declaration = UnsafeBufferPointer(rebasing: style[start..<end])
        start = end + 1
        guard let colon = declaration.firstIndex(of: 0x3A) else { continue }
        let property = String(decoding: trimmed(UnsafeBufferPointer(rebasing: declaration[..<colon])), as: UTF8.self)
            .lowercased()
        guard cssProperties.contains(property) else { continue }
        let value = trimmed(UnsafeBufferPointer(rebasing: declaration[(colon + 1)...]))
        guard !value.isEmpty, isHarmlessCSSValue(value) else { continue }
        if !out.isEmpty {
            out.append(0x3B)
            out.append(0x20)
        }
        out.append(contentsOf: property.utf8)
        out.append(0x3A)
        out.append(0x20)
        out.append(contentsOf: value)
    }
    return out
}

private func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0, end = bytes.count
    while start < end && bytes[start] <= 0x20 { start += 1 }
    while end > start && bytes[end - 1] <= 0x20 { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
}

private func isHarmlessCSSValue(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    // Lowercase, drop whitespace and controls, fold fullwidth forms (U+FF01…U+FF5E, which old IE read
    // as ASCII in expressions) to ASCII, then look for anything that loads or runs something.
    var folded: [UInt8] = []
    folded.reserveCapacity(value.count)
    var quotes = 0, apostrophes = 0
    var i = 0
    while i < value.count {
        var b = value[i]
        if b == 0xEF && i + 2 < value.count && (value[i + 1] == 0xBC || value[i + 1] == 0xBD) {
            let scalar = 0xFF00 + (UInt32(value[i + 1] & 0x03) << 6) + UInt32(value[i + 2] & 0x3F)
            if scalar >= 0xFF01 && scalar <= 0xFF5E {
                b = UInt8(scalar - 0xFF01 + 0x21)
                i += 2
            }
        }
        i += 1
        if b <= 0x20 || b == 0x7F { continue }
        if b == 0x22 { quotes += 1 }
        if b == 0x27 { apostrophes += 1 }
        folded.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
    }
    guard quotes % 2 == 0, apostrophes % 2 == 0 else { return false }
    return folded.withUnsafeBufferPointer { folded in
        !cssForbidden.contains { find($0, in: folded) != nil }
    }
}
