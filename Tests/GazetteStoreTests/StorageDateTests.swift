import Foundation
import GRDB
import GazetteModel
import Testing
@testable import GazetteStore

/// Whole seconds across the fast range's edges, leap days, and 100 pseudo-random seconds in it;
/// fractions and dates outside it, which take GRDB's path.
private let storageDates: [Date] = {
    var seconds: [TimeInterval] = [0, -1, 1_652_354_802, 951_782_400, 946_684_799, 4_107_542_400, -11_676_096_000,
                                   -11_676_096_001, 253_402_300_799, 253_402_300_800, -62_135_596_800,
                                   1_652_354_802.5, 1_652_354_802.123, -0.25]
    var state: UInt64 = 42
    for _ in 0..<100 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        seconds.append(TimeInterval(Int64(state >> 20) % 265_078_396_800) - 11_676_096_000)
    }
    return seconds.map { Date(timeIntervalSince1970: $0) }
}()

@Test func storageValueIsGRDBsDatabaseValue() {
    for date in storageDates {
        #expect(date.storageValue == date.databaseValue, "\(date.timeIntervalSince1970)")
    }
}

/// The formatter `rfc3339UTC` had before it wrote bytes in place: the fast path must match it.
private func referenceRFC3339UTC(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(secondsFromGMT: 0)
    return formatter.string(from: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
}

@Test func rfc3339UTCMatchesAReferenceFormatter() {
    for date in storageDates where date.timeIntervalSince1970 >= -11_676_096_000 && date.timeIntervalSince1970 < 253_402_300_800 {
        #expect(rfc3339UTC(date) == referenceRFC3339UTC(date), "\(date.timeIntervalSince1970)")
    }
    #expect(rfc3339UTC(Date(timeIntervalSince1970: 1_652_354_802.9)) == "2022-05-12T11:26:42Z")
    #expect(rfc3339UTC(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    #expect(rfc3339UTC(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00Z")
}
