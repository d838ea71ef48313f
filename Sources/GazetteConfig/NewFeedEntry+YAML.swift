extension NewFeedEntry {
    /// The entry as block-list lines (no line breaks): `-` at `dashColumn`, every key at `keyColumn`
    /// (0-based, `keyColumn` ≥ `dashColumn + 2`), keys in the order title, url, category, category_title,
    /// tags, each value a scalar that reads back as exactly what it holds.
    func lines(dashColumn: Int, keyColumn: Int) -> [String] {
        var pairs = [("title", yamlScalar(title)), ("url", yamlScalar(url))]
        if let category { pairs.append(("category", yamlScalar(category))) }
        if let categoryTitle { pairs.append(("category_title", yamlScalar(categoryTitle))) }
        if let tags { pairs.append(("tags", "[" + tags.map { yamlScalar($0, inFlow: true) }.joined(separator: ", ") + "]")) }
        let dash = String(repeating: " ", count: dashColumn) + "-" + String(repeating: " ", count: keyColumn - dashColumn - 1)
        let indent = String(repeating: " ", count: keyColumn)
        return pairs.enumerated().map { index, pair in (index == 0 ? dash : indent) + pair.0 + ": " + pair.1 }
    }
}
