import Kernel

/// Shows a diff in an ordinary buffer: the rows of ``DiffRenderer`` as
/// lines, their colours as extmarks in the `diff` namespace. The approval
/// float uses it, and Lua can too (`weft.chat.diff.render`), to show a diff
/// in any window.
///
///     let buf = try editor.createBuffer(scratch: true)
///     try DiffView.show(FileDiff.make(old: a, new: b, path: "x"), in: buf, editor: editor)
public enum DiffView {
    /// The namespace diff marks live in.
    public static let namespaceName = "diff"

    /// Replaces the content of `buffer` with `diff` (one line saying so
    /// when it is empty) and its marks in the `diff` namespace.
    /// - Returns: the number of lines written.
    @discardableResult
    public static func show(_ diff: FileDiff, in buffer: Buffer, editor: Editor) throws -> Int {
        let ns = editor.namespaces.create(name: namespaceName)
        var lines = DiffRenderer.lines(diff)
        if lines.isEmpty {
            let text = "(no changes)"
            lines = [StyledLine(text, spans: [StyledSpan(0..<text.utf8.count, DiffHighlights.lineNr)])]
        }
        buffer.extmarks.clear(ns: ns)
        try buffer.setLines(0, -1, lines.map(\.text))
        StyledLine.setMarks(lines, in: buffer, ns: ns, from: 0)
        editor.requestRedraw()
        return lines.count
    }
}
