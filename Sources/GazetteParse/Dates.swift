public import Foundation

/// Parses a date as feeds write it. Returns nil for anything it cannot read with confidence — never a wrong year, never a crash.
///
/// Reads, in any letter case and with any run of whitespace (NBSP, fullwidth digits and punctuation included):
/// - RFC 822/1123/2822 and their wild variants, as Python feedparser does: `Thu, 12 May 2022 19:26:42 +0800`,
///   with or without the weekday (never checked) and seconds, two-digit years (00–49 → 20xx, 50–99 → 19xx,
///   RFC 2822 §4.3), RFC 850 `Thursday, 12-May-22 …`, month before day `Thu, May 12 2022 …`, and a zone as
///   `+0800`, `+08:00`, `-05`, `GMT+8`, a name (`GMT`, `UT`, `Z`, `EST`…`PDT`, `CST` meaning China Standard Time
///   when `defaultTimeZone` is at +08:00 then (China, Taiwan) and US Central otherwise, as in feedparser, a few
///   unambiguous others such as `JST`, `CET`, `HKT`) or none; a trailing `(comment)` is ignored;
/// - RFC 3339 / ISO 8601 / W3DTF: `2022-05-12T11:26:42.123Z`, `2022-05-12 19:26+08:00`, `2022-05-12`, `2022-05`,
///   `2022`, the ordinal `2022-132` and the basic `20220512T192642Z`;
/// - asctime and Unix `date`: `Thu May 12 19:26:42 2022`, `Thu May 12 19:26:42 CST 2022`; `May 12, 2022 7:26 PM`;
/// - the forms of Chinese sites: `2022/5/2 9:05:01`, `2022年05月12日 19:26`, `2022年5月12日`, `2022年05月12日 19时26分`,
///   each with an optional zone after it.
///
/// Text without a zone is a civil time in `defaultTimeZone`, at the offset in force at that instant (so an
/// IANA zone's DST history counts); a date without a time is midnight there. Fields are checked: month 1–12,
/// a day that exists in that month, hour 0–24 (`24:00:00` is the next midnight), minute 0–59, second 0–60
/// (a leap second reads as :59), offsets within ±14 h, a four-digit year 1000–9999.
public func parseFeedDate(_ text: String, defaultTimeZone: TimeZone) -> Date? {
    let utf8 = text.utf8
    guard !utf8.isEmpty, utf8.count <= DateLimits.inputBytes else { return nil }
    let fields: DateFields?
    if let contiguous = utf8.withContiguousStorageIfAvailable(DateFields.init(utf8:)) {
        fields = contiguous
    } else {
        fields = Array(utf8).withUnsafeBufferPointer(DateFields.init(utf8:))   // bridged or lazy strings only
    }
    return fields?.date(defaultTimeZone: defaultTimeZone)
}

/// How far a feed date can reach; anything longer is not one.
private enum DateLimits {
    /// "Wednesday, 21 September 2022 19:26:42 +0800 (China Standard Time)" is 66 bytes; the rest is headroom
    /// for padding and comments.
    static var inputBytes: Int { 256 }
    /// Once comments are dropped and whitespace collapsed, every accepted form fits in well under this.
    static var normalizedBytes: Int { 64 }
    /// Four-digit years only: "0000-00-00" and "22-05-12" are placeholders or guesses, not dates.
    static var years: ClosedRange<Int> { 1000...9999 }
    /// The widest offsets in use are -12:00 and +14:00 (Kiribati).
    static var maxOffset: Int { 14 * 3600 }
    /// Only the first nine fraction digits count: nanoseconds are finer than any feed means.
    static var fractionDigits: Int { 9 }
    /// A run of more digits than this is no date field; stopping there keeps the value from overflowing.
    static var numberDigits: Int { 18 }
}

