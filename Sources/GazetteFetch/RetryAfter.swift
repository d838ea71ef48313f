internal import CCurl
import Foundation

/// When a `Retry-After` value (RFC 9110 §10.2.3) allows the next request: `delay-seconds` counted
/// from `receivedAt`, or an HTTP-date in any of the three forms of §5.6.7 (IMF-fixdate, RFC 850,
/// asctime), parsed by libcurl's `curl_getdate`. Nil for a value that is neither.
func retryDate(fromRetryAfter value: String, receivedAt: Date) -> Date? {
    let trimmed = value.trimmingWhitespace
    guard !trimmed.isEmpty else { return nil }
    if trimmed.allSatisfy(\.isASCIIDigit) {
        // Ten years at most (the store's backoff caps it again, at 7 days): a larger delay, even
        // one past Int, asks for at least as long a wait, not for none.
        let seconds = min(Int(trimmed) ?? maxRetryAfterSeconds, maxRetryAfterSeconds)
        return receivedAt.addingTimeInterval(TimeInterval(seconds))
    }
    let time = curl_getdate(String(trimmed), nil)  // https://curl.se/libcurl/c/curl_getdate.html
    guard time != -1 else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(time))
}

private let maxRetryAfterSeconds = 10 * 365 * 24 * 3600

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
