internal import CCurl
import Foundation

/// The one door into the transfer thread: callers post jobs, cancellations and the stop order;
/// the thread takes them all at once between two rounds of `curl_multi_poll`, which the poster
/// interrupts with `curl_multi_wakeup` (thread-safe, and remembered until the next poll:
/// https://curl.se/libcurl/c/curl_multi_wakeup.html).
final class Mailbox: @unchecked Sendable {
    // @unchecked: every stored var is read and written only under `lock`.
    private let lock = NSCondition()
    private var mail = Mail()
    /// The multi handle to wake, while the transfer thread owns one.
    private var multi: UnsafeMutableRawPointer?
    private var lastBatchID: UInt64 = 0

    /// What arrived since the thread last looked.
    struct Mail {
        var jobs: [Job] = []
        var cancelled: Set<UInt64> = []
        var stopping = false
        /// Set by `interrupt(signal:)`: the running transfers end as `.interrupted`, not `.cancelled`.
        var interruptedBy: String?
    }

    /// A batch id never used before.
    func newBatchID() -> UInt64 {
        lock.withLock {
            lastBatchID += 1
            return lastBatchID
        }
    }

    /// Hands jobs to the thread.
    func post(_ jobs: [Job]) { deliver { $0.jobs += jobs } }
    /// Asks the thread to drop a batch's jobs, waiting or running; their results are not wanted.
    func cancel(_ batch: UInt64) { deliver { _ = $0.cancelled.insert(batch) } }
    /// Asks the thread to end every batch with `.cancelled` and stop; there is no restart.
    func stop() { deliver { $0.stopping = true } }
    /// Like `stop()`, but the transfers running end as `.interrupted(signal:)`; waiting ones as `.cancelled`.
    func interrupt(signal: String) { deliver { $0.stopping = true; $0.interruptedBy = signal } }

    /// Everything posted since the last call; the stop order stays set once given.
    func take() -> Mail {
        lock.withLock {
            let taken = mail
            mail = Mail(stopping: taken.stopping, interruptedBy: taken.interruptedBy)
            return taken
        }
    }

    /// Blocks until something is posted: how the thread waits when it has no multi handle to poll.
    func waitForMail() {
        lock.withLock {
            while mail.jobs.isEmpty && mail.cancelled.isEmpty && !mail.stopping { lock.wait() }
        }
    }

    /// Called by the transfer thread: wake-ups go to `multi` from now on (nil: no more).
    func attach(_ multi: UnsafeMutableRawPointer?) { lock.withLock { self.multi = multi } }

    private func deliver(_ change: (inout Mail) -> Void) {
        lock.withLock {
            change(&mail)
            if let multi { curl_multi_wakeup(multi) }
            lock.signal()
        }
    }
}
