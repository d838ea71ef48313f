import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FeedsFile {
    /// Writes `text` to `path` atomically: a temporary file in the same folder, fsync, rename over the
    /// old file, fsync of the folder; a reader sees the old file or the new one, never half of one. The
    /// new file keeps the old one's permission bits (and owner and group when allowed); a new file gets
    /// 0666 less the umask. A symbolic link at `path` stays, and its target is replaced. The temporary
    /// file is removed on any failure.
    /// - Throws: `ConfigError.unwritable` with the system's reason; the old file is then unchanged.
    /// Removes the temporary files `save(_:to:)` leaves when killed between creating and renaming
    /// one (`.feeds.yml.gazette-HEX.tmp` beside the file); exactly that pattern, nothing else.
    /// Call it holding the edit lock, so that no other edit is writing one.
    /// - Returns: the names removed.
    @discardableResult
    public static func removeStaleTemporaryFiles(of path: String) -> [String] {
        let target = resolvedTarget(of: path)
        let slash = target.lastIndex(of: "/")
        let folder = slash.map { $0 == target.startIndex ? "/" : String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let prefix = ".\(name).gazette-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        let stale = names.filter { candidate in
            guard candidate.hasPrefix(prefix), candidate.hasSuffix(".tmp") else { return false }
            let hex = candidate.dropFirst(prefix.count).dropLast(4)
            return (1...16).contains(hex.count) && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }
        return stale.filter { unlink(folder + "/" + $0) == 0 }
    }

    public static func save(_ text: String, to path: String) throws(ConfigError) {
        let target = resolvedTarget(of: path)
        let slash = target.lastIndex(of: "/")
        let folder = slash.map { $0 == target.startIndex ? "/" : String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        var old = stat()
        let exists = stat(target, &old) == 0
        // Hidden, beside the file (a rename is atomic only within one file system), unique to this write.
        let temp = (slash == nil ? "" : folder == "/" ? "/" : folder + "/")
            + ".\(name).gazette-\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw unwritable(path, call: "create a temporary file in its folder", errno: errno) }
        var failure: ConfigError?
        if exists {
            // Best effort: only root may give a file away; the mode is what matters.
            if old.st_uid != geteuid() || old.st_gid != getegid() { _ = fchown(fd, old.st_uid, old.st_gid) }
            if fchmod(fd, old.st_mode & 0o7777) != 0 { failure = unwritable(path, call: "set its permissions", errno: errno) }
        }
        if failure == nil { failure = writeAll(Array(text.utf8), to: fd, path: path) }
        if failure == nil, fsync(fd) != 0 { failure = unwritable(path, call: "flush it to disk", errno: errno) }
        if close(fd) != 0, failure == nil { failure = unwritable(path, call: "close it", errno: errno) }
        if failure == nil, rename(temp, target) != 0 { failure = unwritable(path, call: "replace it", errno: errno) }
        if let failure {
            unlink(temp)
            throw failure
        }
        // The rename itself is durable once the folder is flushed.
        let folderFD = open(folder, O_RDONLY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    /// The file `path` names: a symbolic link's target (so the link stays a link), else `path` itself.
    private static func resolvedTarget(of path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and interruptions; nil on success.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) -> ConfigError? {
        bytes.withUnsafeBytes { buffer -> ConfigError? in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return unwritable(path, call: "write it", errno: errno)
                }
                offset += written
            }
            return nil
        }
    }

    /// `unwritable` for a failed step, with the system's reason.
    private static func unwritable(_ path: String, call: String, errno code: Int32) -> ConfigError {
        .unwritable(file: path, cause: "could not \(call): \(String(cString: strerror(code)))")
    }
}