/// The bytes the scanner reads: ASCII as written, or after `normalize` single spaces and the CJK marks.
/// Letters keep their case; the scanner folds it.
private enum DateByte {
    static var space: UInt8 { 0x20 }
    static var openParenthesis: UInt8 { 0x28 }
    static var closeParenthesis: UInt8 { 0x29 }
    static var plus: UInt8 { 0x2B }
    static var comma: UInt8 { 0x2C }
    static var minus: UInt8 { 0x2D }
    static var dot: UInt8 { 0x2E }
    static var slash: UInt8 { 0x2F }
    static var colon: UInt8 { 0x3A }
    // 年 月 日/号 时/時/点/點 分 秒, as `normalize` writes them: UTF-8 continuation bytes, which a valid
    // String holds only after a lead byte the scanner refuses, so raw text can never pass for a mark.
    static var yearMark: UInt8 { 0x81 }
    static var monthMark: UInt8 { 0x82 }
    static var dayMark: UInt8 { 0x83 }
    static var hourMark: UInt8 { 0x84 }
    static var minuteMark: UInt8 { 0x85 }
    static var secondMark: UInt8 { 0x86 }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    /// A-Z or a-z: setting bit 5 lowercases letters and moves nothing else into a…z.
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    /// Whether `byte` is the letter `lowercase` in either case.
    static func byte(_ byte: UInt8, isLetter lowercase: UInt8) -> Bool { byte | 0x20 == lowercase }
}

/// What a word in a date means. Words not listed make the whole text unreadable.
private enum DateWord {
    case month(Int)
    case weekday
    /// A fixed offset in seconds east of UTC.
    case zone(Int)
    /// UT, UTC or GMT, which may carry an offset: "GMT+8", "GMT+08:00".
    case universal
    /// CST: China Standard Time (+08:00) to a site in China or Taiwan, US Central (−06:00) elsewhere.
    case chinaOrCentral
}

/// The `offset` that stands for CST until `date(defaultTimeZone:)` knows the site's zone; outside
/// every real offset (±14 h).
private let chinaOrCentralOffset = 1 << 40

/// Appends an ASCII letter to a word key: five bits a letter, case folded, a…z as 1…26 so no word's key is 0.
private func appending(_ letter: UInt8, to key: UInt64) -> UInt64 { key << 5 | UInt64((letter | 0x20) &- 0x60) }

/// The longest word a key holds (64 bits / 5); "september" and "wednesday" have nine letters.
private let wordKeyLetters = 12

/// The words of dates in a small open-addressing table: a lookup is a multiply and a compare or two, where
/// Dictionary's SipHash would cost as much as the rest of a parse.
private struct DateWordTable {
    private static var slotBits: Int { 8 }
    private var keys: [UInt64]   // 0 marks an empty slot
    private var meanings: [DateWord]

    init(_ words: [(String, DateWord)]) {
        keys = Array(repeating: 0, count: 1 << Self.slotBits)
        meanings = Array(repeating: .weekday, count: 1 << Self.slotBits)
        for (word, meaning) in words where word.utf8.count <= wordKeyLetters {
            let key = word.utf8.reduce(0) { appending($1, to: $0) }
            var slot = Self.slot(of: key)
            while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
            (keys[slot], meanings[slot]) = (key, meaning)
        }
    }

