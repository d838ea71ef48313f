import GazetteCLI

#if canImport(Glibc)
import Glibc

/// glibc's mallopt(3); Swift's Glibc module does not carry <malloc.h>.
@_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let M_TRIM_THRESHOLD: Int32 = -1, M_MMAP_THRESHOLD: Int32 = -3   // <malloc.h>

// Feeds are read, decoded and parsed in buffers of a few MB each; with glibc's default policy every
// such buffer is a fresh mmap whose pages fault in and are zeroed, then unmapped (14% of the parse
// benchmark was kernel time). Keep them in the heap so the pages are reused.
_ = mallopt(M_MMAP_THRESHOLD, 256 << 20)
_ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
// A reader of stdout or stderr that went away (a pipe to a log shipper, `| head`) must not kill the
// run half-way with SIGPIPE: the write fails with EPIPE and is dropped.
_ = signal(SIGPIPE, SIG_IGN)
#endif

exit(await GazetteCommand.run())
