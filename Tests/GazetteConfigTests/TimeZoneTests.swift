import Foundation
import GazetteConfig
import GazetteModel
import Testing

/// `site.timezone`: an IANA name or a fixed offset.
struct TimeZoneTests {
    @Test(arguments: [
        ("Asia/Shanghai", "Asia/Shanghai"), ("America/New_York", "America/New_York"), ("Europe/London", "Europe/London"),
    ])
    func ianaNameGivesThatZone(text: String, identifier: String) throws {
        #expect(try #require(parseTimeZone(text)).identifier == identifier)
    }

    @Test(arguments: [
        ("+08:00", 28_800), ("+0800", 28_800), ("+08", 28_800), ("-05:30", -19_800), ("+00:00", 0), ("+14:00", 50_400),
        ("UTC", 0), ("GMT", 0), ("Z", 0),
    ])
    func fixedOffsetGivesThatOffset(text: String, seconds: Int) throws {
        #expect(try #require(parseTimeZone(text)).secondsFromGMT() == seconds)
    }

    @Test func ianaZoneKeepsItsDaylightSavingRules() throws {
        let newYork = try #require(parseTimeZone("America/New_York"))
        let january = Date(timeIntervalSince1970: 1_704_067_200)   // 2024-01-01
        let july = Date(timeIntervalSince1970: 1_719_792_000)      // 2024-07-01
        #expect(newYork.secondsFromGMT(for: january) == -18_000 && newYork.secondsFromGMT(for: july) == -14_400)
    }

    @Test(arguments: ["CST", "asia/shanghai", "Mars/Olympus", "+8", "08:00", "+15:00", "+08:60", "+08-00", "+08:0", "+080:0", "UTC+8", ""])
    func anythingElseIsNotAZone(text: String) {
        #expect(parseTimeZone(text) == nil)
    }

    @Test func configReadsAFixedOffset() throws {
        let config = try load("site:\n  title: N\n  url: https://n.example.com\n  timezone: \"+08:00\"\n")
        #expect(config.site.timeZone.secondsFromGMT() == 28_800)
    }

    @Test func configReadsAnUnquotedOffset() throws {
        // YAML 1.1 would read 8:00 as the sexagesimal 480; the zone must come through as written.
        let config = try load("site:\n  title: N\n  url: https://n.example.com\n  timezone: +08:00\n")
        #expect(config.site.timeZone.secondsFromGMT() == 28_800)
    }

    @Test func zoneInOtherLetterCaseSuggestsTheRightSpelling() {
        let error = refusal(of: "site:\n  title: N\n  url: https://n.example.com\n  timezone: asia/shanghai\n")
        #expect(error == .badTimeZone("asia/shanghai", at: .init(file: "feeds.yml", line: 4, column: 13), suggestion: "Asia/Shanghai"))
    }
}
