internal import CBrotli
internal import CZlib

/// The content codings the loopback server can apply to a body (RFC 9110 §8.4.1).
public enum ContentCoding: String, Sendable, CaseIterable {
    /// RFC 1952 gzip through zlib.
    case gzip
    /// RFC 1950 zlib format, which is what HTTP's `deflate` means.
    case deflate
    /// RFC 7932 Brotli through libbrotlienc.
    case br

    /// The encoded bytes. Throws if the library fails (it does not for in-memory input).
    public func encode(_ bytes: [UInt8]) throws(LoopbackServerError) -> [UInt8] {
        switch self {
        case .gzip: try gzipped(bytes)
        case .deflate: try zlibWrapped(bytes)
        case .br: try brotliCompressed(bytes)
        }
    }
}

private func gzipped(_ input: [UInt8]) throws(LoopbackServerError) -> [UInt8] {
    var stream = z_stream()
    guard gz_deflate_init_gzip(&stream, Z_BEST_COMPRESSION) == Z_OK else { throw LoopbackServerError(description: "deflateInit2 failed") }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
    var input = input
    let status = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = UInt32(target.count)
            return deflate(&stream, Z_FINISH)
        }
    }
    guard status == Z_STREAM_END else { throw LoopbackServerError(description: "deflate failed: \(status)") }
    return Array(output.prefix(Int(stream.total_out)))
}

private func zlibWrapped(_ input: [UInt8]) throws(LoopbackServerError) -> [UInt8] {
    var size = compressBound(UInt(input.count))
    var output = [UInt8](repeating: 0, count: Int(size))
    let status = compress2(&output, &size, input, UInt(input.count), Z_BEST_COMPRESSION)
    guard status == Z_OK else { throw LoopbackServerError(description: "compress2 failed: \(status)") }
    return Array(output.prefix(Int(size)))
}

private func brotliCompressed(_ input: [UInt8]) throws(LoopbackServerError) -> [UInt8] {
    var size = BrotliEncoderMaxCompressedSize(input.count)
    var output = [UInt8](repeating: 0, count: max(size, 64))
    size = output.count
    let ok = BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                                   input.count, input, &size, &output)
    guard ok == BROTLI_TRUE else { throw LoopbackServerError(description: "BrotliEncoderCompress failed") }
    return Array(output.prefix(size))
}
