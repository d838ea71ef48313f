import Foundation
internal import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the state store or the run lock refused. Every message starts with the file it is about
/// and ends with what to do; the underlying error, when there is one, stays as `cause`.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The `.gazette` folder could not be created.
    case cannotCreateFolder(path: String, cause: FolderCreationFailure)
    /// SQLite could not open the file, or it is not a database.
    case cannotOpen(path: String, cause: any Error & Sendable)
    /// The file was migrated by a newer Gazette than this one.
    case newerSchema(path: String, unknownMigrations: [String])
    /// A migration failed; the file is left as it was before it.
    case migrationFailed(path: String, cause: any Error & Sendable)
    /// An SQLite error while reading or writing; `operation` says what Gazette was doing.
    case databaseError(path: String, operation: String, cause: any Error & Sendable)
    /// A stored item's JSON no longer decodes.
    case unreadableItem(path: String, key: String, cause: any Error & Sendable)
    /// No item has this key.
    case unknownItem(path: String, key: String)
    /// Another item already owns this post file name; the writer should pick another (a suffix).
    case postFileTaken(path: String, fileName: String, ownerKey: String)
    /// Another item already owns this Atom id.
    case atomIDTaken(path: String, atomID: String, ownerKey: String)
    /// Another process holds the run lock. `holderPID` is nil when the holder wrote no pid.
    /// The CLI exits 75 on this one.
    case locked(path: String, holderPID: Int32?)
    /// The lock file could not be opened or locked for another reason than a holder.
    case cannotLock(path: String, cause: String)

    public var description: String {
        switch self {
        case let .cannotCreateFolder(path, cause):
            "\(path): cannot create the folder for Gazette's state (\(cause)); " + folderAdvice(path: path, cause: cause)
        case let .cannotOpen(path, cause):
            "\(path): cannot open the state database (\(cause)); "
                + (sqliteAdvice(path: path, cause: cause) ?? "check that it is a Gazette state file (SQLite) and that you may read and write it")
        case let .newerSchema(path, unknown):
            "\(path): written by a newer Gazette (unknown migrations: \(unknown.joined(separator: ", "))); upgrade gazette to use this state"
        case let .migrationFailed(path, cause):
            "\(path): could not upgrade the state database (\(cause)); it was left as it was; "
                + (sqliteAdvice(path: path, cause: cause) ?? "make a copy of it and report this")
        case let .databaseError(path, operation, cause):
            "\(path): SQLite error while \(operation) (\(cause)); "
                + (sqliteAdvice(path: path, cause: cause).map { $0 + "; nothing half-written was kept" }
                    ?? "if the disk is full or read-only, fix that and run again: nothing half-written was kept")
        case let .unreadableItem(path, key, cause):
            "\(path): item \(key) holds JSON this Gazette cannot read (\(cause)); upgrade gazette, or report this with the item's row"
        case let .unknownItem(path, key):
            "\(path): no item has the key \(key); fetch its feed first"
        case let .postFileTaken(path, fileName, owner):
            "\(path): the post file \(fileName) already belongs to item \(owner); give this item another name (add a suffix)"
        case let .atomIDTaken(path, atomID, owner):
            "\(path): the Atom id \(atomID) already belongs to item \(owner); Atom ids must be unique (RFC 4287 §4.2.6)"
        case let .locked(path, pid?):
            "\(path): another gazette run (pid \(pid)) holds the lock; wait for it to finish, or stop it with `kill \(pid)`, then run again"
        case let .locked(path, nil):
            "\(path): another process holds the lock and wrote no pid; find it with `fuser \(path)`, wait for it to finish, then run again"
        case let .cannotLock(path, cause):
            "\(path): cannot take the run lock (\(cause)); check that the .gazette folder is writable"
        }
    }
}

/// What to do about an SQLite failure on the state file at `path`, chosen by SQLite's primary result
/// code (https://www.sqlite.org/rescode.html); nil when `cause` is not an SQLite error or its code
/// calls for no particular advice.
private func sqliteAdvice(path: String, cause: any Error) -> String? {
    guard let error = cause as? DatabaseError else { return nil }
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    switch error.resultCode {
    case .SQLITE_FULL:
        return "the disk holding \(path) is full: free some space and run again"
    case .SQLITE_IOERR where freeBytes(besides: path).map({ $0 < 1 << 20 }) == true:
        // SQLite reports ENOSPC while making its -shm file as an I/O error, not SQLITE_FULL.
        return "the disk holding \(path) is full (SQLite: I/O error): free some space and run again"
    case .SQLITE_IOERR:
        return "the disk gave an I/O error on \(path): check the disk (dmesg, smartctl), then run again"
    case .SQLITE_CORRUPT, .SQLITE_NOTADB:
        let recovery = "\(path) is damaged or is not a Gazette state file: restore it from a backup, or move it"
            + " away (with any \(name)-wal and \(name)-shm beside it) and Gazette starts a new store"
        // What a new store costs, honestly: it remembers no item, post name or feed state.
        let cost = "then every feed is fetched again and all its items count as new (ETags, backoff and adopted"
            + " redirects are forgotten too); published posts stay and a dated item rewrites its own post,"
            + " but an undated item takes a new first-seen date and may get a second post"
        return recovery + "; " + cost
    case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
        let need = "Gazette needs write access to the folder \(folder) as well as to the file: SQLite creates"
            + " \(name)-wal and \(name)-shm beside it"
        return need + "; check both with `ls -ld \(folder) \(path)`"
    default:
        return nil
    }
}

/// What to do when the state folder at `path` cannot be made, by the errno of the step that failed.
private func folderAdvice(path: String, cause: FolderCreationFailure) -> String {
    switch cause.code {
    case ENOTDIR, EEXIST:
        "move away the file at \(cause.path): Gazette keeps its state in a folder there"
    case ENOSPC, EDQUOT:
        "the disk holding \(cause.path) is full: free some space and run again"
    case EROFS:
        "\(cause.path) is on a read-only file system: keep feeds.yml on a writable one"
    default:
        "check that you may write to the folder that holds it, \((path as NSString).deletingLastPathComponent)"
    }
}

/// Bytes free to unprivileged users on the file system holding `path`'s folder; nil when unknown.
private func freeBytes(besides path: String) -> UInt64? {
    var info = statvfs()
    let folder = (path as NSString).deletingLastPathComponent
    guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return nil }
    return UInt64(info.f_bavail) * UInt64(info.f_frsize)
}
