import Foundation
import GazetteModel
internal import GRDB

extension Date {
    /// GRDB's `databaseValue` of the date ("yyyy-MM-dd HH:mm:ss.SSS" in UTC, text that sorts as time
    /// does), made from `rfc3339UTC` for a whole second from 1600 to 9999, as feed dates are, instead of
    /// by GRDB's shared DateFormatter: that was 1.3% of a cold fetch, on the writer thread every other
    /// record waits for. Other dates (fractions of a second, the Julian calendar ICU uses before the
    /// Gregorian reform, years past 9999) still take GRDB's path; the tests compare the two.
    var storageValue: DatabaseValue {
        let seconds = timeIntervalSince1970
        guard seconds.rounded(.down) == seconds, seconds >= Self.firstFastSecond, seconds < Self.endOfFastSeconds else {
            return databaseValue
        }
        let rfc3339 = rfc3339UTC(self).utf8    // 2022-05-12T11:26:42Z
        let text = String(unsafeUninitializedCapacity: 23) { out in
            _ = out.initialize(from: rfc3339.prefix(19))
            out[10] = UInt8(ascii: " ")
            _ = UnsafeMutableBufferPointer(rebasing: out[19...]).initialize(from: ".000".utf8)
            return 23
        }
        return text.databaseValue
    }

    /// 1600-01-01T00:00:00Z, well after the Gregorian reform, and 10000-01-01T00:00:00Z.
    private static let firstFastSecond: TimeInterval = -11_676_096_000
    private static let endOfFastSeconds: TimeInterval = 253_402_300_800
}
