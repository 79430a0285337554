import Foundation
import Kernel

/// Decodes raw terminal input bytes into ``InputEvent``s.
///
/// Bytes go through two stages. First the decoder splits out what
/// libtermkey 0.22 gets wrong (``EscapeScanner``): bracketed paste
/// (`ESC [ 200 ~` ... `ESC [ 201 ~`, buffered across feeds; pasted bytes
/// never reach termkey), focus events, SGR mouse (including drag and the
/// horizontal wheel), DEC mode reports, OSC/DCS replies and CSIs that are not
/// keys; kitty `:` sub-parameters, which termkey cannot parse, are removed. Everything else is pushed into an abstract-mode termkey in a
/// push/drain loop and translated to ``Key`` values (``KeyTranslator``).
///
/// Input that may be the start of a longer key (a lone ESC, partial UTF-8,
/// a CSI cut by the read) is held: ``pendingTimeoutMs`` then says how long to
/// wait for more bytes, after which the caller calls ``flushPending()``
/// (a lone ESC becomes `<Esc>`, `ESC x` arrived in one read is `<M-x>`).
///
/// ```swift
/// let d = try InputDecoder()
/// var events = d.feed(bytes)
/// if let ms = d.pendingTimeoutMs { /* poll up to ms, then: */ events += d.flushPending() }
/// ```
///
/// Consecutive unmodified characters that form one grapheme cluster (`e` +
/// U+0301, a ZWJ emoji, a flag) within one feed become one key.
public final class InputDecoder {
    private let termkey: TermKeyReader
    /// Bytes at the end of the last feed that may start a sequence.
    private var held: [UInt8] = []
    /// Whether termkey returned AGAIN on its last drain.
    private var termkeyWaiting = false
    /// Bytes of a bracketed paste in progress (nil outside a paste).
    private var pasteBytes: [UInt8]?
    /// Where to resume looking for the paste end marker.
    private var pasteScanFrom = 0
    /// Cursor position reports (`CSI row ; col R`) still expected: while
    /// above 0, such a sequence is a ``InputEvent/cursorReport(row:col:)``
    /// rather than a modified F3 (which uses the same bytes). Set it when
    /// sending `CSI 6 n`; each report decoded takes one off.
    public var expectedCursorReports = 0
    /// UTF-8 continuation bytes still expected by the text pushed into
    /// termkey so far (a character may be split across reads).
    private var utf8Expected = 0

    /// How long an unterminated paste may stall before ``flushPending()``
    /// ends it (the terminal lost the end marker).
    public static let pasteTimeoutMs = 1000

    /// Creates a decoder for terminal type `term` (default: `$TERM`, else
    /// `xterm-256color`).
    /// - Throws: ``TerminalError/inputDecoder(_:)`` when libtermkey fails.
    public init(term: String? = nil) throws {
        let name = term ?? ProcessInfo.processInfo.environment["TERM"] ?? "xterm-256color"
        termkey = try TermKeyReader(term: name.isEmpty ? "xterm-256color" : name)
    }

    /// Whether any input is held waiting for more bytes.
    public var hasPending: Bool { !held.isEmpty || termkeyWaiting || pasteBytes != nil }

    /// Milliseconds to wait for more bytes before calling ``flushPending()``,
    /// or nil when nothing is held. termkey's wait time (50 ms) for keys;
    /// ``pasteTimeoutMs`` inside an unterminated paste.
    public var pendingTimeoutMs: Int? {
        if pasteBytes != nil { return InputDecoder.pasteTimeoutMs }
        return !held.isEmpty || termkeyWaiting ? termkey.waitTimeMs : nil
    }

    /// Decodes `bytes` (any split of the input stream) into events, in order.
    public func feed(_ bytes: [UInt8]) -> [InputEvent] {
        var out: [InputEvent] = []
        var data = bytes
        while !data.isEmpty {
            data = pasteBytes != nil ? continuePaste(data, &out) : scan(data, &out)
        }
        return out
    }

    /// Gives up waiting: decodes whatever is held as if no more bytes will
    /// follow. A held CSI fragment becomes ``InputEvent/unknown(_:)``; an
    /// unterminated paste is delivered as it stands.
    public func flushPending() -> [InputEvent] {
        var out: [InputEvent] = []
        utf8Expected = 0
        if let bytes = pasteBytes {
            pasteBytes = nil
            out.append(.paste(InputDecoder.pasteText(bytes)))
            return out
        }
        let bytes = held
        held = []
        if bytes.count >= 3, bytes[1] == UInt8(ascii: "[") {
            drainTermKey(&out, force: true)
            out.append(.unknown(bytes))
        } else {
            pushToTermKey(bytes[...], &out)
            drainTermKey(&out, force: true)
        }
        return out
    }

    // MARK: - Outside a paste

