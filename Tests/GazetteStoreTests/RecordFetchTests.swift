import Foundation
import GRDB
import GazetteModel
import Testing
@testable import GazetteStore

@Test func firstFetchCountsEveryItemNew() throws {
    try withStore { store, _ in
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: parsed((1...3).map { sampleEntry($0) }),
                                           interval: minutes(30), now: t0)
        #expect(counts == FetchCounts(new: 3, changed: 0, unchanged: 0))
        #expect(try store.itemCount() == 3)
        let state = try #require(try store.feedState(url: nbdURL))
        #expect(state.validators == Validators(etag: "\"v1\"", lastModified: "Thu, 12 May 2022 11:26:42 GMT"))
        #expect(state.lastStatus == 200 && state.lastSuccess == t0 && state.lastAttempt == t0 && state.lastNewItem == t0)
        #expect(state.nextDue == t0.addingTimeInterval(minutes(30)))
        #expect(state.info?.title == "每日经济新闻")
    }
}

@Test func secondFetchCountsNewChangedAndUnchanged() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed((1...3).map { sampleEntry($0) }), interval: minutes(30), now: t0)
        let later = t0.addingTimeInterval(hours(1))
        let entries = [sampleEntry(4), sampleEntry(1), sampleEntry(2, title: "更正：第2条"), sampleEntry(3)]
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: parsed(entries, updated: later), interval: minutes(30), now: later)
        #expect(counts == FetchCounts(new: 1, changed: 1, unchanged: 2))

        let changed = try #require(try store.item(key: itemKey(feedURL: nbdURL, entry: sampleEntry(2))))
        #expect(changed.entry.title == "更正：第2条")
        #expect(changed.firstSeen == t0 && changed.lastChanged == later)
        #expect(changed.source.updated == later)
        let unchanged = try #require(try store.item(key: itemKey(feedURL: nbdURL, entry: sampleEntry(1))))
        #expect(unchanged.lastChanged == t0 && unchanged.source.updated == t0)
        #expect(try store.feedState(url: nbdURL)?.lastNewItem == later)
    }
}

@Test func storedItemCarriesTheWholeEntryAndItsHash() throws {
    try withStore { store, _ in
        let entry = sampleEntry(7)
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([entry]), interval: minutes(30), now: t0)
        let item = try #require(try store.allItems().first)
        #expect(item.entry == entry)
        #expect(item.feedURL == nbdURL && item.key == itemKey(feedURL: nbdURL, entry: entry))
        #expect(item.source.link == "https://example.com/nbd/" && item.source.id == nbdURL && item.source.title == "每日经济新闻")
        let json = try store.queue.read { db in try String.fetchOne(db, sql: "SELECT entry_json FROM items") }
        #expect(item.contentHash == ContentHash.hex(try #require(json)))
    }
}

@Test func refetchingTheSameFeedChangesNothing() throws {
    try withStore { store, _ in
        let entries = (1...5).map { sampleEntry($0) }
        try store.recordFetch(feedURL: nbdURL, outcome: parsed(entries), interval: minutes(30), now: t0)
        let before = try store.allItems()
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: parsed(entries), interval: minutes(30), now: t0.addingTimeInterval(60))
        #expect(counts == FetchCounts(new: 0, changed: 0, unchanged: 5))
        #expect(try store.allItems() == before)
    }
}

@Test func notModifiedKeepsItemsAndValidatorsTheServerDidNotRepeat() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: t0)
        let later = t0.addingTimeInterval(hours(1))
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: .notModified(validators: Validators(etag: "\"v2\"")),
                                           interval: minutes(30), now: later)
        #expect(counts == FetchCounts())
        let state = try #require(try store.feedState(url: nbdURL))
        #expect(state.validators == Validators(etag: "\"v2\"", lastModified: "Thu, 12 May 2022 11:26:42 GMT"))
        #expect(state.lastStatus == 304 && state.lastSuccess == later && state.lastNewItem == t0)
        #expect(try store.itemCount() == 1)
    }
}

@Test func a200WithoutValidatorsDropsTheOldOnes() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: t0)
        try store.recordFetch(feedURL: nbdURL, outcome: .parsed(sampleFeed([sampleEntry(1)]), validators: Validators(), status: 200),
                              interval: minutes(30), now: t0.addingTimeInterval(60))
        #expect(try store.feedState(url: nbdURL)?.validators == Validators())
    }
}

@Test func aKeyRepeatedInOneFeedIsStoredOnceFirstWins() throws {
    try withStore { store, _ in
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(1, title: "dup")]),
                                           interval: minutes(30), now: t0)
        #expect(counts == FetchCounts(new: 1))
        #expect(try store.allItems().map(\.entry.title) == [sampleEntry(1).title])
    }
}

