#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One accepted connection of the loopback server: reads requests (keep-alive, pipelining
/// tolerated) and answers each from its route, on the connection's own thread. Every wait polls
/// the server's stop signal too, so `stop()` ends it at once.
struct Connection {
    let fd: Int32
    let server: LoopbackServer

    /// Longest a kept-alive connection waits for its next request, in milliseconds.
    static let idleLimit: Int32 = 10_000
    /// Longest request head accepted; a client sending more gets the connection closed.
    static let maxHeadBytes = 64 * 1024
    /// The filler of `endless` and `oversized` bodies, written 64 KiB at a time.
    static let filler: [UInt8] = Array(repeating: Array("<!-- gazette loopback filler -->\n".utf8), count: 1986).flatMap { $0 }

    func serve() {
        var buffer: [UInt8] = []
        while let request = nextRequest(&buffer) {
            server.record(request)
            guard respond(to: request) else { return }
        }
    }

    // MARK: reading

    private func nextRequest(_ buffer: inout [UInt8]) -> RecordedRequest? {
        while true {
            if let end = headEnd(buffer) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                let rawHead = Array(buffer[..<end])
                buffer.removeSubrange(..<(end + 4))
                guard var request = parse(head) else { return nil }
                request.rawHead = rawHead
                // Bodies are not used by any route; drop them to find the next request.
                var bodyLeft = Int(request.headers["content-length"] ?? "") ?? 0
                while bodyLeft > 0 {
                    if buffer.isEmpty, !receive(into: &buffer) { return nil }
                    let taken = min(bodyLeft, buffer.count)
                    buffer.removeSubrange(..<taken)
                    bodyLeft -= taken
                }
                return request
            }
            guard buffer.count <= Self.maxHeadBytes, receive(into: &buffer) else { return nil }
        }
    }

    /// Appends what arrives next; false on end of stream, error, stop or idle timeout.
    private func receive(into buffer: inout [UInt8]) -> Bool {
        guard wait(for: Int16(POLLIN), milliseconds: Self.idleLimit) else { return false }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }

    private func headEnd(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i
        }
        return nil
    }

    private func parse(_ head: String) -> RecordedRequest? {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        let parts = first.split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        let fields = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            return (String(line[..<colon]), String(value))
        }
        return RecordedRequest(method: String(parts[0]), target: String(parts[1]), headers: HeaderFields(fields))
    }

    // MARK: answering

    /// Answers one request; false when the connection must close afterwards.
    private func respond(to request: RecordedRequest) -> Bool {
        let path = String(request.path)
        let keepAlive = request.headers["connection"]?.lowercased() != "close"
        guard let route = server.routes[path] else {
            return reply(404, body: Array("no route for \(path)\n".utf8), path: path) && keepAlive
        }
        switch route {
        case let .feed(body, contentType, etag, lastModified, delay):
            guard delay == .zero || server.pause(for: delay) else { return false }
            var headers = ["Content-Type": contentType]
            if let etag { headers["ETag"] = etag }
            if let lastModified { headers["Last-Modified"] = lastModified }
            if isNotModified(request, etag: etag, lastModified: lastModified) {
                return reply(304, headers: headers, body: nil, path: path) && keepAlive
            }
            return reply(200, headers: headers, body: body, path: path) && keepAlive
        case let .encoded(body, coding, contentType):
            guard let encoded = try? coding.encode(body) else {
                return reply(500, body: Array("cannot encode with \(coding)\n".utf8), path: path) && keepAlive
            }
            let headers = ["Content-Type": contentType, "Content-Encoding": coding.rawValue, "Vary": "Accept-Encoding"]
            return reply(200, headers: headers, body: encoded, path: path) && keepAlive
        case let .redirect(location, status):
            // A body, as real servers send one; the client must not take it for the feed.
            return reply(status, headers: ["Location": location, "Content-Type": "text/html"],
                        body: Array("<a href=\"\(location)\">moved</a>\n".utf8), path: path) && keepAlive
        case let .status(status, headers, body):
            return reply(status, headers: headers, body: body, path: path) && keepAlive
        case let .trickle(interval):
            guard write(head(200, ["Content-Type": "application/rss+xml", "Content-Length": "1000000"])) else { return false }
            while server.pause(for: interval), !clientHungUp(), write([UInt8(ascii: "<")]) {
                server.countBody(1, on: path)
            }
            return false
        case .endless:
            guard write(head(200, ["Content-Type": "application/rss+xml", "Connection": "close"])) else { return false }
            while write(Self.filler) { server.countBody(Self.filler.count, on: path) }
            return false
        case let .redirectWithEndlessBody(location):
            guard write(head(301, ["Location": location, "Transfer-Encoding": "chunked", "Content-Type": "text/html"])) else { return false }
            let chunk = Array(String(Self.filler.count, radix: 16).utf8) + [13, 10] + Self.filler + [13, 10]
            while write(chunk) { server.countBody(Self.filler.count, on: path) }
            return false
        case let .oversized(total, declaresLength):
            var headers = ["Content-Type": "application/rss+xml"]
            headers[declaresLength ? "Content-Length" : "Connection"] = declaresLength ? "\(total)" : "close"
            guard write(head(200, headers)) else { return false }
            var left = total
            while left > 0 {
                let chunk = Self.filler.prefix(left)
                guard write(Array(chunk)) else { return false }
                server.countBody(chunk.count, on: path)
                left -= chunk.count
            }
            return declaresLength && keepAlive
        case .closeWithoutResponse:
            return false
        case let .raw(bytes):
            _ = write(bytes)
            return false
        }
    }

    /// RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since.
    private func isNotModified(_ request: RecordedRequest, etag: String?, lastModified: String?) -> Bool {
        if let condition = request.headers["if-none-match"] {
            guard let etag else { return false }
            let weak = { (tag: Substring) in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
            return condition.split(separator: ",").contains { candidate in
                let tag = candidate.drop { $0 == " " }
                return tag == "*" || weak(tag) == weak(Substring(etag))
            }
        }
        if let since = request.headers["if-modified-since"], let lastModified { return since == lastModified }
        return false
    }

    private func reply(_ status: Int, headers: [String: String] = [:], body: [UInt8]?, path: String) -> Bool {
        var headers = headers
        if let body { headers["Content-Length"] = "\(body.count)" }
        // One write for head and body: two small ones meet Nagle and delayed ACK (40 ms each).
        guard write(head(status, headers) + (body ?? [])) else { return false }
        server.countBody(body?.count ?? 0, on: path)
        return true
    }

    private func head(_ status: Int, _ headers: [String: String]) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reasons[status] ?? "Status")\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// Writes everything, waiting for room as needed; false when the client is gone or the server stops.
    private func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            guard wait(for: Int16(POLLOUT), milliseconds: Self.idleLimit) else { return false }
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset, Int32(noSignal)) }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    /// True once the client has closed its end (a read would return 0) or reset it.
    private func clientHungUp() -> Bool {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) <= 0
    }

    /// Waits until `fd` is ready for `events`; false on stop, timeout or error.
    private func wait(for events: Int16, milliseconds: Int32) -> Bool {
        var fds = [pollfd(fd: fd, events: events, revents: 0),
                   pollfd(fd: server.stopSignal, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&fds, 2, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0 && fds[1].revents == 0 && fds[0].revents & events != 0
        }
    }
}

/// send(2) without SIGPIPE when the client has gone: MSG_NOSIGNAL on Linux; on Darwin the
/// accepted socket has SO_NOSIGPIPE instead.
#if canImport(Glibc)
private let noSignal = Int(MSG_NOSIGNAL)
#else
private let noSignal = 0
#endif

private let reasons: [Int: String] = [
    200: "OK", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
    307: "Temporary Redirect", 308: "Permanent Redirect", 404: "Not Found", 410: "Gone",
    429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable",
]
