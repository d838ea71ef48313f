extension Double {
    /// These seconds as libcurl's whole milliseconds (CURLOPT_TIMEOUT_MS …), rounded up so a tiny
    /// positive limit never becomes 0, which libcurl reads as "no limit"; 0 or less (or NaN) stays
    /// 0, libcurl's "no limit"; clamped to what a C `long` holds.
    var curlMilliseconds: Int {
        guard self > 0 else { return 0 }
        let milliseconds = (self * 1000).rounded(.up)
        return milliseconds < Double(Int.max) ? Int(milliseconds) : Int.max
    }

    /// These seconds as libcurl's whole seconds (CURLOPT_LOW_SPEED_TIME), rounded up, at least 1.
    var curlWholeSeconds: Int {
        guard self > 1 else { return 1 }
        let seconds = rounded(.up)
        return seconds < Double(Int.max) ? Int(seconds) : Int.max
    }
}
