import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written under the output folder.
public enum PublishError: Error, Sendable, CustomStringConvertible {
    /// A name built from feed data would leave the output folder or is not a usable file name.
    case unsafePath(String, reason: String)
    /// A system call failed on `path`.
    case system(path: String, call: String, errno: Int32)
    /// A folder on the way to a file could not be made; `cause` is the underlying error's text.
    case createFolder(path: String, cause: String)

    public var description: String {
        switch self {
        case let .unsafePath(path, reason):
            "refusing to write '\(path.debugDescription.dropFirst().dropLast())': \(reason); this is a bug in the name Gazette built, please report it"
        case let .system(path, call, code):
            "\(path): \(call) failed: \(String(cString: strerror(code))); " + advice(errno: code)
        case let .createFolder(path, cause):
            "\(path): cannot create the folder (\(cause)); check that the output folder is writable and no file stands in the way"
        }
    }
}

extension PublishError {
    /// What went wrong, without the path or the advice: for a caller whose own message names the file.
    var reason: String {
        switch self {
        case let .unsafePath(_, reason): reason
        case let .system(_, call, code): "\(call) failed: \(String(cString: strerror(code)))"
        case let .createFolder(path, cause): "cannot create the folder \(path): \(cause)"
        }
    }
}

/// What to do about a failed write, by its errno.
private func advice(errno code: Int32) -> String {
    switch code {
    case ENOSPC, EDQUOT: "the disk (or quota) holding it is full: free space and run again; no file was left half-written, and the next run writes what is missing"
    case EROFS: "the file system is read-only: remount it writable, or set the site's output elsewhere"
    case EACCES, EPERM: "Gazette may not write there: give its user write access to the folder"
    default: "check that the output folder exists and is writable"
    }
}

/// The longest file or folder name most file systems take, in bytes.
public let maximumNameBytes = 255

/// `root/relative` after checking that `relative` stays inside `root`: not empty, not absolute, no NUL
/// or other control character, no `.` `..` or empty component, no component over 255 bytes, and the
/// whole under `PATH_MAX`. Symbolic links are not followed here; `writeIfChanged(_:root:relative:)`
/// checks them too.
public func safePath(root: String, relative: String) throws(PublishError) -> String {
    func refuse(_ reason: String) -> PublishError { .unsafePath(relative, reason: reason) }
    guard !relative.isEmpty else { throw refuse("the name is empty") }
    guard !relative.hasPrefix("/") else { throw refuse("it is an absolute path") }
    guard !relative.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
        throw refuse("it holds a NUL or control character")
    }
    for component in relative.split(separator: "/", omittingEmptySubsequences: false) {
        switch component {
        case "": throw refuse("it has an empty component")
        case ".", "..": throw refuse("it has a '\(component)' component")
        default:
            guard component.utf8.count <= maximumNameBytes else {
                throw refuse("a component is longer than \(maximumNameBytes) bytes")
            }
        }
    }
    var base = root
    while base.count > 1, base.hasSuffix("/") { base.removeLast() }
    let path = (base == "/" ? "" : base) + "/" + relative
    guard path.utf8.count < Int(PATH_MAX) else { throw refuse("the path is longer than \(PATH_MAX) bytes") }
    return path
}

/// `writeIfChanged(_:to:)` on `safePath(root:relative:)`, which also refuses a folder on the way that is a
/// symbolic link leading out of `root`.
@discardableResult
public func writeIfChanged(_ bytes: [UInt8], root: String, relative: String, durable: Bool = true) throws(PublishError) -> Bool {
    let path = try safePath(root: root, relative: relative)
    let parent = (path as NSString).deletingLastPathComponent
    try makeFolders(parent)
    guard let realRoot = realPath(root), let realParent = realPath(parent),
          realParent == realRoot || realParent.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else {
        throw .unsafePath(relative, reason: "a folder on the way leads outside '\(root)'")
    }
    return try writeIfChanged(bytes, to: path, durable: durable)
}

