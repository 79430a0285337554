import CTermKey
import CUnibilium
import CUtf8proc
import Testing

/// Proves the terminal and Unicode C libraries link and work.
@Suite struct CLibraryLinkTests {
    @Test func termkeyDecodesAKey() throws {
        let tk = try #require(termkey_new_abstract("xterm-256color", Int32(TERMKEY_FLAG_UTF8 | TERMKEY_FLAG_NOSTART)))
        defer { termkey_destroy(tk) }
        termkey_start(tk)
        var bytes: [CChar] = [0x61]
        _ = termkey_push_bytes(tk, &bytes, 1)
        var key = TermKeyKey()
        #expect(termkey_getkey(tk, &key) == TERMKEY_RES_KEY)
        #expect(key.code.codepoint == 0x61)
    }

    @Test func unibiliumReadsCup() throws {
        let ut = try #require(unibi_from_term("xterm-256color"))
        defer { unibi_destroy(ut) }
        let cup = try #require(unibi_get_str(ut, unibi_cursor_address))
        #expect(String(cString: cup).contains("%p1"))
    }

    @Test func utf8procGivesAWidth() {
        #expect(utf8proc_charwidth(0x4E2D) == 2)  // 中
        #expect(utf8proc_charwidth(0x61) == 1)
        #expect(utf8proc_charwidth(0x0301) == 0)  // combining acute
    }
}
