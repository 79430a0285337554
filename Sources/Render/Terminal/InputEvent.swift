import Kernel

/// One decoded unit of terminal input.
///
/// Keys are Kernel ``Key`` values in canonical form, the same values the
/// keymaps store: `a`, `A`, `<lt>`, `<Space>`, `<C-x>`, `<M-CR>`,
/// `<S-Tab>`, `<C-S-Up>`, `<F5>` (their ``Key/token``s).
///
/// ```swift
/// let decoder = try InputDecoder()
/// decoder.feed(Array("\u{1b}[1;5A".utf8))   // [.key(Key(.named("Up"), ctrl: true))]
/// ```
public enum InputEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// A mouse press, release, drag, motion or wheel step.
    case mouse(MouseEvent)
    /// Text from a bracketed paste: line endings normalised to LF, invalid
    /// UTF-8 replaced by U+FFFD. Never split into keys.
    case paste(String)
    /// Focus gained (`true`) or lost (`false`).
    case focus(Bool)
    /// A DEC private mode report (`CSI ? mode ; value $ y`), the answer to a
    /// DECRQM query. `value`: 0 not recognised, 1 set, 2 reset,
    /// 3 permanently set, 4 permanently reset.
    case modeReport(mode: Int, value: Int)
    /// The answer to a cursor position request (`CSI 6 n`): the cursor's
    /// 0-based row and column. Decoded only while the decoder expects one
    /// (``InputDecoder/expectedCursorReports``).
    case cursorReport(row: Int, col: Int)
    /// The kitty keyboard protocol's flags report (`CSI ? flags u`), the
    /// answer to `CSI ? u`: the terminal speaks the protocol.
    case keyboardFlags(Int)
    /// The primary device attributes report (`CSI ? a ; b ... c`), the
    /// answer to `CSI c`, which every terminal gives.
    case deviceAttributes([Int])
    /// A sequence that could not be decoded: its raw bytes when known, else a
    /// reconstruction. Never delivered as keys.
    case unknown([UInt8])
}

/// Keyboard modifiers held during a key or mouse event.
public struct KeyModifiers: OptionSet, Hashable, Sendable {
    public let rawValue: Int

    /// Creates modifiers from raw bits (shift 1, meta 2, ctrl 4).
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The Shift key.
    public static let shift = KeyModifiers(rawValue: 1)
    /// The Meta (Alt) key.
    public static let meta = KeyModifiers(rawValue: 2)
    /// The Ctrl key.
    public static let ctrl = KeyModifiers(rawValue: 4)

    /// Notation prefix in canonical order C, M, S: `"C-M-"`, `"S-"`, `""`.
    public var notationPrefix: String {
        var s = ""
        if contains(.ctrl) { s += "C-" }
        if contains(.meta) { s += "M-" }
        if contains(.shift) { s += "S-" }
        return s
    }
}

/// A mouse event in 0-based screen cells.
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Hashable, Sendable {
        /// A button went down.
        case press
        /// A button went up.
        case release
        /// The pointer moved with a button held.
        case drag
        /// The pointer moved with no button held (needs mode 1003).
        case move
        /// One wheel step; the direction is in ``MouseEvent/button``.
        case wheel
    }

    /// Which button (or wheel direction).
    public enum Button: String, Hashable, Sendable {
        case left, middle, right
        case wheelUp, wheelDown, wheelLeft, wheelRight
        /// No button (motion, or a release that does not say which).
        case none
    }

    /// What happened.
    public var kind: Kind
    /// Which button or wheel direction.
    public var button: Button
    /// 0-based screen row.
    public var row: Int
    /// 0-based screen column.
    public var col: Int
    /// Modifiers held.
    public var modifiers: KeyModifiers

    /// Creates a mouse event.
    public init(kind: Kind, button: Button, row: Int, col: Int, modifiers: KeyModifiers = []) {
        self.kind = kind
        self.button = button
        self.row = row
        self.col = col
        self.modifiers = modifiers
    }

    /// The key for this event, for keymaps: `<LeftMouse>`, `<RightDrag>`,
    /// `<MiddleRelease>`, `<ScrollWheelUp>`, `<MouseMove>`,
    /// `<C-LeftMouse>`. A release that does not name its button is
    /// `<LeftRelease>`.
    public var key: Key {
        Key(.named(baseName), ctrl: modifiers.contains(.ctrl), meta: modifiers.contains(.meta),
            shift: modifiers.contains(.shift))
    }

    /// The notation of ``key`` (`"<C-LeftMouse>"`).
    public var notation: String { key.token }

    private var baseName: String {
        switch kind {
        case .wheel:
            switch button {
            case .wheelDown: return "ScrollWheelDown"
            case .wheelLeft: return "ScrollWheelLeft"
            case .wheelRight: return "ScrollWheelRight"
            default: return "ScrollWheelUp"
            }
        case .move:
            return "MouseMove"
        case .press:
            return buttonName + "Mouse"
        case .drag:
            return buttonName + "Drag"
        case .release:
            return buttonName + "Release"
        }
    }

    private var buttonName: String {
        switch button {
        case .middle: return "Middle"
        case .right: return "Right"
        default: return "Left"
        }
    }
}
