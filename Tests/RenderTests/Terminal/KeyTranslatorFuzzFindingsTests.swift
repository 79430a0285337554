import CTermKey
import Kernel
import Testing
@testable import Render

/// Keys termkey decodes that the key notation cannot name, found by the
/// input fuzzer: they must come out as unknown events, never crash or make
/// a key whose notation does not parse.
@Suite struct KeyTranslatorFuzzFindingsTests {
    private func translate(_ fill: (inout TermKeyKey) -> Void) throws -> InputEvent {
        let reader = try TermKeyReader(term: "xterm-256color")
        var key = TermKeyKey()
        fill(&key)
        return KeyTranslator.event(for: key, in: reader.handle)
    }

    @Test func altWithACombiningMarkIsAnUnknownKey() throws {
        let event = try translate { key in
            key.type = TERMKEY_TYPE_UNICODE
            key.code.codepoint = 0x07B0  // THAANA SUKUN, a combining mark
            key.modifiers = Int32(TERMKEY_KEYMOD_ALT)
        }
        guard case .unknown = event else { Issue.record("got \(event)"); return }
    }

    /// A prepended concatenation mark joins the character after it: inside
    /// `<M-...>` it would swallow the `>`.
    @Test func altWithAPrependedMarkIsAnUnknownKey() throws {
        for mods in [TERMKEY_KEYMOD_ALT, TERMKEY_KEYMOD_CTRL] {
            let event = try translate { key in
                key.type = TERMKEY_TYPE_UNICODE
                key.code.codepoint = 0x0601  // ARABIC SIGN SANAH, Grapheme_Cluster_Break=Prepend
                key.modifiers = Int32(mods)
            }
            guard case .unknown = event else { Issue.record("got \(event)"); return }
        }
        let alone = try translate { key in
            key.type = TERMKEY_TYPE_UNICODE
            key.code.codepoint = 0x0601
        }
        #expect(alone == .key(Key(.char("\u{0601}"))))
    }

    @Test func aCombiningMarkAloneIsStillTyped() throws {
        let event = try translate { key in
            key.type = TERMKEY_TYPE_UNICODE
            key.code.codepoint = 0x07B0
        }
        #expect(event == .key(Key(.char("\u{07B0}"))))
        #expect(try KeyNotation.canonical("\u{07B0}") == "\u{07B0}")
    }

    @Test func altWithALetterIsStillAKey() throws {
        let event = try translate { key in
            key.type = TERMKEY_TYPE_UNICODE
            key.code.codepoint = 0x78
            key.modifiers = Int32(TERMKEY_KEYMOD_ALT)
        }
        #expect(event == .key(Key(.char("x"), meta: true)))
    }

    @Test func aNegativeKeySymbolIsNamedWithoutTermkey() throws {
        for sym in [Int32.min, -5] {
            let event = try translate { key in
                key.type = TERMKEY_TYPE_KEYSYM
                key.code.sym = TermKeySym(rawValue: .init(truncatingIfNeeded: sym))
                key.modifiers = 8  // a modifier the notation lacks: described, not named
            }
            #expect(event == .unknown(Array("<key \(sym)>".utf8)))
        }
    }
}
