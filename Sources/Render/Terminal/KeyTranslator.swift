import CTermKey
import Kernel

/// Turns libtermkey keys into ``Key`` values (shown here as their tokens).
///
/// What arrives for some keys, and what comes out:
///
/// | bytes | termkey says | token |
/// |---|---|---|
/// | `09`, `0d`, `1b` | Tab, Enter, Escape | `<Tab>`, `<CR>`, `<Esc>` (so Ctrl-I, Ctrl-M, Ctrl-[ are these too) |
/// | `0a` | Ctrl-j | `<C-j>` |
/// | `08` | Ctrl-h | `<C-h>` (terminals whose Backspace sends 08 give `<C-h>`) |
/// | `7f` | Backspace | `<BS>` |
/// | `00` | Ctrl-space | `<C-Space>` |
/// | `ESC [ 1 ~`, `ESC [ 4 ~` | Find, Select | `<Home>`, `<End>` (vt220 keypad, tmux, linux console) |
/// | `ESC [ 13 ; 2 u`, `ESC [ 27 ; 2 ; 13 ~` | Shift-Enter | `<S-CR>` |
/// | `ESC [ 27 ; 6 ; 65 ~` | Ctrl-Shift-A | `<C-S-a>` |
/// | `ESC [ 15 ; 2 ~` | Shift-F5 | `<S-F5>` (terminfo F13+ names are hidden from termkey) |
///
/// Keys the notation cannot name (keypad Begin, F25 and up, C1 controls,
/// the Super/Hyper modifiers) come out as ``InputEvent/unknown(_:)``.
enum KeyTranslator {
    /// Converts one termkey key.
    static func event(for key: TermKeyKey, in tk: OpaquePointer) -> InputEvent {
        var key = key
        let rawMods = Int(key.modifiers)
        let mods = KeyModifiers(rawValue: rawMods & 7)
        switch key.type {
        case TERMKEY_TYPE_UNICODE:
            guard rawMods & ~7 == 0, let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: key.code.codepoint)),
                  !isControl(scalar), mods.isEmpty || !joinsNeighbour(scalar) else {
                return .unknown(describe(key, tk))
            }
            return .key(Self.key(for: Character(scalar), modifiers: mods))
        case TERMKEY_TYPE_KEYSYM:
            guard rawMods & ~7 == 0, let name = symbolName(key.code.sym) else {
                return .unknown(describe(key, tk))
            }
            return .key(Self.key(named: name, modifiers: mods))
        case TERMKEY_TYPE_FUNCTION:
            let n = Int(key.code.number)
            guard rawMods & ~7 == 0, (1...24).contains(n) else { return .unknown(describe(key, tk)) }
            return .key(Self.key(named: "F\(n)", modifiers: mods))
        case TERMKEY_TYPE_MOUSE:
            return mouse(&key, tk).map { .mouse($0) } ?? .unknown(describe(key, tk))
        default:
            return .unknown(reconstruct(&key, tk))
        }
    }

    // MARK: - Keys

    /// The key for a printable character with modifiers. `Key` puts it in
    /// canonical form: Shift folds into the character unless Ctrl is held
    /// or the key is space; Ctrl with an uppercase letter uses the
    /// lowercase letter.
    static func key(for c: Character, modifiers: KeyModifiers) -> Key {
        if modifiers.isEmpty { return Key(.char(c)) }
        return Key(.char(c), ctrl: modifiers.contains(.ctrl), meta: modifiers.contains(.meta),
                   shift: modifiers.contains(.shift))
    }

    /// The key for a named key: `<CR>`, `<C-S-Up>`.
    static func key(named name: String, modifiers: KeyModifiers) -> Key {
        Key(.named(name), ctrl: modifiers.contains(.ctrl), meta: modifiers.contains(.meta),
            shift: modifiers.contains(.shift))
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7f...0x9f).contains(s.value)
    }

    /// Whether `s` joins the character before it (a combining mark, a
    /// joiner, a variation selector) or the one after it (a prepended
    /// concatenation mark such as U+0601): inside `<M-...>` it would merge
    /// with the `-` or the `>`, so no key notation can name it with a
    /// modifier (found by the input fuzzer: Alt with U+07B0 gave `<M-ް>`,
    /// Alt with U+0601 gave `<M-؁>`, neither of which parses).
    private static func joinsNeighbour(_ s: Unicode.Scalar) -> Bool {
        var before = "-"
        before.unicodeScalars.append(s)
        var after = String(Character(s))
        after.append(">")
        return before.count == 1 || after.count == 1
    }

    /// Canonical names of the termkey symbols the notation has.
    static func symbolName(_ sym: TermKeySym) -> String? {
        switch sym {
        case TERMKEY_SYM_BACKSPACE, TERMKEY_SYM_DEL: return "BS"
        case TERMKEY_SYM_TAB: return "Tab"
        case TERMKEY_SYM_ENTER: return "CR"
        case TERMKEY_SYM_ESCAPE: return "Esc"
        case TERMKEY_SYM_SPACE: return "Space"
        case TERMKEY_SYM_DELETE: return "Del"
        case TERMKEY_SYM_UP: return "Up"
        case TERMKEY_SYM_DOWN: return "Down"
        case TERMKEY_SYM_LEFT: return "Left"
        case TERMKEY_SYM_RIGHT: return "Right"
        case TERMKEY_SYM_INSERT: return "Insert"
        case TERMKEY_SYM_PAGEUP: return "PageUp"
        case TERMKEY_SYM_PAGEDOWN: return "PageDown"
        case TERMKEY_SYM_HOME, TERMKEY_SYM_FIND: return "Home"
        case TERMKEY_SYM_END, TERMKEY_SYM_SELECT: return "End"
        default: return nil
        }
    }

    // MARK: - Mouse (legacy X10 reports that reach termkey)

    private static func mouse(_ key: inout TermKeyKey, _ tk: OpaquePointer) -> MouseEvent? {
        var event = TERMKEY_MOUSE_UNKNOWN
        var button: Int32 = 0, line: Int32 = 0, col: Int32 = 0
        guard termkey_interpret_mouse(tk, &key, &event, &button, &line, &col) == TERMKEY_RES_KEY else {
            return nil
        }
        let mods = KeyModifiers(rawValue: Int(key.modifiers) & 7)
        let row = max(0, Int(line) - 1), column = max(0, Int(col) - 1)
        let buttons: [Int32: MouseEvent.Button] = [1: .left, 2: .middle, 3: .right, 4: .wheelUp,
                                                   5: .wheelDown, 6: .wheelLeft, 7: .wheelRight]
        let b = buttons[button] ?? .none
        switch event {
        case TERMKEY_MOUSE_PRESS:
            let isWheel = (4...7).contains(button)
            return MouseEvent(kind: isWheel ? .wheel : .press, button: b, row: row, col: column, modifiers: mods)
        case TERMKEY_MOUSE_DRAG:
            return MouseEvent(kind: .drag, button: b, row: row, col: column, modifiers: mods)
        case TERMKEY_MOUSE_RELEASE:
            return MouseEvent(kind: .release, button: b, row: row, col: column, modifiers: mods)
        default:
            return nil
        }
    }

    // MARK: - Unknown keys

    /// A name for a key termkey decoded but we cannot name, in termkey's
    /// notation (`<A-C-S-name>`, a bare character without modifiers).
    ///
    /// Written here rather than by `termkey_strfkey`: libtermkey 0.22's
    /// formatter adds each piece's untruncated length to its position, so
    /// a long piece makes the next write run past the buffer; it also reads
    /// an uninitialised mouse event as a table index and indexes its name
    /// table with negative key symbols. (The input fuzzer found the heap
    /// corrupted under address sanitizer by a write it could not see.)
    private static func describe(_ key: TermKeyKey, _ tk: OpaquePointer) -> [UInt8] {
        let raw = Int(key.modifiers)
        var mods = ""
        if raw & Int(TERMKEY_KEYMOD_ALT) != 0 { mods += "A-" }
        if raw & Int(TERMKEY_KEYMOD_CTRL) != 0 { mods += "C-" }
        if raw & Int(TERMKEY_KEYMOD_SHIFT) != 0 { mods += "S-" }
        let name: String
        switch key.type {
        case TERMKEY_TYPE_UNICODE:
            let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: key.code.codepoint)) ?? "\u{FFFD}"
            guard raw != 0 else { return Array(String(Character(scalar)).utf8) }
            name = String(Character(scalar))
        case TERMKEY_TYPE_KEYSYM:
            name = keysymName(key.code.sym, tk)
        case TERMKEY_TYPE_FUNCTION:
            name = "F\(key.code.number)"
        case TERMKEY_TYPE_MOUSE:
            name = "Mouse"
        case TERMKEY_TYPE_POSITION:
            name = "Position"
        case TERMKEY_TYPE_MODEREPORT:
            name = "Mode"
        case TERMKEY_TYPE_DCS:
            name = "DCS"
        case TERMKEY_TYPE_OSC:
            name = "OSC"
        case TERMKEY_TYPE_UNKNOWN_CSI:
            name = "CSI " + String(UnicodeScalar(UInt8(truncatingIfNeeded: key.code.number)))
        default:
            name = "key type \(key.type.rawValue)"
        }
        return Array("<\(mods)\(name)>".utf8)
    }

    /// termkey's name for a key symbol, or `key N` for one it has no name
    /// for (a negative symbol would index outside its table).
    private static func keysymName(_ sym: TermKeySym, _ tk: OpaquePointer) -> String {
        guard Int64(sym.rawValue) >= 0 || sym == TERMKEY_SYM_UNKNOWN, let name = termkey_get_keyname(tk, sym) else {
            return "key \(sym.rawValue)"
        }
        return String(cString: name)
    }

    /// Rebuilds the bytes of an unknown CSI, DCS or OSC from termkey's parse.
    private static func reconstruct(_ key: inout TermKeyKey, _ tk: OpaquePointer) -> [UInt8] {
        if key.type == TERMKEY_TYPE_DCS || key.type == TERMKEY_TYPE_OSC {
            var str: UnsafePointer<CChar>? = nil
            var body: [UInt8] = []
            if termkey_interpret_string(tk, &key, &str) == TERMKEY_RES_KEY, let str {
                body = Array(String(cString: str).utf8)
            }
            let intro: UInt8 = key.type == TERMKEY_TYPE_DCS ? UInt8(ascii: "P") : UInt8(ascii: "]")
            return [0x1b, intro] + body + [0x1b, UInt8(ascii: "\\")]
        }
        // Room for more than termkey's 16 arguments: it may store one past
        // the count it is given (see `EscapeScanner.keyCSI`).
        var args = [Int](repeating: 0, count: 2 * EscapeScanner.maxTermKeyArguments)
        var nargs = EscapeScanner.maxTermKeyArguments
        var cmd: UInt = 0
        guard termkey_interpret_csi(tk, &key, &args, &nargs, &cmd) == TERMKEY_RES_KEY else {
            return describe(key, tk)
        }
        var out: [UInt8] = [0x1b, UInt8(ascii: "[")]
        if (cmd >> 8) & 0xff != 0 { out.append(UInt8(truncatingIfNeeded: cmd >> 8)) }
        let params = args.prefix(min(nargs, args.count)).map { $0 < 0 ? "" : String($0) }
        out += Array(params.joined(separator: ";").utf8)
        if (cmd >> 16) & 0xff != 0 { out.append(UInt8(truncatingIfNeeded: cmd >> 16)) }
        out.append(UInt8(truncatingIfNeeded: cmd))
        return out
    }
}
