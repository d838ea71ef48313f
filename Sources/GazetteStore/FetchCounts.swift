/// How the items of one fetched feed compared with what the store held.
public struct FetchCounts: Sendable, Equatable {
    /// Items never seen before.
    public var new: Int
    /// Items seen before whose content hash differs: their post and Atom entry need rewriting.
    public var changed: Int
    /// Items seen before with the same content hash.
    public var unchanged: Int

    public init(new: Int = 0, changed: Int = 0, unchanged: Int = 0) {
        (self.new, self.changed, self.unchanged) = (new, changed, unchanged)
    }
}
