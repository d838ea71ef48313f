internal import Glibc

/// Bytes decoded to UTF-8, and how.
struct DecodedBytes: Sendable, Equatable {
    /// Well-formed UTF-8, byte order mark removed. The XML declaration is left as it was: the caller
    /// tells libxml2 to ignore it.
    var utf8: [UInt8]
    /// The lowercase name of the charset actually used: `utf-8`, `gb18030`, `big5`, `shift_jis`, `euc-kr`,
    /// `euc-jp`, `utf-16le`, `utf-16be`, `utf-32le`, `utf-32be`, `windows-1252`, or another label iconv
    /// knows, lowercased (`iso-8859-2`, `koi8-r`, `windows-1251` …).
    var encoding: String
    /// Non-nil when a declared charset (HTTP Content-Type or XML declaration) was wrong, unknown or
    /// overridden and another was used, e.g. `declared utf-8 in Content-Type but the bytes are not
    /// utf-8; decoded as gb18030`.
    var mislabel: String?
}

/// Decodes feed bytes: BOM first, then the HTTP Content-Type charset when given, then the XML declaration's
/// encoding (for XML; JSON is UTF-8/16/32 by RFC 8259 detection), then a fallback: valid UTF-8, else GB18030,
/// else windows-1252.
///
/// A byte order mark, or the 16/32-bit layout of the first characters (XML 1.0 appendix F; RFC 4627 §3),
/// decides alone. A declared charset is used only when the whole input decodes under it without error;
/// the GB family is read as GB18030, Big5 as Big5-HKSCS, Shift_JIS as CP932, EUC-KR as CP949, Latin-1
/// and ASCII as windows-1252 (WHATWG Encoding). Valid UTF-8 is returned without a copy.
func decodeFeedBytes(_ bytes: [UInt8], httpCharset: String?) -> DecodedBytes {
    var declarations: [Declaration] = []
    if let httpCharset, let declaration = Declaration(source: .contentType, rawLabel: httpCharset) {
        declarations.append(declaration)
    }
    // RFC 8259 §8.1: JSON has no declaration of its own and is UTF-8 unless it is visibly UTF-16/32.
    let isJSON = startsLikeJSON(bytes)
    if !isJSON, let declared = declaredXMLEncoding(bytes),
       let declaration = Declaration(source: .xmlDeclaration, rawLabel: declared) {
        declarations.append(declaration)
    }
    var decoding = Decoding(bytes: bytes, declarations: declarations)
    if let wide = decoding.decodeByUnicodeForm() { return wide }
    if isJSON, isValidUTF8(bytes) {
        let asciiOnly = bytes.withUnsafeBufferPointer(isASCII)
        let contradicting = declarations.filter { declaration in
            guard let charset = declaration.charset else { return true }
            return !(charset.name == "utf-8" || asciiOnly && charset.isASCIICompatible)
        }
        return decoding.finish(bytes, as: "utf-8", overriding: contradicting, because: "JSON is utf-8 (RFC 8259)")
    }
    if let decoded = decoding.decodeAsDeclared() {
        return decoded
    }
    return decoding.decodeByFallback()
}

/// Decodes an HTML page: a byte order mark first, then the HTTP Content-Type charset when given, then the
/// charset of the page's `<meta charset>` or `<meta http-equiv="Content-Type">` (`metaCharset`, found by
/// the caller), then the same fallback as feeds: valid UTF-8, else GB18030, else windows-1252. An XML
/// declaration does not count (HTML ignores it). A declared charset is used only when the whole input
/// decodes under it, with the same supersets as `decodeFeedBytes` (gb2312 is read as GB18030 …).
func decodeHTMLBytes(_ bytes: [UInt8], httpCharset: String?, metaCharset: String?) -> DecodedBytes {
    var declarations: [Declaration] = []
    if let httpCharset, let declaration = Declaration(source: .contentType, rawLabel: httpCharset) {
        declarations.append(declaration)
    }
    if let metaCharset, let declaration = Declaration(source: .metaElement, rawLabel: metaCharset) {
        declarations.append(declaration)
    }
    var decoding = Decoding(bytes: bytes, declarations: declarations)
    return decoding.decodeByUnicodeForm() ?? decoding.decodeAsDeclared() ?? decoding.decodeByFallback()
}

/// The charset named by an XML declaration at the start of already-known-ASCII-compatible or UTF-16/32
/// bytes, lowercased, or nil.
///
/// A byte order mark and whitespace before `<?xml` are skipped (the spec allows neither, feeds have both);
/// only the first `xmlDeclarationScanLimit` characters are read.
func declaredXMLEncoding(_ bytes: [UInt8]) -> String? {
    let form: UnicodeForm
    var index: Int
    if let (markForm, markLength) = byteOrderMark(bytes) {
        (form, index) = (markForm, markLength)
    } else {
        (form, index) = (sniffedWideForm(bytes) ?? .utf8, 0)
    }
    // Gather the ASCII characters of the declaration, one code unit at a time; the high bytes of each
    // 16/32-bit unit must be zero.
    let unitLength = form.codeUnitBits / 8
    let asciiOffset = form.isBigEndian ? unitLength - 1 : 0
    var text: [UInt8] = []
    while text.count < xmlDeclarationScanLimit, index + unitLength <= bytes.count {
        var character: UInt8 = 0
        for offset in 0..<unitLength {
            let byte = bytes[index + offset]
            if offset == asciiOffset { character = byte } else if byte != 0 { character = 0x80; break }
        }
        guard character < 0x80 else { break }
        text.append(character)
        index += unitLength
        if character == UInt8(ascii: ">") { break }     // "?>" ends the declaration; no '>' may occur inside
    }
    return encodingPseudoAttribute(in: text)
}

