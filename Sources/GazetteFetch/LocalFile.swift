import Foundation
import GazetteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A feed read from disk instead of over HTTP: bundled samples, offline use. Behaves like a tiny
/// HTTP server: `maxBytes` holds, and a file whose modification time and size are unchanged
/// comes back as a 304 with no body.
struct LocalFile {
    /// The file's path on disk.
    let path: String

    /// Nil when `url` is not local: local means an absolute path or a `file:` URL with no host
    /// (or `localhost`). Relative paths were resolved by the caller.
    init?(url: String) {
        if url.hasPrefix("/") {
            path = url
        } else if url.lowercased().hasPrefix("file:") {
            guard let parsed = URL(string: url), parsed.isFileURL, [nil, "", "localhost"].contains(parsed.host) else {
                path = ""  // not a usable file URL; read() reports it
                return
            }
            path = parsed.path
        } else {
            return nil
        }
    }

    /// Reads the file under the request's limits; the validators are an ETag made of the
    /// modification time (nanoseconds) and size, and a Last-Modified date from the time.
    func read(_ request: FetchRequest) -> Result<FetchResult, FetchError> {
        let clock = ContinuousClock(), started = clock.now
        let fail = { (kind: FetchError.Kind) in Result<FetchResult, FetchError>.failure(FetchError(url: request.url, kind: kind)) }
        guard !path.isEmpty else { return fail(.unreadable("not a local file URL")) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return fail(errno == ENOENT ? .notFound : .unreadable(errorText(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return fail(.unreadable(errorText(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return fail(.unreadable("not a regular file")) }

        let size = Int(info.st_size)
        let (seconds, nanoseconds) = modificationTime(info)
        let validators = Validators(etag: "\"\(seconds).\(nanoseconds)-\(size)\"", lastModified: httpDate(seconds))
        let sent = request.validators
        let unchanged = sent.etag.map { $0 == validators.etag } ?? (sent.lastModified == validators.lastModified)
        func result(_ status: Int, _ body: [UInt8]) -> Result<FetchResult, FetchError> {
            .success(FetchResult(requestedURL: request.url, finalURL: request.url, status: status, body: body,
                                 validators: validators, elapsed: (clock.now - started).inSeconds))
        }
        if unchanged && !sent.isEmpty { return result(304, []) }

        let limit = request.limits.maxBytes
        guard size <= limit else { return fail(.tooLarge(limit: limit)) }
        // Read to one byte past the limit, not to the size fstat gave: the file may be growing.
        var body = [UInt8]()
        body.reserveCapacity(size + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while body.count <= limit {
            let wanted = min(chunk.count, limit + 1 - body.count)
            let n = chunk.withUnsafeMutableBytes { readChunk(fd, $0.baseAddress, wanted) }
            if n < 0 {
                if errno == EINTR { continue }
                return fail(.unreadable(errorText(errno)))
            }
            if n == 0 { break }
            body.append(contentsOf: chunk[..<n])
        }
        guard body.count <= limit else { return fail(.tooLarge(limit: limit)) }
        return result(200, body)
    }
}

/// read(2), named apart from `LocalFile.read(_:)`.
private func readChunk(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }

private func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

private func modificationTime(_ info: stat) -> (seconds: Int, nanoseconds: Int) {
    #if canImport(Darwin)
    (Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec))
    #else
    (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
    #endif
}

/// An IMF-fixdate (RFC 9110 §5.6.7), `Sun, 06 Nov 1994 08:49:37 GMT`, always in English.
private func httpDate(_ seconds: Int) -> String {
    var time = time_t(seconds), parts = tm()
    gmtime_r(&time, &parts)
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
        + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
}
