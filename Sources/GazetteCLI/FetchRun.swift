import Foundation
import GazetteFetch
import GazetteModel
import GazetteParse
import GazetteStore

/// What one fetch pass did, for the summary line and the run record.
struct FetchSummary: Sendable {
    // Adding up: each feed's record returns its own delta, merged by FetchRun.
    var due = 0
    var fetched = 0
    var notModified = 0
    var failed = 0
    var itemsNew = 0
    var itemsChanged = 0
    var warnings: [String] = []
    /// One entry per feed considered, for `--verbose`: in the order the feeds finished.
    var feeds: [FeedOutcome] = []
}

/// The fetch half of `gazette run`: every due feed fetched (libcurl multi), parsed (fanned out over
/// the cores) and recorded in the store, each feed's writes all in one transaction (feeds waiting for
/// the writer together share one: `Store.recordFetch`'s group commit). One bad feed never stops the
/// others: its failure becomes a warning and a backoff.
struct FetchRun {
    let config: SiteConfig
    let store: Store
    let force: Bool
    let progress: ProgressBar?
    /// Stops the fetching on SIGTERM, SIGINT or SIGHUP; nil: signals keep their default action.
    var stop: StopSignals? = nil

    /// The User-Agent every request sends: `Gazette/VERSION (+SITE_URL)`.
    var userAgent: String { "Gazette/\(GazetteCommand.version) (+\(config.site.url.absoluteString))" }

