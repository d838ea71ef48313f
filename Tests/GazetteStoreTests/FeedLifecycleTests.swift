import Foundation
import GazetteModel
import Testing
@testable import GazetteStore

@Test func gone410DisablesTheFeedWithAReasonAndKeepsItsItems() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: t0)
        let state = try store.recordGone(feedURL: nbdURL, now: t0.addingTimeInterval(hours(1)))
        #expect(state.isDisabled && state.lastStatus == 410)
        #expect(state.disabledReason?.contains("410 Gone") == true)
        #expect(state.disabledReason?.contains("delete it from feeds.yml") == true)
        #expect(try store.dueFeeds(urls: [nbdURL], now: t0.addingTimeInterval(hours(1000))).isEmpty)
        #expect(try store.itemCount() == 1)
    }
}

@Test func reenablingAGoneFeedMakesItDueAtOnce() throws {
    try withStore { store, _ in
        try store.recordGone(feedURL: nbdURL, now: t0)
        let state = try store.reenableFeed(url: nbdURL)
        #expect(!state.isDisabled && state.nextDue == nil)
        #expect(try store.dueFeeds(urls: [nbdURL], now: t0) == [nbdURL])
    }
}

@Test func anAdoptedRedirectIsFetchedFromNowOnAndKeepsItemKeys() throws {
    try withStore { store, _ in
        let moved = "https://new.example.com/nbd/rss.xml"
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: t0)
        let state = try store.adoptRedirect(feedURL: nbdURL, to: moved)
        #expect(state.adoptedURL == moved && state.fetchURL == moved && state.url == nbdURL)
        // The fetcher asks by the feeds.yml URL and gets the adopted one; items keep their keys.
        let counts = try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(2)]),
                                           interval: minutes(30), now: t0.addingTimeInterval(hours(1)))
        #expect(counts == FetchCounts(new: 1, changed: 0, unchanged: 1))
        #expect(try store.feedState(url: nbdURL)?.adoptedURL == moved)
    }
}

@Test func editingFeedsYmlToTheAdoptedURLRenamesTheFeedAndDuplicatesNothing() throws {
    try withStore { store, _ in
        let moved = "https://new.example.com/nbd/rss.xml"
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)], etag: "\"v1\""), interval: minutes(30), now: t0)
        try store.adoptRedirect(feedURL: nbdURL, to: moved)
        // Before the next fetch, the state is found under the new name, validators and all.
        #expect(try store.feedState(url: moved)?.validators.etag == "\"v1\"")
        let counts = try store.recordFetch(feedURL: moved, outcome: parsed([sampleEntry(1), sampleEntry(2)]),
                                           interval: minutes(30), now: t0.addingTimeInterval(hours(1)))
        #expect(counts == FetchCounts(new: 1, changed: 0, unchanged: 1))
        #expect(try store.feedState(url: nbdURL) == nil)
        let renamed = try #require(try store.feedState(url: moved))
        #expect(renamed.adoptedURL == nil && renamed.fetchURL == moved)
        #expect(try store.allItems().map(\.feedURL) == [moved, moved])
    }
}

@Test func adoptingTheFeedsOwnURLClearsTheAdoption() throws {
    try withStore { store, _ in
        try store.adoptRedirect(feedURL: nbdURL, to: "https://new.example.com/rss")
        #expect(try store.adoptRedirect(feedURL: nbdURL, to: nbdURL).adoptedURL == nil)
    }
}

@Test func allFeedStatesListsEveryRecordedFeed() throws {
    try withStore { store, _ in
        try store.recordFailure(feedURL: otherURL, error: "x", interval: 60, now: t0)
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([]), interval: 60, now: t0)
        #expect(try store.allFeedStates().map(\.url) == [nbdURL, otherURL])
    }
}
