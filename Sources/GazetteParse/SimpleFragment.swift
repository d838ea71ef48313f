// The sanitizer's fast path. libxml2's HTML parser reads a fragment one character at a time (about
// 7 ns a byte here): in a cold fetch of 400 feeds it spent 0.3 s of CPU on 44 MB of item HTML, the
// largest single cost of the fetch. Most feed HTML is the plain kind publishing tools write: every
// element closed in order, attributes quoted, entities spelled out. For such a fragment libxml2 does
// no repair at all, and its SAX events are simply the tags and the text as written, which this file
// reads itself and sends to the same HTMLSink; the sink's allowlist, URL rules and escaping are the
// same either way, so the fast path can only ever change how quickly a fragment is read.
//
// "Plain" is decided conservatively, before anything is sent: any construct for which libxml2 could
// do something other than report it as written sends the whole fragment to libxml2 instead:
// comments, doctypes, CDATA and processing instructions; script and style (raw text) and the
// document-level elements; unquoted, valueless, repeated or uppercase attributes; an entity libxml2
// does not know, or one without its ';'; a bare '&' or a '<' that does not start a tag; CR, control
// characters and noncharacters (libxml2 rewrites or reports them); an end tag that does not close the
// innermost open element; names longer than 16 bytes; and any start tag that libxml2 would let close
// the element it is in (`<p>` inside `<p>`, `<li>` after `<li>`, `<div>` inside `<p>` …).
// Which start tags close which elements, and which elements are empty, is not copied from libxml2's
// tables: libxml2 is asked, once per pair of names, by parsing `<P><T>x` (see `Nesting`).

internal import CLibXML2
import Foundation

/// Sends `sink` the SAX events libxml2's HTML parser would send for the fragment `bytes` (within
/// the `<html><body>` wrapper) and returns true, when the fragment is plain enough for that to be
/// certain; otherwise sends nothing and returns false.
func parseSimpleFragment(_ bytes: UnsafeBufferPointer<UInt8>, into sink: HTMLSink) -> Bool {
    var reader = SimpleFragmentReader(bytes)
    guard reader.read() else { return false }
    reader.replay(into: sink)
    return true
}

/// A tag or attribute name, lowercased, at most 16 bytes, packed.
struct ShortName: Hashable {
    var a: UInt64 = 0
    var b: UInt64 = 0
    var count = 0

    static let maxCount = 16

    /// Appends `byte` (lowercased); false when the name would pass `maxCount`.
    mutating func append(_ byte: UInt8) -> Bool {
        guard count < Self.maxCount else { return false }
        let c = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        if count < 8 { a |= UInt64(c) << UInt64(8 * count) } else { b |= UInt64(c) << UInt64(8 * (count - 8)) }
        count += 1
        return true
    }

    /// The name's bytes followed by a NUL, appended to `out`.
    func appendCString(to out: inout [UInt8]) {
        for i in 0..<count {
            let word = i < 8 ? a : b
            out.append(UInt8(truncatingIfNeeded: word >> UInt64(8 * (i % 8))))
        }
        out.append(0)
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        appendCString(to: &out)
        out.removeLast()
        return out
    }

    init() {}

    init(_ text: String) {
        for byte in text.utf8 { _ = append(byte) }
    }
}

/// What libxml2 does with a start tag `T` read while `P` is the innermost open element.
enum Nesting: UInt8 {
    /// T opens inside P, nothing closed.
    case opens
    /// T opens inside P and is closed at once (an empty element: br, img …).
    case empty
    /// Anything else (T closes P, or is ignored, or moved): not for the fast path.
    case other

    private struct Pair: Hashable {
        let parent: ShortName
        let child: ShortName
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [Pair: Nesting] = [:]

    /// libxml2's answer for `child` read inside `parent` (nil: directly inside the wrapper's
    /// `<body>`), found by parsing `<html><body><P><T>x` once and remembered for the process.
    static func of(_ child: ShortName, in parent: ShortName?) -> Nesting {
        let pair = Pair(parent: parent ?? ShortName(), child: child)
        let (cached, full) = lock.withLock { (known[pair], known.count >= maxKnown) }
        if let cached { return cached }
        // Hostile HTML can invent any number of names: past `maxKnown` pairs, new ones go to libxml2
        // unasked rather than costing a probe each.
        guard !full else { return .other }
        let answer = specialElements.contains(child) ? .other : probe(child, in: parent)
        lock.withLock { known[pair] = answer }
        return answer
    }

