import GazetteConfig
import GazetteModel
import Testing

/// What `edited` holds in place of nothing at byte `offset` of `original`; nil unless every byte of
/// `original` before `offset` starts `edited` and every byte after it ends `edited`, unchanged.
func insertion(in edited: String, into original: String, at offset: Int) -> String? {
    let old = Array(original.utf8), new = Array(edited.utf8)
    guard offset <= old.count, new.count >= old.count, new.starts(with: old[..<offset]),
          new.suffix(old.count - offset).elementsEqual(old[offset...]) else { return nil }
    return String(decoding: new[offset..<(new.count - (old.count - offset))], as: UTF8.self)
}

/// `insertion(in:into:at:)` at the end of the last `marker` in `original`.
func insertion(in edited: String, into original: String, after marker: String) -> String? {
    guard let range = lastRange(of: marker, in: original) else { return nil }
    return insertion(in: edited, into: original, at: range.upperBound)
}

/// `insertion(in:into:at:)` at the start of the first `marker` in `original`.
func insertion(in edited: String, into original: String, before marker: String) -> String? {
    let old = Array(original.utf8), needle = Array(marker.utf8)
    guard let start = old.indices.first(where: { old[$0...].starts(with: needle) }) else { return nil }
    return insertion(in: edited, into: original, at: start)
}

/// The byte range of the last `marker` in `text`.
private func lastRange(of marker: String, in text: String) -> Range<Int>? {
    let bytes = Array(text.utf8), needle = Array(marker.utf8)
    guard let start = bytes.indices.reversed().first(where: { bytes[$0...].starts(with: needle) }) else { return nil }
    return start..<(start + needle.count)
}

/// The UTF-8 bytes of `text`: Swift compares strings by canonical equivalence, the tests by bytes.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The feeds `text` configures (a byte-order mark skipped, as `ConfigLoader.load` skips it).
func feeds(of text: String, file: String = "feeds.yml") throws -> [FeedConfig] {
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    return try ConfigLoader.parse(text: body, file: file).feeds
}

/// Whether the loader read `entry` as `feed`: title and url, and category, category title and tags
/// where the entry gives them.
func feed(_ feed: FeedConfig, reads entry: NewFeedEntry) -> Bool {
    feed.title == entry.title && feed.url == entry.url && feed.category == (entry.category ?? feed.category)
        && feed.categoryTitle == (entry.categoryTitle ?? feed.categoryTitle) && feed.tags == (entry.tags ?? feed.tags)
}

/// The `ConfigError` `body` throws, nil when it throws none (or another error).
func configError(_ body: () throws -> Void) -> ConfigError? {
    do {
        try body()
        return nil
    } catch {
        return error as? ConfigError
    }
}
