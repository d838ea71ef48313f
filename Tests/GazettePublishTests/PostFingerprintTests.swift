import Foundation
import GazetteModel
import Testing
@testable import GazettePublish

private let site = Site(title: "Finews", url: URL(string: "https://finews.example.com")!,
                        timeZone: TimeZone(identifier: "Asia/Shanghai")!, output: URL(fileURLWithPath: "/tmp/out"))
private let nbd = FeedConfig(title: "每日经济新闻", url: "https://example.com/nbd.xml",
                             source: .web(URL(string: "https://example.com/nbd.xml")!),
                             category: "meirijingjixinwen", categoryTitle: "每日经济新闻新闻",
                             tags: ["每日经济新闻新闻"], position: FilePosition(file: "feeds.yml", line: 1, column: 1))

@Test func theFingerprintChangesWithWhatPostsSayAndOnlyWithThat() {
    let base = postFingerprint(site: site, feeds: [nbd])
    #expect(postFingerprint(site: site, feeds: [nbd]) == base)
    func changed(_ edit: (inout Site, inout FeedConfig) -> Void) -> String {
        var (s, f) = (site, nbd)
        edit(&s, &f)
        return postFingerprint(site: s, feeds: [f])
    }
    // What a post's text or the set of posts depends on.
    let shaping: [(inout Site, inout FeedConfig) -> Void] = [
        { $1.category = "nbd" }, { $1.categoryTitle = "每经" }, { $1.tags = ["a", "b"] }, { $1.tags = ["a b"] },
        { $1.include = ["工业"] }, { $1.exclude = ["广告"] }, { $1.url = "https://example.com/other.xml" },
        { s, _ in s.footer.backToHome = "首页" }, { s, _ in s.footer.separator = " | " },
        { s, _ in s.footer.backToCategory = "回到{category_title}" },
        { s, _ in s.url = URL(string: "https://news.example.com")! }, { s, _ in s.timeZone = TimeZone(identifier: "UTC")! },
    ]
    let prints = shaping.map(changed)
    #expect(!prints.contains(base))
    #expect(Set(prints).count == prints.count)
    // What it does not: no full rewrite for these.
    #expect(changed { _, f in f.title = "每经" } == base)
    #expect(changed { _, f in f.position = FilePosition(file: "feeds.yml", line: 9, column: 3) } == base)
    #expect(changed { s, _ in s.entriesPerFeed = 10 } == base)
    #expect(postFingerprint(site: site, feeds: []) != base)
}
