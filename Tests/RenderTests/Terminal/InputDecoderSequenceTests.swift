import CTermKey
import Testing
@testable import Render
import Kernel

/// The sequences split out before termkey: SGR mouse, bracketed paste,
/// focus, mode reports, OSC/DCS replies and unknown CSIs.
@Suite struct InputDecoderSequenceTests {
    private func mouse(_ s: String) throws -> MouseEvent? {
        let events = try InputTest.decode(s)
        guard events.count == 1, case .mouse(let m)? = events.first else { return nil }
        return m
    }

    // MARK: - Mouse

    @Test func sgrMousePressReleaseDrag() throws {
        #expect(try mouse("\u{1b}[<0;10;5M") == MouseEvent(kind: .press, button: .left, row: 4, col: 9))
        #expect(try mouse("\u{1b}[<0;10;5m") == MouseEvent(kind: .release, button: .left, row: 4, col: 9))
        #expect(try mouse("\u{1b}[<1;1;1M") == MouseEvent(kind: .press, button: .middle, row: 0, col: 0))
        #expect(try mouse("\u{1b}[<2;3;4m") == MouseEvent(kind: .release, button: .right, row: 3, col: 2))
        #expect(try mouse("\u{1b}[<32;11;5M") == MouseEvent(kind: .drag, button: .left, row: 4, col: 10))
        #expect(try mouse("\u{1b}[<34;11;5M") == MouseEvent(kind: .drag, button: .right, row: 4, col: 10))
        #expect(try mouse("\u{1b}[<35;11;5M") == MouseEvent(kind: .move, button: .none, row: 4, col: 10))
    }

    @Test func sgrMouseWheelAllDirections() throws {
        #expect(try mouse("\u{1b}[<64;1;2M") == MouseEvent(kind: .wheel, button: .wheelUp, row: 1, col: 0))
        #expect(try mouse("\u{1b}[<65;1;2M") == MouseEvent(kind: .wheel, button: .wheelDown, row: 1, col: 0))
        #expect(try mouse("\u{1b}[<66;1;2M") == MouseEvent(kind: .wheel, button: .wheelLeft, row: 1, col: 0))
        #expect(try mouse("\u{1b}[<67;1;2M") == MouseEvent(kind: .wheel, button: .wheelRight, row: 1, col: 0))
    }

    @Test func sgrMouseModifiersAndNotation() throws {
        let ctrl = try mouse("\u{1b}[<16;5;5M")
        #expect(ctrl?.modifiers == [.ctrl])
        #expect(ctrl?.notation == "<C-LeftMouse>")
        #expect(try mouse("\u{1b}[<28;5;5M")?.notation == "<C-M-S-LeftMouse>")
        #expect(try mouse("\u{1b}[<12;5;5m")?.notation == "<M-S-LeftRelease>")
        #expect(try mouse("\u{1b}[<80;5;5M")?.notation == "<C-ScrollWheelUp>")
        #expect(try mouse("\u{1b}[<71;5;5M")?.notation == "<S-ScrollWheelRight>")
        #expect(try mouse("\u{1b}[<33;5;5M")?.notation == "<MiddleDrag>")
        #expect(try mouse("\u{1b}[<2;5;5M")?.notation == "<RightMouse>")
        #expect(try mouse("\u{1b}[<35;5;5M")?.notation == "<MouseMove>")
        #expect(try mouse("\u{1b}[<65;5;5M")?.notation == "<ScrollWheelDown>")
        #expect(try mouse("\u{1b}[<66;5;5M")?.notation == "<ScrollWheelLeft>")
    }

    @Test func sgrMouseLargeCoordinates() throws {
        #expect(try mouse("\u{1b}[<0;2345;1234M") == MouseEvent(kind: .press, button: .left, row: 1233, col: 2344))
        // Absurd coordinates are clamped, never trapping.
        let huge = try mouse("\u{1b}[<0;99999999999999999999999;1M")
        #expect(huge?.col == 999_999_999)
    }

    @Test func sgrMouseSplitAcrossFeedsAndBetweenKeys() throws {
        let d = try InputTest.decoder()
        #expect(d.feed(InputTest.bytes("a\u{1b}[<0;1")) == [.key("a")])
        #expect(d.pendingTimeoutMs != nil)
        let rest = d.feed(InputTest.bytes("0;5Mb"))
        #expect(InputTest.tokens(rest) == ["#mouse<LeftMouse>", "b"])
    }

