public import Foundation

/// When a feed that keeps failing is tried again: its interval doubled for every consecutive
/// failure, at most a day apart, and never before the server's Retry-After (RFC 9110 §10.2.3).
public enum Backoff {
    /// The longest wait that doubling reaches: a dead feed is still tried once a day.
    public static let cap: TimeInterval = 24 * 60 * 60
    /// The longest Retry-After honoured: a server asking for a year is tried again within a week.
    public static let retryAfterLimit: TimeInterval = 7 * 24 * 60 * 60

    /// The next attempt after the `failures`-th consecutive failure (1 for the first) at `now`:
    /// `now + interval × 2^failures`, at most `now + max(cap, interval)`, but not before `retryAfter`
    /// (itself at most `now + retryAfterLimit`). `interval` is in seconds.
    public static func nextAttempt(afterFailures failures: Int, interval: TimeInterval, retryAfter: Date?,
                                   now: Date) -> Date {
        let ceiling = max(cap, interval)
        // 2^failures overflows nothing as a Double, but stop doubling once past the cap anyway.
        var wait = max(interval, 1)
        for _ in 0..<max(failures, 0) where wait < ceiling { wait *= 2 }
        var next = now.addingTimeInterval(min(wait, ceiling))
        if let retryAfter {
            next = max(next, min(retryAfter, now.addingTimeInterval(retryAfterLimit)))
        }
        return next
    }
}
