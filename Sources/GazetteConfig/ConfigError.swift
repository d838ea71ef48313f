public import GazetteModel
import Foundation

/// Why feeds.yml was refused. While one stands, nothing is fetched or written.
///
/// Each message says where (`feeds.yml:LINE:COLUMN`, the key), what is wrong, and what to do:
/// `feeds.yml:14:5: unknown key 'intreval'; did you mean 'interval'? expected one of: interval, …`.
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read; `cause` is the system's reason (no such file, a folder, permission).
    case unreadable(file: String, cause: String)
    /// The file's bytes are not UTF-8; `at` is where the first byte that is not starts (`notUTF8(in:)`).
    case notUTF8(file: String, at: FilePosition? = nil)
    /// The YAML itself is malformed; `problem` is libyaml's account of it.
    case syntax(problem: String, at: FilePosition)
    /// A mapping names the same key twice.
    /// `at` is the key's second occurrence when it could be found in the text (block mappings),
    /// else its first; `first` is then the first occurrence.
    case duplicateKey(String, at: FilePosition, first: FilePosition?)
    /// A key Gazette does not know in this place; `suggestion` is the known key nearest in spelling,
    /// when one is near.
    case unknownKey(String, at: FilePosition, known: [String], suggestion: String?)
    /// A required key is absent from `section` (`site`, `feed`, `feeds.yml`), which starts at `at`.
    case missingKey(String, in: String, at: FilePosition)
    /// The value is of another kind than the key takes; `expected` and `found` are `text`, `a list`,
    /// `a mapping`.
    case wrongType(key: String, expected: String, found: String, at: FilePosition)
    /// The key is there but its text is empty, and the key needs some.
    case emptyValue(key: String, at: FilePosition)
    /// Not a duration (`45s`, `30m`, `2h`, `1d`, `1h30m`).
    case badDuration(key: String, text: String, at: FilePosition)
    /// Not a size (bytes as digits, or `512KB`, `10MB`, `1GB`).
    case badSize(key: String, text: String, at: FilePosition)
    /// Not a whole number.
    case badInteger(key: String, text: String, at: FilePosition)
    /// A zero where the key needs more (a timeout of 0 would mean none at all to libcurl).
    case notPositive(key: String, text: String, at: FilePosition)
    /// Neither an IANA zone name nor a fixed offset; `suggestion` is a known zone spelt alike.
    case badTimeZone(String, at: FilePosition, suggestion: String?)
    /// `site.url` is not an absolute http(s) URL.
    case badSiteURL(String, at: FilePosition)
    /// A feed `url` with a scheme other than http, https or file, or an http(s) URL with no host.
    case badFeedURL(String, at: FilePosition)
    /// A feed `url` holding a control character (a line break or tab written inside quotes): no
    /// address or file name a feed is read from has one, and warnings naming it broke into two lines.
    case controlCharacterInURL(String, at: FilePosition)
    /// A feed `url` like `example.com/rss.xml`: a web address without `https://`, which would
    /// otherwise be taken for a local path.
    case urlWithoutScheme(String, at: FilePosition)
    /// Two feeds with the same url (the same file, once paths are resolved); `first` is the earlier one.
    case duplicateURL(String, at: FilePosition, first: FilePosition)
    /// A `category` that is not a safe slug; `suggestion` is one that is.
    case badCategory(String, at: FilePosition, suggestion: String)
    /// A category named as one of Gazette's own files (`all`: `feeds/all.xml` is the whole site's feed).
    case reservedCategory(String, at: FilePosition)
    /// Two feeds share a category but give it different titles; one page cannot carry both.
    case categoryTitleConflict(category: String, title: String, at: FilePosition, otherTitle: String, otherAt: FilePosition)
    /// A key that may be written in two places (top level or `defaults:`) is written in both.
    case conflictingKey(String, at: FilePosition, other: FilePosition)
    /// `FeedsFile` cannot add or remove a feed here without rewriting more than the entry (a flow-style
    /// `feeds: [{…}]`, say); `fix` says how to rewrite the file so it can.
    case cannotEdit(reason: String, fix: String, at: FilePosition)
    /// The edited text would be refused with `cause` (whose line numbers count the edited text), so the
    /// edit was not made.
    indirect case editInvalid(file: String, cause: ConfigError)
    /// `FeedsFile.removing(feedAt:from:file:)` was given an index outside `feeds:`, which holds `count`.
    case noSuchFeed(index: Int, count: Int, file: String)
    /// The file could not be written; `cause` is the system's reason. The old file stands unchanged.
    case unwritable(file: String, cause: String)

    /// `notUTF8` for `data`, at the line and column (in characters) where its first invalid byte is.
    static func notUTF8(in data: Data, file: String) -> ConfigError {
        let bytes = [UInt8](data)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var (line, column) = (1, 1)
        while case let .valid(encoded) = parser.parseScalar(from: &iterator) {
            if encoded.count == 1, encoded.first == 0x0A { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        return .notUTF8(file: file, at: FilePosition(file: file, line: line, column: column))
    }

    /// Where the mistake is, when it is in the file's text.
    public var position: FilePosition? {
        switch self {
        case .unreadable, .notUTF8, .editInvalid, .noSuchFeed, .unwritable:
            nil
        case let .syntax(_, at), let .duplicateKey(_, at, _), let .unknownKey(_, at, _, _), let .missingKey(_, _, at),
             let .wrongType(_, _, _, at), let .emptyValue(_, at), let .badDuration(_, _, at), let .badSize(_, _, at),
             let .badInteger(_, _, at), let .notPositive(_, _, at), let .badTimeZone(_, at, _), let .badSiteURL(_, at),
             let .badFeedURL(_, at), let .controlCharacterInURL(_, at), let .urlWithoutScheme(_, at), let .duplicateURL(_, at, _), let .badCategory(_, at, _), let .reservedCategory(_, at),
             let .categoryTitleConflict(_, _, at, _, _), let .conflictingKey(_, at, _), let .cannotEdit(_, _, at):
            at
        }
    }

    /// The message for the user: `FILE:LINE:COLUMN: what is wrong; what to do`.
    public var description: String {
        switch self {
        case let .unreadable(file, cause):
            cause == "no such file" ? "\(file): cannot read it (no such file); check the path, or start a new site with 'gazette init'"
                : "\(file): cannot read it (\(cause)); check the path"
        case let .notUTF8(file, at):
            "\(at.map { "\($0)" } ?? file): not UTF-8 text; save it as UTF-8 (a GBK or Big5 file: iconv -f GBK -t UTF-8)"
        case let .syntax(problem, at):
            "\(at): YAML syntax error: \(problem); \(Self.fix(forSyntaxProblem: problem))"
        case let .duplicateKey(key, at, first?):
            "\(at): key '\(key)' appears a second time in this mapping (first at line \(first.line)); keep one of them"
        case let .duplicateKey(key, at, nil):
            "\(at): key '\(key)' appears more than once in this mapping; keep one of them"
        case let .unknownKey(key, at, known, suggestion):
            "\(at): unknown key '\(key)'; " + (suggestion.map { "did you mean '\($0)'? " } ?? "")
                + "expected one of: \(known.joined(separator: ", "))"
        case let .missingKey(key, section, at):
            "\(at): \(section) has no '\(key)'; add \(Self.example(ofMissing: key, in: section))"
        case let .wrongType(key, expected, found, at):
            "\(at): '\(key)' should be \(expected), not \(found); \(Self.fix(forExpected: expected, key: key))"
        case let .emptyValue(key, at):
            "\(at): '\(key)' is empty; give it a value"
        case let .badDuration(key, text, at):
            "\(at): '\(key)' is not a duration: '\(text)'; write a number and a unit, like 45s, 30m, 2h, 1d or 1h30m"
                + (Self.isDigits(text) ? " ('\(text)s' for seconds)" : "")
        case let .badSize(key, text, at):
            "\(at): '\(key)' is not a size: '\(text)'; write bytes as digits, or a number and a unit, like 512KB, 10MB or 1GB"
        case let .badInteger(key, text, at):
            "\(at): '\(key)' is not a whole number: '\(text)'; write digits, like 50"
        case let .notPositive(key, text, at):
            "\(at): '\(key)' must be more than zero, not '\(text)'; raise it, or remove it to take the default"
        case let .badTimeZone(text, at, suggestion):
            "\(at): unknown time zone '\(text)'; " + (suggestion.map { "did you mean '\($0)'? " } ?? "")
                + "write an IANA zone name like Asia/Shanghai, or a fixed offset like +08:00"
        case let .badSiteURL(text, at):
            "\(at): site url '\(text)' is not an absolute http(s) URL; write it in full, like https://news.example.com"
        case let .badFeedURL(text, at):
            "\(at): feed url '\(text)' is neither an http(s) URL nor a file path; "
                + "write https://… or a path relative to feeds.yml"
        case let .controlCharacterInURL(text, at):
            "\(at): feed url \(String(reflecting: text)) holds a control character (a line break or tab inside quotes?); "
                + "write the url on one line, without them"
        case let .urlWithoutScheme(text, at):
            "\(at): feed url '\(text)' looks like a web address without its scheme; "
                + "write https://\(text) (or ./\(text) if it is a local file)"
        case let .duplicateURL(text, at, first):
            "\(at): duplicate url '\(text)': the feed at line \(first.line) has it too; remove one of the two"
        case let .badCategory(text, at, suggestion):
            "\(at): category '\(text)' may hold only a-z, 0-9, '-' and '_' and must start with a letter or digit; "
                + "write, say, '\(suggestion)'"
        case let .reservedCategory(text, at):
            "\(at): category '\(text)' is taken: feeds/\(text).xml is the whole site's Atom feed; write, say, '\(text)-2'"
        case let .categoryTitleConflict(category, title, at, otherTitle, otherAt):
            "\(at): category '\(shortened(category))' is titled '\(shortened(title))' here but '\(shortened(otherTitle))' at line \(otherAt.line); "
                + "give both feeds the same category_title, or this one another category (category: …)"
        case let .conflictingKey(key, at, other):
            "\(at): '\(key)' is set both here and at line \(other.line); keep one of them"
        case let .cannotEdit(reason, fix, at):
            "\(at): cannot add or remove a feed here: \(reason); \(fix)"
        case let .editInvalid(file, cause):
            "\(file): left unchanged: after this edit it would be refused with \"\(cause)\" "
                + "(line numbers there count the edited text); change what is being added, or fix the file first"
        case let .noSuchFeed(index, count, file):
            "\(file): no feed at index \(index) to remove: 'feeds:' holds " + (count == 1 ? "1 feed" : "\(count) feeds")
                + "; the file was left unchanged; read it again and pick a feed from what it holds now"
        case let .unwritable(file, cause):
            "\(file): cannot write it (\(cause)); the old file is unchanged; "
                + "check that its folder exists and is writable and that the disk has room"
        }
    }

    private static func example(ofMissing key: String, in section: String) -> String {
        switch (section, key) {
        case ("feed", "url"): "url: with the feed's address (https://…, or a file path relative to feeds.yml)"
        case ("feed", "title"): "title: with the feed's name"
        case ("site", "url"): "url: with the site's address, like https://news.example.com"
        case ("site", "title"): "title: with the site's name"
        case (_, "site"): "a site: section with at least title: and url:"
        default: "\(key):"
        }
    }

    /// What usually causes libyaml's `problem`, and so what to do.
    private static func fix(forSyntaxProblem problem: String) -> String {
        if problem.contains("cannot start any token") {
            "indent with spaces, not tabs, and quote a value that starts with @, ` or %"
        } else if problem.contains("another document") {
            "feeds.yml holds one document: remove this '---' line and merge what follows into the first"
        } else if problem.contains("undefined alias") {
            "define the anchor (&name) before its first use (*name)"
        } else {
            "check the indentation, and quote a value that holds ': ' or ' #'"
        }
    }

    private static func fix(forExpected expected: String, key: String) -> String {
        switch expected {
        case "a list": "write it as \(key): [a, b], or one '- item' per line"
        case "a mapping" where key == "feed": "write each feed as '- title: …' with 'url: …' under it"
        case "a mapping" where key == "feeds.yml": "start it with 'site:', then 'defaults:' and 'feeds:'"
        case "a mapping": "indent its keys under '\(key):'"
        default: "write one value after '\(key):' (quote it if it starts with [ or {)"
        }
    }

    private static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// `text` cut to 60 characters with "…" for a message (feed titles of thousands of characters made
/// error lines of several KB).
private func shortened(_ text: String) -> String {
    text.count > 60 ? String(text.prefix(60)) + "…" : text
}
