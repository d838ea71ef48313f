internal import CCurl
import Foundation
public import GazetteModel
public import Logging

/// Fetches many feeds at once: libcurl's multi interface, driven by one dedicated thread that owns
/// every handle, with HTTP/1.1 and HTTP/2, connections reused across feeds, gzip/deflate/br/zstd
/// decoded, conditional GET, at most `maxRedirects` redirects and only to http and https, and
/// every limit of `FetchLimits` enforced while the transfer runs. Local paths and `file:` URLs
/// are read from disk. Proxies come from the environment (`http_proxy`, `https_proxy`,
/// `NO_PROXY` …). Share one fetcher for a whole run; releasing it cancels what is still running.
public final class Fetcher: Sendable {
    /// A result with the position of its request in the list given to `results(for:)`.
    public typealias Completion = (index: Int, result: Result<FetchResult, FetchError>)

    /// Most transfers running at once; the rest wait in the fetcher's queue, so that a transfer's
    /// timeout starts when the transfer does.
    public let maxInFlight: Int
    /// Most transfers running at once against one scheme, host and port.
    public let maxPerHost: Int
    private let mailbox = Mailbox()

    /// Starts the transfer thread. Limits below 1 count as 1.
    /// - Parameters:
    ///   - maxInFlight: transfers at once, 16 by default (feeds.yml `max_in_flight`).
    ///   - maxPerHost: transfers at once per host, 4 by default (feeds.yml `max_per_host`), the
    ///     politeness limit: a site serving many feeds does not see more than this.
    ///   - logger: gets one debug line per finished fetch.
    public init(maxInFlight: Int = 16, maxPerHost: Int = 4, logger: Logger = Logger(label: "gazette.fetch")) {
        self.maxInFlight = max(1, maxInFlight)
        self.maxPerHost = max(1, maxPerHost)
        _ = Self.curlReady
        let (mailbox, inFlight, perHost) = (mailbox, self.maxInFlight, self.maxPerHost)
        let thread = Thread {
            TransferLoop(mailbox: mailbox, maxInFlight: inFlight, maxPerHost: perHost, logger: logger).run()
        }
        thread.name = "gazette.fetch"
        thread.start()
    }

    /// Starts the transfer thread with feeds.yml's `max_in_flight` and `max_per_host`.
    public convenience init(_ concurrency: Concurrency, logger: Logger = Logger(label: "gazette.fetch")) {
        self.init(maxInFlight: concurrency.maxInFlight, maxPerHost: concurrency.maxPerHost, logger: logger)
    }

    deinit { mailbox.stop() }

    /// Ends every fetch now (the run was stopped by `signal`, e.g. "SIGTERM"): transfers running end
    /// as `.interrupted`, those still queued as `.cancelled`, and every stream finishes. For good:
    /// the fetcher takes no more work.
    public func interrupt(signal: String) { mailbox.interrupt(signal: signal) }

    /// libcurl's global setup, once per process before any handle (thread-safe from 7.84 on,
    /// but done first anyway: https://curl.se/libcurl/c/curl_global_init.html).
    private static let curlReady: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Fetches every request and returns one result per request, in the same order. Never throws:
    /// each failure is that request's `FetchError`; if the task is cancelled, the requests not
    /// yet finished end as `.cancelled`.
    /// - Parameter progress: called with each result as it arrives (in completion order), on the
    ///   calling task, e.g. to advance a progress bar.
    public func fetch(_ requests: [FetchRequest],
                      progress: (_ index: Int, _ result: Result<FetchResult, FetchError>) -> Void = { _, _ in })
        async -> [Result<FetchResult, FetchError>] {
        var results = [Result<FetchResult, FetchError>?](repeating: nil, count: requests.count)
        for await (index, result) in self.results(for: requests) {
            results[index] = result
            progress(index, result)
        }
        return results.enumerated().map { index, result in
            result ?? .failure(FetchError(url: requests[index].url, kind: .cancelled))
        }
    }

    /// Each request's result as soon as its transfer ends, with the request's index. Ending the
    /// iteration early, or cancelling the task that iterates, cancels the transfers left.
    public func results(for requests: [FetchRequest]) -> AsyncStream<Completion> {
        AsyncStream { continuation in
            guard !requests.isEmpty else { return continuation.finish() }
            let batch = Batch(id: mailbox.newBatchID(), continuation: continuation, count: requests.count)
            let id = batch.id
            // Keeps the fetcher (and so its thread) alive while someone reads the stream.
            continuation.onTermination = { [self] _ in mailbox.cancel(id) }
            mailbox.post(requests.enumerated().map { Job(request: $1, index: $0, batch: batch) })
        }
    }
}
