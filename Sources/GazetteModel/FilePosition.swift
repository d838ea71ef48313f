/// A place in a text file as editors and compilers name it: `feeds.yml:14:5`.
public struct FilePosition: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (the path given on the command line, not made absolute),
    /// so messages point where the user looks.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (as libyaml counts them).
    public var column: Int

    /// A position; `line` and `column` start at 1.
    public init(file: String, line: Int, column: Int) {
        (self.file, self.line, self.column) = (file, line, column)
    }

    /// `file:line:column`, as compilers and editors print it.
    public var description: String { "\(file):\(line):\(column)" }
}