    /// Most pairs remembered (real feeds use a few hundred).
    static let maxKnown = 4096

    /// How many pairs have been asked of libxml2 (for the tests).
    static var probedCount: Int { lock.withLock { known.count } }

    /// Forgets every pair (for the tests that fill the table).
    static func forgetAll() {
        lock.withLock { known.removeAll() }
    }

    private static func probe(_ child: ShortName, in parent: ShortName?) -> Nesting {
        var input = Array("<html><body>".utf8)
        if let parent { input += [0x3C] + parent.bytes + [0x3E] }
        input += [0x3C] + child.bytes + Array(">x".utf8)
        let events = saxEvents(of: input)
        var expected: [SAXEvent] = [.start("html"), .start("body")]
        if let parent { expected.append(.start(String(decoding: parent.bytes, as: UTF8.self))) }
        let name = String(decoding: child.bytes, as: UTF8.self)
        expected.append(.start(name))
        guard events.count > expected.count, Array(events.prefix(expected.count)) == expected else { return .other }
        switch events[expected.count] {
        case .text("x"): return .opens
        case .end(name) where events.count > expected.count + 1 && events[expected.count + 1] == .text("x"): return .empty
        default: return .other
        }
    }
}

/// One SAX event of a probe.
enum SAXEvent: Equatable {
    case start(String)
    case end(String)
    case text(String)
}

private final class EventRecorder {
    var events: [SAXEvent] = []
}

/// The SAX events libxml2's HTML parser sends for `input`, with the sanitizer's parser options.
func saxEvents(of input: [UInt8]) -> [SAXEvent] {
    _ = libxml2Initialized
    guard let ctxt = htmlNewParserCtxt() else { return [] }
    defer { htmlFreeParserCtxt(ctxt) }
    guard let sax = ctxt.pointee.sax else { return [] }
    var handler = htmlSAXHandler()
    handler.startElement = { ctx, name, _ in
        guard let ctx, let name else { return }
        Unmanaged<EventRecorder>.fromOpaque(ctx).takeUnretainedValue().events.append(.start(String(cString: name)))
    }
    handler.endElement = { ctx, name in
        guard let ctx, let name else { return }
        Unmanaged<EventRecorder>.fromOpaque(ctx).takeUnretainedValue().events.append(.end(String(cString: name)))
    }
    handler.characters = { ctx, chars, len in
        guard let ctx, let chars, len > 0 else { return }
        let text = String(decoding: UnsafeBufferPointer(start: chars, count: Int(len)), as: UTF8.self)
        Unmanaged<EventRecorder>.fromOpaque(ctx).takeUnretainedValue().events.append(.text(text))
    }
    handler.ignorableWhitespace = handler.characters
    handler.serror = { _, _ in }
    handler.initialized = 0xDEED_BEAF // XML_SAX2_MAGIC
    sax.pointee = handler
    let recorder = EventRecorder()
    readHTML(input, with: ctxt, userData: recorder)
    return recorder.events
}

/// Reads a fragment once, deciding whether it is plain and noting its events; `replay` then sends
/// them to a sink.
private struct SimpleFragmentReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var open: [ShortName] = []
    /// What `replay` sends, in order.
    var events: [Event] = []
    /// Names and values of tags, NUL-terminated, and decoded entities: what events point into.
    var scratch: [UInt8] = []
    /// Where each attribute's name and value start in `scratch`, tag after tag.
    var attributeOffsets: [Int] = []
    /// The attribute names of the tag being read (for repeats).
    var tagAttributes: [ShortName] = []

