import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM, SIGINT and SIGHUP during `run`, `fetch` and `build`. Killed outright, a run under
/// `timeout` (cron's usual guard) published nothing, and the slow feed that made it late was never
/// recorded, so it was due again, and late again, on every run after. The first signal now stops
/// the fetching (transfers running count as failed attempts of their feeds and back off; feeds not
/// started stay due), lets what was fetched be published, and the command then exits
/// 128 + the signal's number. A second signal ends the process at once, as before.
final class StopSignals: @unchecked Sendable {
    // @unchecked: `received` and `handlers` are used under `lock` only; `sources` only in init/cancel.
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []
    private var received: (number: Int32, name: String)?
    private var handlers: [@Sendable (String) -> Void] = []

    private static let handled: [(Int32, String)] = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGHUP, "SIGHUP")]

    init() {
        for (number, name) in Self.handled {
            // Ignored, so that the default action (ending the process) does not come first; the
            // dispatch source still sees each signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.receive(number, name) }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal that asked the command to stop, e.g. "SIGTERM"; nil while none came.
    var signalName: String? { lock.withLock { received?.name } }

    /// 128 + the number of the signal that came, the status a shell gives a process it ended.
    var exitCode: Int32? { lock.withLock { received.map { 128 + $0.number } } }

    /// Calls `handler` with the signal's name when the first signal comes (at once if it came already).
    func onStop(_ handler: @escaping @Sendable (String) -> Void) {
        let already: String? = lock.withLock {
            if let received { return received.name }
            handlers.append(handler)
            return nil
        }
        if let already { handler(already) }
    }

    /// Gives the signals back their default action.
    func cancel() {
        for source in sources { source.cancel() }
        sources = []
        for (number, _) in Self.handled { signal(number, SIG_DFL) }
    }

    private func receive(_ number: Int32, _ name: String) {
        let toCall: [@Sendable (String) -> Void]? = lock.withLock {
            guard received == nil else { return nil }
            received = (number, name)
            defer { handlers = [] }
            return handlers
        }
        guard let toCall else {
            // The second signal: the user means it.
            signal(number, SIG_DFL)
            kill(getpid(), number)
            return
        }
        for handler in toCall { handler(name) }
    }
}
