extension Substring {
    /// Without leading and trailing spaces, tabs, CR and LF.
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}

extension String {
    /// Without leading and trailing spaces, tabs, CR and LF.
    var trimmingWhitespace: Substring { self[...].trimmingWhitespace }
}
