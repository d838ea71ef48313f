import Foundation
import GazetteModel

/// What the reader collects for one entry before precedence, dates and sanitizing are applied.
struct EntryBuilder {
    var guid: String?
    var guidIsPermaLink = true
    var atomID: String?
    var rdfAbout: String?
    var title: TextValue?
    var rssLink: String?
    var atomAlternate: String?
    var links: [Link] = []
    // Content candidates, highest precedence first (feedparser: content:encoded over atom:content over xhtml:body).
    var contentEncoded: TextValue?
    var atomContent: TextValue?
    var xhtmlBody: TextValue?
    // Summary candidates: description, atom:summary, dc:description.
    var description: TextValue?
    var atomSummary: TextValue?
    var dcDescription: TextValue?
    // Dates as written; the first of each kind wins.
    var published: String?
    var updated: String?
    var authors: [Person] = []
    var categories: [String] = []
    var enclosures: [Enclosure] = []
    var comments: String?

    /// Applies precedence, parses dates, sanitizes HTML.
    func build(options: ParseOptions, fallbackBase: String?) -> Entry {
        var entry = Entry()
        let link = atomAlternate ?? rssLink ?? (guidIsPermaLink ? guid.flatMap(httpURL) : nil)
        entry.link = link
        entry.id = guid ?? atomID ?? rdfAbout ?? link
        entry.title = title.map { $0.plain() }
        entry.links = links
        entry.content = (contentEncoded ?? atomContent ?? xhtmlBody).map { $0.html(sanitize: options.sanitize, fallbackBase: fallbackBase) }
        entry.summary = (description ?? atomSummary ?? dcDescription).map { $0.html(sanitize: options.sanitize, fallbackBase: fallbackBase) }
        entry.published = published.flatMap { parseFeedDate($0, defaultTimeZone: options.timeZone) }
        entry.updated = updated.flatMap { parseFeedDate($0, defaultTimeZone: options.timeZone) }
        entry.authors = authors
        entry.categories = categories
        entry.enclosures = enclosures
        entry.comments = comments
        return entry
    }
}

/// The text as a URL when it is an absolute http(s) URL (a guid that doubles as the permalink).
func httpURL(_ text: String) -> String? {
    let lower = text.prefix(8).lowercased()
    return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? text : nil
}

/// A person from RSS's `author`/`managingEditor`: "bob@example.com (Bob Smith)", "Bob <bob@example.com>",
/// a bare address or a bare name. The text is plain already (markup stripped).
func rssPerson(_ text: String) -> Person? {
    let trimmed = collapseWhitespace(text)
    guard !trimmed.isEmpty else { return nil }
    // "EMAIL (NAME)": the address is the first word; the name is everything in the parentheses.
    let words = trimmed.split(separator: " ", maxSplits: 1)
    if words.count == 2, words[0].contains("@"), words[1].hasPrefix("("), words[1].hasSuffix(")") {
        let name = collapseWhitespace(String(words[1].dropFirst().dropLast()))
        return Person(name: name.isEmpty ? nil : name, email: String(words[0]))
    }
    // "NAME <EMAIL>"
    if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
        let name = collapseWhitespace(String(trimmed[..<open]))
        let email = collapseWhitespace(String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]))
        if email.contains("@") { return Person(name: name.isEmpty ? nil : name, email: email) }
    }
    if trimmed.contains("@"), !trimmed.contains(" ") { return Person(email: trimmed) }
    return Person(name: trimmed)
}
