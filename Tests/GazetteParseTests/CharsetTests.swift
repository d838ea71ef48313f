internal import Glibc
import Testing
@testable import GazetteParse

// Inputs are built here with glibc iconv (the encoder side of what Charset.swift decodes) or written as bytes.

/// `text` encoded by iconv into `charset`, or nil when `charset` cannot represent it.
private func encoded(_ text: String, as charset: String) -> [UInt8]? {
    guard let descriptor = iconv_open(charset, "UTF-8"), Int(bitPattern: descriptor) != -1 else { return nil }
    defer { iconv_close(descriptor) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    let written: Int? = input.withUnsafeMutableBytes { source in
        output.withUnsafeMutableBytes { target in
            var inPointer: UnsafeMutablePointer<CChar>? = source.baseAddress?.assumingMemoryBound(to: CChar.self)
            var inLeft = source.count
            var outPointer: UnsafeMutablePointer<CChar>? = target.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outLeft = target.count
            guard iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1,
                  iconv(descriptor, nil, nil, &outPointer, &outLeft) != -1 else { return nil }
            return target.count - outLeft
        }
    }
    guard let written else { return nil }
    return Array(output[..<written])
}

private func text(_ decoded: DecodedBytes) -> String { String(decoding: decoded.utf8, as: UTF8.self) }

private func rss(declaring encoding: String?, title: String) -> String {
    let declaration = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>\n" } ?? "<?xml version=\"1.0\"?>\n"
    return declaration + "<rss version=\"2.0\"><channel><title>\(title)</title></channel></rss>\n"
}

/// 镕 (U+9555) and 喆 (U+5586) are in GBK but not GB2312: the names that break "gb2312" feeds.
private let gbkOnlyTitle = "朱镕基与张喆的新闻"

// MARK: - Chinese

@Test func gbkOnlyCharactersAreOutsideGB2312() throws {
    #expect(encoded("镕", as: "GB2312") == nil)
    #expect(encoded("喆", as: "GB2312") == nil)
    #expect(encoded("镕", as: "GBK") == [0xE9, 0x46])
    #expect(encoded("喆", as: "GBK") == [0x86, 0xB4])
}

@Test func gb2312LabelledFeedWithGBKOnlyCharactersDecodesAsGB18030() throws {
    let source = rss(declaring: "gb2312", title: gbkOnlyTitle)
    let bytes = try #require(encoded(source, as: "GBK"))
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "gb18030")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == nil)
}

@Test func gbkLabelInContentTypeDecodesAsGB18030() throws {
    let source = rss(declaring: nil, title: gbkOnlyTitle)
    let bytes = try #require(encoded(source, as: "GBK"))
    let decoded = decodeFeedBytes(bytes, httpCharset: "GBK")
    #expect(decoded.encoding == "gb18030")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == nil)
}

@Test func gb18030FourByteCharactersDecode() throws {
    let source = rss(declaring: "gb18030", title: "𠀀 € ·")
    let bytes = try #require(encoded(source, as: "GB18030"))
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "gb18030")
    #expect(text(decoded) == source)
}

@Test func utf8LabelOnGBKBytesIsDecodedAsGB18030WithMislabel() throws {
    let source = rss(declaring: "utf-8", title: gbkOnlyTitle)
    let bytes = try #require(encoded(source, as: "GBK"))
    let decoded = decodeFeedBytes(bytes, httpCharset: "utf-8")
    #expect(decoded.encoding == "gb18030")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == "declared utf-8 in Content-Type but the bytes are not utf-8; "
        + "declared utf-8 in the XML declaration but the bytes are not utf-8; decoded as gb18030")
}

@Test func httpCharsetOverridesXMLDeclaration() throws {
    let source = rss(declaring: "iso-8859-1", title: gbkOnlyTitle)
    let bytes = try #require(encoded(source, as: "GBK"))
    let decoded = decodeFeedBytes(bytes, httpCharset: "gb2312")
    #expect(decoded.encoding == "gb18030")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel
        == "declared iso-8859-1 in the XML declaration but gb2312 in Content-Type takes precedence; decoded as gb18030")
}

@Test func agreeingLabelsOnPureASCIIAreNotMislabels() {
    let source = rss(declaring: "iso-8859-1", title: "plain")
    let decoded = decodeFeedBytes(Array(source.utf8), httpCharset: "utf-8")
    #expect(decoded.encoding == "utf-8")
    #expect(decoded.mislabel == nil)
}

