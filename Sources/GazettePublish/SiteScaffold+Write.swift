public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What Gazette last wrote to each scaffold file: path → hash of the bytes. A file whose hash still
/// matches is Gazette's to replace; any other existing file is the user's.
private struct ScaffoldManifest: Codable, Equatable {
    /// The hash function of `files`, so a later Gazette can change it and still read this.
    var hash = ScaffoldManifest.hashName
    var files: [String: String] = [:]

    static let hashName = "fnv1a64"
}

/// Writes the scaffold `files` under `root`: a file is written when it is missing, or when it still
/// holds exactly what Gazette last wrote there (its hash in the JSON manifest at `manifestPath`,
/// e.g. `.gazette/scaffold.json`). A file the user changed (or that Gazette never wrote) is never
/// overwritten; it comes back in `skippedUserEdited` so the caller can say so. Each file and the
/// manifest are replaced by temp file + rename; a run that changes nothing writes nothing, not even
/// the manifest. Paths in both results are the `files` paths, in `files` order.
/// - Throws: `ScaffoldError` when a path would leave `root`, the manifest is not readable JSON, or a
///   write fails.
public func writeScaffold(root: URL, files: [(path: String, contents: String)],
                          manifestPath: URL) throws -> (written: [String], skippedUserEdited: [String]) {
    let recorded = try readManifest(manifestPath)
    var manifest = recorded
    var written: [String] = []
    var skipped: [String] = []
    for (path, contents) in files {
        guard isInside(path) else { throw ScaffoldError.unsafePath(path) }
        let target = root.appendingPathComponent(path)
        let bytes = Data(contents.utf8)
        let wanted = scaffoldHash(bytes)
        if let existing = FileManager.default.contents(atPath: target.path) {
            let current = scaffoldHash(existing)
            if current == wanted {
                manifest.files[path] = wanted   // already what Gazette would write
                continue
            }
            guard recorded.files[path] == current else {
                skipped.append(path)            // edited by the user, or never written by Gazette
                continue
            }
        }
        try replaceScaffoldFile(at: target, with: bytes)
        manifest.files[path] = wanted
        written.append(path)
    }
    if manifest != recorded {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(manifest) } catch {
            throw ScaffoldError.cannotWrite(manifestPath, cause: "\(error)")
        }
        try replaceScaffoldFile(at: manifestPath, with: data + Data("\n".utf8))
    }
    return (written, skipped)
}

private func readManifest(_ url: URL) throws -> ScaffoldManifest {
    guard let data = FileManager.default.contents(atPath: url.path) else { return ScaffoldManifest() }
    do {
        let manifest = try JSONDecoder().decode(ScaffoldManifest.self, from: data)
        // A manifest hashed some other way cannot vouch for any file: treat them all as the user's.
        return manifest.hash == ScaffoldManifest.hashName ? manifest : ScaffoldManifest()
    } catch {
        throw ScaffoldError.unreadableManifest(url, cause: "\(error)")
    }
}

/// True for a relative path with no empty, `.` or `..` component and no NUL.
private func isInside(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return false }
    return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
}

/// FNV-1a, 64 bits, as 16 hex digits: enough to notice an edit (not a secret, not an adversary).
/// GazetteStore's SHA256 is internal to that module; if it moves to GazetteModel, use it here.
func scaffoldHash(_ bytes: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return String(format: "%016llx", hash)
}

/// Replaces `url` with `bytes` through `writeIfChanged(_:to:)` (temporary file + fsync + rename(2)), so a
/// reader sees the old file or the new one, never half of one, and a temporary file left by a kill is one
/// `removeStaleTemporaryFiles(in:)` knows. Creates missing folders.
private func replaceScaffoldFile(at url: URL, with bytes: Data) throws {
    do {
        try writeIfChanged([UInt8](bytes), to: url.path)
    } catch {
        throw ScaffoldError.cannotWrite(url, cause: error.reason)
    }
}