    @Test func malformedMouseNeverLeaksKeys() throws {
        for s in ["\u{1b}[<0;10;5X", "\u{1b}[<0;10M", "\u{1b}[<0;10;5;7M", "\u{1b}[<128;1;1M", "\u{1b}[<64;1;1m"] {
            let events = try InputTest.decode(s)
            #expect(events.allSatisfy { if case .unknown = $0 { true } else { false } }, "\(s.utf8.map { $0 }) -> \(events)")
            #expect(!events.isEmpty)
        }
    }

    @Test func legacyX10MouseStillDecodes() throws {
        // CSI M b x y with 32-offset bytes: left press at column 1, row 1.
        let events = try InputTest.decode("\u{1b}[M !!")
        #expect(events == [.mouse(MouseEvent(kind: .press, button: .left, row: 0, col: 0))])
    }

    // MARK: - Paste

    @Test func pasteIsTextNeverKeys() throws {
        let text = "line1\r\nline2\rline3\n\u{1b}[A\u{1b}x<tab>\t end"
        let events = try InputTest.decode("a\u{1b}[200~" + text + "\u{1b}[201~b")
        #expect(events == [.key("a"), .paste("line1\nline2\nline3\n\u{1b}[A\u{1b}x<tab>\t end"), .key("b")])
    }

    @Test func pasteMarkersSplitEverywhere() throws {
        let input = InputTest.bytes("x\u{1b}[200~hi\r\nthere\u{1b}[201~y")
        for cut1 in 1..<input.count {
            for cut2 in cut1..<input.count {
                let d = try InputTest.decoder()
                var events = d.feed(Array(input[..<cut1]))
                events += d.feed(Array(input[cut1..<cut2]))
                events += d.feed(Array(input[cut2...]))
                #expect(events == [.key("x"), .paste("hi\nthere"), .key("y")], "cuts \(cut1),\(cut2)")
            }
        }
    }

    @Test func crlfSplitAcrossChunksIsOneNewline() throws {
        let d = try InputTest.decoder()
        var events = d.feed(InputTest.bytes("\u{1b}[200~a\r"))
        events += d.feed(InputTest.bytes("\nb\u{1b}[201~"))
        #expect(events == [.paste("a\nb")])
    }

    @Test func invalidUTF8InPasteIsRepaired() throws {
        let bytes: [UInt8] = Array("\u{1b}[200~".utf8) + [0x61, 0xff, 0xe6, 0x62] + Array("\u{1b}[201~".utf8)
        #expect(try InputTest.decode(bytes) == [.paste("a\u{fffd}\u{fffd}b")])
    }

    @Test func tenMegabytePasteInChunksCompletes() throws {
        let d = try InputTest.decoder()
        let line = Array("0123456789abcdef 漢字 \u{1b}[1;5A\r\n".utf8)
        var body: [UInt8] = []
        while body.count < 10 << 20 { body += line }
        let input = Array("\u{1b}[200~".utf8) + body + Array("\u{1b}[201~z".utf8)
        var events: [InputEvent] = []
        var i = 0
        while i < input.count {
            let end = min(input.count, i + 65536 - 7)
            events += d.feed(Array(input[i..<end]))
            i = end
        }
        #expect(events.count == 2)
        guard case .paste(let text)? = events.first else { Issue.record("no paste"); return }
        #expect(text.utf8.count == body.count - body.count / line.count)
        #expect(!text.contains("\r"))
        #expect(events.last == .key("z"))
    }

    @Test func unterminatedPasteFlushesAsPaste() throws {
        let d = try InputTest.decoder()
        #expect(d.feed(InputTest.bytes("\u{1b}[200~abc\u{1b}[20")) == [])
        #expect(d.pendingTimeoutMs == InputDecoder.pasteTimeoutMs)
        #expect(d.flushPending() == [.paste("abc\u{1b}[20")])
        #expect(d.feed(InputTest.bytes("q")) == [.key("q")])
    }

    @Test func strayPasteEndIsUnknown() throws {
        #expect(try InputTest.decode("\u{1b}[201~") == [.unknown(InputTest.bytes("\u{1b}[201~"))])
    }

