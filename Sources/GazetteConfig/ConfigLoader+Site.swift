import Foundation
import GazetteModel

extension ConfigLoader {
    /// Keys of `site:`.
    static let siteKeys = ["title", "url", "timezone", "language", "output", "entries_per_feed", "footer"]
    /// Keys of `site.footer:`.
    static let footerKeys = ["back_to_category", "back_to_home", "separator"]

    /// `site:`: title and url required, the rest defaulted (UTC, `output` beside feeds.yml, 50 entries,
    /// the reference site's footer).
    static func readSite(_ section: ConfigSection, folder: URL) throws(ConfigError) -> Site {
        let title = try section.requiredText("title")
        let urlText = try section.requiredText("url")
        guard let url = URL(string: urlText), ["http", "https"].contains(url.scheme?.lowercased()),
              let host = url.host, !host.isEmpty else {
            throw .badSiteURL(urlText, at: section.position(of: "url") ?? section.position)
        }
        var timeZone = TimeZone.gmt
        if let zoneText = try section.nonEmptyText("timezone") {
            guard let zone = parseTimeZone(zoneText) else {
                throw .badTimeZone(zoneText, at: section.position(of: "timezone") ?? section.position,
                                   suggestion: suggestedTimeZone(for: zoneText))
            }
            timeZone = zone
        }
        let output = try section.nonEmptyText("output") ?? Site.standardOutput
        return Site(
            title: title, url: url, timeZone: timeZone, language: try section.nonEmptyText("language"),
            output: URL(fileURLWithPath: output, isDirectory: true, relativeTo: folder).absoluteURL.standardizedFileURL,
            entriesPerFeed: try section.positiveInteger("entries_per_feed") ?? Site.standardEntriesPerFeed,
            footer: try readFooter(section.section("footer", known: footerKeys))
        )
    }

    /// `site.footer:`; each line left out keeps its default. Empty text is allowed (no separator).
    private static func readFooter(_ section: ConfigSection?) throws(ConfigError) -> Footer {
        var footer = Footer()
        guard let section else { return footer }
        if let text = try section.text("back_to_category") { footer.backToCategory = text }
        if let text = try section.text("back_to_home") { footer.backToHome = text }
        if let text = try section.text("separator") { footer.separator = text }
        return footer
    }
}
