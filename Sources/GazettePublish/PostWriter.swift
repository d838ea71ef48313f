public import Foundation
public import GazetteModel

/// Front-matter keys a post may carry after the six of the reference post (design.md, "A post").
public struct PostExtras: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `source:` the title of the feed the item came from.
    public static let source = PostExtras(rawValue: 1 << 0)
    /// `original_url:` the item's link.
    public static let originalURL = PostExtras(rawValue: 1 << 1)
    /// `author:` the item's authors' names, joined by `, `.
    public static let author = PostExtras(rawValue: 1 << 2)
}

/// The whole text of one post (`_posts/YYYY-MM-DD-SLUG.md`), in exactly the reference post's shape:
///
///     ---
///     layout: post
///     title: "TITLE"
///     date: 2022-05-12 19:26:42 +0800
///     categories: meirijingjixinwen
///     tags: 每日经济新闻新闻
///     ---
///     BODY
///
///     <ORIGINAL-URL>
///
///     [返回每日经济新闻新闻](//HOST/category/meirijingjixinwen.html)｜[返回首页](//HOST/)
///
/// with no newline after the footer. `date` is the item's date (`item.date` unless given) in the site's
/// zone, seconds dropped to the whole. The body is the entry's content, else its summary, else empty,
/// trailing newlines trimmed; a post without a link leaves out the `<ORIGINAL-URL>` paragraph.
/// `extras` (none by default) follow the six keys; `render_with_liquid: false` is added by itself
/// when the body holds `{{` or `{%`, which Jekyll would otherwise run as Liquid and may fail on.
public func postText(item: StoredItem, feed: FeedConfig, site: Site, date: Date? = nil,
                     extras: PostExtras = [], fileName: String? = nil, parts: FeedPostParts? = nil) -> String {
    let parts = parts ?? FeedPostParts(feed: feed, site: site)
    let entry = item.entry
    let link = originalURL(of: entry)
    var body = [entry.content, entry.summary].lazy.compactMap { $0 }.first { !$0.isEmpty } ?? ""
    while body.hasSuffix("\n") || body.hasSuffix("\r") || body.hasSuffix("\r\n") { body.removeLast() }
    body = markdownInertBody(body)

    var text = "---\nlayout: post\n"
    text += "title: " + yamlDoubleQuoted(displayTitle(of: entry)) + "\n"
    let shownDate = frontMatterDate(date ?? item.date, zone: site.timeZone)
    text += "date: " + shownDate + "\n"
    text += parts.categoriesAndTags
    // An item whose date moved to another day since its file was named (a source correcting a
    // pubDate) keeps its page: Jekyll's URL follows `date:`, and the old one 404ed while the new one
    // could be another post's of that day.
    if let fileName, let parts = postFileParts(fileName),
       !shownDate.hasPrefix("\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2)) "),
       let path = postPath(category: feed.category, fileName: fileName) {
        text += "permalink: " + yamlPlainOrQuoted(path) + "\n"
    }
    if extras.contains(.source) {
        let name = item.source.title.flatMap { $0.isEmpty ? nil : $0 } ?? feed.title
        text += "source: " + yamlDoubleQuoted(name) + "\n"
    }
    if extras.contains(.originalURL), let link {
        text += "original_url: " + yamlDoubleQuoted(link) + "\n"
    }
    if extras.contains(.author) {
        let names = entry.authors.compactMap { $0.name?.isEmpty == false ? $0.name : nil }
        if !names.isEmpty { text += "author: " + yamlDoubleQuoted(names.joined(separator: ", ")) + "\n" }
    }
    let footer = parts.footer
    // The footer too: a category title with `{% include x %}` (a feed's own title, by subscribe)
    // stopped `jekyll build` for the whole site.
    if parts.footerHoldsLiquid || holdsLiquidMarkup(body) { text += "render_with_liquid: false\n" }
    text += "---\n" + body + "\n\n"
    if let link { text += "<" + autolinkSafe(link) + ">\n\n" }
    text += footer
    return text
}

/// What `postText` writes alike in every post of a feed: made once per feed by a caller that writes
/// many posts (the footer's URL parsing and escaping, per post, were 4% of a full build).
public struct FeedPostParts: Sendable {
    let categoriesAndTags: String
    let footer: String
    let footerHoldsLiquid: Bool

    public init(feed: FeedConfig, site: Site) {
        categoriesAndTags = "categories: " + yamlPlainOrQuoted(feed.category) + "\n" + "tags: " + tagsValue(feed.tags) + "\n"
        footer = footerLine(feed: feed, site: site)
        footerHoldsLiquid = holdsLiquidMarkup(footer)
    }
}

/// One tag without white space as the reference post has it (`tags: 每日经济新闻新闻`), else a flow
/// list: Jekyll splits a text value at white space, so `Markets Daily` was two tags.
func tagsValue(_ tags: [String]) -> String {
    if tags.count == 1, let tag = tags.first, !tag.unicodeScalars.contains(where: \.properties.isWhitespace) {
        return yamlPlainOrQuoted(tag)
    }
    if tags.isEmpty { return yamlPlainOrQuoted("") }
    return "[" + tags.map(yamlDoubleQuoted).joined(separator: ", ") + "]"
}