// MARK: - The decision chain

/// How much of the start is read looking for an XML declaration: a declaration with version, encoding and
/// standalone and generous spacing fits in well under 200 characters.
private let xmlDeclarationScanLimit = 512

/// Where a charset was declared.
private enum DeclarationSource: Sendable {
    case contentType, xmlDeclaration, metaElement

    var phrase: String {
        switch self {
        case .contentType: "in Content-Type"
        case .xmlDeclaration: "in the XML declaration"
        case .metaElement: "in the page's <meta>"
        }
    }
}

/// A charset label found in the HTTP header or the document, and what it resolved to (nil: unknown).
private struct Declaration: Sendable {
    let source: DeclarationSource
    let label: String
    let charset: Charset?

    init?(source: DeclarationSource, rawLabel: String) {
        let label = normalizedLabel(rawLabel)
        guard !label.isEmpty else { return nil }
        (self.source, self.label, self.charset) = (source, label, resolvedCharset(forLabel: label))
    }

    /// "gbk in Content-Type", with an overlong label cut short for the message.
    var labelAndPlace: String {
        let shown = label.count > 40 ? String(label.prefix(40)) + "…" : label
        return "\(shown) \(source.phrase)"
    }

    /// "declared gbk in Content-Type".
    var declared: String { "declared \(labelAndPlace)" }
}

/// One run of `decodeFeedBytes`: the input, what was declared, and the notes on declarations not followed.
private struct Decoding {
    let bytes: [UInt8]
    let declarations: [Declaration]
    private var notes: [String] = []
    private var asciiOnly: Bool?

    init(bytes: [UInt8], declarations: [Declaration]) {
        (self.bytes, self.declarations) = (bytes, declarations)
    }

    /// Decodes a document whose byte order mark or first bytes say which Unicode form it is in.
    /// The form is not second-guessed: code units that do not decode become U+FFFD, with a note.
    /// The bytes as the Unicode form their byte order mark names, else as UTF-16/32 when their first
    /// bytes show that form without a mark; nil when they show neither (declarations decide then).
    mutating func decodeByUnicodeForm() -> DecodedBytes? {
        if let (form, markLength) = byteOrderMark(bytes) {
            return decode(as: form, skipping: markLength, evidence: "start with a \(form.name) byte order mark")
        }
        if let form = sniffedWideForm(bytes) {
            return decode(as: form, skipping: 0, evidence: "are \(form.name)")
        }
        return nil
    }

    private mutating func decode(as form: UnicodeForm, skipping markLength: Int, evidence: String) -> DecodedBytes {
        let body = bytes[markLength...]
        var utf8: [UInt8]
        if let strict = decodeStrictly(body, as: form) {
            utf8 = strict
        } else {
            utf8 = decodeReplacingErrors(body, as: form)
            notes.append("the bytes \(evidence) but are not valid \(form.name); invalid sequences were replaced with U+FFFD")
        }
        // A UTF-8 body of plain ASCII reads the same under any ASCII-compatible label, so such a label is not wrong.
        let bodyIsASCII = form == .utf8 && utf8.withUnsafeBufferPointer(isASCII)
        let contradicting = declarations.filter { declaration in
            guard let charset = declaration.charset else { return true }
            if charset.accepts(form) { return false }
            return !(bodyIsASCII && charset.isASCIICompatible)
        }
        return finish(utf8, as: form.name, overriding: contradicting, because: "the bytes \(evidence)")
    }

    /// Tries each declaration in order of precedence; nil when none is known and decodes the bytes.
    mutating func decodeAsDeclared() -> DecodedBytes? {
        var failed: Set<String> = []
        for (position, declaration) in declarations.enumerated() {
            guard let charset = declaration.charset else {
                notes.append("\(declaration.declared), which is not a charset iconv knows")
                continue
            }
            guard !failed.contains(charset.name), let utf8 = decode(as: charset) else {
                failed.insert(charset.name)
                notes.append("\(declaration.declared) but the bytes are not \(declaration.label)")
                continue
            }
            let later = declarations[(position + 1)...]
            let asciiOnly = !later.isEmpty && isASCIIOnly()
            let overruled = later.filter { other in
                guard let otherCharset = other.charset else { return true }
                if otherCharset.name == charset.name { return false }
                return !(asciiOnly && otherCharset.isASCIICompatible && charset.isASCIICompatible)
            }
            return finish(utf8, as: charset.name, overriding: overruled,
                          because: "\(declaration.labelAndPlace) takes precedence")
        }
        return nil
    }

