internal import CCurl
import Foundation
import GazetteModel

extension Transfer {
    /// What the finished transfer amounts to, given libcurl's result code.
    func outcome(_ code: CURLcode) -> Result<FetchResult, FetchError> {
        // A complete error head is the answer, whatever became of its body afterwards (stopped
        // by `append`, a broken Content-Encoding, a cut connection): a 410 still disables the
        // feed, a 503's Retry-After still counts.
        guard code == CURLE_OK || answeredWithError else { return .failure(FetchError(url: request.url, kind: failure(code))) }
        let receivedAt = Date()
        var status = 0
        _ = gz_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        if status == 0, let last = head.statuses.last { status = last }
        let retryAfter = head.retryAfter.flatMap { retryDate(fromRetryAfter: $0, receivedAt: receivedAt) }
        let sent = request.validators
        // A 304 to a request with no validators (RFC 9110 §15.4.5 allows it only for a
        // conditional one) leaves nothing to keep: the feed would never deliver an item.
        guard (200..<300).contains(status) || (status == 304 && !sent.isEmpty) else {
            return .failure(FetchError(url: request.url, kind: .http(status: status, retryAfter: retryAfter)))
        }
        var effective: UnsafeMutablePointer<CChar>?
        _ = gz_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective)
        let finalURL = effective.map { String(cString: $0) } ?? request.url
        let contentType = head.contentType.flatMap(ContentType.init)
        // A 304 need not repeat the validators (RFC 9110 §15.4.5 only asks for those a 200 would
        // carry); keep the ones that matched.
        let validators = status == 304
            ? Validators(etag: head.etag ?? sent.etag, lastModified: head.lastModified ?? sent.lastModified)
            : Validators(etag: head.etag, lastModified: head.lastModified)
        return .success(FetchResult(
            requestedURL: request.url, finalURL: finalURL, status: status,
            body: status == 304 ? [] : body,
            contentType: contentType?.mediaType, charset: contentType?.charset, validators: validators,
            permanentRedirect: head.allRedirectsPermanent ? finalURL : nil,
            retryAfter: retryAfter, elapsed: (.now - started).inSeconds))
    }

    /// True when a 2xx response named a Content-Encoding that libcurl does not know (`utf-8`).
    func failedOnUnknownContentEncoding(_ code: CURLcode) -> Bool {
        guard code == CURLE_BAD_CONTENT_ENCODING, let status = head.statuses.last, (200..<300).contains(status) else { return false }
        return message(for: code).hasPrefix("Unrecognized content encoding type")
    }

    /// True when the final response's head is complete and its status is 4xx or 5xx.
    private var answeredWithError: Bool {
        if stoppedAtErrorBody { return true }
        guard head.complete, let status = head.statuses.last else { return false }
        return status >= 400
    }

    /// Maps a libcurl failure to what the user can act on (https://curl.se/libcurl/c/libcurl-errors.html).
    private func failure(_ code: CURLcode) -> FetchError.Kind {
        let limits = request.limits
        let message = message(for: code)
        switch code {
        case CURLE_ABORTED_BY_CALLBACK where redirectBodyTooLarge:
            return .badResponse("a redirect whose body passed \(Self.redirectBodyLimit >> 20) MB; a redirect's body is never used")
        case CURLE_WRITE_ERROR where exceededLimit, CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(limit: limits.maxBytes)
        case CURLE_OPERATION_TIMEDOUT:
            // One code for three limits; libcurl's messages tell them apart (lib/speedcheck.c,
            // lib/multi.c: "Operation too slow…", "Connection timed out…", "Resolving timed out…").
            if message.hasPrefix("Operation too slow") {
                return .tooSlow(bytesPerSecond: limits.lowSpeedLimit, seconds: limits.lowSpeedTime.curlWholeSeconds)
            }
            if message.hasPrefix("Connection timed out") || message.hasPrefix("Resolving timed out")
                || message.hasPrefix("Failed to connect") {
                return .connectTimeout(seconds: limits.connectTimeout)
            }
            return .timeout(seconds: limits.timeout)
        case CURLE_COULDNT_CONNECT:
            return .connectFailed(message)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns(message)
        case CURLE_RECV_ERROR where message.contains("chunked-encoding") || message.hasPrefix("Too large response headers"):
            return .badResponse(message)
        case CURLE_OUT_OF_MEMORY where !head.complete:
            // libcurl's cap on one header line (100 KB in 7.88) ends as "Out of memory".
            return .badResponse("a response header line longer than libcurl reads")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return .connectionClosed(message)
        case CURLE_WEIRD_SERVER_REPLY:
            return .badResponse(message)
        case CURLE_BAD_CONTENT_ENCODING:
            return .badContentEncoding(head.contentEncoding ?? "", message)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(limit: limits.maxRedirects)
        case CURLE_UNSUPPORTED_PROTOCOL:
            // The URL itself was vetted by CURLOPT_PROTOCOLS_STR; after a 3xx it was the redirect
            // target that CURLOPT_REDIR_PROTOCOLS_STR refused. Name its scheme.
            if let status = head.statuses.last, (300..<400).contains(status),
               let location = head.location, let scheme = scheme(of: location) {
                return .redirectToForbiddenScheme(scheme)
            }
            // The URL is http or https (checked in `configure`): what libcurl did not support is
            // the answer, a garbage status line or HTTP/0.9.
            return .badResponse(message)
        case CURLE_URL_MALFORMAT:
            return .invalidURL(message)
        default:
            if Self.tlsFailures.contains(code.rawValue) { return .tls(message) }
            return .other(code: Int(code.rawValue), message: message)
        }
    }

    private static let tlsFailures: Set<UInt32> = Set([
        CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
        CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
        CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED,
        CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
    ].map(\.rawValue))
}

/// The lowercase scheme of an absolute URL (`file` of `file:///etc/passwd`); nil for a relative one.
private func scheme(of url: String) -> String? {
    guard let colon = url.firstIndex(of: ":") else { return nil }
    let scheme = url[..<colon]
    guard let first = scheme.first, first.isLetter, first.isASCII,
          scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
    return scheme.lowercased()
}
