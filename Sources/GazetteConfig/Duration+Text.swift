/// Seconds in each unit a feeds.yml duration may use, largest first: the order units must come in.
private let durationUnits: [(unit: Character, seconds: Int)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

/// Reads a feeds.yml duration: whole numbers each followed by a unit, `d`, `h`, `m` or `s`, largest
/// unit first and each at most once: `45s`, `30m`, `2h`, `1d`, `1h30m`.
/// - Returns: the duration in seconds; nil for anything else (a bare number, `1.5h`, `30 m`, `1m1h`, overflow).
public func parseDuration(_ text: String) -> Double? {
    var total = 0
    var rest = text[...]
    var nextUnit = durationUnits.startIndex
    while !rest.isEmpty {
        let unitAt = rest.firstIndex(where: { $0.asciiDigit == nil }) ?? rest.endIndex
        guard let number = parseWholeNumber(rest[..<unitAt]), unitAt != rest.endIndex,
              let unit = durationUnits[nextUnit...].firstIndex(where: { $0.unit == rest[unitAt] }) else { return nil }
        let (seconds, overflow1) = number.multipliedReportingOverflow(by: durationUnits[unit].seconds)
        let (sum, overflow2) = total.addingReportingOverflow(seconds)
        guard !overflow1, !overflow2 else { return nil }
        (total, nextUnit, rest) = (sum, unit + 1, rest[rest.index(after: unitAt)...])
    }
    // No group at all: the empty string.
    return nextUnit == durationUnits.startIndex ? nil : Double(total)
}

extension Character {
    /// 0–9 for an ASCII digit, else nil (Unicode digits such as `３` or `٣` are not numbers in feeds.yml).
    var asciiDigit: Int? {
        guard let ascii = asciiValue, ascii >= UInt8(ascii: "0"), ascii <= UInt8(ascii: "9") else { return nil }
        return Int(ascii - UInt8(ascii: "0"))
    }
}
