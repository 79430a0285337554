import CUnibilium
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal capabilities the encoder uses, read from terminfo through
/// unibilium, plus modern sequences terminfo does not describe.
///
/// `Terminfo.load(term:)` never fails: an unknown or unusable `TERM`
/// (no `cup`) gives the built-in xterm-like set with `isFallback == true`,
/// which `weft --health` reports. A capability the terminal lacks is nil
/// and the encoder does without it (e.g. no `el` -> spaces are written).
public struct Terminfo: Sendable {
    /// The terminal name the capabilities were loaded for.
    public var name: String
    /// True when `name` was unknown and the built-in set is used.
    public var isFallback: Bool
    /// terminfo `colors` (0 when absent).
    public var colors: Int

    /// Absolute cursor move (row, col), 0-based parameters.
    public var cup: TerminfoString?
    /// Cursor up/down/right/left by one.
    public var cuu1, cud1, cuf1, cub1: TerminfoString?
    /// Cursor up/down/right/left by n.
    public var cuu, cud, cuf, cub: TerminfoString?
    /// Absolute column / row (0-based).
    public var hpa, vpa: TerminfoString?
    /// Carriage return and cursor home.
    public var cr, home: TerminfoString?
    /// Erase to end of line / end of screen; clear screen and home.
    public var el, ed, clear: TerminfoString?
    /// Set scroll region (top, bottom rows, 0-based inclusive).
    public var csr: TerminfoString?
    /// Scroll up / down by one line (at the region's bottom / top).
    public var ind, ri: TerminfoString?
    /// Scroll up / down by n lines.
    public var indn, rin: TerminfoString?
    /// Attribute strings: reset, bold, dim, italic, underline, reverse.
    public var sgr0, bold, dim, sitm, smul, rev: TerminfoString?
    /// Enter / leave the alternate screen.
    public var smcup, rmcup: TerminfoString?
    /// Hide / show the cursor.
    public var civis, cnorm: TerminfoString?

    /// An empty set (every capability nil) named `name`.
    public init(name: String, isFallback: Bool = false, colors: Int = 0) {
        self.name = name
        self.isFallback = isFallback
        self.colors = colors
    }

    /// Loads `term` (default: `$TERM`, then "xterm-256color") with
    /// unibilium; falls back to `Terminfo.xterm` when it is unknown or lacks
    /// `cup`.
    public static func load(term: String?) -> Terminfo {
        let env = getenv("TERM").map { String(cString: $0) }
        let name = [term, env].compactMap { $0 }.first { !$0.isEmpty } ?? "xterm-256color"
        guard let ut = unibi_from_term(name) else { return fallback(for: name) }
        defer { unibi_destroy(ut) }
        var t = Terminfo(name: name, colors: Int(max(0, unibi_get_num(ut, unibi_max_colors))))
        func s(_ cap: unibi_string) -> TerminfoString? {
            guard let p = unibi_get_str(ut, cap) else { return nil }
            return TerminfoString(Array(String(cString: p).utf8))
        }
        t.cup = s(unibi_cursor_address)
        t.cuu1 = s(unibi_cursor_up); t.cud1 = s(unibi_cursor_down)
        t.cuf1 = s(unibi_cursor_right); t.cub1 = s(unibi_cursor_left)
        t.cuu = s(unibi_parm_up_cursor); t.cud = s(unibi_parm_down_cursor)
        t.cuf = s(unibi_parm_right_cursor); t.cub = s(unibi_parm_left_cursor)
        t.hpa = s(unibi_column_address); t.vpa = s(unibi_row_address)
        t.cr = s(unibi_carriage_return); t.home = s(unibi_cursor_home)
        t.el = s(unibi_clr_eol); t.ed = s(unibi_clr_eos); t.clear = s(unibi_clear_screen)
        t.csr = s(unibi_change_scroll_region)
        t.ind = s(unibi_scroll_forward); t.ri = s(unibi_scroll_reverse)
        t.indn = s(unibi_parm_index); t.rin = s(unibi_parm_rindex)
        t.sgr0 = s(unibi_exit_attribute_mode); t.bold = s(unibi_enter_bold_mode)
        t.dim = s(unibi_enter_dim_mode); t.sitm = s(unibi_enter_italics_mode)
        t.smul = s(unibi_enter_underline_mode); t.rev = s(unibi_enter_reverse_mode)
        t.smcup = s(unibi_enter_ca_mode); t.rmcup = s(unibi_exit_ca_mode)
        t.civis = s(unibi_cursor_invisible); t.cnorm = s(unibi_cursor_normal)
        guard t.cup != nil else { return fallback(for: name) }
        return t
    }

