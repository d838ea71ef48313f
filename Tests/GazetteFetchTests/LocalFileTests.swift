import Foundation
import GazetteModel
import GazetteTestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct LocalFileTests {
    /// A fresh folder of its own, removed at the end.
    func withTemporaryFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    @Test func bundledSampleIsReadFromDisk() async throws {
        let expected = try Fixture.bytes("rss20-minimal.xml")
        let result = try await fetchOnce(Fixture.path("rss20-minimal.xml")).get()
        #expect(result.status == 200 && result.body == expected)
        #expect(result.finalURL == Fixture.path("rss20-minimal.xml"))
        #expect(result.validators.etag != nil && result.validators.lastModified != nil)
    }

    @Test func unchangedFileIsNotModifiedOnTheSecondRead() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("feed.xml")
            try Data("<rss>1</rss>".utf8).write(to: file)
            let first = try await fetchOnce(file.path).get()
            let second = try await fetchOnce(file.path, validators: first.validators).get()
            #expect(second.notModified && second.body.isEmpty && second.validators == first.validators)
        }
    }

    @Test func changedFileIsReadAgain() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("feed.xml")
            try Data("<rss>1</rss>".utf8).write(to: file)
            let first = try await fetchOnce(file.path).get()
            try Data("<rss>two</rss>".utf8).write(to: file)
            let second = try await fetchOnce(file.path, validators: first.validators).get()
            #expect(second.status == 200 && second.body == Array("<rss>two</rss>".utf8))
        }
    }

    @Test func fileURLIsReadFromDisk() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("新闻 feed.xml")
            try Data("<rss/>".utf8).write(to: file)
            let result = try await fetchOnce(file.absoluteString).get()
            #expect(result.body == Array("<rss/>".utf8) && result.requestedURL == file.absoluteString)
        }
    }

    @Test func missingFileIsNotFound() async throws {
        try await withTemporaryFolder { folder in
            let missing = folder.appendingPathComponent("missing.xml").path
            #expect(await fetchOnce(missing).failureKind == .notFound)
        }
    }

    @Test func fileLargerThanMaxBytesIsTooLarge() async throws {
        try await withTemporaryFolder { folder in
            let file = folder.appendingPathComponent("big.xml")
            try Data(repeating: 0x20, count: 4097).write(to: file)
            var limits = testLimits
            limits.maxBytes = 4096
            #expect(await fetchOnce(file.path, limits: limits).failureKind == .tooLarge(limit: 4096))
        }
    }

    @Test func directoryIsUnreadable() async throws {
        try await withTemporaryFolder { folder in
            guard case .unreadable = await fetchOnce(folder.path).failureKind else {
                Issue.record("expected unreadable")
                return
            }
        }
    }
}
