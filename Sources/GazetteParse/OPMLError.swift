/// Why a file could not be read as an OPML subscription list. Each message names the file and line,
/// says what the file is instead, and what to do.
public enum OPMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Zero bytes, or only whitespace.
    case empty(file: String)
    /// Bytes no text file holds (NUL or another control character) on `line`.
    case binary(file: String, line: Int)
    /// Text with no XML element in it; `reason` is what was found (or libxml2's complaint).
    case notXML(file: String, line: Int, reason: String)
    /// A web page (`FeedDiscovery.looksLikeHTML`); `line` is that of its first tag.
    case htmlPage(file: String, line: Int)
    /// An XML document whose root element, `root` as written, is not `<opml>`: a feed, or something else.
    case notOPML(file: String, line: Int, root: String)

    public var description: String {
        let expected = "expected an OPML subscription list (<opml> with <outline xmlUrl=\"…\"> elements)"
        let fix = "export one from your feed reader (often called 'Export OPML' or 'subscriptions.opml')"
        switch self {
        case let .empty(file):
            return "\(file):1: the file is empty; \(expected); \(fix)"
        case let .binary(file, line):
            return "\(file):\(line): binary data, not text; \(expected); \(fix)"
        case let .notXML(file, line, reason):
            return "\(file):\(line): not XML (\(reason)); \(expected); \(fix)"
        case let .htmlPage(file, line):
            return "\(file):\(line): an HTML page, not OPML; \(expected); save your feed reader's OPML export"
                + " instead, or subscribe to the page itself with `gazette subscribe URL`"
        case let .notOPML(file, line, root):
            switch root.lowercased() {
            case "rss", "feed", "rdf:rdf", "channel":
                return "\(file):\(line): a feed (root element <\(root)>), not a subscription list; \(expected);"
                    + " subscribe to the feed itself with `gazette subscribe URL`"
            default:
                return "\(file):\(line): the root element is <\(root)>, not <opml>; \(expected); \(fix)"
            }
        }
    }
}