    /// The built-in xterm-like set, named `name` and marked as fallback.
    static func fallback(for name: String) -> Terminfo {
        var t = Terminfo.xterm
        t.name = name
        t.isFallback = true
        return t
    }

    /// A built-in xterm-256color-like set, used when terminfo does not know
    /// the terminal (and by tests, for byte counts that do not depend on the
    /// machine's terminfo database).
    public static let xterm: Terminfo = {
        var t = Terminfo(name: "xterm-256color", colors: 256)
        let e = "\u{1B}["
        t.cup = TerminfoString(e + "%i%p1%d;%p2%dH")
        t.cuu1 = TerminfoString(e + "A"); t.cud1 = TerminfoString("\n")
        t.cuf1 = TerminfoString(e + "C"); t.cub1 = TerminfoString("\u{8}")
        t.cuu = TerminfoString(e + "%p1%dA"); t.cud = TerminfoString(e + "%p1%dB")
        t.cuf = TerminfoString(e + "%p1%dC"); t.cub = TerminfoString(e + "%p1%dD")
        t.hpa = TerminfoString(e + "%i%p1%dG"); t.vpa = TerminfoString(e + "%i%p1%dd")
        t.cr = TerminfoString("\r"); t.home = TerminfoString(e + "H")
        t.el = TerminfoString(e + "K"); t.ed = TerminfoString(e + "J"); t.clear = TerminfoString(e + "H" + e + "2J")
        t.csr = TerminfoString(e + "%i%p1%d;%p2%dr")
        t.ind = TerminfoString("\n"); t.ri = TerminfoString("\u{1B}M")
        t.indn = TerminfoString(e + "%p1%dS"); t.rin = TerminfoString(e + "%p1%dT")
        t.sgr0 = TerminfoString(e + "m"); t.bold = TerminfoString(e + "1m"); t.dim = TerminfoString(e + "2m")
        t.sitm = TerminfoString(e + "3m"); t.smul = TerminfoString(e + "4m"); t.rev = TerminfoString(e + "7m")
        t.smcup = TerminfoString(e + "?1049h"); t.rmcup = TerminfoString(e + "?1049l")
        t.civis = TerminfoString(e + "?25l"); t.cnorm = TerminfoString(e + "?25h")
        return t
    }()
}

// MARK: - Modern sequences

extension Terminfo {
    /// Sequences modern terminals support that terminfo does not describe.
    /// Terminals that do not know them ignore them.
    public enum Modern {
        /// Begin synchronized update (DEC mode 2026).
        public static let bsu: [UInt8] = Array("\u{1B}[?2026h".utf8)
        /// End synchronized update.
        public static let esu: [UInt8] = Array("\u{1B}[?2026l".utf8)
        /// Curly underline on.
        public static let undercurl: [UInt8] = Array("\u{1B}[4:3m".utf8)
        /// Strikethrough on.
        public static let strikethrough: [UInt8] = Array("\u{1B}[9m".utf8)

        /// Truecolor foreground (`background: true` for the background).
        public static func rgb(_ r: UInt8, _ g: UInt8, _ b: UInt8, background: Bool = false) -> [UInt8] {
            Array("\u{1B}[\(background ? 48 : 38);2;\(r);\(g);\(b)m".utf8)
        }

        /// Palette colour 0-255: `3x`/`9x` for 0-15, `38;5;n` beyond.
        public static func indexed(_ n: UInt8, background: Bool = false) -> [UInt8] {
            var params: [UInt8] = []
            SGR.appendColor(.indexed(n), role: background ? .background : .foreground, to: &params)
            var out: [UInt8] = []
            SGR.appendSequences(params, into: &out)
            return out
        }
    }
}
