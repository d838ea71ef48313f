public import Foundation

/// What one successful fetch gives the parser: the body's bytes and the HTTP metadata around them.
/// A fetch that ended in an error status (4xx, 5xx) is a `FetchError`, not a `FetchResult`.
public struct FetchResult: Sendable, Equatable {
    /// The URL as requested (the feed's `url`).
    public var requestedURL: String
    /// The URL the body came from after redirects; the base for the feed's relative links. For a
    /// local file, the path or `file:` URL as requested.
    public var finalURL: String
    /// The final response's HTTP status: 2xx, or 304 when the feed has not changed.
    /// Local files report 200 and 304 the same way.
    public var status: Int
    /// The body after content decoding (gzip, deflate, br, zstd); empty for 304.
    public var body: [UInt8]
    /// The media type of `Content-Type`, lowercase, without parameters (`application/rss+xml`).
    public var contentType: String?
    /// The `charset` parameter of `Content-Type`, lowercase and unquoted (`gb2312`); the
    /// parser weighs it against the document's own declaration.
    public var charset: String?
    /// Validators to store for the next conditional fetch. On a 304 that repeats none, the ones
    /// that were sent.
    public var validators: Validators
    /// The final URL when every hop of the redirect chain was permanent (301 or 308): the
    /// address feeds.yml should be updated to. Nil without redirects or with any temporary hop.
    public var permanentRedirect: String?
    /// When the server asked to be fetched again no sooner (`Retry-After`), if it did.
    public var retryAfter: Date?
    /// Seconds from the start of the transfer (after queueing) to its end.
    public var elapsed: Double

    /// True when the feed has not changed since `validators` were stored: no body, nothing to parse.
    public var notModified: Bool { status == 304 }

    public init(requestedURL: String, finalURL: String, status: Int, body: [UInt8] = [],
                contentType: String? = nil, charset: String? = nil, validators: Validators = .none,
                permanentRedirect: String? = nil, retryAfter: Date? = nil, elapsed: Double = 0) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.body = body
        self.contentType = contentType
        self.charset = charset
        self.validators = validators
        self.permanentRedirect = permanentRedirect
        self.retryAfter = retryAfter
        self.elapsed = elapsed
    }
}