@Test func labelsAreTrimmedOfQuotesAndSpacesAndCaseFolded() throws {
    let source = rss(declaring: nil, title: gbkOnlyTitle)
    let bytes = try #require(encoded(source, as: "GBK"))
    let decoded = decodeFeedBytes(bytes, httpCharset: " \"GB2312\" ")
    #expect(decoded.encoding == "gb18030")
    #expect(decoded.mislabel == nil)
}

// MARK: - Byte order marks and 16/32-bit layouts

@Test func byteOrderMarkOverridesHTTPCharset() throws {
    let source = rss(declaring: "utf-8", title: "每日经济新闻")
    let decoded = decodeFeedBytes([0xEF, 0xBB, 0xBF] + Array(source.utf8), httpCharset: "gbk")
    #expect(decoded.encoding == "utf-8")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel
        == "declared gbk in Content-Type but the bytes start with a utf-8 byte order mark; decoded as utf-8")
}

@Test(arguments: [
    ("UTF-16LE", [UInt8]([0xFF, 0xFE]), "utf-16le"),
    ("UTF-16BE", [UInt8]([0xFE, 0xFF]), "utf-16be"),
    ("UTF-32LE", [UInt8]([0xFF, 0xFE, 0x00, 0x00]), "utf-32le"),
    ("UTF-32BE", [UInt8]([0x00, 0x00, 0xFE, 0xFF]), "utf-32be"),
])
func unicodeFormsDecodeWithAndWithoutByteOrderMark(iconvName: String, mark: [UInt8], expected: String) throws {
    let source = rss(declaring: expected.hasPrefix("utf-16") ? "UTF-16" : "utf-32", title: "新闻 😀 ü")
    let bytes = try #require(encoded(source, as: iconvName))
    for input in [mark + bytes, bytes] {
        let decoded = decodeFeedBytes(input, httpCharset: nil)
        #expect(decoded.encoding == expected)
        #expect(text(decoded) == source)
        #expect(decoded.mislabel == nil)
    }
}

@Test func utf16BytesOverrideAnEightBitHTTPCharset() throws {
    let source = rss(declaring: nil, title: "x")
    let bytes = try #require(encoded(source, as: "UTF-16LE"))
    let decoded = decodeFeedBytes(bytes, httpCharset: "iso-8859-1")
    #expect(decoded.encoding == "utf-16le")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == "declared iso-8859-1 in Content-Type but the bytes are utf-16le; decoded as utf-16le")
}

@Test func utf16DeclarationOnUTF8BytesIsAMislabel() {
    let source = rss(declaring: "UTF-16", title: "新闻")
    let decoded = decodeFeedBytes(Array(source.utf8), httpCharset: nil)
    #expect(decoded.encoding == "utf-8")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == "declared utf-16 in the XML declaration but the bytes are not utf-16; decoded as utf-8")
}

@Test func loneSurrogateAfterByteOrderMarkBecomesReplacementCharacter() {
    // FF FE, "<a>", a lone high surrogate D800, "</a>"
    let bytes: [UInt8] = [0xFF, 0xFE, 0x3C, 0, 0x61, 0, 0x3E, 0, 0x00, 0xD8, 0x3C, 0, 0x2F, 0, 0x61, 0, 0x3E, 0]
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "utf-16le")
    #expect(text(decoded) == "<a>\u{FFFD}</a>")
    #expect(decoded.mislabel?.contains("not valid utf-16le") == true)
}

@Test func invalidUTF8AfterByteOrderMarkIsRepairedNotReinterpreted() {
    let decoded = decodeFeedBytes([0xEF, 0xBB, 0xBF, 0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E], httpCharset: nil)
    #expect(decoded.encoding == "utf-8")
    #expect(text(decoded) == "<a>\u{FFFD}</a>")
    #expect(decoded.mislabel != nil)
}

// MARK: - CJK beyond Chinese, Cyrillic, Latin

@Test(arguments: [("中華民國 臺灣 新聞", "BIG5"), ("香港 堃 喆", "BIG5-HKSCS"), ("歐元 €", "CP950")])
func big5FeedsDecodeIncludingHongKongAndWindowsAdditions(title: String, writtenAs iconvName: String) throws {
    let source = rss(declaring: "big5", title: title)
    let bytes = try #require(encoded(source, as: iconvName))
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "big5")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == nil)
}

/// Hong Kong and Taiwan news in Big5, as sources send it: no XML encoding, no HTTP charset.
private let big5NewsTitles = [
    "香港股市今日收市，恆生指數上升百分之二",
    "台灣央行宣布維持利率不變，市場反應平穩",
    "中華民國 臺灣 新聞",
]

