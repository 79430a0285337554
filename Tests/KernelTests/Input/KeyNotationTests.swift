import Testing
@testable import Kernel

@Suite struct KeyNotationTests {
    @Test func parsesTheExampleFromTheContract() throws {
        #expect(try KeyNotation.parse("<C-x>ab<lt><CR>") == ["<C-x>", "a", "b", "<lt>", "<CR>"])
        #expect(try KeyNotation.parse("") == [])
        #expect(try KeyNotation.parse("a b") == ["a", "<Space>", "b"])
    }

    @Test(arguments: [
        ("<Enter>", "<CR>"), ("<Return>", "<CR>"), ("<return>", "<CR>"), ("<cr>", "<CR>"),
        ("<Escape>", "<Esc>"), ("<esc>", "<Esc>"), ("<BackSpace>", "<BS>"), ("<bs>", "<BS>"),
        ("<Delete>", "<Del>"), ("<del>", "<Del>"), ("<pageup>", "<PageUp>"), ("<PAGEDOWN>", "<PageDown>"),
        ("<Bar>", "|"), ("<bar>", "|"), ("<Bslash>", "\\"), ("<BSLASH>", "\\"),
        ("<LT>", "<lt>"), ("<space>", "<Space>"), ("<SPACE>", "<Space>"), (" ", "<Space>"),
        ("<f12>", "<F12>"), ("<scrollwheelup>", "<ScrollWheelUp>"), ("<mousemove>", "<MouseMove>"),
        ("<c-x>", "<C-x>"), ("<A-x>", "<M-x>"), ("<a-x>", "<M-x>"), ("<m-x>", "<M-x>"),
        ("<C-A>", "<C-a>"), ("<C-S-A>", "<C-S-a>"), ("<s-c-a>", "<C-S-a>"),
        ("<S-M-C-x>", "<C-M-S-x>"), ("<M-C-x>", "<C-M-x>"), ("<s-tab>", "<S-Tab>"),
        ("<S-C-Up>", "<C-S-Up>"), ("<A-CR>", "<M-CR>"), ("<S-Enter>", "<S-CR>"),
        ("<S-a>", "A"), ("<S-A>", "A"), ("<S-1>", "1"), ("<S-lt>", "<lt>"), ("<S-Space>", "<S-Space>"),
        ("<M-A>", "<M-A>"), ("<M-S-a>", "<M-A>"), ("<C-M-A>", "<C-M-a>"), ("<C-S-é>", "<C-S-é>"),
        ("<C-É>", "<C-é>"), ("<S-é>", "É"), ("<C-Bar>", "<C-|>"), ("<C-Bslash>", "<C-\\>"),
        ("<C-\\>", "<C-\\>"), ("<M->>", "<M->>"), ("<C-->", "<C-->"), ("<C-<>", "<C-lt>"),
        ("<C-lt>", "<C-lt>"), ("<C-Space>", "<C-Space>"), ("<C-C-x>", "<C-x>"), ("<M-S>", "<M-S>"),
    ])
    func normalisesAliases(input: String, canonical: String) throws {
        #expect(try KeyNotation.parse(input) == [canonical])
        #expect(try KeyNotation.canonical(input) == canonical)
    }

    @Test func everyNamedKeyRoundTripsInAnyCase() throws {
        for name in KeyNames.canonical {
            let token = "<\(name)>"
            #expect(try KeyNotation.parse(token) == [token])
            #expect(try KeyNotation.parse(token.lowercased()) == [token])
            #expect(try KeyNotation.parse(token.uppercased()) == [token])
            #expect(try KeyNotation.parse("<c-s-\(name.lowercased())>") == ["<C-S-\(name)>"])
        }
        #expect(KeyNames.canonical.count == 14 + 24 + 14)
    }

    @Test func graphemeClustersAreOneKey() throws {
        let flag = "🇫🇷", family = "👨‍👩‍👧", combining = "e\u{301}"
        #expect(try KeyNotation.parse("é漢😀") == ["é", "漢", "😀"])
        #expect(try KeyNotation.parse(flag + family + combining) == [flag, family, combining])
        #expect(try KeyNotation.parse("<M-漢>") == ["<M-漢>"])
    }

    @Test(arguments: [
        ("<", ["<lt>"]),
        ("<C-", ["<lt>", "C", "-"]),
        ("<C->", ["<lt>", "C", "-", ">"]),
        ("<>", ["<lt>", ">"]),
        ("<a>", ["<lt>", "a", ">"]),
        ("<foo>", ["<lt>", "f", "o", "o", ">"]),
        ("<X-a>", ["<lt>", "X", "-", "a", ">"]),
        ("<CR", ["<lt>", "C", "R"]),
        ("<<CR>", ["<lt>", "<CR>"]),
        ("<C-x", ["<lt>", "C", "-", "x"]),
        ("a<b", ["a", "<lt>", "b"]),
        (">", [">"]),
        ("<C-a>>", ["<C-a>", ">"]),
        ("<M-->>", ["<M-->", ">"]),
    ])
    func aLoneLessThanIsTheKeyLt(input: String, expected: [String]) throws {
        #expect(try KeyNotation.parse(input) == expected)
    }

    @Test(arguments: [
        ("\t", "<Tab>"), ("a\u{1B}", "<Esc>"), ("\r", "<CR>"), ("\n", "<CR>"),
        ("\u{7F}", "<BS>"), ("\u{01}", "<C-a>"), ("\u{85}", "U+0085"),
    ])
    func rawControlCharactersAreErrors(input: String, hint: String) {
        do {
            _ = try KeyNotation.parse(input)
            Issue.record("expected an error for \(input.debugDescription)")
        } catch let e as KernelError {
            #expect(e.description.contains(hint), "\(e)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func singleKeyParsingRejectsSequences() throws {
        #expect(throws: KernelError.self) { try Key(token: "ab") }
        #expect(throws: KernelError.self) { try Key(token: "") }
        #expect(throws: KernelError.self) { try KeyNotation.canonical("<C-x>y") }
        let k = try Key(token: "<c-s-A>")
        #expect(k == Key(.char("a"), ctrl: true, shift: true))
        #expect(k.token == "<C-S-a>")
        #expect(try Key(token: "<lt>").text == "<")
        #expect(try Key(token: "<M-a>").text == nil)
        #expect(try Key(token: "<Up>").text == nil)
    }

    @Test func formatIsTheInverseOfParseForCanonicalTokens() throws {
        let seed = InputTestRNG.seed()
        var rng = InputTestRNG(seed: seed)
        let chars: [Character] = ["a", "Z", "1", ">", "-", "|", "\\", "<", " ", "é", "漢", "😀", "C", "S", "M"]
        let bases: [Key.Base] = chars.map { .char($0) } + KeyNames.canonical.map { .named($0) }
        for _ in 0..<300 {
            var keys: [String] = []
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                guard let base = bases.randomElement(using: &rng) else { continue }
                let key = Key(base, ctrl: Bool.random(using: &rng), meta: Bool.random(using: &rng),
                              shift: Bool.random(using: &rng))
                keys.append(key.token)
            }
            let text = KeyNotation.format(keys)
            #expect(try KeyNotation.parse(text) == keys, "seed \(seed): \(text)")
            #expect(try KeyNotation.normalize(text) == text, "seed \(seed): \(text)")
        }
    }
}
