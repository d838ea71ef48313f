public import Foundation

/// One row of the `runs` table: when a run started and ended, what it counted, what went wrong.
public struct RunRecord: Sendable, Equatable {
    /// Increasing with every run.
    public var id: Int64
    public var started: Date
    /// Nil while the run goes on, or when its process died before `endRun`.
    public var ended: Date?
    /// The process that ran it.
    public var pid: Int32
    public var counts: RunCounts
    /// One line per failed feed or file, as printed on stderr.
    public var errors: [String]

    public init(id: Int64, started: Date, ended: Date?, pid: Int32, counts: RunCounts, errors: [String]) {
        (self.id, self.started, self.ended, self.pid, self.counts, self.errors) = (id, started, ended, pid, counts, errors)
    }
}
