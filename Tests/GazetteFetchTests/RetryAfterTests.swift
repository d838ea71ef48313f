import Foundation
@testable import GazetteFetch
import Testing

struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func delaySecondsCountFromReceipt() {
        #expect(retryDate(fromRetryAfter: " 120 ", receivedAt: now) == now.addingTimeInterval(120))
    }

    @Test(arguments: ["Wed, 21 Oct 2015 07:28:00 GMT", "Wednesday, 21-Oct-15 07:28:00 GMT", "Wed Oct 21 07:28:00 2015"])
    func httpDateInEachOfItsThreeForms(_ value: String) {
        #expect(retryDate(fromRetryAfter: value, receivedAt: now) == Date(timeIntervalSince1970: 1_445_412_480))
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "120, 240"])
    func nonsenseIsNil(_ value: String) {
        #expect(retryDate(fromRetryAfter: value, receivedAt: now) == nil)
    }

    /// Monotonic: asking for a longer wait never gets a shorter one. 999999999 used to be dropped
    /// (a 1 h backoff) while 315360000 was honoured (capped at 7 days by the store).
    @Test(arguments: ["315360000", "999999999", "99999999999999999999"])
    func hugeDelaysAreTenYearsAtMost(_ value: String) {
        #expect(retryDate(fromRetryAfter: value, receivedAt: now) == now.addingTimeInterval(10 * 365 * 24 * 3600))
    }
}
