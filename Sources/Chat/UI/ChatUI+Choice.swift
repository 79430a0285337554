import Kernel
import Render

extension ChatUI {
    /// Asks a question in a ``ModalFloat`` named "question": each choice is
    /// a key, a description and an action run after the float closes.
    func askChoice(title: String, lines: [String], choices: [(String, String, () -> Void)]) {
        var float: ModalFloat?
        let keys = choices.map { lhs, desc, action in
            ModalFloat.Binding(lhs: lhs, desc: desc) {
                float?.close()
                float = nil
                action()
            }
        }
        do {
            float = try ModalFloat(editor: editor, name: "question", mode: "question", title: title, lines: lines,
                                   minWidth: 40, keys: keys)
        } catch {
            editor.notify("\(title): \(error)", level: .error)
        }
    }
}
