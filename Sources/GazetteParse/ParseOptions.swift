public import Foundation

/// How to read one document.
public struct ParseOptions: Sendable {
    /// Where the bytes came from (the final URL after redirects, or a file URL). Relative URLs resolve
    /// against xml:base first, then this; when nil, against the feed's own `link`.
    public var documentURL: String?
    /// The charset of the HTTP Content-Type header, when the bytes were fetched.
    public var httpCharset: String?
    /// The zone of dates written without one.
    public var timeZone: TimeZone
    /// Sanitize summary and content for publishing (the normal path). Off only for benchmarks.
    public var sanitize: Bool

    public init(documentURL: String? = nil, httpCharset: String? = nil,
                timeZone: TimeZone = TimeZone(identifier: "UTC")!, sanitize: Bool = true) {
        (self.documentURL, self.httpCharset, self.timeZone, self.sanitize) = (documentURL, httpCharset, timeZone, sanitize)
    }
}

/// Why a document could not be read as a feed. The message names no file; the caller adds it.
public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Zero bytes, or only whitespace.
    case empty
    /// Well-formed or not, the document is not RSS, Atom or JSON Feed; `what` says what it looks like.
    case notAFeed(what: String)

    public var description: String {
        switch self {
        case .empty:
            "the document is empty; expected an RSS, Atom or JSON feed"
        case let .notAFeed(what):
            "not a feed: \(what); expected an RSS, Atom or JSON feed (for a web page, use its <link rel=\"alternate\"> feed URL)"
        }
    }
}
