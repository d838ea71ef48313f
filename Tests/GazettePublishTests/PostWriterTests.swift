import Foundation
import GazetteModel
import Testing
import Yams
@testable import GazettePublish

// MARK: - The reference post

/// The reference post shipped with the design (design.md, "A post").
private func referencePost() throws -> String {
    let here = URL(fileURLWithPath: #filePath)
    let candidates = [
        here.deletingLastPathComponent().appendingPathComponent("Fixtures/reference-post.md"),
        URL(fileURLWithPath: "/work/shared/reference-post.md"),
    ] + (0..<6).map { depth in
        (0..<depth).reduce(here.deletingLastPathComponent()) { url, _ in url.deletingLastPathComponent() }
            .appendingPathComponent("shared/reference-post.md")
    }
    for url in candidates where FileManager.default.fileExists(atPath: url.path) {
        return try String(contentsOf: url, encoding: .utf8)
    }
    throw CocoaError(.fileNoSuchFile)
}

private let shanghai = TimeZone(identifier: "Asia/Shanghai")!

private func site(_ url: String = "https://finews.withounder.com", zone: TimeZone = shanghai) -> Site {
    Site(title: "Finews", url: URL(string: url)!, timeZone: zone, output: URL(fileURLWithPath: "/tmp/out"))
}

private let nbd = FeedConfig(title: "每日经济新闻", url: "https://example.com/nbd.xml",
                             source: .web(URL(string: "https://example.com/nbd.xml")!),
                             category: "meirijingjixinwen", categoryTitle: "每日经济新闻新闻",
                             tags: ["每日经济新闻新闻"], position: FilePosition(file: "feeds.yml", line: 1, column: 1))

/// 2022-05-12 19:26:42 +0800.
private let referenceDate = Date(timeIntervalSince1970: 1_652_354_802)

private func item(title: String?, content: String? = nil, summary: String? = nil,
                  link: String? = "https://example.com/a", date: Date = referenceDate) -> StoredItem {
    StoredItem(key: String(repeating: "ab", count: 32), feedURL: nbd.url,
               entry: Entry(title: title, link: link, summary: summary, content: content),
               firstSeen: date, lastChanged: date, date: date, contentHash: "")
}

/// The front matter's YAML (between the two `---` lines), parsed with Yams.
private func frontMatter(_ post: String) throws -> [String: Any] {
    #expect(post.hasPrefix("---\n"))
    let rest = post.dropFirst(4)
    let end = try #require(rest.range(of: "\n---\n"))
    let yaml = String(rest[..<end.lowerBound])
    return try #require(try Yams.load(yaml: yaml) as? [String: Any])
}

@Test func referencePostIsReproducedByteForByte() throws {
    let reference = try referencePost()
    // The body is the reference's own: between the front matter and the original-URL paragraph.
    let afterFrontMatter = try #require(reference.range(of: "\n---\n")).upperBound
    let urlStart = try #require(reference.range(of: "\n\n<http://finews.zning.xyz/")).lowerBound
    let body = String(reference[afterFrontMatter..<urlStart])
    let post = item(title: "我国工业互联网产业规模破万亿元 “双跨平台”如何发挥示范引领作用？", content: body,
                    link: "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202205122377487183")
    let text = postText(item: post, feed: nbd, site: site(), date: post.date)
    #expect(Array(text.utf8) == Array(reference.utf8))
    #expect(text == reference)
}

@Test func footerKeepsPortAndPathOfTheSiteURL() {
    #expect(footerLine(feed: nbd, site: site("http://127.0.0.1:4000/news/"))
        == "[返回每日经济新闻新闻](//127.0.0.1:4000/news/category/meirijingjixinwen.html)｜[返回首页](//127.0.0.1:4000/news/)")
}

