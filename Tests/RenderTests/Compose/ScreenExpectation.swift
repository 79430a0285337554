import Testing
@testable import Kernel
@testable import Render

/// Screen tests in the style of Neovim's `screen:expect`: one row per line
/// ending in `|`, styled runs as `{Name:text}` (names of highlight groups the
/// test passes in), the cursor as `^` replacing the cell under it.
struct ScreenExpectation {
    let highlights: HighlightTable
    /// Group names to show; other non-default styles print as `{id:...}`.
    var names: [String] = []

    func render(_ frame: Frame) -> String {
        var byID: [UInt32: String] = [:]
        for n in names { byID[highlights.resolve(n).raw] = n }
        var rows: [String] = []
        let g = frame.grid
        for r in 0..<g.height {
            var out = ""
            var open: StyleID?
            var c = 0
            while c < g.width {
                let cell = g[r, c]
                if cell.isContinuation { c += 1; continue }
                if cell.style != (open ?? .default) {
                    if open != nil { out += "}" }
                    open = cell.style == .default ? nil : cell.style
                    if let s = open { out += "{\(byID[s.raw] ?? String(s.raw)):" }
                }
                out += frame.cursor == Position(row: r, col: c) ? "^" : g.cluster(row: r, col: c)
                c += 1
            }
            if open != nil { out += "}" }
            rows.append(out + "|")
        }
        return rows.joined(separator: "\n")
    }

    /// Compares and, on failure, prints both screens and the first differing row.
    func expect(_ frame: Frame, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = render(frame)
        let want = expected
        guard actual != want else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let w = want.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, w).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, w.count)
        Issue.record("""
            screen differs at row \(first)
            --- expected ---
            \(want)
            --- actual (paste-ready) ---
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}

/// An editor of `w`x`h` with one buffer holding `lines`, shown in one
/// window (cursor hidden unless `cursorVisible`): the fixture of the
/// compositor tests.
func screenEditor(_ w: Int, _ h: Int, _ lines: [String], cursorVisible: Bool = true) throws -> (Editor, Buffer, Window) {
    let e = Editor(size: Size(width: w, height: h))
    let b = try e.createBuffer(name: "b")
    try b.setLines(0, -1, lines)
    let win = try e.openWindow(buffer: b.id, WindowSpec())
    win.options.cursorVisible = cursorVisible
    return (e, b, win)
}