    /// Valid UTF-8, else GB18030 (the Chinese feeds this reads most) or Big5, whichever reads as Chinese,
    /// else windows-1252, which cannot fail.
    /// UTF-8 with a few broken sequences (a CMS cutting a summary in the middle of a character) is
    /// UTF-8: read as windows-1252 instead, every Chinese title of the feed was mojibake.
    mutating func decodeByFallback() -> DecodedBytes {
        let tried = Set(declarations.compactMap { $0.charset?.name })
        if !tried.contains("utf-8"), isValidUTF8(bytes) {
            return finish(bytes, as: "utf-8", overriding: [], because: "")
        }
        if !tried.contains("utf-8"), let (repaired, invalid) = mostlyUTF8(bytes) {
            notes.append("\(invalid) invalid UTF-8 sequence\(invalid == 1 ? "" : "s") replaced by U+FFFD")
            return finish(repaired, as: "utf-8", overriding: [], because: "")
        }
        if let declared = decodeDeclaredReplacingInvalid() { return declared }
        // Nearly every Big5 byte sequence is also valid GB18030 (both use lead bytes 0x81–0xFE with
        // overlapping trail bytes), so "it decodes" cannot tell them apart: the reading in which the
        // most frequent Chinese characters occur is the right one (see `commonHanziCount`).
        let asGB = tried.contains(gb18030.name) ? nil : decode(as: gb18030)
        let asBig5 = tried.contains(big5.name) ? nil : decode(as: big5)
        switch (asGB, asBig5) {
        case let (gb?, big5Text?):
            let (gbScore, big5Score) = (commonHanziCount(gb), commonHanziCount(big5Text))
            if big5Score > 2 * gbScore + 1 { return finish(big5Text, as: big5.name, overriding: [], because: "") }
            return finish(gb, as: gb18030.name, overriding: [], because: "")
        case let (gb?, nil):
            return finish(gb, as: gb18030.name, overriding: [], because: "")
        case let (nil, big5Text?) where commonHanziCount(big5Text) > 0:
            return finish(big5Text, as: big5.name, overriding: [], because: "")
        default:
            break
        }
        // Undeclared GBK with a character cut here and there.
        if !tried.contains(gb18030.name), let gb = decodeReplacingInvalid(as: gb18030) {
            return finish(gb, as: gb18030.name, overriding: [], because: "")
        }
        return finish(decodeWindows1252(bytes), as: windows1252.name, overriding: [], because: "")
    }

    /// The first declared multi-byte charset (GBK, Big5, Shift_JIS …) that the bytes fail only here and
    /// there, each broken sequence a U+FFFD: PHP sites cut summaries with `substr`, in the middle of a
    /// character, and one cut made the whole feed windows-1252 mojibake.
    private mutating func decodeDeclaredReplacingInvalid() -> DecodedBytes? {
        for declaration in declarations {
            guard let charset = declaration.charset, let utf8 = decodeReplacingInvalid(as: charset) else { continue }
            // The note of its strict failure ("… but the bytes are not gb2312") is replaced by the count.
            notes.removeAll { $0 == "\(declaration.declared) but the bytes are not \(declaration.label)" }
            return finish(utf8, as: charset.name, overriding: [], because: "")
        }
        return nil
    }

    /// The bytes as `charset`, an ASCII-compatible multi-byte charset read through iconv, when only a
    /// few sequences are invalid (`isMostlyValid`); each of them becomes U+FFFD, with a note.
    private mutating func decodeReplacingInvalid(as charset: Charset) -> [UInt8]? {
        guard case let .iconv(names, asciiCompatible: true) = charset.decoder, let name = names.first,
              let (utf8, invalid) = iconvDecodeReplacingInvalid(bytes, from: name),
              invalid > 0, isMostlyValid(utf8, invalid: invalid) else { return nil }
        notes.append("\(invalid) invalid \(charset.name) sequence\(invalid == 1 ? "" : "s") replaced by U+FFFD")
        return utf8
    }

    /// The result, with a note for each declaration in `overridden` and the notes gathered on the way.
    mutating func finish(_ utf8: [UInt8], as encoding: String, overriding overridden: [Declaration],
                         because reason: String) -> DecodedBytes {
        for declaration in overridden {
            if declaration.charset == nil {
                notes.append("\(declaration.declared), which is not a charset iconv knows")
            } else {
                notes.append("\(declaration.declared) but \(reason)")
            }
        }
        assert(isValidUTF8(utf8), "decoders must produce well-formed UTF-8")
        let mislabel = notes.isEmpty ? nil : (notes + ["decoded as \(encoding)"]).joined(separator: "; ")
        return DecodedBytes(utf8: utf8, encoding: encoding, mislabel: mislabel)
    }