    enum Event {
        /// Text of the input.
        case text(start: Int, count: Int)
        /// Text of `scratch` (a decoded entity).
        case decoded(start: Int, count: Int)
        /// A start tag: its name at `name` in `scratch`, its attributes `attributes` in
        /// `attributeOffsets` (pairs); `empty`: closed at once.
        case start(name: Int, attributes: Range<Int>, empty: Bool)
        /// An end tag, its name at `name` in `scratch`.
        case end(name: Int)
    }

    /// Elements past this depth go to libxml2 (the sink keeps only 64 levels anyway).
    static let maxDepth = 256

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        open.reserveCapacity(16)
        events.reserveCapacity(64)
        scratch.reserveCapacity(256)
    }

    /// Reads the whole fragment; false as soon as something is not plain.
    mutating func read() -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        while i < n {
            // Text up to the next markup.
            let start = i
            while i < n {
                // Eight bytes at a time while none of them stops the text (most of it is CJK).
                if i + 8 <= n {
                    let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let controls = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    if controls | hasByte(word, 0x3C) | hasByte(word, 0x26) | hasByte(word, 0xEF) == 0 {
                        i += 8
                        continue
                    }
                }
                let c = base[i]
                if textStops[Int(c)] != 0 {
                    if c == 0x3C || c == 0x26 { break }
                    if c == 0xEF {
                        if i + 2 < n, base[i + 1] == 0xBF, base[i + 2] >= 0xBE { return false } // U+FFFE, U+FFFF
                    } else if c != 0x09 && c != 0x0A {
                        return false // CR, NUL, other controls
                    }
                }
                i += 1
            }
            if i > start { events.append(.text(start: start, count: i - start)) }
            guard i < n else { break }
            if base[i] == 0x26 {
                let start = scratch.count
                guard readEntity() else { return false }
                events.append(.decoded(start: start, count: scratch.count - start))
                continue
            }
            // '<'
            guard i + 1 < n else { return false }
            if base[i + 1] == 0x2F {
                guard readEndTag() else { return false }
            } else if isASCIILetter(base[i + 1]) {
                guard readStartTag() else { return false }
            } else {
                return false // <!-- -->, <!DOCTYPE>, <?pi?>, "< "
            }
        }
        return true
    }

    /// Sends the events read to `sink`, inside the wrapper, and finishes it.
    func replay(into sink: HTMLSink) {
        guard let input = bytes.baseAddress else { return }
        sink.startElement(htmlName, nil)
        sink.startElement(bodyName, nil)
        var pointers: [UnsafePointer<UInt8>?] = []
        scratch.withUnsafeBufferPointer { scratchBuffer in
            guard let names = scratchBuffer.baseAddress else {
                for case let .text(start, count) in events { sink.characters(input + start, count) }
                return
            }
            for event in events {
                switch event {
                case let .text(start, count):
                    sink.characters(input + start, count)
                case let .decoded(start, count):
                    sink.characters(names + start, count)
                case let .start(name, attributes, empty):
                    if attributes.isEmpty {
                        sink.startElement(names + name, nil)
                    } else {
                        pointers.removeAll(keepingCapacity: true)
                        for offset in attributeOffsets[attributes] { pointers.append(names + offset) }
                        pointers.append(nil)
                        pointers.withUnsafeMutableBufferPointer { sink.startElement(names + name, $0.baseAddress) }
                    }
                    if empty { sink.endElement(names + name) }
                case let .end(name):
                    sink.endElement(names + name)
                }
            }
        }
        sink.finish()
    }

    /// `&name;` (known to libxml2) or `&#N;` / `&#xH;` at `i`, its UTF-8 appended to `scratch`.
    private mutating func readEntity() -> Bool {
        let n = bytes.count
        var j = i + 1
        var value: UInt32 = 0
        if j < n && bytes[j] == 0x23 { // '#'
            j += 1
            let hex = j < n && (bytes[j] == 0x78 || bytes[j] == 0x58)
            if hex { j += 1 }
            let digitsStart = j
            while j < n, let d = digit(bytes[j], hex: hex) {
                value = value &* (hex ? 16 : 10) &+ d
                j += 1
                guard j - digitsStart <= 7 else { return false }
            }
            guard j > digitsStart, j < n, bytes[j] == 0x3B else { return false }
            // What libxml2 accepts as a character (IS_CHAR), less CR which it would keep as such.
            let valid = value == 0x09 || value == 0x0A || (value >= 0x20 && value <= 0xD7FF)
                || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
            guard valid else { return false }
        } else {
            var name = ShortName()
            while j < n, isASCIILetter(bytes[j]) || isASCIIDigit(bytes[j]) {
                // Entity names keep their case: ShortName lowercases, so only lowercase ones are read here.
                guard !(bytes[j] >= 0x41 && bytes[j] <= 0x5A), name.append(bytes[j]) else { return false }
                j += 1
            }
            guard name.count > 0, j < n, bytes[j] == 0x3B else { return false }
            value = EntityTable.value(of: name)
            guard value > 0 else { return false }
        }
        guard let scalar = Unicode.Scalar(value) else { return false }
        scratch.append(contentsOf: UTF8.encode(scalar)!)
        i = j + 1
        return true
    }

    /// `</name>` at `i`, closing the innermost open element.
    private mutating func readEndTag() -> Bool {
        let n = bytes.count
        var j = i + 2
        var name = ShortName()
        guard j < n, isASCIILetter(bytes[j]) else { return false }
        while j < n, isNameByte(bytes[j]) {
            guard name.append(bytes[j]) else { return false }
            j += 1
        }
        guard j < n, bytes[j] == 0x3E, let top = open.last, top == name else { return false }
        open.removeLast()
        i = j + 1
        events.append(.end(name: scratch.count))
        name.appendCString(to: &scratch)
        return true
    }

    /// `<name attr="value" …>` (or `/>` for an empty element) at `i`.
    private mutating func readStartTag() -> Bool {
        let n = bytes.count
        var j = i + 1
        var name = ShortName()
        while j < n, isNameByte(bytes[j]) {
            guard name.append(bytes[j]) else { return false }
            j += 1
        }
        guard open.count < Self.maxDepth else { return false }
        let nameOffset = scratch.count
        name.appendCString(to: &scratch)
        let firstAttribute = attributeOffsets.count
        tagAttributes.removeAll(keepingCapacity: true)
        var selfClosing = false
        while true {
            let blanks = j
            while j < n, isBlank(bytes[j]) { j += 1 }
            guard j < n else { return false }
            if bytes[j] == 0x3E { j += 1; break }
            if bytes[j] == 0x2F {
                guard j + 1 < n, bytes[j + 1] == 0x3E else { return false }
                selfClosing = true
                j += 2
                break
            }
            // An attribute: after a blank, lowercase name, '=', a quoted value.
            guard j > blanks, isLowercaseLetter(bytes[j]) else { return false }
            var attribute = ShortName()
            attributeOffsets.append(scratch.count)
            while j < n, isLowercaseLetter(bytes[j]) || isASCIIDigit(bytes[j]) || bytes[j] == 0x2D {
                guard attribute.append(bytes[j]) else { return false }
                j += 1
            }
            guard !tagAttributes.contains(attribute) else { return false }
            tagAttributes.append(attribute)
            attribute.appendCString(to: &scratch)
            while j < n, isBlank(bytes[j]) { j += 1 }
            guard j < n, bytes[j] == 0x3D else { return false }
            j += 1
            while j < n, isBlank(bytes[j]) { j += 1 }
            guard j < n, bytes[j] == 0x22 || bytes[j] == 0x27 else { return false }
            let quote = bytes[j]
            j += 1
            attributeOffsets.append(scratch.count)
            while true {
                guard j < n else { return false }
                let c = bytes[j]
                if c == quote { j += 1; break }
                if c == 0x26 {
                    i = j
                    guard readEntity() else { return false }
                    j = i
                    continue
                }
                if c < 0x20 {
                    guard c == 0x09 || c == 0x0A else { return false }
                } else if c == 0xEF, j + 2 < n, bytes[j + 1] == 0xBF, bytes[j + 2] >= 0xBE {
                    return false
                }
                scratch.append(c)
                j += 1
            }
            scratch.append(0)
        }
        let nesting = Nesting.of(name, in: open.last)
        switch nesting {
        case .other: return false
        case .opens: if selfClosing { return false }
        case .empty: break
        }
        i = j
        if nesting == .opens { open.append(name) }
        events.append(.start(name: nameOffset, attributes: firstAttribute..<attributeOffsets.count, empty: nesting == .empty))
        return true
    }
}

