/// A `Content-Type` header split into its media type and `charset` parameter (RFC 9110 §8.3).
/// Feeds served as `text/xml; charset=gb2312` with no encoding declaration of their own are
/// common in Chinese news; this charset is what the parser then decodes with.
struct ContentType: Equatable {
    /// Lowercase `type/subtype` without parameters.
    var mediaType: String
    /// The `charset` parameter, lowercase and unquoted; nil when absent or empty.
    var charset: String?

    /// Nil for an empty header.
    init?(_ header: String) {
        var rest = header[...]
        let type = rest.prefix { $0 != ";" }
        rest = rest.dropFirst(type.count)
        mediaType = type.trimmingWhitespace.lowercased()
        guard !mediaType.isEmpty else { return nil }
        charset = nil
        // parameters: *( OWS ";" OWS name "=" ( token / quoted-string ) )
        while rest.first == ";" {
            rest = rest.dropFirst()
            let name = rest.prefix { $0 != "=" && $0 != ";" }
            rest = rest.dropFirst(name.count)
            guard rest.first == "=" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let c = rest.first, c != "\"" {
                    rest = rest.dropFirst()
                    if c == "\\", let escaped = rest.first { value.append(escaped); rest = rest.dropFirst() } else { value.append(c) }
                }
                rest = rest.dropFirst().drop { $0 != ";" }  // the closing quote, then anything up to the next parameter
            } else {
                let token = rest.prefix { $0 != ";" }
                rest = rest.dropFirst(token.count)
                value = String(token.trimmingWhitespace)
            }
            if name.trimmingWhitespace.lowercased() == "charset", !value.isEmpty {
                charset = value.trimmingWhitespace.lowercased()
            }
        }
    }
}
