import Kernel
import Render

/// `/rewind`: a float listing the prompts of the conversation, newest
/// selected; j/k or Up/Down move, Enter rewinds to before the selected
/// prompt (restoring the files the later turns changed), Esc closes. Each
/// row says how many files the turns from there on changed.
final class RewindPicker {
    let modal: ModalFloat
    let entries: [PromptEntry]
    private(set) var selected: Int
    private let ns: NamespaceID

    init(ui: ChatUI, entries: [PromptEntry], changed: [Int: Int]) throws {
        self.entries = entries
        selected = max(0, entries.count - 1)
        ns = ui.editor.namespaces.create(name: "chat.rewind")
        let width = max(40, min(ui.editor.screenSize.width - 8, 90))
        let rows = entries.map { e -> String in
            let text = TextMeasure.truncate(e.text.flattenedForPrompt(), width: max(10, width - 22))
            let files = changed[e.turn].map { "  (\($0) file\($0 == 1 ? "" : "s") changed from here)" } ?? ""
            return "\(String(e.turn).leftPadded(3))  \(text)\(files)"
        }
        var picker: RewindPicker?
        let close = { picker?.modal.close(); ui.rewindPicker = nil }
        modal = try ModalFloat(editor: ui.editor, name: "rewind", mode: "rewind", title: "Rewind to before which prompt?",
                               lines: rows + ["", "Enter rewind · j/k move · Esc close"], minWidth: width, keys: [
            ModalFloat.Binding(lhs: "j", desc: "next prompt") { picker?.move(1) },
            ModalFloat.Binding(lhs: "<Down>", desc: "next prompt") { picker?.move(1) },
            ModalFloat.Binding(lhs: "k", desc: "previous prompt") { picker?.move(-1) },
            ModalFloat.Binding(lhs: "<Up>", desc: "previous prompt") { picker?.move(-1) },
            ModalFloat.Binding(lhs: "<CR>", desc: "rewind to before it") { [unowned ui] in
                guard let p = picker else { return }
                let turn = p.entries[p.selected].turn
                close()
                ui.rewind(toTurn: turn)
            },
            ModalFloat.Binding(lhs: "<Esc>", desc: "close", action: close),
            ModalFloat.Binding(lhs: "q", desc: "close", action: close),
        ])
        picker = self
        highlight()
    }

    func move(_ by: Int) {
        selected = max(0, min(entries.count - 1, selected + by))
        highlight()
    }

    /// Marks the selected row (the float's text starts on its second row)
    /// and keeps it in view.
    private func highlight() {
        modal.select(row: selected + 1, ns: ns)
    }
}

extension ChatUI {
    func openRewindPicker() {
        let entries = controller.prompts
        guard !entries.isEmpty else {
            notice("rewind: no prompts yet")
            return
        }
        var changed: [Int: Int] = [:]
        let turns = (controller.checkpoints?.turns() ?? []).filter { !$0.undone }
        for e in entries {
            let files = Set(turns.filter { $0.turn >= e.turn }.flatMap(\.files))
            if !files.isEmpty { changed[e.turn] = files.count }
        }
        do { rewindPicker = try RewindPicker(ui: self, entries: entries, changed: changed) } catch {
            editor.notify("rewind: \(error)", level: .error)
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
