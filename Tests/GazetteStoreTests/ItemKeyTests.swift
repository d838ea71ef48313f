import Foundation
import Testing
import GazetteModel
import GazetteStore

@Test func sameEntryTwiceGivesTheSameKey() {
    #expect(itemKey(feedURL: nbdURL, entry: sampleEntry(1)) == itemKey(feedURL: nbdURL, entry: sampleEntry(1)))
}

@Test func keyIsPinned() {
    // Changing itemKey makes every stored item new again: this value must never change.
    #expect(itemKey(feedURL: nbdURL, entry: Entry(id: "urn:uuid:1")) == pinnedKey)
    #expect(itemKey(feedURL: nbdURL, entry: Entry(id: "urn:uuid:1")).count == 64)
}

@Test func idDecidesTheKeyWhateverElseChanges() {
    let before = sampleEntry(1)
    var after = sampleEntry(1, title: "更正后的标题", content: "<p>新正文</p>", published: t0.addingTimeInterval(3600))
    after.link = "https://example.com/nbd/1-moved.html"
    #expect(itemKey(feedURL: nbdURL, entry: before) == itemKey(feedURL: nbdURL, entry: after))
}

@Test func withoutAnIdTheLinkDecides() {
    let a = Entry(title: "A", link: "https://example.com/a", published: t0)
    let b = Entry(title: "A changed", link: "https://example.com/a", published: t0.addingTimeInterval(60))
    let c = Entry(title: "A", link: "https://example.com/c", published: t0)
    #expect(itemKey(feedURL: nbdURL, entry: a) == itemKey(feedURL: nbdURL, entry: b))
    #expect(itemKey(feedURL: nbdURL, entry: a) != itemKey(feedURL: nbdURL, entry: c))
}

@Test func withoutIdOrLinkTitleAndDateDecide() {
    let a = Entry(title: "A", content: "one", published: t0)
    let sameTitleAndDate = Entry(title: "A", content: "two", published: t0)
    let otherDate = Entry(title: "A", content: "one", published: t0.addingTimeInterval(1))
    let otherTitle = Entry(title: "B", content: "one", published: t0)
    #expect(itemKey(feedURL: nbdURL, entry: a) == itemKey(feedURL: nbdURL, entry: sameTitleAndDate))
    #expect(itemKey(feedURL: nbdURL, entry: a) != itemKey(feedURL: nbdURL, entry: otherDate))
    #expect(itemKey(feedURL: nbdURL, entry: a) != itemKey(feedURL: nbdURL, entry: otherTitle))
}

@Test func untitledUndatedItemsAreToldApartByTheirBody() {
    #expect(itemKey(feedURL: nbdURL, entry: Entry(content: "one")) != itemKey(feedURL: nbdURL, entry: Entry(content: "two")))
    #expect(itemKey(feedURL: nbdURL, entry: Entry(summary: "one")) == itemKey(feedURL: nbdURL, entry: Entry(summary: "one")))
}

@Test func blankIdsAndLinksCountAsAbsent() {
    let blank = Entry(id: "  \n", title: "A", link: "", published: t0)
    #expect(itemKey(feedURL: nbdURL, entry: blank) == itemKey(feedURL: nbdURL, entry: Entry(title: "A", published: t0)))
    #expect(itemKey(feedURL: nbdURL, entry: Entry(id: " x ")) == itemKey(feedURL: nbdURL, entry: Entry(id: "x")))
}

@Test func anIdEqualToALinkDoesNotCollideWithThatLink() {
    #expect(itemKey(feedURL: nbdURL, entry: Entry(id: "https://example.com/a"))
        != itemKey(feedURL: nbdURL, entry: Entry(link: "https://example.com/a")))
}

@Test func theSameIdInTwoFeedsGivesTwoKeys() {
    #expect(itemKey(feedURL: nbdURL, entry: Entry(id: "1")) != itemKey(feedURL: otherURL, entry: Entry(id: "1")))
}

/// sha256("gazette-item-v1\0https://example.com/nbd/rss.xml\0id\0urn:uuid:1"), computed with Python's hashlib.
private let pinnedKey = "f5f59e1e7d75c23767fc6416cd5cb351d9e0c102e30ae7e338df39dd11e6239c"

