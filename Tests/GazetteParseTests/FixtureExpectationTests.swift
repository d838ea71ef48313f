import Foundation
import GazetteModel
@testable import GazetteParse
import Testing

// What a user checks in `gazette parse --json` for feeds shaped like the ones found in the wild.
// Every fixture in Fixtures/ is named for what it shows; each test parses one (or a family) the
// way the CLI does and asserts the facts a reader of the output would look at.

// MARK: - Helpers

private let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

private func fixtureBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: fixturesDirectory.appendingPathComponent(name)))
}

private func options(for name: String, timeZone: String = "UTC") -> ParseOptions {
    ParseOptions(documentURL: "https://example.com/feeds/\(name)", timeZone: TimeZone(identifier: timeZone)!)
}

private func parseFixture(_ name: String, timeZone: String = "UTC") throws -> Feed {
    try FeedParser.parse(try fixtureBytes(name), options: options(for: name, timeZone: timeZone))
}

/// RFC 3339 in UTC, as `parse --json` prints it; nil stays nil.
private func utc(_ date: Date?) -> String? { date.map(rfc3339UTC) }

/// The entry whose title is `title` (fixtures with one entry per case name each entry by its title).
private func entry(_ feed: Feed, titled title: String, sourceLocation: SourceLocation = #_sourceLocation) -> Entry? {
    let found = feed.entries.first { $0.title == title }
    #expect(found != nil, "no entry titled \(title); titles: \(feed.entries.map { $0.title ?? "nil" })", sourceLocation: sourceLocation)
    return found
}

/// Every text field of the output, named as `parse --json` names it (bozo_reason aside).
private func outputFields(_ feed: Feed) -> [(field: String, value: String)] {
    var fields: [(String, String)] = []
    func add(_ field: String, _ value: String?) { if let value { fields.append((field, value)) } }
    func addPeople(_ prefix: String, _ people: [Person]) {
        for (index, person) in people.enumerated() {
            add("\(prefix).authors[\(index)].name", person.name)
            add("\(prefix).authors[\(index)].email", person.email)
            add("\(prefix).authors[\(index)].uri", person.uri)
        }
    }
    add("feed.title", feed.info.title)
    add("feed.subtitle", feed.info.subtitle)
    add("feed.link", feed.info.link)
    add("feed.self", feed.info.selfLink)
    add("feed.id", feed.info.id)
    add("feed.language", feed.info.language)
    add("feed.generator", feed.info.generator)
    add("feed.image", feed.info.image)
    addPeople("feed", feed.info.authors)
    for (index, entry) in feed.entries.enumerated() {
        let prefix = "entries[\(index)]"
        add("\(prefix).id", entry.id)
        add("\(prefix).title", entry.title)
        add("\(prefix).link", entry.link)
        for (linkIndex, link) in entry.links.enumerated() {
            add("\(prefix).links[\(linkIndex)].rel", link.rel)
            add("\(prefix).links[\(linkIndex)].href", link.href)
            add("\(prefix).links[\(linkIndex)].type", link.type)
            add("\(prefix).links[\(linkIndex)].title", link.title)
        }
        add("\(prefix).summary", entry.summary)
        add("\(prefix).content", entry.content)
        addPeople(prefix, entry.authors)
        for (categoryIndex, category) in entry.categories.enumerated() { add("\(prefix).categories[\(categoryIndex)]", category) }
        for (enclosureIndex, enclosure) in entry.enclosures.enumerated() {
            add("\(prefix).enclosures[\(enclosureIndex)].url", enclosure.url)
            add("\(prefix).enclosures[\(enclosureIndex)].type", enclosure.type)
        }
        add("\(prefix).comments", entry.comments)
    }
    return fields
}

/// Every URL field of the output (not the URLs inside HTML).
private func urlFields(_ feed: Feed) -> [(field: String, value: String)] {
    var fields: [(String, String)] = []
    func add(_ field: String, _ value: String?) { if let value { fields.append((field, value)) } }
    add("feed.link", feed.info.link)
    add("feed.self", feed.info.selfLink)
    add("feed.image", feed.info.image)
    for (index, person) in feed.info.authors.enumerated() { add("feed.authors[\(index)].uri", person.uri) }
    for (index, entry) in feed.entries.enumerated() {
        add("entries[\(index)].link", entry.link)
        for (linkIndex, link) in entry.links.enumerated() { add("entries[\(index)].links[\(linkIndex)].href", link.href) }
        for (enclosureIndex, enclosure) in entry.enclosures.enumerated() { add("entries[\(index)].enclosures[\(enclosureIndex)].url", enclosure.url) }
        add("entries[\(index)].comments", entry.comments)
        for (personIndex, person) in entry.authors.enumerated() { add("entries[\(index)].authors[\(personIndex)].uri", person.uri) }
    }
    return fields
}

