// TEMPORARY: replaced by Dates.swift, Charset.swift, Sanitizer.swift as they land.
public import Foundation
internal import CLibXML2
struct DecodedBytes { var utf8: [UInt8]; var encoding: String; var mislabel: String? }
func decodeFeedBytes(_ bytes: [UInt8], httpCharset: String?) -> DecodedBytes { DecodedBytes(utf8: bytes, encoding: "utf-8", mislabel: nil) }
public func parseFeedDate(_ text: String, defaultTimeZone: TimeZone) -> Date? { ISO8601DateFormatter().date(from: text) }
func sanitizeHTML(_ html: String, base: String?) -> String { html }
func plainText(fromHTML html: String) -> String { html }
func resolveURL(_ href: String, base: String?) -> String { href }
func escapeHTML(_ text: String) -> String { text }
