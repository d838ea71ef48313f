import GazetteModel

/// Plain words YAML 1.1 or 1.2 reads as a boolean or null rather than text (compared in lowercase).
private let reservedWords: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"]

/// Characters that give a plain scalar's first character another meaning (YAML 1.2 §5.3 indicators),
/// and `+`, `.` and digits, which may start a number (`+1`, `.5`, `.inf`, `0x1F`, `1:30`).
private let unsafeFirst: Set<Unicode.Scalar> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">",
                                                "'", "\"", "%", "@", "`", "+", ".", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]

/// Characters that end a plain scalar inside a flow list (`[a, b]`).
private let flowIndicators: Set<Unicode.Scalar> = [",", "[", "]", "{", "}"]

/// `text` as a YAML scalar that libyaml (so Yams) reads back as exactly `text`: plain when that is safe
/// (`每日经济新闻`, `https://example.com/rss.xml`, `Markets Daily`), else double-quoted with escapes.
/// `inFlow` for an item of a flow list, where `,` `[` `]` `{` `}` `:` `#` need quotes too.
func yamlScalar(_ text: String, inFlow: Bool = false) -> String {
    isSafePlain(text, inFlow: inFlow) ? text : yamlDoubleQuoted(text)
}

/// Whether `text` written plain reads back as the same text, and as text (not a number, boolean or null).
/// Errs towards quoting: quotes, backslashes and tabs anywhere get quotes, though plain YAML could hold them.
private func isSafePlain(_ text: String, inFlow: Bool) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard let first = scalars.first, let last = scalars.last, !unsafeFirst.contains(first),
          first != " ", last != " ", !reservedWords.contains(text.lowercased()) else { return false }
    for (index, scalar) in scalars.enumerated() {
        let next = index + 1 < scalars.count ? scalars[index + 1] : nil
        switch scalar {
        case "\"", "'", "\\", "\t": return false
        case ":" where inFlow || next == nil || next == " ": return false     // `key: value` inside the value
        case "#" where inFlow || scalars[index - 1] == " ": return false      // ` #` starts a comment
        case _ where inFlow && flowIndicators.contains(scalar): return false
        case _ where needsEscape(scalar): return false
        default: continue
        }
    }
    return true
}

/// Whether libyaml refuses `scalar` raw in its input (not YAML-printable), or would take it for a line break.
private func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: true
    default: false
    }
}
