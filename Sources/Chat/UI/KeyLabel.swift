/// Key notation as people read it: the spelling of keys in everything the
/// chat shows (help, hints, notices). `<C-o>` is "Ctrl-O", `<S-Tab>`
/// "Shift-Tab", `<M-b>` "Alt-B", `<CR>` "Enter"; a plain key stays as it is.
enum KeyLabel {
    /// The readable name of one key in Neovim notation (`"<C-o>"` -> `"Ctrl-O"`).
    static func display(_ lhs: String) -> String {
        guard lhs.hasPrefix("<"), lhs.hasSuffix(">"), lhs.count > 2 else { return lhs }
        var parts = lhs.dropFirst().dropLast().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        // "<C-->" splits into ["C", "", ""]: the key is "-".
        if parts.count > 1, parts.last == "", parts[parts.count - 2] == "" { parts.removeLast(2); parts.append("-") }
        guard let key = parts.popLast() else { return lhs }
        let mods = parts.map { modifiers[$0.uppercased()] ?? $0 }
        let name = names[key] ?? (key.count == 1 ? key.uppercased() : key)
        return (mods + [name]).joined(separator: "-")
    }

    private static let modifiers = ["C": "Ctrl", "S": "Shift", "M": "Alt", "A": "Alt", "D": "Super"]

    private static let names = ["CR": "Enter", "Esc": "Esc", "BS": "Backspace", "Del": "Delete", "Tab": "Tab",
                                "Space": "Space", "lt": "<", "Bar": "|", "Bslash": "\\", "Up": "Up", "Down": "Down",
                                "Left": "Left", "Right": "Right", "Home": "Home", "End": "End",
                                "PageUp": "PageUp", "PageDown": "PageDown", "Insert": "Insert"]
}
