/// How many transfers run at once (`max_in_flight`, `max_per_host`, at the top level of feeds.yml or
/// in `defaults:`).
public struct Concurrency: Sendable, Equatable {
    /// Transfers in flight at once, over all hosts.
    public var maxInFlight: Int
    /// Transfers in flight at once to one host, so that no site gets hammered.
    public var maxPerHost: Int

    /// Limits on transfers at once; both at least 1.
    public init(maxInFlight: Int, maxPerHost: Int) {
        (self.maxInFlight, self.maxPerHost) = (maxInFlight, maxPerHost)
    }

    /// 16 in flight, at most 4 per host (issue 3).
    public static let standard = Concurrency(maxInFlight: 16, maxPerHost: 4)
}
