import Testing
@testable import GazetteStore

/// XXH64 (seed 0) values from Debian's libxxhash 0.8.1 (`XXH64(data, len, 0)` through Python's ctypes).
@Test(arguments: [
    ("", "ef46db3751d8e999"),
    ("a", "d24ec4f1a98c6e5b"),
    ("abc", "44bc2cf5ad770999"),
    ("每日经济新闻", "9ad648cbfff95fd7"),
])
func contentHashIsXXH64(input: String, digest: String) {
    #expect(ContentHash.hex(input) == digest)
}

/// Every tail length (0–7 bytes after the 8-byte words, a 4-byte word or not) and stripe boundary
/// (31, 32, 33, 63, 64, 65 bytes), as libxxhash 0.8.1 computes them for prefixes of this pattern.
@Test(arguments: [
    (3, "1c2dcb4b9024d73d"), (4, "4c33072b45647dcb"), (7, "97ee4fe4a0ff4dfa"), (8, "e4ba22a49ad89d3f"),
    (11, "d9dc70d959571db7"), (12, "862e292326b8a4fc"), (31, "80adfc1d42020f39"), (32, "bf7c9dbe16b5c6e2"),
    (33, "e97423e605e2f3b4"), (39, "be25cd19d9137cb5"), (63, "85cce7661e96194f"), (64, "4356f430391d340b"),
    (65, "5c155a8ba09c5d80"), (100, "0b23e263631e66a6"), (143, "c40450a0f75d0fe5"),
])
func contentHashMatchesLibXXHashAtEveryBoundary(length: Int, digest: String) {
    let pattern = String(repeating: "0123456789abcdefghijklmnopqrstuvwxyz", count: 4)
    #expect(ContentHash.hex(String(pattern.prefix(length))) == digest)
}

@Test func contentHashOfALongBufferMatchesLibXXHash() {
    let bytes = (0..<4).flatMap { _ in (0...255).map(UInt8.init) } + Array("tail".utf8)
    #expect(bytes.withUnsafeBytes { ContentHash.hex($0) } == "d45352830e83df92")
}
