import Foundation
internal import CLibXML2
import GazetteModel

/// RSS and Atom through libxml2's SAX2 push parser: no tree is built, entries are handed over as
/// they close, so memory follows the entries kept, not the document.
///
/// Safety (style.md): `XML_PARSE_NONET | XML_PARSE_RECOVER`, never `NOENT` or `DTDLOAD`. No
/// `entityDecl` handler is installed, so entities a DTD declares are never recorded, hence never
/// expanded: no billion laughs, no quadratic blow-up, no external entity (XXE). `getEntity` answers
/// only for HTML's named entities (`&nbsp;` …), which real feeds use without declaring them.
enum XMLFeedReader {
    /// Bytes handed to libxml2 per `xmlParseChunk` call.
    static let chunkSize = 1 << 20

    static func read(_ original: [UInt8], options: ParseOptions) throws(ParseError) -> Feed {
        // Control characters XML forbids are rare: look for them only when libxml2 met an invalid
        // character (or gave up), then read the document again without them.
        var first: Result<Feed, ParseError>
        do {
            let (feed, metInvalidCharacter) = try parse(original, removedControl: nil, options: options)
            guard metInvalidCharacter else { return feed }
            first = .success(feed)
        } catch {
            first = .failure(error)
        }
        let (clean, control) = removingIllegalControls(original)
        guard let control else { return try first.get() }
        let line = original[..<control.offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return try parse(clean, removedControl: (line, control.byte), options: options).feed
    }

    /// One pass of libxml2 over `clean`; `removedControl` is the line and value of the first control
    /// character taken out of it, for the bozo reason.
    private static func parse(_ clean: [UInt8], removedControl: (line: Int, byte: UInt8)?,
                              options: ParseOptions) throws(ParseError) -> (feed: Feed, metInvalidCharacter: Bool) {
        let (utf8, repairs) = escapingBareAmpersands(clean)
        let reader = SAXFeedReader(options: options)
        func line(_ offset: Int, in bytes: [UInt8]) -> Int { bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } }
        if let (line, byte) = removedControl {
            reader.noteRepair("line \(line): control character U+\(hex4(byte)) (removed; XML forbids it)")
        }
        if let bareAmpersand = repairs.bareAmpersand {
            reader.noteRepair("line \(line(bareAmpersand, in: clean)): unescaped '&' (kept as text)")
        }
        if let (offset, name) = repairs.htmlEntity {
            // XML requires every entity but the five to be declared; feedparser calls this bozo too.
            reader.noteRepair("line \(line(offset, in: clean)): undefined entity &\(name); (decoded as HTML's)")
        }
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localname, _, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let context, let localname else { return }
            SAXFeedReader.from(context).start(localname, uri, Int(attributeCount), attributes,
                                              namespaces: Namespaces(pointer: namespaces, count: Int(namespaceCount)))
        }
        sax.endElementNs = { context, _, _, _ in
            guard let context else { return }
            SAXFeedReader.from(context).end()
        }
        sax.characters = { context, bytes, count in
            guard let context, let bytes else { return }
            SAXFeedReader.from(context).characters(bytes, Int(count))
        }
        sax.cdataBlock = sax.characters
        sax.getEntity = { context, name in
            guard let context, let name else { return nil }
            return SAXFeedReader.from(context).entity(named: name)
        }
        sax.serror = { context, error in
            guard let context, let error else { return }
            SAXFeedReader.from(context).record(error.pointee)
        }
        let unmanaged = Unmanaged.passRetained(reader)
        defer { unmanaged.release() }
        let started = withPushParser(&sax, userData: unmanaged.toOpaque()) { context in
            reader.context = context
            utf8.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count, !reader.stopped {
                    let length = min(chunkSize, buffer.count - offset)
                    let pointer = UnsafeRawPointer(base + offset).assumingMemoryBound(to: CChar.self)
                    xmlParseChunk(context, pointer, Int32(length), 0)
                    offset += length
                }
            }
            if !reader.stopped { xmlParseChunk(context, nil, 0, 1) }
            reader.context = nil
        }
        guard started else { throw .notAFeed(what: "libxml2 could not start a parser") }
        return (try reader.finish(), reader.metInvalidCharacter)
    }
}

/// `0041`-style hex of a byte, for messages.
private func hex4(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - digits.count) + digits
}

