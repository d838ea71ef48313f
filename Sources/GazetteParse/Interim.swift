// TEMPORARY: replaced by Dates.swift, Charset.swift, Sanitizer.swift as they land.
public import Foundation
internal import CLibXML2
func sanitizeHTML(_ html: String, base: String?) -> String { html }
func plainText(fromHTML html: String) -> String { html }
func resolveURL(_ href: String, base: String?) -> String { href }
func escapeHTML(_ text: String) -> String { text }
