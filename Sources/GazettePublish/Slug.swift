public import Foundation
import GazetteModel

/// Han → pinyin, then any Latin letter to plain ASCII, then lowercase (ICU; the same on Linux and macOS).
private let slugTransform = StringTransform("Han-Latin; Latin-ASCII; Lower")

/// The longest slug `slug(for:)` makes, in characters (all ASCII, so also in bytes).
public let maximumSlugLength = 60

/// The file-name slug of a post title: the title transliterated through ICU (每日经济新闻 → `mei ri jing ji
/// xin wen`), its ASCII letters and digits kept as words joined by `-`, cut at a word boundary to at most
/// 60 characters: `我国工业互联网` → `wo-guo-gong-ye-hu-lian-wang`.
///
/// The result holds only `[a-z0-9-]`, never starts or ends with `-`, and is never empty: a title with
/// nothing to keep (punctuation, emoji, an empty string) gets the 8 hex digits of its FNV-1a hash, the
/// same on every run. So no title can name `.`, `..`, a folder or a hidden file.
public func slug(for title: String) -> String {
    slugs(for: [title])[0]
}

/// `slug(for:)` of many titles at once. ICU builds its transliterator anew on every
/// `applyingTransform` call (most of a call's cost: 42% of a warm `fetch` of 400 feeds in perf), so
/// the non-ASCII titles go through ONE call, joined by newlines; ASCII titles skip ICU entirely.
public func slugs(for titles: [String]) -> [String] {
    transliterated(titles).enumerated().map { index, latin in slug(latin: latin, title: titles[index]) }
}

/// Each title through `slugTransform`, in batches of at most this many titles per ICU call …
private let transliterationBatch = 512
/// … and at most this many characters: ICU's transliteration of one string costs time quadratic in
/// its length (CFStringReplace moves the rest of the string for each replacement), so 200 titles of
/// 4,000 characters took 132 s in one call.
private let transliterationBatchCharacters = 16_384
/// Characters of a title transliterated: a slug takes at most `maximumSlugLength` of what comes out,
/// which this many characters give with room to spare (every Han character gives one or more letters).
private let transliteratedTitleCharacters = 200

private func transliterated(_ titles: [String]) -> [String] {
    var latin = titles.map { title in title.utf8.allSatisfy { $0 < 0x80 } ? title.lowercased() : nil as String? }
    let pending = latin.indices.filter { latin[$0] == nil }
    // A newline separates the titles; one inside a title becomes a space (it separates words anyway).
    // In the order of `pending`.
    let prepared = pending.map { index in
        withPinyinReadings(String(titles[index].prefix(transliteratedTitleCharacters))
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))
    }
    var start = 0
    while start < pending.count {
        var end = start
        var characters = 0
        while end < pending.count, end - start < transliterationBatch,
              end == start || characters + prepared[end].count <= transliterationBatchCharacters {
            characters += prepared[end].count + 1
            end += 1
        }
        let batch = Array(pending[start..<end])
        let joined = prepared[start..<end].joined(separator: "\n")
        let parts = (joined.applyingTransform(slugTransform, reverse: false) ?? joined.lowercased())
            .split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, index) in batch.enumerated() {
            latin[index] = parts.count == batch.count ? String(parts[offset])
                : prepared[start + offset].applyingTransform(slugTransform, reverse: false) ?? titles[index].lowercased()
        }
        start = end
    }
    return latin.map { $0 ?? "" }
}

private func slug(latin: String, title: String) -> String {
    var words: [String] = []
    var word = ""
    for scalar in latin.unicodeScalars {
        switch scalar {
        case "a"..."z", "0"..."9": word.unicodeScalars.append(scalar)
        case "A"..."Z": word.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)   // "Lower" missed it
        default:
            if !word.isEmpty { words.append(word); word = "" }
        }
    }
    if !word.isEmpty { words.append(word) }
    guard let first = words.first else { return fnv1aHex(title) }
    // A single word longer than the limit (a URL-like run of letters) is cut inside it.
    var result = String(first.prefix(maximumSlugLength))
    for word in words.dropFirst() {
        guard result.count + 1 + word.count <= maximumSlugLength else { break }
        result += "-" + word
    }
    return result
}

/// `YYYY-MM-DD-SLUG.md`, the day being `date`'s in `zone` (the site's), as Jekyll's `_posts` wants.
public func postFileName(date: Date, slug: String, zone: TimeZone) -> String {
    let day = civilTime(of: date, in: zone)
    return "\(pad(day.year, 4))-\(pad(day.month, 2))-\(pad(day.day, 2))-\(slug).md"
}

/// The day and slug of a post file name `YYYY-MM-DD-SLUG.md`; nil for a name not of that form.
public func postFileParts(_ name: String) -> (year: Int, month: Int, day: Int, slug: String)? {
    let scalars = Array(name.utf8)
    guard scalars.count > 14, name.hasSuffix(".md"), scalars[4] == UInt8(ascii: "-"), scalars[7] == UInt8(ascii: "-"),
          scalars[10] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
        guard range.allSatisfy({ (0x30...0x39).contains(scalars[$0]) }) else { return nil }
        return Int(String(decoding: scalars[range], as: UTF8.self))
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    return (year, month, day, String(decoding: scalars[11..<(scalars.count - 3)], as: UTF8.self))
}

/// The name a post takes when `name` is already another item's on that day: `2022-05-12-slug.md` →
/// `2022-05-12-slug-1a2b.md`. The suffix is `length` (4…8) hex digits of a hash of the item's key, so
/// the same item always gets the same name; a caller that still finds a clash asks for a longer one.
public func withSuffix(_ name: String, key: String, length: Int = 4) -> String {
    let suffix = String(fnv1aHex(key).prefix(min(max(length, 4), 8)))
    guard name.hasSuffix(".md") else { return name + "-" + suffix }
    return String(name.dropLast(3)) + "-" + suffix + ".md"
}

/// 8 lowercase hex digits of the 32-bit FNV-1a hash of `text`'s UTF-8 bytes: short, stable across runs
/// and platforms (unlike `hashValue`).
func fnv1aHex(_ text: String) -> String {
    var hash: UInt32 = 0x811C_9DC5
    for byte in text.utf8 {
        hash ^= UInt32(byte)
        hash = hash &* 0x0100_0193
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}

/// `value` in decimal, zero-padded on the left to `width` digits.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// The wall-clock reading of `date` in `zone`: fields, and the zone's offset from UTC in seconds.
struct CivilTime {
    var year, month, day, hour, minute, second, offsetSeconds: Int
}

func civilTime(of date: Date, in zone: TimeZone) -> CivilTime {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return CivilTime(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0,
                     minute: c.minute ?? 0, second: c.second ?? 0, offsetSeconds: zone.secondsFromGMT(for: date))
}
