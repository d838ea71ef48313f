import Foundation
import Glibc

/// Why an input could not be read.
struct InputError: Error, CustomStringConvertible {
    var description: String
}

/// Most bytes one input may have. Far beyond any feed or OPML file (the largest fixture, a 50 MB
/// feed, parses in 2 s), and a bound for what is not a file: `yes | gazette parse -` and
/// `/dev/zero` used to grow until the allocation failed and the process crashed.
let maxInputBytes = 1 << 30

/// The bytes of a file path, or of standard input for `-`, at most `limit`.
func readInput(_ input: String, limit: Int = maxInputBytes) throws(InputError) -> [UInt8] {
    if input == "-" {
        guard let bytes = readAll(descriptor: 0, sizeHint: 0, limit: limit) else {
            throw InputError(description: "standard input cannot be read")
        }
        guard bytes.count <= limit else { throw tooLarge(limit) }
        return bytes
    }
    let path = input.hasPrefix("file://") ? (URL(string: input)?.path ?? input) : input
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(description: "no such file; check the path")
    }
    guard !isDirectory.boolValue else { throw InputError(description: "is a directory; name the feed files inside it") }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw InputError(description: "cannot be read; check its permissions") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw InputError(description: "cannot be read; check its permissions") }
    let isRegular = (status.st_mode & S_IFMT) == S_IFREG
    if isRegular, Int(status.st_size) > limit { throw tooLarge(limit) }
    guard let bytes = readAll(descriptor: descriptor, sizeHint: isRegular ? Int(status.st_size) : 0, limit: limit) else {
        throw InputError(description: "cannot be read; check its permissions")
    }
    guard bytes.count <= limit else { throw tooLarge(limit) }
    return bytes
}

private func tooLarge(_ limit: Int) -> InputError {
    let size = limit % (1 << 30) == 0 ? "\(limit >> 30) GB" : limit % (1 << 20) == 0 ? "\(limit >> 20) MB" : "\(limit) bytes"
    return InputError(description: "is larger than \(size), more than any feed; check that it is the file meant")
}

/// Everything `descriptor` gives until end of file, or `limit + 1` bytes when there is more (so the
/// caller can tell); nil on a read error. Read straight into one array sized by `sizeHint` (a regular
/// file's size): Data and then [UInt8] would copy twice.
private func readAll(descriptor: Int32, sizeHint: Int, limit: Int) -> [UInt8]? {
    // One byte more than the hint, so a full buffer means the file grew while we read it.
    let capacity = min(sizeHint, limit) + 1
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
        var total = 0
        while total < buffer.count {
            let got = read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            if got < 0 { if errno == EINTR { continue }; failed = true; break }
            if got == 0 { break }
            total += got
        }
        initialized = total
    }
    guard !failed else { return nil }
    guard bytes.count == capacity else { return bytes }
    var rest = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count <= limit {
        let got = read(descriptor, &rest, min(rest.count, limit + 1 - bytes.count))
        if got < 0 { if errno == EINTR { continue }; return nil }
        if got == 0 { break }
        bytes.append(contentsOf: rest[0..<got])
    }
    return bytes
}
