import Testing
@testable import GazetteStore

/// FIPS 180-4 examples and NIST's long-message vector.
@Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    // UTF-8 input, digest from coreutils' sha256sum.
    ("每日经济新闻", "aa7da49e415dc0c133ff0e79b84be128b214cee74b6ffcfe8369d467de82912c"),
])
func sha256MatchesKnownDigests(input: String, digest: String) {
    #expect(SHA256.hex(input) == digest)
}

@Test func sha256OfAMillionAsMatchesNIST() {
    #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test func sha256GivesTheSameDigestWhateverTheChunking() {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    let whole = SHA256.hex(bytes)
    for chunk in [1, 3, 55, 56, 63, 64, 65, 127, 999] {
        var hasher = SHA256()
        var index = 0
        while index < bytes.count {
            let end = min(index + chunk, bytes.count)
            hasher.update(bytes[index..<end])
            index = end
        }
        #expect(hasher.finalizeHex() == whole, "chunks of \(chunk)")
    }
}

@Test(arguments: [55, 56, 57, 63, 64, 65, 119, 120])
func sha256PadsEveryLengthAroundABlockEdge(length: Int) {
    // Reference digests from coreutils' sha256sum of `length` bytes of "x".
    let expected = referenceDigests[length]
    #expect(SHA256.hex(String(repeating: "x", count: length)) == expected)
}

private let referenceDigests: [Int: String] = [
    55: "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072",
    56: "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e",
    57: "ae14a2563ccf969d99aca69ce6bb74981f734bbf9f655f73b8f06db68cab5217",
    63: "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2",
    64: "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c",
    65: "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9",
    119: "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c",
    120: "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98",
]
