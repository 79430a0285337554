/// Parsing and formatting of Neovim-style key notation (`"<C-x>ab<lt><CR>"`).
///
/// `parse` turns a notation string into canonical key tokens; `format` joins
/// tokens back into a string; `parse(format(keys)) == keys` for any list of
/// canonical tokens.
///
/// Rules (the key notation contract):
/// - Printable characters stand for themselves, one grapheme cluster per key;
///   a space is `<Space>`.
/// - `<...>` is a named key or a modified key: modifiers `C-`, `M-` (alias
///   `A-`), `S-` in any case and order, then a key name (case-insensitive,
///   aliases such as `<Enter>`, `<Escape>`, `<BackSpace>`, `<Delete>`, `<Bar>`,
///   `<Bslash>` accepted) or, after at least one modifier, one character
///   (`<C-x>`, `<M-->`, `<M->>`).
/// - A `<` that does not start a valid token is the key `<lt>`: `"<C-"` is
///   `["<lt>", "C", "-"]` and `"<foo>"` is `["<lt>", "f", "o", "o", ">"]`.
///   `<a>` (one character, no modifier) is not a token either.
/// - Raw control characters (tab, newline, escape, DEL, C1) are errors: write
///   them as `<Tab>`, `<CR>`, `<Esc>`, `<BS>`, `<C-x>`.
public enum KeyNotation {
    /// Parses notation into canonical key tokens.
    ///
    /// ```swift
    /// try KeyNotation.parse("<C-x>ab<lt><cr>")  // ["<C-x>", "a", "b", "<lt>", "<CR>"]
    /// ```
    /// - Throws: `KernelError.invalidArgument` naming the first raw control
    ///   character and how to write it.
    public static func parse(_ s: String) throws -> [String] {
        try parseKeys(s).map(\.token)
    }

    /// Parses notation into ``Key`` values (see ``parse(_:)``).
    /// - Throws: `KernelError.invalidArgument` on a raw control character.
    public static func parseKeys(_ s: String) throws -> [Key] {
        let chars = Array(s)
        var keys: [Key] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "<" {
                if let (key, end) = bracket(chars, at: i) {
                    keys.append(key)
                    i = end + 1
                } else {
                    keys.append(Key(.char("<")))
                    i += 1
                }
                continue
            }
            if isControl(c) {
                throw KernelError.invalidArgument(
                    "key notation '\(s)': raw control character \(scalarName(c)) at key \(keys.count + 1); write it as \(suggestion(c))")
            }
            keys.append(Key(.char(c)))
            i += 1
        }
        return keys
    }

    /// Joins canonical tokens into one notation string (the inverse of
    /// ``parse(_:)`` for canonical tokens).
    public static func format(_ keys: [String]) -> String {
        keys.joined()
    }

    /// Formats keys as one notation string.
    public static func format(_ keys: [Key]) -> String {
        keys.map(\.token).joined()
    }

    /// The canonical spelling of a single key token (`"<cr>"` -> `"<CR>"`,
    /// `"<S-a>"` -> `"A"`).
    /// - Throws: `KernelError.invalidArgument` when `token` is not exactly one key.
    public static func canonical(_ token: String) throws -> String {
        try Key(token: token).token
    }

    /// The canonical form of a whole notation string (`"<c-x><enter>"` -> `"<C-x><CR>"`).
    /// - Throws: `KernelError.invalidArgument` on a raw control character.
    public static func normalize(_ s: String) throws -> String {
        format(try parse(s))
    }

    // MARK: - Bracketed tokens

    /// Parses a `<...>` token starting at `start` (which holds `<`). Returns
    /// the key and the index of the closing `>`, or nil when the text there
    /// is not a valid token.
    static func bracket(_ chars: [Character], at start: Int) -> (Key, Int)? {
        var i = start + 1
        var ctrl = false, meta = false, shift = false, anyModifier = false
        while i + 1 < chars.count, chars[i + 1] == "-", let m = modifier(chars[i]) {
            switch m {
            case "C": ctrl = true
            case "M": meta = true
            default: shift = true
            }
            anyModifier = true
            i += 2
        }
        guard i < chars.count else { return nil }
        // One character after a modifier: <C-x>, <M->>, <C-<>.
        if anyModifier, i + 1 < chars.count, chars[i + 1] == ">" {
            let c = chars[i]
            guard !isControl(c) else { return nil }
            return (Key(.char(c), ctrl: ctrl, meta: meta, shift: shift), i + 1)
        }
        var j = i
        while j < chars.count, chars[j] != ">", chars[j] != "<", j - i <= 16 { j += 1 }
        guard j < chars.count, chars[j] == ">", j - i >= 2 else { return nil }
        guard let base = KeyNames.lookup(String(chars[i..<j])) else { return nil }
        return (Key(base, ctrl: ctrl, meta: meta, shift: shift), j)
    }

    /// The canonical modifier letter for a notation modifier, or nil.
    static func modifier(_ c: Character) -> Character? {
        switch c {
        case "C", "c": return "C"
        case "M", "m", "A", "a": return "M"
        case "S", "s": return "S"
        default: return nil
        }
    }

    // MARK: - Control characters

    /// Whether the character contains a C0 control, DEL or a C1 control.
    static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.contains { s in
            s.value < 0x20 || (s.value >= 0x7F && s.value <= 0x9F)
        }
    }

    private static func scalarName(_ c: Character) -> String {
        let v = c.unicodeScalars.first.map(\.value) ?? 0
        let hex = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func suggestion(_ c: Character) -> String {
        let v = c.unicodeScalars.first.map(\.value) ?? 0
        switch v {
        case 0x09: return "<Tab>"
        case 0x0A, 0x0D: return "<CR>"
        case 0x1B: return "<Esc>"
        case 0x7F: return "<BS>"
        case 0x01...0x1A:
            return "<C-" + String(Character(Unicode.Scalar(v + 0x60) ?? "x")) + ">"
        default: return "a named key such as <Esc> or <C-x>"
        }
    }
}
