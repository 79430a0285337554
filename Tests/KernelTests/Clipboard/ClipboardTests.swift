import Foundation
import Testing
@testable import Kernel

/// A path that records what it was given.
final class RecordingPath: ClipboardPath {
    let name: String
    let limit: Int?
    var copies: [(String, ClipboardRegister)] = []
    var stored = ""
    let canPaste: Bool
    init(_ name: String, limit: Int? = nil, canPaste: Bool = false) {
        self.name = name
        self.limit = limit
        self.canPaste = canPaste
    }
    var summary: String { name }
    func copy(_ text: String, register: ClipboardRegister, report: @escaping (String) -> Void) throws {
        copies.append((text, register))
        stored = text
    }
    func paste(register: ClipboardRegister) throws -> String { stored }
}

@Suite struct ClipboardTests {
    @Test func everyPathGetsTheTextAndTheRegisterKeepsIt() throws {
        let c = Clipboard()
        let a = RecordingPath("osc52", limit: 100), b = RecordingPath("tool")
        c.paths = [a, b]
        let copy = c.set("hello\nworld\n", register: .primary)
        #expect(copy.paths == ["osc52", "tool"])
        #expect(copy.lines == 2 && copy.bytes == 12)
        #expect(a.copies.first?.1 == .primary && b.copies.first?.0 == "hello\nworld\n")
        #expect(try c.get(register: .primary) == "hello\nworld\n")
        #expect(try c.get() == "")
    }

    @Test func aLimitedPathIsSkippedWhenAnotherCarriesTheWholeText() {
        let c = Clipboard()
        var reports: [String] = []
        c.onReport = { t, _ in reports.append(t) }
        let a = RecordingPath("osc52", limit: 4), b = RecordingPath("tool")
        c.paths = [a, b]
        let copy = c.set("long text")
        #expect(copy.skipped == ["osc52"] && copy.paths == ["tool"] && copy.truncated == nil)
        #expect(a.copies.isEmpty && reports.isEmpty)
    }

    @Test func readingUsesThePathThatCanRead() throws {
        let c = Clipboard()
        let reader = RecordingPath("tool", canPaste: true)
        reader.stored = "from the system"
        c.paths = [RecordingPath("osc52"), reader]
        #expect(try c.get() == "from the system")
    }

    @Test func prefixCutsBetweenClusters() {
        #expect(Clipboard.prefix("abc", maxBytes: 10) == "abc")
        #expect(Clipboard.prefix("a中b", maxBytes: 3) == "a")
        #expect(Clipboard.prefix("e\u{301}x", maxBytes: 2) == "")
        #expect(Clipboard.prefix("👍🏽!", maxBytes: 8) == "👍🏽")
    }

    @Test func detectionFollowsTheEnvironment() {
        let all: (String) -> Bool = { _ in true }
        #expect(ClipboardTool.detect(env: ["WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"], executable: all)?.name == "wl-copy")
        #expect(ClipboardTool.detect(env: ["DISPLAY": ":0"], executable: all)?.name == "xclip")
        #expect(ClipboardTool.detect(env: ["DISPLAY": ":0"], executable: { $0 == "xsel" })?.name == "xsel")
        #expect(ClipboardTool.detect(env: [:], executable: { $0 == "xclip" }) == nil)   // no display
        #expect(ClipboardTool.detect(env: [:], executable: { $0.hasPrefix("pb") })?.name == "pbcopy")
        #expect(ClipboardTool.detect(env: ["WEFT_CLIPBOARD_TOOL": "none", "DISPLAY": ":0"], executable: all) == nil)
        #expect(ClipboardTool.detect(env: ["WEFT_CLIPBOARD_TOOL": "xsel"], executable: { _ in false })?.name == "xsel")
        #expect(ClipboardTool.named("xclip")?.copy[.primary] == ["xclip", "-selection", "primary"])
        #expect(ClipboardTool.named("pbcopy")?.copy[.primary] == nil)
    }
}

/// The tool path runs real processes on a loop.
@Suite(.serialized) struct ToolClipboardPathTests {
    func tool(copy: [String], paste: [String] = ["printf", "pasted"]) -> ClipboardTool {
        ClipboardTool(name: "fake", copy: [.clipboard: copy], paste: [.clipboard: paste])
    }

    @Test func copyWritesStandardInput() throws {
        let loop = try MainLoop()
        let file = NSTemporaryDirectory() + "weft-clip-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let path = ToolClipboardPath(tool: tool(copy: ["sh", "-c", "cat > '\(file)'"]), loop: loop)
        var failures: [String] = []
        let text = String(repeating: "0123456789abcdef\n", count: 20_000)   // more than a pipe holds
        try path.copy(text, register: .clipboard) { failures.append($0) }
        #expect(loop.run(until: { path.runningCount == 0 }, timeoutMs: 5000))
        #expect(failures.isEmpty)
        #expect((try? String(contentsOfFile: file, encoding: .utf8)) == text)
        #expect(try path.paste(register: .clipboard) == "pasted")
    }

    @Test func aFailingToolIsReportedWithItsError() throws {
        let loop = try MainLoop()
        let path = ToolClipboardPath(tool: tool(copy: ["sh", "-c", "cat >/dev/null; echo 'Error: no display' >&2; exit 3"]), loop: loop)
        var failures: [String] = []
        try path.copy("x", register: .clipboard) { failures.append($0) }
        #expect(loop.run(until: { path.runningCount == 0 }, timeoutMs: 5000))
        #expect(failures == ["sh exited with status 3: Error: no display"])
    }

    @Test func aHangingToolIsStoppedAfterItsTimeout() throws {
        let loop = try MainLoop()
        let path = ToolClipboardPath(tool: tool(copy: ["sleep", "30"], paste: ["sleep", "30"]), loop: loop, timeoutMs: 150)
        var failures: [String] = []
        let start = Date()
        try path.copy(String(repeating: "x", count: 200_000), register: .clipboard) { failures.append($0) }
        #expect(loop.run(until: { path.runningCount == 0 }, timeoutMs: 5000))
        #expect(failures == ["sleep did not finish within 150 ms and was stopped"])
        #expect(throws: KernelError.self) { try path.paste(register: .clipboard) }
        #expect(Date().timeIntervalSince(start) < 3)
    }

    @Test func aMissingToolFailsAtOnce() throws {
        let loop = try MainLoop()
        let path = ToolClipboardPath(tool: tool(copy: ["weft-no-such-clipboard-tool"]), loop: loop)
        #expect(throws: KernelError.self) { try path.copy("x", register: .clipboard) { _ in } }
        let c = Clipboard()
        var reports: [String] = []
        c.onReport = { t, _ in reports.append(t) }
        c.paths = [path]
        let copy = c.set("x")
        #expect(copy.failed == ["fake"] && reports.count == 1)
    }
}
