import Foundation

// The stored JSON form writes dates as RFC 3339 strings in UTC whatever the encoder's
// `dateEncodingStrategy` says, so the store's JSON reads the same to every decoder and to a person
// looking at it with sqlite3. Microseconds are kept when a date has them: a Double holds a present-day
// Unix time to about 0.24 µs, so microseconds survive any number of decode/encode cycles unchanged,
// and the content hash computed from the JSON stays stable.

extension KeyedEncodingContainer {
    /// Writes `date` as `2022-05-12T11:26:42Z` (or `…42.5Z` with a fraction), nothing when nil.
    mutating func encodeStoredDate(_ date: Date?, forKey key: Key) throws {
        guard let date else { return }
        try encode(storedDateString(date), forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Reads a date written by `encodeStoredDate`; nil when the key is absent or null.
    func decodeStoredDate(forKey key: Key) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = parseStoredDate(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "'\(text)' is not an RFC 3339 UTC date like 2022-05-12T11:26:42Z")
        }
        return date
    }
}

private let microsecondsPerSecond: Int64 = 1_000_000

/// `2022-05-12T11:26:42Z`, or `2022-05-12T11:26:42.123456Z` trimmed of trailing zeros when the date
/// has a fraction of a second (rounded to the microsecond).
func storedDateString(_ date: Date) -> String {
    let micros = Int64((date.timeIntervalSince1970 * Double(microsecondsPerSecond)).rounded())
    var (seconds, fraction) = micros.quotientAndRemainder(dividingBy: microsecondsPerSecond)
    if fraction < 0 { seconds -= 1; fraction += microsecondsPerSecond }
    let whole = rfc3339UTC(Date(timeIntervalSince1970: Double(seconds)))
    guard fraction != 0 else { return whole }
    var digits = String(fraction)
    digits = String(repeating: "0", count: 6 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return String(whole.dropLast()) + "." + digits + "Z"
}

/// Parses exactly the form `storedDateString` writes: `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.
func parseStoredDate(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes[range] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
    let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")]
    guard separators.allSatisfy({ bytes[$0.0] == $0.1.asciiValue }),
          let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
          let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
          (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var micros: Int64 = 0
    if bytes.count > 20 {
        let fraction = 20..<(bytes.count - 1)
        guard bytes[19] == UInt8(ascii: "."), !fraction.isEmpty, fraction.count <= 9, let value = number(fraction) else { return nil }
        var scaled = value
        for _ in fraction.count..<9 { scaled *= 10 }
        micros = (scaled + 500) / 1000   // nanoseconds → microseconds, rounded
    } else if bytes.count != 20 {
        return nil
    }
    let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    return Date(timeIntervalSince1970: Double(seconds * microsecondsPerSecond + micros) / Double(microsecondsPerSecond))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil),
/// the inverse of `civilDate(fromDays:)`.
func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}