/// Nearly all Big5 bytes are also valid GB18030, so the fallback read every undeclared Big5 feed as
/// GB18030: every title mojibake.
@Test(arguments: big5NewsTitles)
func undeclaredBig5IsReadAsBig5NotAsGB18030(title: String) throws {
    let source = rss(declaring: nil, title: title)
    let bytes = try #require(encoded(source, as: "BIG5"))
    let asGB = decodeFeedBytes(bytes, httpCharset: "gb18030")
    #expect(asGB.encoding == "gb18030" && text(asGB) != source, "the bytes must be valid GB18030 too, or this tests nothing")
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "big5")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == nil)
}

@Test func big5UnderAWrongUTF8LabelIsReadAsBig5WithMislabel() throws {
    let source = rss(declaring: nil, title: big5NewsTitles[0])
    let bytes = try #require(encoded(source, as: "BIG5"))
    let decoded = decodeFeedBytes(bytes, httpCharset: "utf-8")
    #expect(decoded.encoding == "big5")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == "declared utf-8 in Content-Type but the bytes are not utf-8; decoded as big5")
}

/// The other way round: GB text (simplified, or traditional characters written in GBK) must stay
/// GB18030 although much of it is also valid Big5.
@Test(arguments: [
    ("每日经济新闻：沪深两市今日收盘，上证指数上涨百分之一", "GB2312"),
    ("央行宣布下调存款准备金率，银行股全线上涨", "GB2312"),
    ("香港股市今日收市，恆生指數上升百分之二", "GBK"),
    (gbkOnlyTitle, "GBK"),
])
func undeclaredGBTextStaysGB18030(title: String, writtenAs iconvName: String) throws {
    let source = rss(declaring: nil, title: title)
    let bytes = try #require(encoded(source, as: iconvName))
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "gb18030")
    #expect(text(decoded) == source)
}

@Test func commonHanziAreCountedInBothScriptForms() {
    #expect(commonHanziCount(Array("这是國内的新聞 abc 臺灣".utf8)) == 7)
    #expect(commonHanziCount(Array("abc".utf8)) == 0)
    #expect(commonHanziCount([0xE4, 0xB8]) == 0)    // a cut sequence ends the count, never traps
}

/// A GBK feed whose CMS cut one summary in the middle of a character (PHP's byte-wise `substr`): the
/// first byte of 调 is left before `</description>`.
private func feedWithACutCharacter(declaring encoding: String?, as iconvName: String) throws -> (bytes: [UInt8], expected: String) {
    let head = String(rss(declaring: encoding, title: "每日经济新闻").dropLast("</channel></rss>\n".count))
    let cut = try #require(encoded("央行宣布下调", as: iconvName)).dropLast()
    let tail = "</description></item><item><title>银行股全线上涨</title></item></channel></rss>\n"
    let bytes = try #require(encoded(head + "<item><title>沪深两市今日收盘</title><description>", as: iconvName)) + cut
        + #require(encoded(tail, as: iconvName))
    return (bytes, head + "<item><title>沪深两市今日收盘</title><description>央行宣布下\u{FFFD}" + tail)
}

@Test(arguments: ["gb2312", nil])
func oneCutGBKCharacterCostsOneCharacterNotTheWholeFeed(declaring label: String?) throws {
    let (bytes, expected) = try feedWithACutCharacter(declaring: label, as: "GBK")
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "gb18030")
    #expect(text(decoded) == expected)
    #expect(decoded.mislabel == "1 invalid gb18030 sequence replaced by U+FFFD; decoded as gb18030")
}

@Test func oneCutBig5CharacterCostsOneCharacter() throws {
    let source = rss(declaring: "big5", title: big5NewsTitles[1] + big5NewsTitles[0] + "穩")
    var bytes = try #require(encoded(source, as: "BIG5"))
    let end = try #require(bytes.lastIndex { $0 >= 0x80 })
    bytes.remove(at: end)           // the trail byte of the title's last character, 穩, before "</title>"
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "big5")
    #expect(text(decoded) == rss(declaring: "big5", title: big5NewsTitles[1] + big5NewsTitles[0] + "\u{FFFD}"))
    #expect(decoded.mislabel == "1 invalid big5 sequence replaced by U+FFFD; decoded as big5")
}

