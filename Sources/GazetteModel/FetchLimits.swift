/// How long, how much and how slow one fetch may be before it is given up; a feed's `FetchPolicy`
/// without its `interval`, plus the redirect limit. Durations in seconds, sizes in bytes.
public struct FetchLimits: Sendable, Hashable {
    /// Seconds allowed to open the connection, TLS handshake included (`connect_timeout`); 0 is
    /// libcurl's default, 300 s.
    public var connectTimeout: Double
    /// Seconds allowed for the whole fetch, redirects included (`timeout`); 0 is no limit.
    public var timeout: Double
    /// Largest body accepted, in bytes after content decoding (`max_bytes`). Enforced while
    /// reading: the transfer stops at the first byte past it.
    public var maxBytes: Int
    /// A transfer slower than this many bytes per second for `lowSpeedTime` is cut off
    /// (`low_speed_limit`), so a trickling server cannot hold a slot until `timeout`; 0 turns
    /// the check off.
    public var lowSpeedLimit: Int
    /// Seconds the transfer may stay under `lowSpeedLimit` (`low_speed_time`); libcurl counts
    /// whole seconds, so it is rounded up, to at least 1.
    public var lowSpeedTime: Double
    /// Redirects followed before giving up (issue 3: at most 5, only to http and https).
    public var maxRedirects: Int

    public init(connectTimeout: Double = 10, timeout: Double = 30, maxBytes: Int = 10 * 1024 * 1024,
                lowSpeedLimit: Int = 1024, lowSpeedTime: Double = 10, maxRedirects: Int = 5) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxRedirects = maxRedirects
    }
}
