public import Foundation

/// Everything `feeds.yml` says, checked and with every default applied: the site, the fetch defaults,
/// how many transfers may run at once, and the feeds in file order.
public struct SiteConfig: Sendable, Equatable {
    /// The absolute file URL of `feeds.yml`; relative paths in it were resolved against its folder,
    /// and the state store lives beside it.
    public var file: URL
    /// The published site: title, URL, time zone, output tree, footer.
    public var site: Site
    /// The fetch settings of a feed that sets none of its own (`defaults:`).
    public var defaults: FetchPolicy
    /// Limits on transfers running at once (top-level or `defaults:` `max_in_flight`, `max_per_host`).
    public var concurrency: Concurrency
    /// The feeds in the order `feeds.yml` lists them; may be empty.
    public var feeds: [FeedConfig]

    /// A configuration; what is left out takes the standard defaults and no feeds.
    public init(file: URL, site: Site, defaults: FetchPolicy = .standard,
                concurrency: Concurrency = .standard, feeds: [FeedConfig] = []) {
        (self.file, self.site, self.defaults, self.concurrency, self.feeds) = (file, site, defaults, concurrency, feeds)
    }
}