    /// The whole input decoded as a declared charset, or nil when it does not decode.
    private mutating func decode(as charset: Charset) -> [UInt8]? {
        switch charset.decoder {
        case .utf8:
            if isValidUTF8(bytes) { return bytes }
            guard let (repaired, invalid) = mostlyUTF8(bytes) else { return nil }
            notes.append("\(invalid) invalid UTF-8 sequence\(invalid == 1 ? "" : "s") replaced by U+FFFD")
            return repaired
        case .windows1252:
            return decodeWindows1252(bytes)
        case .unicode:
            // A UTF-16/32 label on bytes that are not laid out in 16/32-bit units (those returned earlier):
            // decoding them so would turn every two ASCII bytes into one CJK character.
            return nil
        case let .iconv(names, asciiCompatible: true):
            if isASCIIOnly() { return bytes }
            return iconvDecode(bytes[...], fromFirstOf: names)
        case let .iconv(names, asciiCompatible: false):
            guard let utf8 = iconvDecode(bytes[...], fromFirstOf: names) else { return nil }
            // A label iconv knows may still be absurd for a feed (EBCDIC, UCS-2): the feed's first ASCII
            // characters ("<?xml", "{") must come out as themselves.
            let prefix = bytes.prefix(8).prefix { $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            return utf8.starts(with: prefix) ? utf8 : nil
        }
    }

    private mutating func isASCIIOnly() -> Bool {
        if let asciiOnly { return asciiOnly }
        let answer = bytes.withUnsafeBufferPointer(isASCII)
        asciiOnly = answer
        return answer
    }
}

/// Whether the first character that is not whitespace opens a JSON object or array.
private func startsLikeJSON(_ bytes: [UInt8]) -> Bool {
    for byte in bytes.prefix(xmlDeclarationScanLimit) {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D: continue
        case UInt8(ascii: "{"), UInt8(ascii: "["): return true
        default: return false
        }
    }
    return false
}

