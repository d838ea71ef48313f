/// The response headers of one transfer, fed line by line from libcurl's header callback: the
/// status of every response in a redirect chain, and the header fields of the latest one.
struct ResponseHead {
    /// Status of each response in order (redirect hops, then the final response); informational
    /// 1xx responses (100 Continue, 103 Early Hints) are not hops and are left out.
    private(set) var statuses: [Int] = []
    /// Fields of the latest response, names lowercased; a repeated field keeps its last value.
    private(set) var fields: [String: String] = [:]
    /// True once the blank line that ends the latest response's head has come.
    private(set) var complete = false

    /// Reads one header line as libcurl hands it over: a status line (`HTTP/1.1 301 Moved`,
    /// `HTTP/2 200`), a `Name: value` field, or the blank line that ends a header block, each
    /// with its CRLF. libcurl calls back once per complete line, for every hop
    /// (https://curl.se/libcurl/c/CURLOPT_HEADERFUNCTION.html).
    mutating func consume(_ line: UnsafeRawBufferPointer) {
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            // A new response begins: the previous hop's fields no longer apply.
            fields = [:]
            complete = false
            let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            if parts.count >= 2, let status = Int(parts[1].trimmingWhitespace), !(100..<200).contains(status) {
                statuses.append(status)
            }
            return
        }
        // Trailer fields of a chunked body come through here too, after the body; they must not
        // replace the head's fields (RFC 9110 §6.5.2), so nothing counts after the blank line.
        guard !complete else { return }
        guard let colon = text.firstIndex(of: ":") else {
            if text.allSatisfy({ $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) && !statuses.isEmpty { complete = true }
            return  // the blank line, or junk
        }
        let name = text[..<colon].trimmingWhitespace.lowercased()
        guard !name.isEmpty else { return }
        if name == "etag" || name == "last-modified" {
            fields[name] = latin1Value(line)
        } else {
            fields[name] = String(text[text.index(after: colon)...].trimmingWhitespace)
        }
    }

    /// A validator's value, one scalar per byte (ISO 8859-1), so that it goes back byte for byte
    /// (`Transfer` sends each scalar as that byte): RFC 9110 allows any octet in an entity-tag
    /// (obs-text), and read as UTF-8, `"caf\xE9"` became `"caf\u{FFFD}"`, which never matches.
    private func latin1Value(_ line: UnsafeRawBufferPointer) -> String {
        let isSpace = { (byte: UInt8) in byte == 32 || byte == 9 || byte == 13 || byte == 10 }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return "" }
        var value = line[(colon + 1)...].drop(while: isSpace)
        while let last = value.last, isSpace(last) { value = value.dropLast() }
        return String(String.UnicodeScalarView(value.map { Unicode.Scalar($0) }))
    }

    /// The final response's `ETag`, if any.
    var etag: String? { fields["etag"] }
    /// The final response's `Last-Modified`, if any.
    var lastModified: String? { fields["last-modified"] }
    /// The latest response's `Location`: for a failed redirect, where it pointed.
    var location: String? { fields["location"] }
    /// The final response's `Retry-After`, if any.
    var retryAfter: String? { fields["retry-after"] }
    /// The final response's `Content-Type`, if any.
    var contentType: String? { fields["content-type"] }
    /// The latest response's `Content-Length`, if it is a plain number.
    var contentLength: Int? { fields["content-length"].flatMap { Int($0) } }
    /// The latest response's `Content-Encoding`, unless absent or `identity`.
    var contentEncoding: String? {
        guard let value = fields["content-encoding"], !value.isEmpty, value.lowercased() != "identity" else { return nil }
        return value
    }

    /// True when there were redirects and every one was permanent (301, 308): RFC 9110 §15.4.2
    /// and §15.4.9 invite the client to update its stored URL then, and only then.
    var allRedirectsPermanent: Bool {
        statuses.count > 1 && statuses.dropLast().allSatisfy { $0 == 301 || $0 == 308 }
    }
}