@Test func aFailureInsideTheTransactionLeavesNothingHalfWritten() throws {
    struct Injected: Error {}
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(2)]), interval: minutes(30), now: t0)
        let feedBefore = try store.feedState(url: nbdURL)
        let itemsBefore = try store.allItems()
        let later = t0.addingTimeInterval(hours(1))
        // New, changed and the feed row are all written when the fault strikes, just before commit.
        let outcome = parsed([sampleEntry(3), sampleEntry(1, title: "changed")], etag: "\"v2\"", updated: later)
        #expect(throws: StoreError.self) {
            try store.recordFetch(feedURL: nbdURL, outcome: outcome, interval: minutes(30), now: later,
                                  beforeCommit: { _ in throw Injected() })
        }
        #expect(try store.feedState(url: nbdURL) == feedBefore)
        #expect(try store.allItems() == itemsBefore)
        // And the same fetch, recorded again without the fault, counts exactly as it would have.
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: outcome, interval: minutes(30), now: later)
        #expect(counts == FetchCounts(new: 1, changed: 1, unchanged: 0))
    }
}

@Test func aFailedFirstFetchLeavesNoFeedRowBehind() throws {
    struct Injected: Error {}
    try withStore { store, _ throws in
        _ = try? store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: t0,
                                   beforeCommit: { _ in throw Injected() })
        #expect(try store.feedState(url: nbdURL) == nil)
        #expect(try store.itemCount() == 0)
    }
}

@Test func theErrorOfAFailedRecordNamesTheFileAndTheFeed() throws {
    struct Injected: Error, CustomStringConvertible { var description: String { "disk I/O error" } }
    try withStore { store, _ in
        #expect {
            try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: t0,
                                  beforeCommit: { _ in throw Injected() })
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(store.path) && text.contains("recording the fetch of \(nbdURL)") && text.contains("disk I/O error")
        }
    }
}

@Test func anItemsDateIsItsPublishedElseUpdatedElseFirstSeen() throws {
    try withStore { store, _ in
        let published = Entry(id: "p", published: t0.addingTimeInterval(-hours(5)), updated: t0.addingTimeInterval(-hours(1)))
        let updatedOnly = Entry(id: "u", updated: t0.addingTimeInterval(-hours(2)))
        let undated = Entry(id: "n")
        let future = Entry(id: "f", published: t0.addingTimeInterval(hours(25)))
        let nearFuture = Entry(id: "nf", published: t0.addingTimeInterval(hours(23)))
        // A CMS writing 0 for "no date": a post of 1970 otherwise.
        let epochZero = Entry(id: "z", published: Date(timeIntervalSince1970: 0))
        let old = Entry(id: "o", published: Date(timeIntervalSince1970: 86_400))
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([published, updatedOnly, undated, future, nearFuture, epochZero, old]),
                              interval: minutes(30), now: t0)
        func date(_ entry: Entry) throws -> Date? { try store.item(key: itemKey(feedURL: nbdURL, entry: entry))?.date }
        #expect(try date(published) == t0.addingTimeInterval(-hours(5)))
        #expect(try date(updatedOnly) == t0.addingTimeInterval(-hours(2)))
        #expect(try date(undated) == t0)
        #expect(try date(future) == t0)
        #expect(try date(nearFuture) == t0.addingTimeInterval(hours(23)))
        #expect(try date(epochZero) == t0)
        #expect(try date(old) == Date(timeIntervalSince1970: 86_400))
    }
}

@Test func feedsRecordedFromManyTasksAtOnceAreAllKept() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store.open(path: folder.appendingPathComponent(".gazette/state.sqlite").path)
    let feeds = 40
    try await withThrowingTaskGroup(of: FetchCounts.self) { group in
        for f in 0..<feeds {
            group.addTask {
                try await store.recordFetch(feedURL: "https://example.com/\(f).xml",
                                      outcome: parsed((1...10).map { sampleEntry($0) }), interval: 60, now: t0)
            }
        }
        for try await counts in group { #expect(counts == FetchCounts(new: 10)) }
    }
    #expect(try store.itemCount() == feeds * 10)
}

@Test func asyncRecordFetchStoresExactlyWhatTheSynchronousOneDoes() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let viaSync = try Store.open(path: folder.appendingPathComponent("sync/state.sqlite").path)
    let viaAsync = try Store.open(path: folder.appendingPathComponent("async/state.sqlite").path)
    let later = t0.addingTimeInterval(hours(1))
    let fetches: [(FetchOutcome, Date)] = [
        (parsed((1...3).map { sampleEntry($0) }), t0),
        (parsed([sampleEntry(4), sampleEntry(1), sampleEntry(2, title: "更正：第2条"), sampleEntry(3), sampleEntry(4, title: "dup")],
                updated: later), later),
        (.notModified(validators: Validators(etag: "\"v2\"")), later.addingTimeInterval(60)),
    ]
    // A closure that is not async picks the synchronous overload.
    let recordSynchronously = { (outcome: FetchOutcome, now: Date) throws -> FetchCounts in
        try viaSync.recordFetch(feedURL: nbdURL, outcome: outcome, interval: minutes(30), now: now)
    }
    for (outcome, now) in fetches {
        let expected = try recordSynchronously(outcome, now)
        let counts = try await viaAsync.recordFetch(feedURL: nbdURL, outcome: outcome, interval: minutes(30), now: now)
        #expect(counts == expected)
    }
    #expect(try viaAsync.allItems() == viaSync.allItems())
    #expect(try viaAsync.allItems().count == 4)
    #expect(try viaAsync.feedState(url: nbdURL) == viaSync.feedState(url: nbdURL))
}