/// A category title is a feed's own title when `subscribe` made it: `{% include x %}` in it stopped
/// `jekyll build` for the whole site, and `<script>` in it was a script on every post of the category.
@Test func aCategoryTitleWithLiquidOrHTMLIsTextInTheFooter() throws {
    var evil = nbd
    evil.categoryTitle = "Evil {% include x %} <script>alert(1)</script> & co"
    let text = postText(item: item(title: "t", content: "<p>plain</p>"), feed: evil, site: site())
    #expect(try frontMatter(text)["render_with_liquid"] as? Bool == false)
    #expect(text.hasSuffix(#"[返回Evil \{% include x %\} &lt;script&gt;alert\(1\)&lt;/script&gt; &amp; co](//finews.withounder.com/category/meirijingjixinwen.html)｜[返回首页](//finews.withounder.com/)"#))
    #expect(!text.contains("<script>"))
    // A plain footer adds nothing to the front matter.
    #expect(try frontMatter(postText(item: item(title: "t", content: "<p>plain</p>"), feed: nbd, site: site()))["render_with_liquid"] == nil)
}

@Test func dateIsInTheSiteZoneWithItsOffset() {
    #expect(frontMatterDate(referenceDate, zone: shanghai) == "2022-05-12 19:26:42 +0800")
    #expect(frontMatterDate(referenceDate, zone: .gmt) == "2022-05-12 11:26:42 +0000")
    #expect(frontMatterDate(referenceDate, zone: TimeZone(identifier: "America/St_Johns")!) == "2022-05-12 08:56:42 -0230")
    #expect(postFileName(date: Date(timeIntervalSince1970: 1_652_371_200), slug: "x", zone: shanghai) == "2022-05-13-x.md")
    #expect(postFileName(date: Date(timeIntervalSince1970: 1_652_371_200), slug: "x", zone: .gmt) == "2022-05-12-x.md")
}

@Test func postWithoutBodyStillCarriesItsLink() throws {
    let text = postText(item: item(title: "t", link: "https://example.com/a b<c>"), feed: nbd, site: site())
    #expect(text.contains("---\n\n\n<https://example.com/a%20b%3Cc%3E>\n\n[返回"))
    let noLink = postText(item: item(title: "t", content: "<p>x</p>\n", link: nil), feed: nbd, site: site())
    #expect(noLink.hasSuffix("---\n<p>x</p>\n\n[返回每日经济新闻新闻](//finews.withounder.com/category/meirijingjixinwen.html)｜[返回首页](//finews.withounder.com/)"))
}

@Test func extrasFollowTheSixKeysAndParseBack() throws {
    var post = item(title: "t", content: "<p>{{ site.title }}</p>", link: "https://example.com/a?b=\"c\"")
    post.entry.authors = [Person(name: "张三"), Person(name: "O'Neil: \"x\"")]
    let text = postText(item: post, feed: nbd, site: site(), extras: [.source, .originalURL, .author])
    let keys = text.split(separator: "\n").prefix(11).compactMap { $0.split(separator: ":").first.map(String.init) }
    #expect(Array(keys.prefix(10)) == ["---", "layout", "title", "date", "categories", "tags", "source", "original_url",
                                       "author", "render_with_liquid"])
    let yaml = try frontMatter(text)
    #expect(yaml["source"] as? String == "每日经济新闻")
    #expect(yaml["original_url"] as? String == "https://example.com/a?b=\"c\"")
    #expect(yaml["author"] as? String == "张三, O'Neil: \"x\"")
    #expect(yaml["render_with_liquid"] as? Bool == false)
}

// MARK: - Titles survive YAML

/// An item without a title (or with only white space) gave `<h1></h1>` pages and empty titles in
/// feed readers: it now shows the start of its text, else its link.
@Test func anUntitledItemShowsTheStartOfItsTextElseItsLink() throws {
    var entry = Entry(id: "1", title: " \n ", link: "https://example.com/a/5.html",
                      content: "<p>央行&amp;财政部 <b>联合</b>发布</p>\n<p>第二段很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长</p>")
    // 40 characters, then an ellipsis; the inline <b> joins its words, the paragraph break is a space.
    let start = "央行&财政部 联合发布 第二段" + String(repeating: "很长", count: 20)
    #expect(displayTitle(of: entry) == String(start.prefix(40)) + "…")
    entry.content = "<p> </p>"
    #expect(displayTitle(of: entry) == "https://example.com/a/5.html")
    entry.link = nil
    #expect(displayTitle(of: entry) == "(untitled)")
    entry.title = "标题"
    #expect(displayTitle(of: entry) == "标题")
    let text = postText(item: item(title: "", content: "<p>Only text &lt;here&gt;</p>"), feed: nbd, site: site())
    #expect(try frontMatter(text)["title"] as? String == "Only text <here>")
}

