internal import CCurl
import GazetteModel

/// One HTTP fetch: a libcurl easy handle set up from a `FetchRequest`, the response headers it
/// has seen and the body it has received, at most `maxBytes`. Lives on the transfer thread only.
final class Transfer {
    /// `CURL *`; cleaned up in deinit, after the loop has removed it from the multi handle.
    let easy: UnsafeMutableRawPointer
    let job: Job
    /// The host (scheme, name, port) it counts against for the per-host limit.
    let host: String
    let started = ContinuousClock.now
    private(set) var head = ResponseHead()
    private(set) var body: [UInt8] = []
    /// Body bytes offered so far, kept or not.
    private(set) var received = 0
    /// Set when the write callback refused a byte past `maxBytes`, or the header callback a
    /// declared `Content-Length` past it.
    private(set) var exceededLimit = false
    /// Set when the write callback stopped the transfer at the first byte of an error page: the
    /// status is the answer, the page is never read.
    private(set) var stoppedAtErrorBody = false
    /// Set when the progress callback stopped a redirect whose body passed `redirectBodyLimit`.
    private(set) var redirectBodyTooLarge = false
    /// `struct curl_slist *` of the request headers; libcurl reads it until the transfer ends.
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    /// libcurl's detailed message for a failure (CURLOPT_ERRORBUFFER), NUL-terminated.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))

    var request: FetchRequest { job.request }

    init(job: Job, host: String) throws(FetchError) {
        errorBuffer.initialize(to: 0)
        guard let easy = curl_easy_init() else {
            errorBuffer.deallocate()
            throw FetchError(url: job.request.url, kind: .other(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_easy_init failed"))
        }
        (self.easy, self.job, self.host) = (easy, job, host)
        try configure()
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(requestHeaders)
        errorBuffer.deallocate()
    }

    private func configure() throws(FetchError) {
        let limits = request.limits
        // Checked here as well as by CURLOPT_PROTOCOLS_STR: libcurl would take `example.com/feed`
        // for http://example.com/feed, and a feed URL must be absolute.
        let lowercased = request.url.prefix(8).lowercased()
        guard lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") else {
            throw FetchError(url: request.url, kind: .invalidURL("only http and https URLs are fetched"))
        }
        try check(gz_setopt_string(easy, CURLOPT_URL, request.url))
        // Only http and https, for the URL and for every redirect: a feed must not make us read
        // file:///etc/passwd or talk to an internal gopher: service.
        try check(gz_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check(gz_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        try check(gz_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1))
        try check(gz_setopt_long(easy, CURLOPT_MAXREDIRS, max(0, limits.maxRedirects)))  // -1 would mean unlimited
        // HTTP/2 over TLS when the server offers it (ALPN), HTTP/1.1 otherwise and for http://.
        try check(gz_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        // No CURLOPT_PIPEWAIT: with it a transfer waits for a busy HTTP/1.1 connection to the same
        // host, so one trickling feed stalls its neighbours (ConcurrencyTests,
        // tricklingFeedDoesNotHoldBackOthersOnTheSameHost). HTTP/2 hosts may then get up to
        // `maxPerHost` connections instead of one multiplexed.
        if job.decodesContent {
            // "" offers every encoding this libcurl decodes (gzip, deflate, br, zstd on Debian 12).
            try check(gz_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""))
        } else {
            // No Accept-Encoding, and the body as it comes whatever its Content-Encoding says.
            try check(gz_setopt_long(easy, CURLOPT_HTTP_CONTENT_DECODING, 0))
        }
        try check(gz_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, limits.connectTimeout.curlMilliseconds))
        try check(gz_setopt_long(easy, CURLOPT_TIMEOUT_MS, limits.timeout.curlMilliseconds))
        if limits.lowSpeedLimit > 0 {
            try check(gz_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedLimit))
            try check(gz_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, limits.lowSpeedTime.curlWholeSeconds))
        }
        // No CURLOPT_MAXFILESIZE_LARGE: libcurl applies it to every response's Content-Length, so
        // a 301 announcing a large page was never followed and a 404 or 503 with a large error page
        // became "too large" instead of its status. The header and write callbacks enforce
        // `maxBytes` on the final 2xx response alone (`appendHeader`, `append`).
        try check(gz_setopt_string(easy, CURLOPT_USERAGENT, request.userAgent))
        // Signals are process-wide: libcurl must not use SIGALRM for DNS timeouts in a threaded
        // program (https://curl.se/libcurl/c/CURLOPT_NOSIGNAL.html).
        try check(gz_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        // Through an HTTPS proxy, the proxy's "200 Connection established" is not a hop.
        try check(gz_setopt_long(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1))
        // No CURLOPT_PROXY or CURLOPT_NOPROXY: libcurl then takes http_proxy, https_proxy,
        // ALL_PROXY and NO_PROXY from the environment, as the issue asks.
        try check(gz_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))

