import GazetteModel

/// One request on its way through the transfer thread: what to fetch, its place in the caller's
/// list, and the batch its result goes to.
struct Job: Sendable {
    let request: FetchRequest
    let index: Int
    let batch: Batch
    /// False for the second try of a response whose Content-Encoding libcurl does not know
    /// (`utf-8`, `UTF8`: a charset where a coding belongs): its body is then taken as it comes.
    var decodesContent = true
}
