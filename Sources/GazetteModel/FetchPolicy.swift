/// How one feed is fetched: how often, and the limits that cut a transfer off. Set in `defaults:` and
/// per feed; a feed's own keys override the defaults one by one.
public struct FetchPolicy: Sendable, Equatable {
    /// Least time between two fetch attempts of the feed, in seconds (`interval`); 0 fetches on every run.
    public var interval: Double
    /// Longest wait for the TCP/TLS connection, in seconds (`connect_timeout`; libcurl CURLOPT_CONNECTTIMEOUT).
    public var connectTimeout: Double
    /// Longest a whole transfer may take, in seconds (`timeout`; CURLOPT_TIMEOUT).
    public var timeout: Double
    /// Largest body accepted, in bytes (`max_bytes`); enforced while reading.
    public var maxBytes: Int
    /// A transfer slower than this many bytes per second (`low_speed_limit`; CURLOPT_LOW_SPEED_LIMIT) for
    /// `lowSpeedTime` is cut off; 0 turns the check off.
    public var lowSpeedLimit: Int
    /// How long, in seconds, a transfer may stay under `lowSpeedLimit` (`low_speed_time`; CURLOPT_LOW_SPEED_TIME).
    public var lowSpeedTime: Double

    /// A policy; durations in seconds, sizes in bytes.
    public init(interval: Double, connectTimeout: Double, timeout: Double, maxBytes: Int,
                lowSpeedLimit: Int, lowSpeedTime: Double) {
        (self.interval, self.connectTimeout, self.timeout) = (interval, connectTimeout, timeout)
        (self.maxBytes, self.lowSpeedLimit, self.lowSpeedTime) = (maxBytes, lowSpeedLimit, lowSpeedTime)
    }

    /// What applies when feeds.yml sets nothing: design.md's `interval: 30m`, `timeout: 30s`,
    /// `max_bytes: 10MB`; a 10 s connect timeout (a live server answers in well under that); and a
    /// trickle below 1 KB/s for 10 s is cut off, well before the 30 s timeout would end it.
    public static let standard = FetchPolicy(
        interval: 30 * 60, connectTimeout: 10, timeout: 30, maxBytes: 10 * 1024 * 1024,
        lowSpeedLimit: 1024, lowSpeedTime: 10
    )
}
