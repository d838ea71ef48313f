import GazetteConfig
import GazetteModel

/// feeds.yml texts the tests share.
enum Example {
    /// design.md's example, verbatim.
    static let design = """
        site:
          title: 财经新闻
          url: https://finews.example.com      # absolute; used in Atom ids, links, footers
          timezone: Asia/Shanghai              # IANA name or fixed offset "+08:00"
          language: zh-CN
          output: output                       # the Jekyll source tree Gazette writes into
          entries_per_feed: 50                 # entries in each Atom file
          footer:                              # the lines under each post body
            back_to_category: "返回{category_title}"
            back_to_home: "返回首页"
            separator: "｜"
        defaults:                              # any of these may be set per feed too
          interval: 30m                        # least time between two fetches of one feed
          timeout: 30s
          max_bytes: 10MB
        feeds:
          - title: 每日经济新闻
            url: https://example.com/nbd/rss.xml
            category: meirijingjixinwen         # default: pinyin of title, lowercase, no spaces
            category_title: 每日经济新闻新闻      # default: title
            tags: [每日经济新闻新闻]              # default: [category_title]
            include: []                         # optional keyword filters on title+body
            exclude: []

        """

    /// The least a feeds.yml can say: a site's title and url.
    static let minimalSite = """
        site:
          title: News
          url: https://news.example.com

        """

    /// `minimalSite` followed by `feeds:` holding `feedLines` (each line indented as written).
    static func withFeeds(_ feedLines: String) -> String {
        minimalSite + "feeds:\n" + feedLines
    }
}

/// `ConfigLoader.parse` of `text`, read as if from `file`.
func load(_ text: String, file: String = "feeds.yml") throws(ConfigError) -> SiteConfig {
    try ConfigLoader.parse(text: text, file: file)
}

/// The error `text` is refused with, nil when it loads.
func refusal(of text: String, file: String = "feeds.yml") -> ConfigError? {
    do {
        _ = try ConfigLoader.parse(text: text, file: file)
        return nil
    } catch {
        return error
    }
}