@Test(arguments: [
    "plain", " leading and trailing ", "quote \" inside", "back\\slash \\n not a newline",
    "colon: here", "key: value # comment", "---", "--- \n...", "line one\nline two", "crlf\r\nend", "tab\there",
    "nul\u{0}bell\u{7}esc\u{1B}del\u{7F}", "c1 \u{80}\u{85}\u{9F} nbsp\u{A0}", "separators \u{2028}\u{2029} bom \u{FEFF}",
    "emoji 😀👩‍👩‍👧 flags 🇨🇳", "中文标题：“引号”、《书名》", "'single' & *star !tag %pct @at `tick` |pipe >gt",
    "[a, b] {c: d}", "true", "null", "~", "0x1F", "1e3", "\u{FFFE}\u{FFFF}", "\\x41 \\u0041",
])
func titleParsesBackToTheSameString(title: String) throws {
    let text = postText(item: item(title: title), feed: nbd, site: site())
    let yaml = try frontMatter(text)
    #expect(yaml["title"] as? String == title)
    #expect(yaml["layout"] as? String == "post")
    #expect(yaml["categories"] as? String == "meirijingjixinwen")
    #expect(yaml["tags"] as? String == "每日经济新闻新闻")
    // The title takes exactly one line of front matter.
    #expect(text.split(separator: "\n", omittingEmptySubsequences: false)[2].hasPrefix("title: \""))
    #expect(text.split(separator: "\n", omittingEmptySubsequences: false)[3].hasPrefix("date: "))
}

@Test func everyScalarBelowU3000ParsesBack() throws {
    var scalars = String.UnicodeScalarView()
    for value in UInt32(0)..<0x3000 { if let s = Unicode.Scalar(value) { scalars.append(s) } }
    let text = String(scalars)
    let parsed = try Yams.load(yaml: "t: " + yamlDoubleQuoted(text)) as? [String: Any]
    #expect(parsed?["t"] as? String == text)
}

@Test(arguments: ["2022", "yes", "a: b", "#x", "- x", "a  b", "x ", "每日 经济"])
func tagsAndCategoriesParseBackToStrings(value: String) throws {
    let parsed = try Yams.load(yaml: "k: " + yamlPlainOrQuoted(value)) as? [String: Any]
    #expect(parsed?["k"] as? String == value)
}

// MARK: - Slugs

@Test(arguments: [
    ("每日经济新闻", "mei-ri-jing-ji-xin-wen"),
    ("Hello, World!", "hello-world"),
    ("Swift 6.3 发布了", "swift-6-3-fa-bu-le"),
    ("Ça coûte 5€ — naïve façade", "ca-coute-5-naive-facade"),
    ("../../etc/passwd", "etc-passwd"),
    ("UPPER lower MiXeD", "upper-lower-mixed"),
])
func slugTable(title: String, expected: String) {
    #expect(slug(for: title) == expected)
}

/// Words ICU reads wrong, in the URLs of bank and market news: 央行 was yang-xing, 下调 xia-diao.
@Test(arguments: [
    ("央行下调存款准备金率", "yang-hang-xia-tiao-cun-kuan-zhun-bei-jin-lu"),
    ("发行业务持续增长期", "fa-xing-ye-wu-chi-xu-zeng-zhang-qi"),
    ("长沙银行A股行情", "chang-sha-yin-hang-a-gu-hang-qing"),
    ("我国工业互联网", "wo-guo-gong-ye-hu-lian-wang"),
])
func postSlugsReadWordsRight(title: String, expected: String) {
    #expect(slug(for: title) == expected)
}

