/// `text` as a YAML double-quoted scalar that every YAML 1.1/1.2 reader (libyaml, so Jekyll's Psych and
/// Yams) reads back as exactly `text`: `\` and `"` escaped; newline, tab, carriage return as `\n` `\t`
/// `\r`; every other C0 control, DEL and C1 control as `\xNN`; U+2028, U+2029, U+FEFF and the
/// noncharacters U+FFFE/U+FFFF as `\uNNNN`. Everything else (CJK, emoji) is written as it is.
public func yamlDoubleQuoted(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x5C: out += "\\\\"
        case 0x22: out += "\\\""
        case 0x0A: out += "\\n"
        case 0x09: out += "\\t"
        case 0x0D: out += "\\r"
        case 0x00...0x1F, 0x7F...0x9F: out += "\\x" + hex(scalar.value, 2)
        case 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: out += "\\u" + hex(scalar.value, 4)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// `text` as it may stand after `key: ` in front matter: plain when YAML reads it back as the same
/// string (`meirijingjixinwen`, `每日经济新闻新闻 科技`), else double-quoted. Plain needs letters, digits,
/// non-ASCII text, spaces between words and `-_.` only, a letter or non-ASCII first, and no word
/// YAML 1.1 takes for a boolean or null.
public func yamlPlainOrQuoted(_ text: String) -> String {
    isSafePlain(text) ? text : yamlDoubleQuoted(text)
}

private let reservedPlainWords: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf"]

private func isSafePlain(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
          last != " ", !reservedPlainWords.contains(text.lowercased()) else { return false }
    func isText(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: s.value != 0xFEFF && s.properties.generalCategory != .spaceSeparator
        default: false
        }
    }
    guard isText(first), !("0"..."9").contains(first) else { return false }
    var previous: Unicode.Scalar = first
    for scalar in text.unicodeScalars.dropFirst() {
        if scalar == " " {
            if previous == " " { return false }
        } else if !isText(scalar), scalar != "-", scalar != "_", scalar != "." {
            return false
        }
        previous = scalar
    }
    return true
}

/// `value` in uppercase hex, zero-padded to `width` digits.
private func hex(_ value: UInt32, _ width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
