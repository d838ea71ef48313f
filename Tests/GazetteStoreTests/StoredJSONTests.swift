import Foundation
import Testing
import GazetteModel
import GRDB
@testable import GazetteStore

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

@Test func theStoreHoldsEachEntrysJSONAsTextByteForByteWithItsHash() throws {
    try withTemporaryFolder { folder in
        let store = try Store.open(path: folder.appendingPathComponent("state.sqlite").path)
        let entry = richEntry()
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([entry]), interval: minutes(30), now: t0)
        let (type, text, hash) = try store.queue.read { db -> (String?, String?, String?) in
            let row = try Row.fetchOne(db, sql: "SELECT typeof(entry_json) AS t, entry_json, content_hash FROM items")
            return (row?["t"], row?["entry_json"], row?["content_hash"])
        }
        // Bound as bytes, stored as TEXT: sqlite3, json_extract and every reader see text.
        #expect(type == "text")
        #expect(text == entry.storedJSON())
        #expect(Data(entry.storedJSON().utf8) == entry.storedJSONData())
        #expect(hash == ContentHash.hex(entry.storedJSON()))
        let title = try store.queue.read { try String.fetchOne($0, sql: "SELECT json_extract(entry_json, '$.title') FROM items") }
        #expect(title == entry.title)
    }
}

@Test func storedJSONEscapesWhateverStandsWhereverItStands() throws {
    // Titles of every length to 40 with one character that needs escaping at every place: the
    // writer reads eight bytes at a time and must see it in any position of the word.
    let specials: [Character] = ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{2028}", "\u{2029}", "\t", "“"]
    for length in 0...40 {
        for position in 0...length {
            for special in specials {
                var title = String(repeating: "a", count: length)
                title.insert(special, at: title.index(title.startIndex, offsetBy: position))
                let entry = sampleEntry(1, title: title)
                let decoded = try JSONDecoder().decode(Entry.self, from: entry.storedJSONData())
                #expect(decoded.title == title)
                if decoded.title != title { return }
            }
        }
    }
}