    // MARK: - Focus, mode reports, replies

    @Test func focusEvents() throws {
        #expect(try InputTest.decode("a\u{1b}[Ib\u{1b}[Oc") == [.key("a"), .focus(true), .key("b"), .focus(false), .key("c")])
    }

    @Test func focusAfterLoneEscapeForcesTheEscape() throws {
        #expect(try InputTest.decode("\u{1b}\u{1b}[I") == [.key("<Esc>"), .focus(true)])
    }

    @Test func modeReportDecodedFromRawBytes() throws {
        #expect(try InputTest.decode("\u{1b}[?2026;2$y") == [.modeReport(mode: 2026, value: 2)])
        #expect(try InputTest.decode("\u{1b}[?2027;0$y") == [.modeReport(mode: 2027, value: 0)])
        #expect(try InputTest.decode("\u{1b}[?1;1$y") == [.modeReport(mode: 1, value: 1)])
    }

    @Test func unknownSequencesNeverProduceKeys() throws {
        let replies = [
            "\u{1b}[?25;99z", "\u{1b}[>1;10;0c", "\u{1b}[99;1x",
            "\u{1b}]11;rgb:0000/0000/0000\u{07}", "\u{1b}]11;rgb:0000/0000/0000\u{1b}\\",
            "\u{1b}P1$r0m\u{1b}\\", "\u{1b}_Gi=1;OK\u{1b}\\", "\u{1b}[2 q", "\u{1b}[99~",
        ]
        for reply in replies {
            let events = try InputTest.decode("a" + reply + "b")
            #expect(events.count == 3, "\(reply.utf8.map { $0 }) -> \(events)")
            #expect(events.first == .key("a") && events.last == .key("b"), "\(events)")
            if events.count == 3, case .unknown = events[1] {} else { Issue.record("not unknown: \(events)") }
        }
    }

    @Test func unknownCSIKeepsItsBytes() throws {
        #expect(try InputTest.decode("\u{1b}[>1;10;0c") == [.unknown(InputTest.bytes("\u{1b}[>1;10;0c"))])
        let osc = "\u{1b}]11;rgb:1/2/3\u{07}"
        #expect(try InputTest.decode(osc) == [.unknown(InputTest.bytes(osc))])
    }

    @Test func longCSIIsOneUnknown() throws {
        let junk = "\u{1b}[" + String(repeating: "1;", count: 400) + "x"
        #expect(try InputTest.decode(junk + "k") == [.unknown(InputTest.bytes(junk)), .key("k")])
    }

    @Test func unfinishedHugeCSIIsDroppedNotHeldForever() throws {
        let d = try InputTest.decoder()
        let junk = InputTest.bytes("\u{1b}[" + String(repeating: "1;", count: 2100))
        let events = d.feed(junk)
        #expect(events == [.unknown(junk)])
        #expect(!d.hasPending)
    }

    @Test func kittySubParametersAreDroppedForTermkey() throws {
        #expect(try InputTest.decode("\u{1b}[97:65;6u") == [.key("<C-S-a>")])
        #expect(try InputTest.decode("\u{1b}[13;2:1u") == [.key("<S-CR>")])
        #expect(try InputTest.decode("\u{1b}[1;5:1A") == [.key("<C-Up>")])
    }

    @Test func termkeyItselfDecodesSGRMouseThanksToTheHook() throws {
        // Without the key_mouse hook, xterm-256color's kmous=\E[< makes
        // termkey split this report into garbage plus stray keys.
        let reader = try TermKeyReader(term: "xterm-256color")
        #expect(reader.push(InputTest.bytes("\u{1b}[<0;10;5M")[...]) == 10)
        guard case .key(var key) = reader.next() else { Issue.record("no key"); return }
        #expect(KeyTranslator.event(for: key, in: reader.handle)
            == .mouse(MouseEvent(kind: .press, button: .left, row: 4, col: 9)))
        key = TermKeyKey()
        if case .key = reader.next() { Issue.record("stray key after the report") }
    }

    @Test func randomChunkingGivesTheSameEvents() throws {
        let seed = SplitMix64.seed()
        var rng = SplitMix64(seed: seed)
        let input = InputTest.bytes("ab\u{1b}[1;5A漢\u{1b}[<0;10;5M\u{1b}[Ic\u{1b}[200~p\r\nq\u{1b}[201~"
            + "\u{1b}[?2026;1$y\u{1b}[27;2;13~😀\u{1b}x\u{1b}[<65;3;3M\u{1b}[Oz")
        let whole = try InputTest.decode(input)
        for _ in 0..<200 {
            let d = try InputTest.decoder()
            var events: [InputEvent] = []
            var i = 0
            while i < input.count {
                let n = 1 + Int(rng.next() % 6)
                events += d.feed(Array(input[i..<min(input.count, i + n)]))
                i += n
            }
            events += d.flushPending()
            #expect(events == whole, "seed \(seed)")
            if events != whole { break }
        }
    }
}

