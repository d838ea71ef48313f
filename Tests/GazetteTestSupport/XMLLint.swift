public import Foundation

/// xmllint (libxml2-utils), which the well-formedness tests run on what Gazette writes.
public enum XMLLint {
    /// Where it is installed; nil when it is not.
    public static let path: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// `xmllint --noout` of `document` (written to a temporary file): its exit status and stderr.
    public static func check(_ document: Data, executable: String) throws -> (status: Int32, errors: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-xmllint-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        try document.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--noout", file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }
}
