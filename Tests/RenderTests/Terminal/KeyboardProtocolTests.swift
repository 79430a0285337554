import Kernel
import Testing
@testable import Render

/// The kitty keyboard protocol and xterm's modifyOtherKeys: the same key
/// decodes to the same token whichever encoding the terminal uses, the
/// query's answers are events, and the negotiation picks one protocol.
///
/// Byte sequences are the ones the protocols document (kitty's
/// keyboard-protocol page, also spoken by foot and WezTerm; xterm's
/// modifyOtherKeys level 2 `CSI 27 ; mods ; key ~`).
@Suite struct KeyboardProtocolTests {
    /// (token, legacy bytes or nil, kitty bytes, xterm modifyOtherKeys bytes or nil)
    static let keys: [(String, String?, String, String?)] = [
        ("a", "a", "a", "a"),
        ("A", "A", "A", "A"),
        ("é", "é", "é", "é"),
        ("<CR>", "\r", "\r", "\r"),
        ("<Tab>", "\t", "\t", "\t"),
        ("<BS>", "\u{7f}", "\u{7f}", "\u{7f}"),
        ("<Esc>", "\u{1b}", "\u{1b}[27u", "\u{1b}"),
        ("<S-CR>", nil, "\u{1b}[13;2u", "\u{1b}[27;2;13~"),
        ("<C-CR>", nil, "\u{1b}[13;5u", "\u{1b}[27;5;13~"),
        ("<M-CR>", "\u{1b}\r", "\u{1b}[13;3u", "\u{1b}[27;3;13~"),
        ("<C-a>", "\u{01}", "\u{1b}[97;5u", "\u{1b}[27;5;97~"),
        ("<C-c>", "\u{03}", "\u{1b}[99;5u", "\u{1b}[27;5;99~"),
        ("<C-j>", "\n", "\u{1b}[106;5u", "\u{1b}[27;5;106~"),
        ("<C-h>", "\u{08}", "\u{1b}[104;5u", "\u{1b}[27;5;104~"),
        ("<Tab>", "\t", "\u{1b}[105;5u", "\u{1b}[27;5;105~"),     // Ctrl-I
        ("<CR>", "\r", "\u{1b}[109;5u", "\u{1b}[27;5;109~"),      // Ctrl-M
        ("<Esc>", "\u{1b}", "\u{1b}[91;5u", "\u{1b}[27;5;91~"),   // Ctrl-[
        ("<C-Space>", "\u{00}", "\u{1b}[32;5u", "\u{1b}[27;5;32~"),
        ("<M-a>", "\u{1b}a", "\u{1b}[97;3u", "\u{1b}[27;3;97~"),
        ("<M-A>", "\u{1b}A", "\u{1b}[97;4u", nil),
        ("<C-M-a>", "\u{1b}\u{01}", "\u{1b}[97;7u", "\u{1b}[27;7;97~"),
        ("<M-[>", nil, "\u{1b}[91;3u", "\u{1b}[27;3;91~"),
        ("<C-S-a>", nil, "\u{1b}[97;6u", "\u{1b}[27;6;65~"),
        ("<Up>", "\u{1b}[A", "\u{1b}[A", "\u{1b}[A"),
        ("<C-Up>", "\u{1b}[1;5A", "\u{1b}[1;5A", "\u{1b}[1;5A"),
        ("<F5>", "\u{1b}[15~", "\u{1b}[15~", "\u{1b}[15~"),
        ("<Del>", "\u{1b}[3~", "\u{1b}[3~", "\u{1b}[3~"),
    ]

    @Test(arguments: 0..<keys.count)
    func sameTokenInEveryEncoding(_ index: Int) throws {
        let (token, legacy, kitty, xterm) = KeyboardProtocolTests.keys[index]
        for bytes in [legacy, kitty, xterm].compactMap({ $0 }) {
            #expect(InputTest.tokens(try InputTest.decode(bytes)) == [token], "bytes \(Array(bytes.utf8))")
        }
    }

