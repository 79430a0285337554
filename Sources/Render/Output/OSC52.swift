import Foundation
import Kernel

/// OSC 52, the terminal's clipboard sequence: `ESC ] 52 ; c ; <base64> ESC \`.
/// It reaches the clipboard of the machine the terminal runs on, so it
/// works over SSH and inside tmux (with `set-clipboard on`).
///
/// The payload is the base64 of the text's UTF-8, and a Swift `String` is
/// always valid UTF-8, so the terminal never receives broken text; a text
/// cut to a limit is cut between characters (`Clipboard.prefix`).
///
/// Terminals cap the length of the sequence and drop (not cut) longer
/// ones, so weft knows the caps of common terminals (`OSC52.Terminal`):
///
/// | terminal | detected by | longest base64 payload |
/// |---|---|---|
/// | tmux | `$TMUX` | 1,048,568 bytes (tmux 3.3a drops OSC strings of 1 MiB and more; measured) |
/// | GNU screen | `$STY`, `TERM=screen*` | 760 bytes (screen caps strings at 768 bytes) |
/// | kitty | `$KITTY_WINDOW_ID`, `TERM=xterm-kitty` | 8,000,000 bytes (kitty joins chunks up to 8 MB) |
/// | Apple Terminal, Linux console | `TERM_PROGRAM=Apple_Terminal`, `TERM=linux` | none: they ignore OSC 52 |
/// | any other | | 1,000,000 bytes (xterm, foot, WezTerm, Alacritty, iTerm2, Windows Terminal accept at least this) |
///
/// `$WEFT_OSC52_MAX` (base64 bytes; 0 turns OSC 52 off) overrides the table.
public enum OSC52 {
    /// The terminal weft runs in, as far as OSC 52 is concerned.
    public struct Terminal: Hashable, Sendable {
        /// Its name for `--health` ("tmux").
        public var name: String
        /// The longest base64 payload it accepts; 0 when it ignores OSC 52.
        public var maxPayload: Int

        /// The longest text (UTF-8 bytes) whose payload fits.
        public var maxText: Int { maxPayload / 4 * 3 }
    }

    /// The terminal described by `env` (see the table above).
    public static func terminal(env: [String: String]) -> Terminal {
        let term = env["TERM"] ?? ""
        var t: Terminal
        if !(env["TMUX"] ?? "").isEmpty {
            t = Terminal(name: "tmux", maxPayload: 1_048_568)
        } else if !(env["STY"] ?? "").isEmpty || term.hasPrefix("screen") {
            t = Terminal(name: "GNU screen", maxPayload: 760)
        } else if !(env["KITTY_WINDOW_ID"] ?? "").isEmpty || term == "xterm-kitty" {
            t = Terminal(name: "kitty", maxPayload: 8_000_000)
        } else if env["TERM_PROGRAM"] == "Apple_Terminal" {
            t = Terminal(name: "Apple Terminal", maxPayload: 0)
        } else if term == "linux" || term == "dumb" {
            t = Terminal(name: "TERM=\(term)", maxPayload: 0)
        } else {
            t = Terminal(name: env["TERM_PROGRAM"].flatMap { $0.isEmpty ? nil : $0 } ?? (term.isEmpty ? "terminal" : term),
                         maxPayload: 1_000_000)
        }
        if let s = env["WEFT_OSC52_MAX"], let n = Int(s), n >= 0 { t.maxPayload = n }
        return t
    }

    /// The sequence that puts `text` into `register` (`c` or `p`).
    public static func sequence(_ text: String, register: ClipboardRegister = .clipboard) -> [UInt8] {
        var out = Array("\u{1b}]52;\(register == .primary ? "p" : "c");".utf8)
        out += Array(Data(text.utf8).base64EncodedString().utf8)
        out += [0x1b, 0x5c]
        return out
    }
}

/// The clipboard path through the terminal (OSC 52), written with `write`
/// (the terminal device; nothing goes through when it is nil).
public final class OSC52ClipboardPath: ClipboardPath {
    /// The terminal and its cap.
    public let terminal: OSC52.Terminal
    private let write: ([UInt8]) throws -> Void

    /// A path writing sequences with `write`.
    public init(terminal: OSC52.Terminal, write: @escaping ([UInt8]) throws -> Void) {
        self.terminal = terminal
        self.write = write
    }

    /// "osc52".
    public var name: String { "osc52" }

    /// The text the terminal's cap lets through.
    public var limit: Int? { terminal.maxText }

    /// "OSC 52 via tmux: up to 786 KB of text".
    public var summary: String {
        terminal.maxPayload == 0
            ? "OSC 52: off (\(terminal.name) ignores it)"
            : "OSC 52 through \(terminal.name): up to \(terminal.maxText) bytes of text per copy"
    }

    /// Writes the sequence.
    public func copy(_ text: String, register: ClipboardRegister, report: @escaping (String) -> Void) throws {
        guard terminal.maxPayload > 0 else { return }
        try write(OSC52.sequence(text, register: register))
    }
}