/// A fingerprint of everything in the configuration that shapes the posts of a build: what
/// `postText(item:feed:site:)` reads of `site` (zone, URL, footer) and of each feed (category, its
/// title, tags), and which items get a post at all (each feed's URL, include and exclude keywords).
/// Equal fingerprints mean an unchanged item's post would come out the same; a change means every
/// post must be made again (`writeIfChanged` then skips the ones whose bytes stay).
public func postFingerprint(site: Site, feeds: [FeedConfig]) -> String {
    // Unit separators between fields and record separators between feeds: no field can fake another.
    // v2: bodies made Markdown-inert, footer text fully escaped, tags as a list when they must be.
    var text = ["v2", site.timeZone.identifier, site.url.absoluteString,
                site.footer.backToCategory, site.footer.backToHome, site.footer.separator].joined(separator: "\u{1F}")
    for feed in feeds {
        text += "\u{1E}" + ([feed.url, feed.category, feed.categoryTitle] + [feed.tags.joined(separator: "\u{1D}"),
                 feed.include.joined(separator: "\u{1D}"), feed.exclude.joined(separator: "\u{1D}")]).joined(separator: "\u{1F}")
    }
    return scaffoldHash(Data(text.utf8))
}

/// Whether `body` holds `{{` or `{%`, where Jekyll would start Liquid.
///
/// Foundation's `contains` compares composed characters and cost 14% of a full build of 50,000 posts
/// (perf, bench/build.sh), so the UTF-8 bytes are scanned first: no character decomposes to `{`, so
/// where the bytes hold neither pair Foundation finds none either. Where they do, Foundation still
/// decides, so that the answer (and every post's bytes) stays what it was.
func holdsLiquidMarkup(_ body: String) -> Bool {
    var previousWasBrace = false
    var found = false
    for byte in body.utf8 {
        if previousWasBrace, byte == UInt8(ascii: "{") || byte == UInt8(ascii: "%") { found = true; break }
        previousWasBrace = byte == UInt8(ascii: "{")
    }
    return found && (body.contains("{{") || body.contains("{%"))
}

/// `2022-05-12 19:26:42 +0800`: `date` as the clock in `zone` reads it, with the zone's offset then.
public func frontMatterDate(_ date: Date, zone: TimeZone) -> String {
    let t = civilTime(of: date, in: zone)
    let offset = abs(t.offsetSeconds) / 60
    return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2)) \(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2)) "
        + (t.offsetSeconds < 0 ? "-" : "+") + pad(offset / 60, 2) + pad(offset % 60, 2)
}

/// `[返回{category_title}](//HOST/category/SLUG.html)｜[返回首页](//HOST/)` from `site.footer`, the
/// feed's category and the site URL's host, port and path, scheme-relative as in the reference post.
public func footerLine(feed: FeedConfig, site: Site) -> String {
    let base = schemeRelativeBase(site.url)
    let back = markdownLinkText(site.footer.backToCategory(titled: feed.categoryTitle))
    let home = markdownLinkText(site.footer.backToHome)
    return "[\(back)](\(base)/category/\(feed.category).html)\(markdownLinkText(site.footer.separator))[\(home)](\(base)/)"
}

/// `//host[:port][/path]` of `url`, without a trailing `/`.
func schemeRelativeBase(_ url: URL) -> String {
    let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
    var host = components?.percentEncodedHost ?? url.host ?? ""
    if host.contains(":"), !host.hasPrefix("[") { host = "[" + host + "]" }   // IPv6 literal
    var base = "//" + host
    if let port = components?.port { base += ":\(port)" }
    var path = components?.percentEncodedPath ?? ""
    while path.hasSuffix("/") { path.removeLast() }
    if !path.isEmpty { base += path.hasPrefix("/") ? path : "/" + path }
    return base
}

/// The item's link: `entry.link`, else its first alternate link, else an `http(s)` id; nil if none.
func originalURL(of entry: Entry) -> String? {
    if let link = entry.link, !link.isEmpty { return link }
    if let alternate = entry.links.first(where: { $0.rel == "alternate" && !$0.href.isEmpty }) { return alternate.href }
    if let id = entry.id, id.hasPrefix("http://") || id.hasPrefix("https://") { return id }
    return nil
}

/// `url` fit to stand inside a Markdown autolink `<…>`: space, `<`, `>` and controls percent-encoded.
func autolinkSafe(_ url: String) -> String {
    var out = ""
    for scalar in url.unicodeScalars {
        switch scalar.value {
        case 0x00...0x20, 0x3C, 0x3E, 0x7F:
            out += "%" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Text that kramdown shows as written: the characters of Markdown syntax backslash-escaped (a link's
/// `[`, `]`, emphasis `*` `_`, code, curly quotes from `"` `'`, `--` and `...` typography, `{:` attribute
/// lists, `|` tables, `$$` math, `~~` strike-through), and `&`, `<`, `>` as HTML references.
func markdownLinkText(_ text: String) -> String {
    var out = ""
    for character in text {
        switch character {
        // Text, not markup: kramdown passes raw HTML through, so a category title with `<script>`
        // was a script on every post of the category.
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\\", "[", "]", "*", "_", "`", "\"", "'", "-", ".", "{", "}", "|", "$", "~", "#", "!", ":", "+", "=", "(", ")":
            out += "\\" + String(character)
        default: out.append(character)
        }
    }
    return out
}
