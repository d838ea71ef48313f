import Foundation
internal import GRDB

// Group commit. A cold fetch of 400 feeds committed 400 transactions, each rewriting in the WAL
// the ~190 pages it touched, two thirds of them index pages that every feed's random item keys
// share: 313 MB of WAL for a 98 MB database, all on the one writer thread. Feeds' records now wait
// for one another (up to `groupDelay`, or until `groupMaxWrites` feeds or `groupMaxItems` items
// wait) and share one transaction, so a shared page is written once per group instead of once per
// feed. Each record's caller resumes only once its group has committed.

extension Store {
    /// Runs `body` on the store's writer queue in a transaction shared with the other writes
    /// waiting there: all of `body`'s writes commit together, or none do. Returns (or throws) once
    /// that transaction has committed (or failed). A `body` that throws costs the others nothing:
    /// the group is rolled back and each write runs again in a transaction of its own.
    func groupedWrite(_ operation: String, weight: Int = 1,
                      _ body: @escaping @Sendable (Database) throws -> FetchCounts) async throws(StoreError) -> FetchCounts {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<FetchCounts, StoreError>, Never>) in
            let next = pending.add(PendingWrites.Write(operation: operation, weight: weight, body: body,
                                                       resume: { continuation.resume(returning: $0) }),
                                   maxWrites: Self.groupMaxWrites, maxWeight: Self.groupMaxItems)
            switch next {
            case .commitNow:
                queue.asyncWriteWithoutTransaction { [self] db in commitPending(db) }
            case .commitLater:
                DispatchQueue.global().asyncAfter(deadline: .now() + Self.groupDelay) { [self] in
                    queue.asyncWriteWithoutTransaction { [self] db in commitPending(db) }
                }
            case .nothing:
                break
            }
        }
        return try result.get()
    }

    /// Commits the writes waiting now, and every later one at once, without `groupDelay`: for a
    /// caller that knows no more are coming than those already on their way (the end of a fetch),
    /// which would otherwise each wait out the delay for company that never comes.
    public func stopDelayingCommits() {
        pending.stopDelaying()
        queue.asyncWriteWithoutTransaction { [self] db in commitPending(db) }
    }

    /// A group is committed as soon as this many feeds' records wait for it,
    static let groupMaxWrites = 24
    /// or records of this many items,
    static let groupMaxItems = 4000
    /// or this long (seconds) after its first record came. Committing at once whenever the writer
    /// was free made groups of one or two feeds in a cold fetch of 400 (193 commits, 344 MB written
    /// for a 97 MB database): each commit rewrites every index page it touched, and random item keys
    /// touch many. Waiting up to 50 ms made it 40 commits and 252 MB. A record's caller waits that
    /// much longer for its commit; nothing is acknowledged before it is committed.
    static let groupDelay = 0.05

    /// One turn of the writer: every waiting write in ONE transaction. No savepoint per write: in
    /// a savepoint SQLite first copies each page it changes to a statement journal, which added
    /// half again to the bytes a cold fetch wrote. A write that throws is rare (an SQLite error),
    /// so then the whole group is rolled back and every write retried alone.
    private func commitPending(_ db: Database) {
        let writes = pending.takeAll()
        guard !writes.isEmpty else { return }
        if writes.count > 1 {
            var counts: [FetchCounts] = []
            counts.reserveCapacity(writes.count)
            do {
                try db.inTransaction {
                    for write in writes { counts.append(try write.body(db)) }
                    return .commit
                }
                checkpointer?.committed(items: writes.reduce(0) { $0 + $1.weight })
                for (write, result) in zip(writes, counts) { write.resume(.success(result)) }
                return
            } catch {
                // Rolled back: nothing of the group was written; each write is tried on its own below.
            }
        }
        for write in writes {
            var counts = FetchCounts()
            do {
                try db.inTransaction {
                    counts = try write.body(db)
                    return .commit
                }
                checkpointer?.committed(items: write.weight)
                write.resume(.success(counts))
            } catch {
                write.resume(.failure(storeError(error, operation: write.operation)))
            }
        }
    }

    private func storeError(_ error: any Error, operation: String) -> StoreError {
        error as? StoreError ?? .databaseError(path: path, operation: operation, cause: error)
    }
}
