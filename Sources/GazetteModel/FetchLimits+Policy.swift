extension FetchLimits {
    /// The limits of a feed's policy (feeds.yml `defaults:` and the feed's own keys).
    public init(_ policy: FetchPolicy, maxRedirects: Int = 5) {
        self.init(connectTimeout: policy.connectTimeout, timeout: policy.timeout, maxBytes: policy.maxBytes,
                  lowSpeedLimit: policy.lowSpeedLimit, lowSpeedTime: policy.lowSpeedTime, maxRedirects: maxRedirects)
    }
}
