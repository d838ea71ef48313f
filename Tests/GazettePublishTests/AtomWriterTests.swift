import Foundation
import GazetteModel
import GazettePublish
import GazetteTestSupport
import Testing

/// Entries with hostile text, out of order, one duplicate id: what a real category feed may hold.
private func sampleEntries() -> [AtomEntry] {
    let base = Date(timeIntervalSince1970: 1_652_354_802)   // 2022-05-12T11:26:42Z
    let source = AtomSource(id: "https://www.nbd.com.cn/rss", title: "每日经济新闻 & <co>",
                            link: "https://www.nbd.com.cn/", updated: base)
    return (0..<8).map { index in
        AtomEntry(
            id: atomEntryID(host: "news.example.org", itemKey: String(repeating: "\(index)", count: 64), firstSeen: base),
            title: "标题 \(index) <b>& \"quoted\" 'single' ]]> \u{0001}\u{000B}bell\u{0007}",
            published: base.addingTimeInterval(Double((index * 7919) % 11) * 3600),
            updated: base.addingTimeInterval(Double((index * 7919) % 11) * 3600 + 60),
            alternate: postURL(site: URL(string: "https://news.example.org/")!, category: "nbd",
                               date: base, slug: "post-\(index)", zone: TimeZone(identifier: "Asia/Shanghai")!),
            via: "https://www.nbd.com.cn/articles/2022-05-12/\(index).html?a=1&b=2",
            authors: index.isMultiple(of: 2) ? [] : ["记者 \(index)"],
            category: (term: "nbd", label: "每日经济新闻"),
            contentHTML: "<p>A &amp; B</p><script>alert('x')</script> ]]> &\u{0000}\u{001F}\u{FFFE} end",
            source: source
        )
    }
}

private func sampleFeed(entries: [AtomEntry] = sampleEntries(), limit: Int = 5) -> String {
    atomFeed(title: "每日经济新闻 · Gazette", id: "https://news.example.org/feeds/nbd.xml",
             selfURL: "https://news.example.org/feeds/nbd.xml", alternateURL: "https://news.example.org/category/nbd.html",
             entries: entries, updated: Date(timeIntervalSince1970: 1_652_400_000), language: "zh-CN", limit: limit)
}

private struct ParsedEntry { var id = "", published = "", updated = "", authors: [String] = [], content = "", title = "" }

/// A small pull over the text we wrote: each `<entry>` block and its children, enough for the checks.
private func entries(of xml: String) -> [ParsedEntry] {
    xml.components(separatedBy: "<entry>").dropFirst().map { block in
        func element(_ name: String) -> [String] {
            block.components(separatedBy: "<\(name)").dropFirst().compactMap { rest in
                guard let open = rest.firstIndex(of: ">"), let close = rest.range(of: "</\(name)>") else { return nil }
                return String(rest[rest.index(after: open)..<close.lowerBound])
            }
        }
        let entryBlock = block.components(separatedBy: "<source>").first ?? block
        func first(_ name: String) -> String {
            guard let range = entryBlock.range(of: "<\(name)>"), let end = entryBlock.range(of: "</\(name)>") else { return "" }
            return String(entryBlock[range.upperBound..<end.lowerBound])
        }
        return ParsedEntry(id: first("id"), published: first("published"), updated: first("updated"),
                           authors: element("name"), content: element("content").first ?? "", title: first("title"))
    }
}