    /// Scans `held + data`; returns the bytes after a paste start marker
    /// (empty otherwise).
    private func scan(_ data: [UInt8], _ out: inout [InputEvent]) -> [UInt8] {
        let buf = held.isEmpty ? data : held + data
        held = []
        var plainStart = 0
        var i = 0
        while let j = InputDecoder.nextEscape(in: buf, from: i) {
            switch EscapeScanner.match(buf, at: j, cursorReport: expectedCursorReports > 0) {
            case .none:
                i = j + 1
            case .passThrough(let length):
                i = j + length
            case .rewrite(let replacement, let length):
                pushToTermKey(buf[plainStart..<j], &out)
                pushToTermKey(replacement[...], &out)
                i = j + length
                plainStart = i
            case .incomplete:
                pushToTermKey(buf[plainStart..<j], &out)
                held = Array(buf[j...])
                return []
            case .event(let event, let length):
                if case .cursorReport = event { expectedCursorReports -= 1 }
                pushToTermKey(buf[plainStart..<j], &out)
                drainTermKey(&out, force: true)
                out.append(event)
                i = j + length
                plainStart = i
            case .pasteStart(let length):
                pushToTermKey(buf[plainStart..<j], &out)
                drainTermKey(&out, force: true)
                pasteBytes = []
                pasteScanFrom = 0
                return Array(buf[(j + length)...])
            }
        }
        pushToTermKey(buf[plainStart...], &out)
        return []
    }

    private static func nextEscape(in buf: [UInt8], from i: Int) -> Int? {
        guard i < buf.count else { return nil }
        return buf[i...].firstIndex(of: EscapeScanner.esc)
    }

    // MARK: - Inside a paste

    /// Adds `data` to the paste; when the end marker is there, emits the
    /// paste and returns the bytes after the marker.
    private func continuePaste(_ data: [UInt8], _ out: inout [InputEvent]) -> [UInt8] {
        guard var bytes = pasteBytes else { return data }
        pasteBytes = nil   // keep `bytes` uniquely referenced: no copy on append
        bytes.append(contentsOf: data)
        guard let end = InputDecoder.findPasteEnd(bytes, from: pasteScanFrom) else {
            pasteScanFrom = max(0, bytes.count - (InputDecoder.pasteEnd.count - 1))
            pasteBytes = bytes
            return []
        }
        out.append(.paste(InputDecoder.pasteText(Array(bytes[..<end]))))
        return Array(bytes[(end + InputDecoder.pasteEnd.count)...])
    }

    // MARK: - termkey

    /// Pushes bytes into termkey, draining keys whenever its buffer fills.
    private func pushToTermKey(_ bytes: ArraySlice<UInt8>, _ out: inout [InputEvent]) {
        var rest = withoutStrayContinuations(bytes)
        while !rest.isEmpty {
            let n = termkey.push(rest)
            rest = rest.dropFirst(n)
            let decoded = drainTermKey(&out, force: false)
            if n == 0 && decoded == 0 {
                // Full buffer holding one unfinished key: force it out.
                utf8Expected = 0
                guard let key = termkey.force() else {
                    out.append(.unknown(Array(rest)))
                    return
                }
                append(KeyTranslator.event(for: key, in: termkey.handle), to: &out)
            }
        }
    }

    /// `bytes` with every continuation byte (0x80-0xBF) that continues no
    /// character, and every byte that never occurs in UTF-8 (0xC0, 0xC1,
    /// 0xF5-0xFF: termkey would decode 5- and 6-byte forms), replaced by
    /// U+FFFD. termkey reads a stray continuation byte as an 8-bit
    /// C1 control (0x9B as CSI, 0x90 as DCS...): no terminal sends those in
    /// UTF-8 mode, and libtermkey 0.22 read freed memory and crashed on
    /// `ESC 0x9B` (found by the input fuzzer). Characters split across
    /// reads are kept: the expected continuations are counted across calls.
    private func withoutStrayContinuations(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var out: [UInt8]?
        for (k, b) in zip(bytes.indices, bytes) {
            var replace = false
            switch b {
            case 0x80...0xBF:
                if utf8Expected > 0 { utf8Expected -= 1 } else { replace = true }
            case 0xC2...0xDF: utf8Expected = 1
            case 0xE0...0xEF: utf8Expected = 2
            case 0xF0...0xF4: utf8Expected = 3
            case 0xC0, 0xC1, 0xF5...0xFF: utf8Expected = 0; replace = true  // never in UTF-8
            default: utf8Expected = 0
            }
            if replace && out == nil { out = Array(bytes[..<k]) }
            if replace { out!.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { out?.append(b) }
        }
        return out.map { $0[...] } ?? bytes
    }

    /// Takes every complete key out of termkey; with `force`, also the
    /// unfinished one at the end. Returns how many events were produced.
    @discardableResult
    private func drainTermKey(_ out: inout [InputEvent], force: Bool) -> Int {
        var count = 0
        termkeyWaiting = false
        // A forced drain ends any character cut short: the next byte is
        // never its continuation.
        if force { utf8Expected = 0 }
        while true {
            switch termkey.next() {
            case .key(let key):
                append(KeyTranslator.event(for: key, in: termkey.handle), to: &out)
                count += 1
            case .again:
                guard force, let key = termkey.force() else {
                    termkeyWaiting = true
                    return count
                }
                append(KeyTranslator.event(for: key, in: termkey.handle), to: &out)
                count += 1
            case .empty:
                return count
            }
        }
    }

    /// Appends a key, merging it into the previous plain character when the
    /// two form one grapheme cluster.
    private func append(_ event: InputEvent, to out: inout [InputEvent]) {
        if case .key(let key) = event, let c = key.plainCharacter,
           case .key(let previous)? = out.last, let p = previous.plainCharacter {
            let merged = String(p) + String(c)
            if merged.count == 1, let cluster = merged.first {
                out[out.count - 1] = .key(Key(.char(cluster)))
                return
            }
        }
        out.append(event)
    }
}
