import Foundation
import GazetteModel
import Testing
@testable import GazetteStore

@Test func eachFailureDoublesTheWaitUpToADay() throws {
    try withStore { store, _ in
        var now = t0
        var waits: [TimeInterval] = []
        for _ in 1...8 {
            let state = try store.recordFailure(feedURL: nbdURL, error: "HTTP 500", status: 500, interval: minutes(30), now: now)
            let next = try #require(state.nextDue)
            waits.append(next.timeIntervalSince(now))
            now = next
        }
        // 30 min × 2, × 4, … capped at 24 h.
        #expect(waits == [1, 2, 4, 8, 16, 24, 24, 24].map(hours))
        let state = try #require(try store.feedState(url: nbdURL))
        #expect(state.consecutiveFailures == 8 && state.lastError == "HTTP 500" && state.lastStatus == 500)
    }
}

@Test func oneSuccessResetsTheBackoff() throws {
    try withStore { store, _ in
        for n in 0..<4 {
            try store.recordFailure(feedURL: nbdURL, error: "refused", interval: minutes(30), now: t0.addingTimeInterval(hours(Double(n))))
        }
        let later = t0.addingTimeInterval(hours(20))
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: minutes(30), now: later)
        var state = try #require(try store.feedState(url: nbdURL))
        #expect(state.consecutiveFailures == 0 && state.lastError == nil && state.nextDue == later.addingTimeInterval(minutes(30)))
        // The next failure starts again from the bottom.
        state = try store.recordFailure(feedURL: nbdURL, error: "HTTP 502", status: 502, interval: minutes(30), now: later)
        #expect(state.consecutiveFailures == 1 && state.nextDue == later.addingTimeInterval(hours(1)))
    }
}

@Test func retryAfterLaterThanTheBackoffIsHonoured() throws {
    try withStore { store, _ in
        let state = try store.recordFailure(feedURL: nbdURL, error: "HTTP 429", status: 429,
                                            retryAfter: t0.addingTimeInterval(hours(3)), interval: minutes(30), now: t0)
        #expect(state.nextDue == t0.addingTimeInterval(hours(3)))
        // Earlier than the backoff: the backoff stands.
        let soon = try store.recordFailure(feedURL: otherURL, error: "HTTP 503", status: 503,
                                           retryAfter: t0.addingTimeInterval(10), interval: minutes(30), now: t0)
        #expect(soon.nextDue == t0.addingTimeInterval(hours(1)))
    }
}

@Test func retryAfterBeyondTheCapIsHonouredUpToAWeek() {
    let twoDays = Backoff.nextAttempt(afterFailures: 1, interval: minutes(30), retryAfter: t0.addingTimeInterval(hours(48)), now: t0)
    #expect(twoDays == t0.addingTimeInterval(hours(48)))
    let aYear = Backoff.nextAttempt(afterFailures: 1, interval: minutes(30), retryAfter: t0.addingTimeInterval(hours(24 * 365)), now: t0)
    #expect(aYear == t0.addingTimeInterval(Backoff.retryAfterLimit))
}

@Test func anIntervalLongerThanADayIsNotShortenedByTheCap() {
    #expect(Backoff.nextAttempt(afterFailures: 3, interval: hours(48), retryAfter: nil, now: t0) == t0.addingTimeInterval(hours(48)))
}

@Test func dueFeedsSkipsWaitingAndDisabledFeedsAndKeepsTheOrder() throws {
    try withStore { store, _ in
        let waiting = "https://example.com/waiting.xml", failing = "https://example.com/failing.xml"
        let gone = "https://example.com/gone.xml", fresh = "https://example.com/never-seen.xml"
        try store.recordFetch(feedURL: waiting, outcome: parsed([]), interval: minutes(30), now: t0)
        try store.recordFailure(feedURL: failing, error: "x", interval: minutes(30), now: t0)   // due t0 + 1 h
        try store.recordGone(feedURL: gone, now: t0)
        let urls = [fresh, waiting, failing, gone]
        #expect(try store.dueFeeds(urls: urls, now: t0.addingTimeInterval(minutes(29))) == [fresh])
        #expect(try store.dueFeeds(urls: urls, now: t0.addingTimeInterval(minutes(30))) == [fresh, waiting])
        #expect(try store.dueFeeds(urls: urls, now: t0.addingTimeInterval(hours(1))) == [fresh, waiting, failing])
    }
}
