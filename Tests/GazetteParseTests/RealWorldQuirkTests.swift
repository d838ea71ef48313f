@testable import GazetteParse
import GazetteModel
import Testing

// Quirks of feeds in the wild that an audit of `gazette parse` found mishandled, each against what
// feedparser (the reference for what users expect) or a browser makes of it.

private func rss(_ items: String, channel: String = "<title>T</title>") -> [UInt8] {
    Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>\(channel)\(items)</channel></rss>".utf8)
}

/// libxml2 stopped the whole document at a NUL: every entry after it was lost.
@Test func aNULByteInOneItemLosesNothingAfterIt() throws {
    let items = "<item><title>one</title><description>first \u{0}rest</description></item><item><title>two</title></item><item><title>three</title></item>"
    let bytes = rss(items)
    #expect(bytes.contains(0))
    let feed = try FeedParser.parse(bytes)
    #expect(feed.entries.map(\.title) == ["one", "two", "three"])
    #expect(feed.entries.first?.summary == "first rest")
    #expect(feed.bozo && feed.bozoReason?.contains("control character U+0000 (removed") == true)
}

/// A control character cut an attribute value short and lost the attributes after it.
@Test func aControlCharacterInAnAttributeIsRemovedAndTheRestKept() throws {
    let item = "<item><title>a</title><enclosure url=\"https://example.com/a\u{1}.mp3\" type=\"audio/mpeg\" length=\"1\"/></item>"
    let feed = try FeedParser.parse(rss(item))
    let enclosure = try #require(feed.entries.first?.enclosures.first)
    #expect(enclosure.url == "https://example.com/a.mp3" && enclosure.type == "audio/mpeg" && enclosure.length == 1)
}

/// HTML entities in attribute values came out as U+FFFD (libxml2 2.9 copied one byte of them).
@Test func htmlEntitiesInAttributeValuesAreDecoded() throws {
    let item = "<item><title>caf&eacute; &mdash; 1</title><category domain=\"x\">a</category></item>"
    let atom = """
        <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
        <entry><title>e</title><id>urn:1</id><category term="caf&eacute;"/><link rel="alternate" href="https://example.com/a&nbsp;b" title="x&mdash;y"/></entry></feed>
        """
    let fromRSS = try FeedParser.parse(rss(item))
    #expect(fromRSS.entries.first?.title == "café — 1")
    let fromAtom = try FeedParser.parse(Array(atom.utf8))
    #expect(fromAtom.entries.first?.categories == ["café"])
    #expect(fromAtom.entries.first?.links.first?.title == "x—y")
    #expect(fromAtom.bozo && fromAtom.bozoReason?.contains("undefined entity &eacute; (decoded as HTML's)") == true)
}

/// An entity a DTD declares is still never expanded, HTML's name or not: the pre-pass makes only
/// HTML's own characters, never the document's replacement text.
@Test func aDocumentEntityNamedLikeAnHTMLOneIsNotItsReplacementText() throws {
    let xml = """
        <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "EXPANDED"><!ENTITY mine "MINE">]>
        <rss version="2.0"><channel><title>a&nbsp;b&mine;c</title></channel></rss>
        """
    let feed = try FeedParser.parse(Array(xml.utf8))
    #expect(feed.info.title == "a\u{A0}bc")
}

/// A CMS cut one summary in the middle of a character: the feed is still UTF-8. Read as
/// windows-1252 instead, every title of the feed was mojibake, and slugs and posts with them.
@Test(arguments: [true, false])
func utf8WithOneBrokenCharacterIsStillUTF8(declared: Bool) throws {
    let cut = Array("用".utf8).prefix(2)
    var bytes = Array("<?xml version=\"1.0\"\(declared ? " encoding=\"utf-8\"" : "")?><rss version=\"2.0\"><channel><title>每日经济新闻</title>".utf8)
    for index in 0..<5 { bytes += Array("<item><title>新闻标题 \(index)</title><description>央行宣布降准".utf8) + (index == 2 ? Array(cut) : []) + Array("</description></item>".utf8) }
    bytes += Array("</channel></rss>".utf8)
    #expect(!isValidUTF8(bytes))
    let feed = try FeedParser.parse(bytes)
    #expect(feed.encoding == "utf-8")
    #expect(feed.info.title == "每日经济新闻")
    #expect(feed.entries.map(\.title) == (0..<5).map { "新闻标题 \($0)" })
    #expect(feed.entries[2].summary == "央行宣布降准\u{FFFD}")
    #expect(feed.bozo && feed.bozoReason?.contains("1 invalid UTF-8 sequence replaced by U+FFFD") == true)
}

/// GBK text is not "mostly UTF-8": it still decodes as GB18030.
@Test func gbkTextIsNotTakenForBrokenUTF8() {
    let gbk: [UInt8] = [0xC3, 0xBF, 0xC8, 0xD5, 0xBE, 0xAD, 0xBC, 0xC3, 0xD0, 0xC2, 0xCE, 0xC5]  // 每日经济新闻
    #expect(mostlyUTF8(gbk + gbk + gbk) == nil)
}

/// PHP prints warnings as HTML before the feed; the document was refused as "root element <br>".
@Test func aPHPWarningBeforeTheFeedIsSkipped() throws {
    let warning = "<br />\n<b>Warning</b>:  Undefined variable $x in <b>/var/www/feed.php</b> on line <b>12</b><br />\n"
    let feed = try FeedParser.parse(Array(warning.utf8) + rss("<item><title>kept</title></item>"))
    #expect(feed.entries.map(\.title) == ["kept"])
    #expect(feed.bozo && feed.bozoReason?.hasPrefix("\(warning.utf8.count) bytes of markup before the document were skipped") == true)
    // An HTML page with no feed in it is still not a feed.
    #expect(throws: ParseError.self) { try FeedParser.parse(Array("<html><body><p>hello</p></body></html>".utf8)) }
}

