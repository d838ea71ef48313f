public import GazetteModel

/// Bytes → `Feed`: decodes the charset, tells the format from the content and parses it.
/// Pure: no I/O, no network, no file system.
public enum FeedParser {
    /// Parses one document.
    /// - Throws: `ParseError` when the bytes are empty or are not a feed.
    public static func parse(_ bytes: [UInt8], options: ParseOptions = ParseOptions()) throws(ParseError) -> Feed {
        let decoded = decodeFeedBytes(bytes, httpCharset: options.httpCharset)
        guard let first = decoded.utf8.first(where: { !isXMLSpace($0) }) else { throw .empty }
        var feed: Feed
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            feed = try JSONFeedReader.read(decoded.utf8, options: options)
        } else {
            feed = try XMLFeedReader.read(decoded.utf8, options: options)
        }
        feed.encoding = decoded.encoding
        if let mislabel = decoded.mislabel {
            feed.bozo = true
            feed.bozoReason = feed.bozoReason.map { "\(mislabel); \($0)" } ?? mislabel
        }
        return feed
    }
}

@inline(__always) func isXMLSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}
