import Foundation
@testable import GazetteStore

/// A fresh folder under the system's temporary directory, removed when `body` returns.
@discardableResult
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// A store on a real SQLite file, `.gazette/state.sqlite` in a fresh folder (the folder is made by `open`).
@discardableResult
func withStore<T>(_ body: (Store, URL) throws -> T) throws -> T {
    try withTemporaryFolder { folder in
        let path = folder.appendingPathComponent(".gazette/state.sqlite").path
        return try body(try Store.open(path: path), folder)
    }
}