/// An unclosed `<item>` or `<entry>`: recover mode nested the next one inside it, and it was lost.
@Test func anUnclosedEntryDoesNotSwallowTheNextOne() throws {
    let rssFeed = rss("<item><title>one</title><link>https://example.com/1</link>\n<item><title>two</title><link>https://example.com/2</link><description>y</description></item>")
    let fromRSS = try FeedParser.parse(rssFeed)
    #expect(fromRSS.entries.map(\.title) == ["one", "two"])
    #expect(fromRSS.entries.map(\.link) == ["https://example.com/1", "https://example.com/2"])
    #expect(fromRSS.entries.last?.summary == "y")
    let atom = """
        <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>
        <entry><title>one</title><id>urn:1</id><link href="https://example.com/1"/>
        <entry><title>two</title><id>urn:2</id><link href="https://example.com/2"/></entry></feed>
        """
    let fromAtom = try FeedParser.parse(Array(atom.utf8))
    #expect(fromAtom.entries.map(\.id) == ["urn:1", "urn:2"])
    #expect(fromAtom.bozo)
}

/// A value whose end tag is missing is what came before the next element, not that plus the next
/// element's text; one cut by the end of the document is no value at all.
@Test func anUnclosedOrCutOffValueIsNotPublishedWrong() throws {
    let unclosed = try FeedParser.parse(rss("<item><title>one</title><link>https://example.com/1<description>d1</description></item><item><title>two</title><link>https://example.com/2</link></item>"))
    #expect(unclosed.entries.map(\.link) == ["https://example.com/1", "https://example.com/2"])
    #expect(unclosed.entries.first?.summary == "d1")
    let cut = Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>one</title><link>https://example.com/1</link></item><item><title>two</title><link>https://exam".utf8)
    let truncated = try FeedParser.parse(cut)
    #expect(truncated.entries.map(\.title) == ["one", "two"])
    #expect(truncated.entries.map(\.link) == ["https://example.com/1", nil])
}

/// A title escaped twice is plain text once its markup is read as markup: design.md's titles are
/// "plain text (entities decoded, markup removed)". Text about markup stays as it is.
@Test func aTitleEscapedTwiceIsItsText() throws {
    let items = "<item><title>&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt; &amp;amp; more</title></item><item><title>5 &amp;lt; 6, &amp;lt;br&amp;gt; tags</title></item>"
    let feed = try FeedParser.parse(rss(items))
    #expect(feed.entries.map(\.title) == ["Bold & more", "5 < 6, <br> tags"])
}

/// A GBK site's CMS cut one summary in the middle of a character: every title of the feed came out
/// as windows-1252 mojibake. Now only that character is lost.
@Test func oneCutGBKCharacterKeepsEveryChineseTitle() throws {
    // GBK bytes of: 沪深两市 three times (title), 央行 then the first byte of 宣 (summary), 银行股 twice (title).
    let title1: [UInt8] = [0xBB, 0xA6, 0xC9, 0xEE, 0xC1, 0xBD, 0xCA, 0xD0], title2: [UInt8] = [0xD2, 0xF8, 0xD0, 0xD0, 0xB9, 0xC9]
    let bytes = Array(#"<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>T</title><item><title>"#.utf8)
        + title1 + title1 + title1
        + Array("</title><description>".utf8) + [0xD1, 0xEB, 0xD0, 0xD0, 0xD0]
        + Array("</description></item><item><title>".utf8) + title2 + title2
        + Array("</title></item></channel></rss>".utf8)
    let feed = try FeedParser.parse(bytes)
    #expect(feed.encoding == "gb18030")
    #expect(feed.entries.map(\.title) == ["沪深两市沪深两市沪深两市", "银行股银行股"])
    #expect(feed.entries.first?.summary == "央行\u{FFFD}")
    #expect(feed.bozo && feed.bozoReason?.contains("1 invalid gb18030 sequence replaced by U+FFFD") == true)
}

/// The store must know which entry a cut document ended inside: that entry's text may be incomplete.
@Test func theEntryACutDocumentEndedInsideIsNamed() throws {
    let whole = "<item><title>one</title><description>first body</description></item><item><title>two</title><description>second body</description></item>"
    let document = rss(whole)
    #expect(try FeedParser.parse(document).cutEntry == nil)
    let cut = Array(document.prefix(document.count - "ody</description></item></channel></rss>".utf8.count))
    let feed = try FeedParser.parse(cut)
    #expect(feed.entries.map(\.title) == ["one", "two"])
    #expect(feed.cutEntry == 1)
    // Cut after the last item's end: every entry is whole.
    let afterItems = Array(document.prefix(document.count - "</channel></rss>".utf8.count))
    #expect(try FeedParser.parse(afterItems).cutEntry == nil)
}

/// A JSON Feed title with escaped control characters reached posts (and their HTML) raw, NUL
/// included, while the Atom feeds left them out: JSON strings now lose what XML 1.0 forbids.
@Test func jsonFeedStringsLoseTheCharactersXMLForbids() throws {
    let json = #"{"version": "https://jsonfeed.org/version/1.1", "title": "J\u0000", "items": [{"id": "1", "title": "ctrl\u0001\u0008chars\u001f here\u0000nul \uFFFE\uFFFF end\b\f", "content_text": "a\tb\nc"}]}"#
    let feed = try FeedParser.parse(Array(json.utf8))
    #expect(feed.info.title == "J")
    #expect(feed.entries.first?.title == "ctrlchars herenul end")   // titles collapse white space
    #expect(feed.entries.first?.content?.contains("a\tb") == true || feed.entries.first?.content?.contains("a b") == true)
}
