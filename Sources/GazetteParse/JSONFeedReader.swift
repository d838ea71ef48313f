import Foundation
import GazetteModel

/// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
enum JSONFeedReader {
    static func read(_ utf8: [UInt8], options: ParseOptions) throws(ParseError) -> Feed {
        var bozoReason: String?
        let object: Any?
        if let strict = JSONValue.parse(utf8) {
            object = strict.object
        } else {
            // Recover what JSON5's leniency can (trailing commas, comments, single quotes), as
            // recover mode does for XML, and say so.
            let lenient = JSONDecoder()
            lenient.allowsJSON5 = true
            do {
                object = try lenient.decode(LenientJSON.self, from: Data(utf8)).value.object
                bozoReason = "not well-formed JSON, recovered leniently (trailing commas, comments or single quotes)"
            } catch {
                throw .notAFeed(what: "JSON that does not parse (\(jsonErrorSummary(error)))")
            }
        }
        guard let root = object as? [String: Any] else { throw .notAFeed(what: "a JSON document that is not an object") }
        let version = root["version"] as? String ?? ""
        guard version.contains("jsonfeed.org") || (root["items"] is [Any] && root["title"] != nil) else {
            throw .notAFeed(what: "a JSON document that is not a JSON Feed (no jsonfeed.org version)")
        }
        let feedURL = string(root["feed_url"])
        let home = string(root["home_page_url"])
        let base = options.documentURL ?? feedURL ?? home
        var info = FeedInfo()
        info.title = plain(root["title"])
        info.subtitle = plain(root["description"])
        info.link = home.flatMap { absoluteURL($0, base: base) }
        info.selfLink = feedURL.flatMap { absoluteURL($0, base: base) }
        info.language = string(root["language"])?.lowercased()
        info.image = (string(root["icon"]) ?? string(root["favicon"])).flatMap { absoluteURL($0, base: base) }
        info.authors = authors(in: root, base: base)
        let items = root["items"] as? [Any] ?? []
        let entries = items.compactMap { $0 as? [String: Any] }.map { entry(from: $0, base: base, options: options) }
        return Feed(format: .jsonfeed, encoding: "utf-8", bozo: bozoReason != nil, bozoReason: bozoReason,
                    info: info, entries: entries)
    }

    private static func entry(from item: [String: Any], base: String?, options: ParseOptions) -> Entry {
        var entry = Entry()
        let url = string(item["url"]).flatMap { absoluteURL($0, base: base) }
        entry.id = string(item["id"]) ?? url
        entry.link = url
        if let url { entry.links.append(Link(rel: "alternate", href: url, type: "text/html")) }
        if let external = string(item["external_url"]).flatMap({ absoluteURL($0, base: base) }) {
            entry.links.append(Link(rel: "related", href: external))
        }
        entry.title = plain(item["title"])
        if let html = string(item["content_html"]) {
            entry.content = TextValue(raw: html, mode: .html, base: url ?? base).html(sanitize: options.sanitize, fallbackBase: base)
        } else if let text = string(item["content_text"]) {
            entry.content = escapeHTML(text)
        }
        entry.summary = string(item["summary"]).map(escapeHTML)
        entry.published = string(item["date_published"]).flatMap { parseFeedDate($0, defaultTimeZone: options.timeZone) }
        entry.updated = string(item["date_modified"]).flatMap { parseFeedDate($0, defaultTimeZone: options.timeZone) }
        entry.authors = authors(in: item, base: base)
        entry.categories = (item["tags"] as? [Any] ?? []).compactMap(plain)
        for case let attachment as [String: Any] in item["attachments"] as? [Any] ?? [] {
            guard let href = string(attachment["url"]).flatMap({ absoluteURL($0, base: base) }) else { continue }
            let size = (attachment["size_in_bytes"] as? Double).flatMap { $0 >= 0 && $0 < 1e15 ? Int($0) : nil }
            entry.enclosures.append(Enclosure(url: href, type: string(attachment["mime_type"]), length: size))
        }
        if let image = string(item["image"]).flatMap({ absoluteURL($0, base: base) }) {
            entry.links.append(Link(rel: "thumbnail", href: image))
        }
        return entry
    }

    /// JSON Feed 1.1 `authors`, else 1.0 `author`.
    private static func authors(in object: [String: Any], base: String?) -> [Person] {
        var list = (object["authors"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        if list.isEmpty, let single = object["author"] as? [String: Any] { list = [single] }
        return list.map { Person(name: plain($0["name"]), email: nil, uri: string($0["url"]).flatMap { absoluteURL($0, base: base) }) }
            .filter { !$0.isEmpty }
    }

    /// Plain text from a JSON string (feeds put markup everywhere); nil when blank.
    private static func plain(_ value: Any?) -> String? {
        string(value).flatMap { TextValue(raw: $0, mode: .maybeHTML).plain().nilIfEmpty }
    }

    /// A string or number as text; nil for anything else and for empty strings.
    private static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text.isEmpty ? nil : text
        case let number as Double: number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: nil
        }
    }

    private static func jsonErrorSummary(_ error: any Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error {
            return collapseWhitespace(context.underlyingError.map { "\(context.debugDescription) \($0)" } ?? context.debugDescription)
        }
        return collapseWhitespace("\(error)")
    }
}

/// JSON5 through Foundation's decoder, for documents the strict parser refused.
private struct LenientJSON: Decodable {
    var value: JSONValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { value = .null }
        else if let bool = try? container.decode(Bool.self) { value = .bool(bool) }
        else if let number = try? container.decode(Double.self) { value = .number(number) }
        else if let text = try? container.decode(String.self) { value = .string(text) }
        else if let array = try? container.decode([LenientJSON].self) { value = .array(array.map(\.value)) }
        else { value = .object(try container.decode([String: LenientJSON].self).mapValues(\.value)) }
    }
}