    func run(now: Date = Date()) async throws(CommandFailure) -> FetchSummary {
        var summary = FetchSummary()
        let feeds: [FeedConfig]
        do {
            let states = Dictionary(try store.allFeedStates().map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
            feeds = config.feeds.filter { feed in
                guard let state = states[feed.url] else { return true }
                // --force skips the interval and backoff, not a 410: that needs feeds.yml changed.
                return force ? !state.isDisabled : state.isDue(at: now, interval: feed.fetch.interval)
            }
            summary.due = feeds.count
            let fetching = Set(feeds.map(\.url))
            for feed in config.feeds where !fetching.contains(feed.url) {
                let state = states[feed.url]
                let note = state?.disabledReason.map { "disabled: \($0)" }
                    ?? state?.nextDue(interval: feed.fetch.interval).map { "next fetch \(rfc3339UTC($0))" }
                summary.feeds.append(FeedOutcome(url: feed.url, kind: .notDue, note: note))
            }
            let requests = feeds.map { feed in
                FetchRequest(url: fetchURL(for: feed, state: states[feed.url]),
                             validators: states[feed.url]?.validators ?? .none,
                             limits: FetchLimits(connectTimeout: feed.fetch.connectTimeout, timeout: feed.fetch.timeout,
                                                 maxBytes: feed.fetch.maxBytes, lowSpeedLimit: feed.fetch.lowSpeedLimit,
                                                 lowSpeedTime: feed.fetch.lowSpeedTime),
                             userAgent: userAgent)
            }
            progress?.start(total: requests.count)
            try await fetchAndRecord(feeds: feeds, requests: requests, states: states, now: now, into: &summary)
            progress?.finish()
        } catch let error as StoreError {
            progress?.finish()
            throw CommandFailure(message: error.description)
        } catch {
            progress?.finish()
            throw CommandFailure(message: "\(error)")
        }
        return summary
    }

    /// The URL to fetch: an adopted permanent redirect, else the file path or URL feeds.yml names.
    private func fetchURL(for feed: FeedConfig, state: FeedState?) -> String {
        if let adopted = state?.adoptedURL { return adopted }
        switch feed.source {
        case let .file(url): return url.path
        case let .web(url): return url.absoluteString
        }
    }

    private enum Parsed: Sendable {
        case feed(Feed)
        case failure(String)
    }

    private func fetchAndRecord(feeds: [FeedConfig], requests: [FetchRequest], states: [String: FeedState],
                                now: Date, into summary: inout FetchSummary) async throws {
        let fetcher = Fetcher(maxInFlight: config.concurrency.maxInFlight, maxPerHost: config.concurrency.maxPerHost)
        stop?.onStop { signal in fetcher.interrupt(signal: signal) }
        let zone = config.site.timeZone
        // Transfers finish in any order; each body is parsed, encoded and hashed on the cooperative
        // pool while the next transfers run, then its transaction runs on the store's writer queue
        // while the task waits suspended, so both cores keep parsing as the writer writes; this
        // task only adds up the summary.
        let (finished, continuation) = AsyncStream.makeStream(of: Result<FetchSummary, any Error>.self)
        let producer = Task { [self] in
            // Each task returns the size of the body it held.
            await withTaskGroup(of: Int.self) { group in
                var inProcess = 0
                var bytesInProcess = 0
                for await (index, result) in fetcher.results(for: requests) {
                    let size = (try? result.get())?.body.count ?? 0
                    while inProcess >= feedsInProcess || (inProcess > 0 && bytesInProcess + size > bodyBytesInProcess) {
                        guard let done = await group.next() else { break }
                        inProcess -= 1
                        bytesInProcess -= done
                    }
                    inProcess += 1
                    bytesInProcess += size
                    group.addTask {
                        var parsed: Parsed?
                        if case let .success(fetched) = result, !fetched.notModified {
                            let options = ParseOptions(documentURL: fetched.finalURL.hasPrefix("/") ? nil : fetched.finalURL,
                                                       httpCharset: fetched.charset, timeZone: zone)
                            do {
                                parsed = .feed(try FeedParser.parse(fetched.body, options: options))
                            } catch {
                                parsed = .failure("\(error)")
                            }
                        }
                        var delta = FetchSummary()
                        do {
                            try await record((index, result, parsed), feeds: feeds, states: states, now: now, into: &delta)
                            continuation.yield(.success(delta))
                        } catch {
                            continuation.yield(.failure(error))
                        }
                        return size
                    }
                }
                // Every transfer has finished: the feeds still in process are the last, so their
                // records need not wait for others to share a transaction.
                store.stopDelayingCommits()
            }
            continuation.finish()
        }
        defer { producer.cancel() }
        for await done in finished {
            let delta = try done.get()
            summary.fetched += delta.fetched
            summary.notModified += delta.notModified
            summary.failed += delta.failed
            summary.itemsNew += delta.itemsNew
            summary.itemsChanged += delta.itemsChanged
            summary.warnings += delta.warnings
            summary.feeds += delta.feeds
            progress?.advance()
        }
    }

    /// Most feeds parsed or waiting for their transaction at once: enough to keep every core and the
    /// store's writer busy, few enough that parsed and encoded feeds do not pile up in memory behind
    /// the writer (unbounded, a cold fetch of 400 feeds, 60 MB, peaked at 185 MB; bounded, at 122 MB).
    /// It must be well above `Store.groupMaxWrites`: a feed holds its place until its group commits,
    /// and at 4 per core every place was taken while the group waited out its delay (3.6 s, not 1.6).
    /// Finished bodies beyond it wait in the fetcher's stream.
    private var feedsInProcess: Int { 16 * ProcessInfo.processInfo.activeProcessorCount }

    /// Most body bytes in process at once (a feed bigger than this is still taken, alone): with big
    /// feeds, `feedsInProcess` alone let 20 feeds of 6.4 MB (bench/build.sh) all be parsed and encoded
    /// at once, to a peak RSS of 470 MB; parsed and encoded, a body takes 3-4 times its size.
    private let bodyBytesInProcess = 32 << 20

    /// Records one finished feed in the store (one transaction) and the summary. The fetch's
    /// transaction runs on the store's writer queue while this task is suspended, so the cores go
    /// on parsing other feeds meanwhile.
    private func record(_ done: (Int, Result<FetchResult, FetchError>, Parsed?), feeds: [FeedConfig],
                        states: [String: FeedState], now: Date, into summary: inout FetchSummary) async throws {
        let (index, result, parsed) = done
        let feed = feeds[index]
        let interval = feed.fetch.interval
        switch result {
        case let .success(fetched) where fetched.notModified:
            try await store.recordFetch(feedURL: feed.url, outcome: .notModified(validators: fetched.validators),
                                  interval: interval, now: now)
            summary.notModified += 1
            summary.feeds.append(FeedOutcome(url: feed.url, kind: .notModified, status: fetched.status, seconds: fetched.elapsed))
        case let .success(fetched):
            switch parsed {
            case let .feed(parsedFeed):
                let counts = try await store.recordFetch(
                    feedURL: feed.url, outcome: .parsed(parsedFeed, validators: fetched.validators, status: fetched.status),
                    interval: interval, now: now)
                summary.fetched += 1
                summary.itemsNew += counts.new
                summary.itemsChanged += counts.changed
                summary.feeds.append(FeedOutcome(url: feed.url, kind: .fetched, status: fetched.status, itemsNew: counts.new,
                                                 itemsChanged: counts.changed, seconds: fetched.elapsed))
                if let target = fetched.permanentRedirect, target != states[feed.url]?.adoptedURL {
                    _ = try store.adoptRedirect(feedURL: feed.url, to: target)
                    summary.warnings.append("\(feed.url): moved permanently to \(target); fetching that from now on — update the feed at feeds.yml line \(feed.line)")
                }
            case let .failure(message):
                _ = try store.recordFailure(feedURL: feed.url, error: message, status: fetched.status,
                                            interval: interval, now: now)
                summary.failed += 1
                summary.warnings.append("\(feed.url): \(message)")
                summary.feeds.append(FeedOutcome(url: feed.url, kind: .failed, status: fetched.status, seconds: fetched.elapsed, note: message))
            case nil:
                break
            }
        case let .failure(error) where error.kind == .cancelled:
            // Never started (the run was stopped first): nothing happened to the feed, it stays due.
            summary.feeds.append(FeedOutcome(url: feed.url, kind: .notDue, note: "not fetched: the run was stopped first"))
        case let .failure(error):
            summary.failed += 1
            var status: Int?
            var retryAfter: Date?
            if case let .http(code, retry) = error.kind { (status, retryAfter) = (code, retry) }
            summary.feeds.append(FeedOutcome(url: feed.url, kind: .failed, status: status, note: error.description))
            if status == 410 {
                _ = try store.recordGone(feedURL: feed.url, now: now)
                summary.warnings.append("\(error.description) (feeds.yml line \(feed.line); disabled)")
            } else {
                let state = try store.recordFailure(feedURL: feed.url, error: error.description, status: status,
                                                    retryAfter: retryAfter, interval: interval, now: now)
                let next = state.nextDue.map { " (next try \(rfc3339UTC($0)))" } ?? ""
                summary.warnings.append(error.description + next)
            }
        }
    }
}
