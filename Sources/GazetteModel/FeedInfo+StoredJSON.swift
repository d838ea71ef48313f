extension FeedInfo {
    /// The feed metadata's stored JSON, as `Entry.storedJSON()` is the entry's: the bytes
    /// `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes for its `Codable` form.
    public func storedJSON() -> String {
        let out = JSONOutput()
        out.object {
            if !authors.isEmpty { out.key("authors"); out.array(authors) { $0.writeStoredJSON(to: out) } }
            if let generator { out.key("generator"); out.string(generator) }
            if let id { out.key("id"); out.string(id) }
            if let image { out.key("image"); out.string(image) }
            if let language { out.key("language"); out.string(language) }
            if let link { out.key("link"); out.string(link) }
            if let selfLink { out.key("self"); out.string(selfLink) }
            if let subtitle { out.key("subtitle"); out.string(subtitle) }
            if let title { out.key("title"); out.string(title) }
            if let updated { out.key("updated"); out.string(storedDateString(updated)) }
        }
        return out.text
    }
}
