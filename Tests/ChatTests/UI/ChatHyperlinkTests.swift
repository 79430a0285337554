import Kernel
import Render
import Testing
@testable import Chat

/// Links in a reply reach the terminal as OSC 8 hyperlinks around exactly
/// their text, and not at all when hyperlinks are off.
@Suite struct ChatHyperlinkTests {
    private func bytes(_ markdown: String, hyperlinks: Bool) throws -> String {
        let s = try ChatScreen(width: 40, height: 12)
        s.show([("q", markdown)])
        var encoder = FrameEncoder(terminfo: .xterm, colorMode: .truecolor, highlights: s.highlights)
        encoder.hyperlinks = hyperlinks
        let out = encoder.encode(next: s.frame(), cursor: nil, cursorVisible: false)
        return String(decoding: out, as: UTF8.self)
    }

    /// The printable text written between the OSC 8 that opens `url` and
    /// the next OSC 8 (which must close it), escape sequences removed.
    private func linked(_ out: String, _ url: String) -> String? {
        let open = "\u{1B}]8;;" + url + "\u{1B}\\"
        guard let start = out.range(of: open) else { return nil }
        let rest = out[start.upperBound...]
        guard let close = rest.range(of: "\u{1B}]8;") else { return nil }
        guard rest[close.lowerBound...].hasPrefix("\u{1B}]8;;\u{1B}\\") else { return nil }
        var text = ""
        var inEscape = false
        for ch in rest[..<close.lowerBound] {
            if ch == "\u{1B}" { inEscape = true; continue }
            if inEscape { if ch.isLetter { inEscape = false }; continue }
            if let a = ch.asciiValue, a < 0x20 { continue }
            text.append(ch)
        }
        return text
    }

    @Test func linkTextIsWrappedInOSC8() throws {
        let out = try bytes("see [the docs](https://example.com/docs) and <https://x.org/a?b=1>", hyperlinks: true)
        #expect(linked(out, "https://example.com/docs") == "the docs")
        #expect(linked(out, "https://x.org/a?b=1") == "https://x.org/a?b=1")
        #expect(!out.hasSuffix("\u{1B}]8;;https://x.org/a?b=1\u{1B}\\"))
    }

    @Test func noHyperlinksWhenOff() throws {
        let out = try bytes("see [the docs](https://example.com/docs)", hyperlinks: false)
        #expect(!out.contains("\u{1B}]8;"))
        #expect(out.contains("the docs"))
    }

    @Test func unsafeURLsAreNotLinked() throws {
        // cmark keeps percent-encoding; a raw control character cannot reach
        // a URL through markdown, so check the extmark path directly too.
        let s = try ChatScreen(width: 40, height: 12)
        s.show([("q", "plain")])
        let buf = s.ui.windows.transcriptBuffer
        let ns = s.editor.namespaces.create(name: "t")
        _ = try buf.extmarks.set(ns: ns, start: Position(row: buf.lineCount - 1, col: 0),
                                 end: Position(row: buf.lineCount - 1, col: 5),
                                 decoration: Decoration(hl: "MdLink", url: "https://a/\u{1B}]0;owned\u{07}"))
        var encoder = FrameEncoder(terminfo: .xterm, colorMode: .truecolor, highlights: s.highlights)
        encoder.hyperlinks = true
        let out = String(decoding: encoder.encode(next: s.frame(), cursor: nil, cursorVisible: false), as: UTF8.self)
        #expect(!out.contains("]8;;https://a/"))
        #expect(!out.contains("owned"))
    }

    @Test func projectorKnowsTheURLAtACell() throws {
        let s = try ChatScreen(width: 40, height: 12)
        s.show([("q", "see [docs](https://example.com/docs)")])
        let row = s.ui.windows.transcriptBuffer.lineCount - 1
        #expect(s.ui.projector.link(row: row, col: 9) == "https://example.com/docs")  // "● see docs"
        #expect(s.ui.projector.link(row: row, col: 0) == nil)
    }
}
