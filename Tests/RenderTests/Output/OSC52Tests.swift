import Foundation
import Testing
@testable import Kernel
@testable import Render

@Suite struct OSC52Tests {
    /// The payload of a sequence, decoded.
    func payload(_ seq: [UInt8]) throws -> (selector: String, text: String?) {
        let s = String(decoding: seq, as: UTF8.self)
        #expect(s.hasPrefix("\u{1b}]52;"))
        #expect(s.hasSuffix("\u{1b}\\"))
        let body = s.dropFirst(5).dropLast(2)
        let parts = body.split(separator: ";", maxSplits: 1).map(String.init)
        let data = try #require(Data(base64Encoded: parts.count > 1 ? parts[1] : ""))
        return (parts[0], String(data: data, encoding: .utf8))
    }

    @Test func sequenceIsBase64OfUTF8() throws {
        let text = "héllo 中文 👩‍👩‍👧\nline two\t\u{1b}[31m"
        let p = try payload(OSC52.sequence(text))
        #expect(p.selector == "c")
        #expect(p.text == text)
        #expect(try payload(OSC52.sequence("x", register: .primary)).selector == "p")
        // Only base64 characters between the prefix and ST: the text can
        // never end the sequence early or inject another one.
        let seq = OSC52.sequence("\u{1b}\\\u{7}evil")
        let inner = seq.dropFirst(7).dropLast(2)
        #expect(inner.allSatisfy { $0 < 0x80 && (isalnum(Int32($0)) != 0 || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "=")) })
    }

    @Test func terminalsAndTheirLimits() {
        #expect(OSC52.terminal(env: ["TMUX": "/tmp/tmux-1/default,1,0", "TERM": "screen-256color"]).maxPayload == 1_048_568)
        #expect(OSC52.terminal(env: ["STY": "123.pts", "TERM": "screen"]).name == "GNU screen")
        #expect(OSC52.terminal(env: ["KITTY_WINDOW_ID": "1"]).name == "kitty")
        #expect(OSC52.terminal(env: ["TERM_PROGRAM": "Apple_Terminal"]).maxPayload == 0)
        #expect(OSC52.terminal(env: ["TERM": "linux"]).maxPayload == 0)
        #expect(OSC52.terminal(env: ["TERM": "xterm-256color"]).maxPayload == 1_000_000)
        #expect(OSC52.terminal(env: ["TERM": "xterm", "WEFT_OSC52_MAX": "400"]).maxPayload == 400)
        #expect(OSC52.terminal(env: ["TMUX": "x"]).maxText == 786_426)
    }

    @Test func aTextOverTheLimitIsCutBetweenCharactersAndWarned() throws {
        var written: [[UInt8]] = []
        let path = OSC52ClipboardPath(terminal: OSC52.Terminal(name: "tiny", maxPayload: 16)) { written.append($0) }
        let clipboard = Clipboard()
        var reports: [String] = []
        clipboard.onReport = { text, _ in reports.append(text) }
        clipboard.paths = [path]
        // 12 text bytes fit in 16 base64 bytes; "ab中文中文" is 14 bytes.
        let copy = clipboard.set("ab中文中文")
        #expect(copy.truncated?.sent == 11)
        let p = try payload(try #require(written.first))
        #expect(p.text == "ab中文中")     // valid UTF-8: cut before the last 中
        #expect(reports.count == 1 && reports[0].contains("first 11 bytes of 14 bytes"))
        // weft's own register keeps the whole text.
        #expect(try clipboard.get() == "ab中文中文")
    }
}