/// Makes `path` hold exactly `bytes`. Returns false, touching nothing (not even the mtime), when it already
/// does; else writes a temporary file in the same folder, fsyncs it and renames it over `path`, so a
/// reader sees the old file or the new one, never half of one. Creates missing parent folders; the
/// temporary file is removed on any failure.
///
/// With `durable` false the file and its folder are not fsynced: the rename is still atomic for
/// readers, and a caller writing thousands of files makes them durable with one `syncFileSystem(of:)`
/// at the end (an fsync per post made the first build of 50,000 posts take 80 s).
@discardableResult
public func writeIfChanged(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(PublishError) -> Bool {
    try replaceIfChanged(bytes, at: path, makingFolders: true, durable: durable) != .unchanged
}

/// What writing a file did.
public enum FileWrite: Sendable, Equatable {
    /// The file already held the bytes; nothing was touched.
    case unchanged
    /// There was no file at the path (nor anything else): it now holds the bytes.
    case created
    /// Another file (or a symbolic link to one) stood there; the bytes replaced it.
    case replaced
}

/// A folder under an output root, made and checked once, into which many files are then written by
/// name: `writeIfChanged(_:root:relative:)` without its per-file work (a mkdir and two `realpath`s per
/// post were a third of a full build's file-system time, perf on bench/build.sh).
public struct OutputFolder: Sendable {
    /// The folder's path (`root/relative`).
    public let path: String

    /// Makes `root/relative` (a path `safePath(root:relative:)` accepts) with its parents, and checks
    /// that no symbolic link on the way leads out of `root`.
    /// - Throws: `PublishError.unsafePath` for a bad `relative` or an escaping link; `.createFolder`.
    public init(root: String, relative: String) throws(PublishError) {
        let path = try safePath(root: root, relative: relative)
        try makeFolders(path)
        guard let realRoot = realPath(root), let realFolder = realPath(path),
              realFolder == realRoot || realFolder.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else {
            throw .unsafePath(relative, reason: "a folder on the way leads outside '\(root)'")
        }
        self.path = path
    }

    /// `writeIfChanged(_:to:durable:)` of the file `name` in this folder, saying what it did.
    /// - Parameter name: one file name (no `/`) that `safePath(root:relative:)` accepts.
    /// - Throws: `PublishError.unsafePath` for a bad name; `.system` when a system call fails.
    public func writeIfChanged(_ bytes: [UInt8], name: String, durable: Bool = true) throws(PublishError) -> FileWrite {
        guard !name.contains("/") else { throw .unsafePath(name, reason: "it is not a single file name") }
        return try replaceIfChanged(bytes, at: safePath(root: path, relative: name), makingFolders: false, durable: durable)
    }
}

private func replaceIfChanged(_ bytes: [UInt8], at path: String, makingFolders: Bool,
                              durable: Bool) throws(PublishError) -> FileWrite {
    let existing = comparison(of: path, with: bytes)
    if existing == .same { return .unchanged }
    let parent = (path as NSString).deletingLastPathComponent
    if makingFolders { try makeFolders(parent.isEmpty ? "." : parent) }
    let temp = (parent.isEmpty ? "" : parent + "/") + temporaryName()
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .system(path: path, call: "open", errno: errno) }
    // A replaced file keeps its mode (and, for root, its owner): the new file got the umask's
    // (027 made the Atom files 640, unreadable to the web server that served them as 644).
    var previous = stat()
    if existing != .missing, stat(path, &previous) == 0, (previous.st_mode & S_IFMT) == S_IFREG {
        _ = fchmod(fd, previous.st_mode & 0o7777)
        if geteuid() == 0 { _ = fchown(fd, previous.st_uid, previous.st_gid) }
    }
    var failure: PublishError?
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = .system(path: path, call: "write", errno: errno); return
            }
            offset += n
        }
    }
    if failure == nil, durable, fsync(fd) != 0 { failure = .system(path: path, call: "fsync", errno: errno) }
    if close(fd) != 0, failure == nil { failure = .system(path: path, call: "close", errno: errno) }
    if failure == nil, rename(temp, path) != 0 { failure = .system(path: path, call: "rename", errno: errno) }
    if let failure {
        unlink(temp)
        throw failure
    }
    // Make the rename itself durable.
    if durable {
        let dir = open(parent.isEmpty ? "." : parent, O_RDONLY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }
    return existing == .missing ? .created : .replaced
}

/// The name of the temporary file of one write: hidden (Jekyll skips it), short whatever the target's
/// name, unique to this write. `.gazette-` + 1 to 16 lowercase hex digits + `.tmp`; keep
/// `isTemporaryName(_:)` in step with it.
func temporaryName() -> String {
    ".gazette-" + String(UInt64.random(in: 0...UInt64.max), radix: 16) + ".tmp"
}