    private static func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))   // Fibonacci hashing
    }

    func meaning(of key: UInt64) -> DateWord? {
        var slot = Self.slot(of: key)
        while keys[slot] != 0 {
            if keys[slot] == key { return meanings[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }
}

private let dateWords: DateWordTable = {
    var words: [(String, DateWord)] = []
    let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december"]
    for (index, name) in months.enumerated() {
        words.append((String(name.prefix(3)), .month(index + 1)))
        words.append((name, .month(index + 1)))
    }
    words.append(("sept", .month(9)))
    // The weekday is never checked against the date (feeds get it wrong), so any abbreviation will do: "thurs".
    for name in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] {
        for length in 3...name.count { words.append((String(name.prefix(length)), .weekday)) }
    }
    for name in ["ut", "utc", "gmt"] { words.append((name, .universal)) }
    // feedparser's names (datetimes/rfc822.py), CST as US Central among them, then a few more that mean one
    // offset the world over. Left out on purpose: "at" (an English word in "May 12 at 7 PM"), the military
    // letters other than Z (RFC 822 gave them the wrong sign, so RFC 2822 §4.3 says they mean nothing), and
    // the ambiguous IST and BST.
    let hours: [(String, Double)] = [
        ("z", 0), ("adt", -3), ("ast", -4), ("edt", -4), ("est", -5), ("et", -5), ("cdt", -5),
        ("ct", -6), ("mdt", -6), ("mst", -7), ("mt", -7), ("pdt", -7), ("pst", -8), ("pt", -8), ("met", 1),
        ("mest", 2), ("akst", -9), ("akdt", -8), ("hst", -10), ("wet", 0), ("west", 1), ("cet", 1), ("cest", 2),
        ("eet", 2), ("eest", 3), ("msk", 3), ("hkt", 8), ("sgt", 8), ("awst", 8), ("jst", 9), ("kst", 9),
        ("acst", 9.5), ("aest", 10), ("aedt", 11), ("nzst", 12), ("nzdt", 13),
    ]
    for (name, offset) in hours { words.append((name, .zone(Int(offset * 3600)))) }
    words.append(("cst", .chinaOrCentral))
    return DateWordTable(words)
}()

/// Copies `raw` into `out` as the scanner wants it: whitespace runs, NBSP and `(comments)` as one space,
/// none at either end; fullwidth digits and punctuation as ASCII; 年月日时分秒 as `DateByte` marks. Returns the
/// length, or nil for anything else (other non-ASCII, control bytes, overflow).
private func normalize(_ raw: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
    var length = 0
    var index = 0
    var pendingSpace = false
    while index < raw.count {
        let byte = raw[index]
        let code: UInt8
        if byte < 0x80 {
            index += 1
            switch byte {
            case 0x09...0x0D, DateByte.space:
                pendingSpace = true
                continue
            case DateByte.openParenthesis:
                // RFC 5322 §3.2.2 comment, as in "+0800 (CST)"; nesting allowed, unclosed refused.
                var depth = 1
                while index < raw.count, depth > 0 {
                    if raw[index] == DateByte.openParenthesis {
                        depth += 1
                    } else if raw[index] == DateByte.closeParenthesis {
                        depth -= 1
                    }
                    index += 1
                }
                guard depth == 0 else { return nil }
                pendingSpace = true
                continue
            case 0x00...0x1F, 0x7F:
                return nil
            default:
                code = byte
            }
        } else {
            guard let (mapped, width) = mapNonASCII(raw, at: index) else { return nil }
            index += width
            if mapped == DateByte.space {
                pendingSpace = true
                continue
            }
            code = mapped
        }
        if pendingSpace, length > 0 {
            guard length < out.count else { return nil }
            out[length] = DateByte.space
            length += 1
        }
        pendingSpace = false
        guard length < out.count else { return nil }
        out[length] = code
        length += 1
    }
    return length
}

/// The non-ASCII characters dates are written with, as (normalized byte, UTF-8 width); nil for any other.
private func mapNonASCII(_ raw: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt8, Int)? {
    let lead = raw[index]
    if lead == 0xC2 {
        guard index + 1 < raw.count, raw[index + 1] == 0xA0 else { return nil }   // U+00A0 NO-BREAK SPACE
        return (DateByte.space, 2)
    }
    guard lead >= 0xE0, lead < 0xF0, index + 2 < raw.count else { return nil }
    let scalar = UInt32(lead & 0x0F) << 12 | UInt32(raw[index + 1] & 0x3F) << 6 | UInt32(raw[index + 2] & 0x3F)
    let mapped: UInt8
    switch scalar {
    case 0xFF10...0xFF19: mapped = UInt8(scalar - 0xFF10) + 0x30   // fullwidth digits
    case 0xFF1A: mapped = DateByte.colon
    case 0xFF0B: mapped = DateByte.plus
    case 0xFF0C: mapped = DateByte.comma
    case 0xFF0D, 0x2212: mapped = DateByte.minus   // fullwidth hyphen-minus, minus sign
    case 0xFF0E: mapped = DateByte.dot
    case 0xFF0F: mapped = DateByte.slash
    case 0x2000...0x200A, 0x202F, 0x3000: mapped = DateByte.space   // typographic spaces, ideographic space
    case 0x5E74: mapped = DateByte.yearMark   // 年
    case 0x6708: mapped = DateByte.monthMark   // 月
    case 0x65E5, 0x53F7: mapped = DateByte.dayMark   // 日 号
    case 0x65F6, 0x6642, 0x70B9, 0x9EDE: mapped = DateByte.hourMark   // 时 時 点 點
    case 0x5206: mapped = DateByte.minuteMark   // 分
    case 0x79D2: mapped = DateByte.secondMark   // 秒
    default: return nil
    }
    return (mapped, 3)
}

/// The fields of a date as written, before they are checked and turned into an instant.
private struct DateFields {
    var year = 0
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    var nanosecond = 0
    /// Seconds east of UTC; nil when the text names no zone.
    var offset: Int?

    init() {}

    /// Scans the text as it is, which reads nearly every feed date; only text that fails is normalized
    /// (whitespace, comments, fullwidth and CJK characters) and scanned once more.
    init?(utf8 raw: UnsafeBufferPointer<UInt8>) {
        var scanner = DateScanner(bytes: raw)
        if scanner.parse() {
            self = scanner.fields
            return
        }
        let parsed = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DateLimits.normalizedBytes) { buffer in
            guard let length = normalize(raw, into: buffer), !buffer[..<length].elementsEqual(raw) else {
                return DateFields?.none   // unreadable, or nothing changed that could make it readable
            }
            var scanner = DateScanner(bytes: UnsafeBufferPointer(rebasing: buffer[..<length]))
            return scanner.parse() ? scanner.fields : nil
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// The instant these fields name, or nil if a field is out of range.
    func date(defaultTimeZone: TimeZone) -> Date? {
        guard DateLimits.years.contains(year), (1...12).contains(month),
              day >= 1, day <= daysIn(month: month, year: year),
              (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        if hour == 24 {   // ISO 8601 §4.2.3: 24:00:00 is the end of the day, the next one's midnight
            guard minute == 0, second == 0, nanosecond == 0 else { return nil }
        }
        // A leap second (RFC 3339 §5.7) reads as the second before it; POSIX time has no room for it.
        let civil = daysFromCivil(year: year, month: month, day: day) * 86_400
            + hour * 3_600 + minute * 60 + min(second, 59)
        let seconds: Int
        if var offset {
            if offset == chinaOrCentralOffset {
                // Chinese sites write CST for China Standard Time (Java's Date.toString, many CMSs);
                // feedparser reads US Central, right for a site in the US. The site's own zone decides.
                let china = 8 * 3_600
                offset = defaultTimeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(civil - china))) == china ? china : -6 * 3_600
            }
            guard abs(offset) <= DateLimits.maxOffset else { return nil }
            seconds = civil - offset
        } else {
            seconds = instant(ofCivil: civil, in: defaultTimeZone)
        }
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanosecond) / 1e9)
    }
}

