import GazetteModel

/// One request on its way through the transfer thread: what to fetch, its place in the caller's
/// list, and the batch its result goes to.
struct Job: Sendable {
    let request: FetchRequest
    let index: Int
    let batch: Batch
}
