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
        /// About how many rows (items) it writes: what fills a group.
        let weight: Int
        let body: @Sendable (Database) throws -> FetchCounts
        let resume: @Sendable (Result<FetchCounts, StoreError>) -> Void
    }

    private let lock = NSLock()
    private var waiting: [Write] = []
    /// The summed weight (items) of `waiting`.
    private var weight = 0
    /// True while a delayed turn of the writer is on its way for the writes waiting.
    private var turnScheduled = false
    /// Set by `stopDelaying`: every write is committed at once from then on.
    private var undelayed = false

    /// What the writer should do after an `add`.
    enum Next {
        /// Enough is waiting: commit now.
        case commitNow
        /// The first write of a new group: commit after the group's delay, unless filled first.
        case commitLater
        /// A turn is already on its way.
        case nothing
    }

    /// Adds `write` and says when the writer should take the group:
    /// at once when the waiting writes reach `maxWrites` or `maxWeight`, else after a delay.
    func add(_ write: Write, maxWrites: Int, maxWeight: Int) -> Next {
        lock.withLock {
            waiting.append(write)
            weight += write.weight
            if undelayed || waiting.count >= maxWrites || weight >= maxWeight { return .commitNow }
            if turnScheduled { return .nothing }
            turnScheduled = true
            return .commitLater
        }
    }

    /// How many writes are waiting (for the tests).
    var count: Int { lock.withLock { waiting.count } }

    /// From now on no group waits for more writes: for the end of a run, when no more are coming
    /// than those already on their way.
    func stopDelaying() {
        lock.withLock { undelayed = true }
    }

    /// Every write waiting, oldest first; the list is left empty.
    func takeAll() -> [Write] {
        lock.withLock {
            defer { waiting.removeAll(keepingCapacity: true); weight = 0; turnScheduled = false }
            return waiting
        }
    }
}
