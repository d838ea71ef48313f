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

/// `value` in uppercase hex, zero-padded to `width` digits.
private func hex(_ value: UInt32, _ width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
