import Foundation
import GazetteParse
import Testing

/// `parseFeedDate` against a table of dates as feeds write them, each with the site zone it is read in and
/// the instant expected (RFC 3339, UTC), or nil.
struct DatesTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let text: String
        let zone: String
        let expected: String?

        init(_ text: String, in zone: String = "UTC", _ expected: String?) {
            (self.text, self.zone, self.expected) = (text, zone, expected)
        }

        var testDescription: String { "\"\(text)\" in \(zone)" }

        func parsed() -> String? {
            guard let zone = TimeZone(identifier: zone) else { return "unknown zone \(zone)" }
            return parseFeedDate(text, defaultTimeZone: zone).map(rfc3339)
        }
    }

    static let rfc822Examples: [Example] = [
        Example("Thu, 12 May 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 GMT", "2022-05-12T19:26:42Z"),
        Example("Thu, 12 May 22 19:26:42 GMT", "2022-05-12T19:26:42Z"),
        Example("Wed, 12 May 99 19:26:42 GMT", "1999-05-12T19:26:42Z"),
        Example("Sat, 1 Jan 50 00:00:00 GMT", "1950-01-01T00:00:00Z"),
        Example("Sat, 1 Jan 49 00:00:00 GMT", "2049-01-01T00:00:00Z"),
        Example("Thu, 12 May 2022 19:26 +0800", "2022-05-12T11:26:00Z"),
        Example("12 May 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("Mon, 12 May 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),   // wrong weekday, ignored
        Example("Thursday, 12 May 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("Thurs, 12 May 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("Thu 12 May 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("Thu,12 May 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("Thu. 12 May 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("THU, 12 MAY 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("thu, 12 may 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("Mon, 12 September 2022 19:26:42 +0800", "2022-09-12T11:26:42Z"),
        Example("Mon, 12 Sept 2022 19:26:42 +0800", "2022-09-12T11:26:42Z"),
        Example("Thu, 2 Jun 2022 09:05:01 +0800", "2022-06-02T01:05:01Z"),
        Example("  Thu,  12 May 2022\t 19:26:42  +0800 \n", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 UT", "2022-05-12T19:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 UTC", "2022-05-12T19:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 Z", "2022-05-12T19:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 EST", "2022-05-13T00:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 EDT", "2022-05-12T23:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 CST", "2022-05-13T01:26:42Z"),   // US Central, as feedparser reads it
        // …but China Standard Time to a site in China or Taiwan (Java's Date.toString, many Chinese CMSs).
        Example("Thu, 12 May 2022 19:26:42 CST", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 CST", in: "Asia/Taipei", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 CST", in: "America/Chicago", "2022-05-13T01:26:42Z"),
        Example("2022-05-12 19:26:42 CST", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("2022年05月12日 19:26 CST", in: "Asia/Shanghai", "2022-05-12T11:26:00Z"),
        Example("Thu May 12 19:26:42 CST 2022", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 +0800 CST", in: "America/Chicago", "2022-05-12T11:26:42Z"),   // the number wins
        Example("Thu, 12 May 2022 19:26:42 CDT", "2022-05-13T00:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 MST", "2022-05-13T02:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 MDT", "2022-05-13T01:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 PST", "2022-05-13T03:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 PDT", "2022-05-13T02:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 +08:00", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 -05", "2022-05-13T00:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 GMT+8", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 GMT+08:00", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 +0530", "2022-05-12T13:56:42Z"),
        Example("Thu, 12 May 2022 19:26:42 +0800 (CST)", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42 +0800 CST", "2022-05-12T11:26:42Z"),   // date(1) "%z %Z": the number wins
        Example("Thu May 12 2022 19:26:42 GMT+0800 (China Standard Time)", "2022-05-12T11:26:42Z"),   // JavaScript
        Example("Thu, 12 May 2022 19:26:42", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("Thu, 12 May 2022 19:26:42", "2022-05-12T19:26:42Z"),
        Example("Thu, 12 May 2022", "2022-05-12T00:00:00Z"),
        Example("Thursday, 12-May-22 19:26:42 GMT", "2022-05-12T19:26:42Z"),   // RFC 850
        Example("Thu, May 12 2022 19:26:42 +0800", "2022-05-12T11:26:42Z"),   // month and day swapped
        Example("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"),   // Perforce
    ]

    static let rfc3339Examples: [Example] = [
        Example("2022-05-12T11:26:42Z", "2022-05-12T11:26:42Z"),
        Example("2022-05-12T11:26:42.123456Z", "2022-05-12T11:26:42.123Z"),
        Example("2022-05-12T19:26:42+08:00", "2022-05-12T11:26:42Z"),
        Example("2022-05-12T19:26:42+0800", "2022-05-12T11:26:42Z"),
        Example("2022-05-12T07:26:42-04:00", "2022-05-12T11:26:42Z"),
        Example("2022-05-12t11:26:42z", "2022-05-12T11:26:42Z"),
        Example("2022-05-12 11:26:42Z", "2022-05-12T11:26:42Z"),
        Example("2022-05-12T19:26", in: "Asia/Shanghai", "2022-05-12T11:26:00Z"),
        Example("2022-05-12T19:26+08:00", "2022-05-12T11:26:00Z"),
        Example("2022", "2022-01-01T00:00:00Z"),
        Example("2022", in: "Asia/Shanghai", "2021-12-31T16:00:00Z"),
        Example("2022-05", "2022-05-01T00:00:00Z"),
        Example("2022-05-12", in: "Asia/Shanghai", "2022-05-11T16:00:00Z"),
        Example("2022-132", "2022-05-12T00:00:00Z"),
        Example("20220512T192642Z", "2022-05-12T19:26:42Z"),
        Example("20220512T1926+0800", "2022-05-12T11:26:00Z"),
        Example("20220512", "2022-05-12T00:00:00Z"),
        Example("20220512192642", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"),
        Example("2000-02-29", "2000-02-29T00:00:00Z"),
        Example("2022-05-12T24:00:00Z", "2022-05-13T00:00:00Z"),
        Example("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
        Example("2004-07-08 23:56:58.0", "2004-07-08T23:56:58Z"),   // MSSQL
        Example("2022-05-12T11:26:42,5Z", "2022-05-12T11:26:42.500Z"),
        Example("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ]

    static let asctimeExamples: [Example] = [
        Example("Thu May 12 19:26:42 2022", "2022-05-12T19:26:42Z"),
        Example("Thu May 12 19:26:42 2022", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("Mon May  2 09:05:01 2022", "2022-05-02T09:05:01Z"),
        Example("Thu May 12 19:26:42 CST 2022", "2022-05-13T01:26:42Z"),   // Unix date(1)
        Example("Thu May 12 19:26:42 2022 +0800", "2022-05-12T11:26:42Z"),
        Example("May 12, 2022 7:26 PM", in: "Asia/Shanghai", "2022-05-12T11:26:00Z"),
        Example("May 12, 2022 12:05 am", "2022-05-12T00:05:00Z"),
        Example("May 12, 2022", "2022-05-12T00:00:00Z"),
    ]

    static let chineseSiteExamples: [Example] = [
        Example("2022-05-12 19:26:42", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("2022/05/12 19:26", in: "Asia/Shanghai", "2022-05-12T11:26:00Z"),
        Example("2022/5/2 9:05:01", in: "Asia/Shanghai", "2022-05-02T01:05:01Z"),
        Example("2022-5-2 9:05", in: "Asia/Shanghai", "2022-05-02T01:05:00Z"),
        Example("2022.05.12 19:26", in: "Asia/Shanghai", "2022-05-12T11:26:00Z"),
        Example("2022年05月12日 19:26", in: "Asia/Shanghai", "2022-05-12T11:26:00Z"),
        Example("2022年5月12日", in: "Asia/Shanghai", "2022-05-11T16:00:00Z"),
        Example("2022年05月12日 19时26分", in: "Asia/Shanghai", "2022-05-12T11:26:00Z"),
        Example("2022年05月12日 19时26分42秒", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("2022年05月12日19:26:42", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("2022年5月", in: "Asia/Shanghai", "2022-04-30T16:00:00Z"),
        Example("2022-05-12 19:26:42 +0800", "2022-05-12T11:26:42Z"),
        Example("2022/05/12 19:26 +08:00", "2022-05-12T11:26:00Z"),
        Example("2022-05-12 +0800", "2022-05-11T16:00:00Z"),
        Example("２０２２年５月１２日 １９：２６", in: "Asia/Shanghai", "2022-05-12T11:26:00Z"),
        Example("\u{3000}2022-05-12\u{00A0}19:26:42\u{00A0}", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
        Example("2022-05-12\t19:26:42", in: "Asia/Shanghai", "2022-05-12T11:26:42Z"),
    ]

    /// Site zones with a DST history: a naive time takes the offset in force at that very instant.
    static let daylightSavingExamples: [Example] = [
        Example("2022-07-01 12:00:00", in: "America/New_York", "2022-07-01T16:00:00Z"),
        Example("2022-01-15 12:00:00", in: "America/New_York", "2022-01-15T17:00:00Z"),
        Example("Fri, 01 Jul 2022 12:00:00", in: "America/New_York", "2022-07-01T16:00:00Z"),
        Example("2022-03-13 01:59:59", in: "America/New_York", "2022-03-13T06:59:59Z"),
        Example("2022-03-13 03:00:00", in: "America/New_York", "2022-03-13T07:00:00Z"),
        Example("2022-03-13 02:30:00", in: "America/New_York", "2022-03-13T07:30:00Z"),   // skipped: read as 03:30 EDT
        Example("2022-11-06 01:30:00", in: "America/New_York", "2022-11-06T05:30:00Z"),   // twice: the first, EDT
        Example("2022-03-27 01:30:00", in: "Europe/Berlin", "2022-03-27T00:30:00Z"),
        Example("2022-03-27 03:30:00", in: "Europe/Berlin", "2022-03-27T01:30:00Z"),
        Example("2022-07-01", in: "Europe/London", "2022-06-30T23:00:00Z"),
        Example("1988-07-01 12:00:00", in: "Asia/Shanghai", "1988-07-01T03:00:00Z"),   // China kept DST 1986–91
        Example("1988-01-01 12:00:00", in: "Asia/Shanghai", "1988-01-01T04:00:00Z"),
        Example("2022-07-01 12:00:00 +0000", in: "America/New_York", "2022-07-01T12:00:00Z"),   // a zone wins
    ]

    static let unreadableExamples: [String] = [
        "", "   ", "\u{00A0}", "yesterday", "N/A", "null", "0000-00-00", "0000-00-00 00:00:00", "2022-13-45",
        "2022-00-10",
        "2022-02-30", "2023-02-29", "1900-02-29", "2022-04-31", "2022-05-00", "2022-05-12T25:00:00Z",
        "2022-05-12T24:00:01Z", "2022-05-12T19:60:00Z", "2022-05-12T19:26:61Z", "0999-01-01", "999-01-01",
        "12345678901234567890", String(repeating: "9", count: 10_000), "2022-05-12T19:26:42+15:00",
        "2022-05-12T19:26:42+08:60", "Thu, 32 May 2022 19:26:42 GMT", "Thu, 12 Foo 2022 19:26:42 GMT",
        "Thu, 12 May 2022 19:26:42 bogus", "Thu, 12 May 2022 19:26:42 A", "Thu, 12 May 2022 19:26:42 GMT +0800",
        "Thu, 12 May 2022 19:26:42 +0800 (CST", "Thu, 12 May 202 19:26:42 GMT", "Thu, 12 May 2 19:26:42 GMT",
        "05/12/2022", "12/05/2022", "12.05.2022", "2022-05-12T", "2022-05-12T19", "2022-05-12 19:2",
        "May 12, 2022 13:00 PM", "May 12 22", "2022-W19-4", "2022-366", "2022年05月12日 下午7:26",
        "2022-05-12\u{0001}", "+2022-05-12", "2022-05-12T19:26:42.Z", "Thursday", "12:00", "2022--05-12",
        "2022-05/12", "20220512T19264", "2022-05-12T19:26:42 +08:00:00", "Thu, 12 May 2022 19:26:42 +0800 bogus",
        "Thu, 12 May 2022 19:26:42 +0800 CST 2022", "1652354802", "Thu2022-05-12",
    ]

    @Test(arguments: DatesTests.rfc822Examples)
    func readsRFC822AndItsWildVariants(_ example: Example) {
        #expect(example.parsed() == example.expected)
    }

    @Test(arguments: DatesTests.rfc3339Examples)
    func readsRFC3339AndISO8601AndW3DTF(_ example: Example) {
        #expect(example.parsed() == example.expected)
    }

    @Test(arguments: DatesTests.asctimeExamples)
    func readsAsctimeAndMonthFirstDates(_ example: Example) {
        #expect(example.parsed() == example.expected)
    }

    @Test(arguments: DatesTests.chineseSiteExamples)
    func readsTheFormsOfChineseSites(_ example: Example) {
        #expect(example.parsed() == example.expected)
    }

    @Test(arguments: DatesTests.daylightSavingExamples)
    func naiveTimesTakeTheSiteZoneOffsetInForceAtThatInstant(_ example: Example) {
        #expect(example.parsed() == example.expected)
    }

    @Test(arguments: DatesTests.unreadableExamples)
    func returnsNilForAnythingItCannotReadWithConfidence(_ text: String) {
        #expect(parseFeedDate(text, defaultTimeZone: TimeZone(identifier: "Asia/Shanghai")!) == nil)
    }

    @Test func fixedOffsetSiteZoneReadsLikeTheNamedOne() {
        let fixed = parseFeedDate("2022-05-12 19:26:42", defaultTimeZone: TimeZone(secondsFromGMT: 8 * 3600)!)
        let named = parseFeedDate("2022-05-12 19:26:42", defaultTimeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(fixed != nil && fixed == named)
    }

    @Test func mangledInputNeverCrashesNorYieldsAYearOutsideFourDigits() {
        // Deterministic SplitMix64, so a failure reproduces.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabet = Array("0123456789 +-:/.,TZtz()年月日时分秒GMTESTPMam\u{00A0}９".unicodeScalars)
        let seeds = (Self.rfc822Examples + Self.rfc3339Examples + Self.asctimeExamples + Self.chineseSiteExamples)
            .map(\.text)
        let utc = TimeZone(identifier: "UTC")!
        let earliest = Date(timeIntervalSince1970: -30_610_224_000 - 86_400)   // 1000-01-01, less a day of offset
        let latest = Date(timeIntervalSince1970: 253_402_300_800 + 86_400)     // 10000-01-01, plus a day of offset
        var outOfRange: [String] = []
        for _ in 0..<20_000 {
            var scalars = Array(seeds[Int(next() % UInt64(seeds.count))].unicodeScalars)
            for _ in 0..<(1 + next() % 4) {
                let position = Int(next() % UInt64(scalars.count + 1))
                let scalar = alphabet[Int(next() % UInt64(alphabet.count))]
                switch next() % 3 {
                case 0 where position < scalars.count: scalars[position] = scalar
                case 1 where position < scalars.count: scalars.remove(at: position)
                default: scalars.insert(scalar, at: position)
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            if let date = parseFeedDate(text, defaultTimeZone: utc), date < earliest || date > latest {
                outOfRange.append(text)
            }
        }
        #expect(outOfRange.isEmpty)
    }
}

private func rfc3339(_ date: Date) -> String {
    let seconds = date.timeIntervalSince1970
    return seconds == seconds.rounded(.down)
        ? date.formatted(.iso8601)
        : date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
}
