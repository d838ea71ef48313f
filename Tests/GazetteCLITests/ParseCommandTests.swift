import Foundation
import Testing
@testable import GazetteCLI
import GazetteConfig

@Test func offsetsAndZoneNamesAreAcceptedForTimezone() {
    #expect(parseTimeZone("+08:00")?.secondsFromGMT() == 8 * 3600)
    #expect(parseTimeZone("-05:30")?.secondsFromGMT() == -(5 * 3600 + 30 * 60))
    #expect(parseTimeZone("Asia/Shanghai")?.identifier == "Asia/Shanghai")
    #expect(parseTimeZone("Mars/Olympus") == nil)
    #expect(parseTimeZone("+25:00") == nil)
}

/// `yes | gazette parse -` and `gazette parse /dev/zero` grew until the allocation failed and the
/// process crashed; now every input is read up to a limit (1 GB; 1 MB here), then refused.
@Test func anInputWithoutEndIsRefusedAtTheLimitNotReadUntilMemoryRunsOut() throws {
    #expect(throws: InputError.self) { try readInput("/dev/zero", limit: 1 << 20) }
    do {
        _ = try readInput("/dev/zero", limit: 1 << 20)
    } catch {
        #expect(error.description == "is larger than 1 MB, more than any feed; check that it is the file meant")
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-limit-\(UUID().uuidString).xml")
    try Data(repeating: 0x20, count: (1 << 20) + 1).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    #expect(throws: InputError.self) { try readInput(file.path, limit: 1 << 20) }
    try Data(repeating: 0x20, count: 1 << 20).write(to: file)
    #expect(try readInput(file.path, limit: 1 << 20).count == 1 << 20)
}