/// True for exactly the names `temporaryName()` makes.
func isTemporaryName(_ name: String) -> Bool {
    let prefix = ".gazette-", suffix = ".tmp"
    guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return false }
    let digits = name.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
    return (1...16).contains(digits.count)
        && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
}

/// Removes from `folder` the temporary files a write left when its process was killed between writing
/// and renaming (kill -9, a power cut): regular files whose name is exactly one `writeIfChanged` makes
/// (`.gazette-` + hex + `.tmp`); nothing else, not even a link or folder of that name. Call it only
/// while no other writer can be writing into `folder` (under the run lock), or it may remove a
/// temporary file that is about to be renamed. A missing or unreadable folder removes nothing; a
/// file that cannot be removed is left for the next run (the write that needs the space reports why).
/// - Returns: the paths removed.
@discardableResult
public func removeStaleTemporaryFiles(in folder: String) -> [String] {
    guard let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    var removed: [String] = []
    // `d_name` is read in place, up to its NUL. Copying the entry (`entry.pointee`) read all of
    // `struct dirent`, past the record readdir(3) returned: a short record at the end of its buffer
    // then read into an unmapped page (SIGSEGV in a build of a folder of 50,000 posts).
    let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    while let entry = readdir(directory) {
        let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
        guard isTemporaryName(name) else { continue }
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + name
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, unlink(path) == 0 else { continue }
        removed.append(path)
    }
    return removed
}

/// Flushes everything written to the file system that holds `path` (syncfs(2)): one call makes a
/// whole batch of `durable: false` writes durable.
public func syncFileSystem(of path: String) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return sync() }
    if linuxSyncfs(fd) != 0 { sync() }
    close(fd)
}

/// Linux's syncfs(2), which Swift's Glibc module does not declare (it needs _GNU_SOURCE).
@_silgen_name("syncfs") private func linuxSyncfs(_ fd: Int32) -> Int32

/// How the file at `path` compares with `bytes`.
private enum Comparison { case missing, same, different }

/// Whether `path` (through symbolic links) is a regular file holding exactly `bytes`, read with one
/// open, fstat and read: a file of another size is different unread. `.missing` when nothing is there
/// (a dangling link included); anything unreadable or not a regular file is `.different`, so that
/// the write that follows reports what is wrong.
private func comparison(of path: String, with bytes: [UInt8]) -> Comparison {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return errno == ENOENT ? .missing : .different }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else {
        return .different
    }
    // One byte more than expected is read, so a file that grew since fstat is seen to differ.
    var content = [UInt8](repeating: 0, count: bytes.count + 1)
    var count = 0
    let complete = content.withUnsafeMutableBytes { buffer -> Bool in
        while count < buffer.count {
            let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            if n == 0 { break }
            count += n
        }
        return true
    }
    guard complete, count == bytes.count else { return .different }
    let equal = count == 0 || content.withUnsafeBytes { read in
        bytes.withUnsafeBytes { wanted in memcmp(read.baseAddress!, wanted.baseAddress!, count) == 0 }
    }
    return equal ? .same : .different
}

private func makeFolders(_ path: String) throws(PublishError) {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw .createFolder(path: path, cause: whyNoFolder(at: path))
    }
}

/// Why the folder `path` could not be made, in plain words (Foundation's error is an
/// `NSCocoaErrorDomain … UserInfo={…}` dump): a file standing where a folder must be, else the
/// system's reason for the first missing folder on the way.
private func whyNoFolder(at path: String) -> String {
    var info = stat()
    var missing = path
    var ancestor = path
    while stat(ancestor, &info) != 0 {
        missing = ancestor
        let parent = (ancestor as NSString).deletingLastPathComponent
        if parent.isEmpty || parent == ancestor { break }
        ancestor = parent
    }
    if stat(ancestor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { return "\(ancestor) is a file, not a folder" }
    guard missing != ancestor || stat(missing, &info) != 0 else { return "it could not be made" }
    if mkdir(missing, 0o755) == 0 {
        rmdir(missing)
        return "it could not be made"
    }
    return String(cString: strerror(errno))
}

private func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}
