public import GazetteModel
import Foundation

/// Gazette's subscriptions as an OPML 2.0 document (http://opml.org/spec2.opml), for `gazette opml
/// export`; feed readers import it, and `OPMLReader` reads it back with categories and tags intact.
public enum OPMLWriter {
    /// An OPML 2.0 document as UTF-8 bytes, 2-space indented, ending in a newline. Deterministic (no
    /// `dateCreated`): the same input gives the same bytes. `head/title` is `title`; the body holds one
    /// outline per category, in the order categories are first seen, with `text` and `title` = the first
    /// `categoryTitle` seen for it and `gazette:category` = its slug; inside it, its feeds in input order as
    /// `<outline type="rss" text= title= xmlUrl= htmlUrl= gazette:tags=/>` (`htmlUrl` and `gazette:tags`
    /// only when set; tags joined with commas). Every value is escaped (`& < > " '`, tab and line breaks
    /// as references) and characters XML 1.0 forbids are removed.
    public static func document(title: String, subscriptions: [OPMLSubscription]) -> [UInt8] {
        var categories: [(slug: String, title: String, feeds: [OPMLSubscription])] = []
        var indexOfCategory: [String: Int] = [:]
        for subscription in subscriptions {
            if let index = indexOfCategory[subscription.category] {
                categories[index].feeds.append(subscription)
            } else {
                indexOfCategory[subscription.category] = categories.count
                categories.append((subscription.category, subscription.categoryTitle, [subscription]))
            }
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<opml version=\"2.0\" xmlns:gazette=\"\(xmlAttribute(OPMLOutline.gazetteNamespace))\">\n"
        xml += "  <head>\n"
        xml += "    <title>\(xmlText(title))</title>\n"
        xml += "  </head>\n"
        guard !categories.isEmpty else { return Array((xml + "  <body/>\n</opml>\n").utf8) }
        xml += "  <body>\n"
        for category in categories {
            let name = xmlAttribute(category.title)
            xml += "    <outline text=\"\(name)\" title=\"\(name)\" gazette:category=\"\(xmlAttribute(category.slug))\">\n"
            for feed in category.feeds {
                let feedTitle = xmlAttribute(feed.title)
                xml += "      <outline type=\"rss\" text=\"\(feedTitle)\" title=\"\(feedTitle)\" xmlUrl=\"\(xmlAttribute(feed.xmlURL))\""
                if let htmlURL = feed.htmlURL { xml += " htmlUrl=\"\(xmlAttribute(htmlURL))\"" }
                if let tags = feed.tags {
                    // Comma-separated; a comma or `%` inside a tag is percent-encoded (`t,2` → `t%2C2`).
                    let escaped = tags.map { $0.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ",", with: "%2C") }
                    xml += " gazette:tags=\"\(xmlAttribute(escaped.joined(separator: ",")))\""
                }
                xml += "/>\n"
            }
            xml += "    </outline>\n"
        }
        xml += "  </body>\n</opml>\n"
        return Array(xml.utf8)
    }
}
