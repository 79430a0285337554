import Kernel
import Testing
@testable import Render

/// Key decoding from raw bytes: every key class, notation fix-ups and the
/// ESC timeout.
@Suite struct InputDecoderKeyTests {
    /// (bytes, expected tokens) for one feed followed by a flush.
    static let cases: [(String, [String])] = [
        ("a", ["a"]), ("A", ["A"]), ("abc", ["a", "b", "c"]),
        ("<", ["<lt>"]), (" ", ["<Space>"]), ("é漢😀", ["é", "漢", "😀"]),
        ("\u{01}", ["<C-a>"]), ("\u{1a}", ["<C-z>"]), ("\u{00}", ["<C-Space>"]),
        ("\t", ["<Tab>"]), ("\r", ["<CR>"]), ("\n", ["<C-j>"]), ("\u{08}", ["<C-h>"]),
        ("\u{7f}", ["<BS>"]), ("\u{1c}", ["<C-\\>"]), ("\u{1d}", ["<C-]>"]),
        ("\u{1b}x", ["<M-x>"]), ("\u{1b}X", ["<M-X>"]), ("\u{1b}\u{01}", ["<C-M-a>"]),
        ("\u{1b}\r", ["<M-CR>"]), ("\u{1b} ", ["<M-Space>"]), ("\u{1b}<", ["<M-lt>"]),
        ("\u{1b}[A", ["<Up>"]), ("\u{1b}[B", ["<Down>"]), ("\u{1b}[C", ["<Right>"]),
        ("\u{1b}[D", ["<Left>"]), ("\u{1b}OA", ["<Up>"]),
        ("\u{1b}[1;5A", ["<C-Up>"]), ("\u{1b}[1;6A", ["<C-S-Up>"]), ("\u{1b}[1;3D", ["<M-Left>"]),
        ("\u{1b}[1;2C", ["<S-Right>"]), ("\u{1b}\u{1b}[A", ["<M-Up>"]),
        ("\u{1b}[H", ["<Home>"]), ("\u{1b}[F", ["<End>"]), ("\u{1b}[1~", ["<Home>"]),
        ("\u{1b}[4~", ["<End>"]), ("\u{1b}[2~", ["<Insert>"]), ("\u{1b}[3~", ["<Del>"]),
        ("\u{1b}[3;5~", ["<C-Del>"]), ("\u{1b}[5~", ["<PageUp>"]), ("\u{1b}[6~", ["<PageDown>"]),
        ("\u{1b}OP", ["<F1>"]), ("\u{1b}OS", ["<F4>"]), ("\u{1b}[15~", ["<F5>"]),
        ("\u{1b}[24~", ["<F12>"]), ("\u{1b}[15;2~", ["<S-F5>"]), ("\u{1b}[1;2P", ["<S-F1>"]),
        ("\u{1b}[1;5P", ["<C-F1>"]), ("\u{1b}[24;5~", ["<C-F12>"]), ("\u{1b}[25~", ["<F13>"]),
        ("\u{1b}[34~", ["<F20>"]),
        ("\u{1b}[Z", ["<S-Tab>"]),
        ("\u{1b}[13;2u", ["<S-CR>"]), ("\u{1b}[13;3u", ["<M-CR>"]), ("\u{1b}[97;5u", ["<C-a>"]),
        ("\u{1b}[97;6u", ["<C-S-a>"]), ("\u{1b}[105;5u", ["<Tab>"]), ("\u{1b}[9;5u", ["<C-Tab>"]),
        ("\u{1b}[27u", ["<Esc>"]), ("\u{1b}[127;5u", ["<C-BS>"]), ("\u{1b}[60;5u", ["<C-lt>"]),
        ("\u{1b}[32;5u", ["<C-Space>"]), ("\u{1b}[97;2u", ["A"]), ("\u{1b}[97;4u", ["<M-A>"]),
        ("\u{1b}[27;2;13~", ["<S-CR>"]), ("\u{1b}[27;6;65~", ["<C-S-a>"]), ("\u{1b}[27;5;65~", ["<C-a>"]),
        ("\u{1b}[27;5;9~", ["<C-Tab>"]), ("\u{1b}[27;3;97~", ["<M-a>"]), ("\u{1b}[27;5;44~", ["<C-,>"]),
        ("\u{1b}OM", ["<CR>"]), ("\u{1b}Op", ["0"]),
        ("e\u{301}", ["e\u{301}"]), ("👩\u{200d}👩\u{200d}👧", ["👩\u{200d}👩\u{200d}👧"]),
        ("🇫🇷", ["🇫🇷"]),
    ]

