import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a folder could not be made: the path of the step that failed and its errno. Made with
/// mkdir(2) rather than FileManager, whose error's text is an `NSCocoaErrorDomain … UserInfo={…}` dump.
public struct FolderCreationFailure: Error, Sendable, CustomStringConvertible {
    /// The folder (the asked one or a parent of it) that could not be made.
    public let path: String
    /// The errno of mkdir(2); `ENOTDIR` when something other than a folder stands at `path`.
    public let code: Int32

    public var description: String {
        code == ENOTDIR ? "\(path) exists and is not a folder" : "\(path): \(String(cString: strerror(code)))"
    }
}

/// Makes the folder `path` and its missing parents (mkdir -p, mode 0755 before the umask).
/// - Throws: `FolderCreationFailure` naming the first folder that could not be made.
func makeFolders(_ path: String) throws(FolderCreationFailure) {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var prefix = ""
    for component in absolute.split(separator: "/") {
        prefix += "/" + component
        if mkdir(prefix, 0o755) == 0 { continue }
        let code = errno
        var info = stat()
        if stat(prefix, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { continue }
            throw FolderCreationFailure(path: prefix, code: ENOTDIR)
        }
        throw FolderCreationFailure(path: prefix, code: code)
    }
}
