/// Which keyboard encoding weft asks the terminal for.
///
/// Legacy encodings send the same bytes for Enter and Shift-Enter (and for
/// Tab and Ctrl-I, Esc and the start of a sequence). Two extensions tell
/// them apart:
///
/// | protocol | on | off | Shift-Enter arrives as |
/// |---|---|---|---|
/// | kitty (progressive enhancement 1, "disambiguate") | `CSI > 1 u` (push) | `CSI < u` (pop) | `CSI 13 ; 2 u` |
/// | xterm modifyOtherKeys level 2 | `CSI > 4 ; 2 m` | `CSI > 4 m` | `CSI 27 ; 2 ; 13 ~` |
///
/// ``KeyboardNegotiation`` picks one from the terminal's answers to
/// ``query``; ``TerminalDevice`` turns it on after entering (on the screen
/// it draws on: kitty keeps one stack per screen) and off again on every
/// way out, crash and suspend included.
public enum KeyboardProtocol: String, Hashable, Sendable, CaseIterable {
    /// Plain legacy keys (nothing is sent).
    case legacy
    /// The kitty keyboard protocol, flag 1 (disambiguate escape codes).
    case kitty
    /// xterm's modifyOtherKeys, level 2.
    case modifyOtherKeys

    /// Asks for the kitty flags (`CSI ? u`), then for the primary device
    /// attributes (`CSI c`). Every terminal answers the second; one that
    /// answers it without answering the first has no kitty protocol.
    public static let query = "\u{1b}[?u\u{1b}[c"

    /// The bytes that turn this protocol on.
    public var enableSequence: String {
        switch self {
        case .legacy: return ""
        case .kitty: return "\u{1b}[>1u"
        case .modifyOtherKeys: return "\u{1b}[>4;2m"
        }
    }

    /// The bytes that turn this protocol off again.
    public var disableSequence: String {
        switch self {
        case .legacy: return ""
        case .kitty: return "\u{1b}[<u"
        case .modifyOtherKeys: return "\u{1b}[>4m"
        }
    }
}

/// Chooses the ``KeyboardProtocol`` from the answers to
/// ``KeyboardProtocol/query``, as they arrive among other input.
///
/// A kitty flags report (`CSI ? flags u`) means the kitty protocol; a
/// device attributes report (`CSI ? ... c`) with no kitty report before it
/// means modifyOtherKeys (terminals that know neither ignore it). Both
/// reports are consumed: they are never keys.
///
/// ```swift
/// var n = KeyboardNegotiation()
/// n.consume(.keyboardFlags(0))        // true: decided, n.decision == .kitty
/// ```
public struct KeyboardNegotiation: Sendable {
    /// The protocol chosen, once the terminal has answered.
    public private(set) var decision: KeyboardProtocol?

    public init() {}

    /// Whether `event` is an answer to the query (the caller then drops
    /// it). The first answer decides; later ones change nothing.
    public mutating func consume(_ event: InputEvent) -> Bool {
        switch event {
        case .keyboardFlags:
            if decision == nil { decision = .kitty }
            return true
        case .deviceAttributes:
            if decision == nil { decision = .modifyOtherKeys }
            return true
        default:
            return false
        }
    }
}
