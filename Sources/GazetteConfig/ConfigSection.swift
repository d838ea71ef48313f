import GazetteModel
import Yams

/// Plain scalars YAML reads as null (YAML 1.1 and 1.2 core schema): `key:` with nothing after it, `~`, `null`.
private let nullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]

/// One mapping of feeds.yml (the top level, `site`, `footer`, `defaults`, a feed), read key by key.
/// Creating it refuses keys it does not know; each accessor refuses a value of the wrong kind. Every
/// error names the position of the key or value at fault.
struct ConfigSection {
    /// What the mapping is, for messages: `site`, `feed`, `defaults`.
    let name: String
    /// Where the mapping starts (its first key, or `{`).
    let position: FilePosition
    /// feeds.yml as the user named it.
    let file: String
    private let entries: [String: (value: Node, keyAt: FilePosition)]

    /// Reads `node` as the mapping called `name`.
    /// - Throws: `wrongType` when `node` is not a mapping; `unknownKey` for the first key (in file
    ///   order) not in `known`.
    init(_ node: Node, name: String, known: [String], file: String) throws(ConfigError) {
        guard case let .mapping(mapping) = node else {
            throw .wrongType(key: name, expected: "a mapping", found: describeKind(of: node), at: filePosition(of: node, in: file))
        }
        var entries: [String: (value: Node, keyAt: FilePosition)] = [:]
        for (keyNode, value) in mapping {
            let keyAt = filePosition(of: keyNode, in: file)
            guard let key = keyNode.scalar?.string, known.contains(key) else {
                let key = keyNode.scalar?.string ?? describeKind(of: keyNode)
                throw .unknownKey(key, at: keyAt, known: known, suggestion: nearest(to: key, among: known))
            }
            entries[key] = (value, keyAt)
        }
        (self.name, self.position, self.file, self.entries) = (name, filePosition(of: node, in: file), file, entries)
    }

    /// The value of `key`; nil when the key is absent or its value is null (`key:` with nothing after it).
    func value(_ key: String) -> Node? {
        guard let value = entries[key]?.value, !isNull(value) else { return nil }
        return value
    }

    /// Where the value of `key` is, else where the key is; nil when the key is absent.
    func position(of key: String) -> FilePosition? {
        guard let entry = entries[key] else { return nil }
        return entry.value.mark == nil ? entry.keyAt : filePosition(of: entry.value, in: file)
    }

    /// Where the key itself is written; nil when it is absent.
    func keyPosition(of key: String) -> FilePosition? { entries[key]?.keyAt }

    /// The text of `key`; nil when absent or null.
    /// - Throws: `wrongType` for a list or a mapping.
    func text(_ key: String) throws(ConfigError) -> String? {
        guard let node = value(key) else { return nil }
        guard case let .scalar(scalar) = node else {
            throw .wrongType(key: key, expected: "text", found: describeKind(of: node), at: filePosition(of: node, in: file))
        }
        return scalar.string
    }

    /// The text of `key`, which must not be empty; nil when absent or null.
    /// - Throws: `wrongType`; `emptyValue` for `""` or blanks.
    func nonEmptyText(_ key: String) throws(ConfigError) -> String? {
        guard let text = try text(key) else { return nil }
        guard text.contains(where: { !$0.isWhitespace }) else { throw .emptyValue(key: key, at: position(of: key) ?? position) }
        return text
    }

    /// The text of `key`, which must be there and not be empty.
    /// - Throws: `missingKey` when absent; `emptyValue` when null or blank; `wrongType`.
    func requiredText(_ key: String) throws(ConfigError) -> String {
        guard let keyAt = keyPosition(of: key) else { throw .missingKey(key, in: name, at: position) }
        // `url:` with nothing after it: libyaml puts the empty value past the colon; the key is what to point at.
        guard let text = try nonEmptyText(key) else { throw .emptyValue(key: key, at: keyAt) }
        return text
    }