/// The bytes that end a run of text or need a look: '<', '&', controls, and 0xEF (U+FFFE/U+FFFF start with it).
private let textStops: [UInt8] = (0..<256).map { c in c < 0x20 || c == 0x3C || c == 0x26 || c == 0xEF ? 1 : 0 }

/// libxml2's HTML entities, looked up in its table (htmlEntityLookup, a linear search) once per name.
/// The fragment reader's and the XML reader's pre-pass (`escapingBareAmpersands`) both ask it.
enum EntityTable {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [ShortName: UInt32] = [:]

    /// The code point of `&name;`, 0 when libxml2 does not know it.
    static func value(of name: ShortName) -> UInt32 {
        let (cached, full) = lock.withLock { (known[name], known.count >= Nesting.maxKnown) }
        if let cached { return cached }
        guard !full else { return 0 } // unknown: the fragment goes to libxml2
        var cName = name.bytes
        cName.append(0)
        let value = htmlEntityLookup(cName).map { UInt32($0.pointee.value) } ?? 0
        lock.withLock { known[name] = value }
        return value
    }

    /// The code point of the entity spelled `name` (case kept: `&Eacute;` is not `&eacute;`), 0 when
    /// libxml2 does not know it. Short lowercase names, nearly all, go through the cache above; the
    /// others are looked up each time.
    static func value(named name: UnsafeBufferPointer<UInt8>.SubSequence) -> UInt32 {
        var short = ShortName()
        var cacheable = true
        for byte in name where cacheable {
            cacheable = !(byte >= 0x41 && byte <= 0x5A) && short.append(byte)
        }
        if cacheable { return value(of: short) }
        let cName = Array(name) + [0]
        return htmlEntityLookup(cName).map { UInt32($0.pointee.value) } ?? 0
    }
}

