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
        } else if first == UInt8(ascii: "<") {
            do {
                feed = try XMLFeedReader.read(decoded.utf8, options: options)
            } catch {
                // PHP prints its warnings as HTML (`<br />\n<b>Warning</b>: …`) before the feed: when
                // the document is not a feed but one starts soon after, that one is the document.
                guard let start = feedStart(in: decoded.utf8), start > 0 else { throw error }
                feed = try XMLFeedReader.read(Array(decoded.utf8[start...]), options: options)
                feed.bozo = true
                feed.bozoReason = "\(start) bytes of markup before the document were skipped" + (feed.bozoReason.map { "; \($0)" } ?? "")
            }
        } else {
            // Servers prepend junk (PHP notices, a stray byte) to otherwise fine feeds: skip to the
            // first tag when it comes soon and what precedes it is text, and say so.
            let window = decoded.utf8.prefix(junkWindow)
            guard let start = window.firstIndex(of: UInt8(ascii: "<")),
                  !window[..<start].contains(where: { $0 < 0x20 && !isXMLSpace($0) }) else {
                let binary = window.contains(where: { $0 < 0x20 && !isXMLSpace($0) })
                throw .notAFeed(what: binary ? "binary data" : "plain text with no XML or JSON in it")
            }
            feed = try XMLFeedReader.read(Array(decoded.utf8[start...]), options: options)
            feed.bozo = true
            feed.bozoReason = "\(start) bytes of text before the document were skipped" + (feed.bozoReason.map { "; \($0)" } ?? "")
        }
        feed.encoding = decoded.encoding
        if let mislabel = decoded.mislabel {
            feed.bozo = true
            feed.bozoReason = feed.bozoReason.map { "\(mislabel); \($0)" } ?? mislabel
        }
        return feed
    }
}

/// How far into a document junk before the first tag is tolerated.
let junkWindow = 4096

/// Where, within `junkWindow`, the first XML declaration or feed root element (`<rss`, `<feed`,
/// `<rdf:RDF`) starts; nil when none does.
func feedStart(in utf8: [UInt8]) -> Int? {
    let window = utf8.prefix(junkWindow)
    let openings = ["<?xml", "<rss", "<feed", "<rdf:RDF"].map { Array($0.utf8) }
    var index = window.startIndex
    while let found = window[index...].firstIndex(of: UInt8(ascii: "<")) {
        if openings.contains(where: { window[found...].starts(with: $0) }) { return found }
        index = found + 1
    }
    return nil
}

@inline(__always) func isXMLSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}
