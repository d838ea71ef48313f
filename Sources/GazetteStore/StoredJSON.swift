import Foundation

/// The coders for the JSON columns. Writing goes through `Entry.storedJSON()` and
/// `FeedInfo.storedJSON()` (GazetteModel), whose bytes the content hash is taken of; reading
/// through their `Codable` conformances.
enum StoredJSON {
    static func makeDecoder() -> JSONDecoder { JSONDecoder() }

    /// The JSON text of `value`, for the small columns that are not hashed (`runs.errors_json`).
    static func text(of value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
