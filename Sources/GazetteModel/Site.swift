public import Foundation

/// The published site (`site:` in feeds.yml).
public struct Site: Sendable, Equatable {
    /// Shown as the site's and the all-entries Atom feed's title.
    public var title: String
    /// Absolute http(s) URL of the site; the base of Atom ids, links and footers.
    public var url: URL
    /// The zone post dates are written in (`date:` in front matter); an IANA zone or a fixed offset.
    public var timeZone: TimeZone
    /// Language tag (`zh-CN`), for Atom `xml:lang` and the Jekyll config; nil when not set.
    public var language: String?
    /// The Jekyll source tree Gazette writes into, as an absolute file URL.
    public var output: URL
    /// How many entries each Atom file holds (newest first).
    public var entriesPerFeed: Int
    /// The lines under each post body.
    public var footer: Footer

    /// The Atom file size of design.md: 50 entries.
    public static let standardEntriesPerFeed = 50
    /// Where the output tree goes when `output` is not set, relative to feeds.yml's folder.
    public static let standardOutput = "output"

    /// A site; what is left out takes design.md's defaults (UTC, 50 entries, the reference footer).
    public init(title: String, url: URL, timeZone: TimeZone = .gmt,
                language: String? = nil, output: URL, entriesPerFeed: Int = Site.standardEntriesPerFeed,
                footer: Footer = Footer()) {
        (self.title, self.url, self.timeZone, self.language) = (title, url, timeZone, language)
        (self.output, self.entriesPerFeed, self.footer) = (output, entriesPerFeed, footer)
    }
}