/// Replacing is for a few broken characters: Latin text in windows-1252 under a GBK label breaks at
/// every accented letter, and stays windows-1252.
@Test func latinTextUnderAGBKLabelIsNotReadAsBrokenGBK() {
    let bytes = Array(#"<?xml version="1.0" encoding="gbk"?><rss><channel><title>"#.utf8)
        + [0x63, 0x61, 0x66, 0xE9, 0x20, 0x72, 0xE9, 0x73, 0x75, 0x6D, 0xE9, 0x20, 0x6E, 0x61, 0xEF, 0x76, 0x65, 0x20, 0xE0, 0x20, 0x4E, 0xEE, 0x6D, 0x65, 0x73]
        + Array("</title></channel></rss>".utf8)
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "windows-1252")
    #expect(text(decoded).contains("café résumé naïve à Nîmes"))
    #expect(decoded.mislabel == "declared gbk in the XML declaration but the bytes are not gbk; decoded as windows-1252")
}

@Test func shiftJISFeedDecodesWithBackslashAndHalfwidthKatakana() throws {
    let source = rss(declaring: "Shift_JIS", title: "日本語のニュース ｶﾀｶﾅ C:\\path ①")
    let bytes = try #require(encoded(source, as: "CP932"))
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "shift_jis")
    #expect(text(decoded) == source)
}

@Test func eucKRFeedDecodes() throws {
    let source = rss(declaring: "euc-kr", title: "한국어 뉴스 똠방각하")     // 똠 is CP949-only
    let bytes = try #require(encoded(source, as: "CP949"))
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "euc-kr")
    #expect(text(decoded) == source)
}

@Test func eucJPFeedDecodes() throws {
    let source = rss(declaring: "EUC-JP", title: "日本語のニュース")
    let bytes = try #require(encoded(source, as: "EUC-JP"))
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "euc-jp")
    #expect(text(decoded) == source)
}

@Test(arguments: [("koi8-r", "KOI8-R", "koi8-r"), ("cp1251", "CP1251", "windows-1251"), ("ISO-8859-2", "ISO-8859-2", "iso-8859-2")])
func otherLabelsGoToIconvAsGiven(label: String, iconvName: String, expected: String) throws {
    let source = rss(declaring: label, title: expected.hasSuffix("2") ? "Żółć gęślą" : "Новости дня")
    let bytes = try #require(encoded(source, as: iconvName))
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == expected)
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == nil)
}

@Test func windows1252SmartQuotesDecode() {
    let bytes = Array(rss(declaring: "windows-1252", title: "X").utf8).map { $0 == UInt8(ascii: "X") ? 0x93 : $0 }
        + [0x94, 0x85]
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "windows-1252")
    #expect(text(decoded) == rss(declaring: "windows-1252", title: "“") + "”…")
}

@Test func latin1LabelMeansWindows1252() {
    let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>".utf8) + [0x93, 0x63, 0x61, 0x66, 0xE9, 0x94]
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "windows-1252")
    #expect(text(decoded).hasSuffix("<t>“café”"))
    #expect(decoded.mislabel == nil)
}

@Test func windows1252TableAgreesWithGlibcAndMapsUndefinedBytesToC1Controls() {
    let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
    for byte in UInt8(0x80)...0xFF {
        let decoded = decodeFeedBytes([0x3C, 0xFF, byte], httpCharset: "windows-1252")
        let scalars = Array(String(decoding: decoded.utf8, as: UTF8.self).unicodeScalars)
        let reference = referenceWindows1252(byte)
        #expect((reference == nil) == undefined.contains(byte), "glibc leaves byte \(byte) undefined")
        let expected = reference ?? Unicode.Scalar(byte)
        #expect(scalars == ["<", "ÿ", expected], "byte \(byte)")
    }
}

/// What glibc's CP1252 makes of one byte; nil for the bytes it leaves undefined.
private func referenceWindows1252(_ byte: UInt8) -> Unicode.Scalar? {
    guard let descriptor = iconv_open("UTF-8", "CP1252"), Int(bitPattern: descriptor) != -1 else { return nil }
    defer { iconv_close(descriptor) }
    var input: [CChar] = [CChar(bitPattern: byte)]
    var output = [UInt8](repeating: 0, count: 8)
    let written: Int? = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBytes { target in
            var inPointer = source.baseAddress
            var inLeft = 1
            var outPointer: UnsafeMutablePointer<CChar>? = target.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outLeft = target.count
            guard iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
            return target.count - outLeft
        }
    }
    guard let written else { return nil }
    return String(decoding: output[..<written], as: UTF8.self).unicodeScalars.first
}

// MARK: - Unknown labels and bytes nothing else reads

