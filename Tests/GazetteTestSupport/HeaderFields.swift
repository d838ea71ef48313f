/// Request header fields whose names compare without case, as HTTP's do (RFC 9110 §5.1).
public struct HeaderFields: Sendable, Equatable {
    /// Lowercased name → value; a repeated field's values joined with ", " (RFC 9110 §5.3).
    private var values: [String: String] = [:]

    public init(_ fields: [(name: String, value: String)] = []) {
        for (name, value) in fields {
            let key = name.lowercased()
            values[key] = values[key].map { "\($0), \(value)" } ?? value
        }
    }

    /// The field's value, whatever the case of `name`; nil when absent.
    public subscript(name: String) -> String? { values[name.lowercased()] }
}
