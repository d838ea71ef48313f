public import Foundation

extension Entry {
    /// The entry's stored JSON: exactly the bytes `JSONEncoder` with `.sortedKeys` and
    /// `.withoutEscapingSlashes` writes for its `Codable` form (keys sorted, absent values and empty
    /// lists left out, dates RFC 3339 UTC), but written by Gazette's own byte-level writer: several
    /// times faster, and the same bytes whatever Foundation version runs, so the content hash taken
    /// of it never moves under an unchanged item. (It escapes U+2028, U+2029, backspace and form
    /// feed as `\uXXXX`, where JSONEncoder may not: the same JSON value either way.)
    public func storedJSON() -> String {
        let out = JSONOutput()
        writeStoredJSON(to: out)
        return out.text
    }

    /// `storedJSON()`'s bytes, without making (and so validating) a `String` of them: what the store
    /// binds and hashes.
    public func storedJSONData() -> Data {
        let out = JSONOutput()
        writeStoredJSON(to: out)
        return out.data
    }

    func writeStoredJSON(to out: JSONOutput) {
        out.object {
            if !authors.isEmpty { out.key("authors"); out.array(authors) { $0.writeStoredJSON(to: out) } }
            if !categories.isEmpty { out.key("categories"); out.array(categories) { out.string($0) } }
            if let comments { out.key("comments"); out.string(comments) }
            if let content { out.key("content"); out.string(content) }
            if !enclosures.isEmpty {
                out.key("enclosures")
                out.array(enclosures) { enclosure in
                    out.object {
                        if let length = enclosure.length { out.key("length"); out.int(length) }
                        if let type = enclosure.type { out.key("type"); out.string(type) }
                        out.key("url"); out.string(enclosure.url)
                    }
                }
            }
            if let id { out.key("id"); out.string(id) }
            if let link { out.key("link"); out.string(link) }
            if !links.isEmpty {
                out.key("links")
                out.array(links) { link in
                    out.object {
                        out.key("href"); out.string(link.href)
                        if let length = link.length { out.key("length"); out.int(length) }
                        out.key("rel"); out.string(link.rel)
                        if let title = link.title { out.key("title"); out.string(title) }
                        if let type = link.type { out.key("type"); out.string(type) }
                    }
                }
            }
            if let published { out.key("published"); out.string(storedDateString(published)) }
            if let summary { out.key("summary"); out.string(summary) }
            if let title { out.key("title"); out.string(title) }
            if let updated { out.key("updated"); out.string(storedDateString(updated)) }
        }
    }
}

extension Person {
    func writeStoredJSON(to out: JSONOutput) {
        out.object {
            if let email { out.key("email"); out.string(email) }
            if let name { out.key("name"); out.string(name) }
            if let uri { out.key("uri"); out.string(uri) }
        }
    }
}
