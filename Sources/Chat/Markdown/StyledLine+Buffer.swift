import Kernel

extension StyledLine {
    /// Sets the extmarks that show `lines` (their spans, row highlights,
    /// no-wrap flags and end-of-line text) in namespace `ns` of `buffer`,
    /// the first line at row `row`. The text must already be there.
    static func setMarks(_ lines: [StyledLine], in buffer: Buffer, ns: NamespaceID, from row: Int) {
        for (k, line) in lines.enumerated() {
            let r = row + k
            let length = line.text.utf8.count
            if line.lineHl != nil || line.noWrap {
                _ = try? buffer.extmarks.set(ns: ns, start: Position(row: r, col: 0),
                                             decoration: Decoration(priority: 100, lineHl: line.lineHl, noWrap: line.noWrap))
            }
            for span in line.spans {
                let a = min(max(0, span.range.lowerBound), length)
                let b = min(max(a, span.range.upperBound), length)
                guard a < b else { continue }
                _ = try? buffer.extmarks.set(ns: ns, start: Position(row: r, col: a),
                                             end: Position(row: r, col: b), decoration: Decoration(hl: span.hl, url: span.url))
            }
            if !line.eol.isEmpty {
                _ = try? buffer.extmarks.set(ns: ns, start: Position(row: r, col: length),
                                             decoration: Decoration(virtText: line.eol, virtTextPos: .eol))
            }
        }
    }
}