@Test func unknownLabelFallsBackToUTF8WithMislabel() {
    let source = rss(declaring: "x-nonsense", title: "新闻")
    let decoded = decodeFeedBytes(Array(source.utf8), httpCharset: nil)
    #expect(decoded.encoding == "utf-8")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel
        == "declared x-nonsense in the XML declaration, which is not a charset iconv knows; decoded as utf-8")
}

@Test func unknownLabelOnGBKBytesFallsBackToGB18030() throws {
    let bytes = try #require(encoded(rss(declaring: "x-nonsense", title: gbkOnlyTitle), as: "GBK"))
    let decoded = decodeFeedBytes(bytes, httpCharset: "x-nonsense")
    #expect(decoded.encoding == "gb18030")
    #expect(text(decoded) == rss(declaring: "x-nonsense", title: gbkOnlyTitle))
    #expect(decoded.mislabel?.hasSuffix("; decoded as gb18030") == true)
}

@Test func iconvFlagsInALabelAreRefused() {
    let decoded = decodeFeedBytes(Array("<a>\u{e9}</a>".utf8), httpCharset: "ascii//TRANSLIT")
    #expect(decoded.encoding == "utf-8")
    #expect(decoded.mislabel?.contains("not a charset iconv knows") == true)
}

@Test func utf7LabelIsRefused() {
    let decoded = decodeFeedBytes(Array("<a>+ADw-script+AD4-</a>".utf8), httpCharset: "utf-7")
    #expect(decoded.encoding == "utf-8")
    #expect(text(decoded) == "<a>+ADw-script+AD4-</a>")
    #expect(decoded.mislabel != nil)
}

@Test func ebcdicLabelOnASCIIBytesIsAMislabel() {
    let source = rss(declaring: "ibm037", title: "plain")
    let decoded = decodeFeedBytes(Array(source.utf8), httpCharset: nil)
    #expect(decoded.encoding == "utf-8")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == "declared ibm037 in the XML declaration but the bytes are not ibm037; decoded as utf-8")
}

@Test func bytesValidInNothingElseFallToWindows1252() {
    // 0xFF is never UTF-8 nor a GB18030 lead byte; 0x80 alone is not GB18030 either.
    let bytes: [UInt8] = [0x3C, 0x61, 0x3E, 0xFF, 0x20, 0x80, 0x3C, 0x2F, 0x61, 0x3E]
    let decoded = decodeFeedBytes(bytes, httpCharset: "utf-8")
    #expect(decoded.encoding == "windows-1252")
    #expect(text(decoded) == "<a>ÿ €</a>")
    #expect(decoded.mislabel == "declared utf-8 in Content-Type but the bytes are not utf-8; decoded as windows-1252")
}

@Test func noLabelAndInvalidUTF8IsNotAMislabel() {
    let decoded = decodeFeedBytes([0x3C, 0x61, 0x3E, 0xE9, 0x3C, 0x2F, 0x61, 0x3E], httpCharset: nil)
    #expect(decoded.encoding == "windows-1252")
    #expect(text(decoded) == "<a>é</a>")
    #expect(decoded.mislabel == nil)
}

@Test func emptyInputIsEmptyUTF8() {
    let decoded = decodeFeedBytes([], httpCharset: nil)
    #expect(decoded == DecodedBytes(utf8: [], encoding: "utf-8", mislabel: nil))
}

// MARK: - JSON

@Test func jsonIsUTF8WhateverContentTypeSays() {
    let source = #"{"version": "https://jsonfeed.org/version/1.1", "title": "新闻"}"#
    let decoded = decodeFeedBytes(Array(source.utf8), httpCharset: "iso-8859-1")
    #expect(decoded.encoding == "utf-8")
    #expect(text(decoded) == source)
    #expect(decoded.mislabel == "declared iso-8859-1 in Content-Type but JSON is utf-8 (RFC 8259); decoded as utf-8")
}

