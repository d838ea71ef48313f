import Foundation
import Testing
import GazetteModel

private func sortedEncoding(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

private func richEntry() -> Entry {
    var entry = sampleEntry(3, title: "标题 \"引号\" \\ 反斜杠 / 斜杠 --- 😀\n\t换行 \u{1}")
    entry.updated = t0.addingTimeInterval(0.5)
    entry.comments = "https://example.com/nbd/3.html#comments"
    entry.links.append(Link(rel: "enclosure", href: "https://example.com/3.mp3", type: "audio/mpeg", title: "音频", length: 99))
    entry.authors.append(Person(uri: "https://example.com/about"))
    entry.categories.append("Markets & Money")
    entry.enclosures.append(Enclosure(url: "https://example.com/3.pdf"))
    return entry
}

@Test func storedJSONIsWhatJSONEncoderWritesWithSortedKeys() throws {
    for entry in [richEntry(), Entry(), Entry(id: "x"), sampleEntry(1)] {
        #expect(entry.storedJSON() == (try sortedEncoding(entry)))
    }
    let info = FeedInfo(title: "每日经济新闻", subtitle: "s", link: "https://example.com/", selfLink: "https://example.com/rss",
                        id: "urn:x", language: "zh-cn", updated: t0, generator: "g", image: "https://example.com/i.png",
                        authors: [Person(name: "编辑部")])
    for info in [info, FeedInfo()] {
        #expect(info.storedJSON() == (try sortedEncoding(info)))
    }
}

@Test func storedJSONDecodesBackToTheSameEntry() throws {
    var entry = richEntry()
    entry.summary = "line\u{2028}separator \u{8}\u{c}"   // escaped differently from JSONEncoder, same value
    #expect(try JSONDecoder().decode(Entry.self, from: Data(entry.storedJSON().utf8)) == entry)
}
