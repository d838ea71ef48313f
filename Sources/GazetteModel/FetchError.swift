public import Foundation

/// Why one feed could not be fetched. The description is the warning line a user reads: the URL,
/// what happened, and what to do about it.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL as requested.
    public var url: String
    /// What went wrong.
    public var kind: Kind

    /// What went wrong, one case per remedy.
    public enum Kind: Sendable, Equatable {
        /// The whole fetch took longer than `timeout` seconds.
        case timeout(seconds: Double)
        /// No connection within `connectTimeout` seconds.
        case connectTimeout(seconds: Double)
        /// The body grew past `maxBytes` (or announced a larger `Content-Length`); the transfer
        /// was stopped there.
        case tooLarge(limit: Int)
        /// The server sent less than `bytesPerSecond` for `seconds` and was cut off.
        case tooSlow(bytesPerSecond: Int, seconds: Int)
        /// Nothing accepted the connection (refused, unreachable).
        case connectFailed(String)
        /// The connection was accepted, then closed or reset before a complete response.
        case connectionClosed(String)
        /// The host name did not resolve.
        case dns(String)
        /// TLS handshake or certificate verification failed.
        case tls(String)
        /// More redirects than `maxRedirects`, usually a loop.
        case tooManyRedirects(limit: Int)
        /// A redirect pointed at a scheme other than http or https (`file`, `ftp` …), refused.
        case redirectToForbiddenScheme(String)
        /// The server answered with an error status (4xx, 5xx, or a 3xx that could not be
        /// followed); `retryAfter` is its `Retry-After`, if any (429, 503).
        case http(status: Int, retryAfter: Date?)
        /// The server's answer is not valid HTTP: a garbage status line, HTTP/0.9, broken chunked
        /// framing, headers past libcurl's limits.
        case badResponse(String)
        /// The body could not be decoded as its `Content-Encoding` (the first value) says.
        case badContentEncoding(String, String)
        /// The URL is malformed or of a scheme other than http and https.
        case invalidURL(String)
        /// A local feed file that does not exist.
        case notFound
        /// A local feed file that exists but could not be read.
        case unreadable(String)
        /// The caller stopped waiting (task cancelled, fetcher released) before the fetch ended.
        case cancelled
        /// The run was stopped (SIGTERM, SIGINT, SIGHUP) while this transfer was running: it counts as
        /// a failed attempt, so that a feed too slow for the run's time limit waits out a backoff
        /// instead of stopping every run before it publishes.
        case interrupted(signal: String)
        /// Any other libcurl failure: its `CURLcode` and message.
        case other(code: Int, message: String)
    }

    public init(url: String, kind: Kind) { (self.url, self.kind) = (url, kind) }

    public var description: String { "\(url): \(problem)" }

    private var problem: String {
        switch kind {
        case let .timeout(limit):
            "no complete response within \(seconds(limit)); raise 'timeout' for this feed if the server is merely slow"
        case let .connectTimeout(limit):
            "could not connect within \(seconds(limit)); check that the host is up, or raise 'connect_timeout' for this feed"
        case let .tooLarge(limit):
            "body is larger than \(bytes(limit)); raise 'max_bytes' for this feed if that is expected"
        case let .tooSlow(rate, duration):
            "the server sent less than \(rate) bytes/s for \(duration) s and was cut off; "
                + "try again later, or lower 'low_speed_limit' for this feed"
        case let .connectFailed(message):
            "could not connect (\(message)); check that the host is up and the URL's port is right"
        case let .connectionClosed(message):
            "the server closed the connection without a complete response (\(message)); usually temporary, it is retried later"
        case let .dns(message):
            "host name not found (\(message)); check the feed's url for a typo"
        case let .tls(message):
            "TLS failed (\(message)); the site's certificate or TLS setup is at fault: tell its owner"
        case let .tooManyRedirects(limit):
            "more than \(limit) redirects (a loop?); open the URL in a browser and put the address it ends at in feeds.yml"
        case let .redirectToForbiddenScheme(scheme):
            "redirected to a '\(scheme):' URL, which is refused (only http and https are followed); check the feed's url"
        case let .http(status, retryAfter):
            httpProblem(status: status, retryAfter: retryAfter)
        case let .badResponse(message):
            "the server's answer is not valid HTTP (\(message)); the server is at fault: tell its owner, it is retried later"
        case let .badContentEncoding(coding, message):
            "the body is not valid \(coding.isEmpty ? "encoded data" : "'\(coding)' data") as its Content-Encoding says (\(message)); "
                + "the server is at fault: tell its owner, it is retried later"
        case let .invalidURL(message):
            "not an address Gazette can fetch (\(message)); use an http or https URL, or the path of a file"
        case .notFound:
            "no such file; check the path (a relative path is read from feeds.yml's folder)"
        case let .unreadable(message):
            "cannot read the file (\(message)); check that it is a readable file"
        case .cancelled:
            "the fetch was cancelled before it finished; it is fetched again on the next run"
        case let .interrupted(signal):
            "the run was stopped (\(signal)) while this feed was being fetched; it is tried again after a backoff. "
                + "If it is always this slow, give it a shorter 'timeout' or the run more time"
        case let .other(code, message):
            "transfer failed (curl error \(code): \(message)); if it persists, try the URL with 'curl -v'"
        }
    }

    private func httpProblem(status: Int, retryAfter: Date?) -> String {
        let answer = "the server answered \(status)\(Self.reasons[status].map { " \($0)" } ?? "")"
        let retry = retryAfter.map { "; it asked to be fetched again after \($0.formatted(.iso8601))" }
        switch status {
        case 410: return "\(answer): the feed was removed for good; remove it from feeds.yml"
        case 404: return "\(answer); check the feed's url, or find the site's new feed with 'gazette subscribe SITE_URL'"
        case 401, 403: return "\(answer); the feed needs a login or blocks this User-Agent"
        case 429: return answer + (retry ?? "; fetch it less often (raise 'interval' for this feed)")
        case 304: return "\(answer) to a request that had no ETag or Last-Modified to compare, so there is no copy to keep; the server is at fault (tell its owner), it is retried later"
        case 300..<400: return "\(answer) with no redirect that could be followed; check the feed's url"
        case 500..<600: return answer + (retry ?? "; usually temporary, it is retried with backoff")
        default: return "\(answer); check the feed's url"
        }
    }

    /// Reason phrases for the statuses a feed fetch meets (RFC 9110 §15).
    private static let reasons: [Int: String] = [
        300: "Multiple Choices", 304: "Not Modified", 305: "Use Proxy",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout", 410: "Gone",
        429: "Too Many Requests", 451: "Unavailable For Legal Reasons",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
        503: "Service Unavailable", 504: "Gateway Timeout",
    ]
}

/// `30 s`, `1.5 s`.
private func seconds(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? "\(Int(value)) s" : "\(value) s"
}

/// `10 MB`, `512 KB`, `1 GB` (1 KB = 1024 bytes, as feeds.yml reads sizes), else bytes.
private func bytes(_ count: Int) -> String {
    for (shift, unit) in [(30, "GB"), (20, "MB"), (10, "KB")] where count >= 1 << shift && count % (1 << shift) == 0 {
        return "\(count >> shift) \(unit)"
    }
    return "\(count) bytes"
}
