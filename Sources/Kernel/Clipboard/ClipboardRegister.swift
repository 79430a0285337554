/// Which system selection a copy goes to: the clipboard (`+`, what
/// Ctrl-C/Ctrl-V and Cmd-C/Cmd-V use) or the X11/Wayland primary selection
/// (`*`, what a middle click pastes).
public enum ClipboardRegister: String, Hashable, Sendable, CaseIterable {
    /// The clipboard (`+`).
    case clipboard = "+"
    /// The primary selection (`*`).
    case primary = "*"

    /// The register a name stands for: `+`/`clipboard`, `*`/`primary`.
    public init?(name: String) {
        switch name {
        case "+", "clipboard": self = .clipboard
        case "*", "primary": self = .primary
        default: return nil
        }
    }
}
