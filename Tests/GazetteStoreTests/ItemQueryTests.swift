import Foundation
import GRDB
import GazetteModel
import Testing
@testable import GazetteStore

@Test func itemsComeNewestFirstWithALimit() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(2), sampleEntry(5), sampleEntry(1)]), interval: 60, now: t0)
        try store.recordFetch(feedURL: otherURL, outcome: parsed([sampleEntry(3), sampleEntry(4)]), interval: 60, now: t0)
        #expect(try store.allItems().map(\.entry.id) == [5, 4, 3, 2, 1].map { sampleEntry($0).id })
        #expect(try store.allItems(limit: 2).map(\.entry.id) == [5, 4].map { sampleEntry($0).id })
        #expect(try store.allItems(limit: 2, offset: 2).map(\.entry.id) == [3, 2].map { sampleEntry($0).id })
        #expect(try store.items(fromFeeds: [otherURL]).map(\.entry.id) == [4, 3].map { sampleEntry($0).id })
        #expect(try store.items(fromFeeds: [otherURL, nbdURL], limit: 3).map(\.entry.id) == [5, 4, 3].map { sampleEntry($0).id })
        #expect(try store.items(fromFeeds: []).isEmpty)
    }
}

@Test func itemsChangedSinceReturnsNewAndChangedOnly() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(2)]), interval: 60, now: t0)
        let later = t0.addingTimeInterval(hours(1))
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(2, title: "new title"), sampleEntry(3)]),
                              interval: 60, now: later)
        #expect(try store.items(changedSince: later).map(\.entry.id) == [3, 2].map { sampleEntry($0).id })
        #expect(try store.items(changedSince: t0).count == 3)
        #expect(try store.items(changedSince: later.addingTimeInterval(1)).isEmpty)
    }
}

@Test func aPostFileOnceAssignedIsNeverOverwritten() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: 60, now: t0)
        let key = itemKey(feedURL: nbdURL, entry: sampleEntry(1))
        #expect(try store.assignPostFile(itemKey: key, fileName: "2022-05-12-gong-ye.md") == "2022-05-12-gong-ye.md")
        // A new title would make another slug: the writer is told the file the item already has.
        #expect(try store.assignPostFile(itemKey: key, fileName: "2022-05-12-geng-zheng.md") == "2022-05-12-gong-ye.md")
        // Nor does a change at the source touch it.
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1, title: "更正")]), interval: 60, now: t0.addingTimeInterval(60))
        #expect(try store.item(key: key)?.postFile == "2022-05-12-gong-ye.md")
    }
}

@Test func aPostFileOwnedByAnotherItemIsRefusedNamingTheOwner() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(2)]), interval: 60, now: t0)
        let first = itemKey(feedURL: nbdURL, entry: sampleEntry(1)), second = itemKey(feedURL: nbdURL, entry: sampleEntry(2))
        try store.assignPostFile(itemKey: first, fileName: "2022-05-12-same.md")
        #expect {
            try store.assignPostFile(itemKey: second, fileName: "2022-05-12-same.md")
        } throws: { error in
            guard case .postFileTaken(_, "2022-05-12-same.md", first) = error as? StoreError else { return false }
            return "\(error)".contains("add a suffix")
        }
        #expect(try store.assignPostFile(itemKey: second, fileName: "2022-05-12-same-2.md") == "2022-05-12-same-2.md")
    }
}

@Test func anAtomIDOnceAssignedIsNeverOverwrittenNorShared() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1), sampleEntry(2)]), interval: 60, now: t0)
        let first = itemKey(feedURL: nbdURL, entry: sampleEntry(1)), second = itemKey(feedURL: nbdURL, entry: sampleEntry(2))
        #expect(try store.assignAtomID(itemKey: first, atomID: "tag:finews.example.com,2022-05-12:1") == "tag:finews.example.com,2022-05-12:1")
        #expect(try store.assignAtomID(itemKey: first, atomID: "tag:other") == "tag:finews.example.com,2022-05-12:1")
        #expect(throws: StoreError.self) { try store.assignAtomID(itemKey: second, atomID: "tag:finews.example.com,2022-05-12:1") }
        #expect(try store.item(key: first)?.atomID == "tag:finews.example.com,2022-05-12:1")
    }
}

@Test func assigningToAnUnknownItemSaysSo() throws {
    try withStore { store, _ in
        #expect {
            try store.assignPostFile(itemKey: "nope", fileName: "x.md")
        } throws: { error in
            guard case .unknownItem(_, "nope") = error as? StoreError else { return false }
            return true
        }
    }
}

@Test func anItemWhoseJSONNoLongerDecodesIsReportedByKey() throws {
    try withStore { store, _ in
        try store.recordFetch(feedURL: nbdURL, outcome: parsed([sampleEntry(1)]), interval: 60, now: t0)
        try store.queue.write { db in try db.execute(sql: #"UPDATE items SET entry_json = '{"published":"yesterday"}'"#) }
        #expect {
            _ = try store.allItems()
        } throws: { error in
            guard case .unreadableItem(_, let key, _) = error as? StoreError else { return false }
            return key == itemKey(feedURL: nbdURL, entry: sampleEntry(1))
        }
    }
}