private var rfc3339Pattern: Regex<(Substring, Substring?, Substring)> { #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/# }

@Test func atomOutputIsWellFormedForXmllint() throws {
    let xmllint = try #require(XMLLint.path, "xmllint (libxml2-utils) is needed to check well-formedness")
    let lint = try XMLLint.check(Data(sampleFeed().utf8), executable: xmllint)
    #expect(lint.status == 0, "\(lint.errors)")
}

@Test func atomFeedHasTheRequiredFeedElements() {
    let xml = sampleFeed()
    #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">"))
    #expect(xml.contains("<id>https://news.example.org/feeds/nbd.xml</id>"))
    #expect(xml.contains("<updated>2022-05-13T00:00:00Z</updated>"))
    #expect(xml.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://news.example.org/feeds/nbd.xml\"/>"))
    #expect(xml.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://news.example.org/category/nbd.html\"/>"))
}

@Test func atomEntriesAreNewestFirstUniqueAndLimited() {
    var withDuplicate = sampleEntries()
    withDuplicate.append(withDuplicate[3])
    let parsed = entries(of: sampleFeed(entries: withDuplicate, limit: 5))
    #expect(parsed.count == 5)
    #expect(Set(parsed.map(\.id)).count == parsed.count)
    #expect(parsed.map(\.published) == parsed.map(\.published).sorted(by: >))
    #expect(entries(of: sampleFeed(limit: 100)).count == 8)
    #expect(entries(of: sampleFeed(limit: 0)).isEmpty)
}

@Test func atomDatesAreRFC3339AndIdsAndLinksAreAbsolute() throws {
    let xml = sampleFeed()
    for parsed in entries(of: xml) {
        #expect(parsed.published.wholeMatch(of: rfc3339Pattern) != nil, "\(parsed.published)")
        #expect(parsed.updated.wholeMatch(of: rfc3339Pattern) != nil, "\(parsed.updated)")
        #expect(parsed.updated >= parsed.published)
        #expect(parsed.id.hasPrefix("tag:news.example.org,2022:"))
    }
    let hrefs = xml.matches(of: #/href="([^"]*)"/#).map { String($0.output.1) }
    #expect(hrefs.count > 10)
    for href in hrefs {
        let url = try #require(URL(string: href.replacingOccurrences(of: "&amp;", with: "&")), "\(href)")
        #expect(url.scheme == "https" && url.host != nil, "\(href)")
    }
}

@Test func everyAtomEntryHasAnAuthorFallingBackToTheSourceTitle() {
    let parsed = entries(of: sampleFeed(limit: 100))
    #expect(parsed.allSatisfy { !$0.authors.isEmpty })
    #expect(parsed.contains { $0.authors == ["每日经济新闻 &amp; &lt;co&gt;"] })
    #expect(parsed.contains { $0.authors == ["记者 1"] })
}

@Test func atomTextIsEscapedAndControlCharactersAreRemoved() {
    let xml = sampleFeed()
    #expect(!xml.contains("<script>"))
    #expect(!xml.contains("]]>"))
    #expect(xml.contains("&lt;p&gt;A &amp;amp; B&lt;/p&gt;&lt;script&gt;alert('x')&lt;/script&gt; ]]&gt; &amp; end"))
    #expect(xml.contains("标题 1 &lt;b&gt;&amp; \"quoted\" 'single' ]]&gt; bell"))
    #expect(xml.contains("href=\"https://www.nbd.com.cn/articles/2022-05-12/1.html?a=1&amp;b=2\""))
    let forbidden = xml.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || $0.value == 0xFFFE }
    #expect(forbidden.isEmpty)
}

@Test func attributesEscapeQuotes() {
    let entry = AtomEntry(id: "tag:a.example,2024:k", title: "t", published: .now, updated: .now,
                          alternate: "https://a.example/x/2024/01/01/t.html",
                          category: (term: "c", label: "say \"hi\" & 'bye' <now>"), contentHTML: "")
    let xml = atomFeed(title: "T", id: "https://a.example/feeds/all.xml", selfURL: "https://a.example/feeds/all.xml",
                       alternateURL: "https://a.example/", entries: [entry], updated: .now, language: nil)
    #expect(xml.contains("label=\"say &quot;hi&quot; &amp; &apos;bye&apos; &lt;now&gt;\""))
    #expect(!xml.contains("xml:lang"))
}

@Test func atomEntryIDIsStableAcrossTitleAndLinkChanges() {
    let feed = FeedConfig(title: "每日经济新闻", url: "https://www.nbd.com.cn/rss", source: .web(URL(string: "https://www.nbd.com.cn/rss")!),
                          category: "meirijingjixinwen", categoryTitle: "每日经济新闻新闻", tags: ["每日经济新闻新闻"],
                          position: FilePosition(file: "feeds.yml", line: 1, column: 1))
    let site = Site(title: "Gazette", url: URL(string: "https://news.example.org")!,
                    timeZone: TimeZone(identifier: "Asia/Shanghai")!, output: URL(fileURLWithPath: "/tmp/out"))
    let seen = Date(timeIntervalSince1970: 1_652_354_802)
    var item = StoredItem(key: String(repeating: "ab", count: 32), feedURL: feed.url,
                          entry: Entry(id: "g1", title: "Old title", link: "https://www.nbd.com.cn/a/1.html"),
                          firstSeen: seen, lastChanged: seen, date: seen, contentHash: "h")
    let before = makeAtomEntry(from: item, feed: feed, site: site, postFile: "2022-05-12-old-title.md")
    item.entry.title = "A new title"
    item.entry.link = "https://www.nbd.com.cn/a/1-moved.html"
    let after = makeAtomEntry(from: item, feed: feed, site: site, postFile: "2022-05-12-old-title.md")
    #expect(before.id == after.id)
    #expect(before.id == "tag:news.example.org,2022:\(item.key)")
    item.atomID = "tag:old.example,2020:kept"
    #expect(makeAtomEntry(from: item, feed: feed, site: site, postFile: "2022-05-12-old-title.md").id == "tag:old.example,2020:kept")
    // 2022-05-12T11:26:42Z is 19:26 in Shanghai: the same day, as Jekyll would compute it.
    #expect(after.alternate == "https://news.example.org/meirijingjixinwen/2022/05/12/old-title.html")
    #expect(after.authors.isEmpty && after.source?.title == "每日经济新闻")
}

@Test func postURLUsesTheSiteZoneForTheDay() {
    let lateUTC = Date(timeIntervalSince1970: 1_652_387_400)   // 2022-05-12T20:30:00Z = 05-13 04:30 +0800
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    #expect(postURL(site: URL(string: "https://x.example/")!, category: "nbd", date: lateUTC, slug: "s", zone: shanghai)
        == "https://x.example/nbd/2022/05/13/s.html")
    #expect(postURL(site: URL(string: "https://x.example")!, category: "nbd", date: lateUTC, slug: "s", zone: .gmt)
        == "https://x.example/nbd/2022/05/12/s.html")
}

