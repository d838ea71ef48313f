import GazetteModel

/// The requests of one `Fetcher.results(for:)` call: the stream their results go to, and how
/// many there are. The transfer thread counts them down and finishes the stream at zero.
final class Batch: Sendable {
    /// Unique for the fetcher's life (not an address: a finished batch's cancellation may still
    /// be in the mailbox when a new batch is made).
    let id: UInt64
    let continuation: AsyncStream<Fetcher.Completion>.Continuation
    let count: Int

    init(id: UInt64, continuation: AsyncStream<Fetcher.Completion>.Continuation, count: Int) {
        (self.id, self.continuation, self.count) = (id, continuation, count)
    }
}