/// The value of the `encoding` pseudo-attribute of `<?xml … ?>` at the start of `text`, trimmed and lowercased.
private func encodingPseudoAttribute(in text: [UInt8]) -> String? {
    var index = 0
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    func skipSpaces() { while index < text.count, isSpace(text[index]) { index += 1 } }
    skipSpaces()
    guard text[index...].starts(with: "<?xml".utf8), index + 5 < text.count, isSpace(text[index + 5]) else {
        return nil
    }
    index += 5
    while true {
        skipSpaces()
        let nameStart = index
        while index < text.count, text[index] != UInt8(ascii: "="), !isSpace(text[index]),
              text[index] != UInt8(ascii: "?") {
            index += 1
        }
        guard index > nameStart else { return nil }        // "?>", the end of what was read, or junk
        let name = String(decoding: text[nameStart..<index], as: UTF8.self).lowercased()
        skipSpaces()
        guard index < text.count, text[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        skipSpaces()
        guard index < text.count, text[index] == UInt8(ascii: "\"") || text[index] == UInt8(ascii: "'") else {
            return nil
        }
        let quote = text[index]
        index += 1
        let valueStart = index
        while index < text.count, text[index] != quote { index += 1 }
        guard index < text.count else { return nil }        // no closing quote
        let value = text[valueStart..<index]
        index += 1
        if name == "encoding" {
            let label = normalizedLabel(String(decoding: value, as: UTF8.self))
            return label.isEmpty ? nil : label
        }
    }
}

// MARK: - Charsets and their labels

/// A charset Gazette can decode, under the name it reports.
private struct Charset: Sendable, Equatable {
    enum Decoder: Sendable, Equatable {
        case utf8
        /// Hand-written: faster than iconv, and it cannot fail.
        case windows1252
        /// UTF-16 or UTF-32 of the given unit size; `form` is nil when the label leaves the byte order open.
        case unicode(bits: Int, form: UnicodeForm?)
        /// Through glibc iconv under the first of these names that decodes the input. ASCII-compatible
        /// charsets map bytes 0x00–0x7F to themselves, so pure-ASCII input needs no conversion.
        case iconv([String], asciiCompatible: Bool)
    }

    let name: String
    let decoder: Decoder

    var isASCIICompatible: Bool {
        switch decoder {
        case .utf8, .windows1252: true
        case .unicode: false
        case let .iconv(_, asciiCompatible): asciiCompatible
        }
    }

    /// Whether bytes found to be in `form` agree with this label.
    func accepts(_ form: UnicodeForm) -> Bool {
        switch decoder {
        case .utf8: form == .utf8
        case let .unicode(bits, labelForm): bits == form.codeUnitBits && (labelForm == nil || labelForm == form)
        case .windows1252, .iconv: false
        }
    }
}

private let gb18030 = Charset(name: "gb18030", decoder: .iconv(["GB18030"], asciiCompatible: true))
private let windows1252 = Charset(name: "windows-1252", decoder: .windows1252)
// Big5-HKSCS decodes Big5 with the Hong Kong characters; glibc's lacks CP950's additions (0xA3E1 "€"),
// so Taiwanese pages written by Windows get a second try as CP950, then plain BIG5.
private let big5 = Charset(name: "big5", decoder: .iconv(["BIG5-HKSCS", "CP950"].filter(iconvKnows) + ["BIG5"],
                                                         asciiCompatible: true))

/// How many of `utf8`'s characters are among the most frequent characters of Chinese text, in simplified
/// and traditional form: function words and the words of news and finance.
///
/// In text decoded with the right charset they are a fifth to a third of the Chinese characters. Big5
/// read as GB18030 (or GB read as Big5) gives characters spread evenly over thousands of code points,
/// so they are about one in a hundred.
func commonHanziCount(_ utf8: [UInt8]) -> Int {
    var count = 0
    var iterator = utf8.makeIterator()
    var decoder = UTF8()
    while case let .scalarValue(scalar) = decoder.decode(&iterator) {
        if scalar.value >= 0x4E00, commonHanzi.contains(scalar.value) { count += 1 }
    }
    return count
}

private let commonHanzi: Set<UInt32> = Set(("的一是不了在人有我他个中上大和地到以时要就出可也你生能而子那得"
    + "下自之年作用道行所然家事成方多去法学如都同当面起看定天分好小部其主理心本前但因只想实日者意无力"
    + "它长把机十民第公此已工使情明性知全三又点正外将两高间由问很最重并物手应向头文体政美相见被利什二"
    + "等产或新己制身果加西月话合回特代内信表化老给世位次度门任常先海通教原东声提立及比员解水名真论处"
    + "这們们這个個来來为為国國说說时時会會对對于於着著过過发發后後里裡裏种種经經么麼学學现現没沒动動"
    + "还還进進样樣开開从從实實业業场場报報闻聞价價资資银銀财財济濟亿億万萬股市元司企金融投券")
    .unicodeScalars.map(\.value))

/// Labels whose charset differs from what iconv would do with the label itself: supersets that real feeds
/// need (their servers say gb2312 and send GBK; say shift_jis and send CP932), and the WHATWG rule that
/// Latin-1 and ASCII mean windows-1252.
private let knownLabels: [String: Charset] = {
    var table: [String: Charset] = [:]
    func add(_ charset: Charset, _ labels: String...) {
        for label in labels { table[label] = charset }
    }
    add(Charset(name: "utf-8", decoder: .utf8),
        "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8")
    add(gb18030,
        "gb18030", "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80", "gb_2312", "euc-cn",
        "euccn", "chinese", "csgb2312", "iso-ir-58", "csiso58gb231280")
    add(big5,
        "big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5", "cp950", "windows-950")
    // glibc's SHIFT_JIS maps 0x5C to U+00A5 and lacks the NEC/IBM rows; CP932 is what Windows writes.
    add(Charset(name: "shift_jis", decoder: .iconv(["CP932"], asciiCompatible: true)),
        "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932",
        "windows-932")
    add(Charset(name: "euc-kr", decoder: .iconv(["CP949"], asciiCompatible: true)),
        "euc-kr", "euckr", "cseuckr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "korean",
        "csksc56011987", "iso-ir-149", "cp949", "windows-949", "x-windows-949", "uhc")
    add(Charset(name: "euc-jp", decoder: .iconv(["EUC-JP"], asciiCompatible: true)),
        "euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese")
    add(windows1252,
        "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1",
        "iso_8859-1:1987", "latin1", "l1", "iso-ir-100", "ibm819", "cp819", "csisolatin1", "us-ascii", "ascii",
        "ansi_x3.4-1968", "iso646-us", "csascii")
    add(Charset(name: "utf-16", decoder: .unicode(bits: 16, form: nil)),
        "utf-16", "utf16", "ucs-2", "iso-10646-ucs-2", "csunicode", "unicode")
    add(Charset(name: "utf-16le", decoder: .unicode(bits: 16, form: .utf16le)), "utf-16le")
    add(Charset(name: "utf-16be", decoder: .unicode(bits: 16, form: .utf16be)), "utf-16be")
    add(Charset(name: "utf-32", decoder: .unicode(bits: 32, form: nil)),
        "utf-32", "utf32", "ucs-4", "iso-10646-ucs-4")
    add(Charset(name: "utf-32le", decoder: .unicode(bits: 32, form: .utf32le)), "utf-32le")
    add(Charset(name: "utf-32be", decoder: .unicode(bits: 32, form: .utf32be)), "utf-32be")
    return table
}()

/// Labels treated as unknown although iconv has them: UTF-7 smuggles markup past filters (WHATWG Encoding
/// leaves it out for that reason).
private let refusedLabels: Set<String> = ["utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "utf-7-imap"]

/// The longest label passed to iconv; IANA's longest charset name has 45 characters.
private let maximumLabelLength = 45

/// The label as compared: without surrounding whitespace and quotes, lowercased.
private func normalizedLabel(_ raw: String) -> String {
    func isJunk(_ character: Character) -> Bool { character.isWhitespace || character == "\"" || character == "'" }
    var label = Substring(raw)
    while let first = label.first, isJunk(first) { label.removeFirst() }
    while let last = label.last, isJunk(last) { label.removeLast() }
    return label.lowercased()
}

/// What a normalized label means, or nil when it names no charset Gazette or iconv can decode.
private func resolvedCharset(forLabel label: String) -> Charset? {
    if let known = knownLabels[label] { return known }
    // Only plain names reach iconv: a suffix such as "//IGNORE" or "//TRANSLIT" would make it lenient.
    let allowed = label.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"),
             UInt8(ascii: "("), UInt8(ascii: ")"): true
        default: false
        }
    }
    guard allowed, label.utf8.count <= maximumLabelLength, !refusedLabels.contains(label), iconvKnows(label) else {
        return nil
    }
    return Charset(name: reportedName(forLabel: label), decoder: .iconv([label], asciiCompatible: false))
}