/// Seconds since 1970 of a civil time (given as seconds since 1970 as if it were UTC) in `zone`.
private func instant(ofCivil civil: Int, in zone: TimeZone) -> Int {
    let identifier = zone.identifier
    if identifier == "GMT" || identifier == "UTC" || identifier == "Etc/UTC" { return civil }
    // The offset depends on the instant, which depends on the offset: guess with the civil time read as UTC,
    // then check the guess at the instant it gives.
    let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(civil)))
    let first = civil - guess
    let actual = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(first)))
    if actual == guess { return first }
    let second = civil - actual
    if zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second))) == actual { return second }
    // A time skipped by a spring-forward gap: read it with the offset before the gap, which moves it forward
    // by the gap (02:30 in New York on a DST Sunday is 03:30 EDT), as Foundation's Calendar does.
    return first
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms").
private func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

private func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
}

/// RFC 2822 §4.3: a two-digit year 00–49 is 20xx, 50–99 is 19xx; four digits stand; other lengths are not years.
private func fullYear(_ written: DigitRun) -> Int? {
    switch written.digits {
    case 4: written.value
    case 2: written.value + (written.value < 50 ? 2000 : 1900)
    default: nil
    }
}

/// Month and day of the `ordinal`th day of `year`, or nil past its end.
private func monthAndDay(ordinal: Int, year: Int) -> (month: Int, day: Int)? {
    var day = ordinal
    guard day >= 1 else { return nil }
    for month in 1...12 {
        let length = daysIn(month: month, year: year)
        if day <= length { return (month, day) }
        day -= length
    }
    return nil
}