@Test func jsonInUTF16WithoutByteOrderMarkIsDetected() throws {
    let source = #"{"title": "新闻"}"#
    for (iconvName, expected) in [("UTF-16LE", "utf-16le"), ("UTF-16BE", "utf-16be"), ("UTF-32LE", "utf-32le")] {
        let decoded = decodeFeedBytes(try #require(encoded(source, as: iconvName)), httpCharset: nil)
        #expect(decoded.encoding == expected)
        #expect(text(decoded) == source)
    }
}

@Test func jsonNeverReadsAnXMLDeclarationInsideIt() {
    let source = #"{"content_html": "<?xml version='1.0' encoding='gbk'?>"}"#
    let decoded = decodeFeedBytes(Array(source.utf8), httpCharset: nil)
    #expect(decoded.encoding == "utf-8")
    #expect(decoded.mislabel == nil)
}

// MARK: - The fast paths

@Test func twentyMegabytesOfASCIIComeBackUnchangedAndUncopied() {
    let chunk = rss(declaring: "utf-8", title: "plain ASCII title")
    let bytes = Array(String(repeating: chunk, count: (20 << 20) / chunk.utf8.count + 1).utf8)
    #expect(bytes.count > 20 << 20)
    for label in [nil, "utf-8", "iso-8859-1", "gbk", "shift_jis"] {
        let decoded = decodeFeedBytes(bytes, httpCharset: label)
        #expect(decoded.utf8 == bytes)
        #expect(decoded.utf8.withUnsafeBufferPointer(\.baseAddress) == bytes.withUnsafeBufferPointer(\.baseAddress))
        #expect(decoded.mislabel == nil)
    }
}

@Test func largeInputsCrossIconvChunksAndOutgrowTheReservedOutput() throws {
    // KOI8-R: one byte per Cyrillic letter, two in UTF-8, so the output outgrows its 1.5× reserve.
    let source = rss(declaring: "koi8-r", title: String(repeating: "Съешь же ещё этих мягких французских булок. ", count: 8_000))
    let bytes = try #require(encoded(source, as: "KOI8-R"))
    #expect(bytes.count > 300_000)
    let decoded = decodeFeedBytes(bytes, httpCharset: nil)
    #expect(decoded.encoding == "koi8-r")
    #expect(text(decoded) == source)
}

@Test func utf8ValidationFollowsTheUnicodeTable() {
    let valid: [[UInt8]] = [
        [], [0x41], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
        [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], Array("0123456789abcdef新闻😀".utf8),
    ]
    let invalid: [[UInt8]] = [
        [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE6, 0x96], Array("0123456789".utf8) + [0xE6],
    ]
    for bytes in valid { #expect(isValidUTF8(bytes), "\(bytes)") }
    for bytes in invalid { #expect(!isValidUTF8(bytes), "\(bytes)") }
}

@Test func utf8ValidationAgreesWithTheStandardLibraryOnRandomBytes() {
    var generator = SplitMix64(seed: 0x6A7A_E77E)
    let alphabet: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE6,
                             0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
    for _ in 0..<20_000 {
        let count = Int(generator.next() % 24)
        let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        #expect(isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
    }
}

private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - declaredXMLEncoding

@Test func xmlDeclarationEncodingIsReadAndLowercased() {
    #expect(declaredXMLEncoding(Array("<?xml version=\"1.0\" encoding=\"GB2312\"?><rss/>".utf8)) == "gb2312")
    #expect(declaredXMLEncoding(Array("<?xml version='1.0' encoding = ' Big5 ' standalone='yes'?>".utf8)) == "big5")
    #expect(declaredXMLEncoding(Array("\n  <?xml version=\"1.0\" encoding=\"utf-8\"?>".utf8)) == "utf-8")
    #expect(declaredXMLEncoding([0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8)) == "utf-8")
}

@Test func xmlDeclarationWithoutEncodingGivesNil() {
    #expect(declaredXMLEncoding(Array("<?xml version=\"1.0\"?><rss/>".utf8)) == nil)
    #expect(declaredXMLEncoding(Array("<?xml version=\"1.0\" standalone=\"encoding\"?>".utf8)) == nil)
    #expect(declaredXMLEncoding(Array("<rss encoding=\"gbk\"/>".utf8)) == nil)
    #expect(declaredXMLEncoding(Array("<?xml-stylesheet href=\"a\" encoding=\"gbk\"?>".utf8)) == nil)
    #expect(declaredXMLEncoding(Array("<?xml version=\"1.0\" encoding=\"gbk".utf8)) == nil)
    #expect(declaredXMLEncoding(Array("<?xml version=\"1.0\" encoding=\"\"?>".utf8)) == nil)
    #expect(declaredXMLEncoding([]) == nil)
}

@Test func xmlDeclarationIsReadFromUTF16AndUTF32() throws {
    let declaration = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss/>"
    for charset in ["UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "UTF-16"] {   // "UTF-16" writes a BOM
        #expect(declaredXMLEncoding(try #require(encoded(declaration, as: charset))) == "utf-16", "\(charset)")
    }
}
