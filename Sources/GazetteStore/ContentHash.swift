/// The `content_hash` of an item: XXH64 (seed 0) of its stored JSON, as 16 lowercase hex digits.
///
/// It only tells whether an item's JSON changed since the store last wrote it, so it needs to be fast
/// and well mixed, not cryptographic: whoever controls a feed can change its content anyway, and a
/// false "unchanged" takes two different JSON texts of the same item colliding (about 2^-64 per
/// change). SHA-256 at ~260 MB/s in pure Swift was 8.5% of a cold fetch; this runs at several GB/s.
/// Item keys stay SHA-256 (`itemKey`): they are the item's identity, and changing them would make
/// every stored item new again. The algorithm is xxHash's XXH64 (github.com/Cyan4973/xxHash,
/// doc/xxhash_spec.md), written out here to need no package; the tests check it against libxxhash's
/// values. Changing it needs a migration that rehashes every row (see `v2-content-hash-xxh64`).
enum ContentHash {
    /// XXH64 of the UTF-8 form of `text`, as 16 lowercase hexadecimal digits.
    static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(UnsafeRawBufferPointer($0)) }
    }

    /// XXH64 of `bytes`, as 16 lowercase hexadecimal digits.
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let digest = xxh64(bytes)
        return String(unsafeUninitializedCapacity: 16) { out in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: digest >> UInt64(60 - 4 * index)) & 0xF
                out[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }

    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// XXH64 with seed 0 (xxhash_spec.md §"XXH64 Algorithm Description").
    static func xxh64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var index = 0
        @inline(__always) func word64(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        @inline(__always) func round(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
            (accumulator &+ lane &* prime2).rotatedLeft(31) &* prime1
        }
        @inline(__always) func merge(_ hash: UInt64, _ accumulator: UInt64) -> UInt64 {
            (hash ^ round(0, accumulator)) &* prime1 &+ prime4
        }
        var hash: UInt64
        if count >= 32 {
            var v1 = prime1 &+ prime2, v2 = prime2, v3: UInt64 = 0, v4 = 0 &- prime1
            while count - index >= 32 {
                v1 = round(v1, word64(index))
                v2 = round(v2, word64(index + 8))
                v3 = round(v3, word64(index + 16))
                v4 = round(v4, word64(index + 24))
                index += 32
            }
            hash = v1.rotatedLeft(1) &+ v2.rotatedLeft(7) &+ v3.rotatedLeft(12) &+ v4.rotatedLeft(18)
            hash = merge(merge(merge(merge(hash, v1), v2), v3), v4)
        } else {
            hash = prime5
        }
        hash &+= UInt64(count)
        while count - index >= 8 {
            hash = (hash ^ round(0, word64(index))).rotatedLeft(27) &* prime1 &+ prime4
            index += 8
        }
        if count - index >= 4 {
            let word = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self)))
            hash = (hash ^ word &* prime1).rotatedLeft(23) &* prime2 &+ prime3
            index += 4
        }
        while index < count {
            hash = (hash ^ UInt64(bytes[index]) &* prime5).rotatedLeft(11) &* prime1
            index += 1
        }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
