import GazetteConfig
import Testing

/// `parseDuration`: feeds.yml durations in seconds; anything else is nil.
struct DurationTests {
    @Test(arguments: [
        ("45s", 45.0), ("30m", 1_800), ("2h", 7_200), ("1d", 86_400), ("1h30m", 5_400),
        ("1d2h3m4s", 93_784), ("0s", 0), ("90m", 5_400), ("007s", 7),
    ])
    func durationIsReadInSeconds(text: String, seconds: Double) {
        #expect(parseDuration(text) == seconds)
    }

    @Test(arguments: [
        "", "30", "s", "m30", "30 m", " 30m", "1.5h", "-5m", "+5m", "30M", "30min", "1m1h", "1h1h", "1h30", "３０m",
        "99999999999999999999s", "9223372036854775807d",
    ])
    func anythingElseIsNotADuration(text: String) {
        #expect(parseDuration(text) == nil)
    }
}