    /// Caps Lock (64) and Num Lock (128) ride along in kitty's modifier
    /// value for keys that are escape codes anyway: they change nothing.
    @Test func lockModifiersAreIgnored() throws {
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[97;69u")) == ["<C-a>"])
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[13;66u")) == ["<S-CR>"])
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[1;129A")) == ["<Up>"])
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[1;197D")) == ["<C-Left>"])
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[97:65;70:1u")) == ["<C-S-a>"])
    }

    /// Super (8), Hyper (16) and Meta (32) have no notation: unknown, never
    /// the key without them.
    @Test func modifiersWithoutNotationAreUnknown() throws {
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[97;9u")) == ["#unknown"])
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[57414;9u")) == ["#unknown"])
    }

    @Test func kittyFunctionalKeys() throws {
        let cases: [(String, [String])] = [
            ("\u{1b}[57414u", ["<CR>"]), ("\u{1b}[57414;2u", ["<S-CR>"]), ("\u{1b}[57399u", ["0"]),
            ("\u{1b}[57408u", ["9"]), ("\u{1b}[57409u", ["."]), ("\u{1b}[57413u", ["+"]),
            ("\u{1b}[57417;5u", ["<C-Left>"]), ("\u{1b}[57426u", ["<Del>"]), ("\u{1b}[57376u", ["<F13>"]),
            ("\u{1b}[57387;2u", ["<S-F24>"]), ("\u{1b}[57388u", ["#unknown"]), ("\u{1b}[57427u", ["#unknown"]),
            ("\u{1b}[57441;2u", ["#unknown"]), ("\u{1b}[57428u", ["#unknown"]), ("\u{1b}[57358u", ["#unknown"]),
        ]
        for (bytes, expected) in cases {
            #expect(InputTest.tokens(try InputTest.decode(bytes)) == expected, "bytes \(Array(bytes.utf8))")
        }
    }

    @Test func queryAnswersAreEvents() throws {
        #expect(try InputTest.decode("\u{1b}[?1u") == [.keyboardFlags(1)])
        #expect(try InputTest.decode("\u{1b}[?0u") == [.keyboardFlags(0)])
        #expect(try InputTest.decode("\u{1b}[?62;22c") == [.deviceAttributes([62, 22])])
        #expect(try InputTest.decode("\u{1b}[?6c") == [.deviceAttributes([6])])   // a vt102 (tmux says 1;2)
        // Split anywhere, among keys.
        let d = try InputTest.decoder()
        let bytes = InputTest.bytes("x\u{1b}[?1u\u{1b}[?62;4cy")
        var events: [InputEvent] = []
        for b in bytes { events += d.feed([b]) }
        #expect(events == [.key("x"), .keyboardFlags(1), .deviceAttributes([62, 4]), .key("y")])
    }

    /// Paste and mouse are untouched by the protocols: the same bytes arrive.
    @Test func pasteAndMouseAmongProtocolKeys() throws {
        let got = try InputTest.decode("\u{1b}[13;2u\u{1b}[200~a\u{1b}[13;2ub\u{1b}[201~\u{1b}[<0;3;4M\u{1b}[27u")
        #expect(got == [.key("<S-CR>"), .paste("a\u{1b}[13;2ub"),
                        .mouse(MouseEvent(kind: .press, button: .left, row: 3, col: 2)), .key("<Esc>")])
    }

    @Test func negotiationPrefersKittyThenModifyOtherKeys() {
        var kitty = KeyboardNegotiation()
        let consumed = [kitty.consume(.key("a")), kitty.consume(.keyboardFlags(0)), kitty.consume(.deviceAttributes([62]))]
        #expect(consumed == [false, true, true])
        #expect(kitty.decision == .kitty)

        var xterm = KeyboardNegotiation()
        #expect(xterm.decision == nil)
        let answers = [xterm.consume(.deviceAttributes([1, 2])), xterm.consume(.keyboardFlags(1))]
        #expect(answers == [true, true])
        #expect(xterm.decision == .modifyOtherKeys)   // the first answer decided
    }

    @Test func protocolSequences() {
        #expect(KeyboardProtocol.query == "\u{1b}[?u\u{1b}[c")
        #expect(KeyboardProtocol.kitty.enableSequence == "\u{1b}[>1u")
        #expect(KeyboardProtocol.kitty.disableSequence == "\u{1b}[<u")
        #expect(KeyboardProtocol.modifyOtherKeys.enableSequence == "\u{1b}[>4;2m")
        #expect(KeyboardProtocol.modifyOtherKeys.disableSequence == "\u{1b}[>4m")
        #expect(KeyboardProtocol.legacy.enableSequence.isEmpty && KeyboardProtocol.legacy.disableSequence.isEmpty)
    }
}