// MARK: - One id for several items (a CMS giving every item the home page as its guid)

/// `sampleEntry(n)` with the id every item of a buggy CMS has.
private func sharingID(_ n: Int, title: String? = nil) -> Entry {
    var entry = sampleEntry(n, title: title)
    entry.id = "https://finance.example.com/"
    return entry
}

@Test func itemsSharingOneIdAreDifferentItemsAndKeepTheirKeys() throws {
    try withStore { store, _ in
        let first = try store.recordFetch(feedURL: nbdURL, outcome: parsed((1...3).map { sharingID($0) }), interval: minutes(30), now: t0)
        #expect(first == FetchCounts(new: 3, changed: 0, unchanged: 0))
        let keys = Set(try store.allItems().map(\.key))
        #expect(keys.count == 3)
        #expect(!keys.contains(itemKey(feedURL: nbdURL, entry: sharingID(1))))

        // Items 1–3 scroll away; 4 and 5 come with the same id: two new items, nothing overwritten.
        let later = t0.addingTimeInterval(hours(1))
        let second = try store.recordFetch(feedURL: nbdURL, outcome: parsed([sharingID(4), sharingID(5)]), interval: minutes(30), now: later)
        #expect(second == FetchCounts(new: 2, changed: 0, unchanged: 0))
        #expect(Set(try store.allItems().compactMap(\.entry.title)).count == 5)

        // A document with only one item left under that id: still the item it was, not a new one.
        let third = try store.recordFetch(feedURL: nbdURL, outcome: parsed([sharingID(5, title: "更正")]), interval: minutes(30),
                                          now: later.addingTimeInterval(60))
        #expect(third == FetchCounts(new: 0, changed: 1, unchanged: 0))
        #expect(try store.itemCount() == 5)
    }
}

@Test func anItemStoredUnderItsIdKeepsThatKeyWhenAnotherItemTakesItsId() throws {
    try withStore { store, _ in
        let original = sampleEntry(1)
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([original]), interval: minutes(30), now: t0)
        let plainKey = itemKey(feedURL: nbdURL, entry: original)
        // The CMS now gives item 2 the id of item 1.
        var intruder = sampleEntry(2)
        intruder.id = original.id
        let later = t0.addingTimeInterval(hours(1))
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: parsed([intruder, original]), interval: minutes(30), now: later)
        #expect(counts == FetchCounts(new: 1, changed: 0, unchanged: 1))
        let stored = try #require(try store.item(key: plainKey))
        #expect(stored.entry == original)
        // Later the intruder alone: it is the item it was, and item 1 is untouched.
        var corrected = intruder
        corrected.title = "更正"
        let again = try store.recordFetch(feedURL: nbdURL, outcome: parsed([corrected]), interval: minutes(30), now: later.addingTimeInterval(60))
        #expect(again == FetchCounts(new: 0, changed: 1, unchanged: 0))
        #expect(try store.item(key: plainKey)?.entry == original)
        #expect(try store.itemCount() == 2)
    }
}

@Test func theSameItemTwiceInOneDocumentIsStillOneItem() throws {
    try withStore { store, _ in
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(1)]), interval: minutes(30), now: t0)
        #expect(counts == FetchCounts(new: 1, changed: 0, unchanged: 0))
        #expect(try store.itemCount() == 1)
        #expect(try store.allItems().first?.key == itemKey(feedURL: nbdURL, entry: sampleEntry(1)))
    }
}

// MARK: - A document cut short

/// A source that sent half a document (a short body with a matching Content-Length, a CMS stopping
/// mid-item) emptied the body of an already published post and moved its date to the first-seen time.
@Test func anEntryTheDocumentEndedInsideChangesNothingStoredAndIsNotAdded() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(2)]), interval: minutes(30), now: t0)
        let before = try #require(try store.item(key: itemKey(feedURL: nbdURL, entry: sampleEntry(2))))
        var cutEntry = sampleEntry(2, content: "<p>正文</p>")
        cutEntry.published = nil
        var feed = sampleFeed([sampleEntry(1), cutEntry, ])
        feed.cutEntry = 1
        let later = t0.addingTimeInterval(hours(1))
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: .parsed(feed, validators: Validators(), status: 200),
                                           interval: minutes(30), now: later)
        #expect(counts == FetchCounts(new: 0, changed: 0, unchanged: 2))
        #expect(try store.item(key: before.key) == before)

        // A new item cut short waits for a whole copy.
        var cutNew = sampleFeed([sampleEntry(3), sampleEntry(4)])
        cutNew.cutEntry = 1
        let third = try store.recordFetch(feedURL: nbdURL, outcome: .parsed(cutNew, validators: Validators(), status: 200),
                                          interval: minutes(30), now: later.addingTimeInterval(60))
        #expect(third == FetchCounts(new: 1, changed: 0, unchanged: 0))
        #expect(try store.item(key: itemKey(feedURL: nbdURL, entry: sampleEntry(4))) == nil)
    }
}