@Test(arguments: ["", "！？。…", "...", "/", "😀😀", " \n\t", "---", "\u{0}"])
func punctuationOnlyFallsBackToAStableHash(title: String) {
    let s = slug(for: title)
    #expect(s.count == 8)
    #expect(s.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    #expect(s == slug(for: title))
    #expect(s == fnv1aHex(title))
}

@Test func longTitlesAreCutAtAWordBoundary() {
    let words = (0..<40).map { "word\($0)" }
    let title = String(words.joined(separator: " ").prefix(200))
    let s = slug(for: title)
    #expect(s.count <= maximumSlugLength)
    #expect(!s.hasSuffix("-"))
    #expect(s.split(separator: "-").allSatisfy { words.contains(String($0)) })
    #expect(s.count > maximumSlugLength - 8)   // fills up to the last whole word
    let long = String(repeating: "长标题", count: 70)
    #expect(slug(for: long).count <= maximumSlugLength)
    #expect(slug(for: long).hasPrefix("zhang-biao-ti-"))
    #expect(slug(for: String(repeating: "x", count: 200)) == String(repeating: "x", count: 60))
}

@Test(arguments: ["../../etc/passwd", "/etc/passwd", ".", "..", "a/../../b", "\u{0}", "C:\\x", "😀", "中文", "-"])
func slugsAreAlwaysSafeFileNames(title: String) throws {
    let s = slug(for: title)
    #expect(!s.isEmpty && s != "." && s != "..")
    #expect(s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
    #expect(!s.hasPrefix("-") && !s.hasSuffix("-"))
    let name = postFileName(date: referenceDate, slug: s, zone: shanghai)
    #expect(try safePath(root: "/tmp/out/_posts", relative: name) == "/tmp/out/_posts/" + name)
}

@Test func clashSuffixIsStableAndShort() {
    let name = "2022-05-12-hello.md"
    let a = withSuffix(name, key: "a1b2")
    #expect(a == withSuffix(name, key: "a1b2"))
    #expect(a != withSuffix(name, key: "a1b3"))
    #expect(a.hasPrefix("2022-05-12-hello-") && a.hasSuffix(".md"))
    #expect(a.count == name.count + 5)
    #expect(withSuffix(name, key: "a1b2", length: 6).count == name.count + 7)
}

// MARK: - Paths and files

@Test(arguments: ["../x", "a/../../x", "/etc/passwd", "", "a//b", "./a", "a/.", "a\u{0}b", "a\nb",
                  String(repeating: "a", count: 256), "ok/" + String(repeating: "b", count: 256)])
func safePathRejectsEscapes(relative: String) {
    #expect(throws: PublishError.self) { try safePath(root: "/tmp/out", relative: relative) }
}

@Test func safePathAcceptsOrdinaryNames() throws {
    #expect(try safePath(root: "/tmp/out/", relative: "_posts/2022-05-12-a.md") == "/tmp/out/_posts/2022-05-12-a.md")
    #expect(try safePath(root: "/tmp/out", relative: String(repeating: "a", count: 255)).hasSuffix("/" + String(repeating: "a", count: 255)))
    #expect(try safePath(root: "/tmp/out", relative: "..a/b..") == "/tmp/out/..a/b..")
}

private func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "gazette-publish-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func modificationDate(_ path: String) throws -> Date {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
}

@Test func writeIfChangedSkipsIdenticalBytesAndLeavesNoTempFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/_posts/deep/2022-05-12-a.md"
    #expect(try writeIfChanged(Array("one".utf8), to: path))
    // An old mtime, so an unwanted rewrite could not hide within the clock's resolution.
    let old = Date(timeIntervalSince1970: 1_000_000_000)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
    #expect(try writeIfChanged(Array("one".utf8), to: path) == false)
    #expect(try modificationDate(path) == old)
    #expect(try writeIfChanged(Array("two".utf8), to: path))
    #expect(try modificationDate(path) != old)
    #expect(FileManager.default.contents(atPath: path) == Data("two".utf8))
    #expect(try writeIfChanged([], to: path))
    #expect(FileManager.default.contents(atPath: path) == Data())
    #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/_posts/deep") == ["2022-05-12-a.md"])
}

