/// One key in key notation: a base key (a printable character or a named key)
/// plus the Ctrl, Meta and Shift modifiers, always held in canonical form.
///
/// The canonical token (``token``) follows the key notation contract:
/// printable characters stand for themselves except `<` (`<lt>`) and space
/// (`<Space>`); modifiers are written in the order C, M, S; Shift on a
/// printable character is folded into the character (`<S-a>` is `A`); Ctrl
/// with a letter uses the lowercase letter (`<C-A>` is `<C-a>`, and
/// Ctrl+Shift+letter is `<C-S-a>`).
///
/// ```swift
/// let k = try Key(token: "<c-s-A>")   // k.token == "<C-S-a>"
/// ```
public struct Key: Hashable, Sendable, CustomStringConvertible {
    /// What was pressed, without modifiers.
    public enum Base: Hashable, Sendable {
        /// A printable character (one grapheme cluster), including `<` and space.
        case char(Character)
        /// A named key by its canonical name: `CR`, `Esc`, `PageDown`, `F5`, `ScrollWheelUp`...
        case named(String)
    }

    /// The key without modifiers.
    public let base: Base
    /// Whether Ctrl is held.
    public let ctrl: Bool
    /// Whether Meta (Alt) is held.
    public let meta: Bool
    /// Whether Shift is held. Always false for printable characters other
    /// than space, where Shift is folded into the character.
    public let shift: Bool

    /// Creates a key, normalising it to canonical form (Shift folded into
    /// printable characters, Ctrl+letter lowercased). The base is trusted:
    /// a `.named` base should be one of the canonical names, and a `.char`
    /// base should not be a control character (use ``init(token:)`` to
    /// validate user input).
    public init(_ base: Base, ctrl: Bool = false, meta: Bool = false, shift: Bool = false) {
        var base = base
        var shift = shift
        if case .char(let c) = base {
            if ctrl, let lower = Key.lowercasedLetter(c) {
                base = .char(lower)
            } else if shift && c != " " {
                base = .char(Key.uppercasedLetter(c) ?? c)
                shift = false
            }
        }
        self.base = base
        self.ctrl = ctrl
        self.meta = meta
        self.shift = shift
    }

    /// Parses exactly one key from notation (aliases accepted).
    /// - Throws: `KernelError.invalidArgument` when `token` is empty, holds
    ///   more than one key, or contains a control character.
    public init(token: String) throws {
        let keys = try KeyNotation.parseKeys(token)
        guard keys.count == 1, let key = keys.first else {
            throw KernelError.invalidArgument("not a single key: '\(token)' (\(keys.count) keys)")
        }
        self = key
    }

    /// Whether any modifier is held.
    public var hasModifiers: Bool { ctrl || meta || shift }

    /// The canonical notation token: `a`, `A`, `<lt>`, `<Space>`, `<C-x>`,
    /// `<M-CR>`, `<C-S-Up>`, `<ScrollWheelDown>`...
    public var token: String {
        let mods = (ctrl ? "C-" : "") + (meta ? "M-" : "") + (shift ? "S-" : "")
        switch base {
        case .named(let name):
            return "<" + mods + name + ">"
        case .char(let c):
            let name: String
            switch c {
            case "<": name = "lt"
            case " ": name = "Space"
            default:
                if mods.isEmpty { return String(c) }
                name = String(c)
            }
            return "<" + mods + name + ">"
        }
    }

    /// The canonical token (same as ``token``).
    public var description: String { token }

    /// The printable text this key inserts when it is unmapped and has no
    /// modifiers (`"a"`, `"<"`, `" "`), else nil.
    public var text: String? {
        guard !ctrl && !meta, case .char(let c) = base else { return nil }
        return String(c)
    }

    /// The character of an unmodified printable key other than `<` and
    /// space (the keys whose token is the character itself), else nil.
    public var plainCharacter: Character? {
        guard !ctrl && !meta && !shift, case .char(let c) = base, c != "<", c != " " else { return nil }
        return c
    }

    /// Whether this is a mouse key: a button press, drag or release, a wheel
    /// step or a motion (`<LeftMouse>`, `<ScrollWheelUp>`, `<MouseMove>`...).
    public var isMouse: Bool {
        guard case .named(let name) = base else { return false }
        return KeyNames.mouse.contains(name)
    }

    /// Whether the base is the named key `name` (canonical spelling), with
    /// any modifiers: `key.isNamed("Tab")`.
    public func isNamed(_ name: String) -> Bool {
        if case .named(name) = base { return true }
        return false
    }

    // MARK: - Case helpers

    /// The lowercase form of a cased letter, when it is one character.
    static func lowercasedLetter(_ c: Character) -> Character? {
        let s = String(c)
        let lower = s.lowercased(), upper = s.uppercased()
        guard lower != upper, lower.count == 1, let l = lower.first else { return nil }
        return l
    }

    /// The uppercase form of a cased letter, when it is one character.
    static func uppercasedLetter(_ c: Character) -> Character? {
        let s = String(c)
        let lower = s.lowercased(), upper = s.uppercased()
        guard lower != upper, upper.count == 1, let u = upper.first else { return nil }
        return u
    }
}
