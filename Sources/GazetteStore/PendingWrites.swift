import Foundation
internal import GRDB

/// The fetch records waiting for the store's writer queue, so that one turn of the writer commits
/// all of them together (`Store.commitPending`). One lock guards the list; the writes themselves
/// run only on the writer queue.
final class PendingWrites: @unchecked Sendable {
    /// One feed's writes: `body` runs inside the group's transaction (alone, if the group fails), and
    /// `resume` is told the outcome once that transaction has committed (or failed).
    struct Write: Sendable {
        let operation: String
        let body: @Sendable (Database) throws -> FetchCounts
        let resume: @Sendable (Result<FetchCounts, StoreError>) -> Void
    }

    private let lock = NSLock()
    private var waiting: [Write] = []

    func add(_ write: Write) {
        lock.withLock { waiting.append(write) }
    }

    /// How many writes are waiting (for the tests).
    var count: Int { lock.withLock { waiting.count } }

    /// Every write waiting, oldest first; the list is left empty.
    func takeAll() -> [Write] {
        lock.withLock {
            defer { waiting.removeAll(keepingCapacity: true) }
            return waiting
        }
    }
}
