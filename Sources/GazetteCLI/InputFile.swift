import Foundation

/// Why an input could not be read.
struct InputError: Error, CustomStringConvertible {
    var description: String
}

/// The bytes of a file path, or of standard input for `-`.
func readInput(_ input: String) throws(InputError) -> [UInt8] {
    if input == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    if input.hasPrefix("http://") || input.hasPrefix("https://") {
        throw InputError(description: "fetching URLs arrives with the fetcher (`gazette fetch`); save the feed to a file and parse that")
    }
    let path = input.hasPrefix("file://") ? (URL(string: input)?.path ?? input) : input
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(description: "no such file; check the path")
    }
    guard !isDirectory.boolValue else { throw InputError(description: "is a directory; name the feed files inside it") }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(description: "cannot be read; check its permissions")
    }
    return [UInt8](data)
}
