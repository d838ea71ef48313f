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

@Test func recordsWaitingForTheWriterShareOneTransactionAndEachGetsItsOwnCounts() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try Store.open(path: folder.appendingPathComponent(".gazette/state.sqlite").path)
    let commits = Counter()
    try await store.queue.writeWithoutTransaction { db in db.add(transactionObserver: commits, extent: .databaseLifetime) }
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
