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
