import Kernel
import Render

/// A read-only float showing a multi-line report (`:extensions` in the
/// terminal UI, where the message line shows only a first line). j/k and
/// the arrows scroll; q or Esc closes. Keys live in mode "report"; the
/// window is named "report".
public final class ReportFloat {
    let editor: Editor
    var open: ModalFloat?

    /// A float for `editor` (nothing is shown until `show`).
    public init(editor: Editor) {
        self.editor = editor
    }

    /// Shows `text` under `title`, replacing a report already open.
    public func show(title: String, _ text: String) {
        close()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            + ["", "q close · j/k scroll"]
        let keys: [ModalFloat.Binding] = [
            .init(lhs: "q", desc: "close the report", action: { [unowned self] in close() }),
            .init(lhs: "<Esc>", desc: "close the report", action: { [unowned self] in close() }),
            .init(lhs: "j", desc: "scroll down", action: { [unowned self] in open?.scroll(1) }),
            .init(lhs: "<Down>", desc: "scroll down", action: { [unowned self] in open?.scroll(1) }),
            .init(lhs: "k", desc: "scroll up", action: { [unowned self] in open?.scroll(-1) }),
            .init(lhs: "<Up>", desc: "scroll up", action: { [unowned self] in open?.scroll(-1) }),
        ]
        do {
            open = try ModalFloat(editor: editor, name: "report", mode: "report", title: title, lines: lines,
                                  minWidth: 1, padding: 1, zindex: 120, keys: keys)
        } catch {
            editor.notify("report: \(error)", level: .error)
        }
    }

    /// Closes the report, if open, and gives focus and mode back.
    public func close() {
        guard let o = open else { return }
        open = nil
        o.close()
    }
}
