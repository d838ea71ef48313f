import Foundation
import Glibc

/// Why an input could not be read.
struct InputError: Error, CustomStringConvertible {
    var description: String
}

/// The bytes of a file path, or of standard input for `-`.
func readInput(_ input: String) throws(InputError) -> [UInt8] {
    if input == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    let path = input.hasPrefix("file://") ? (URL(string: input)?.path ?? input) : input
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(description: "no such file; check the path")
    }
    guard !isDirectory.boolValue else { throw InputError(description: "is a directory; name the feed files inside it") }
    guard let bytes = readWholeFile(path) else {
        throw InputError(description: "cannot be read; check its permissions")
    }
    return bytes
}

/// The file's bytes, read straight into one array (Data and then [UInt8] would copy twice).
private func readWholeFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return nil }
    // One byte more than fstat says, so a full buffer means the file grew while we read it.
    let capacity = max(Int(status.st_size), 0) + 1
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
    if bytes.count == capacity {
        var rest = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = read(descriptor, &rest, rest.count)
            if got <= 0 { break }
            bytes.append(contentsOf: rest[0..<got])
        }
    }
    return bytes
}
