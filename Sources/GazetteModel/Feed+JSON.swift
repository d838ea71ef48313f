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
    if (0...9999).contains(year) {
        // Every entry's dates pass here (stored JSON, item keys): 20 bytes written in place, not
        // seven interpolated Strings.
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ value: Int64, at start: Int, width: Int) {
                var value = value
                for index in (start..<start + width).reversed() {
                    out[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10)
                    value /= 10
                }
            }
            put(year, at: 0, width: 4); out[4] = UInt8(ascii: "-"); put(month, at: 5, width: 2); out[7] = UInt8(ascii: "-")
            put(day, at: 8, width: 2); out[10] = UInt8(ascii: "T"); put(s / 3600, at: 11, width: 2); out[13] = UInt8(ascii: ":")
            put(s / 60 % 60, at: 14, width: 2); out[16] = UInt8(ascii: ":"); put(s % 60, at: 17, width: 2); out[19] = UInt8(ascii: "Z")
            return 20
        }
    }
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
/// Writes bytes: appending to one growing buffer keeps a 50 MB feed linear.
final class JSONOutput {
    private var bytes: [UInt8] = []
    private var needsComma = false

    init() { bytes.reserveCapacity(1 << 16) }

    var text: String { String(decoding: bytes, as: UTF8.self) }
    var data: Data { Data(bytes) }

    func object(_ body: () -> Void) {
        comma(); bytes.append(UInt8(ascii: "{")); needsComma = false
        body()
        bytes.append(UInt8(ascii: "}")); needsComma = true
    }

    func array<T>(_ items: [T], _ each: (T) -> Void) {
        comma(); bytes.append(UInt8(ascii: "[")); needsComma = false
        for item in items { each(item) }
        bytes.append(UInt8(ascii: "]")); needsComma = true
    }

    func key(_ name: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    func raw(_ literal: String) { comma(); bytes.append(contentsOf: literal.utf8); needsComma = true }

    func string(_ value: String?) {
        guard var value else { return raw("null") }
        comma()
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { escape($0) }
        bytes.append(UInt8(ascii: "\""))
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

    private func comma() { if needsComma { bytes.append(UInt8(ascii: ",")) } }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Bytes that JSON strings cannot hold as they are (and 0xE2, which may start U+2028/U+2029).
    private static let needsEscape: [Bool] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }

    /// High bit set in each byte of `word` that equals `byte`.
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let v = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    private func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
        var out = [UInt8]()
        swap(&out, &bytes)   // one exclusive access for the whole string, not one per byte
        defer { swap(&out, &bytes) }
        out.reserveCapacity(out.count + utf8.count + 16)
        Self.needsEscape.withUnsafeBufferPointer { table in
            var start = 0
            var index = 0
            let count = utf8.count
            let base = UnsafeRawPointer(utf8.baseAddress)
            while true {
                // Eight bytes at a time while none needs a look (controls, '"', '\\', 0xE2).
                while let base, index + 8 <= count {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let controls = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    guard controls | Self.hasByte(word, 0x22) | Self.hasByte(word, 0x5C) | Self.hasByte(word, 0xE2) == 0
                    else { break }
                    index += 8
                }
                while index < count, !table[Int(utf8[index])] { index += 1 }
                if index == count { break }
                let byte = utf8[index]
                var scalar = -1
                var width = 1
                switch byte {
                case 0x22, 0x5C: break
                case 0x0A, 0x0D, 0x09: break
                case 0xE2:
                    guard index + 2 < count, utf8[index + 1] == 0x80, utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9 else {
                        index += 1
                        continue
                    }
                    // U+2028, U+2029: valid JSON, but not inside JavaScript strings.
                    scalar = utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029
                    width = 3
                default: scalar = Int(byte)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    out.append(UInt8(ascii: "u"))
                    for shift in stride(from: 12, through: 0, by: -4) { out.append(Self.hexDigits[(scalar >> shift) & 0xF]) }
                }
                index += width
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count]))
        }
    }
}
