import Foundation
import GRDB
import GazetteModel
import Testing
@testable import GazetteStore

/// Holds the store's writer queue until `release()`, so that the records sent meanwhile all wait
/// for, and share, the writer's next turn.
private final class WriterGate: Sendable {
    private let held = DispatchSemaphore(value: 0)
    private let entered = DispatchSemaphore(value: 0)

    init(_ store: Store) {
        store.queue.asyncWriteWithoutTransaction { [held, entered] _ in
            entered.signal()
            held.wait()
        }
        entered.wait()
    }

    func release() { held.signal() }
}

/// A store in a fresh temporary folder (removed by `done`), and a counter of its commits.
private func storeCountingCommits() async throws -> (store: Store, commits: Counter, done: () -> Void) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-store-\(UUID().uuidString)")
    let store = try Store.open(path: folder.appendingPathComponent(".gazette/state.sqlite").path)
    let commits = Counter()
    try await store.queue.writeWithoutTransaction { db in db.add(transactionObserver: commits, extent: .databaseLifetime) }
    return (store, commits, { try? FileManager.default.removeItem(at: folder) })
}

@Test func recordsWaitingForTheWriterShareOneTransactionAndEachGetsItsOwnCounts() async throws {
    let (store, commits, done) = try await storeCountingCommits()
    defer { done() }
    let gate = WriterGate(store)
    async let first = store.recordFetch(feedURL: "https://example.com/1.xml",
                                        outcome: parsed((1...3).map { sampleEntry($0) }), interval: 60, now: t0)
    async let second = store.recordFetch(feedURL: "https://example.com/2.xml",
                                         outcome: parsed((1...5).map { sampleEntry($0) }), interval: 60, now: t0)
    async let third = store.recordFetch(feedURL: "https://example.com/3.xml",
                                        outcome: .notModified(validators: Validators(etag: "\"v9\"")), interval: 60, now: t0)
    while store.pending.count < 3 { await Task.yield() }
    gate.release()
    #expect(try await [first, second, third] == [FetchCounts(new: 3), FetchCounts(new: 5), FetchCounts()])
    #expect(commits.value == 1)
    #expect(try store.itemCount() == 8)
    #expect(try store.feedState(url: "https://example.com/3.xml")?.validators.etag == "\"v9\"")
}

@Test func aRecordThatFailsInAGroupLeavesTheOthersCommittedAndWritesNothingOfItsOwn() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store.open(path: folder.appendingPathComponent(".gazette/state.sqlite").path)
    struct Refused: Error {}
    let gate = WriterGate(store)
    async let first = store.recordFetch(feedURL: "https://example.com/1.xml",
                                        outcome: parsed((1...3).map { sampleEntry($0) }), interval: 60, now: t0)
    async let failing: Result<FetchCounts, StoreError> = {
        do throws(StoreError) {
            return .success(try await store.groupedWrite("failing on purpose") { db in
                try db.execute(sql: "INSERT INTO feeds (url, key_url) VALUES ('https://example.com/bad.xml', 'x')")
                throw Refused()
            })
        } catch {
            return .failure(error)
        }
    }()
    async let third = store.recordFetch(feedURL: "https://example.com/3.xml",
                                        outcome: parsed((1...2).map { sampleEntry($0) }), interval: 60, now: t0)
    while store.pending.count < 3 { await Task.yield() }
    gate.release()
    #expect(try await first == FetchCounts(new: 3))
    #expect(try await third == FetchCounts(new: 2))
    guard case let .failure(.databaseError(_, operation, cause)) = await failing else {
        Issue.record("the failing write did not fail")
        return
    }
    #expect(operation == "failing on purpose" && cause is Refused)
    #expect(try store.itemCount() == 5)
    #expect(try store.feedState(url: "https://example.com/bad.xml") == nil)
}

/// Counts the commits of a connection.
private final class Counter: TransactionObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var commits = 0
    var value: Int { lock.withLock { commits } }
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { lock.withLock { commits += 1 } }
    func databaseDidRollback(_ db: Database) {}
}

@Test func aGroupIsTakenAtOnceWhenFullAndOtherwiseAfterItsDelay() {
    let waiting = PendingWrites()
    func write(_ weight: Int) -> PendingWrites.Write {
        PendingWrites.Write(operation: "test", weight: weight, body: { _ in FetchCounts() }, resume: { _ in })
    }
    // The first record of a group asks for a delayed turn; the next ones ride on it.
    #expect(waiting.add(write(10), maxWrites: 3, maxWeight: 100) == .commitLater)
    #expect(waiting.add(write(10), maxWrites: 3, maxWeight: 100) == .nothing)
    // The third fills the group (maxWrites).
    #expect(waiting.add(write(10), maxWrites: 3, maxWeight: 100) == .commitNow)
    #expect(waiting.takeAll().count == 3)
    // Taken: the next record starts a new group, with its own delayed turn.
    #expect(waiting.add(write(40), maxWrites: 3, maxWeight: 100) == .commitLater)
    // Weight fills a group too: 40 + 70 items ≥ 100.
    #expect(waiting.add(write(70), maxWrites: 3, maxWeight: 100) == .commitNow)
    #expect(waiting.takeAll().map(\.weight) == [40, 70])
    #expect(waiting.count == 0)
    // At the end of a run nothing waits for company any more.
    waiting.stopDelaying()
    #expect(waiting.add(write(1), maxWrites: 3, maxWeight: 100) == .commitNow)
}

@Test func aRecordAloneIsCommittedAfterTheGroupDelayInOneTransaction() async throws {
    let (store, commits, done) = try await storeCountingCommits()
    defer { done() }
    let counts = try await store.recordFetch(feedURL: "https://example.com/1.xml",
                                             outcome: parsed((1...4).map { sampleEntry($0) }), interval: 60, now: t0)
    #expect(counts == FetchCounts(new: 4))
    #expect(commits.value == 1)
    // Committed when the call returns: a second connection sees it.
    let reader = try DatabaseQueue(path: store.path)
    #expect(try await reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM items") } == 4)
}

@Test func theCheckpointerCopiesTheWALIntoTheDatabaseFileBesideTheWriter() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent(".gazette/state.sqlite").path
    let store = try Store.open(path: path)
    let big = String(repeating: "长文本", count: 2_000)
    for feed in 1...4 {
        try await store.recordFetch(feedURL: "https://example.com/\(feed).xml",
                                    outcome: parsed((1...300).map { sampleEntry(feed * 1_000 + $0, content: big) }),
                                    interval: 60, now: t0)
    }
    // 1,200 items of 18 KB, about 5,300 pages: all in the WAL still (below the writer's own
    // wal_autocheckpoint, and the 1,200 items the commits reported are below everyItems).
    func databaseFileSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 }
    #expect(try databaseFileSize() < 1_000_000)
    store.checkpointer?.committed(items: Checkpointer.everyItems)
    var size = 0
    for _ in 0..<500 {
        size = try databaseFileSize()
        if size > 1_200 * 18_000 { break }
        try await Task.sleep(nanoseconds: 10_000_000)
    }
    #expect(size > 1_200 * 18_000)
}
