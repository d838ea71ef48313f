/// The tallies of one `gazette run` (or `fetch`, or `build`), as its summary line prints them and
/// the `runs` table keeps them.
public struct RunCounts: Sendable, Equatable {
    /// Feeds that answered 200 (or were read from disk) and parsed.
    public var feedsFetched: Int
    /// Feeds that answered 304.
    public var feedsNotModified: Int
    /// Feeds whose fetch or parse failed.
    public var feedsFailed: Int
    /// Items seen for the first time.
    public var itemsNew: Int
    /// Items whose content changed at the source.
    public var itemsChanged: Int
    /// Post files written for the first time.
    public var postsNew: Int
    /// Post files rewritten because their item changed.
    public var postsUpdated: Int
    /// Atom files whose bytes changed and were replaced.
    public var atomFilesWritten: Int

    public init(feedsFetched: Int = 0, feedsNotModified: Int = 0, feedsFailed: Int = 0, itemsNew: Int = 0,
                itemsChanged: Int = 0, postsNew: Int = 0, postsUpdated: Int = 0, atomFilesWritten: Int = 0) {
        self.feedsFetched = feedsFetched; self.feedsNotModified = feedsNotModified; self.feedsFailed = feedsFailed
        self.itemsNew = itemsNew; self.itemsChanged = itemsChanged; self.postsNew = postsNew
        self.postsUpdated = postsUpdated; self.atomFilesWritten = atomFilesWritten
    }
}
