public import Foundation

/// The largest UTC offset in use anywhere (Pacific/Kiritimati, UTC+14), in hours.
private let maxOffsetHours = 14

/// Reads a feeds.yml time zone: an IANA name as the tz database spells it (`Asia/Shanghai`), `UTC`,
/// `GMT` or `Z`, or a fixed offset `+08:00` / `+0800` / `+08` / `-05:30` (at most 14 hours).
/// - Returns: nil for anything else, abbreviations included: `CST` is China, Central or Cuba time.
public func parseTimeZone(_ text: String) -> TimeZone? {
    if ["UTC", "GMT", "Z"].contains(text) { return .gmt }
    if let seconds = offsetSeconds(text) { return TimeZone(secondsFromGMT: seconds) }
    guard TimeZone.knownTimeZoneIdentifiers.contains(text) else { return nil }
    return TimeZone(identifier: text)
}

/// `±HH:MM`, `±HHMM` or `±HH` in seconds east of UTC (the forms `gazette parse --timezone` takes too).
private func offsetSeconds(_ text: String) -> Int? {
    guard let sign = ["+": 1, "-": -1][text.first ?? " "] else { return nil }
    var digits = text.dropFirst()
    if digits.count == 5, digits[digits.index(digits.startIndex, offsetBy: 2)] == ":" {
        digits.remove(at: digits.index(digits.startIndex, offsetBy: 2))
    }
    guard digits.count == 2 || digits.count == 4,
          let hours = parseWholeNumber(digits.prefix(2)),
          let minutes = digits.count == 4 ? parseWholeNumber(digits.suffix(2)) : 0,
          hours <= maxOffsetHours, minutes < 60 else { return nil }
    return sign * (hours * 3_600 + minutes * 60)
}

/// A known zone the user probably meant: the same name in other letter case (`asia/shanghai`), else one
/// a typo or two away (`Asia/Shangai`).
func suggestedTimeZone(for text: String) -> String? {
    let known = TimeZone.knownTimeZoneIdentifiers
    if let sameLetters = known.first(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) { return sameLetters }
    return nearest(to: text, among: known)
}
