public import Foundation

/// The files under `Fixtures/`, named for what they show.
public enum Fixture {
    /// The fixtures folder, found from this source file (no bundle resources needed).
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The file's bytes. Throws when it cannot be read.
    public static func bytes(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// The file's absolute path.
    public static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}