/// XML 1.0 forbids the C0 controls but tab, LF and CR, even as references; libxml2 stops the whole
/// document at a NUL (the entries after it were lost) and cuts an attribute value at any other
/// (`url="…/a\u{1}.mp3"` became `…/a`). Removes them all, as feedparser's reading does; returns the
/// offset and value of the first one removed, or the input itself when there is none. Input is UTF-8,
/// where these bytes are these characters and nothing else.
func removingIllegalControls(_ bytes: [UInt8]) -> ([UInt8], first: (offset: Int, byte: UInt8)?) {
    @inline(__always) func illegal(_ byte: UInt8) -> Bool { byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D }
    let first: Int? = bytes.withUnsafeBufferPointer { buffer -> Int? in
        guard let base = buffer.baseAddress else { return nil }
        let count = buffer.count
        var index = 0
        // Eight bytes at a time: a word with no byte below 0x20 (most of them) is skipped whole.
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 {
                for offset in index..<(index + 8) where illegal(base[offset]) { return offset }
            }
            index += 8
        }
        while index < count { if illegal(base[index]) { return index }; index += 1 }
        return nil
    }
    guard let first else { return (bytes, nil) }
    var kept = [UInt8]()
    kept.reserveCapacity(bytes.count)
    kept.append(contentsOf: bytes[..<first])
    for byte in bytes[first...] where !illegal(byte) { kept.append(byte) }
    return (kept, (first, bytes[first]))
}

/// What `escapingBareAmpersands` repaired first: the offset of a bare `&`, and the offset and name
/// of an HTML entity made a character reference.
struct AmpersandRepairs {
    var bareAmpersand: Int?
    var htmlEntity: (offset: Int, name: String)?
}