/// A rewritten file kept the umask's mode: under cron's `umask 027` every Atom file became 640 and
/// the web server serving them could no longer read them.
@Test func aReplacedFileKeepsItsMode() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/feeds/all.xml"
    #expect(try writeIfChanged(Array("one".utf8), to: path))
    func mode(_ path: String) throws -> Int { try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) }
    // (Not umask, which is the whole test process's.)
    for wanted in [0o604, 0o644, 0o600] {
        try FileManager.default.setAttributes([.posixPermissions: wanted], ofItemAtPath: path)
        #expect(try writeIfChanged(Array("bytes \(wanted)".utf8), to: path))
        #expect(try mode(path) == wanted)
    }
    #expect(FileManager.default.contents(atPath: path) == Data("bytes \(0o600)".utf8))
}

@Test func writeIfChangedUnderRootRefusesEscapesAndSymlinkedFolders() throws {
    let root = try temporaryFolder()
    let outside = try temporaryFolder()
    defer { for p in [root, outside] { try? FileManager.default.removeItem(atPath: p) } }
    #expect(throws: PublishError.self) { try writeIfChanged([1], root: root, relative: "../x") }
    try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: outside)
    #expect(throws: PublishError.self) { try writeIfChanged([1], root: root, relative: "link/x") }
    #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
    #expect(try writeIfChanged([1, 2], root: root, relative: "_posts/a.md"))
    #expect(try writeIfChanged([1, 2], root: root, relative: "_posts/a.md") == false)
    #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/_posts") == ["a.md"])
}

@Test func failedWriteLeavesNoTempFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    // The target is a folder: rename fails, and the temporary file must go.
    try FileManager.default.createDirectory(atPath: root + "/target/inner", withIntermediateDirectories: true)
    #expect(throws: PublishError.self) { try writeIfChanged([1], to: root + "/target") }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["target"])
}

@Test func writesTheLongestNameAllowed() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let name = String(repeating: "长", count: 85)   // 255 bytes of UTF-8
    #expect(name.utf8.count == maximumNameBytes)
    #expect(try writeIfChanged([1], root: root, relative: name))
    #expect(try FileManager.default.contentsOfDirectory(atPath: root) == [name])
}

@Test func outputFolderSaysWhetherItCreatedReplacedOrLeftAFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let posts = try OutputFolder(root: root, relative: "_posts")
    #expect(try posts.writeIfChanged(Array("one".utf8), name: "a.md") == .created)
    let old = Date(timeIntervalSince1970: 1_000_000_000)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: root + "/_posts/a.md")
    #expect(try posts.writeIfChanged(Array("one".utf8), name: "a.md") == .unchanged)
    #expect(try modificationDate(root + "/_posts/a.md") == old)
    // Same size, other bytes; then a longer and an empty file.
    #expect(try posts.writeIfChanged(Array("two".utf8), name: "a.md") == .replaced)
    #expect(try posts.writeIfChanged(Array("three".utf8), name: "a.md") == .replaced)
    #expect(try posts.writeIfChanged([], name: "a.md") == .replaced)
    #expect(try posts.writeIfChanged([], name: "a.md") == .unchanged)
    #expect(FileManager.default.contents(atPath: root + "/_posts/a.md") == Data())
    #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/_posts") == ["a.md"])
}

@Test func outputFolderRefusesPathsAndSymlinkedFolders() throws {
    let root = try temporaryFolder()
    let outside = try temporaryFolder()
    defer { for p in [root, outside] { try? FileManager.default.removeItem(atPath: p) } }
    try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: outside)
    #expect(throws: PublishError.self) { try OutputFolder(root: root, relative: "link") }
    #expect(throws: PublishError.self) { try OutputFolder(root: root, relative: "../x") }
    let posts = try OutputFolder(root: root, relative: "_posts")
    for name in ["../x", "a/b", "..", "", "a\u{0}b"] {
        #expect(throws: PublishError.self) { try posts.writeIfChanged([1], name: name) }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
}

