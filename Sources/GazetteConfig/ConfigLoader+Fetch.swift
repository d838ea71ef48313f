import GazetteModel

extension ConfigLoader {
    /// Keys a feed and `defaults:` share: when and how a feed is fetched.
    static let fetchKeys = ["interval", "connect_timeout", "timeout", "max_bytes", "low_speed_limit", "low_speed_time"]
    /// Keys of `defaults:`: the fetch keys, and the concurrency limits (which may stand at the top level instead).
    static let defaultsKeys = fetchKeys + concurrencyKeys
    /// Keys of the limits on transfers at once.
    static let concurrencyKeys = ["max_in_flight", "max_per_host"]

    /// The fetch keys `section` sets, each over the same setting of `base`.
    static func readFetchPolicy(_ section: ConfigSection?, over base: FetchPolicy) throws(ConfigError) -> FetchPolicy {
        guard let section else { return base }
        var policy = base
        // An interval of 0 means "on every run"; a low-speed limit of 0 turns the check off (libcurl's own
        // meaning). A timeout of 0 would mean "none" to libcurl, which is never what a cron job wants.
        if let seconds = try section.duration("interval", zeroAllowed: true) { policy.interval = seconds }
        if let seconds = try section.duration("connect_timeout") { policy.connectTimeout = seconds }
        if let seconds = try section.duration("timeout") { policy.timeout = seconds }
        if let bytes = try section.size("max_bytes") { policy.maxBytes = bytes }
        if let bytes = try section.size("low_speed_limit", zeroAllowed: true) { policy.lowSpeedLimit = bytes }
        if let seconds = try section.duration("low_speed_time") { policy.lowSpeedTime = seconds }
        return policy
    }

    /// `max_in_flight` and `max_per_host`, from the top level or `defaults:` (not both for one key).
    static func readConcurrency(top: ConfigSection, defaults: ConfigSection?) throws(ConfigError) -> Concurrency {
        func limit(_ key: String) throws(ConfigError) -> Int? {
            if let topAt = top.keyPosition(of: key), let defaultsAt = defaults?.keyPosition(of: key) {
                let (first, second) = topAt.line <= defaultsAt.line ? (topAt, defaultsAt) : (defaultsAt, topAt)
                throw .conflictingKey(key, at: second, other: first)
            }
            if let value = try top.positiveInteger(key) { return value }
            return try defaults?.positiveInteger(key)
        }
        return Concurrency(maxInFlight: try limit("max_in_flight") ?? Concurrency.standard.maxInFlight,
                           maxPerHost: try limit("max_per_host") ?? Concurrency.standard.maxPerHost)
    }
}
