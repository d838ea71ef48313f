import Foundation
import GazetteStore
import GazetteModel

/// Whole seconds: the store keeps dates to the millisecond, so tests compare exact values.
let t0 = Date(timeIntervalSince1970: 1_652_354_802)   // 2022-05-12T11:26:42Z

func minutes(_ n: Double) -> TimeInterval { n * 60 }
func hours(_ n: Double) -> TimeInterval { n * 3600 }

let nbdURL = "https://example.com/nbd/rss.xml"
let otherURL = "https://example.org/other/atom.xml"

/// An entry with everything an RSS item of the reference site has.
func sampleEntry(_ n: Int, title: String? = nil, content: String? = nil, published: Date? = nil) -> Entry {
    Entry(id: "https://example.com/nbd/\(n).html", title: title ?? "第\(n)条：工业互联网产业规模破万亿元",
          link: "https://example.com/nbd/\(n).html",
          links: [Link(href: "https://example.com/nbd/\(n).html", type: "text/html")],
          summary: "<p>摘要 \(n)</p>", content: content ?? "<p>正文 \(n) “双跨平台”</p>",
          published: published ?? t0.addingTimeInterval(Double(n) * 60),
          authors: [Person(name: "每日经济新闻", email: "news@example.com")],
          categories: ["财经"], enclosures: [Enclosure(url: "https://example.com/\(n).jpg", type: "image/jpeg", length: 1234)])
}

func sampleFeed(_ entries: [Entry], updated: Date = t0) -> Feed {
    Feed(format: .rss20, encoding: "utf-8",
         info: FeedInfo(title: "每日经济新闻", link: "https://example.com/nbd/", selfLink: nbdURL, id: nbdURL,
                        language: "zh-cn", updated: updated),
         entries: entries)
}

func parsed(_ entries: [Entry], etag: String? = "\"v1\"", updated: Date = t0) -> FetchOutcome {
    .parsed(sampleFeed(entries, updated: updated), validators: Validators(etag: etag, lastModified: "Thu, 12 May 2022 11:26:42 GMT"), status: 200)
}
