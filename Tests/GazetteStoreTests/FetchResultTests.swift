import Foundation
import GazetteModel
import Testing
@testable import GazetteStore

@Test func aFetchResultWithAPermanentRedirectIsRecordedAndAdopted() throws {
    try withStore { store, _ in
        let moved = "https://new.example.com/nbd/rss.xml"
        let result = FetchResult(requestedURL: nbdURL, finalURL: moved, status: 200,
                                 validators: Validators(etag: "\"a\""), permanentRedirect: moved)
        let counts = try store.recordFetch(feedURL: nbdURL, result: result, feed: sampleFeed([sampleEntry(1)]),
                                           interval: minutes(30), now: t0)
        #expect(counts == FetchCounts(new: 1))
        let state = try #require(try store.feedState(url: nbdURL))
        #expect(state.fetchURL == moved && state.validators.etag == "\"a\"" && state.lastStatus == 200)
    }
}

@Test func a304FetchResultKeepsItemsAndMergesValidators() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: t0)
        let result = FetchResult(requestedURL: nbdURL, finalURL: nbdURL, status: 304, validators: Validators(etag: "\"v1\""))
        #expect(try store.recordFetch(feedURL: nbdURL, result: result, feed: nil, interval: minutes(30), now: t0) == FetchCounts())
        #expect(try store.feedState(url: nbdURL)?.lastStatus == 304)
        #expect(try store.itemCount() == 1)
    }
}

@Test func fetchErrorsAreRecordedByKind() throws {
    try withStore { store, _ in
        let gone = try store.recordFailure(feedURL: nbdURL, error: FetchError(url: nbdURL, kind: .http(status: 410, retryAfter: nil)),
                                           interval: minutes(30), now: t0)
        #expect(gone.isDisabled)

        let limited = try store.recordFailure(
            feedURL: otherURL, error: FetchError(url: otherURL, kind: .http(status: 429, retryAfter: t0.addingTimeInterval(hours(5)))),
            interval: minutes(30), now: t0)
        #expect(limited.lastStatus == 429 && limited.nextDue == t0.addingTimeInterval(hours(5)))
        #expect(limited.lastError == FetchError(url: otherURL, kind: .http(status: 429, retryAfter: t0.addingTimeInterval(hours(5)))).description)

        let refused = try store.recordFailure(feedURL: otherURL, error: FetchError(url: otherURL, kind: .connectFailed("refused")),
                                              interval: minutes(30), now: t0)
        #expect(refused.lastStatus == nil && refused.consecutiveFailures == 2 && refused.nextDue == t0.addingTimeInterval(hours(2)))
    }
}
