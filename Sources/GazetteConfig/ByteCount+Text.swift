/// Bytes in each unit a feeds.yml size may use. Binary multiples, as nginx and most configs read them:
/// `1KB` is 1024 bytes.
private let sizeUnits: [String: Int] = ["B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30]

/// Reads a feeds.yml size: bytes as plain digits (`1048576`), or a whole number followed by `B`, `KB`,
/// `MB` or `GB` (`512KB`, `10MB`, `1GB`; 1 KB = 1024 bytes).
/// - Returns: the size in bytes; nil for anything else (`10 MB`, `1.5MB`, `10mb`, `10M`, overflow).
public func parseByteCount(_ text: String) -> Int? {
    let unitStart = text.firstIndex(where: { $0.asciiDigit == nil }) ?? text.endIndex
    guard let number = parseWholeNumber(text[..<unitStart]),
          let multiplier = unitStart == text.endIndex ? 1 : sizeUnits[String(text[unitStart...])] else { return nil }
    let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
    return overflow ? nil : bytes
}

/// Reads ASCII digits, nothing else (no sign, no `_`, no spaces).
/// - Returns: nil for anything else or when the number does not fit an `Int`.
func parseWholeNumber(_ text: Substring) -> Int? {
    guard !text.isEmpty else { return nil }
    var value = 0
    for character in text {
        guard let digit = character.asciiDigit else { return nil }
        let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(digit)
        guard !overflow1, !overflow2 else { return nil }
        value = sum
    }
    return value
}