/// Feeds write `&` bare ("Q&A", "a?x=1&y=2"); libxml2's recover mode would drop it. Escape every `&`
/// that cannot start a reference, outside CDATA sections and comments (where `&` is literal). Feeds
/// also use HTML's entities (`&nbsp;`, `&eacute;`) without declaring them: each becomes a character
/// reference (`&#233;`), which XML reads everywhere, attribute values included (answered through
/// `getEntity` instead, libxml2 2.9 copied only the first byte of the character into an attribute:
/// `term="caf&eacute;"` became `caf\u{FFFD}`). Returns the input itself when nothing needs repair.
func escapingBareAmpersands(_ bytes: [UInt8]) -> ([UInt8], AmpersandRepairs) {
    bytes.withUnsafeBufferPointer { input -> ([UInt8], AmpersandRepairs) in
        guard let base = input.baseAddress else { return (bytes, AmpersandRepairs()) }
        let count = input.count
        var output: [UInt8]? = nil
        var repairs = AmpersandRepairs()
        var copied = 0
        /// The offset of the next `byte` at or after `from`, or `count` (memchr: this runs over every byte fetched).
        func next(_ byte: UInt8, from: Int) -> Int {
            guard from < count, let found = memchr(base + from, Int32(byte), count - from) else { return count }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        func startsWith(_ literal: StaticString, at position: Int) -> Bool {
            let length = literal.utf8CodeUnitCount
            guard position + length <= count else { return false }
            return memcmp(base + position, literal.utf8Start, length) == 0
        }
        func end(of terminator: StaticString, from position: Int) -> Int {
            var cursor = position
            while true {
                cursor = next(terminator.utf8Start.pointee, from: cursor)
                if cursor == count { return count }
                if startsWith(terminator, at: cursor) { return cursor + terminator.utf8CodeUnitCount }
                cursor += 1
            }
        }
        var ampersand = next(UInt8(ascii: "&"), from: 0)
        var markup = next(UInt8(ascii: "<"), from: 0)
        while ampersand < count {
            // Step over markup before this `&`; a CDATA section or comment may swallow it.
            while markup < ampersand {
                var resume = markup + 1
                if startsWith("<![CDATA[", at: markup) { resume = end(of: "]]>", from: markup + 9) }
                else if startsWith("<!--", at: markup) { resume = end(of: "-->", from: markup + 4) }
                markup = next(UInt8(ascii: "<"), from: resume)
                if resume > ampersand { ampersand = next(UInt8(ascii: "&"), from: resume) }
            }
            guard ampersand < count else { break }
            if markup == ampersand { continue }
            if let end = referenceEnd(input, at: ampersand + 1) {
                if let value = htmlEntityValue(input, from: ampersand + 1, to: end) {
                    if output == nil { output = []; output!.reserveCapacity(count + 64) }
                    if repairs.htmlEntity == nil {
                        repairs.htmlEntity = (ampersand, String(decoding: input[(ampersand + 1)..<end], as: UTF8.self))
                    }
                    output!.append(contentsOf: input[copied..<ampersand])
                    output!.append(contentsOf: "&#\(value);".utf8)
                    copied = end + 1
                }
            } else {
                if output == nil { output = []; output!.reserveCapacity(count + 64) }
                if repairs.bareAmpersand == nil { repairs.bareAmpersand = ampersand }
                output!.append(contentsOf: input[copied...ampersand])
                output!.append(contentsOf: "amp;".utf8)
                copied = ampersand + 1
            }
            ampersand = next(UInt8(ascii: "&"), from: ampersand + 1)
        }
        guard var repaired = output else { return (bytes, repairs) }
        repaired.append(contentsOf: input[copied...])
        return (repaired, repairs)
    }
}

/// The code point of the HTML entity named by `bytes[from..<to]` (a name, not `#…`), or nil for XML's
/// five and for names HTML does not have (a DTD's own, which are never expanded).
private func htmlEntityValue(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> UInt32? {
    guard from < to, bytes[from] != UInt8(ascii: "#") else { return nil }
    let name = bytes[from..<to]
    for predefined in xmlPredefinedEntityNames where name.elementsEqual(predefined) { return nil }
    let value = EntityTable.value(named: name)
    return value == 0 ? nil : value
}

private let xmlPredefinedEntityNames: [[UInt8]] = ["lt", "gt", "amp", "quot", "apos"].map { Array($0.utf8) }

/// The offset of the `;` ending the reference that starts at `position` (`#123;`, `#x1F;` or
/// `name;`, the `&` before it), or nil when none starts there.
private func referenceEnd(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Int? {
    var cursor = position
    let limit = min(bytes.count, position + 40)
    guard cursor < limit else { return nil }
    if bytes[cursor] == UInt8(ascii: "#") {
        cursor += 1
        if cursor < limit, bytes[cursor] | 0x20 == UInt8(ascii: "x") { cursor += 1 }
    }
    let nameStart = cursor
    while cursor < limit {
        let byte = bytes[cursor]
        if byte == UInt8(ascii: ";") { return cursor > nameStart ? cursor : nil }
        let isNameByte = (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        if !isNameByte { return nil }
        cursor += 1
    }
    return nil
}

/// One open element.
private struct Frame {
    var tag: Tag
    /// The local name, interned in the parser's dictionary (valid for the whole parse).
    var name: UnsafePointer<xmlChar>
    var base: String?
}

/// What happens to the characters between an element's start and end.
private struct Capture {
    enum Target {
        case feedTitle, feedSubtitle, feedLink, feedID, feedLanguage, feedUpdated, feedGenerator, feedImage,
             feedAuthor
        case entryID, entryGUID, entryTitle, entryLink, entryDescription, entrySummary, entryDCDescription,
             entryContentEncoded, entryContent, entryXHTMLBody, entryPublished, entryUpdated, entryComments,
             entryCategory, entryRSSAuthor, entryCreator
        case personName, personEmail, personURI
    }
    var depth: Int
    var target: Target
    var mode: TextMode
    /// Whether the target is a value (a URL, an id, a date) rather than prose: one the document did
    /// not close is not taken whole (`<link>https://a/1<description>d1…` is not `https://a/1d1`, and a
    /// download cut in `<link>https://exam` gives no link rather than a wrong one).
    var isValue: Bool {
        switch target {
        case .feedLink, .feedID, .feedUpdated, .feedImage, .feedLanguage, .entryID, .entryGUID, .entryLink,
             .entryPublished, .entryUpdated, .entryComments: mode == .text
        default: false
        }
    }
    var base: String?
    /// Depth of the xhtml wrapper `div`, whose own tags are not content (RFC 4287 §3.1.1.3).
    var wrapperDepth: Int?
}

private final class SAXFeedReader {
    let options: ParseOptions
    var context: xmlParserCtxtPtr?
    private(set) var stopped = false

    private var format: FeedFormat?
    private var notAFeed: String?
    private var info = FeedInfo()
    private var feedUpdatedPriority = Int.max
    private var entries: [Entry] = []
    private var entry: EntryBuilder?
    private var entryDepth = -1
    private var person: Person?
    private var personDepth = -1
    private var stack: [Frame] = []
    private var skipDepth: Int?
    private var capture: Capture?
    private var buffer: [UInt8] = []
    private var bozoReason: String?
    private var names: [NameKey: Tag] = [:]
    private var entities: [String: UnsafeMutablePointer<xmlEntity>] = [:]
    private var rootLanguage: String?

    init(options: ParseOptions) {
        self.options = options
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        for (_, entity) in entities {
            free(UnsafeMutableRawPointer(mutating: entity.pointee.name))
            free(entity.pointee.content)
            entity.deallocate()
        }
    }

    static func from(_ context: UnsafeMutableRawPointer) -> SAXFeedReader {
        Unmanaged<SAXFeedReader>.fromOpaque(context).takeUnretainedValue()
    }

    // MARK: - Events

    func start(_ localname: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ attributeCount: Int,
               _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, namespaces: Namespaces) {
        keepRecovering()
        let attributes = Attributes(pointer: attributes, count: attributeCount)
        parserStack.append(localname)
        let depth = stack.count
        let parentBase = stack.last?.base ?? options.documentURL ?? info.link
        let base = attributes.xmlBase.flatMap { absoluteURL($0, base: parentBase) } ?? parentBase

        if let open = capture, open.isValue {
            // An element inside a value: the value's end tag is missing. What came before is the value.
            finishCapture(open)
            capture = nil
        }
        if var capture {
            let tag = tag(localname, uri)
            stack.append(Frame(tag: tag, name: localname, base: base))
            guard capture.mode == .html || capture.mode == .xhtml else { return }
            if capture.mode == .xhtml, capture.wrapperDepth == nil, depth == capture.depth + 1,
               strcmp(localname.asCString, "div") == 0, buffer.allSatisfy(isXMLSpace) {
                capture.wrapperDepth = depth
                buffer.removeAll(keepingCapacity: true)
                self.capture = capture
                return
            }
            appendStartTag(localname, attributes)
            return
        }
        let tag = tag(localname, uri)
        stack.append(Frame(tag: tag, name: localname, base: base))
        if skipDepth != nil { return }
        if depth == 0 {
            startRoot(tag: tag, localname: localname, uri: uri, attributes: attributes, namespaces: namespaces)
            return
        }
        let parent = stack[depth - 1].tag
        let inEntry = entry != nil
        switch tag {
        case .item, .entry:
            if inEntry { closeUnclosedEntry() }
            var builder = EntryBuilder()
            builder.rdfAbout = attributes.value(named: "about").flatMap { absoluteURL($0, base: base) }
            entry = builder
            entryDepth = depth
        case .atomSource, .textInput, .source, .atomContributor:
            skip(depth)
        case .atomAuthor:
            person = Person()
            personDepth = depth
        case .atomName where person != nil: begin(.personName, depth, .maybeHTML, base)
        case .atomEmail where person != nil: begin(.personEmail, depth, .text, base)
        case .atomURI where person != nil: begin(.personURI, depth, .text, base)
        case .url where parent == .image: begin(.feedImage, depth, .text, base)
        case .title, .dcTitle, .atomTitle:
            guard parent != .image else { return }
            let mode = tag == .atomTitle ? atomMode(attributes) : .maybeHTML
            begin(inEntry ? .entryTitle : .feedTitle, depth, mode, base)
        case .link:
            guard parent != .image else { return }
            begin(inEntry ? .entryLink : .feedLink, depth, .text, base)
        case .atomLink:
            link(attributes, base: base, inEntry: inEntry, parent: parent)
        case .description:
            begin(inEntry ? .entryDescription : .feedSubtitle, depth, inEntry ? .html : .maybeHTML, base)
        case .dcDescription:
            begin(inEntry ? .entryDCDescription : .feedSubtitle, depth, inEntry ? .html : .maybeHTML, base)
        case .atomSubtitle where !inEntry:
            begin(.feedSubtitle, depth, atomMode(attributes), base)
        case .atomSummary where inEntry:
            begin(.entrySummary, depth, atomMode(attributes), base)
        case .contentEncoded where inEntry:
            begin(.entryContentEncoded, depth, .html, base)
        case .atomContent where inEntry:
            // Out-of-line content (src=…) has nothing to read here; RFC 4287 §4.1.3.2.
            guard attributes.value(named: "src") == nil else { return }
            let mode = atomMode(attributes)
            guard mode != nil else { return }
            begin(.entryContent, depth, mode, base)
        case .xhtmlBody where inEntry:
            begin(.entryXHTMLBody, depth, .xhtml, base)
        case .guid where inEntry:
            entry?.guidIsPermaLink = attributes.value(named: "isPermaLink")?.lowercased() != "false"
            begin(.entryGUID, depth, .text, base)
        case .atomId:
            begin(inEntry ? .entryID : .feedID, depth, .text, base)
        case .pubDate, .atomPublished, .atomIssued, .dctermsIssued, .dctermsCreated, .atomCreated:
            if inEntry { begin(.entryPublished, depth, .text, base) }
            else if tag == .pubDate { beginFeedUpdated(depth, priority: 3) }
        case .atomUpdated, .atomModified, .dctermsModified, .dcDate, .lastBuildDate:
            if inEntry { begin(.entryUpdated, depth, .text, base) }
            else { beginFeedUpdated(depth, priority: tag == .atomUpdated ? 0 : tag == .lastBuildDate ? 1 : 2) }
        case .language where !inEntry, .dcLanguage where !inEntry:
            begin(.feedLanguage, depth, .text, base)
        case .generator where !inEntry, .atomGenerator where !inEntry:
            begin(.feedGenerator, depth, .maybeHTML, base)
        case .atomLogo where !inEntry:
            info.image = nil  // the logo wins over an icon seen before it
            begin(.feedImage, depth, .text, base)
        case .atomIcon where !inEntry && info.image == nil:
            begin(.feedImage, depth, .text, base)
        case .itunesImage where !inEntry && info.image == nil:
            info.image = attributes.value(named: "href").flatMap { absoluteURL($0, base: base) }
        case .managingEditor where !inEntry:
            begin(.feedAuthor, depth, .maybeHTML, base)
        case .author where inEntry: begin(.entryRSSAuthor, depth, .maybeHTML, base)
        case .dcCreator:
            if inEntry { begin(.entryCreator, depth, .maybeHTML, base) } else { begin(.feedAuthor, depth, .maybeHTML, base) }
        case .category where inEntry, .dcSubject where inEntry:
            begin(.entryCategory, depth, .maybeHTML, base)
        case .atomCategory where inEntry:
            if let term = attributes.value(named: "term") ?? attributes.value(named: "label") {
                let term = TextValue(raw: term, mode: .maybeHTML).plain()
                if !term.isEmpty { entry?.categories.append(term) }
            }
        case .comments where inEntry:
            begin(.entryComments, depth, .text, base)
        case .enclosure where inEntry:
            if let url = attributes.value(named: "url").flatMap({ absoluteURL($0, base: base) }) {
                let enclosure = Enclosure(url: url, type: attributes.value(named: "type"),
                                          length: attributes.value(named: "length").flatMap(length))
                addEnclosure(enclosure)
            }
        case .mediaContent where inEntry:
            if let url = attributes.value(named: "url").flatMap({ absoluteURL($0, base: base) }) {
                addEnclosure(Enclosure(url: url, type: attributes.value(named: "type"),
                                       length: attributes.value(named: "fileSize").flatMap(length)))
            }
        case .mediaThumbnail where inEntry:
            if let url = attributes.value(named: "url").flatMap({ absoluteURL($0, base: base) }) {
                entry?.links.append(Link(rel: "thumbnail", href: url, type: nil))
            }
        default:
            break
        }
    }

    /// The end tag the document wrote when libxml2 reported it did not match the open element.
    private var mismatchedEndTag: String?

    /// libxml2's own element stack, which recover mode lets differ from what the document wrote.
    private var parserStack: [UnsafePointer<xmlChar>] = []

    func end() {
        keepRecovering()
        // Recover mode closes its open element whatever end tag was written (parser.c,
        // xmlParseEndTag2), so `<description>a<br></description>` would close <br> and leave
        // description open, swallowing every later item. Follow the document instead: each end
        // event stands for one written end tag (the mismatched name, else libxml2's open element);
        // close our elements up to the one it names, or none when it names none (a stray end tag).
        let parserOpen = parserStack.popLast()
        guard let written = mismatchedEndTag else {
            guard let parserOpen, let last = stack.last else { return }
            if last.name == parserOpen { return popFrame() }
            guard let index = stack.lastIndex(where: { $0.name == parserOpen || strcmp($0.name.asCString, parserOpen.asCString) == 0 }) else { return }
            while stack.count > index { popFrame() }
            return
        }
        mismatchedEndTag = nil
        guard let index = stack.lastIndex(where: { frame in
            let name = String(cString: frame.name.asCString)
            return name == written || written.hasSuffix(":" + name)
        }) else { return }
        while stack.count > index { popFrame() }
    }

    private func popFrame() {
        guard stack.popLast() != nil else { return }
        let depth = stack.count
        if let capture {
            if depth == capture.depth {
                finishCapture(capture)
                self.capture = nil
            } else if depth == capture.wrapperDepth {
                return
            } else if capture.mode == .html || capture.mode == .xhtml {
                appendEndTag(depth: depth)
            }
            return
        }
        if let skip = skipDepth {
            if depth == skip { skipDepth = nil }
            return
        }
        if depth == personDepth, let done = person {
            if !done.isEmpty {
                if entry != nil { entry?.authors.append(done) } else { info.authors.append(done) }
            }
            person = nil
            personDepth = -1
        } else if depth == entryDepth, let builder = entry {
            entries.append(builder.build(options: options, fallbackBase: options.documentURL ?? info.link))
            entry = nil
            entryDepth = -1
        }
    }

    /// An item starts inside an item: the first was never closed, and recover mode would nest the
    /// second inside it (it was skipped, and lost). Takes the first as ended here, as feedparser does.
    private func closeUnclosedEntry() {
        guard let builder = entry else { return }
        if personDepth > entryDepth, let done = person, !done.isEmpty { entry?.authors.append(done) }
        if personDepth > entryDepth { (person, personDepth) = (nil, -1) }
        entries.append((entry ?? builder).build(options: options, fallbackBase: options.documentURL ?? info.link))
        entry = nil
        entryDepth = -1
        noteRepair("line \(context.map { xmlSAX2GetLineNumber($0) } ?? 0): an entry starts inside another (the first was taken as ended)")
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        keepRecovering()
        guard let capture else { return }
        let text = UnsafeBufferPointer(start: bytes, count: count)
        if capture.mode == .xhtml { appendEscaped(text) } else { buffer.append(contentsOf: text) }
    }

    /// HTML's named entities, which XML does not define and feeds use anyway. Typed as predefined so
    /// libxml2 inlines the text without expanding anything (parser.c, xmlParseReference).
    func entity(named name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        keepRecovering()
        if let predefined = xmlGetPredefinedEntity(name) { return predefined }
        let key = String(cString: name.asCString)
        if let cached = entities[key] { return cached }
        guard let html = htmlEntityLookup(name), let scalar = Unicode.Scalar(html.pointee.value) else { return nil }
        // XML requires every entity but the five to be declared; feedparser calls this bozo too.
        noteRepair("line \(context.map { xmlSAX2GetLineNumber($0) } ?? 0): undefined entity &\(key); (decoded as HTML's)")
        let text = String(Character(scalar))
        let entity = UnsafeMutablePointer<xmlEntity>.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
        entity.pointee.name = UnsafePointer(strdup(key).map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: xmlChar.self) })
        let content = strdup(text).map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: xmlChar.self) }
        entity.pointee.content = content
        entity.pointee.length = Int32(text.utf8.count)
        entities[key] = entity
        return entity
    }

    func noteRepair(_ reason: String) {
        if bozoReason == nil { bozoReason = reason }
    }

    /// Set when libxml2 reported a character XML does not allow (XML_ERR_INVALID_CHAR).
    private(set) var metInvalidCharacter = false

    func record(_ error: xmlError) {
        if error.code == Int32(XML_ERR_INVALID_CHAR.rawValue) { metInvalidCharacter = true }
        if error.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue), let written = error.str2 {
            mismatchedEndTag = String(cString: written)
        }
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue || error.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue) else { return }
        guard bozoReason == nil else { return }
        if error.code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue) || error.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue) {
            let name = error.str1.map { String(cString: $0) } ?? "?"
            bozoReason = "line \(error.line): undefined entity &\(name); (dropped; entities declared in a DTD are never expanded)"
            return
        }
        let message = error.message.map { String(cString: $0) } ?? "not well-formed"
        bozoReason = "line \(error.line): \(collapseWhitespace(message))"
    }

    /// In recover mode libxml2 drops every later entity reference once `wellFormed` is 0 (parser.c,
    /// xmlParseReference), which would eat `&lt;` from all escaped HTML after the first stray `&`.
    /// The error is already recorded as bozo; let the parser go on as if it were the first.
    @inline(__always) private func keepRecovering() {
        if let context, context.pointee.wellFormed == 0 { context.pointee.wellFormed = 1 }
    }

    // MARK: - Result

    func finish() throws(ParseError) -> Feed {
        if let notAFeed { throw .notAFeed(what: notAFeed) }
        // A document cut off mid-entry: keep what was read, as feedparser does, but for a value cut
        // in the middle (`<link>https://exam`), which would be a wrong URL, id or date.
        if let open = capture, open.isValue { capture = nil }
        let endedInsideAnEntry = entry != nil
        while !stack.isEmpty { popFrame() }
        guard let format else {
            throw .notAFeed(what: bozoReason.map { "no XML root element (\($0))" } ?? "no XML root element")
        }
        if info.language == nil, let rootLanguage { info.language = rootLanguage.lowercased() }
        var feed = Feed(format: format, encoding: "utf-8", bozo: bozoReason != nil, bozoReason: bozoReason,
                        info: info, entries: entries)
        if endedInsideAnEntry, !entries.isEmpty { feed.cutEntry = entries.count - 1 }
        return feed
    }

    // MARK: - Helpers

    private func startRoot(tag: Tag, localname: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?,
                           attributes: Attributes, namespaces: Namespaces) {
        let namespace = Namespace(uri: uri.map { String(cString: $0.asCString) })
        switch tag {
        case .rss:
            let version = attributes.value(named: "version") ?? "2.0"
            format = version.hasPrefix("0.9") ? .rss09x : .rss20
        case .rdfRoot:
            // RSS 1.0 and 0.90 share rdf:RDF; the default namespace tells them apart.
            format = namespaces.uris.contains("http://my.netscape.com/rdf/simple/0.9/") ? .rss09x : .rss10
        case .feed:
            format = namespace == .atom03 || attributes.value(named: "version") == "0.3" ? .atom03 : .atom10
        case .channel:
            format = .rss09x
        default:
            let name = String(cString: localname.asCString)
            notAFeed = name.lowercased() == "html" ? "an HTML page" : "an XML document whose root element is <\(name)>"
            stop()
            return
        }
        rootLanguage = attributes.xmlLang
    }

    private func stop() {
        stopped = true
        if let context { xmlStopParser(context) }
    }

    private func skip(_ depth: Int) { skipDepth = depth }

    private func begin(_ target: Capture.Target, _ depth: Int, _ mode: TextMode?, _ base: String?) {
        guard let mode else { return }
        buffer.removeAll(keepingCapacity: true)
        capture = Capture(depth: depth, target: target, mode: mode, base: base)
    }

    private var pendingFeedUpdatedPriority = Int.max
    private func beginFeedUpdated(_ depth: Int, priority: Int) {
        guard priority < feedUpdatedPriority else { return }
        pendingFeedUpdatedPriority = priority
        begin(.feedUpdated, depth, .text, nil)
    }

    private func finishCapture(_ capture: Capture) {
        defer { buffer.removeAll(keepingCapacity: true) }
        let raw = String(decoding: buffer, as: UTF8.self)
        // Trimmed on bytes: Foundation's trimmingCharacters walks UTF-16 and dominated profiles.
        var lower = 0, upper = buffer.count
        while lower < upper, isXMLSpace(buffer[lower]) { lower += 1 }
        while upper > lower, isXMLSpace(buffer[upper - 1]) { upper -= 1 }
        // Made only for the fields that use it (links, ids, dates): not for every content and summary.
        var trimmed: String { lower == 0 && upper == buffer.count ? raw : String(decoding: buffer[lower..<upper], as: UTF8.self) }
        let value = TextValue(raw: raw, mode: capture.mode, base: capture.base)
        // A field with no value is null (design.md), not "".
        guard lower < upper else { return }
        switch capture.target {
        case .feedTitle: if info.title == nil { info.title = value.plain() }
        case .feedSubtitle: if info.subtitle == nil { info.subtitle = value.plain() }
        case .feedLink: if info.link == nil { info.link = absoluteURL(trimmed, base: capture.base) }
        case .feedID: if info.id == nil { info.id = trimmed }
        case .feedLanguage: if info.language == nil { info.language = trimmed.lowercased() }
        case .feedUpdated:
            if let date = parseFeedDate(trimmed, defaultTimeZone: options.timeZone) {
                info.updated = date
                feedUpdatedPriority = pendingFeedUpdatedPriority
            }
        case .feedGenerator: if info.generator == nil { info.generator = value.plain() }
        case .feedImage: if info.image == nil { info.image = absoluteURL(trimmed, base: capture.base) }
        case .feedAuthor: if let person = rssPerson(value.plain()) { info.authors.append(person) }
        case .entryID: if entry?.atomID == nil { entry?.atomID = trimmed }
        case .entryGUID: if entry?.guid == nil { entry?.guid = trimmed }
        case .entryTitle: if entry?.title == nil { entry?.title = value }
        case .entryLink:
            if entry?.rssLink == nil, let href = absoluteURL(trimmed, base: capture.base) {
                entry?.rssLink = href
                entry?.links.append(Link(rel: "alternate", href: href, type: "text/html"))
            }
        case .entryDescription: if entry?.description == nil { entry?.description = value }
        case .entrySummary: if entry?.atomSummary == nil { entry?.atomSummary = value }
        case .entryDCDescription: if entry?.dcDescription == nil { entry?.dcDescription = value }
        case .entryContentEncoded: if entry?.contentEncoded == nil { entry?.contentEncoded = value }
        case .entryContent: if entry?.atomContent == nil { entry?.atomContent = value }
        case .entryXHTMLBody: if entry?.xhtmlBody == nil { entry?.xhtmlBody = value }
        case .entryPublished: if entry?.published == nil { entry?.published = trimmed }
        case .entryUpdated: if entry?.updated == nil { entry?.updated = trimmed }
        case .entryComments: if entry?.comments == nil { entry?.comments = absoluteURL(trimmed, base: capture.base) }
        case .entryCategory:
            let term = value.plain()
            if !term.isEmpty { entry?.categories.append(term) }
        case .entryRSSAuthor, .entryCreator:
            if let person = rssPerson(value.plain()),
               !(entry?.authors.contains(person) ?? true) {
                entry?.authors.append(person)
            }
        case .personName: person?.name = value.plain().nilIfEmpty
        case .personEmail: person?.email = trimmed
        case .personURI: person?.uri = absoluteURL(trimmed, base: capture.base)
        }
    }

    private func link(_ attributes: Attributes, base: String?, inEntry: Bool, parent: Tag) {
        guard parent != .atomAuthor, let href = attributes.value(named: "href").flatMap({ absoluteURL($0, base: base) })
        else { return }
        let rel = attributes.value(named: "rel")?.lowercased() ?? "alternate"
        let type = attributes.value(named: "type")
        if inEntry {
            let link = Link(rel: rel, href: href, type: type, title: attributes.value(named: "title"),
                            length: attributes.value(named: "length").flatMap(length))
            entry?.links.append(link)
            switch rel {
            case "alternate":
                if entry?.atomAlternate == nil || type?.contains("html") == true && entry?.atomAlternate == entry?.rssLink {
                    entry?.atomAlternate = href
                }
            case "enclosure": addEnclosure(Enclosure(url: href, type: type, length: link.length))
            case "replies" where type == nil || type?.contains("html") == true:
                if entry?.comments == nil { entry?.comments = href }
            default: break
            }
        } else {
            switch rel {
            case "alternate": if info.link == nil { info.link = href }
            case "self": if info.selfLink == nil { info.selfLink = href }
            default: break
            }
        }
    }

    private func addEnclosure(_ enclosure: Enclosure) {
        guard let index = entry?.enclosures.firstIndex(where: { $0.url == enclosure.url }) else {
            entry?.enclosures.append(enclosure)
            return
        }
        // The same file named twice (enclosure + media:content): keep what each one knows.
        if entry?.enclosures[index].type == nil { entry?.enclosures[index].type = enclosure.type }
        if entry?.enclosures[index].length == nil { entry?.enclosures[index].length = enclosure.length }
    }

    private func length(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The mode of an Atom text construct from its `type` (RFC 4287 §3.1) or Atom 0.3's `mode`;
    /// nil for content that is not text (base64, other media types).
    private func atomMode(_ attributes: Attributes) -> TextMode? {
        let type = attributes.value(named: "type")?.lowercased().trimmingCharacters(in: .whitespaces)
        if format == .atom03, let mode = attributes.value(named: "mode")?.lowercased() {
            switch mode {
            case "escaped": return type == "text/plain" ? .text : .html
            case "xml": return type == "text/plain" ? .text : .xhtml
            default: return nil
            }
        }
        switch type {
        case nil, "", "text", "text/plain": return .text
        case "html", "text/html": return .html
        case "xhtml", "application/xhtml+xml": return .xhtml
        default: return type!.hasPrefix("text/") ? .text : nil
        }
    }

    private func tag(_ localname: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) -> Tag {
        // libxml2 interns names in the parser's dictionary, so the pointers identify them.
        let key = NameKey(name: UnsafeRawPointer(localname), uri: uri.map(UnsafeRawPointer.init))
        if let known = names[key] { return known }
        let namespace = Namespace(uri: uri.map { String(cString: $0.asCString) })
        let tag = Tag(namespace: namespace, name: String(cString: localname.asCString))
        names[key] = tag
        return tag
    }

    // MARK: Serializing markup inside HTML/XHTML content

    private var openTags: [(depth: Int, name: String)] = []

    private func appendStartTag(_ localname: UnsafePointer<xmlChar>, _ attributes: Attributes) {
        let name = String(cString: localname.asCString)
        buffer.append(UInt8(ascii: "<"))
        buffer.append(contentsOf: name.utf8)
        for (attribute, value) in attributes.all where !attribute.contains(":") {
            buffer.append(UInt8(ascii: " "))
            buffer.append(contentsOf: attribute.utf8)
            buffer.append(contentsOf: "=\"".utf8)
            appendEscaped(Array(value.utf8), quotes: true)
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: ">"))
        openTags.append((stack.count - 1, name))
    }

    private func appendEndTag(depth: Int) {
        guard let last = openTags.last, last.depth == depth else { return }
        openTags.removeLast()
        if voidElements.contains(last.name) { return }
        buffer.append(contentsOf: "</".utf8)
        buffer.append(contentsOf: last.name.utf8)
        buffer.append(UInt8(ascii: ">"))
    }

    private func appendEscaped<C: Collection>(_ text: C, quotes: Bool = false) where C.Element == UInt8 {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): buffer.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): buffer.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): buffer.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: buffer.append(contentsOf: "&quot;".utf8)
            default: buffer.append(byte)
            }
        }
    }
}