@Test func atomOutputIsDeterministic() {
    #expect(sampleFeed() == sampleFeed())
    #expect(sampleFeed(entries: sampleEntries().reversed()) == sampleFeed())
}

@Test func controlsAndNoncharactersAreDroppedEverywhereElseKept() {
    let title = "a\u{0}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{80}\u{85}\u{9F}\u{A0}é\u{FFFD}\u{FFFE}\u{FFFF}\u{10000}😀\t\n\r&<>\"'z"
    let entry = AtomEntry(id: "tag:x,2022:k", title: title, published: Date(timeIntervalSince1970: 0),
                          updated: Date(timeIntervalSince1970: 0), alternate: "https://x.example/p.html",
                          via: " https://x.example/a b|c\u{85}中\n", authors: [title], category: (term: "t\u{85}", label: title), contentHTML: title)
    let xml = atomFeed(title: "f", id: "https://x.example/f.xml", selfURL: "https://x.example/f.xml",
                       alternateURL: "https://x.example/", entries: [entry], updated: Date(timeIntervalSince1970: 0),
                       language: nil)
    let text = "a\u{A0}é\u{FFFD}\u{10000}😀\t\n&#13;&amp;&lt;&gt;\"'z"
    #expect(xml.contains("<title>\(text)</title>"))
    #expect(xml.contains("<content type=\"html\">\(text)</content>"))
    #expect(xml.contains("label=\"a\u{A0}é\u{FFFD}\u{10000}😀&#9;&#10;&#13;&amp;&lt;&gt;&quot;&apos;z\""))
    #expect(xml.contains("term=\"t\""))
    #expect(xml.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://x.example/p.html\"/>"))
    #expect(xml.contains("<link rel=\"via\" href=\"https://x.example/a%20b%7Cc%C2%85中\"/>"))
    // The author is cleaned and trimmed, then escaped as text.
    #expect(xml.contains("<name>a\u{A0}é\u{FFFD}\u{10000}😀\t\n&#13;&amp;&lt;&gt;\"'z</name>"))
}

/// A feed read from a local file had no IRI to name it: its entries had no `<source>`, unlike every
/// other feed's, and their author fallback then differed between the category's file and all.xml.
@Test func entriesOfALocalFileFeedHaveASourceThatDoesNotPublishThePath() {
    let path = "/srv/site/samples/nbd.xml"
    let feed = FeedConfig(title: "样例", url: path, source: .file(URL(fileURLWithPath: path)), category: "yangli",
                          categoryTitle: "样例", tags: ["样例"], position: FilePosition(file: "feeds.yml", line: 1, column: 1))
    let site = Site(title: "Gazette", url: URL(string: "https://news.example.org")!,
                    timeZone: TimeZone(identifier: "Asia/Shanghai")!, output: URL(fileURLWithPath: "/tmp/out"))
    let seen = Date(timeIntervalSince1970: 1_652_354_802)
    let items = [1, 2].map { n in
        StoredItem(key: String(repeating: "\(n)", count: 64), feedURL: path, entry: Entry(id: "g\(n)", title: "t\(n)"),
                   firstSeen: seen.addingTimeInterval(Double(n) * 86_400 * 400), lastChanged: seen, date: seen, contentHash: "h")
    }
    let sources = items.map { makeAtomEntry(from: $0, feed: feed, site: site, postFile: "2022-05-12-t.md").source }
    #expect(sources[0]?.id.hasPrefix("tag:news.example.org,2026:source-") == true)
    #expect(sources[0]?.id == sources[1]?.id)
    #expect(sources[0]?.id.contains("srv") == false && sources[0]?.title == "样例")
}
