import GazetteConfig
import GazetteModel
import Testing

/// Every mistake in feeds.yml is refused with its file:line:column and the key at fault.
struct ConfigErrorTests {
    /// A mistaken feeds.yml, the place its error must name, and a word the message must hold (the key).
    struct Mistake: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let line: Int
        let column: Int
        let mentions: String

        var testDescription: String { name }
    }

    static let site = Example.minimalSite
    static let mistakes: [Mistake] = [
        Mistake(name: "unknown top-level key", text: site + "feed:\n  - title: A\n", line: 4, column: 1, mentions: "'feed'"),
        Mistake(name: "unknown site key", text: "site:\n  title: News\n  url: https://n.example.com\n  tz: UTC\n",
                line: 4, column: 3, mentions: "'tz'"),
        Mistake(name: "unknown footer key", text: "site:\n  title: N\n  url: https://n.example.com\n  footer:\n    back: x\n",
                line: 5, column: 5, mentions: "'back'"),
        Mistake(name: "unknown defaults key", text: site + "defaults:\n  intreval: 30m\n", line: 5, column: 3, mentions: "'intreval'"),
        Mistake(name: "unknown feed key", text: Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n    colour: red\n"),
                line: 7, column: 5, mentions: "'colour'"),
        Mistake(name: "concurrency key in a feed", text: Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n    max_per_host: 1\n"),
                line: 7, column: 5, mentions: "'max_per_host'"),
        Mistake(name: "missing site", text: "feeds: []\n", line: 1, column: 1, mentions: "'site'"),
        Mistake(name: "missing site title", text: "site:\n  url: https://n.example.com\n", line: 2, column: 3, mentions: "'title'"),
        Mistake(name: "missing site url", text: "site:\n  title: N\n", line: 2, column: 3, mentions: "'url'"),
        Mistake(name: "missing feed url", text: Example.withFeeds("  - title: A\n"), line: 5, column: 5, mentions: "'url'"),
        Mistake(name: "missing feed title", text: Example.withFeeds("  - url: https://a.example.com/f\n"), line: 5, column: 5, mentions: "'title'"),
        Mistake(name: "empty feed url", text: Example.withFeeds("  - title: A\n    url:\n"), line: 6, column: 5, mentions: "'url'"),
        Mistake(name: "blank feed title", text: Example.withFeeds("  - title: \"  \"\n    url: https://a.example.com/f\n"),
                line: 5, column: 12, mentions: "'title'"),
        Mistake(name: "duplicate url", text: Example.withFeeds("  - {title: A, url: https://a.example.com/f}\n  - {title: B, url: https://a.example.com/f}\n"),
                line: 6, column: 21, mentions: "https://a.example.com/f"),
        Mistake(name: "duplicate url, host in other case", text: Example.withFeeds("  - {title: A, url: https://A.example.com/f}\n  - {title: B, url: https://a.example.COM/f}\n"),
                line: 6, column: 21, mentions: "https://a.example.COM/f"),
        Mistake(name: "duplicate file, spelt two ways", text: Example.withFeeds("  - {title: A, url: samples/a.xml}\n  - {title: B, url: ./samples/../samples/a.xml}\n"),
                line: 6, column: 21, mentions: "./samples/../samples/a.xml"),
        Mistake(name: "bad duration", text: site + "defaults:\n  interval: 30 minutes\n", line: 5, column: 13, mentions: "'interval'"),
        Mistake(name: "duration without unit", text: Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n    timeout: 30\n"),
                line: 7, column: 14, mentions: "'timeout'"),
        Mistake(name: "zero timeout", text: site + "defaults:\n  connect_timeout: 0s\n", line: 5, column: 20, mentions: "'connect_timeout'"),
        Mistake(name: "bad size", text: site + "defaults:\n  max_bytes: 10 MB\n", line: 5, column: 14, mentions: "'max_bytes'"),
        Mistake(name: "bad low speed limit", text: site + "defaults:\n  low_speed_limit: 1KB/s\n", line: 5, column: 20, mentions: "'low_speed_limit'"),
        Mistake(name: "bad low speed time", text: site + "defaults:\n  low_speed_time: 0.5m\n", line: 5, column: 19, mentions: "'low_speed_time'"),
        Mistake(name: "bad entries_per_feed", text: "site:\n  title: N\n  url: https://n.example.com\n  entries_per_feed: fifty\n",
                line: 4, column: 21, mentions: "'entries_per_feed'"),
        Mistake(name: "zero max_in_flight", text: site + "max_in_flight: 0\n", line: 4, column: 16, mentions: "'max_in_flight'"),
        Mistake(name: "max_in_flight in both places", text: site + "max_in_flight: 8\ndefaults:\n  max_in_flight: 4\n",
                line: 6, column: 3, mentions: "'max_in_flight'"),
        Mistake(name: "bad timezone", text: "site:\n  title: N\n  url: https://n.example.com\n  timezone: Mars/Olympus\n",
                line: 4, column: 13, mentions: "Mars/Olympus"),
        Mistake(name: "list where text is expected", text: Example.withFeeds("  - title: [A, B]\n    url: https://a.example.com/f\n"),
                line: 5, column: 12, mentions: "'title'"),
        Mistake(name: "text where a list is expected", text: Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n    tags: markets\n"),
                line: 7, column: 11, mentions: "'tags'"),
        Mistake(name: "list item that is not text", text: Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n    exclude: [[x]]\n"),
                line: 7, column: 15, mentions: "'exclude'"),
        Mistake(name: "mapping where a list is expected", text: site + "feeds:\n  title: A\n", line: 5, column: 3, mentions: "'feeds'"),
        Mistake(name: "feed that is a bare url", text: Example.withFeeds("  - https://a.example.com/f\n"), line: 5, column: 5, mentions: "'feed'"),
        Mistake(name: "site that is text", text: "site: News\n", line: 1, column: 7, mentions: "'site'"),
        Mistake(name: "site url without scheme", text: "site:\n  title: N\n  url: finews.example.com\n", line: 3, column: 8, mentions: "finews.example.com"),
        Mistake(name: "site url with another scheme", text: "site:\n  title: N\n  url: ftp://finews.example.com\n", line: 3, column: 8, mentions: "ftp://"),
        Mistake(name: "feed url with another scheme", text: Example.withFeeds("  - title: A\n    url: ftp://a.example.com/f\n"), line: 6, column: 10, mentions: "ftp://"),
        Mistake(name: "feed url with a line break", text: Example.withFeeds("  - title: A\n    url: \"bad\\nname.xml\"\n"), line: 6, column: 10, mentions: "control character"),
        Mistake(name: "feed url without scheme", text: Example.withFeeds("  - title: A\n    url: example.com/rss.xml\n"), line: 6, column: 10, mentions: "example.com/rss.xml"),
        Mistake(name: "feed url with host and port only", text: Example.withFeeds("  - title: A\n    url: localhost:8080/rss.xml\n"), line: 6, column: 10, mentions: "localhost:8080"),
        Mistake(name: "category that leaves the output folder", text: Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n    category: ../etc\n"),
                line: 7, column: 15, mentions: "'../etc'"),
        Mistake(name: "duplicate url but for the default port", text: Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n  - title: B\n    url: https://a.example.com:443/f\n"),
                line: 8, column: 10, mentions: "duplicate url"),
        Mistake(name: "category named as the whole site's feed", text: Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n    category: all\n"),
                line: 7, column: 15, mentions: "feeds/all.xml is the whole site's Atom feed"),
        Mistake(name: "category titled two ways",
                text: Example.withFeeds("""
                      - {title: A, url: https://a.example.com/f, category: tech, category_title: Tech}
                      - {title: B, url: https://b.example.com/f, category: tech}

                    """),
                line: 6, column: 5, mentions: "'tech'"),
        Mistake(name: "YAML syntax: bad indentation", text: "site:\n  title: News\n   url: https://n.example.com\n", line: 3, column: 7, mentions: "YAML syntax error"),
        Mistake(name: "YAML syntax: tab", text: "site:\n\ttitle: News\n", line: 2, column: 1, mentions: "tabs"),
        Mistake(name: "YAML syntax: unclosed quote", text: "site:\n  title: \"News\n  url: https://n.example.com\n", line: 4, column: 1, mentions: "line 2"),
        Mistake(name: "YAML duplicate key", text: "site:\n  title: News\n  title: Again\n  url: https://n.example.com\n", line: 3, column: 3, mentions: "'title'"),
        Mistake(name: "YAML duplicate key after a nested mapping",
                text: "site:\n  title: News\n  footer:\n    title: x\n  url: https://n.example.com\n  'title': Again\n",
                line: 6, column: 3, mentions: "(first at line 2)"),
        Mistake(name: "YAML duplicate first key of a feed",
                text: Example.withFeeds("  - url: https://a.example.com/f\n    title: A\n  - url: https://b.example.com/f\n    title: B\n    url: https://c.example.com/f\n"),
                line: 9, column: 5, mentions: "'url'"),
        Mistake(name: "YAML duplicate key in a flow mapping", text: Example.withFeeds("  - {title: A, url: https://a.example.com/f, title: B}\n"),
                line: 5, column: 6, mentions: "'title' appears more than once"),
    ]

    @Test(arguments: mistakes)
    func mistakeNamesItsPlaceAndKey(_ mistake: Mistake) throws {
        let error = try #require(refusal(of: mistake.text))
        #expect(error.position == FilePosition(file: "feeds.yml", line: mistake.line, column: mistake.column))
        #expect(error.description.hasPrefix("feeds.yml:\(mistake.line):\(mistake.column): "))
        #expect(error.description.contains(mistake.mentions))
        // Every message says what to do after saying what is wrong.
        #expect(error.description.contains("; "))
    }

    @Test func unknownKeyListsTheKnownOnesAndSuggestsTheNearest() {
        #expect(refusal(of: Example.minimalSite + "defaults:\n  intreval: 30m\n")?.description == """
            feeds.yml:5:3: unknown key 'intreval'; did you mean 'interval'? expected one of: interval, connect_timeout, \
            timeout, max_bytes, low_speed_limit, low_speed_time, max_in_flight, max_per_host
            """)
    }

    @Test func unknownKeyFarFromAnyKnownOneSuggestsNothing() {
        let text = Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n    colour: red\n")
        #expect(refusal(of: text)?.description == """
            feeds.yml:7:5: unknown key 'colour'; expected one of: title, url, category, category_title, tags, include, \
            exclude, interval, connect_timeout, timeout, max_bytes, low_speed_limit, low_speed_time
            """)
    }

    @Test func missingURLSaysWhatToAdd() {
        #expect(refusal(of: Example.withFeeds("  - title: A\n    tags: [x]\n"))?.description == """
            feeds.yml:5:5: feed has no 'url'; add url: with the feed's address (https://…, or a file path relative to feeds.yml)
            """)
    }

    @Test func duplicateURLNamesBothLines() {
        let text = Example.withFeeds("""
              - title: A
                url: https://a.example.com/f
              - title: B
                url: https://a.example.com/f

            """)
        #expect(refusal(of: text)?.description == """
            feeds.yml:8:10: duplicate url 'https://a.example.com/f': the feed at line 6 has it too; remove one of the two
            """)
    }

    /// Two feeds whose 1,000-character titles slug alike: the message quoted both titles whole.
    @Test func aCategoryConflictOfLongTitlesStaysOneShortLine() throws {
        let long = String(repeating: "很长的标题", count: 200)
        let text = Example.withFeeds("  - title: \(long)107\n    url: https://a.example.com/f\n  - title: \(long)7\n    url: https://b.example.com/f\n")
        let message = try #require(refusal(of: text)?.description)
        #expect(message.count < 400 && message.contains("…") && message.contains("category: …"), "\(message)")
    }

    @Test func duplicateKeyPointsAtTheSecondAndNamesTheFirst() {
        let text = Example.withFeeds("  - title: A\n    url: https://a.example.com/f\n    category: x\n    category: y\n")
        #expect(refusal(of: text)?.description == """
            feeds.yml:8:5: key 'category' appears a second time in this mapping (first at line 7); keep one of them
            """)
    }

    @Test func badDurationShowsTheFormsThatWork() {
        #expect(refusal(of: Example.minimalSite + "defaults:\n  interval: 30 minutes\n")?.description == """
            feeds.yml:5:13: 'interval' is not a duration: '30 minutes'; write a number and a unit, like 45s, 30m, 2h, 1d or 1h30m
            """)
    }

    @Test func durationWithoutUnitSuggestsSeconds() {
        #expect(refusal(of: Example.minimalSite + "defaults:\n  timeout: 30\n")?.description
            .hasSuffix("like 45s, 30m, 2h, 1d or 1h30m ('30s' for seconds)") == true)
    }

    @Test func badSizeShowsTheFormsThatWork() {
        #expect(refusal(of: Example.minimalSite + "defaults:\n  max_bytes: 10 MB\n")?.description == """
            feeds.yml:5:14: 'max_bytes' is not a size: '10 MB'; write bytes as digits, or a number and a unit, like 512KB, 10MB or 1GB
            """)
    }

    @Test func misspeltTimeZoneSuggestsTheKnownOne() {
        let text = "site:\n  title: N\n  url: https://n.example.com\n  timezone: Asia/Shangai\n"
        #expect(refusal(of: text)?.description == """
            feeds.yml:4:13: unknown time zone 'Asia/Shangai'; did you mean 'Asia/Shanghai'? \
            write an IANA zone name like Asia/Shanghai, or a fixed offset like +08:00
            """)
    }

    @Test func wrongTypeSaysWhatWasFoundAndHowToWriteIt() {
        #expect(refusal(of: Example.withFeeds("  - title: [A, B]\n    url: https://a.example.com/f\n"))?.description == """
            feeds.yml:5:12: 'title' should be text, not a list; write one value after 'title:' (quote it if it starts with [ or {)
            """)
    }

    @Test func siteURLMustBeAbsolute() {
        #expect(refusal(of: "site:\n  title: N\n  url: /news\n")?.description == """
            feeds.yml:3:8: site url '/news' is not an absolute http(s) URL; write it in full, like https://news.example.com
            """)
    }

    @Test func syntaxErrorNamesItsLine() {
        #expect(refusal(of: "site:\n  title: News\n   url: https://n.example.com\n")?.description == """
            feeds.yml:3:7: YAML syntax error: mapping values are not allowed in this context; \
            check the indentation, and quote a value that holds ': ' or ' #'
            """)
    }

    @Test func messagesNameTheFileAsGiven() {
        let error = refusal(of: "site:\n  title: N\n", file: "sites/finews/feeds.yml")
        #expect(error?.description.hasPrefix("sites/finews/feeds.yml:2:3: site has no 'url'") == true)
    }
}
