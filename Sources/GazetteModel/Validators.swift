/// What a server said about a feed's version, sent back on the next fetch so that an unchanged
/// feed costs a `304 Not Modified` and no body (RFC 9110 §13.1). Stored per feed.
public struct Validators: Sendable, Hashable {
    /// The `ETag` response header as the server sent it, quotes and `W/` included; sent back as
    /// `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` response header as the server sent it; sent back verbatim as
    /// `If-Modified-Since` (echoing the server's own string avoids clock and format drift).
    public var lastModified: String?

    /// No validator: the next fetch is unconditional.
    public static let none = Validators()

    public init(etag: String? = nil, lastModified: String? = nil) {
        (self.etag, self.lastModified) = (etag, lastModified)
    }

    /// True when there is nothing to send back.
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}