private let voidElements: Set<String> = ["br", "img", "hr", "wbr", "source", "col", "area", "input", "meta", "link", "param", "track", "embed", "base"]

private struct NameKey: Hashable {
    var name: UnsafeRawPointer
    var uri: UnsafeRawPointer?
}

/// The attributes SAX2 hands over: five pointers each (localname, prefix, URI, value start, value end).
private struct Attributes {
    let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    var all: [(String, String)] {
        guard let pointer else { return [] }
        return (0..<count).compactMap { index in
            let base = pointer + index * 5
            guard let name = base[0], let start = base[3], let end = base[4] else { return nil }
            var qualified = String(cString: name.asCString)
            if let prefix = base[1] { qualified = String(cString: prefix.asCString) + ":" + qualified }
            return (qualified, Self.decode(start, end))
        }
    }

    /// The value of the attribute with this local name and no namespace (or rdf:about).
    func value(named wanted: String) -> String? {
        guard let pointer else { return nil }
        for index in 0..<count {
            let base = pointer + index * 5
            guard let name = base[0], let start = base[3], let end = base[4] else { continue }
            if strcmp(name.asCString, wanted) == 0 {
                let uri = base[2].map { String(cString: $0.asCString) }
                if uri == nil || uri == "http://www.w3.org/1999/02/22-rdf-syntax-ns#" { return Self.decode(start, end) }
            }
        }
        return nil
    }

