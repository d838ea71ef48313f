/// One request as the loopback server received it.
public struct RecordedRequest: Sendable, Equatable {
    /// `GET`, `HEAD` …
    public var method: String
    /// The request target as sent: path and query.
    public var target: String
    /// The header fields; look-ups ignore case (`headers["if-none-match"]`).
    public var headers: HeaderFields
    /// The request head's bytes as received (request line and fields, without the blank line).
    public var rawHead: [UInt8] = []

    /// The target without its query.
    public var path: Substring { target.prefix { $0 != "?" } }
}