@Suite struct CursorReportTests {
    @Test func aReportIsDecodedOnlyWhenExpected() throws {
        let d = try InputDecoder(term: "xterm-256color")
        // Not expected: the same bytes are a modified F3.
        let before = d.feed(Array("\u{1b}[1;5R".utf8))
        #expect(!before.contains { if case .cursorReport = $0 { return true }; return false })
        d.expectedCursorReports = 1
        let events = d.feed(Array("a\u{1b}[12;40Rb".utf8))
        #expect(events.contains(.cursorReport(row: 11, col: 39)))
        #expect(events.contains(.key(Key(.char("a")))) && events.contains(.key(Key(.char("b")))))
        #expect(d.expectedCursorReports == 0)
    }
}

/// Found by the input fuzzer (fuzz/Harnesses/FuzzInputDecoder.swift): ESC before an
/// 8-bit C1 control gave an unknown key whose bytes were whatever was left
/// in termkey's key struct, so the same input decoded differently.
@Suite struct InputDecoderFuzzRegressionTests {
    @Test func unknownKeysAreDescribedFromTheirCodePointNotStaleBytes() throws {
        var seen: [[InputEvent]] = []
        for _ in 0..<20 {
            // Dirty the decoder's key first with a long key, then the C1 input.
            let d = try InputTest.decoder()
            var events = d.feed(InputTest.bytes("\u{1b}[1;5A你好"))
            events = d.feed([0x00, 0x1b, 0x9b, 0x75])
            if d.hasPending { events += d.flushPending() }
            seen.append(events)
        }
        #expect(Set(seen.map { "\($0)" }).count == 1, "\(seen.first ?? [])")
        for case .unknown(let bytes) in seen.first ?? [] {
            #expect(String(decoding: bytes, as: UTF8.self).unicodeScalars.allSatisfy { $0.value < 0x80 || $0.value == 0x9B || $0.value == 0xFFFD },
                    "\(bytes)")
        }
    }

    /// libtermkey 0.22 read out of bounds on a CSI with an intermediate
    /// and a control byte inside (`ESC [ + ^A C`): such input never
    /// reaches it; the bytes after the broken CSI are keys again.
    @Test func aCSIBrokenByAControlByteIsUnknownAndTheRestAreKeys() throws {
        let events = try InputTest.decode([0x1b, 0x5b, 0x2b, 0x01, 0x43])
        #expect(InputTest.tokens(events) == ["#unknown", "<C-a>", "C"])
        // Alt-[ followed at once by a non-CSI byte stays Alt-[.
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[é")) == ["<M-[>", "é"])
        #expect(InputTest.tokens(try InputTest.decode([0x1b, 0x5b, 0x7f])) == ["<M-[>", "<BS>"])
    }

    /// `CSI u` / `CSI ~` without a key number are unknown: libtermkey 0.22
    /// would read an uninitialised argument as the key.
    @Test func csiUAndTildeWithoutAKeyNumberAreUnknown() throws {
        for s in ["\u{1b}[u", "\u{1b}[;5u", "\u{1b}[~", "\u{1b}[0u", "\u{1b}[99999999u"] {
            #expect(InputTest.tokens(try InputTest.decode("a" + s + "b")) == ["a", "#unknown", "b"], "\(Array(s.utf8))")
        }
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[97;5u")) == ["<C-a>"])
    }

    /// modifyOtherKeys' `CSI 27 ; mods ; key ~` without its key (found by
    /// the input fuzzer: `<C-S-Space>` whole, Shift with U+FFFD when the
    /// bytes before it came in another read) is unknown, whatever came before.
    @Test func modifyOtherKeysWithoutItsKeyIsUnknown() throws {
        for s in ["\u{1b}[27;2~", "\u{1b}[27~", "\u{1b}[27;5;~", "\u{1b}[27;5;0~", "\u{1b}[27:2;13~", "\u{1b}[27;5:1;~"] {
            #expect(InputTest.tokens(try InputTest.decode("a" + s + "b")) == ["a", "#unknown", "b"], "\(Array(s.utf8))")
            let d = try InputTest.decoder()
            let split = d.feed([0x05, 0x9d]) + d.feed(Array(s.utf8))
            #expect(InputTest.tokens(split) == ["<C-e>", "\u{FFFD}", "#unknown"], "\(Array(s.utf8))")
        }
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[27;5;13~")) == ["<C-CR>"])
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[27;2;65~")) == ["A"])
    }

    /// A key number written with many leading zeros, followed by a
    /// sub-parameter, is the same key however the read cuts it (found by
    /// the input fuzzer: the scanner read the 32-digit `0...01` as 1, the
    /// key rewrite as no number at all, and a split read gave `ESC [ ~`).
    @Test func aLongZeroPaddedKeyNumberIsReadAsItsValue() throws {
        let s = Array(("\u{1b}[" + String(repeating: "0", count: 31) + "1:" + String(repeating: "0", count: 30) + "8~").utf8)
        #expect(InputTest.tokens(try InputTest.decode(s)) == ["<Home>"])
        for cut in 1..<s.count {
            let d = try InputTest.decoder()
            let events = d.feed(Array(s[..<cut])) + d.feed(Array(s[cut...]))
            #expect(InputTest.tokens(events) == ["<Home>"], "cut at \(cut)")
        }
        #expect(InputTest.tokens(try InputTest.decode("\u{1b}[000000000000000000005;0000000003~")) == ["<M-PageUp>"])
    }

    /// Keys termkey decodes but weft cannot name are described by weft in
    /// termkey's notation (libtermkey's own formatter can write past its
    /// buffer).
    @Test func unnamedKeysAreDescribedInTermkeyNotation() throws {
        #expect(try InputTest.decode("\u{1b}OE") == [.unknown(Array("<Begin>".utf8))])
        #expect(try InputTest.decode("\u{1b}[97;9u") == [.unknown(Array("<a>".utf8))], "Super-a")
        #expect(try InputTest.decode("\u{1b}[1;15A") == [.unknown(Array("<A-C-Up>".utf8))], "Super-Alt-Ctrl-Up")
        #expect(try InputTest.decode("\u{1b}[1;16P") == [.unknown(Array("<A-C-S-F1>".utf8))], "Super-Alt-Ctrl-Shift-F1")
    }

    /// A key CSI with more than 16 parameters never reaches libtermkey,
    /// which would store the 17th past its argument array (found by the
    /// input fuzzer: the heap corrupted with -1, an empty parameter).
    @Test func aKeyCSIWithMoreThanSixteenParametersIsUnknown() throws {
        for count in [17, 18, 40] {
            for s in ["\u{1b}[" + String(repeating: ";", count: count - 1) + "u",
                      "\u{1b}[1" + String(repeating: ";1", count: count - 1) + "~",
                      "\u{1b}[1" + String(repeating: ";", count: count - 1) + "A"] {
                #expect(InputTest.tokens(try InputTest.decode("a" + s + "b")) == ["a", "#unknown", "b"], "\(s.debugDescription)")
            }
        }
        let sixteen = "\u{1b}[1;5" + String(repeating: ";", count: 14) + "A"
        #expect(InputTest.tokens(try InputTest.decode(sixteen)) == ["<C-Up>"], "16 parameters still reach termkey")
    }

    /// Invalid UTF-8 bytes never reach libtermkey as 8-bit C1 controls.
    @Test func strayContinuationBytesAreReplacementCharacters() throws {
        #expect(InputTest.tokens(try InputTest.decode([0x61, 0x9b, 0x62])) == ["a", "\u{FFFD}", "b"])
        // A character split across reads is still one character.
        let d = try InputTest.decoder()
        let events = d.feed([0xe4, 0xb8]) + d.feed([0xad])
        #expect(InputTest.tokens(events) == ["中"])
    }
}
