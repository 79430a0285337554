/// The table of named keys in key notation (`<CR>`, `<PageDown>`, `<F5>`,
/// `<ScrollWheelUp>`, ...) and the aliases the parser accepts.
///
/// Canonical names are the spellings listed in the key notation contract;
/// lookups are case-insensitive. `<lt>`, `<Space>`, `<Bar>` and `<Bslash>`
/// are not named keys here: they spell printable characters and resolve to
/// ``Key/Base/char(_:)``.
enum KeyNames {
    /// Every canonical named key, in a stable order (editing keys, function
    /// keys, mouse keys).
    static let canonical: [String] = {
        var names = ["CR", "Esc", "Tab", "BS", "Del", "Up", "Down", "Left", "Right",
                     "Home", "End", "PageUp", "PageDown", "Insert"]
        names += (1...24).map { "F\($0)" }
        names += mouseOrder
        return names
    }()

    /// The mouse keys in their stable order.
    private static let mouseOrder = ["LeftMouse", "LeftDrag", "LeftRelease",
                                     "MiddleMouse", "MiddleDrag", "MiddleRelease",
                                     "RightMouse", "RightDrag", "RightRelease",
                                     "ScrollWheelUp", "ScrollWheelDown", "ScrollWheelLeft", "ScrollWheelRight",
                                     "MouseMove"]

    /// The canonical names of the mouse keys (buttons, drags, releases,
    /// wheel steps, motion).
    static let mouse: Set<String> = Set(mouseOrder)

    /// Aliases for named keys (lowercased spelling -> canonical name).
    static let aliases: [String: String] = [
        "enter": "CR", "return": "CR", "escape": "Esc",
        "backspace": "BS", "delete": "Del",
    ]

    /// Names that spell a printable character (lowercased -> the character).
    static let charNames: [String: Character] = [
        "lt": "<", "space": " ", "bar": "|", "bslash": "\\",
    ]

    private static let byLowercase: [String: String] = {
        var table = aliases
        for name in canonical { table[name.lowercased()] = name }
        return table
    }()

    /// What a bracketed name stands for, or nil when it is not a key name.
    /// Case-insensitive; aliases resolve to their canonical key.
    static func lookup(_ name: String) -> Key.Base? {
        let lower = name.lowercased()
        if let c = charNames[lower] { return .char(c) }
        if let n = byLowercase[lower] { return .named(n) }
        return nil
    }
}