/// The name reported for a label passed to iconv as given: the label, with the Windows code pages under
/// their WHATWG names (`cp1251` → `windows-1251`).
private func reportedName(forLabel label: String) -> String {
    for prefix in ["cp", "x-cp"] where label.hasPrefix(prefix) {
        let number = label.dropFirst(prefix.count)
        if number.count == 4, number.hasPrefix("125"), number.allSatisfy(\.isASCIIDigit) {
            return "windows-" + number
        }
    }
    return label
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

// MARK: - Unicode forms

/// The Unicode encoding forms that a byte order mark or the layout of the first characters reveals.
private enum UnicodeForm: Sendable, Equatable {
    case utf8, utf16le, utf16be, utf32le, utf32be

    var name: String {
        switch self {
        case .utf8: "utf-8"
        case .utf16le: "utf-16le"
        case .utf16be: "utf-16be"
        case .utf32le: "utf-32le"
        case .utf32be: "utf-32be"
        }
    }

    var codeUnitBits: Int {
        switch self {
        case .utf8: 8
        case .utf16le, .utf16be: 16
        case .utf32le, .utf32be: 32
        }
    }

    var isBigEndian: Bool { self == .utf16be || self == .utf32be }
}

/// The form a byte order mark at the start announces, and the mark's length in bytes.
private func byteOrderMark(_ bytes: [UInt8]) -> (UnicodeForm, Int)? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (.utf32be, 4) }
    if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (.utf32le, 4) }   // before UTF-16LE's FF FE
    if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16be, 2) }
    if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16le, 2) }
    return nil
}

/// UTF-16 or UTF-32 told, without a byte order mark, from where the zero bytes of the first ASCII characters
/// fall (XML 1.0 appendix F: `3C 00 3F 00` is UTF-16LE "<?"; RFC 4627 §3 does the same for JSON). A feed
/// starts with "<", "{", "[" or whitespace, never with NUL, so an 8-bit charset cannot look like this.
private func sniffedWideForm(_ bytes: [UInt8]) -> UnicodeForm? {
    if bytes.count >= 4 {
        switch (bytes[0] == 0, bytes[1] == 0, bytes[2] == 0, bytes[3] == 0) {
        case (true, true, true, false): return .utf32be
        case (false, true, true, true): return .utf32le
        case (true, false, true, false): return .utf16be
        case (false, true, false, true): return .utf16le
        default: return nil
        }
    }
    if bytes.count >= 2 {
        switch (bytes[0] == 0, bytes[1] == 0) {
        case (true, false): return .utf16be
        case (false, true): return .utf16le
        default: return nil
        }
    }
    return nil
}

/// `body` in `form` as UTF-8, or nil when it is not well-formed there.
private func decodeStrictly(_ body: ArraySlice<UInt8>, as form: UnicodeForm) -> [UInt8]? {
    switch form {
    case .utf8: body.withUnsafeBufferPointer(isValidUTF8) ? Array(body) : nil
    case .utf16le: iconvDecode(body, from: "UTF-16LE")
    case .utf16be: iconvDecode(body, from: "UTF-16BE")
    case .utf32le: iconvDecode(body, from: "UTF-32LE")
    case .utf32be: iconvDecode(body, from: "UTF-32BE")
    }
}

/// `body` in `form` as UTF-8, each ill-formed sequence (and a cut-off last unit) replaced with U+FFFD
/// by the standard library's repairing decoders.
private func decodeReplacingErrors(_ body: ArraySlice<UInt8>, as form: UnicodeForm) -> [UInt8] {
    let unitLength = form.codeUnitBits / 8
    let whole = body.count / unitLength * unitLength
    func unit<Unit: FixedWidthInteger>(at offset: Int, as _: Unit.Type) -> Unit {
        var value: Unit = 0
        for index in 0..<unitLength {
            let shift = form.isBigEndian ? (unitLength - 1 - index) * 8 : index * 8
            value |= Unit(body[body.startIndex + offset + index]) << shift
        }
        return value
    }
    var text: String
    switch form {
    case .utf8:
        text = String(decoding: body, as: UTF8.self)
    case .utf16le, .utf16be:
        text = String(decoding: stride(from: 0, to: whole, by: 2).map { unit(at: $0, as: UInt16.self) }, as: UTF16.self)
    case .utf32le, .utf32be:
        text = String(decoding: stride(from: 0, to: whole, by: 4).map { unit(at: $0, as: UInt32.self) }, as: UTF32.self)
    }
    if whole < body.count { text.append("\u{FFFD}") }
    return Array(text.utf8)
}

