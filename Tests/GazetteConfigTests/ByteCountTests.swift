import GazetteConfig
import Testing

/// `parseByteCount`: feeds.yml sizes in bytes (binary multiples); anything else is nil.
struct ByteCountTests {
    @Test(arguments: [
        ("10MB", 10_485_760), ("512KB", 524_288), ("1GB", 1_073_741_824), ("1KB", 1_024), ("100B", 100),
        ("1048576", 1_048_576), ("0", 0),
    ])
    func sizeIsReadInBytes(text: String, bytes: Int) {
        #expect(parseByteCount(text) == bytes)
    }

    @Test(arguments: [
        "", "MB", "10 MB", "1.5MB", "10mb", "10M", "10MiB", "10TB", "-1", "1_000", "1KB/s", "0x10",
        "99999999999999999999", "9999999999999GB",
    ])
    func anythingElseIsNotASize(text: String) {
        #expect(parseByteCount(text) == nil)
    }
}
