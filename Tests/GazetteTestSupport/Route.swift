/// What the loopback server answers on one path. Most routes misbehave on purpose, each the way
/// some real server does.
public enum Route: Sendable {
    /// A document that honours conditional requests: a matching `If-None-Match`, or (without one)
    /// an `If-Modified-Since` equal to `lastModified`, gets a 304 with no body. `delay` holds the
    /// answer back, so that concurrent requests overlap.
    case feed([UInt8], contentType: String = "application/rss+xml; charset=utf-8", etag: String? = nil,
              lastModified: String? = nil, delay: Duration = .zero)
    /// The body encoded with `coding`, whatever the request's Accept-Encoding said.
    case encoded([UInt8], ContentCoding, contentType: String = "application/rss+xml; charset=utf-8")
    /// A redirect: `status` (301, 302, 303, 307, 308) with `Location: to`, verbatim.
    case redirect(to: String, status: Int = 302)
    /// Any status with these headers and body (410, 429 with Retry-After, 500 …).
    case status(Int, headers: [String: String] = [:], body: [UInt8] = [])
    /// Headers announcing a large body, then one byte per `every` until the client hangs up.
    case trickle(every: Duration = .seconds(1))
    /// A 200 with no length whose body never ends: 64 KiB writes until the client hangs up.
    case endless
    /// A 301 to `to` on a kept-alive connection whose chunked body never ends.
    case redirectWithEndlessBody(to: String)
    /// A 200 whose body is `bytes` long, written as fast as the client reads, with or without a
    /// `Content-Length` (without: the body ends when the connection closes).
    case oversized(bytes: Int, declaresLength: Bool)
    /// Reads the request, then closes the connection without a byte of response.
    case closeWithoutResponse
    /// These bytes verbatim as the whole response (status line, head, body), then the connection
    /// closes: for what the other routes cannot say (chunked trailers, odd framing).
    case raw([UInt8])
}
