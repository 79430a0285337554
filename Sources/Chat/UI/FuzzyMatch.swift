/// Fuzzy matching for the completion popups: a query matches a candidate
/// when its characters appear in it in order, ignoring case ("ext" matches
/// "extensions", "ss" matches "sessions"). Prefix matches rank first (the
/// shorter candidate first), then the others by how many of the query's
/// characters start a word and how few characters lie between them.
enum FuzzyMatch {
    /// The score of `candidate` for `query` (higher is better), or nil when
    /// it does not match. An empty query matches everything with score 0.
    static func score(_ candidate: String, _ query: String) -> Int? {
        guard !query.isEmpty else { return 0 }
        let c = Array(candidate.lowercased())
        let q = Array(query.lowercased())
        if c.starts(with: q) { return 10_000 - c.count }
        var score = 0
        var at = 0
        var last = -1
        for ch in q {
            guard let i = c[at...].firstIndex(of: ch) else { return nil }
            if i == 0 || !(c[i - 1].isLetter || c[i - 1].isNumber) { score += 10 }
            if last >= 0 { score -= min(5, i - last - 1) }
            last = i
            at = i + 1
        }
        return 1_000 + score
    }

    /// The candidates matching `query`, best first (equal scores keep the
    /// given order).
    static func rank<T>(_ candidates: [T], query: String, key: (T) -> String) -> [T] {
        candidates.enumerated()
            .compactMap { i, c in score(key(c), query).map { (i, c, $0) } }
            .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
            .map(\.1)
    }
}