    private func xmlAttribute(_ wanted: String) -> String? {
        guard let pointer else { return nil }
        for index in 0..<count {
            let base = pointer + index * 5
            guard let name = base[0], let uri = base[2], let start = base[3], let end = base[4] else { continue }
            if strcmp(name.asCString, wanted) == 0, strcmp(uri.asCString, "http://www.w3.org/XML/1998/namespace") == 0 {
                return Self.decode(start, end)
            }
        }
        return nil
    }

    var xmlBase: String? { count == 0 ? nil : xmlAttribute("base") }
    var xmlLang: String? { count == 0 ? nil : xmlAttribute("lang") }

    /// SAX2 leaves `&` in attribute values as `&#38;` when entities are not replaced (parser.c,
    /// xmlParseAttValueComplex); decode it back.
    static func decode(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> String {
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        let value = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(UInt8(ascii: "&")) ? value.replacingOccurrences(of: "&#38;", with: "&") : value
    }
}

/// The namespace declarations of an element: (prefix, URI) pointer pairs.
private struct Namespaces {
    let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    var uris: [String] {
        guard let pointer else { return [] }
        return (0..<count).compactMap { index in pointer[index * 2 + 1].map { String(cString: $0.asCString) } }
    }
}

extension UnsafePointer<xmlChar> {
    var asCString: UnsafePointer<CChar> { UnsafeRawPointer(self).assumingMemoryBound(to: CChar.self) }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