    /// The texts of the list `key`, in order; nil when absent or null.
    /// - Throws: `wrongType` when the value is not a list or an item is not text; `emptyValue` for an empty item.
    func list(_ key: String) throws(ConfigError) -> [String]? {
        guard let node = value(key) else { return nil }
        guard case let .sequence(sequence) = node else {
            throw .wrongType(key: key, expected: "a list", found: describeKind(of: node), at: filePosition(of: node, in: file))
        }
        var items: [String] = []
        for item in sequence {
            let at = filePosition(of: item, in: file)
            guard case let .scalar(scalar) = item else {
                throw .wrongType(key: key, expected: "text", found: describeKind(of: item), at: at)
            }
            guard !isNull(item), scalar.string.contains(where: { !$0.isWhitespace }) else { throw .emptyValue(key: key, at: at) }
            items.append(scalar.string)
        }
        return items
    }

    /// The items of the list `key` as YAML nodes; nil when absent or null.
    /// - Throws: `wrongType` when the value is not a list.
    func nodes(_ key: String) throws(ConfigError) -> [Node]? {
        guard let node = value(key) else { return nil }
        guard case let .sequence(sequence) = node else {
            throw .wrongType(key: key, expected: "a list", found: describeKind(of: node), at: filePosition(of: node, in: file))
        }
        return Array(sequence)
    }

    /// The mapping `key` as a section knowing `known` keys; nil when absent or null.
    /// - Throws: `wrongType` when the value is not a mapping; `unknownKey` for a key not in `known`.
    func section(_ key: String, known: [String]) throws(ConfigError) -> ConfigSection? {
        guard let node = value(key) else { return nil }
        return try ConfigSection(node, name: key, known: known, file: file)
    }

    /// The duration `key` in seconds (`30m`, `1h30m`); nil when absent or null.
    /// - Throws: `badDuration`; `notPositive` for zero unless `zeroAllowed`; `wrongType`.
    func duration(_ key: String, zeroAllowed: Bool = false) throws(ConfigError) -> Double? {
        guard let text = try text(key), let at = position(of: key) else { return nil }
        guard let seconds = parseDuration(text) else { throw .badDuration(key: key, text: text, at: at) }
        guard seconds > 0 || zeroAllowed else { throw .notPositive(key: key, text: text, at: at) }
        return seconds
    }

    /// The size `key` in bytes (`10MB`, `1048576`); nil when absent or null.
    /// - Throws: `badSize`; `notPositive` for zero unless `zeroAllowed`; `wrongType`.
    func size(_ key: String, zeroAllowed: Bool = false) throws(ConfigError) -> Int? {
        guard let text = try text(key), let at = position(of: key) else { return nil }
        guard let bytes = parseByteCount(text) else { throw .badSize(key: key, text: text, at: at) }
        guard bytes > 0 || zeroAllowed else { throw .notPositive(key: key, text: text, at: at) }
        return bytes
    }

    /// The whole number `key`, more than zero; nil when absent or null.
    /// - Throws: `badInteger`; `notPositive`; `wrongType`.
    func positiveInteger(_ key: String) throws(ConfigError) -> Int? {
        guard let text = try text(key), let at = position(of: key) else { return nil }
        guard let number = parseWholeNumber(text[...]) else { throw .badInteger(key: key, text: text, at: at) }
        guard number > 0 else { throw .notPositive(key: key, text: text, at: at) }
        return number
    }
}

/// Where `node` starts in `file`. Nodes from `Yams.compose` always carry a mark; 1:1 stands in otherwise.
func filePosition(of node: Node, in file: String) -> FilePosition {
    let mark = node.mark
    return FilePosition(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
}

/// The kind of a YAML value, as messages name it.
func describeKind(of node: Node) -> String {
    switch node {
    case .scalar: "text"
    case .sequence: "a list"
    case .mapping: "a mapping"
    case .alias: "an alias"
    }
}

/// Whether `node` is YAML's null: only a plain scalar can be (`"~"` quoted is the text `~`).
func isNull(_ node: Node) -> Bool {
    guard case let .scalar(scalar) = node else { return false }
    return scalar.style == .plain && nullSpellings.contains(scalar.string)
}
