/// `{"name": …, "email": …, "uri": …}` as in `parse --json`; absent fields are left out.
extension Person: Codable {
    enum CodingKeys: String, CodingKey { case name, email, uri }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decodeIfPresent(String.self, forKey: .name),
                  email: try c.decodeIfPresent(String.self, forKey: .email),
                  uri: try c.decodeIfPresent(String.self, forKey: .uri))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(uri, forKey: .uri)
    }
}
