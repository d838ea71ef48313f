import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One Gazette run at a time: an exclusive `flock(2)` on `.gazette/lock` beside feeds.yml, with the
/// holder's pid written in the file so a second run can name it. The kernel releases the lock when
/// the holder's descriptor closes, which includes the process dying (kill -9 too): no stale lock.
///
/// flock locks belong to an open file description, so two `acquire` calls conflict even within one
/// process. Keep the value alive for the whole run; it releases on `release()` or when it goes.
public struct RunLock: ~Copyable, Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Where the run lock lives for a feeds.yml: `.gazette/lock` in the same folder.
    public static func path(besideConfig configPath: String) -> String {
        URL(fileURLWithPath: configPath).deletingLastPathComponent()
            .appendingPathComponent(Store.stateFolderName).appendingPathComponent("lock").path
    }

    /// Takes the lock at `path` without waiting (creating the file and its folder when missing) and
    /// writes this process's pid into it.
    /// - Throws: `StoreError.locked` naming the holder's pid when another run holds it (the CLI exits
    ///   75); `.cannotCreateFolder` or `.cannotLock` when the file cannot be made or locked.
    public static func acquire(path: String) throws(StoreError) -> RunLock {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try makeFolders(folder)
        } catch {
            throw .cannotCreateFolder(path: folder, cause: error)
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotLock(path: path, cause: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            defer { close(descriptor) }
            if code == EWOULDBLOCK {
                throw .locked(path: path, holderPID: readPID(descriptor))
            }
            throw .cannotLock(path: path, cause: String(cString: strerror(code)))
        }
        let pid = Array("\(getpid())\n".utf8)
        let written = pid.withUnsafeBytes { bytes in
            ftruncate(descriptor, 0) == 0 ? pwrite(descriptor, bytes.baseAddress, bytes.count, 0) : -1
        }
        guard written == pid.count else {
            let cause = String(cString: strerror(errno))
            close(descriptor)
            throw .cannotLock(path: path, cause: "cannot write the pid: \(cause)")
        }
        return RunLock(path: path, descriptor: descriptor)
    }

    private init(path: String, descriptor: Int32) {
        (self.path, self.descriptor) = (path, descriptor)
    }

    /// Releases the lock now rather than when the value goes away.
    public consuming func release() {}

    deinit {
        // Clear the pid while still holding the lock, so no one reads it after we are gone.
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }

    /// The pid a holder wrote in the lock file, or nil when it wrote none (yet) or not a number.
    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
