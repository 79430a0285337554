import Kernel
import Render

/// The float `/copy code` opens when the last reply has several code
/// blocks: one line per block (number, language, size, first line); j/k
/// or the arrows move, Enter or y copies the highlighted block, a digit
/// copies that block, Esc closes. A `ModalFloat` named "copy_picker" in
/// mode `copy_picker`, whose keys are ordinary keymaps (Lua can list and
/// remap them).
struct CodePicker {
    let float: ModalFloat
    let blocks: [CodeBlocks.Block]
    let namespace: NamespaceID
    var current: Int
}

extension ChatUI {
    static let pickerMode = "copy_picker"

    func installPickerKeymaps() throws {
        var keys: [KeyBinding] = []
        for (lhs, delta) in [("j", 1), ("<Down>", 1), ("<C-n>", 1), ("k", -1), ("<Up>", -1), ("<C-p>", -1)] {
            keys.append(KeyBinding(lhs, "code picker: move") { [unowned self] in self.movePicker(delta) })
        }
        keys.append(KeyBinding("<CR>", "code picker: copy this block") { [unowned self] in self.pickCode(nil) })
        keys.append(KeyBinding("y", "code picker: copy this block") { [unowned self] in self.pickCode(nil) })
        for d in 1...9 {
            keys.append(KeyBinding("\(d)", "code picker: copy block \(d)") { [unowned self] in self.pickCode(d - 1) })
        }
        for lhs in ["<Esc>", "q", "<C-c>"] {
            keys.append(KeyBinding(lhs, "code picker: close") { [unowned self] in self.closePicker() })
        }
        try editor.keymaps.setDefaults(mode: Self.pickerMode, owner: "weft", keys)
    }

    func openCodePicker(_ blocks: [CodeBlocks.Block]) {
        closePicker()
        let room = max(20, editor.screenSize.width - 12)
        let lines = blocks.enumerated().map { i, b -> String in
            let count = b.code.split(separator: "\n", omittingEmptySubsequences: false).count
            let first = b.code.split(separator: "\n").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            let head = "\(i + 1)  \(b.language.isEmpty ? "code" : b.language) · \(count) line\(count == 1 ? "" : "s")  "
            return TextMeasure.truncate(head + first.flattenedForPrompt(), width: room)
        }
        do {
            let float = try ModalFloat(editor: editor, name: "copy_picker", mode: Self.pickerMode,
                                       title: "Copy which code block? (Enter or 1-9; Esc)", lines: lines,
                                       minWidth: 40, zindex: 90)
            textOut.picker = CodePicker(float: float, blocks: blocks,
                                        namespace: editor.namespaces.create(name: "chat.copy_picker"),
                                        current: blocks.count - 1)
            movePicker(0)
        } catch {
            editor.notify("copy: \(error)", level: .error)
        }
    }

    /// Moves the highlight (the float's text starts on its second row).
    func movePicker(_ delta: Int) {
        guard var p = textOut.picker else { return }
        p.current = min(max(0, p.current + delta), p.blocks.count - 1)
        textOut.picker = p
        let buf = p.float.buffer
        buf.extmarks.clear(ns: p.namespace)
        _ = try? buf.extmarks.set(ns: p.namespace, start: Position(row: p.current + 1, col: 0),
                                  decoration: Decoration(priority: 200, lineHl: "Visual"))
        compositor?.reveal(p.float.window, line: p.current + 1, col: 0, in: editor)
        editor.requestRedraw()
    }

    func pickCode(_ index: Int?) {
        guard let p = textOut.picker else { return }
        let i = index ?? p.current
        guard p.blocks.indices.contains(i) else { return }
        closePicker()
        copy(p.blocks[i].code, what: "code block \(i + 1)")
    }

    func closePicker() {
        guard let p = textOut.picker else { return }
        textOut.picker = nil
        p.float.close()
    }
}
