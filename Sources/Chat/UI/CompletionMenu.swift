import Render

/// One candidate of a completion popup: the text it inserts and what it is.
struct CompletionItem: Equatable, Sendable {
    /// The text shown first and inserted when accepted.
    var text: String
    /// A short description shown after it (may be empty).
    var desc: String = ""
}

/// The completion popup's list as a value: every candidate, the selected
/// one and the rows in view (a window of at most `rows` that scrolls with
/// the selection). Drawing it gives aligned lines: the candidates padded to
/// one column, their descriptions after it, cut with an ellipsis.
///
/// ```
/// items a b c d e, rows 3, selected d:   top = 1
///   b          <- row 0
///   c
/// > d          <- selected, row 2        (1 above, 1 below)
/// ```
struct CompletionMenu: Equatable, Sendable {
    /// All candidates, best first.
    private(set) var items: [CompletionItem]
    /// The index of the selected candidate.
    private(set) var selected = 0
    /// The index of the first candidate in view.
    private(set) var top = 0
    /// The most rows shown.
    let rows: Int

    init(items: [CompletionItem], rows: Int) {
        self.items = items
        self.rows = max(1, rows)
    }

    /// The selected candidate (nil for an empty list).
    var selectedItem: CompletionItem? { items.indices.contains(selected) ? items[selected] : nil }

    /// The candidates in view.
    var visible: Range<Int> { top..<min(items.count, top + rows) }

    /// How many candidates are hidden above and below the view.
    var hidden: (above: Int, below: Int) { (top, max(0, items.count - visible.upperBound)) }

    /// Moves the selection by `by` (wrapping around the ends) and scrolls
    /// it into view.
    mutating func move(_ by: Int) {
        guard !items.isEmpty else { return }
        selected = ((selected + by) % items.count + items.count) % items.count
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
    }

    /// The lines in view at `width` cells: the candidate padded to the
    /// widest one in view, two spaces, then its description (both cut with
    /// an ellipsis when too wide), with the UTF-8 column where the
    /// description starts.
    func rows(width: Int) -> [(line: String, descCol: Int?)] {
        let shown = items[visible]
        let column = min(shown.map { TextMeasure.measure($0.text) }.max() ?? 0, max(1, width * 2 / 3))
        return shown.map { item in
            let text = TextMeasure.truncate(item.text, width: column, ellipsis: "…")
            guard !item.desc.isEmpty, width - column - 2 >= 4 else { return (text, nil) }
            let head = text + String(repeating: " ", count: column - TextMeasure.measure(text) + 2)
            return (head + TextMeasure.truncate(item.desc, width: width - column - 2, ellipsis: "…"), head.utf8.count)
        }
    }

    /// The cells the widest line needs.
    var naturalWidth: Int {
        let column = items.map { TextMeasure.measure($0.text) }.max() ?? 0
        let desc = items.map { TextMeasure.measure($0.desc) }.max() ?? 0
        return desc == 0 ? column : column + 2 + desc
    }

    /// A marker for the border when candidates are hidden ("↑ 2 · ↓ 17
    /// more"), else nil.
    var moreMarker: String? {
        let (above, below) = hidden
        guard above + below > 0 else { return nil }
        var parts: [String] = []
        if above > 0 { parts.append("↑ \(above)") }
        if below > 0 { parts.append("↓ \(below)") }
        return parts.joined(separator: " · ") + " more"
    }
}
