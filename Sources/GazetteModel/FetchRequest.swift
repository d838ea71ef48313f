/// One feed to fetch: what the pipeline hands the fetcher.
public struct FetchRequest: Sendable, Hashable {
    /// An `http:` or `https:` URL, or a local file as an absolute path or a `file:` URL (the
    /// caller resolves paths relative to feeds.yml first).
    public var url: String
    /// What the last successful fetch returned; sent back for a conditional GET.
    public var validators: Validators
    /// Time, size and speed limits.
    public var limits: FetchLimits
    /// The `User-Agent` header, `Gazette/VERSION (+SITE_URL)`.
    public var userAgent: String

    public init(url: String, validators: Validators = .none, limits: FetchLimits = FetchLimits(),
                userAgent: String = "Gazette") {
        (self.url, self.validators, self.limits, self.userAgent) = (url, validators, limits, userAgent)
    }
}
