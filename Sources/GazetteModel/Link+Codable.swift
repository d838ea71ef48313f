/// `{"rel": …, "href": …, "type": …, "title": …, "length": …}` as in `parse --json`; `rel` defaults to
/// `alternate` when absent (RFC 4287 §4.2.7.2), absent optional fields are left out.
extension Link: Codable {
    enum CodingKeys: String, CodingKey { case rel, href, type, title, length }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rel: try c.decodeIfPresent(String.self, forKey: .rel) ?? "alternate",
                  href: try c.decode(String.self, forKey: .href),
                  type: try c.decodeIfPresent(String.self, forKey: .type),
                  title: try c.decodeIfPresent(String.self, forKey: .title),
                  length: try c.decodeIfPresent(Int.self, forKey: .length))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rel, forKey: .rel)
        try c.encode(href, forKey: .href)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(length, forKey: .length)
    }
}
