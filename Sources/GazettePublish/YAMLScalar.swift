public import GazetteModel

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