/// Entries that reach every branch of `itemKey` and every kind of edge whitespace (ASCII, NBSP,
/// U+3000, U+2028, NEL, a combining mark after a space, a zero-width space that is not whitespace),
/// with the keys the implementation of 2026-12-01 (Foundation trimming, `joined`) gave them: a
/// faster `itemKey` must give the same keys, or every stored item would be new again.
private let keyFixtures: [(feed: String, entry: Entry)] = [
    (nbdURL, Entry(id: "urn:uuid:1")),
    (nbdURL, sampleEntry(3)),
    (otherURL, sampleEntry(3)),
    (nbdURL, Entry(id: " \t https://example.com/nbd/9.html\r\n")),
    (nbdURL, Entry(id: "\u{00A0}id-nbsp\u{00A0}")),
    (nbdURL, Entry(id: "\u{3000}全角空格\u{3000}")),
    (nbdURL, Entry(id: "\u{2028}line-separator\u{0085}")),
    (nbdURL, Entry(id: " \u{0301}combining")),
    (nbdURL, Entry(id: "\u{200B}zero-width\u{200B}")),
    (nbdURL, Entry(id: "\u{FEFF}bom")),
    (nbdURL, Entry(id: "\u{1F}control\u{7F}")),
    (nbdURL, Entry(id: "inner  space\tkept")),
    (nbdURL, Entry(id: "\u{3000}", link: " https://example.com/a ")),
    (nbdURL, Entry(id: "", title: "T", link: "\u{00A0}")),
    (nbdURL, Entry(title: "  标题  ", published: t0)),
    (nbdURL, Entry(title: "标题", updated: t0.addingTimeInterval(0.75))),
    (nbdURL, Entry(title: "标题", published: Date(timeIntervalSince1970: -1.5))),
    (nbdURL, Entry(title: " ", summary: "s", content: " 正文 ")),
    (nbdURL, Entry(summary: "\u{3000}摘要")),
    (nbdURL, Entry(title: "\n", summary: " ", content: "\t")),
    (nbdURL, Entry()),
    ("", Entry(id: "x")),
]

@Test func keysOfTheFixtureEntriesNeverChange() {
    let keys = keyFixtures.map { itemKey(feedURL: $0.feed, entry: $0.entry) }
    #expect(keys == pinnedFixtureKeys)
}

private let pinnedFixtureKeys = [
    "f5f59e1e7d75c23767fc6416cd5cb351d9e0c102e30ae7e338df39dd11e6239c",
    "aaa06c0a3260d4984c1c32a476b9ab021c11df386f96b5d65f0eb05fc04fe5ca",
    "676f19532dd712206815bf8bbbf0aee2b843f529464403025db17d98a40a2076",
    "3ee524a982b1da2658af1b6d2775a046aed5286d9b6a35bf8d5887edce10a943",
    "65d13e3e43822cb323ed8f2058f1cbccba152ae974d7433d01b561c21184117a",
    "20997fd56d630f12063657c13c571a12595d6a6f9a13443edf060f90c75372e8",
    "0d73869911d1f481913bfc95ec2df49fe98271db6531f70894a6d30bad0ce624",
    "c24bf4234b95bd80c3a6fd2ea102096057dfa86fc80d116f81a12e97ae9fea68",
    "bf8d98f1ca9be5f0ff03e3aecbf58ba9e36b149a8d17c61029a5c99942932039",
    "20941821f40e91abb36de8348c6666b6076c7807fba54f126826bfb2359a6733",
    "f8b2c99bd9e6fa549c632558dcd13b3498152071777f91e5d4e7f50327c40783",
    "3271f11ba5cf16051e801253f47d6db7b047dae55ab9260693aba49221917c9c",
    "497ac122a1396722c9d769347ea5b8369e3947bb64002a82d6932a6737fe7855",
    "6e68b18e6c43ac4ed3e031a20c543597001dc24b85a10f43931f2fc191a02f5c",
    "159fe2c8d4bda60a41f3893c90d00a70ba0446bafab8d16223d054bc46b00b10",
    "159fe2c8d4bda60a41f3893c90d00a70ba0446bafab8d16223d054bc46b00b10",
    "d0c49e5ec90f890b8a3d34a91c9a8b29b694da3b727b23392f71e9ad2c8d1cd6",
    "3eee61adcb55f79645b7c51ed43d6dad8671c5d7a2a44ad2250c2988ebc97ec4",
    "51899822932fb59d5ee2e7211a363b4b13cfc3aaa819ae4de2240e283626694d",
    "464158b646e97fab278f769b5f8d3ddbd756a071fa2488f156617cb759561a30",
    "464158b646e97fab278f769b5f8d3ddbd756a071fa2488f156617cb759561a30",
    "2d8b4f6181b8891a81a83dda5688bd646bc380872cfad0f2883c5fd5a46a00b4",
]
