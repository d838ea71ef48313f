import Foundation
import GazetteModel
@testable import GazetteParse
import Testing

// Feed autodiscovery on pages shaped like the wild (Fixtures/html/): which <link> elements count,
// how their URLs resolve, and how the page's bytes are decoded.

private let htmlFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent("html")

private func page(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: htmlFixtures.appendingPathComponent(name)))
}

struct FeedDiscoveryTests {
    @Test func wordPressHeadGivesThePostsFeedThenTheCommentsFeed() throws {
        let feeds = FeedDiscovery.feeds(inHTML: try page("wordpress-head-rss-and-comments-feeds.html"),
                                        pageURL: "https://fieldnotes.example.org/")
        #expect(feeds == [
            DiscoveredFeed(url: "https://fieldnotes.example.org/feed/", type: "application/rss+xml", title: "Field Notes » Feed"),
            DiscoveredFeed(url: "https://fieldnotes.example.org/comments/feed/", type: "application/rss+xml",
                           title: "Field Notes » Comments Feed"),
        ])
    }

    @Test func wordPressOEmbedLinksAndCommentedOutOrScriptedLinksDoNotCount() throws {
        let urls = FeedDiscovery.feeds(inHTML: try page("wordpress-head-rss-and-comments-feeds.html"),
                                       pageURL: "https://fieldnotes.example.org/").map(\.url)
        #expect(!urls.contains { $0.contains("oembed") || $0.contains("commented-out") || $0.contains("script-feed") })
    }

    @Test func chinesePortalInGB2312IsDecodedByItsMetaAndRelativeHrefsResolveAgainstThePage() throws {
        let feeds = FeedDiscovery.feeds(inHTML: try page("chinese-portal-gb2312-meta-http-equiv-relative-href.html"),
                                        pageURL: "http://finance.example.cn/index.shtml")
        #expect(feeds == [
            DiscoveredFeed(url: "http://finance.example.cn/rss/yaowen.xml", type: "application/rss+xml", title: "财经新闻：要闻"),
            DiscoveredFeed(url: "http://finance.example.cn/rss/gushi.xml", type: "application/rss+xml", title: "财经新闻：股市"),
        ])
    }

    @Test func baseHrefResolvesEveryLinkAndOnlyTheFirstBaseCounts() throws {
        let feeds = FeedDiscovery.feeds(inHTML: try page("base-href-resolves-relative-feed-links.html"),
                                        pageURL: "https://blog.example.com/2024/05/post.html")
        #expect(feeds == [
            // Before the <base> in the document, resolved against it all the same (WHATWG HTML §2.4.1).
            DiscoveredFeed(url: "https://cdn.example.net/mirror/blog/atom.xml", type: "application/atom+xml", title: "Atom"),
            DiscoveredFeed(url: "https://cdn.example.net/mirror/feed.json", type: "application/feed+json", title: "JSON Feed"),
            // Scheme-relative: takes the base's scheme.
            DiscoveredFeed(url: "https://feeds.example.net/blog.rss", type: "application/rss+xml", title: nil),
        ])
    }

    @Test func aRelativeBaseHrefResolvesAgainstThePageURL() {
        let html = #"<html><head><base href="/blog/"><link rel=alternate type=application/rss+xml href=feed.xml></head></html>"#
        let feeds = FeedDiscovery.feeds(inHTML: Array(html.utf8), pageURL: "https://example.com/a/b/page.html")
        #expect(feeds.map(\.url) == ["https://example.com/blog/feed.xml"])
    }

    @Test func aJavaScriptBaseHrefIsIgnored() {
        let html = #"<html><head><base href="javascript:alert(1)//"><link rel=alternate type=application/rss+xml href=feed.xml></head></html>"#
        let feeds = FeedDiscovery.feeds(inHTML: Array(html.utf8), pageURL: "https://example.com/a/page.html")
        #expect(feeds.map(\.url) == ["https://example.com/a/feed.xml"])
    }

    @Test func aPageWithoutFeedLinksGivesNone() throws {
        #expect(FeedDiscovery.feeds(inHTML: try page("no-feed-links.html"), pageURL: "https://baeckerei.example.de/").isEmpty)
    }

    @Test func anAnchorToAFeedIsNotALinkElementAndDoesNotCount() throws {
        #expect(FeedDiscovery.feeds(inHTML: try page("anchor-only-feed-link-does-not-count.html"),
                                    pageURL: "https://small.example.com/").isEmpty)
    }

    @Test func hostileLinksAreLeftOutAndTheRealOnesKeptOnceInDocumentOrder() throws {
        let feeds = FeedDiscovery.feeds(inHTML: try page("hostile-links.html"), pageURL: "https://hostile.example.com/page")
        #expect(feeds == [
            DiscoveredFeed(url: "https://hostile.example.com/feed.xml", type: "application/rss+xml", title: "The real feed"),
            DiscoveredFeed(url: "https://hostile.example.com/feed.xml#again", type: "application/rss+xml",
                           title: "fragment differs"),
            DiscoveredFeed(url: "https://hostile.example.com/body-atom.xml", type: "application/atom+xml", title: "in body"),
        ])
    }

    @Test(arguments: [
        ("application/rss+xml", true), ("application/atom+xml", true), ("application/feed+json", true),
        ("application/rdf+xml", true), ("application/json", true), ("APPLICATION/ATOM+XML ; charset=utf-8", true),
        ("text/xml", true), ("application/xml", true), ("application/json+oembed", false), ("text/html", false),
    ])
    func aLinkCountsByItsMediaType(_ type: String, _ counts: Bool) {
        let html = #"<link rel="alternate" type="\#(type)" href="/f">"#
        let feeds = FeedDiscovery.feeds(inHTML: Array(html.utf8), pageURL: "https://example.com/")
        #expect(feeds.count == (counts ? 1 : 0), "\(type)")
    }

    @Test func wordPressRESTLinksAreNotFeedsAndGenericXMLTypesComeLast() {
        // A WordPress single-post page: its RSS, its comments feed, the post's REST JSON, and an old-style text/xml link.
        let html = #"""
            <head><link rel="alternate" type="text/xml" title="Old RSS" href="/old.rss">
            <link rel="alternate" type="application/json" href="https://blog.example.com/wp-json/wp/v2/posts/42">
            <link rel="alternate" type="application/rss+xml" title="Blog » Feed" href="/feed/">
            <link rel="alternate" type="application/rss+xml" title="Blog » Comments" href="/comments/feed/"></head>
            """#
        let feeds = FeedDiscovery.feeds(inHTML: Array(html.utf8), pageURL: "https://blog.example.com/2026/12/01/post/")
        #expect(feeds.map(\.url) == ["https://blog.example.com/feed/", "https://blog.example.com/comments/feed/",
                                     "https://blog.example.com/old.rss"])
    }

    @Test(arguments: [
        ("alternate", true), ("ALTERNATE", true), ("alternate home", true), ("home\talternate", true),
        ("stylesheet alternate", false), ("alternate stylesheet", false), ("alternative", false), ("", false),
    ])
    func aLinkCountsByItsRelTokens(_ rel: String, _ counts: Bool) {
        let html = #"<link rel="\#(rel)" type="application/rss+xml" href="/f">"#
        let feeds = FeedDiscovery.feeds(inHTML: Array(html.utf8), pageURL: "https://example.com/")
        #expect(feeds.count == (counts ? 1 : 0), "rel=\(rel)")
    }

    @Test func theHTTPCharsetWinsOverTheMetaCharset() {
        // "日本語" in Shift_JIS, under a meta that wrongly says windows-1251.
        let title: [UInt8] = [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA]
        let html = Array(#"<html><head><meta charset="windows-1251"><link rel=alternate type=application/rss+xml title=""#.utf8)
            + title + Array(#"" href=/f></head></html>"#.utf8)
        let feeds = FeedDiscovery.feeds(inHTML: html, pageURL: "https://example.jp/", httpCharset: "Shift_JIS")
        #expect(feeds.first?.title == "日本語")
    }

    @Test func theMetaCharsetDecidesWhenThereIsNoHTTPCharset() {
        // Shift_JIS bytes also decode as GB18030, which the fallback would have chosen.
        let title: [UInt8] = [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA]
        let html = Array(#"<html><head><title>x</title><meta charset='shift_jis'><link rel=alternate type=application/rss+xml title=""#.utf8)
            + title + Array(#"" href=/f></head></html>"#.utf8)
        #expect(FeedDiscovery.feeds(inHTML: html, pageURL: "https://example.jp/").first?.title == "日本語")
    }

    @Test func withoutAnyCharsetUTF8AndThenGB18030AreTried() {
        let utf8 = Array(#"<link rel=alternate type=application/rss+xml title="要闻" href=/f>"#.utf8)
        #expect(FeedDiscovery.feeds(inHTML: utf8, pageURL: "https://example.cn/").first?.title == "要闻")
        let gbk: [UInt8] = Array(#"<link rel=alternate type=application/rss+xml title=""#.utf8) + [0xD2, 0xAA, 0xCE, 0xC5]
            + Array(#"" href=/f>"#.utf8)
        #expect(FeedDiscovery.feeds(inHTML: gbk, pageURL: "https://example.cn/").first?.title == "要闻")
    }

    @Test(arguments: [
        (#"text/html; charset=gb2312"#, "gb2312"), (#"text/html;charset="UTF-8""#, "UTF-8"),
        (#"text/html; CHARSET = 'big5' "#, "big5"), (#"text/html"#, nil), (#"charset="#, nil),
    ])
    func aContentTypeValueNamesItsCharset(_ value: String, _ expected: String?) {
        #expect(charset(inContentType: value) == expected)
    }

    @Test func aHugePageIsReadToItsEndAndTheLinkInItsBodyFound() {
        var html = Array(#"<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/head.xml"></head><body>"#.utf8)
        let paragraph = Array("<div class=\"c\"><p>Lorem ipsum <b>dolor</b> sit amet &amp; more, 中文内容。</p></div>\n".utf8)
        while html.count < 24 << 20 { html += paragraph }
        html += Array(#"<link rel="alternate" type="application/atom+xml" href="/tail.xml"></body></html>"#.utf8)
        let feeds = FeedDiscovery.feeds(inHTML: html, pageURL: "https://big.example.com/")
        #expect(feeds.map(\.url) == ["https://big.example.com/head.xml", "https://big.example.com/tail.xml"])
    }

    @Test func deeplyNestedUnclosedElementsDoNotHideALaterLink() {
        let html = Array((String(repeating: "<div><span><font>", count: 5000)
            + #"<link rel="alternate" type="application/rss+xml" href="/deep.xml">"#).utf8)
        #expect(FeedDiscovery.feeds(inHTML: html, pageURL: "https://deep.example.com/").map(\.url) == ["https://deep.example.com/deep.xml"])
    }

    @Test func nulBytesAndEmptyInputGiveNoCrash() {
        #expect(FeedDiscovery.feeds(inHTML: [], pageURL: "https://example.com/").isEmpty)
        let html = Array("<link rel=alternate type=application/rss+xml href=/a\0b.xml>".utf8)
        #expect(FeedDiscovery.feeds(inHTML: html, pageURL: "https://example.com/").map(\.url) == ["https://example.com/ab.xml"])
    }

    @Test func aPageURLThatIsNotHTTPLeavesRelativeLinksOut() {
        let html = Array(#"<link rel=alternate type=application/rss+xml href=/feed.xml><link rel=alternate type=application/rss+xml href=https://example.com/abs.xml>"#.utf8)
        #expect(FeedDiscovery.feeds(inHTML: html, pageURL: "file:///tmp/page.html").map(\.url) == ["https://example.com/abs.xml"])
    }

    // MARK: - looksLikeHTML

    @Test func everyHTMLFixtureLooksLikeHTML() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: htmlFixtures.path).filter { $0.hasSuffix(".html") }
        #expect(names.count >= 6)
        for name in names { #expect(FeedDiscovery.looksLikeHTML(try page(name)), "\(name)") }
    }

    @Test(arguments: [
        ("<!DOCTYPE html>\n<title>x</title>", true),
        ("\u{FEFF}<!-- saved from url=(0014)about:internet -->\n<HTML><HEAD>", true),
        (#"<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">"#, true),
        (#"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">"#, true),
        ("<head><title>soup</title>", true), ("  <body>text", true), ("<meta charset=utf-8><title>t</title>", true),
        ("PHP Warning: something\n<html>", true),
        (#"<?xml version="1.0"?><rss version="2.0"><channel><description>&lt;html&gt;</description>"#, false),
        (#"<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91">"#, false),
        (#"<feed xmlns="http://www.w3.org/2005/Atom"><content type="html"><html></content>"#, false),
        (#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><html>"#, false),
        (#"<opml version="2.0"><head><title>subs</title></head><body>"#, false),
        (#"{"version": "https://jsonfeed.org/version/1.1", "content_html": "<html>"}"#, false),
        ("", false), ("just text", false),
    ])
    func looksLikeHTMLTellsPagesFromFeeds(_ text: String, _ expected: Bool) {
        #expect(FeedDiscovery.looksLikeHTML(Array(text.utf8)) == expected, "\(text)")
    }

    @Test func aUTF16PageLooksLikeHTML() {
        let bytes: [UInt8] = [0xFF, 0xFE] + "<!doctype html><html>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(FeedDiscovery.looksLikeHTML(bytes))
    }

    @Test func theExistingNotAFeedPageLooksLikeHTMLAndTheFeedFixturesDoNot() throws {
        let folder = htmlFixtures.deletingLastPathComponent()
        #expect(FeedDiscovery.looksLikeHTML([UInt8](try Data(contentsOf: folder.appendingPathComponent("not-a-feed-html-page.html")))))
        let feeds = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix("not-a-feed") && ($0.hasSuffix(".xml") || $0.hasSuffix(".json")) && !$0.hasSuffix(".expected.json") }
        #expect(feeds.count >= 30)
        for name in feeds {
            #expect(!FeedDiscovery.looksLikeHTML([UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))), "\(name)")
        }
    }
}
