internal import CCurl
import Foundation
import GazetteModel
import Logging

/// The transfer thread's state: the libcurl multi handle and every easy handle in it, owned by
/// this one thread for their whole life. Jobs wait in a queue until both limits allow them:
/// `maxInFlight` transfers in all, `maxPerHost` per host, so a transfer's timeout starts when
/// it starts, not while it queues.
final class TransferLoop {
    private let mailbox: Mailbox
    /// `CURLM *`; nil only when libcurl could not make one, and then every job fails.
    private let multi: UnsafeMutableRawPointer?
    private let maxInFlight: Int
    private let maxPerHost: Int
    private let logger: Logger
    private var waiting: [Job] = []
    private var running: [UnsafeMutableRawPointer: Transfer] = [:]
    private var runningPerHost: [String: Int] = [:]
    /// Results still owed to each batch.
    private var owed: [UInt64: Int] = [:]
    /// Set when something may start: a job arrived or a transfer ended.
    private var mayStart = false

    init(mailbox: Mailbox, maxInFlight: Int, maxPerHost: Int, logger: Logger) {
        (self.mailbox, self.maxInFlight, self.maxPerHost, self.logger) = (mailbox, maxInFlight, maxPerHost, logger)
        multi = curl_multi_init()
        if let multi {
            // Also capped inside libcurl, so open connections (not only transfers) stay within
            // `maxInFlight`; one multi handle shares its connection cache and DNS cache among all
            // transfers. No CURLMOPT_MAX_HOST_CONNECTIONS: libcurl counts it by the host a transfer
            // is connected to now, after redirects, and queues the transfers past it inside libcurl
            // with their timeout running. Sixteen feeds on four hosts that all redirect to one CDN
            // then failed as timeouts without ever getting a connection. The per-host limit is
            // this loop's, by the URL a feed is fetched from.
            _ = gz_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxInFlight)
        }
        mailbox.attach(multi)
    }

    /// Runs until the mailbox says stop; then cancels what is left and frees the multi handle.
    func run() {
        var interruptedBy: String?
        while true {
            let mail = mailbox.take()
            accept(mail.jobs)
            drop(mail.cancelled)
            if mail.stopping { interruptedBy = mail.interruptedBy; break }
            startWaiting()
            guard let multi else {
                mailbox.waitForMail()  // every job failed in start(); nothing to poll
                continue
            }
            var active: Int32 = 0
            _ = curl_multi_perform(multi, &active)
            collectFinished(multi)
            if mayStart && !waiting.isEmpty { continue }  // start the next ones before sleeping
            // Sleeps until a socket is ready, libcurl's next timeout, or a wake-up from the mailbox.
            _ = curl_multi_poll(multi, nil, 0, Self.idlePollMilliseconds, nil)
        }
        cancelEverything(interruptedBy: interruptedBy)
        mailbox.attach(nil)
        if let multi { curl_multi_cleanup(multi) }
    }

    /// Longest sleep with nothing happening; the mailbox wakes the thread sooner.
    private static let idlePollMilliseconds: Int32 = 10_000

    private func accept(_ jobs: [Job]) {
        for job in jobs {
            if owed[job.batch.id] == nil { owed[job.batch.id] = job.batch.count }
            if let file = LocalFile(url: job.request.url) {
                deliver(file.read(job.request), for: job)
            } else {
                waiting.append(job)
                mayStart = true
            }
        }
    }

    private func startWaiting() {
        guard mayStart else { return }
        mayStart = false
        var index = 0
        while running.count < maxInFlight && index < waiting.count {
            let job = waiting[index]
            let host = hostKey(job.request.url)
            guard runningPerHost[host, default: 0] < maxPerHost else { index += 1; continue }
            waiting.remove(at: index)
            start(job, host: host)
        }
    }

    private func start(_ job: Job, host: String) {
        guard let multi else {
            deliver(.failure(FetchError(url: job.request.url, kind: .other(
                code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_multi_init failed"))), for: job)
            return
        }
        let transfer: Transfer
        do { transfer = try Transfer(job: job, host: host) } catch { deliver(.failure(error), for: job); return }
        let added = curl_multi_add_handle(multi, transfer.easy)
        guard added == CURLM_OK else {
            let message = String(cString: curl_multi_strerror(added))
            deliver(.failure(FetchError(url: job.request.url, kind: .other(code: Int(added.rawValue), message: message))), for: job)
            return
        }
        running[transfer.easy] = transfer
        runningPerHost[host, default: 0] += 1
    }

    private func collectFinished(_ multi: UnsafeMutableRawPointer) {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = running[easy] else { continue }
            let code = message.pointee.data.result  // read before removing: the message is then freed
            finish(transfer)
            if transfer.job.decodesContent, transfer.failedOnUnknownContentEncoding(code) {
                // Browsers and feed readers read such a body as it is; so does the second try.
                var again = transfer.job
                again.decodesContent = false
                waiting.append(again)
                continue
            }
            deliver(transfer.outcome(code), for: transfer.job)
        }
    }

    /// Takes the transfer out of the multi handle; its easy handle is freed with it.
    private func finish(_ transfer: Transfer) {
        if let multi { _ = curl_multi_remove_handle(multi, transfer.easy) }
        running[transfer.easy] = nil
        runningPerHost[transfer.host, default: 1] -= 1
        if runningPerHost[transfer.host] == 0 { runningPerHost[transfer.host] = nil }
        mayStart = true
    }

    /// Forgets cancelled batches: their streams have ended, nobody reads their results.
    private func drop(_ batches: Set<UInt64>) {
        guard !batches.isEmpty else { return }
        waiting.removeAll { batches.contains($0.batch.id) }
        for transfer in running.values where batches.contains(transfer.job.batch.id) { finish(transfer) }
        for batch in batches { owed[batch] = nil }
    }

    private func cancelEverything(interruptedBy signal: String?) {
        let started = running.values.map(\.job)
        let queued = waiting
        running.values.forEach(finish)
        waiting = []
        for job in started {
            deliver(.failure(FetchError(url: job.request.url, kind: signal.map { .interrupted(signal: $0) } ?? .cancelled)), for: job)
        }
        for job in queued { deliver(.failure(FetchError(url: job.request.url, kind: .cancelled)), for: job) }
    }

    private func deliver(_ result: Result<FetchResult, FetchError>, for job: Job) {
        guard let remaining = owed[job.batch.id] else { return }  // cancelled batch
        switch result {
        case let .success(fetched):
            logger.debug("fetched", metadata: [
                "feed.url": "\(job.request.url)", "http.status": "\(fetched.status)",
                "bytes": "\(fetched.body.count)", "elapsed": "\(fetched.elapsed)",
            ])
        case let .failure(error):
            logger.debug("fetch failed", metadata: ["feed.url": "\(job.request.url)", "error": "\(error)"])
        }
        job.batch.continuation.yield((index: job.index, result: result))
        if remaining > 1 {
            owed[job.batch.id] = remaining - 1
        } else {
            owed[job.batch.id] = nil
            job.batch.continuation.finish()
        }
    }
}

@available(*, unavailable) extension TransferLoop: Sendable {}  // the transfer thread owns it

/// Scheme, host and port: the unit the per-host limit counts (a redirect to another host still
/// counts against the first).
private func hostKey(_ url: String) -> String {
    guard let parsed = URL(string: url), let host = parsed.host?.lowercased() else { return url }
    let scheme = parsed.scheme?.lowercased() ?? "http"
    return "\(scheme)://\(host):\(parsed.port ?? (scheme == "https" ? 443 : 80))"
}
