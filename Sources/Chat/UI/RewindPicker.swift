import Kernel
import Render

/// `/rewind`: a float listing the prompts of the conversation, newest
/// selected; j/k or Up/Down move, Enter rewinds to before the selected
/// prompt (restoring the files the later turns changed), Esc closes. Each
/// row says how many files the turns from there on changed.
final class RewindPicker {
    let modal: ChatModal
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
            return " \(String(e.turn).leftPadded(3))  \(text)\(files)"
        }
        var picker: RewindPicker?
        modal = try ChatModal(editor: ui.editor, name: "rewind", mode: "rewind",
                              title: "Rewind to before which prompt?", lines: rows + ["", " Enter rewind · j/k move · Esc close"],
                              width: width, keys: [
            (lhs: "j", desc: "next prompt", action: { picker?.move(1) }),
            (lhs: "<Down>", desc: "next prompt", action: { picker?.move(1) }),
            (lhs: "k", desc: "previous prompt", action: { picker?.move(-1) }),
            (lhs: "<Up>", desc: "previous prompt", action: { picker?.move(-1) }),
            (lhs: "<CR>", desc: "rewind to before it", action: { [unowned ui] in
                guard let p = picker else { return }
                let turn = p.entries[p.selected].turn
                p.modal.close()
                ui.rewind(toTurn: turn)
            }),
            (lhs: "<Esc>", desc: "close", action: { picker?.modal.close() }),
            (lhs: "q", desc: "close", action: { picker?.modal.close() }),
        ])
        picker = self
        highlight()
    }

    func move(_ by: Int) {
        selected = max(0, min(entries.count - 1, selected + by))
        highlight()
    }

    private func highlight() {
        modal.buffer.extmarks.clear(ns: ns)
        _ = try? modal.buffer.extmarks.set(ns: ns, start: Position(row: selected, col: 0),
                                           decoration: Decoration(priority: 200, lineHl: "Visual"))
        let inner = modal.window.floatConfig?.height ?? 1
        if selected < modal.window.view.topline { modal.window.view = WindowView(topline: selected) }
        if selected >= modal.window.view.topline + inner { modal.window.view = WindowView(topline: selected - inner + 1) }
        modal.editor.requestRedraw()
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