// MARK: - UTF-8 and ASCII

/// UTF-8 but for a few invalid sequences: at least 16 valid multi-byte characters for each invalid
/// sequence (text in another multi-byte charset, GBK or Big5, forms valid UTF-8 sequences only by
/// chance, a few percent of its characters). The bytes with each invalid sequence replaced by U+FFFD,
/// and how many there were; nil otherwise.
func mostlyUTF8(_ bytes: [UInt8]) -> (repaired: [UInt8], invalid: Int)? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var multiByte = 0, invalid = 0
    scan: while true {
        switch parser.parseScalar(from: &iterator) {
        case let .valid(encoded): if encoded.count > 1 { multiByte += 1 }
        case .error: invalid += 1
        case .emptyInput: break scan
        }
    }
    guard invalid > 0, multiByte >= 16 * invalid else { return nil }
    return (Array(String(decoding: bytes, as: UTF8.self).utf8), invalid)
}

/// Whether `bytes` are well-formed UTF-8: Unicode §3.9 table 3-7, so no overlong forms, no surrogates,
/// nothing past U+10FFFF. ASCII is skipped eight bytes at a time.
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer(isValidUTF8)
}

private func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = buffer.baseAddress else { return true }
    let count = buffer.count
    var index = 0
    while true {
        while count - index >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let high = word & 0x8080_8080_8080_8080
            if high != 0 {
                index += high.trailingZeroBitCount / 8     // to the first byte with its high bit set
                break
            }
            index += 8
        }
        guard index < count else { return true }
        let lead = base[index]
        let remaining = count - index
        if lead < 0x80 {
            index += 1
        } else if lead & 0xF0 == 0xE0 {                    // three bytes: most of CJK, so tested first
            guard remaining >= 3 else { return false }
            let second = base[index + 1], third = base[index + 2]
            guard second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return false }
            if lead == 0xE0 && second < 0xA0 || lead == 0xED && second > 0x9F { return false }   // overlong; surrogate
            index += 3
        } else if lead & 0xE0 == 0xC0 {
            guard lead >= 0xC2, remaining >= 2, base[index + 1] & 0xC0 == 0x80 else { return false }   // C0, C1: overlong
            index += 2
        } else if lead >= 0xF0 && lead <= 0xF4 {
            guard remaining >= 4 else { return false }
            let second = base[index + 1]
            guard second & 0xC0 == 0x80, base[index + 2] & 0xC0 == 0x80, base[index + 3] & 0xC0 == 0x80 else {
                return false
            }
            if lead == 0xF0 && second < 0x90 || lead == 0xF4 && second > 0x8F { return false }   // overlong; past U+10FFFF
            index += 4
        } else {
            return false        // a continuation byte or F5–FF where a character should start
        }
    }
}

/// Whether every byte is below 0x80, 32 bytes a turn.
private func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = buffer.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let count = buffer.count
    let mask: UInt64 = 0x8080_8080_8080_8080
    var index = 0
    while count - index >= 32 {
        let any = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
            | raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
            | raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
        if any & mask != 0 { return false }
        index += 32
    }
    while index < count {
        if base[index] >= 0x80 { return false }
        index += 1
    }
    return true
}

// MARK: - windows-1252

/// windows-1252 bytes 0x80–0x9F (WHATWG Encoding's index). The five bytes Microsoft leaves undefined
/// (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 control of the same value, as browsers do; 0xA0–0xFF
/// are Latin-1.
private let windows1252C1Row: [UInt16] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
]

/// The UTF-8 of every byte under windows-1252: up to three bytes, first byte lowest, the length in the top
/// byte. Bytes 0x00–0x7F are there too, so the decoding loop does not branch on them.
private let windows1252UTF8: [UInt32] = (0x00...0xFF).map { (byte: Int) -> UInt32 in
    let scalar = (0x80..<0xA0).contains(byte) ? UInt32(windows1252C1Row[byte - 0x80]) : UInt32(byte)
    switch scalar {
    case ..<0x80:
        return 1 << 24 | scalar
    case ..<0x800:
        return 2 << 24 | (0x80 | scalar & 0x3F) << 8 | (0xC0 | scalar >> 6)
    default:
        return 3 << 24 | (0x80 | scalar & 0x3F) << 16 | (0x80 | scalar >> 6 & 0x3F) << 8 | (0xE0 | scalar >> 12)
    }
}

/// `bytes` read as windows-1252; every byte is defined, so this cannot fail. Pure ASCII comes back untouched.
private func decodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
    windows1252UTF8.withUnsafeBufferPointer { table in
        bytes.withUnsafeBufferPointer { source in
            var length = 0
            for byte in source { length &+= Int(table[Int(byte)] >> 24) }
            if length == source.count { return bytes }
            // Each character is stored as four bytes and the position moves by its length, hence three spare bytes.
            return [UInt8](unsafeUninitializedCapacity: length + 3) { target, written in
                let raw = UnsafeMutableRawPointer(target.baseAddress!)
                var position = 0
                for byte in source {
                    let packed = table[Int(byte)]
                    raw.storeBytes(of: packed.littleEndian, toByteOffset: position, as: UInt32.self)
                    position &+= Int(packed >> 24)
                }
                written = position
            }
        }
    }
}

