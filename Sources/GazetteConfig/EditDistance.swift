/// The largest edit distance at which a known word is offered as "did you mean": two typos
/// (`intreval` → `interval`), one for words of four letters or fewer (`url` must not suggest `tags`).
private func maxSuggestionDistance(for word: String) -> Int { word.count <= 4 ? 1 : 2 }

/// The word of `candidates` nearest to `word` in spelling (letter case ignored), when it is near enough
/// to be a typo; the first such in `candidates` order on a tie.
func nearest(to word: String, among candidates: [String]) -> String? {
    let limit = maxSuggestionDistance(for: word)
    let lowered = Array(word.lowercased())
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        // Lengths further apart than the limit cannot be within it; skipping them keeps the
        // time-zone list (about 450 names) cheap.
        guard abs(candidate.count - lowered.count) <= limit else { continue }
        let distance = editDistance(lowered, Array(candidate.lowercased()))
        if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.candidate
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each cost 1 (so `intreval` is 1 from `interval`).
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], before[j - 2] + 1)
            }
        }
        (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
}
