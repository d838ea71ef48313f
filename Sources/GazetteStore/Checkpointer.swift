import Foundation
internal import GRDB

/// Copies the WAL into the database file from a second connection, beside the writer, so that the
/// writer never stops for a checkpoint. Left to SQLite, the commit that crosses
/// `wal_autocheckpoint` checkpoints on the writer's own thread, and meanwhile every feed waiting
/// for its transaction waits too: in a cold fetch of 400 feeds (60 MB of items) a core sat idle
/// twice for about 0.15 s. A passive checkpoint takes no lock the writer needs: commits go on
/// appending to the WAL while it copies, and SQLite restarts the WAL from its start once all of it
/// is copied. The writer keeps its `wal_autocheckpoint` as a safety net (it finds nothing to copy
/// when this keeps up).
final class Checkpointer: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let lock = NSLock()
    private var running = false
    private var itemsSinceLast = 0

    /// Items committed (2.7 KB of JSON each on average in the benchmark, so some 11 MB) after which
    /// a checkpoint is started.
    static let everyItems = 4096

    init(path: String, configuration: Configuration) throws {
        var configuration = configuration
        configuration.label = "Gazette.Store.checkpoint"
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Tells it a commit wrote `items` items; starts a passive checkpoint in the background when
    /// enough have been written since the last and none is running.
    func committed(items: Int) {
        let start: Bool = lock.withLock {
            itemsSinceLast += items
            guard !running, itemsSinceLast >= Self.everyItems else { return false }
            (running, itemsSinceLast) = (true, 0)
            return true
        }
        guard start else { return }
        queue.asyncWriteWithoutTransaction { [self] db in
            // A failure (SQLITE_BUSY while another checkpoint runs) leaves the frames for the next one.
            _ = try? db.checkpoint(.passive)
            lock.withLock { running = false }
        }
    }
}