@Test(arguments: [("<p>{{ x }}</p>", true), ("{% raw %}", true), ("a {{", true), ("{ {", false), ("{}{", false),
                  ("{\u{301}{", false), ("", false), ("｛｛", false)])
func liquidMarkupIsFlagged(body: String, flagged: Bool) throws {
    let text = postText(item: item(title: "t", content: body), feed: nbd, site: site())
    #expect(text.contains("render_with_liquid: false\n") == flagged)
}

// MARK: - Markdown-inert bodies

@Test(arguments: [
    ("plain [x](javascript:alert(1)) text", "<p>plain [x](javascript:alert(1)) text</p>"),
    ("one\n\ntwo\n \nthree", "<p>one</p>\n\n<p>two</p>\n \n<p>three</p>"),
    ("<p>x</p>tail *e*", "<p>x</p><p>tail *e*</p>"),
    ("<img src=\"a.jpg\" alt=\"a > b\"> caption <b>bold</b>\n<div>d *x*</div>\nafter",
     "<p><img src=\"a.jpg\" alt=\"a > b\"> caption <b>bold</b></p>\n<div>d *x*</div>\n<p>after</p>"),
    (" <p>a</p>\n <p>b</p><p class=\"em\">c</p>", " <p>a</p>\n <p>b</p><p class=\"em\">c</p>"),
    ("<ul><li>*a*</li></ul>", "<ul><li>*a*</li></ul>"),
    ("<span>s\n\nt</span>", "<p><span>s\n\nt</span></p>"),
    ("", ""),
])
func bodiesAreMadeOfBlockElementsOnly(body: String, expected: String) {
    #expect(markdownInertBody(body) == expected)
}

@Test func tagsWithSpacesOrSeveralAreAListAndOneWordStaysPlain() throws {
    #expect(tagsValue(["每日经济新闻新闻"]) == "每日经济新闻新闻")
    #expect(tagsValue(["Markets Daily"]) == #"["Markets Daily"]"#)
    let parsed = try Yams.load(yaml: "t: " + tagsValue(["A股 快讯", "#热点", "x: y"])) as? [String: Any]
    #expect(parsed?["t"] as? [String] == ["A股 快讯", "#热点", "x: y"])
}

/// On balanced HTML, as the sanitizer writes it: only `<p>` and `</p>` are added (removing every
/// `<p>` and `</p>` from input and output leaves the same text), and a second pass changes nothing.
@Test func markdownInertBodyOnlyAddsParagraphsAndIsIdempotent() {
    var generator = SystemRandomNumberGenerator()
    let texts = ["text", " ", "\n", "\n\n", " \n \n", "*x*", "[l](javascript:x)", "中文", "&lt;b&gt;", "{: a}"]
    let containers = ["p", "div", "b", "a href=\"x>y\"", "span", "ul", "li", "blockquote", "pre", "em"]
    let voids = ["<img src=\"a>b\">", "<br>", "<br/>", "<hr>"]
    func fragment(_ depth: Int) -> String {
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in
            switch Int.random(in: 0..<10, using: &generator) {
            case 0...4: return texts.randomElement(using: &generator)!
            case 5: return voids.randomElement(using: &generator)!
            default:
                guard depth < 3 else { return "t" }
                let open = containers.randomElement(using: &generator)!
                let name = open.split(separator: " ")[0]
                return "<\(open)>" + fragment(depth + 1) + "</\(name)>"
            }
        }.joined()
    }
    func withoutParagraphTags(_ text: String) -> String {
        text.replacingOccurrences(of: "<p>", with: "").replacingOccurrences(of: "</p>", with: "")
    }
    for _ in 0..<3000 {
        let input = fragment(0)
        let once = markdownInertBody(input)
        #expect(markdownInertBody(once) == once, "\(input.debugDescription) → \(once.debugDescription)")
        #expect(withoutParagraphTags(once) == withoutParagraphTags(input), "\(input.debugDescription) → \(once.debugDescription)")
    }
}
