import FuzzDriver
import Glibc
import GazetteParse
import GazettePublish

/// One input: any bytes, parsed as a fetched feed would be (sanitizing on), searched for feed links
/// as `subscribe` searches a page, and read as an OPML subscription list. A crash, a hang (-timeout)
/// or a leak is a finding; a thrown ParseError or OPMLError is a normal outcome. The bytes are also
/// sanitized as an HTML fragment both ways, with the fast path and through libxml2 alone: a
/// difference is a finding too.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? FeedParser.parse(bytes, options: ParseOptions(documentURL: "https://example.com/feed/", sanitize: true))
    // The same bytes as an HTTP-labelled GB2312 body: the charset chain takes another path.
    _ = try? FeedParser.parse(bytes, options: ParseOptions(httpCharset: "gb2312", sanitize: true))
    _ = FeedDiscovery.looksLikeHTML(bytes)
    _ = FeedDiscovery.feeds(inHTML: bytes, pageURL: "https://example.com/blog/page.html")
    _ = try? OPMLReader.read(bytes, file: "fuzz.opml")
    let html = String(decoding: bytes, as: UTF8.self)
    if !sanitizerFastPathAgrees(html) {
        fatalError("the sanitizer's fast path and libxml2 disagree on \(html.debugDescription)")
    }
    // A post body is sanitized HTML made Markdown-inert: that adds `<p>` and `</p>` only, and a second
    // pass changes nothing.
    let safe = sanitizedHTMLFragment(html)
    let inert = markdownInertBody(safe)
    // On bytes: a combining mark after `<p>` makes `>` and the mark one Character, which a String
    // search for "<p>" does not match.
    func withoutParagraphTags(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index...].starts(with: Array("<p>".utf8)) { index += 3; continue }
            if bytes[index...].starts(with: Array("</p>".utf8)) { index += 4; continue }
            out.append(bytes[index])
            index += 1
        }
        return out
    }
    if markdownInertBody(inert) != inert || withoutParagraphTags(inert) != withoutParagraphTags(safe) {
        fatalError("markdownInertBody changed more than paragraphs of \(safe.debugDescription): \(inert.debugDescription)")
    }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
