@testable import GazetteFetch
import Testing

struct ResponseHeadTests {
    func head(_ lines: [String]) -> ResponseHead {
        var head = ResponseHead()
        for line in lines { Array((line + "\r\n").utf8).withUnsafeBytes { head.consume($0) } }
        return head
    }

    @Test func informationalResponsesAreNotHops() {
        let parsed = head(["HTTP/1.1 100 Continue", "", "HTTP/1.1 103 Early Hints", "Link: </a.css>", "", "HTTP/2 200", "etag: \"x\"", ""])
        #expect(parsed.statuses == [200] && parsed.etag == "\"x\"")
    }

    @Test func fieldsAreThoseOfTheLastHop() {
        let parsed = head(["HTTP/1.1 301 Moved", "ETag: \"old\"", "Location: /new", "", "HTTP/1.1 200 OK", "Content-Type: text/xml", ""])
        #expect(parsed.statuses == [301, 200] && parsed.etag == nil && parsed.contentType == "text/xml")
    }

    @Test func onlyPermanentHopsArePermanent() {
        #expect(head(["HTTP/1.1 301 A", "", "HTTP/1.1 308 B", "", "HTTP/1.1 200 OK", ""]).allRedirectsPermanent)
        #expect(!head(["HTTP/1.1 301 A", "", "HTTP/1.1 307 B", "", "HTTP/1.1 200 OK", ""]).allRedirectsPermanent)
        #expect(!head(["HTTP/1.1 200 OK", ""]).allRedirectsPermanent)
    }
}
