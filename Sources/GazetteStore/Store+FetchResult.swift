public import Foundation
public import GazetteModel

// The fetcher's values (GazetteModel's FetchResult and FetchError) recorded as they come, so the
// pipeline need not map statuses itself.

extension Store {
    /// Records a fetch that answered: a 304 keeps the items (`result.validators` merged as
    /// `FetchOutcome.notModified` says), anything else records `feed`, the result's body parsed.
    /// A permanent redirect chain (`result.permanentRedirect`) is then adopted.
    /// - Parameters:
    ///   - feedURL: the feed's URL as feeds.yml names it (not the adopted URL it was fetched from).
    ///   - feed: the parsed body; nil only with a 304 (a nil with a 200 records an empty feed).
    ///   - interval: seconds until the feed is due again (the feed's `FetchPolicy.interval`).
    @discardableResult
    public func recordFetch(feedURL: String, result: FetchResult, feed: Feed?, interval: TimeInterval,
                            now: Date) throws(StoreError) -> FetchCounts {
        let outcome: FetchOutcome = result.notModified
            ? .notModified(validators: result.validators)
            : .parsed(feed ?? Feed(format: .rss20, encoding: "utf-8"), validators: result.validators, status: result.status)
        let counts = try recordFetch(feedURL: feedURL, outcome: outcome, interval: interval, now: now)
        if let target = result.permanentRedirect, target != feedURL {
            try adoptRedirect(feedURL: feedURL, to: target)
        }
        return counts
    }

    /// Records a failed fetch: 410 Gone disables the feed (`recordGone`); any other failure backs
    /// it off (`recordFailure`), honouring the Retry-After of a 429 or 503. The stored error is the
    /// warning line the user saw.
    /// - Returns: the feed's state after it (`disabledReason` or `nextDue` tell what happens next).
    @discardableResult
    public func recordFailure(feedURL: String, error: FetchError, interval: TimeInterval,
                              now: Date) throws(StoreError) -> FeedState {
        switch error.kind {
        case .http(status: 410, retryAfter: _):
            try recordGone(feedURL: feedURL, now: now)
        case let .http(status, retryAfter):
            try recordFailure(feedURL: feedURL, error: error.description, status: status, retryAfter: retryAfter,
                              interval: interval, now: now)
        default:
            try recordFailure(feedURL: feedURL, error: error.description, interval: interval, now: now)
        }
    }
}
