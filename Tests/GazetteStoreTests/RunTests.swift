import Foundation
import Testing
@testable import GazetteStore

@Test func runsRecordTheirStartEndCountsAndErrors() throws {
    try withStore { store, _ in
        let first = try store.beginRun(now: t0)
        let counts = RunCounts(feedsFetched: 3, feedsNotModified: 1, feedsFailed: 1, itemsNew: 7, itemsChanged: 2,
                               postsNew: 7, postsUpdated: 2, atomFilesWritten: 4)
        try store.endRun(first, counts: counts, errors: ["https://example.com/x.xml: HTTP 500; it will be retried in 1 h"],
                         now: t0.addingTimeInterval(2))
        let second = try store.beginRun(now: t0.addingTimeInterval(60))
        #expect(second > first)

        let runs = try store.runs()
        #expect(runs.count == 2)
        #expect(runs[0].id == second && runs[0].ended == nil)
        #expect(runs[1] == RunRecord(id: first, started: t0, ended: t0.addingTimeInterval(2),
                                     pid: ProcessInfo.processInfo.processIdentifier, counts: counts,
                                     errors: ["https://example.com/x.xml: HTTP 500; it will be retried in 1 h"]))
        // A run still going (or whose process died) is not the last finished one.
        #expect(try store.lastFinishedRun()?.id == first)
    }
}

@Test func noRunsYetMeansNoLastRun() throws {
    try withStore { store, _ throws in
        #expect(try store.lastFinishedRun() == nil)
        #expect(try store.runs().isEmpty)
    }
}
