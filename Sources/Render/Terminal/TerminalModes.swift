/// The terminal mode sequences sent on enter and leave, and cursor shapes.
///
/// These are fixed xterm-compatible sequences that every modern terminal
/// knows; terminfo has no names for most of them (see TERMINAL.md).
public enum TerminalModes {
    /// Alternate screen on (`smcup`-like, with cursor save).
    public static let altScreenOn = "\u{1b}[?1049h"
    /// Alternate screen off.
    public static let altScreenOff = "\u{1b}[?1049l"
    /// Hide the cursor.
    public static let cursorHide = "\u{1b}[?25l"
    /// Show the cursor.
    public static let cursorShow = "\u{1b}[?25h"
    /// Bracketed paste on.
    public static let pasteOn = "\u{1b}[?2004h"
    /// Bracketed paste off.
    public static let pasteOff = "\u{1b}[?2004l"
    /// Focus reporting on.
    public static let focusOn = "\u{1b}[?1004h"
    /// Focus reporting off.
    public static let focusOff = "\u{1b}[?1004l"
    /// Button-event mouse tracking with SGR coordinates on.
    public static let mouseOn = "\u{1b}[?1002h\u{1b}[?1006h"
    /// Mouse tracking off (reverse order).
    public static let mouseOff = "\u{1b}[?1006l\u{1b}[?1002l"
    /// End a synchronized update that a crash may have left open.
    public static let syncEnd = "\u{1b}[?2026l"
    /// Reset all SGR attributes.
    public static let attributesReset = "\u{1b}[0m"

    /// The bytes `TerminalDevice.enter()` writes after raw mode (without
    /// `altScreen`, inline mode: weft draws on the normal screen). The
    /// keyboard protocol is turned on last, on the screen weft draws on.
    public static func enterSequence(mouse: Bool, altScreen: Bool = true,
                                     keyboard: KeyboardProtocol = .legacy) -> [UInt8] {
        Array(((altScreen ? altScreenOn : "") + cursorHide + pasteOn + focusOn + (mouse ? mouseOn : "")
            + keyboard.enableSequence).utf8)
    }

    /// The bytes `TerminalDevice.leave()` writes, undoing
    /// ``enterSequence(mouse:altScreen:keyboard:)`` in reverse order;
    /// `resetCursorShape` adds `ESC [ 0 SP q`.
    public static func leaveSequence(mouse: Bool, resetCursorShape: Bool, altScreen: Bool = true,
                                     keyboard: KeyboardProtocol = .legacy) -> [UInt8] {
        var s = syncEnd + attributesReset + keyboard.disableSequence
        if mouse { s += mouseOff }
        s += focusOff + pasteOff
        if resetCursorShape { s += CursorShape.default.sequence }
        s += cursorShow + (altScreen ? altScreenOff : "")
        return Array(s.utf8)
    }
}

/// The cursor shapes of DECSCUSR (`ESC [ N SP q`).
public enum CursorShape: Int, Hashable, Sendable, CaseIterable {
    /// The terminal's configured default.
    case `default` = 0
    case blinkingBlock = 1
    case block = 2
    case blinkingUnderline = 3
    case underline = 4
    case blinkingBar = 5
    case bar = 6

    /// The control sequence selecting this shape.
    public var sequence: String { "\u{1b}[\(rawValue) q" }
}
