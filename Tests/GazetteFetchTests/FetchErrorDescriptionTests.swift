import Foundation
import GazetteModel
import Testing

struct FetchErrorDescriptionTests {
    let url = "https://example.com/nbd/rss.xml"

    @Test func tooLargeSaysTheLimitAndTheKey() {
        #expect(FetchError(url: url, kind: .tooLarge(limit: 10 * 1024 * 1024)).description
            == "https://example.com/nbd/rss.xml: body is larger than 10 MB; raise 'max_bytes' for this feed if that is expected")
    }

    @Test func goneSaysToRemoveTheFeed() {
        #expect(FetchError(url: url, kind: .http(status: 410, retryAfter: nil)).description
            == "https://example.com/nbd/rss.xml: the server answered 410 Gone: the feed was removed for good; remove it from feeds.yml")
    }

    @Test func tooManyRequestsSaysWhenToRetry() {
        let error = FetchError(url: url, kind: .http(status: 429, retryAfter: Date(timeIntervalSince1970: 1_445_412_480)))
        #expect(error.description.hasSuffix("429 Too Many Requests; it asked to be fetched again after 2015-10-21T07:28:00Z"))
    }

    @Test func tooSlowSaysTheRateAndTheKey() {
        #expect(FetchError(url: url, kind: .tooSlow(bytesPerSecond: 512, seconds: 15)).description
            == "https://example.com/nbd/rss.xml: the server sent less than 512 bytes/s for 15 s and was cut off; "
            + "try again later, or lower 'low_speed_limit' for this feed")
    }

    @Test func timeoutSaysTheLimitAndTheKey() {
        #expect(FetchError(url: url, kind: .timeout(seconds: 30)).description
            == "https://example.com/nbd/rss.xml: no complete response within 30 s; raise 'timeout' for this feed if the server is merely slow")
    }

    @Test func redirectToForbiddenSchemeNamesIt() {
        #expect(FetchError(url: url, kind: .redirectToForbiddenScheme("file")).description.contains("redirected to a 'file:' URL"))
    }
}