/// A run of digits in the text: its value (of the first `DateLimits.numberDigits`), length and start.
private struct DigitRun {
    var value: Int
    var digits: Int
    var start: Int
}

/// A hand-written reader of date text into `fields`. Each `parse…` consumes what it recognises and returns
/// false at the first thing it does not; the caller then gives up.
private struct DateScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var fields = DateFields()

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }
    var current: UInt8 { index < bytes.count ? bytes[index] : 0 }
    func peek(_ ahead: Int) -> UInt8 { index + ahead < bytes.count ? bytes[index + ahead] : 0 }

    mutating func take(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    mutating func number() -> DigitRun? {
        let start = index
        var end = index
        var value = 0
        while end < bytes.count, case let digit = bytes[end] &- 0x30, digit < 10 {
            if end &- start < DateLimits.numberDigits { value = value &* 10 &+ Int(digit) }
            end &+= 1
        }
        index = end
        return end > start ? DigitRun(value: value, digits: end &- start, start: start) : nil
    }

    /// The meaning of the word here (letters in either case), or nil if it is none of `dateWords`.
    mutating func word() -> DateWord? {
        let start = index
        var end = index
        var key: UInt64 = 0
        while end < bytes.count, DateByte.isLetter(bytes[end]) {
            key = appending(bytes[end], to: key)
            end &+= 1
        }
        index = end
        guard end > start, end - start <= wordKeyLetters else { return nil }
        return dateWords.meaning(of: key)
    }

    mutating func parse() -> Bool {
        if DateByte.isLetter(current) {
            switch word() {
            case .month(let month)?:
                return parseMonthFirst(month: month)
            case .weekday?:
                let dot = take(DateByte.dot), comma = take(DateByte.comma), space = take(DateByte.space)   // "Thu., 12"
                guard dot || comma || space else { return false }
                if DateByte.isLetter(current) {
                    guard case .month(let month)? = word() else { return false }
                    return parseMonthFirst(month: month)
                }
            default:
                return false
            }
        }
        guard let first = number() else { return false }
        switch first.digits {
        case 1, 2: return parseDayFirst(day: first.value)
        case 4: return parseISO(year: first.value)   // also Perforce's "Fri, 2006/09/15 08:19:53 EDT"
        case 8: return parseBasic(date: first.value)
        case 14: return parseBasic(dateTime: first.value)
        default: return false
        }
    }

    /// RFC 822 "12 May 2022 19:26:42 +0800" and RFC 850 "12-May-22 19:26:42 GMT", after any weekday.
    mutating func parseDayFirst(day: Int) -> Bool {
        guard take(DateByte.space) || take(DateByte.minus), case .month(let month)? = word() else { return false }
        _ = take(DateByte.dot)
        _ = take(DateByte.comma)
        guard take(DateByte.space) || take(DateByte.minus), let written = number(), let year = fullYear(written) else {
            return false
        }
        (fields.year, fields.month, fields.day) = (year, month, day)
        return parseTimeAndZone(allowT: false, basic: false, glued: false)
    }

    /// asctime "May 12 19:26:42 2022", Unix date "May 12 19:26:42 CST 2022", and "May 12, 2022 7:26 PM".
    mutating func parseMonthFirst(month: Int) -> Bool {
        _ = take(DateByte.dot)
        guard take(DateByte.space), let day = number(), day.digits <= 2 else { return false }
        _ = take(DateByte.comma)
        guard take(DateByte.space), let next = number() else { return false }
        (fields.month, fields.day) = (month, day.value)
        if next.digits == 4 {   // "May 12, 2022" and what follows
            fields.year = next.value
            return parseTimeAndZone(allowT: false, basic: false, glued: false)
        }
        guard parseTime(hour: next, basic: false), take(DateByte.space) else { return false }
        if !DateByte.isDigit(current) {
            guard let offset = parseZone(), take(DateByte.space) else { return false }
            fields.offset = offset
        }
        guard let year = number(), year.digits == 4 else { return false }
        fields.year = year.value
        if !isAtEnd, fields.offset == nil {   // "Thu May 12 19:26:42 2022 +0800"
            guard take(DateByte.space), let offset = parseZone() else { return false }
            fields.offset = offset
        }
        return isAtEnd
    }

    /// W3DTF and ISO 8601 "2022-05-12T19:26:42Z", and the site forms "2022/5/2 9:05" and "2022年5月12日 19时26分".
    mutating func parseISO(year: Int) -> Bool {
        fields.year = year
        if isAtEnd { return true }   // "2022": its first midnight
        let separator = current
        switch separator {
        case DateByte.minus, DateByte.slash, DateByte.dot, DateByte.yearMark: break
        default: return false
        }
        index += 1
        guard let month = number() else { return false }
        if month.digits == 3, separator == DateByte.minus {   // ordinal "2022-132"
            guard let (monthOfYear, day) = monthAndDay(ordinal: month.value, year: year) else { return false }
            (fields.month, fields.day) = (monthOfYear, day)
            return parseTimeAndZone(allowT: true, basic: false, glued: false)
        }
        guard month.digits <= 2 else { return false }
        fields.month = month.value
        let chinese = separator == DateByte.yearMark
        if chinese { guard take(DateByte.monthMark) else { return false } }
        if isAtEnd { return true }   // "2022-05", "2022年5月"
        if !chinese { guard take(separator) else { return false } }
        guard let day = number(), day.digits <= 2 else { return false }
        fields.day = day.value
        if chinese { _ = take(DateByte.dayMark) }
        return parseTimeAndZone(allowT: !chinese, basic: false, glued: chinese)
    }

    /// ISO 8601 basic format "20220512", "20220512T1926Z", "20220512T192642.5+0800".
    mutating func parseBasic(date: Int) -> Bool {
        (fields.year, fields.month, fields.day) = (date / 10_000, date / 100 % 100, date % 100)
        return parseTimeAndZone(allowT: true, basic: true, glued: false)
    }

    /// "20220512192642", as some CMSs print a timestamp, with an optional zone.
    mutating func parseBasic(dateTime: Int) -> Bool {
        let date = dateTime / 1_000_000, time = dateTime % 1_000_000
        (fields.year, fields.month, fields.day) = (date / 10_000, date / 100 % 100, date % 100)
        (fields.hour, fields.minute, fields.second) = (time / 10_000, time / 100 % 100, time % 100)
        if isAtEnd { return true }
        _ = take(DateByte.space)
        guard let offset = parseZone() else { return false }
        fields.offset = offset
        return isAtEnd
    }

    /// After a date: the end, or a time (after "T", a space, or glued to 日), then an optional zone, then the end.
    mutating func parseTimeAndZone(allowT: Bool, basic: Bool, glued: Bool) -> Bool {
        if isAtEnd { return true }
        let tookT = allowT && DateByte.byte(current, isLetter: UInt8(ascii: "t"))
        if tookT { index += 1 }
        let tookSpace = !tookT && take(DateByte.space)
        if DateByte.isDigit(current) {
            guard tookT || tookSpace || glued, let hour = number(), parseTime(hour: hour, basic: basic) else {
                return false
            }
            if isAtEnd { return true }
            _ = take(DateByte.space)
        } else {
            guard tookSpace else { return false }   // a zone right after a date needs a space: "2022-05-12 +0800"
        }
        guard let offset = parseZone() else { return false }
        fields.offset = offset
        return isAtEnd
    }

    /// "19:26", "19:26:42.123", "7:26 pm", "19时26分", or in basic format "1926", "192642".
    mutating func parseTime(hour: DigitRun, basic: Bool) -> Bool {
        var hasSeconds = false
        if basic, hour.digits == 4 || hour.digits == 6 {
            let hhmmss = hour.digits == 4 ? hour.value * 100 : hour.value
            (fields.hour, fields.minute, fields.second) = (hhmmss / 10_000, hhmmss / 100 % 100, hhmmss % 100)
            hasSeconds = hour.digits == 6
        } else {
            guard hour.digits <= 2 else { return false }
            fields.hour = hour.value
            if take(DateByte.colon) {
                guard let minute = number(), minute.digits == 2 else { return false }
                fields.minute = minute.value
                if take(DateByte.colon) {
                    guard let second = number(), second.digits == 2 else { return false }
                    fields.second = second.value
                    hasSeconds = true
                }
            } else if take(DateByte.hourMark) {
                if let minute = number() {
                    guard minute.digits <= 2, take(DateByte.minuteMark) else { return false }
                    fields.minute = minute.value
                    if let second = number() {
                        guard second.digits <= 2, take(DateByte.secondMark) else { return false }
                        fields.second = second.value
                    }
                }
            } else {
                return false
            }
        }
        if hasSeconds, current == DateByte.dot || current == DateByte.comma, DateByte.isDigit(peek(1)) {
            index += 1
            guard let fraction = number() else { return false }
            var nanoseconds = 0
            for position in 0..<DateLimits.fractionDigits {
                let digit = position < fraction.digits ? Int(bytes[fraction.start + position] &- 0x30) : 0
                nanoseconds = nanoseconds * 10 + digit
            }
            fields.nanosecond = nanoseconds
        }
        return parseMeridiem()
    }

    /// An optional " am" / " pm" after a time, read without the word table since "pm" is no zone; false if
    /// the hour is not 1–12.
    mutating func parseMeridiem() -> Bool {
        let skip = current == DateByte.space ? 1 : 0
        let letter = peek(skip)
        let pm = DateByte.byte(letter, isLetter: UInt8(ascii: "p"))
        guard pm || DateByte.byte(letter, isLetter: UInt8(ascii: "a")),
              DateByte.byte(peek(skip + 1), isLetter: UInt8(ascii: "m")), !DateByte.isLetter(peek(skip + 2)) else {
            return true
        }
        index += skip + 2
        guard (1...12).contains(fields.hour) else { return false }
        fields.hour = fields.hour % 12 + (pm ? 12 : 0)
        return true
    }

    /// "Z", "+0800", "+08:00", "-05", "GMT", "GMT+8", "UTC+08:00", "EST": seconds east of UTC.
    mutating func parseZone() -> Int? {
        if current == DateByte.plus || current == DateByte.minus { return parseOffset() }
        switch word() {
        case .zone(let offset)?: return offset
        case .chinaOrCentral?: return chinaOrCentralOffset
        case .universal?: return current == DateByte.plus || current == DateByte.minus ? parseOffset() : 0
        default: return nil
        }
    }

    /// "+0800", "+08:00", "+8", "-05", and a zone name after it, which the number overrides: date(1)'s
    /// "%z %Z" writes "+0800 CST", where CST is China's, not the US Central of a bare "CST".
    mutating func parseOffset() -> Int? {
        guard let offset = parseNumericOffset() else { return nil }
        if current == DateByte.space, DateByte.isLetter(peek(1)) {
            let beforeName = index
            index += 1
            switch word() {
            case .zone?, .universal?, .chinaOrCentral?: break
            default: index = beforeName
            }
        }
        return offset
    }

    mutating func parseNumericOffset() -> Int? {
        let sign = current == DateByte.minus ? -1 : 1
        index += 1
        guard let written = number() else { return nil }
        var hours = 0, minutes = 0
        switch written.digits {
        case 1, 2:
            hours = written.value
            if take(DateByte.colon) {
                guard let minute = number(), minute.digits == 2 else { return nil }
                minutes = minute.value
            }
        case 4:
            (hours, minutes) = (written.value / 100, written.value % 100)
        default:
            return nil
        }
        let seconds = hours * 3_600 + minutes * 60
        guard minutes < 60, seconds <= DateLimits.maxOffset else { return nil }
        return sign * seconds
    }
}
