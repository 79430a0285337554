import CTermKey
#if canImport(Glibc)
import Glibc
#endif

/// The libtermkey terminfo hook: hides `key_mouse` (xterm's `kmous=\E[<`
/// would make termkey misparse SGR mouse reports) and the terminfo names for
/// F13 and up (xterm's terminfo calls Shift-F5 `kf17`; without them termkey's
/// CSI driver reports Shift-F5 as F5 with Shift). Must be installed before
/// `termkey_start`: it has no effect afterwards.
private func weftTerminfoHook(_ name: UnsafePointer<CChar>?, _ value: UnsafePointer<CChar>?,
                              _ data: UnsafeMutableRawPointer?) -> UnsafePointer<CChar>? {
    guard let name else { return value }
    if strcmp(name, "key_mouse") == 0 { return nil }
    if strncmp(name, "key_f", 5) == 0, atoi(name + 5) > 12 { return nil }
    return value
}

/// A thin owner of one abstract-mode `TermKey` instance: bytes in, keys out.
///
/// Created with `TERMKEY_FLAG_UTF8 | TERMKEY_FLAG_NOSTART |
/// TERMKEY_FLAG_CONVERTKP` (keypad keys become their ordinary keys), the
/// terminfo hook installed before `termkey_start`, and a 4 KiB buffer.
final class TermKeyReader {
    /// One step of draining termkey.
    enum Step {
        /// A decoded key.
        case key(TermKeyKey)
        /// The buffer ends inside a key (lone ESC, partial UTF-8): wait.
        case again
        /// The buffer is empty.
        case empty
    }

    let handle: OpaquePointer
    static let bufferSize = 4096

    /// Opens termkey for terminal type `term`, falling back to
    /// `xterm-256color` and then to no terminfo at all.
    /// - Throws: `TerminalError.inputDecoder` when libtermkey cannot start.
    init(term: String) throws {
        let flags = Int32(TERMKEY_FLAG_UTF8 | TERMKEY_FLAG_NOSTART | TERMKEY_FLAG_CONVERTKP)
        var made: OpaquePointer? = nil
        for name in [term, "xterm-256color", "dumb"] where made == nil {
            made = termkey_new_abstract(name, flags)
        }
        guard let tk = made else {
            throw TerminalError.inputDecoder("termkey_new_abstract failed for TERM=\(term)")
        }
        termkey_hook_terminfo_getstr(tk, weftTerminfoHook, nil)
        guard termkey_start(tk) != 0 else {
            termkey_destroy(tk)
            throw TerminalError.inputDecoder("termkey_start failed for TERM=\(term)")
        }
        _ = termkey_set_buffer_size(tk, TermKeyReader.bufferSize)
        handle = tk
    }

    deinit { termkey_destroy(handle) }

    /// How long to wait for the rest of a key before forcing it (50 ms).
    var waitTimeMs: Int { Int(termkey_get_waittime(handle)) }

    /// Pushes as many bytes as termkey has room for; returns how many.
    func push(_ bytes: ArraySlice<UInt8>) -> Int {
        guard !bytes.isEmpty else { return 0 }
        return bytes.withUnsafeBufferPointer { buf -> Int in
            guard let base = buf.baseAddress else { return 0 }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                termkey_push_bytes(handle, $0, buf.count)
            }
        }
    }

    /// The next key, if the buffer holds a complete one.
    func next() -> Step {
        var key = TermKeyKey()
        switch termkey_getkey(handle, &key) {
        case TERMKEY_RES_KEY: return .key(key)
        case TERMKEY_RES_AGAIN: return .again
        default: return .empty
        }
    }

    /// The next key without waiting: a lone ESC becomes Escape, `ESC x`
    /// becomes Meta-x, partial UTF-8 becomes U+FFFD.
    func force() -> TermKeyKey? {
        var key = TermKeyKey()
        return termkey_getkey_force(handle, &key) == TERMKEY_RES_KEY ? key : nil
    }
}
