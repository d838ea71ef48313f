import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal (cron sees nothing).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private var total = 0
    private var done = 0
    private let lock = NSLock()

    /// nil when standard error is not a terminal.
    static func forTerminal(label: String) -> ProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ProgressBar(label: label) : nil
    }

    private init(label: String) { self.label = label }

    func start(total: Int) {
        lock.withLock { self.total = total; done = 0 }
        draw()
    }

    func advance() {
        lock.withLock { done += 1 }
        draw()
    }

    func finish() {
        writeIgnoringErrors(STDERR_FILENO, "\r\u{1B}[K")
    }

    private func draw() {
        let (done, total) = lock.withLock { (self.done, self.total) }
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        writeIgnoringErrors(STDERR_FILENO, "\r\(label) [\(bar)] \(done)/\(total)")
    }
}
