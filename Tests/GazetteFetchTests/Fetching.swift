import GazetteFetch
import GazetteModel

/// Limits for tests: nothing that goes wrong waits long, so no test can hang.
let testLimits = FetchLimits(connectTimeout: 5, timeout: 15, maxBytes: 1024 * 1024, lowSpeedLimit: 1, lowSpeedTime: 10)

/// Fetches one URL with a fetcher of its own.
func fetchOnce(_ url: String, validators: Validators = .none, limits: FetchLimits = testLimits,
               userAgent: String = "GazetteTests/1.0 (+https://finews.example.com)") async -> Result<FetchResult, FetchError> {
    let results = await Fetcher().fetch([FetchRequest(url: url, validators: validators, limits: limits, userAgent: userAgent)])
    return results.first ?? .failure(FetchError(url: url, kind: .cancelled))
}

extension Result where Failure == FetchError {
    /// The error's kind, or nil on success.
    var failureKind: FetchError.Kind? {
        if case let .failure(error) = self { return error.kind }
        return nil
    }
}
