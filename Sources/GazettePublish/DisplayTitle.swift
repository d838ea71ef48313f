public import GazetteModel

/// The title a post and its Atom entry show: the entry's own, else (empty or only white space) the
/// start of its text, else its link, else "(untitled)". An empty title gave `<h1></h1>` pages, empty
/// `<title>`s in feed readers, and a slug spelled from the link.
public func displayTitle(of entry: Entry) -> String {
    if let title = entry.title, title.contains(where: { !$0.isWhitespace }) { return title }
    for html in [entry.content, entry.summary].compactMap({ $0 }) {
        let text = plainTextStart(of: html, characters: untitledPreviewLength)
        if !text.isEmpty { return text }
    }
    if let link = entry.link, !link.isEmpty { return link }
    return "(untitled)"
}

/// Characters of body text an untitled item's title takes (an ellipsis follows when it is cut).
let untitledPreviewLength = 40

/// The first `characters` characters of the text of sanitized `html`: tags dropped, the entities the
/// sanitizer writes decoded, white space collapsed; "…" when cut.
func plainTextStart(of html: String, characters: Int) -> String {
    var text = ""
    var count = 0
    var tag: String?
    var pendingSpace = false
    var entity: String?
    func emit(_ character: Character) {
        if character.isWhitespace { pendingSpace = !text.isEmpty; return }
        if pendingSpace { text.append(" "); count += 1; pendingSpace = false }
        text.append(character)
        count += 1
    }
    for character in html {
        if count >= characters { return text + "…" }
        if let open = tag {
            if character == ">" {
                tag = nil
                // A block ends a word; an inline element (`<b>`) does not.
                let name = open.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if blockElements.contains(name) { pendingSpace = pendingSpace || !text.isEmpty }
            } else if open.count < 16 {
                tag = open + String(character)
            }
            continue
        }
        if var name = entity {
            if character == ";" {
                entity = nil
                emit(decodedEntity(name) ?? "\u{FFFD}")
            } else if name.count < 10 {
                name.append(character)
                entity = name
            } else {
                entity = nil
            }
            continue
        }
        switch character {
        case "<": tag = ""
        case "&": entity = ""
        default: emit(character)
        }
    }
    return text
}

private let blockElements: Set<String> = [
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "pre",
    "hr", "figure", "figcaption", "table", "section", "article", "dd", "dt",
]

private func decodedEntity(_ name: String) -> Character? {
    switch name {
    case "amp": return "&"
    case "lt": return "<"
    case "gt": return ">"
    case "quot": return "\""
    case "apos", "#39": return "'"
    case "nbsp": return " "
    default:
        if name.hasPrefix("#x") || name.hasPrefix("#X"), let value = UInt32(name.dropFirst(2), radix: 16),
           let scalar = Unicode.Scalar(value) { return Character(scalar) }
        if name.hasPrefix("#"), let value = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(value) { return Character(scalar) }
        return nil
    }
}
