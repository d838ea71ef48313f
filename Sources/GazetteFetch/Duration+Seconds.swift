extension Duration {
    /// In seconds, as `FetchResult.elapsed` counts.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