/// The text as a browser would read a URL in it: numeric and a few named references decoded, lowercased,
/// and whitespace and control characters (which browsers strip from URLs) removed.
private func normalizedForScheme(_ text: String) -> String {
    var decoded = ""
    var scalars = Array(text.unicodeScalars)[...]
    while let first = scalars.first {
        if first == "&", let semicolon = scalars.prefix(12).firstIndex(of: ";") {
            let body = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<semicolon])).lowercased()
            var replacement: Unicode.Scalar?
            if body.hasPrefix("#x") { replacement = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            else if body.hasPrefix("#") { replacement = UInt32(body.dropFirst(1)).flatMap(Unicode.Scalar.init) }
            else if body == "colon" { replacement = ":" }
            else if body == "tab" || body == "newline" { replacement = " " }
            if let replacement {
                decoded.unicodeScalars.append(replacement)
                scalars = scalars[scalars.index(after: semicolon)...]
                continue
            }
        }
        decoded.unicodeScalars.append(first)
        scalars = scalars.dropFirst()
    }
    return String(String.UnicodeScalarView(decoded.lowercased().unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
}

/// `<tag … onclick=`: an event-handler attribute inside a tag.
private func hasEventHandlerAttribute(_ lowercased: String) -> Bool {
    guard let pattern = try? Regex(#"<[^>]*[\s"'/]on[a-z]+\s*="#) else { return false }
    return lowercased.contains(pattern)
}

/// Records an issue for every field that could run script in a page that shows it.
private func expectNoActiveContent(_ feed: Feed, sourceLocation: SourceLocation = #_sourceLocation) {
    for (field, value) in outputFields(feed) {
        let lower = value.lowercased()
        for element in ["<script", "</script", "<iframe", "<object", "<embed", "<form", "<style", "<meta", "<base"] {
            #expect(!lower.contains(element), "\(field) keeps \(element): \(value)", sourceLocation: sourceLocation)
        }
        #expect(!hasEventHandlerAttribute(lower), "\(field) keeps an on… attribute: \(value)", sourceLocation: sourceLocation)
        let normalized = normalizedForScheme(value)
        for scheme in ["javascript:", "vbscript:", "data:text/html"] {
            #expect(!normalized.contains(scheme), "\(field) keeps \(scheme): \(value)", sourceLocation: sourceLocation)
        }
        #expect(!normalized.contains("expression("), "\(field) keeps a CSS expression(): \(value)", sourceLocation: sourceLocation)
    }
}

@Test func activeContentCheckRecognisesTheVectorsItLooksFor() {
    #expect(hasEventHandlerAttribute(#"<img src=x onerror=alert(1)>"#))
    #expect(hasEventHandlerAttribute(#"<p class="a" onclick = "x">"#))
    #expect(!hasEventHandlerAttribute("Based on = evidence, no tag"))
    #expect(normalizedForScheme("jav&#x09;ascript:alert(1)").contains("javascript:"))
    #expect(normalizedForScheme("&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;x").contains("javascript:"))
    #expect(normalizedForScheme("JaVaScRiPt&colon;x").contains("javascript:"))
    #expect(normalizedForScheme("width: expression (alert(1))").contains("expression("))
}

// MARK: - Formats

@Test func rss090WithTheNetscapeNamespaceIsRead() throws {
    let feed = try parseFixture("rss090-rdf-netscape-namespace.xml")
    #expect(feed.format == .rss09x)
    #expect(feed.encoding == "utf-8")
    #expect(feed.bozo == false)
    #expect(feed.bozoReason == nil)
    #expect(feed.info.title == "Mozilla Dot Org")
    #expect(feed.info.subtitle == "the Mozilla Organization web site")
    #expect(feed.info.link == "http://www.mozilla.org/")
    #expect(feed.info.image == "http://www.mozilla.org/images/moz.gif")
    #expect(feed.entries.map(\.title) == ["New Status Updates", "Bugzilla Reorganized"])
    #expect(feed.entries.map(\.link) == ["http://www.mozilla.org/status/", "http://www.mozilla.org/bugs/"])
    // No guid in RSS 0.90: the link is the id.
    #expect(feed.entries.map(\.id) == ["http://www.mozilla.org/status/", "http://www.mozilla.org/bugs/"])
}

@Test func rss091WithTheNetscapeDoctypeDecodesLatin1AndHTMLEntitiesWithoutFetchingTheDTD() throws {
    let feed = try parseFixture("rss091-netscape-doctype-latin1.xml")
    #expect(feed.format == .rss09x)
    #expect(feed.encoding == "windows-1252")   // ISO-8859-1 is read as its superset windows-1252 (WHATWG)
    #expect(feed.info.title == "WriteTheWeb")
    #expect(feed.info.link == "http://writetheweb.com/")
    #expect(feed.info.language == "en-us")
    #expect(feed.info.image == "http://writetheweb.com/images/mynetscape88.gif")
    #expect(feed.info.authors == [Person(name: "Ed Itor", email: "editor@writetheweb.com")])
    #expect(feed.entries.count == 2)
    #expect(feed.entries.first?.title == "Giving the world a pluggable Gnutella")
    #expect(feed.entries.first?.link == "http://writetheweb.com/read.php?item=24")
    #expect(feed.entries.first?.summary?.contains("Gnutella \u{2014} allowing") == true)
    // &eacute; is declared only by the (never loaded) 0.91 DTD; the raw 0xE9 bytes are Latin-1.
    #expect(feed.entries.last?.title == "Syndication discussions hot up & café talk")
    #expect(feed.entries.last?.summary?.contains("Naïve café owners déjà vu") == true)
}

@Test func rss092EnclosuresCategoriesAndAnItemWithoutTitleAreRead() throws {
    let feed = try parseFixture("rss092-enclosure-category-source.xml")
    #expect(feed.format == .rss09x)
    #expect(feed.bozo == false)
    #expect(feed.info.title == "Dave Winer: Grateful Dead")
    #expect(utc(feed.info.updated) == "2001-04-13T19:23:02Z")
    #expect(feed.info.authors == [Person(name: "Dave Winer", email: "dave@userland.com")])
    #expect(feed.entries.count == 2)
    let first = try #require(feed.entries.first)
    #expect(first.title == nil)
    #expect(first.link == nil)
    #expect(first.summary == "It's been a few days since I added a song to the Grateful Dead channel.")
    #expect(first.categories == ["Grateful Dead"])
    #expect(first.enclosures == [Enclosure(url: "http://www.scripting.com/mp3s/weatherReportDicksPicsVol7.mp3", type: "audio/mpeg", length: 6_182_912)])
    let second = try #require(feed.entries.last)
    #expect(second.title == "The Other One")
    #expect(second.link == "http://www.scripting.com/music/theOtherOne.html")
    #expect(second.summary?.contains(#"<a href="http://arts.ucsc.edu/GDead/AGDL/other1.html">The Other One</a>"#) == true)
    #expect(second.enclosures == [Enclosure(url: "http://www.scripting.com/mp3s/theOtherOne.mp3", type: "audio/mpeg", length: 6_666_097)])
}

@Test func rss20ReadsContentEncodedDublinCoreMediaAndAtomSelf() throws {
    let feed = try parseFixture("rss20-content-encoded-dc-media-atom-self.xml")
    #expect(feed.format == .rss20)
    #expect(feed.encoding == "utf-8")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "每日经济新闻")
    #expect(feed.info.subtitle == "每日经济新闻 — 财经")
    #expect(feed.info.link == "https://www.nbd.com.cn/")
    #expect(feed.info.selfLink == "https://www.nbd.com.cn/rss.xml")
    #expect(feed.info.language == "zh-cn")
    #expect(feed.info.generator == "WordPress 6.4")
    #expect(feed.info.image == "https://www.nbd.com.cn/logo.png")
    #expect(utc(feed.info.updated) == "2022-05-12T11:30:00Z")
    #expect(feed.entries.count == 3)

    let first = try #require(feed.entries.first)
    #expect(first.title == "我国工业互联网产业规模破万亿元 “双跨平台”如何发挥示范引领作用？")
    #expect(first.id == "nbd-2278042")
    #expect(first.link == "https://www.nbd.com.cn/articles/2022-05-12/2278042.html")
    #expect(utc(first.published) == "2022-05-12T11:26:42Z")
    #expect(first.authors == [Person(name: "李明")])
    #expect(first.categories == ["工业互联网", "科技"])
    #expect(first.summary == "工业互联网产业规模破万亿元。")
    // content:encoded wins over description for content; its relative image resolves against the document URL.
    #expect(first.content?.contains("<strong>李明</strong>") == true)
    #expect(first.content?.contains(#"src="https://example.com/img/2278042.jpg""#) == true)
    #expect(first.comments == "https://www.nbd.com.cn/articles/2022-05-12/2278042.html#comments")
    #expect(first.enclosures.contains(Enclosure(url: "https://media.nbd.com.cn/2278042.mp3", type: "audio/mpeg", length: 1_048_576)))
    #expect(first.enclosures.contains(Enclosure(url: "https://img.nbd.com.cn/2278042.jpg", type: "image/jpeg", length: 52311)))

    let second = feed.entries[1]
    #expect(second.title == "Second item: markets & more")
    #expect(second.id == "https://www.nbd.com.cn/articles/2022-05-12/2278043.html")
    #expect(utc(second.published) == "2022-05-12T10:00:00Z")
    #expect(second.authors == [Person(name: "王芳", email: "news@nbd.com.cn")])
    #expect(second.summary == "<p>Escaped <em>HTML</em> description</p>")
    #expect(second.content == nil)

    // A guid that is a URL (isPermaLink defaults to true) is the link when there is no <link>.
    let third = feed.entries[2]
    #expect(third.id == "https://www.nbd.com.cn/articles/2022-05-12/2278044.html")
    #expect(third.link == "https://www.nbd.com.cn/articles/2022-05-12/2278044.html")
    #expect(utc(third.published) == "2022-05-12T09:00:00Z")
}

@Test func rss10RDFReadsDublinCoreDatesCreatorsAndSubjects() throws {
    let feed = try parseFixture("rss10-rdf-dc-date.xml")
    #expect(feed.format == .rss10)
    #expect(feed.bozo == false)
    #expect(feed.info.title == "RDF Site Summary")
    #expect(feed.info.link == "https://example.org/")
    #expect(feed.info.language == "ja")
    #expect(utc(feed.info.updated) == "2022-05-12T11:00:00Z")
    #expect(feed.info.authors == [Person(name: "Site Editor")])
    #expect(feed.entries.count == 2)
    let first = try #require(feed.entries.first)
    #expect(first.id == "https://example.org/a/1")
    #expect(first.title == "First RDF item")
    #expect(first.link == "https://example.org/a/1")
    #expect(utc(first.updated) == "2022-05-12T11:26:42Z")
    #expect(first.authors == [Person(name: "Alice")])
    #expect(first.categories == ["Economy"])
    #expect(first.summary == "First description")
    #expect(first.content == "<p>Full <b>content</b></p>")
    #expect(utc(feed.entries[1].updated) == "2022-05-12T00:00:00Z")
}

@Test func atom03ReadsTaglineIssuedModifiedAndBothContentModes() throws {
    let feed = try parseFixture("atom03-modified-issued-escaped-and-xml-content.xml")
    #expect(feed.format == .atom03)
    #expect(feed.bozo == false)
    #expect(feed.info.title == "dive into mark")
    #expect(feed.info.subtitle == "A lot of effort went into making this effortless")
    #expect(feed.info.link == "http://diveintomark.org/")
    #expect(feed.info.id == "tag:diveintomark.org,2003:3")
    #expect(feed.info.language == "en")
    #expect(feed.info.generator == "Example Toolkit")
    #expect(utc(feed.info.updated) == "2003-12-13T18:30:02Z")
    #expect(feed.info.authors == [Person(name: "Mark Pilgrim", email: "f8dy@example.com", uri: "http://diveintomark.org/")])
    #expect(feed.entries.count == 2)
    let first = try #require(feed.entries.first)
    #expect(first.id == "tag:diveintomark.org,2003:3.2397")
    #expect(first.link == "http://diveintomark.org/2003/12/13/atom03")
    #expect(utc(first.published) == "2003-12-13T12:29:29Z")
    #expect(utc(first.updated) == "2003-12-13T18:30:02Z")
    #expect(first.summary == "A plain summary &amp; more")
    #expect(first.content?.contains(#"<a href="http://diveintomark.org/about/">escaped</a>"#) == true)
    let second = feed.entries[1]
    #expect(second.title == "Second entry")
    #expect(second.content?.contains("<p>Inline <b>XHTML</b> body</p>") == true)
}

@Test func atom10TextHTMLAndXHTMLConstructsComeOutAsTheirTypeSays() throws {
    let feed = try parseFixture("atom10-text-html-xhtml-types.xml")
    #expect(feed.format == .atom10)
    #expect(feed.bozo == false)
    #expect(feed.info.title == "Atom text constructs")
    #expect(feed.info.subtitle == "Testing three types")
    #expect(feed.info.link == "https://example.org/")
    #expect(feed.info.selfLink == "https://example.org/feed.atom")
    #expect(feed.info.id == "urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6")
    #expect(feed.info.generator == "Hand-made")
    #expect(feed.info.image == "https://example.org/logo.png")
    #expect(utc(feed.info.updated) == "2024-01-02T03:04:05Z")
    #expect(feed.info.authors == [Person(name: "Jane Doe", email: "jane@example.org", uri: "https://example.org/jane")])
    #expect(feed.entries.count == 3)

    // type="text": what looks like markup is text.
    let text = feed.entries[0]
    #expect(text.title == "1 < 2 & <b>not bold</b>")
    #expect(text.id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a")
    #expect(text.link == "https://example.org/entries/text")
    #expect(utc(text.published) == "2024-01-01T10:00:00Z")
    #expect(utc(text.updated) == "2024-01-01T12:00:00Z")
    #expect(text.summary == "Plain &lt;summary&gt; &amp; text")
    #expect(text.content == "Plain content with &lt;tags&gt; that are text")
    #expect(text.categories == ["text-type", "atom"])

    // type="html": escaped markup is markup; the title loses it.
    let html = feed.entries[1]
    #expect(html.title == "Bold & escaped")
    #expect(html.content == "<p>Hello <em>world</em></p>")
    #expect(html.link == "https://example.org/entries/html")
    #expect(html.comments == "https://example.org/entries/html#comments")
    #expect(html.links.contains(Link(rel: "related", href: "https://example.net/source")))

    // type="xhtml": the wrapper div is not content; relative URLs resolve against the document URL.
    let xhtml = feed.entries[2]
    #expect(xhtml.title == "XHTML title & more")
    let content = try #require(xhtml.content)
    #expect(content.hasPrefix("<p>Hi "))
    #expect(content.contains(#"<a href="https://example.com/rel/path">relative</a>"#))
    #expect(content.contains(#"src="https://example.com/feeds/pic.png""#))
    #expect(content.contains(" &amp; "))
}

@Test func nestedXMLBaseResolvesEachLevelAgainstItsParent() throws {
    let feed = try parseFixture("atom10-nested-xml-base.xml")
    #expect(feed.format == .atom10)
    #expect(feed.info.link == "https://example.org/blog/")
    #expect(feed.info.selfLink == "https://example.org/blog/feed.atom")
    #expect(feed.entries.count == 3)

    let first = feed.entries[0]
    #expect(first.link == "https://example.org/blog/2024/03/first-post.html")
    #expect(first.enclosures == [Enclosure(url: "https://example.org/blog/media/ep1.mp3", type: "audio/mpeg", length: 1234)])
    let firstContent = try #require(first.content)
    #expect(firstContent.contains(#"src="https://example.org/blog/2024/03/images/photo.jpg""#))
    #expect(firstContent.contains(#"href="https://example.org/about""#))
    #expect(firstContent.contains(#"href="https://example.org/blog/2024/03/notes.html""#))

    let second = feed.entries[1]
    #expect(second.link == "https://example.org/elsewhere/second.html")
    let secondContent = try #require(second.content)
    #expect(secondContent.contains(#"src="https://cdn.example.net/assets/logo.png""#))
    #expect(secondContent.contains(#"href="https://cdn.example.net/assets/?page=2""#))

    let third = feed.entries[2]
    #expect(third.link == "https://example.org/blog/third.html")
    #expect(third.authors == [Person(name: "Ann", uri: "https://example.org/blog/people/ann")])
    #expect(third.summary?.contains(#"href="https://example.org/blog/tags/swift""#) == true)
}

@Test func relativeURLsWithoutXMLBaseResolveAgainstTheDocumentURL() throws {
    let feed = try parseFixture("rss20-relative-urls-resolved-against-document-url.xml")
    #expect(feed.info.link == "https://example.com/")
    let item = try #require(feed.entries.first)
    #expect(item.link == "https://example.com/feeds/posts/1.html")
    #expect(item.comments == "https://example.com/feeds/posts/1.html#comments")
    #expect(item.enclosures == [Enclosure(url: "https://example.com/feeds/media/1.mp3", type: "audio/mpeg", length: 100)])
    let summary = try #require(item.summary)
    #expect(summary.contains(#"href="https://example.com/about.html""#))
    #expect(summary.contains(#"src="https://example.com/images/1.png""#))
    #expect(summary.contains(#"href="https://other.example.net/abs""#))
}

@Test func jsonFeed10IsReadWithItsSingularAuthorAndAttachments() throws {
    let feed = try parseFixture("jsonfeed-1.0.json")
    #expect(feed.format == .jsonfeed)
    #expect(feed.encoding == "utf-8")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "JSON Feed 1.0 sample")
    #expect(feed.info.subtitle == "A JSON Feed")
    #expect(feed.info.link == "https://example.org/")
    #expect(feed.info.selfLink == "https://example.org/feed.json")
    #expect(feed.info.image == "https://example.org/icon.png")
    #expect(feed.info.authors == [Person(name: "Brent Simmons", uri: "https://example.org/brent")])
    #expect(feed.entries.count == 2)
    let first = feed.entries[0]
    #expect(first.id == "2")
    #expect(first.title == "Second post")
    #expect(first.link == "https://example.org/2")
    #expect(first.content == "<p>Hello, <b>world</b>!</p>")
    #expect(first.summary == "A summary")
    #expect(utc(first.published) == "2022-05-12T11:26:42Z")
    #expect(utc(first.updated) == "2022-05-13T00:00:00Z")
    #expect(first.categories == ["swift", "feeds"])
    #expect(first.enclosures == [Enclosure(url: "https://example.org/2.mp3", type: "audio/mpeg", length: 123_456)])
    let second = feed.entries[1]
    #expect(second.id == "1")   // a number where the spec wants a string
    #expect(second.title == nil)
    #expect(second.content == "Plain text with &lt;angle&gt; &amp; ampersand")
    #expect(utc(second.published) == "2022-05-11T08:00:00Z")
}

@Test func jsonFeed11IsReadWithAuthorsLanguageAndExternalURL() throws {
    let feed = try parseFixture("jsonfeed-1.1-authors-language.json")
    #expect(feed.format == .jsonfeed)
    #expect(feed.bozo == false)
    #expect(feed.info.title == "每日 JSON")
    #expect(feed.info.language == "zh-cn")
    #expect(feed.info.link == "https://example.org/zh/")
    #expect(feed.info.selfLink == "https://example.org/zh/feed.json")
    #expect(feed.info.authors == [Person(name: "张三", uri: "https://example.org/zs")])
    #expect(feed.entries.count == 2)
    let first = feed.entries[0]
    #expect(first.id == "https://example.org/zh/1")
    #expect(first.title == "第一条：标题")
    #expect(first.link == "https://example.org/zh/1")
    #expect(first.links.contains { $0.href == "https://news.example.net/original/1" })
    #expect(first.content?.contains(#"<a href="https://example.org/x">链接</a>"#) == true)
    #expect(utc(first.published) == "2022-05-12T11:26:42Z")
    #expect(first.authors == [Person(name: "李四")])
    #expect(first.categories == ["财经"])
    let second = feed.entries[1]
    #expect(second.id == "zh-2")
    #expect(second.link == nil)
    #expect(second.content?.contains("纯文本") == true)
    #expect(second.content?.contains("第二行") == true)
    #expect(utc(second.updated) == "2022-05-12T12:00:00Z")
}

// MARK: - Encodings

@Test func gb2312LabelledFeedWithGBKOnlyCharactersDecodesExactly() throws {
    let feed = try parseFixture("rss20-gb2312-label-gbk-bytes.xml")
    #expect(feed.encoding == "gb18030")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "人民网 — 要闻")
    #expect(feed.entries.map(\.title) == ["朱镕基会见张喆", "普通的简体中文标题"])
    #expect(feed.entries.first?.summary == "镕、喆、堃、玥是 GBK 有而 GB2312 没有的字。")
    #expect(feed.entries.first?.link == "http://news.example.cn/1.html")
}

@Test func gbkLabelledFeedDecodesAsGB18030() throws {
    let feed = try parseFixture("rss20-gbk-label.xml")
    #expect(feed.encoding == "gb18030")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "新浪财经")
    #expect(feed.entries.map(\.title) == ["A股三大指数集体收涨 珺琍昇概念股走强"])
}

@Test func gb18030LabelledFeedWithFourByteCharactersDecodes() throws {
    let feed = try parseFixture("rss20-gb18030-label-four-byte-characters.xml")
    #expect(feed.encoding == "gb18030")
    #expect(feed.entries.map(\.title) == ["𠮷野家与𡈽字"])
    #expect(feed.entries.first?.summary == "四字节字符：𠮷、𡈽。")
}

@Test func big5LabelledFeedDecodes() throws {
    let feed = try parseFixture("rss20-big5-label.xml")
    #expect(feed.encoding == "big5")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "中央社即時新聞")
    #expect(feed.entries.map(\.title) == ["臺北市長記者會：颱風假明日照常上班"])
    #expect(feed.entries.first?.summary == "繁體中文 Big5 編碼。")
}

@Test func shiftJISLabelledFeedDecodes() throws {
    let feed = try parseFixture("rss20-shift_jis-label.xml")
    #expect(feed.encoding == "shift_jis")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "日本語ニュース")
    #expect(feed.entries.map(\.title) == ["東京で桜が満開、例年より早く"])
    #expect(feed.entries.first?.summary == "シフトJISで書かれた説明。")
}

@Test func eucKRLabelledFeedDecodes() throws {
    let feed = try parseFixture("rss20-euc-kr-label.xml")
    #expect(feed.encoding == "euc-kr")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "한국 뉴스")
    #expect(feed.entries.map(\.title) == ["서울 날씨: 내일은 맑음"])
    #expect(feed.entries.first?.summary == "EUC-KR 인코딩 설명.")
}

@Test func utf16LittleEndianWithByteOrderMarkDecodesIncludingSurrogatePairs() throws {
    let feed = try parseFixture("atom10-utf16le-bom.xml")
    #expect(feed.format == .atom10)
    #expect(feed.encoding == "utf-16le")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "UTF-16 小さなフィード")
    #expect(feed.entries.map(\.title) == ["Emoji 😀 and 中文 in UTF-16"])
    #expect(feed.entries.first?.summary == "Surrogate pairs: 𝄞 survive")
    #expect(feed.entries.first?.link == "https://example.org/utf16/1")
}

@Test func utf16BigEndianWithoutByteOrderMarkDecodes() throws {
    let feed = try parseFixture("rss20-utf16be-no-bom.xml")
    #expect(feed.format == .rss20)
    #expect(feed.encoding == "utf-16be")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "Big-endian без BOM")
    #expect(feed.entries.map(\.title) == ["Заголовок по-русски и 日本語"])
}

@Test func utf8LabelledFeedWhoseBytesAreGBKDecodesAsGB18030AndIsBozo() throws {
    let feed = try parseFixture("rss20-utf8-label-gbk-bytes-mislabelled.xml")
    #expect(feed.encoding == "gb18030")
    #expect(feed.bozo == true)
    #expect(feed.bozoReason?.contains("utf-8") == true)
    #expect(feed.info.title == "网易新闻")
    #expect(feed.entries.map(\.title) == ["央行宣布降准0.25个百分点", "第二条新闻"])
    #expect(feed.entries.first?.summary == "声明是 UTF-8，字节其实是 GBK。")
}

@Test func undeclaredNonUTF8LatinBytesFallBackToWindows1252() throws {
    let feed = try parseFixture("rss20-undeclared-windows-1252-bytes.xml")
    #expect(feed.encoding == "windows-1252")
    #expect(feed.info.title == "Café Society")
    #expect(feed.entries.map(\.title) == ["Crème brûlée – a recipe"])
    #expect(feed.entries.first?.summary?.contains("€35 · serves 4") == true)
}

// MARK: - Broken feeds

@Test func unclosedTagsAreRecoveredAndEveryItemSurvives() throws {
    let feed = try parseFixture("rss20-broken-unclosed-tags.xml")
    #expect(feed.format == .rss20)
    #expect(feed.bozo == true)
    #expect(feed.bozoReason != nil)
    #expect(feed.info.title == "Unclosed tags")
    #expect(feed.entries.map(\.title) == ["First survives", "Second survives", "Third survives"])
    #expect(feed.entries.map(\.link) == ["https://example.org/u/1", "https://example.org/u/2", "https://example.org/u/3"])
    #expect(feed.entries.first?.summary?.contains("Paragraph with") == true)
    #expect(feed.entries.first?.summary?.contains("bold and a") == true)
    #expect(feed.entries.count == 3 && feed.entries[1].summary == "Plain text")
    #expect(feed.entries.count == 3 && feed.entries[2].summary?.contains(#"src="https://example.org/u/3.png""#) == true)
}

@Test func bareAmpersandsInTextAndURLsAreKeptAsAmpersands() throws {
    let feed = try parseFixture("rss20-broken-bare-ampersands.xml")
    #expect(feed.bozo == true)
    #expect(feed.info.title == "Q&A Weekly")
    #expect(feed.info.subtitle == "Tom & Jerry's bare ampersands")
    #expect(feed.info.link == "https://example.org/qa?lang=en&page=1")
    #expect(feed.entries.count == 2)
    let first = try #require(feed.entries.first)
    #expect(first.title == "Q&A: rates & bonds")
    #expect(first.link == "https://example.org/article?id=42&ref=rss&utm_source=feed")
    #expect(first.enclosures.map(\.url) == ["https://example.org/a.mp3?x=1&y=2"])
    let summary = try #require(first.summary)
    #expect(summary.contains("Profit &amp; loss"))
    #expect(summary.contains("already &amp; fine"))
    #expect(summary.contains("AT&amp;T &amp; co"))
    let second = feed.entries[1]
    #expect(second.title == "Second & last")
    #expect(second.link == "https://example.org/article?id=43&ref=rss")
    // Escaped markup after the first bare '&' is still markup.
    #expect(second.summary == "<p>Escaped markup <b>after</b> a bare &amp; earlier</p>")
}

@Test func undefinedHTMLEntitiesAreDecodedNotDropped() throws {
    let feed = try parseFixture("rss20-broken-undefined-html-entities.xml")
    // No DTD declares them, so the document is not well-formed (XML 1.0, WFC: Entity Declared).
    #expect(feed.bozo == true)
    #expect(feed.info.title == "Entities\u{A0}—\u{A0}undefined in XML")
    #expect(feed.info.subtitle == "© 2024 Example…")
    #expect(feed.entries.count == 2)
    #expect(feed.entries.first?.title == "Café — naïve © 2024…")
    let summary = try #require(feed.entries.first?.summary)
    #expect(summary.contains("€5 – «quoted» ™"))
    #expect(summary.contains("Price"))
    #expect(!summary.contains("&nbsp") && !summary.contains("&euro"))
    #expect(feed.entries.last?.title == "Numeric “refs” — fine")
}

@Test func mismatchedEndTagsAreRecoveredAndBothItemsSurvive() throws {
    let feed = try parseFixture("rss20-broken-mismatched-end-tags.xml")
    #expect(feed.bozo == true)
    #expect(feed.entries.map(\.title) == ["First item", "Second item"])
    #expect(feed.entries.map(\.link) == ["https://example.org/m/1", "https://example.org/m/2"])
    #expect(feed.entries.first?.summary?.contains("text") == true)
    #expect(feed.entries.count == 2 && feed.entries[1].summary == "fine")
}

@Test func garbageAfterTheRootElementKeepsTheEntriesBeforeIt() throws {
    let feed = try parseFixture("rss20-broken-garbage-after-root.xml")
    #expect(feed.bozo == true)
    #expect(feed.info.title == "Garbage after the root")
    #expect(feed.entries.map(\.title) == ["Before the garbage", "Also before the garbage"])
    #expect(!feed.jsonLine().contains("mysql_close"))
}

@Test func truncatedFeedKeepsEveryReadableEntryIncludingTheCutOffOne() throws {
    let feed = try parseFixture("rss20-broken-truncated-mid-entry.xml")
    #expect(feed.bozo == true)
    #expect(feed.info.title == "Truncated download")
    #expect(Array(feed.entries.prefix(2).map(\.title)) == ["Complete one", "Complete two"])
    #expect(utc(feed.entries.first?.published) == "2024-05-06T10:00:00Z")
    // The third item lost the end of its description, but its title, link and date were read whole.
    #expect(feed.entries.count == 3)
    let cut = feed.entries.count == 3 ? feed.entries[2] : nil
    #expect(cut?.title == "Cut off three")
    #expect(cut?.link == "https://example.org/t/3")
    #expect(utc(cut?.published) == "2024-05-08T10:00:00Z")
}

// MARK: - Content forms

@Test func cdataSectionsAreTextOrHTMLAsTheirElementSays() throws {
    let feed = try parseFixture("rss20-cdata-sections.xml")
    #expect(feed.bozo == false)
    #expect(feed.info.title == "CDATA & friends")
    #expect(feed.info.subtitle == "Channel description in CDATA")
    #expect(feed.entries.count == 2)
    let first = try #require(feed.entries.first)
    #expect(first.title == "Tom & Jerry")
    #expect(first.link == "https://example.org/c/1?a=1&b=2")
    #expect(first.summary?.contains("<em>emphasis</em>") == true)
    #expect(first.summary?.contains("an ampersand") == true)
    let content = try #require(first.content)
    #expect(content.contains("a literal ]]"))
    #expect(content.contains(#"<a href="https://example.org/x">a link</a>"#))
    #expect(feed.entries[1].title == "Mixed CDATA and text")
    #expect(feed.entries[1].summary == "Before <b>bold</b> after")
}

@Test func doubleEscapedHTMLIsUnescapedOnceButEscapedTextAboutTagsStaysText() throws {
    let feed = try parseFixture("rss20-double-escaped-html.xml")
    #expect(feed.entries.count == 2)
    let first = try #require(feed.entries.first)
    #expect(first.summary == "<p>Hello <b>world</b></p>")
    #expect(first.content == #"<p>Body <a href="https://example.org/d/1">link</a></p>"#)
    // Singly escaped HTML whose text talks about a tag: the tag in the text stays text.
    #expect(feed.entries[1].summary == "<p>Write &lt;p&gt; to start a paragraph</p>")
}

@Test func xhtmlContentWithPrefixedNamespaceComesOutAsPlainHTML() throws {
    let feed = try parseFixture("atom10-xhtml-content-prefixed-namespace.xml")
    #expect(feed.bozo == false)
    #expect(feed.entries.count == 2)
    let content = try #require(feed.entries.first?.content)
    #expect(!content.contains("xhtml:"))
    #expect(content.contains("<p>A <strong>strong</strong> word, 1 &lt; 2 &amp; 3"))
    #expect(content.contains("<ul><li>one</li><li>two</li></ul>"))
    #expect(!content.hasPrefix("<div"))
    let summary = try #require(feed.entries.last?.summary)
    #expect(summary.contains("<p>Inner div kept</p>"))
    #expect(summary.components(separatedBy: "<div").count - 1 == 1)   // the inner div stays, the wrapper goes
}

// MARK: - Dates

@Test func rfc822DateVariantsParseToTheRightInstant() throws {
    let feed = try parseFixture("rss20-dates-rfc822-variants.xml")
    let expected: [(String, String)] = [
        ("rfc822 numeric offset", "2022-05-12T11:26:42Z"),
        ("rfc822 two-digit year", "2022-05-12T19:26:42Z"),
        ("rfc822 two-digit year in the last century", "1999-05-12T19:26:42Z"),
        ("rfc822 no seconds", "2022-05-12T19:26:00Z"),
        ("rfc822 wrong weekday", "2022-05-12T19:26:42Z"),
        ("rfc822 no weekday", "2022-05-12T19:26:42Z"),
        ("rfc822 EST", "2022-05-12T12:26:42Z"),
        ("rfc822 PDT", "2022-05-12T11:26:42Z"),
        ("rfc822 colon offset", "2022-05-12T11:26:42Z"),
        ("rfc822 UT", "2022-05-12T11:26:42Z"),
        ("rfc822 Z", "2022-05-12T11:26:42Z"),
        ("rfc822 single-digit day", "2022-05-01T09:05:03Z"),
        ("rfc822 negative offset", "2022-05-12T11:26:42Z"),
        ("rfc822 no zone", "2022-05-12T19:26:42Z"),
        ("rfc822 full month name", "2022-05-12T19:26:42Z"),
    ]
    #expect(feed.entries.count == expected.count)
    for (title, date) in expected {
        #expect(utc(entry(feed, titled: title)?.published) == date, "\(title)")
    }
}

@Test func iso8601AndPartialDatesParseToTheRightInstant() throws {
    let feed = try parseFixture("atom10-dates-iso8601-partial.xml")
    let expected: [(String, String)] = [
        ("iso offset", "2022-05-12T11:26:42Z"),
        ("iso fractional seconds", "2022-05-12T11:26:42Z"),
        ("iso compact offset", "2022-05-12T11:26:42Z"),
        ("iso no seconds", "2022-05-12T11:26:00Z"),
        ("iso space separator", "2022-05-12T11:26:42Z"),
        ("iso date only", "2022-05-12T00:00:00Z"),
        ("iso year and month", "2022-05-01T00:00:00Z"),
        ("iso year only", "2022-01-01T00:00:00Z"),
        ("iso basic format", "2022-05-12T11:26:42Z"),
        ("iso lowercase t and z", "2022-05-12T11:26:42Z"),
        ("iso no zone", "2022-05-12T19:26:42Z"),
    ]
    #expect(feed.entries.count == expected.count)
    for (title, date) in expected {
        let found = entry(feed, titled: title)
        #expect(utc(found?.published) == date, "\(title) published")
        #expect(utc(found?.updated) == date, "\(title) updated")
    }
}

@Test func asctimeDatesParse() throws {
    let feed = try parseFixture("rss20-dates-asctime.xml")
    #expect(utc(entry(feed, titled: "asctime")?.published) == "2022-05-12T11:26:42Z")
    #expect(utc(entry(feed, titled: "asctime single-digit day")?.published) == "2022-05-01T09:05:03Z")
}

@Test func chineseDateFormsParseInTheFeedTimeZone() throws {
    let inUTC = try parseFixture("rss20-dates-chinese-forms.xml")
    #expect(utc(entry(inUTC, titled: "横线日期时间")?.published) == "2022-05-12T19:26:42Z")
    #expect(utc(entry(inUTC, titled: "斜线日期时间")?.published) == "2022-05-12T19:26:00Z")
    #expect(utc(entry(inUTC, titled: "年月日")?.published) == "2022-05-12T19:26:00Z")
    let inShanghai = try parseFixture("rss20-dates-chinese-forms.xml", timeZone: "Asia/Shanghai")
    #expect(utc(entry(inShanghai, titled: "横线日期时间")?.published) == "2022-05-12T11:26:42Z")
    #expect(utc(entry(inShanghai, titled: "斜线日期时间")?.published) == "2022-05-12T11:26:00Z")
    #expect(utc(entry(inShanghai, titled: "年月日")?.published) == "2022-05-12T11:26:00Z")
}

@Test func datesWithAZoneIgnoreTheFeedTimeZoneAndDatesWithoutOneTakeIt() throws {
    let feed = try parseFixture("rss20-dates-rfc822-variants.xml", timeZone: "Asia/Shanghai")
    #expect(utc(entry(feed, titled: "rfc822 numeric offset")?.published) == "2022-05-12T11:26:42Z")
    #expect(utc(entry(feed, titled: "rfc822 EST")?.published) == "2022-05-12T12:26:42Z")
    #expect(utc(entry(feed, titled: "rfc822 no zone")?.published) == "2022-05-12T11:26:42Z")
}

@Test func unparseableDatesAreNullAndTheFeedStillParses() throws {
    let feed = try parseFixture("rss20-dates-unparseable.xml")
    #expect(feed.entries.count == 5)
    #expect(feed.info.updated == nil)
    for title in ["words", "out of range fields", "all zeros", "empty"] {
        let found = entry(feed, titled: title)
        #expect(found?.published == nil, "\(title): \(utc(found?.published) ?? "nil")")
        #expect(found?.updated == nil, "\(title)")
    }
    #expect(utc(entry(feed, titled: "good one after bad ones")?.published) == "2022-05-12T19:26:42Z")
}

// MARK: - XSS

@Test func rssXSSVectorsInEveryFieldAreRemovedAndBenignTextKept() throws {
    let feed = try parseFixture("rss20-xss-every-field.xml")
    expectNoActiveContent(feed)
    #expect(feed.info.title == "Safe feed title")
    #expect(feed.info.subtitle?.contains("Safe subtitle") == true)
    #expect(feed.info.generator?.contains("Safe generator") == true)
    #expect(feed.entries.count == 1)
    let item = try #require(feed.entries.first)
    #expect(item.title == "Safe title")
    #expect(item.id == "xss-1")
    // <author> is "<script>…</script>attacker@example.org (Safe Author)": markup removed, then name and address.
    #expect(item.authors.first == Person(name: "Safe Author", email: "attacker@example.org"))
    #expect(item.authors.contains { $0.name?.contains("Safe Creator") == true })
    #expect(item.categories.contains { $0.contains("Safe category") })
    let summary = try #require(item.summary)
    #expect(summary.contains("<p>Benign summary text</p>"))
    #expect(summary.contains("Benign paragraph kept"))
    #expect(summary.contains(#"src="https://example.org/ok.png""#))
    #expect(summary.contains("js link"))   // the link text stays; only the href goes
    #expect(!summary.contains("alert('summary')"))   // script content goes with the element
    #expect(!summary.contains("alert('style element')"))
    let content = try #require(item.content)
    #expect(content.contains("<p>Benign content text</p>"))
    #expect(content.contains(#"href="https://example.org/safe""#))
    #expect(!content.contains("document.write"))
}

@Test func atomXSSVectorsIncludingAJavascriptXMLBaseAreRemoved() throws {
    let feed = try parseFixture("atom10-xss-xml-base-javascript-and-xhtml.xml")
    expectNoActiveContent(feed)
    #expect(feed.info.title == "Safe Atom title")
    #expect(feed.info.subtitle == "Safe subtitle")
    #expect(feed.info.authors.first?.name?.contains("Safe Feed Author") == true)
    #expect(feed.entries.count == 2)
    let first = feed.entries[0]
    #expect(first.title == "Base title")
    // A javascript: xml:base is no base: the relative link resolves against the document URL.
    #expect(first.link == "https://example.com/feeds/relative/page.html")
    #expect(first.content?.contains(#"href="https://example.com/feeds/relative.html""#) == true)
    #expect(first.authors.first?.name == "Safe Entry Author")
    #expect(first.authors.first?.email == "a@example.org")
    #expect(first.categories.contains { $0.contains("safe-term") })
    let second = feed.entries[1]
    #expect(second.title == "Safe xhtml title")
    #expect(second.summary == "<p>Benign summary</p>")
    let content = try #require(second.content)
    #expect(content.contains("Benign xhtml paragraph"))
    #expect(content.contains(#"src="https://example.org/fine.png""#))
    #expect(content.contains("color: blue") || content.contains("color:blue"))   // safe CSS stays
}

@Test func jsonFeedXSSVectorsInEveryFieldAreRemoved() throws {
    let feed = try parseFixture("jsonfeed-xss-every-field.json")
    expectNoActiveContent(feed)
    #expect(feed.info.title?.contains("Safe JSON title") == true)
    #expect(feed.entries.count == 1)
    let item = try #require(feed.entries.first)
    #expect(item.id == "json-xss-1")
    #expect(item.title == "Safe JSON item")
    #expect(item.content?.contains("<p>Benign JSON content</p>") == true)
    #expect(item.categories.contains { $0.contains("safe-tag") })
}

// MARK: - Entities, external resources, limits

@Test func billionLaughsIsNotExpanded() throws {
    let start = ContinuousClock.now
    let feed = try parseFixture("rss20-entity-bomb-billion-laughs.xml")
    #expect(ContinuousClock.now - start < .seconds(5))
    let json = feed.jsonLine()
    #expect(!json.contains("lollol"))
    #expect(json.utf8.count < 10_000)
    #expect(feed.info.title?.hasPrefix("Billion laughs") == true)
    #expect(feed.entries.map(\.link) == ["https://example.org/bomb/1", "https://example.org/bomb/2"])
    #expect(feed.entries.last?.title == "Innocent neighbour")
    #expect(feed.entries.last?.summary == "Nothing to see")
}

@Test func quadraticBlowupIsNotExpanded() throws {
    let start = ContinuousClock.now
    let feed = try parseFixture("rss20-entity-bomb-quadratic-blowup.xml")
    #expect(ContinuousClock.now - start < .seconds(5))
    let json = feed.jsonLine()
    #expect(!json.contains("QBXQBX"))
    #expect(json.utf8.count < 10_000)
    #expect(feed.entries.map(\.title) == ["Blowup", "After the blowup"])
}

@Test func externalEntityToEtcPasswdIsNeverRead() throws {
    let feed = try parseFixture("rss20-xxe-external-entity-etc-passwd.xml")
    let json = feed.jsonLine()
    #expect(!json.contains("root:"))
    #expect(!json.contains("/bin/"))
    #expect(feed.info.title?.hasPrefix("XXE") == true)
    #expect(feed.entries.map(\.link) == ["https://example.org/xxe/1"])
}

@Test func externalDTDAndParameterEntitiesAreNeverLoaded() throws {
    let feed = try parseFixture("rss20-external-dtd-and-parameter-entities.xml")
    let json = feed.jsonLine()
    #expect(!json.contains("root:"))
    #expect(feed.info.title == "External DTD")
    #expect(feed.entries.map(\.title) == ["Still a feed"])
    #expect(feed.entries.first?.summary == "Nothing from the DTD may appear")
}

@Test func readableLocalDTDAndEntityFilesAreNotLoadedEither() throws {
    // Files that do exist and are readable: if the parser loaded DTDs or external entities, their text would show.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-xxe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let dtd = directory.appendingPathComponent("evil.dtd")
    let secret = directory.appendingPathComponent("secret.txt")
    try Data(#"<!ENTITY fromdtd "LEAKED-FROM-EXTERNAL-DTD">"#.utf8).write(to: dtd)
    try Data("LEAKED-FROM-LOCAL-FILE".utf8).write(to: secret)
    let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE rss SYSTEM "\(dtd.absoluteString)" [
          <!ENTITY secret SYSTEM "\(secret.absoluteString)">
          <!ENTITY % dtdpe SYSTEM "\(dtd.absoluteString)">
          %dtdpe;
        ]>
        <rss version="2.0"><channel><title>Local &fromdtd; &secret;</title><link>https://example.org/</link>
        <item><title>Item &secret;</title><link>https://example.org/local/1</link><description>&fromdtd;</description></item>
        </channel></rss>
        """
    let feed = try FeedParser.parse(Array(xml.utf8), options: options(for: "local-dtd.xml"))
    let json = feed.jsonLine()
    #expect(!json.contains("LEAKED"))
    #expect(feed.entries.map(\.link) == ["https://example.org/local/1"])
}

@Test func tenThousandNestedElementsNeitherCrashNorLoseTheOtherEntries() throws {
    let start = ContinuousClock.now
    let feed = try parseFixture("rss20-deeply-nested-10000-levels.xml")
    #expect(ContinuousClock.now - start < .seconds(10))
    #expect(feed.info.title == "Deep nesting")
    #expect(Array(feed.entries.prefix(2).map(\.title)) == ["Shallow first", "Shallow second"])
    // The deep item itself is readable up to the nesting: its title and link come before it.
    #expect(feed.entries.count == 3)
    #expect(feed.entries.count == 3 && feed.entries[2].title == "Deep third")
    #expect(feed.entries.count == 3 && feed.entries[2].link == "https://example.org/deep/3")
}

@Test func feedWithNoEntriesParsesWithItsMetadata() throws {
    let feed = try parseFixture("rss20-zero-entries.xml")
    #expect(feed.format == .rss20)
    #expect(feed.bozo == false)
    #expect(feed.info.title == "Nothing yet")
    #expect(feed.info.link == "https://example.org/empty/")
    #expect(feed.info.language == "en")
    #expect(feed.entries.isEmpty)
}

@Test func fiftyMegabyteFeedReturnsAllTwentyThousandEntries() throws {
    let count = 20_000
    let paragraph = "<p>第\u{4E00}段 paragraph with <a href=\"https://example.org/x?a=1&amp;b=2\">a link</a>, <em>emphasis</em> and filler text.</p>"
    let body = String(repeating: paragraph, count: 2_600 / paragraph.utf8.count + 1)
    var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
        <title>Fifty megabytes</title><link>https://example.org/</link><description>Generated</description>

        """
    xml.reserveCapacity(count * 2_900)
    for index in 0..<count {
        xml += "<item><title>Item \(index)</title><link>https://example.org/items/\(index)</link>"
        xml += "<guid isPermaLink=\"false\">item-\(index)</guid><pubDate>Thu, 12 May 2022 19:26:\(10 + index % 50) +0800</pubDate>"
        xml += "<description>Summary of item \(index)</description><content:encoded><![CDATA[\(body)]]></content:encoded></item>\n"
    }
    xml += "</channel></rss>\n"
    let bytes = Array(xml.utf8)
    #expect(bytes.count >= 50_000_000)
    let feed = try FeedParser.parse(bytes, options: options(for: "fifty-megabytes.xml"))
    #expect(feed.bozo == false)
    #expect(feed.entries.count == count)
    #expect(feed.entries.first?.title == "Item 0")
    #expect(feed.entries.last?.title == "Item \(count - 1)")
    #expect(feed.entries.last?.id == "item-\(count - 1)")
    #expect(feed.entries.last?.link == "https://example.org/items/\(count - 1)")
    #expect(feed.entries.last?.content?.contains("a link</a>") == true)
    #expect(utc(feed.entries.first?.published) == "2022-05-12T11:26:10Z")
}

// MARK: - Not feeds

@Test func htmlPageIsNotAFeed() throws {
    let bytes = try fixtureBytes("not-a-feed-html-page.html")
    #expect(throws: ParseError.self) { try FeedParser.parse(bytes, options: options(for: "not-a-feed-html-page.html")) }
    do {
        _ = try FeedParser.parse(bytes, options: options(for: "not-a-feed-html-page.html"))
    } catch {
        #expect(error.description.contains("HTML"))
    }
}

@Test func emptyFileIsNotAFeed() throws {
    let bytes = try fixtureBytes("not-a-feed-empty-file.xml")
    #expect(bytes.isEmpty)
    #expect(throws: ParseError.empty) { try FeedParser.parse(bytes, options: options(for: "not-a-feed-empty-file.xml")) }
}

@Test func binaryFileIsNotAFeed() throws {
    let bytes = try fixtureBytes("not-a-feed-binary.bin")
    #expect(throws: ParseError.self) { try FeedParser.parse(bytes, options: options(for: "not-a-feed-binary.bin")) }
}

@Test func jsonArrayIsNotAFeed() throws {
    let bytes = try fixtureBytes("not-a-feed-json-array.json")
    #expect(throws: ParseError.self) { try FeedParser.parse(bytes, options: options(for: "not-a-feed-json-array.json")) }
}

@Test func jsonObjectThatIsNotAJSONFeedIsNotAFeed() throws {
    let bytes = try fixtureBytes("not-a-feed-json-object-without-version.json")
    #expect(throws: ParseError.self) { try FeedParser.parse(bytes, options: options(for: "not-a-feed-json-object-without-version.json")) }
}

@Test func xmlDocumentWithAnotherRootIsNotAFeed() throws {
    let bytes = try fixtureBytes("not-a-feed-xml-other-root.xml")
    #expect(throws: ParseError.self) { try FeedParser.parse(bytes, options: options(for: "not-a-feed-xml-other-root.xml")) }
    do {
        _ = try FeedParser.parse(bytes, options: options(for: "not-a-feed-xml-other-root.xml"))
    } catch {
        #expect(error.description.contains("catalog"))
    }
}

// MARK: - Across all fixtures

private func feedFixtureNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.path)
        .filter { !$0.hasPrefix("not-a-feed") && !$0.hasSuffix(".expected.json") && ($0.hasSuffix(".xml") || $0.hasSuffix(".json")) }
        .sorted()
}

@Test func everyFeedFixtureParsesAndPrintsValidJSONInTheSchema() throws {
    let names = try feedFixtureNames()
    #expect(names.count >= 30)
    for name in names {
        let feed: Feed
        do { feed = try parseFixture(name) } catch {
            Issue.record("\(name): \(error)")
            continue
        }
        let json = feed.jsonLine()
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object != nil, "\(name): not valid JSON")
        #expect(object.map { Set($0.keys) } == ["format", "encoding", "bozo", "bozo_reason", "feed", "entries"], "\(name)")
        #expect(feed.encoding == feed.encoding.lowercased(), "\(name)")
        #expect(feed.bozo == (feed.bozoReason != nil), "\(name): bozo and bozo_reason disagree")
    }
}

@Test func noTextFieldOfAnyFixtureIsEmptyOrBlankBecauseAFieldWithNoValueIsNull() throws {
    for name in try feedFixtureNames() {
        guard let feed = try? parseFixture(name) else { continue }
        for (field, value) in outputFields(feed) {
            let blank = value.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
            #expect(!blank, "\(name) \(field) = \"\(value)\" (expected null)")
        }
    }
}

@Test func everyURLFieldInEveryFixtureIsAbsoluteHTTP() throws {
    for name in try feedFixtureNames() {
        guard let feed = try? parseFixture(name) else { continue }
        for (field, value) in urlFields(feed) {
            let lower = value.lowercased()
            #expect(lower.hasPrefix("http://") || lower.hasPrefix("https://"), "\(name) \(field) = \(value)")
        }
    }
}

@Test func everyEntryOfEveryFixtureHasATitleOrContent() throws {
    for name in try feedFixtureNames() {
        guard let feed = try? parseFixture(name) else { continue }
        for (index, entry) in feed.entries.enumerated() {
            #expect(entry.title != nil || entry.summary != nil || entry.content != nil, "\(name) entries[\(index)] is empty")
        }
    }
}