    @Test(arguments: 0..<cases.count)
    func decodesKey(_ index: Int) throws {
        let (input, expected) = InputDecoderKeyTests.cases[index]
        let got = InputTest.tokens(try InputTest.decode(input))
        #expect(got == expected, "input \(Array(input.utf8))")
    }

    @Test func everyProducedTokenIsCanonicalForTheKeymapParser() throws {
        for (input, expected) in InputDecoderKeyTests.cases {
            for token in InputTest.tokens(try InputTest.decode(input)) {
                let key = try Key(token: token)
                #expect(key.token == token, "input \(Array(input.utf8)) expected \(expected)")
            }
        }
    }

    @Test func utf8SplitAcrossFeeds() throws {
        let d = try InputTest.decoder()
        let bytes = InputTest.bytes("漢😀")   // 3 + 4 bytes
        #expect(d.feed(Array(bytes[0..<2])) == [])
        #expect(d.pendingTimeoutMs == 50)
        #expect(d.feed(Array(bytes[2..<5])) == [.key("漢")])
        #expect(d.feed(Array(bytes[5...])) == [.key("😀")])
        #expect(d.pendingTimeoutMs == nil)
    }

    @Test func partialUTF8FlushedIsReplacementCharacter() throws {
        let d = try InputTest.decoder()
        #expect(d.feed([0xe6, 0xbc]) == [])
        #expect(d.flushPending() == [.key("\u{fffd}")])
        #expect(d.feed(Array("x".utf8)) == [.key("x")])
    }

    @Test func loneEscWaitsThenFlushesAsEsc() throws {
        let d = try InputTest.decoder()
        #expect(d.feed([0x1b]) == [])
        #expect(d.hasPending)
        #expect(d.pendingTimeoutMs == 50)
        #expect(d.flushPending() == [.key("<Esc>")])
        #expect(!d.hasPending)
        #expect(d.pendingTimeoutMs == nil)
        #expect(d.flushPending() == [])
    }

    @Test func escThenLetterInLaterFeedIsMeta() throws {
        let d = try InputTest.decoder()
        #expect(d.feed([0x1b]) == [])
        #expect(d.feed(Array("x".utf8)) == [.key("<M-x>")])
    }

    @Test func escapeSequenceSplitAcrossFeeds() throws {
        let d = try InputTest.decoder()
        let seq = InputTest.bytes("\u{1b}[1;5A")
        for cut in 1..<seq.count {
            let first = d.feed(Array(seq[..<cut]))
            let second = d.feed(Array(seq[cut...]))
            #expect(first == [] && second == [.key("<C-Up>")], "cut at \(cut)")
        }
    }

    @Test func escFollowedByEscWaitsForSecond() throws {
        let d = try InputTest.decoder()
        #expect(d.feed([0x1b, 0x1b]) == [])
        #expect(d.flushPending() == [.key("<M-Esc>")])
    }

    @Test func typedAltBracketFlushesAsMeta() throws {
        let d = try InputTest.decoder()
        #expect(d.feed(InputTest.bytes("\u{1b}[")) == [])
        #expect(d.flushPending() == [.key("<M-[>")])
    }

    @Test func heldCSIFragmentFlushesAsUnknownNotKeys() throws {
        let d = try InputTest.decoder()
        #expect(d.feed(InputTest.bytes("\u{1b}[1;5")) == [])
        #expect(d.flushPending() == [.unknown(InputTest.bytes("\u{1b}[1;5"))])
    }

    @Test func fiveThousandTypedCharsInOneFeed() throws {
        let seed = SplitMix64.seed()
        var rng = SplitMix64(seed: seed)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789é漢")
        var text: [Character] = []
        for _ in 0..<5000 { text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
        let events = try InputTest.decode(String(text))
        #expect(events == text.map { .key(String($0)) }, "seed \(seed)")
    }

    @Test func largeMixedInputAllDecoded() throws {
        var input = ""
        var expected: [String] = []
        for i in 0..<600 {
            switch i % 4 {
            case 0: input += "x"; expected.append("x")
            case 1: input += "\u{1b}[1;5A"; expected.append("<C-Up>")
            case 2: input += "\u{1b}[27;2;13~"; expected.append("<S-CR>")
            default: input += "\u{1b}[<0;3;4M"; expected.append("#mouse<LeftMouse>")
            }
        }
        #expect(InputTest.tokens(try InputTest.decode(input)) == expected)
    }

    @Test func superModifierIsUnknownNotAKey() throws {
        // CSI-u modifier 9 = Super: the notation has no name for it.
        let events = try InputTest.decode("\u{1b}[97;9u")
        #expect(events.count == 1)
        if case .unknown = events.first {} else { Issue.record("got \(events)") }
    }
}
