import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a real HTTP/1.1 server on 127.0.0.1 (a port the kernel picks) for the length of `body`,
/// and stops it when `body` returns or throws: every connection closed, every thread ended.
public func withLoopbackServer<T>(
    _ routes: [String: Route], _ body: (LoopbackServer) async throws -> T
) async throws -> T {
    let server = try LoopbackServer(routes: routes)
    defer { server.stop() }
    return try await body(server)
}

/// A small HTTP/1.1 server on POSIX sockets and one thread per connection, with keep-alive,
/// that records every request and counts connections. Routes are looked up by path (query
/// ignored); an unknown path gets a 404.
public final class LoopbackServer: @unchecked Sendable {
    // @unchecked: the fds are immutable after init; every var below is read and written under `lock`.
    /// The port it listens on.
    public let port: UInt16
    /// A URL on 127.0.0.1 where a socket is bound but not listening: connecting is refused
    /// (RST) for as long as the server runs, and no other program can take the port meanwhile.
    public let refusedURL: String
    let routes: [String: Route]
    private let listener: Int32
    private let reserved: Int32
    /// Written once by `stop()`, never read: it stays readable, so every `poll` that includes it
    /// wakes at once. That is how pacing, waiting and accepting end without sleeps.
    let stopSignal: Int32
    private let stopTrigger: Int32
    private let threads = DispatchGroup()
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    private var openConnections = 0
    private var mostConnections = 0
    private var acceptedConnections = 0
    private var bodyBytes: [String: Int] = [:]
    private var stopped = false

    /// Binds, listens and starts accepting. Throws when a socket call fails.
    public init(routes: [String: Route]) throws(LoopbackServerError) {
        self.routes = routes
        let (listener, port) = try bindLoopback(listen: true)
        let (reserved, refusedPort) = try bindLoopback(listen: false)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw LoopbackServerError(description: "pipe: \(errorText())") }
        (self.listener, self.port, self.reserved) = (listener, port, reserved)
        (stopSignal, stopTrigger) = (fds[0], fds[1])
        refusedURL = "http://127.0.0.1:\(refusedPort)/"
        threads.enter()
        Thread { [self] in
            acceptConnections()
            threads.leave()
        }.start()
    }

    /// `http://127.0.0.1:PORT` + `path`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { lock.withLock { recorded } }

    /// The requests received so far for `path` (query ignored).
    public func requests(for path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }

    /// The most connections that were open at the same time.
    public var peakConnections: Int { lock.withLock { mostConnections } }

    /// Connections accepted so far.
    public var connectionsAccepted: Int { lock.withLock { acceptedConnections } }

    /// Body bytes written so far on `path`, over all requests (what the client was sent, not
    /// what it read).
    public func bodyBytesSent(_ path: String) -> Int { lock.withLock { bodyBytes[path, default: 0] } }

    /// Stops accepting, ends every connection (pacing routes wake at once) and waits for their
    /// threads, at most 5 s. Called by `withLoopbackServer`; safe to call twice.
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(stopTrigger, &byte, 1)
        // A thread still running after the wait keeps its fds; closing them under it could hand
        // their numbers to someone else's socket.
        guard threads.wait(timeout: .now() + 5) == .success else { return }
        for fd in [listener, reserved, stopSignal, stopTrigger] { close(fd) }
    }

    deinit { stop() }

    private func acceptConnections() {
        while true {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stopSignal, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { return }
            if fds[1].revents != 0 { return }
            guard fds[0].revents != 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            #if canImport(Darwin)
            var on: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
            #endif
            lock.withLock {
                openConnections += 1
                acceptedConnections += 1
                mostConnections = max(mostConnections, openConnections)
            }
            threads.enter()
            Thread { [self] in
                Connection(fd: client, server: self).serve()
                close(client)
                lock.withLock { openConnections -= 1 }
                threads.leave()
            }.start()
        }
    }

    func record(_ request: RecordedRequest) { lock.withLock { recorded.append(request) } }

    func countBody(_ bytes: Int, on path: String) { lock.withLock { bodyBytes[path, default: 0] += bytes } }

    /// Waits `duration` unless the server stops first; false when it stopped.
    func pause(for duration: Duration) -> Bool {
        var fds = [pollfd(fd: stopSignal, events: Int16(POLLIN), revents: 0)]
        return poll(&fds, 1, Int32(clamping: duration.components.seconds * 1000
            + duration.components.attoseconds / 1_000_000_000_000_000)) == 0
    }
}

/// A TCP socket bound to 127.0.0.1 on a port the kernel picks, listening or not, and that port.
private func bindLoopback(listen shouldListen: Bool) throws(LoopbackServerError) -> (Int32, UInt16) {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw LoopbackServerError(description: "socket: \(errorText())") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)  // 127.0.0.1
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        }
    }
    guard bound, !shouldListen || listen(fd, 256) == 0 else {
        let text = errorText()
        close(fd)
        throw LoopbackServerError(description: "bind/listen on 127.0.0.1: \(text)")
    }
    return (fd, UInt16(bigEndian: address.sin_port))
}

func errorText() -> String { String(cString: strerror(errno)) }
