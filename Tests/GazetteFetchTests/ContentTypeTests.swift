@testable import GazetteFetch
import Testing

struct ContentTypeTests {
    @Test func mediaTypeAndCharsetAreLowercased() {
        let parsed = ContentType("Text/XML; Charset=GB2312")
        #expect(parsed?.mediaType == "text/xml" && parsed?.charset == "gb2312")
    }

    @Test func quotedCharsetIsUnquoted() {
        #expect(ContentType("application/rss+xml; q=1; charset=\"utf-8\"")?.charset == "utf-8")
    }

    @Test func quotedParameterMayHoldASemicolon() {
        #expect(ContentType("text/xml; title=\"a;b\"; charset=big5")?.charset == "big5")
    }

    @Test func noCharsetIsNil() {
        #expect(ContentType("application/atom+xml")?.charset == nil)
        #expect(ContentType("text/xml; charset=")?.charset == nil)
    }

    @Test func emptyHeaderIsNil() {
        #expect(ContentType("  ") == nil)
    }
}
