public import Foundation

/// Why the site scaffold could not be written. Nothing half-written is left behind: each file is
/// replaced by rename, and the manifest last.
public enum ScaffoldError: Error, Sendable, CustomStringConvertible {
    /// A scaffold path that is absolute, empty, or climbs out of the output root (`..`).
    case unsafePath(String)
    /// The manifest exists but is not Gazette's JSON.
    case unreadableManifest(URL, cause: String)
    /// A file or folder could not be written.
    case cannotWrite(URL, cause: String)

    public var description: String {
        switch self {
        case let .unsafePath(path):
            "'\(path)': a scaffold file must stay inside the output folder; this is a bug in Gazette, please report it"
        case let .unreadableManifest(url, cause):
            "\(url.path): not a Gazette scaffold manifest (\(cause)); delete it and Gazette will treat every existing file as yours"
        case let .cannotWrite(url, cause):
            "\(url.path): cannot write (\(cause)); check that the output folder exists and is writable"
        }
    }
}