// MARK: - iconv

/// Whether glibc iconv can decode `charset` into UTF-8.
private func iconvKnows(_ charset: String) -> Bool {
    guard let descriptor = openDecoder(from: charset) else { return false }
    iconv_close(descriptor)
    return true
}

/// An iconv descriptor from `charset` to UTF-8, strict (no //IGNORE, no //TRANSLIT); nil when iconv has
/// no such charset. The caller closes it.
private func openDecoder(from charset: String) -> iconv_t? {
    guard let descriptor = iconv_open("UTF-8", charset), Int(bitPattern: descriptor) != -1 else { return nil }
    return descriptor
}

/// `input` converted by the first of `charsets` that decodes it whole.
private func iconvDecode(_ input: ArraySlice<UInt8>, fromFirstOf charsets: [String]) -> [UInt8]? {
    for charset in charsets {
        if let utf8 = iconvDecode(input, from: charset) { return utf8 }
    }
    return nil
}

/// `input` converted by glibc iconv from `charset` to UTF-8, or nil when iconv lacks the charset or the
/// input is not valid in it (EILSEQ), or ends inside a character (EINVAL).
private func iconvDecode(_ input: ArraySlice<UInt8>, from charset: String) -> [UInt8]? {
    iconvDecode(input, from: charset, replacingInvalid: false).map(\.utf8)
}

/// `input` converted by glibc iconv from `charset` to UTF-8, each byte that starts no valid character
/// (and a character cut off by the end) a U+FFFD, with how many there were; nil when iconv lacks `charset`.
/// For ASCII-compatible multi-byte charsets only: decoding goes on at the next byte.
private func iconvDecodeReplacingInvalid(_ input: [UInt8], from charset: String) -> (utf8: [UInt8], invalid: Int)? {
    iconvDecode(input[...], from: charset, replacingInvalid: true)
}

private func iconvDecode(_ input: ArraySlice<UInt8>, from charset: String,
                         replacingInvalid: Bool) -> (utf8: [UInt8], invalid: Int)? {
    guard let descriptor = openDecoder(from: charset) else { return nil }
    defer { iconv_close(descriptor) }
    // iconv writes into a small chunk that is appended to the result, which grows as arrays do. Reserving
    // half as much again as the input fits GB18030, Big5 and Shift_JIS text (2 bytes → 3) without regrowth,
    // and costs nothing until written, so an attempt that fails early is cheap.
    var output: [UInt8] = []
    output.reserveCapacity(input.count + input.count / 2 + 16)
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: iconvChunkSize, alignment: 16)
    defer { chunk.deallocate() }
    var invalid = 0
    let failure: Int32 = input.withUnsafeBytes { source in
        var inPointer: UnsafeMutablePointer<CChar>? =
            UnsafeMutableRawPointer(mutating: source.baseAddress)?.assumingMemoryBound(to: CChar.self)
        var inLeft = source.count
        var flushing = false
        while true {
            var outPointer: UnsafeMutablePointer<CChar>? = chunk.baseAddress!.assumingMemoryBound(to: CChar.self)
            var outLeft = chunk.count
            // After the input, a NULL input makes a stateful decoder (ISO-2022-*) write what it still holds.
            let result = flushing ? iconv(descriptor, nil, nil, &outPointer, &outLeft)
                                  : iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            let error = result == -1 ? errno : 0
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<(chunk.count - outLeft)]))
            switch error {
            case 0 where flushing: return 0
            case 0: flushing = true
            case E2BIG: continue        // the chunk is full, not the output
            case EILSEQ where replacingInvalid:
                output.append(contentsOf: replacementCharacterUTF8)
                invalid += 1
                inPointer = inPointer.map { $0 + 1 }
                inLeft -= 1
            case EINVAL where replacingInvalid:
                output.append(contentsOf: replacementCharacterUTF8)
                invalid += 1
                inLeft = 0
            default: return error       // EILSEQ: not this charset; EINVAL: cut off inside a character
            }
        }
    }
    return failure == 0 ? (output, invalid) : nil
}

private let replacementCharacterUTF8: [UInt8] = [0xEF, 0xBF, 0xBD]

/// Whether text decoded with `invalid` sequences replaced is still that charset's text: as for UTF-8
/// (`mostlyUTF8`), at least 16 valid multi-byte characters for each invalid sequence.
private func isMostlyValid(_ utf8: [UInt8], invalid: Int) -> Bool {
    guard invalid > 0 else { return true }
    let nonASCII = utf8.count { $0 >= 0xC0 } - invalid
    return nonASCII >= 16 * invalid
}

/// The bytes iconv writes per call before they are appended to the result: small enough to stay in cache.
private let iconvChunkSize = 64 * 1024
