public import Foundation

extension Feed {
    /// The `parse --json` form of this feed (design.md's schema): one compact JSON object, keys in the
    /// schema's order, a field with no value `null`, lists `[]`, dates RFC 3339 in UTC.
    public func jsonLine() -> String {
        let out = JSONOutput()
        out.object {
            out.key("format"); out.string(format.rawValue)
            out.key("encoding"); out.string(encoding)
            out.key("bozo"); out.raw(bozo ? "true" : "false")
            out.key("bozo_reason"); out.string(bozoReason)
            out.key("feed"); out.object {
                out.key("title"); out.string(info.title)
                out.key("subtitle"); out.string(info.subtitle)
                out.key("link"); out.string(info.link)
                out.key("self"); out.string(info.selfLink)
                out.key("id"); out.string(info.id)
                out.key("language"); out.string(info.language)
                out.key("updated"); out.date(info.updated)
                out.key("generator"); out.string(info.generator)
                out.key("image"); out.string(info.image)
                out.key("authors"); out.people(info.authors)
            }
            out.key("entries"); out.array(entries) { entry in
                out.object {
                    out.key("id"); out.string(entry.id)
                    out.key("title"); out.string(entry.title)
                    out.key("link"); out.string(entry.link)
                    out.key("links"); out.array(entry.links) { link in
                        out.object {
                            out.key("rel"); out.string(link.rel)
                            out.key("href"); out.string(link.href)
                            out.key("type"); out.string(link.type)
                            out.key("title"); out.string(link.title)
                            out.key("length"); out.int(link.length)
                        }
                    }
                    out.key("summary"); out.string(entry.summary)
                    out.key("content"); out.string(entry.content)
                    out.key("published"); out.date(entry.published)
                    out.key("updated"); out.date(entry.updated)
                    out.key("authors"); out.people(entry.authors)
                    out.key("categories"); out.array(entry.categories) { out.string($0) }
                    out.key("enclosures"); out.array(entry.enclosures) { enclosure in
                        out.object {
                            out.key("url"); out.string(enclosure.url)
                            out.key("type"); out.string(enclosure.type)
                            out.key("length"); out.int(enclosure.length)
                        }
                    }
                    out.key("comments"); out.string(entry.comments)
                }
            }
        }
        return out.text
    }
}

/// Formats a date as RFC 3339 in UTC with whole seconds: `2022-05-12T11:26:42Z`.
public func rfc3339UTC(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
    let (d, s) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
    let (year, month, day) = civilDate(fromDays: d)
    func pad(_ v: Int64, _ width: Int) -> String {
        let digits = String(v)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):\(pad(s % 60, 2))Z"
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

/// A small JSON emitter: compact, keys in the order written, non-ASCII kept as UTF-8.
final class JSONOutput {
    private(set) var text = ""
    private var needsComma = false

    func object(_ body: () -> Void) {
        comma(); text += "{"; needsComma = false
        body()
        text += "}"; needsComma = true
    }

    func array<T>(_ items: [T], _ each: (T) -> Void) {
        comma(); text += "["; needsComma = false
        for item in items { each(item) }
        text += "]"; needsComma = true
    }

    func key(_ name: String) {
        comma(); text += "\""; text += name; text += "\":"; needsComma = false
    }

    func raw(_ literal: String) { comma(); text += literal; needsComma = true }

    func string(_ value: String?) {
        guard let value else { return raw("null") }
        comma()
        text += "\""
        escape(value)
        text += "\""
        needsComma = true
    }

    func int(_ value: Int?) { raw(value.map(String.init) ?? "null") }

    func date(_ value: Date?) { string(value.map(rfc3339UTC)) }

    func people(_ people: [Person]) {
        array(people) { person in
            object {
                key("name"); string(person.name)
                key("email"); string(person.email)
                key("uri"); string(person.uri)
            }
        }
    }

    private func comma() { if needsComma { text += "," } }

    private func escape(_ value: String) {
        var start = value.unicodeScalars.startIndex
        let scalars = value.unicodeScalars
        var index = start
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let replacement: String? = switch scalar.value {
            case 0x22: "\\\""
            case 0x5C: "\\\\"
            case 0x0A: "\\n"
            case 0x0D: "\\r"
            case 0x09: "\\t"
            case 0x00..<0x20, 0x2028, 0x2029: "\\u" + hex4(scalar.value)
            default: nil
            }
            if let replacement {
                text.unicodeScalars.append(contentsOf: scalars[start..<index])
                text += replacement
                start = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        text.unicodeScalars.append(contentsOf: scalars[start..<index])
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
