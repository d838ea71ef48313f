import Foundation
public import GazetteModel
import Yams

/// feeds.yml → `SiteConfig`: reads the YAML with every key's file:line:column kept, refuses the first
/// mistake with a `ConfigError` that names its place and its fix, and applies design.md's defaults.
/// Pure apart from reading the file: nothing is fetched, created or written.
public enum ConfigLoader {
    /// Keys of the top level of feeds.yml.
    static let rootKeys = ["site", "defaults", "feeds", "max_in_flight", "max_per_host"]

    /// Reads and checks the feeds.yml at `path`. Relative paths in it (`site.output`, a feed `url` that
    /// is a file) resolve against the file's folder; messages name the file as `path` gives it.
    /// - Throws: `ConfigError.unreadable` or `.notUTF8` when the file cannot be read as text, and any
    ///   other `ConfigError` that `parse(text:file:)` throws.
    public static func load(path: String) throws(ConfigError) -> SiteConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path, isDirectory: false))
        } catch {
            throw .unreadable(file: path, cause: readFailure(error, path: path))
        }
        guard var text = String(data: data, encoding: .utf8) else { throw ConfigError.notUTF8(in: data, file: path) }
        // Editors on Windows save UTF-8 with a byte-order mark; libyaml, told the encoding, takes it for text.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(text: text, file: path)
    }

    /// Checks feeds.yml's text as if it were read from `file`, which names it in messages and whose
    /// folder (from the working directory when relative) relative paths resolve against.
    /// - Throws: `ConfigError`, for the first mistake in the text.
    public static func parse(text: String, file: String = "feeds.yml") throws(ConfigError) -> SiteConfig {
        let fileURL = URL(fileURLWithPath: file, isDirectory: false).absoluteURL.standardizedFileURL
        let folder = fileURL.deletingLastPathComponent()
        let start = FilePosition(file: file, line: 1, column: 1)
        guard let root = try compose(text, file: file) else { throw .missingKey("site", in: "feeds.yml", at: start) }
        let top = try ConfigSection(root, name: "feeds.yml", known: rootKeys, file: file)

        guard let siteNode = top.value("site") else {
            throw .missingKey("site", in: "feeds.yml", at: top.keyPosition(of: "site") ?? top.position)
        }
        let site = try readSite(ConfigSection(siteNode, name: "site", known: siteKeys, file: file), folder: folder)
        let defaultsSection = try top.section("defaults", known: defaultsKeys)
        let defaults = try readFetchPolicy(defaultsSection, over: .standard)
        let concurrency = try readConcurrency(top: top, defaults: defaultsSection)
        let feeds = try readFeeds(top, defaults: defaults, folder: folder)
        return SiteConfig(file: fileURL, site: site, defaults: defaults, concurrency: concurrency, feeds: feeds)
    }

    /// Yams' node tree of the text, every node with its mark; nil for a document with no content.
    static func compose(_ text: String, file: String) throws(ConfigError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw configError(from: error, text: text, file: file)
        } catch {
            throw .syntax(problem: "\(error)", at: FilePosition(file: file, line: 1, column: 1))
        }
    }

    /// libyaml's error as ours, at libyaml's position (its marks are 1-based, columns in Unicode scalars).
    private static func configError(from error: YamlError, text: String, file: String) -> ConfigError {
        func at(_ mark: Mark) -> FilePosition { FilePosition(file: file, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // `Yams.compose` reads one document; its complaint about a second one is worded for Yams' callers.
            if problem == "but found another document" { return .syntax(problem: "a second document starts here", at: at(mark)) }
            // libyaml's context says what it was in the middle of and where that began, e.g.
            // "while scanning a quoted scalar" at the opening quote.
            let during = context.map { " (\($0.text) that starts at line \($0.mark.line))" } ?? ""
            return .syntax(problem: problem + during, at: at(mark))
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams marks the key's first occurrence; the one to remove is usually the later one.
            let key = duplicates.first ?? "?"
            guard let again = repeatedKey(key, after: context.mark, in: text, file: file) else {
                return .duplicateKey(key, at: at(context.mark), first: nil)
            }
            return .duplicateKey(key, at: again, first: at(context.mark))
        case let .reader(problem, offset, _, _):
            return .syntax(problem: problem, at: position(ofCharacter: offset ?? 0, in: text, file: file))
        default:
            return .syntax(problem: "\(error)", at: FilePosition(file: file, line: 1, column: 1))
        }
    }

    /// Where `key` occurs again in the block mapping whose `key` is at `first`: the next line that has
    /// `key:` (plain or quoted) at the same column before a line less indented ends the mapping. Nil
    /// when there is none, as in a flow mapping (`{a: 1, a: 2}`).
    private static func repeatedKey(_ key: String, after first: Mark, in text: String, file: String) -> FilePosition? {
        let column = first.column - 1
        guard column >= 0 else { return nil }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard first.line >= 1, first.line < lines.count else { return nil }
        let spellings = [key, "\"\(key)\"", "'\(key)'"]
        for index in first.line..<lines.count {
            let line = lines[index].unicodeScalars
            let indent = line.prefix { $0 == " " }.count
            guard indent < line.count, line[line.index(line.startIndex, offsetBy: indent)] != "#" else { continue }
            if indent < column { return nil }
            guard indent == column else { continue }
            let rest = Substring(line.dropFirst(column))
            for spelling in spellings where rest.hasPrefix(spelling) {
                if rest.dropFirst(spelling.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(":") {
                    return FilePosition(file: file, line: index + 1, column: column + 1)
                }
            }
        }
        return nil
    }

    /// The line and column (1-based, in Unicode scalars) of the `offset`th character of `text`.
    private static func position(ofCharacter offset: Int, in text: String, file: String) -> FilePosition {
        let before = text.prefix(offset)
        let line = before.count(where: { $0 == "\n" || $0 == "\r\n" }) + 1
        let lineStart = before.lastIndex(where: { $0 == "\n" || $0 == "\r\n" }).map { before.index(after: $0) } ?? before.startIndex
        return FilePosition(file: file, line: line, column: before[lineStart...].unicodeScalars.count + 1)
    }

    /// The reason reading `path` failed, in a few words.
    static func readFailure(_ error: any Error, path: String) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return "it is a folder" }
        return switch (error as? CocoaError)?.code {
        case .fileReadNoSuchFile?: "no such file"
        case .fileReadNoPermission?: "permission denied"
        default: (error as NSError).localizedDescription
        }
    }
}