private let htmlName: [UInt8] = Array("html\0".utf8)
private let bodyName: [UInt8] = Array("body\0".utf8)

/// Start tags always left to libxml2: raw text (script, style and their kin), the document's own
/// elements, and those that switch the parser's state (meta may change the encoding).
private let specialElements: Set<ShortName> = Set("""
    script style html head body title textarea xmp plaintext listing noscript noembed noframes iframe \
    template svg math meta base link frameset frame
    """.split(separator: " ").map { ShortName(String($0)) })

private func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
private func isLowercaseLetter(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
private func isASCIIDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
/// Bytes of an element name the fast path reads: letters, digits, '-' (libxml2 also takes `_ : .`).
private func isNameByte(_ c: UInt8) -> Bool { isASCIILetter(c) || isASCIIDigit(c) || c == 0x2D }
/// The blanks the fast path takes inside a tag (libxml2 takes CR too).
private func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A }

private func digit(_ c: UInt8, hex: Bool) -> UInt32? {
    if isASCIIDigit(c) { return UInt32(c - 0x30) }
    guard hex else { return nil }
    let l = c | 0x20
    return l >= 0x61 && l <= 0x66 ? UInt32(l - 0x61 + 10) : nil
}

/// Whether `sanitizeHTML` reads `html` itself rather than through libxml2 (for the tests).
func isSimpleFragment(_ html: String) -> Bool {
    var html = html
    return html.withUTF8 { bytes in
        var reader = SimpleFragmentReader(bytes)
        return reader.read()
    }
}

/// For the fuzz target: whether sanitizing `html` gives the same with the fast path as through libxml2 alone.
/// `html` as the sanitizer makes an item's HTML (no base URL): for the fuzzer, which checks what the
/// post writer does with it.
public func sanitizedHTMLFragment(_ html: String) -> String {
    sanitizeHTML(html, base: nil)
}

public func sanitizerFastPathAgrees(_ html: String) -> Bool {
    let base = "https://example.com/news/item.html"
    return sanitizeHTML(html, base: base) == sanitizeHTML(html, base: base, reader: .libxml2)
}
