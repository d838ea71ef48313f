import Foundation
import Testing
import GazetteModel

private func roundTrip<T: Codable & Equatable>(_ value: T) throws -> (T, String) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    return (try JSONDecoder().decode(T.self, from: data), String(decoding: data, as: UTF8.self))
}

@Test func entryWithEveryFieldSurvivesJSON() throws {
    var entry = sampleEntry(1, title: "标题 \"引号\" \\ 反斜杠 --- 😀\n换行")
    entry.updated = t0.addingTimeInterval(0.25)
    entry.comments = "https://example.com/nbd/1.html#comments"
    entry.links.append(Link(rel: "enclosure", href: "https://example.com/1.mp3", type: "audio/mpeg", title: "音频", length: 99))
    let (decoded, json) = try roundTrip(entry)
    #expect(decoded == entry)
    #expect(json.contains(#""published":"2022-05-12T11:27:42Z""#))
    #expect(json.contains(#""updated":"2022-05-12T11:26:42.25Z""#))
}

@Test func emptyEntryEncodesAsAnEmptyObjectAndDecodesBack() throws {
    let (decoded, json) = try roundTrip(Entry())
    #expect(json == "{}")
    #expect(decoded == Entry())
}

@Test func entryDecodesFromTheParseJSONShapeWithNullsAndMissingKeys() throws {
    let json = #"{"id":null,"title":"T","links":[{"href":"https://a.example/x"}],"published":"2022-05-12T11:26:42Z","authors":[]}"#
    let entry = try JSONDecoder().decode(Entry.self, from: Data(json.utf8))
    #expect(entry == Entry(title: "T", links: [Link(rel: "alternate", href: "https://a.example/x")], published: t0))
}

@Test func badDateIsADecodingErrorNamingTheValue() throws {
    let json = #"{"published":"12 May 2022"}"#
    #expect {
        try JSONDecoder().decode(Entry.self, from: Data(json.utf8))
    } throws: { error in
        "\(error)".contains("'12 May 2022' is not an RFC 3339 UTC date")
    }
}

@Test func datesKeepMicrosecondsThroughRepeatedRoundTrips() throws {
    var entry = Entry(published: Date(timeIntervalSince1970: 1_652_354_802.123456))
    let (first, firstJSON) = try roundTrip(entry)
    entry = first
    let (_, secondJSON) = try roundTrip(entry)
    #expect(firstJSON == #"{"published":"2022-05-12T11:26:42.123456Z"}"#)
    #expect(secondJSON == firstJSON)
}

@Test func datesBefore1970AndFarAheadRoundTrip() throws {
    for seconds in [-86_400.0 * 365 * 30 - 0.5, 0, 4_102_444_800] {   // 1940, 1970, 2100
        let entry = Entry(updated: Date(timeIntervalSince1970: seconds))
        #expect(try roundTrip(entry).0 == entry)
    }
}

@Test func feedInfoSurvivesJSONWithSelfKey() throws {
    let info = FeedInfo(title: "每日经济新闻", subtitle: "s", link: "https://example.com/", selfLink: "https://example.com/rss",
                        id: "urn:x", language: "zh-cn", updated: t0, generator: "g", image: "https://example.com/i.png",
                        authors: [Person(name: "编辑部", uri: "https://example.com/about")])
    let (decoded, json) = try roundTrip(info)
    #expect(decoded == info)
    #expect(json.contains(#""self":"https://example.com/rss""#))
}