        var lines = [Array("Accept: \(Self.accept)".utf8)]
        if let etag = request.validators.etag { lines.append(Array("If-None-Match: ".utf8) + validatorBytes(etag)) }
        if let date = request.validators.lastModified { lines.append(Array("If-Modified-Since: ".utf8) + validatorBytes(date)) }
        // No header injection from the store: a line with CR, LF or NUL is not sent.
        for line in lines where !line.contains(13) && !line.contains(10) && !line.contains(0) {
            let added = (line + [0]).withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { curl_slist_append(requestHeaders, $0) }
            }
            guard let list = added else {
                throw FetchError(url: request.url, kind: .other(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_slist_append failed"))
            }
            requestHeaders = list
        }
        try check(gz_setopt_pointer(easy, CURLOPT_HTTPHEADER, requestHeaders))

        // Unretained: libcurl calls back only while the handle is in the multi handle, and the loop
        // keeps this object alive until it has removed it from there.
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(gz_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        try check(gz_setopt_write(easy, CURLOPT_WRITEFUNCTION, receiveBody))
        try check(gz_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        try check(gz_setopt_write(easy, CURLOPT_HEADERFUNCTION, receiveHeader))
        // The write callback never sees the body of a redirect libcurl follows: it drains it. The
        // progress callback does, so an endless 301 body is cut at `redirectBodyLimit`, not at `timeout`.
        try check(gz_setopt_pointer(easy, CURLOPT_XFERINFODATA, context))
        try check(gz_setopt_xferinfo(easy, CURLOPT_XFERINFOFUNCTION, receiveProgress))
        try check(gz_setopt_long(easy, CURLOPT_NOPROGRESS, 0))
    }

    /// A stored validator's bytes as the server sent them: `ResponseHead` reads each byte as one
    /// scalar (ISO 8859-1). A value with a scalar past U+00FF was stored by an older Gazette that
    /// read headers as UTF-8, so it goes back as UTF-8, the bytes it came as.
    private func validatorBytes(_ value: String) -> [UInt8] {
        guard value.unicodeScalars.allSatisfy({ $0.value <= 0xFF }) else { return Array(value.utf8) }
        return value.unicodeScalars.map { UInt8($0.value) }
    }

    /// Feed formats first, then any XML, then anything (an HTML page is how autodiscovery starts).
    static let accept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
        + "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

    /// Takes body bytes, or refuses them all (which makes libcurl abort with CURLE_WRITE_ERROR)
    /// when they would pass `maxBytes`: the limit holds while reading, nothing past it is kept.
    /// The body of an error status (libcurl passes on only the final response's body) is refused
    /// at its first byte: it is never used, and an endless or huge error page must not keep the
    /// feed busy until a limit turns its status into a different failure.
    func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        if let status = head.statuses.last, !(200..<300).contains(status) {
            stoppedAtErrorBody = true
            return 0
        }
        guard received + bytes.count <= request.limits.maxBytes else {
            exceededLimit = true
            return 0
        }
        if body.isEmpty, let declared = head.contentLength, declared <= request.limits.maxBytes {
            body.reserveCapacity(declared)  // one allocation instead of doubling up to it
        }
        received += bytes.count
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Takes a header line; at the end of a 2xx head that declares an unencoded body longer than
    /// `maxBytes`, refuses it (CURLE_WRITE_ERROR) before a byte of that body is read.
    func appendHeader(_ line: UnsafeRawBufferPointer) -> Int {
        head.consume(line)
        if head.complete, let status = head.statuses.last, (200..<300).contains(status),
           let declared = head.contentLength, declared > request.limits.maxBytes, head.contentEncoding == nil {
            exceededLimit = true
            return 0
        }
        return line.count
    }

    /// Takes libcurl's count of bytes read from the wire for the current response (reset at each
    /// redirect hop); false stops the transfer (CURLE_ABORTED_BY_CALLBACK). Only a redirect's body
    /// is judged here, by a limit of its own (`max_bytes` is about feeds, and a 301 with a page
    /// larger than a small `max_bytes` must still be followed): every other body reaches `append`,
    /// which holds `maxBytes` on the decoded bytes and refuses error pages at once.
    func progress(downloaded: Int) -> Bool {
        guard downloaded > Self.redirectBodyLimit, head.complete, let status = head.statuses.last,
              (300..<400).contains(status) else { return true }
        redirectBodyTooLarge = true
        return false
    }

    /// Most bytes of a redirect's body read (and thrown away) before the transfer is stopped.
    static let redirectBodyLimit = 1 << 20

    /// libcurl's message for the failure, else its generic text for `code`.
    func message(for code: CURLcode) -> String {
        let detailed = String(cString: errorBuffer)
        return detailed.isEmpty ? String(cString: curl_easy_strerror(code)) : detailed
    }

    private func check(_ code: CURLcode) throws(FetchError) {
        guard code != CURLE_OK else { return }
        throw FetchError(url: request.url, kind: .other(code: Int(code.rawValue), message: message(for: code)))
    }
}

@available(*, unavailable) extension Transfer: Sendable {}  // the transfer thread owns it

private let receiveBody: curl_write_callback = { bytes, size, count, context in
    guard let context else { return 0 }  // taking less than offered aborts the transfer
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.append(UnsafeRawBufferPointer(start: bytes, count: size * count))
}

private let receiveHeader: curl_write_callback = { bytes, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.appendHeader(UnsafeRawBufferPointer(start: bytes, count: size * count))
}

private let receiveProgress: curl_xferinfo_callback = { context, _, downloaded, _, _ in
    guard let context else { return 1 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.progress(downloaded: Int(downloaded)) ? 0 : 1
}
