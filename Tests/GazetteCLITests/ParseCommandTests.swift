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
