/// `{"url": …, "type": …, "length": …}` as in `parse --json`; absent optional fields are left out.
extension Enclosure: Codable {
    enum CodingKeys: String, CodingKey { case url, type, length }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(url: try c.decode(String.self, forKey: .url),
                  type: try c.decodeIfPresent(String.self, forKey: .type),
                  length: try c.decodeIfPresent(Int.self, forKey: .length))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(length, forKey: .length)
    }
}
