/// The state of a Ctrl-R reverse incremental history search, for the UI to
/// show (e.g. `(reverse-i-search)'query': match`).
///
/// The search is a small state machine driven by the composer: typing
/// extends ``query`` and searches again from the current match towards
/// older entries; Ctrl-R finds the next older match; Backspace shortens the
/// query and searches again from the newest entry; Enter accepts the match
/// into the composer; Esc or Ctrl-G cancels. Matching ignores case.
public struct ComposerSearch: Equatable, Hashable, Sendable {
    /// What the user typed.
    public var query: String
    /// The history entry currently matched, if any.
    public var match: String?
    /// The index of ``match`` in the history's entries (oldest first).
    public var matchIndex: Int?
    /// Whether the last step found nothing (the previous match is kept).
    public var failed: Bool

    /// Creates a state (empty query, no match).
    public init(query: String = "", match: String? = nil, matchIndex: Int? = nil, failed: Bool = false) {
        self.query = query
        self.match = match
        self.matchIndex = matchIndex
        self.failed = failed
    }

    /// What the status line says while searching: the query and the
    /// current match's first line, or that nothing matched.
    ///
    ///     reverse search: type to search the history (Ctrl-R older · Enter take · Esc cancel)
    ///     reverse search 'fix': fix the parser (2 lines)
    ///     reverse search 'fiz': no match
    ///     reverse search 'fix': no older match (fix the parser)
    public var status: String {
        if query.isEmpty { return "reverse search: type to search the history (Ctrl-R older · Enter take · Esc cancel)" }
        let head = "reverse search '\(query)': "
        guard let match, !failed || match.lowercased().contains(query.lowercased()) else { return head + "no match" }
        let lines = match.split(separator: "\n", omittingEmptySubsequences: false)
        var shown = lines.first.map(String.init) ?? ""
        if shown.count > 60 { shown = String(shown.prefix(59)) + "…" }
        if lines.count > 1 { shown += " (\(lines.count) lines)" }
        return failed ? head + "no older match (\(shown))" : head + shown
    }

    /// The newest entry at or before index `start` containing `query`
    /// (ignoring case), or nil. An empty query matches nothing.
    static func find(_ query: String, in entries: [String], from start: Int) -> Int? {
        guard !query.isEmpty, !entries.isEmpty else { return nil }
        let needle = query.lowercased()
        var i = min(start, entries.count - 1)
        while i >= 0 {
            if entries[i].lowercased().contains(needle) { return i }
            i -= 1
        }
        return nil
    }

    /// Moves to the match at or before `start`, or marks the step failed.
    mutating func step(in entries: [String], from start: Int) {
        if let i = Self.find(query, in: entries, from: start) {
            matchIndex = i
            match = entries[i]
            failed = false
        } else {
            failed = !query.isEmpty
            if query.isEmpty {
                match = nil
                matchIndex = nil
            }
        }
    }
}
