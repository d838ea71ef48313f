public import Foundation

/// What Gazette remembers about one source feed between runs: how to fetch it next (validators,
/// adopted redirect), when (next due time, backoff), and how it went (status, error, success times).
/// The store hands it out; the fetcher, `gazette list` and `gazette check` read it.
public struct FeedState: Sendable, Equatable {
    /// The feed's URL as feeds.yml names it: the feed's identity.
    public var url: String
    /// Sent back on the next fetch; empty until the feed has answered with one.
    public var validators: Validators
    /// The last HTTP status (200, 304, 410, 503 …); nil before the first answer, for a local file,
    /// or when the last attempt got no HTTP answer at all (DNS, refused, timeout).
    public var lastStatus: Int?
    /// What went wrong on the last attempt, worded for the user; nil after a success.
    public var lastError: String?
    /// Failed attempts since the last success; 0 after a success.
    public var consecutiveFailures: Int
    /// The feed is not fetched before this time (interval, backoff or Retry-After); nil: due now.
    public var nextDue: Date?
    /// Where a permanent redirect (301/308) chain ended: fetched instead of `url` from then on.
    /// `gazette check` tells the user to put it in feeds.yml.
    public var adoptedURL: String?
    /// Why the feed is no longer fetched (410 Gone); nil while it is active.
    public var disabledReason: String?
    /// The last time Gazette tried to fetch the feed.
    public var lastAttempt: Date?
    /// The last time the feed answered 200 or 304.
    public var lastSuccess: Date?
    /// The last time a fetch brought an item never seen before.
    public var lastNewItem: Date?
    /// The feed's own metadata as of its last successful parse.
    public var info: FeedInfo?

    public init(url: String, validators: Validators = Validators(), lastStatus: Int? = nil, lastError: String? = nil,
                consecutiveFailures: Int = 0, nextDue: Date? = nil, adoptedURL: String? = nil,
                disabledReason: String? = nil, lastAttempt: Date? = nil, lastSuccess: Date? = nil,
                lastNewItem: Date? = nil, info: FeedInfo? = nil) {
        self.url = url; self.validators = validators; self.lastStatus = lastStatus; self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures; self.nextDue = nextDue; self.adoptedURL = adoptedURL
        self.disabledReason = disabledReason; self.lastAttempt = lastAttempt; self.lastSuccess = lastSuccess
        self.lastNewItem = lastNewItem; self.info = info
    }

    /// The URL to request: the adopted redirect target when there is one, else `url`.
    public var fetchURL: String { adoptedURL ?? url }

    /// True when the feed was disabled (410 Gone) and is no longer fetched.
    public var isDisabled: Bool { disabledReason != nil }

    /// True when the feed is active and its next due time has come at `now`.
    public func isDue(at now: Date) -> Bool {
        !isDisabled && (nextDue.map { $0 <= now } ?? true)
    }

    /// True when the feed is active and due at `now` under the `interval` feeds.yml gives it now:
    /// a healthy feed once `interval` seconds have passed since its last attempt, whatever interval
    /// was in force when that attempt set its next due time (a shortened interval waited for the
    /// old schedule); a failing one when its backoff or Retry-After has passed (`isDue(at:)`).
    public func isDue(at now: Date, interval: TimeInterval) -> Bool {
        !isDisabled && (nextDue(interval: interval).map { $0 <= now } ?? true)
    }

    /// When the feed is next due under the `interval` feeds.yml gives it now (see
    /// `isDue(at:interval:)`); nil: due now.
    public func nextDue(interval: TimeInterval) -> Date? {
        if consecutiveFailures == 0, let lastAttempt { return lastAttempt.addingTimeInterval(interval) }
        return nextDue
    }
}
