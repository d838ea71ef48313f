internal import GRDB

// Group commit. A cold fetch of 400 feeds committed 400 transactions, each rewriting in the WAL
// the ~190 pages it touched, two thirds of them index pages that every feed's random item keys
// share: 313 MB of WAL for a 98 MB database, all on the one writer thread. Feeds whose records
// wait while the writer is busy now share its next transaction, so a shared page is written once
// per group instead of once per feed.

extension Store {
    /// Runs `body` on the store's writer queue in a transaction shared with the other writes
    /// waiting there: all of `body`'s writes commit together, or none do. Returns (or throws) once
    /// that transaction has committed (or failed). A `body` that throws costs the others nothing:
    /// the group is rolled back and each write runs again in a transaction of its own.
    func groupedWrite(_ operation: String,
                      _ body: @escaping @Sendable (Database) throws -> FetchCounts) async throws(StoreError) -> FetchCounts {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<FetchCounts, StoreError>, Never>) in
            pending.add(PendingWrites.Write(operation: operation, body: body,
                                            resume: { continuation.resume(returning: $0) }))
            // One turn per write; a turn that finds the list emptied by an earlier one does nothing.
            queue.asyncWriteWithoutTransaction { [self] db in commitPending(db) }
        }
        return try result.get()
    }

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
