import Foundation
import GazetteModel

/// The ICU transform that spells Han as pinyin and then everything as lowercase ASCII (design.md).
private let pinyinTransform = StringTransform("Han-Latin; Latin-ASCII; Lower")

/// The longest category slug: it names files (`category/SLUG.html`, `feeds/SLUG.xml`), whose names
/// file systems cap at 255 bytes, and URLs people read.
public let maxCategoryLength = 100

/// The default category of a feed: its title in pinyin/latin, lowercase, with only `a-z` and `0-9` kept
/// (`每日经济新闻` → `meirijingjixinwen`, `Hacker News` → `hackernews`), at most `maxCategoryLength`
/// characters. A title with no letter or digit that transliterates (`🔥🔥`) gets a short stable hash of
/// itself instead, the same on every run and machine.
///
/// Words ICU reads wrong are read right (`withPinyinReadings`: 中国银行 → `zhongguoyinhang`, not
/// `…yinxing`). This is what `subscribe` and `opml import` write into feeds.yml; a feed written without
/// `category:` keeps `defaultCategorySlug(for:)`, so that its URLs never change with an upgrade.
public func categorySlug(for title: String) -> String {
    slug(forTitle: title, readings: true)
}

/// The category of a feed whose feeds.yml entry has no `category:`: `categorySlug(for:)` as it was
/// before its word readings, ICU's character-by-character pinyin. Frozen: changing it would move every
/// such feed's category, its pages and its Atom file.
public func defaultCategorySlug(for title: String) -> String {
    slug(forTitle: title, readings: false)
}

private func slug(forTitle title: String, readings: Bool) -> String {
    // ICU is costly per call (a transliterator is built each time): ASCII titles do without it.
    let latin = title.utf8.allSatisfy({ $0 < 0x80 }) ? title.lowercased()
        : (readings ? withPinyinReadings(title) : title).applyingTransform(pinyinTransform, reverse: false) ?? title.lowercased()
    let slug = String(latin.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.prefix(maxCategoryLength))
    if slug.isEmpty { return stableHash(of: title) }
    return reservedCategories.contains(slug) ? slug + "-2" : slug
}

/// Names no category may have: `feeds/all.xml` is the whole site's Atom feed, and a category `all`
/// wrote its own over it (and its page linked to the site's feed).
public let reservedCategories: Set<String> = ["all"]

/// Whether `text` may be a category as written: `a-z`, `0-9`, `-`, `_`, starting with a letter or
/// digit, at most `maxCategoryLength` long. Such a name cannot leave `output/` (no `/`, no `..`).
public func isValidCategory(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= maxCategoryLength,
          first != "-", first != "_" else { return false }
    return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
}

/// FNV-1a (32 bits) of the UTF-8 bytes, as 8 lowercase hex digits: stable across runs, unlike `Hasher`.
func stableHash(of text: String) -> String {
    var hash: UInt32 = 0x811C_9DC5
    for byte in text.utf8 {
        hash = (hash ^ UInt32(byte)) &* 0x0100_0193
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 8 - hex.count) + hex
}
