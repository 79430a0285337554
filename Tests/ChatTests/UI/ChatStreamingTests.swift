import Foundation
import Kernel
import Render
import Testing
@testable import Chat

/// The model-delta path from the controller to the transcript buffer:
/// the reply is held once (the projector reads it from the controller),
/// deltas are appended in place and projected incrementally, and the
/// buffer always equals a fresh projection of the same transcript.
@Suite struct ChatStreamingTests {
    /// Streams `text` into a chat as deltas cut at `cuts`, checking after
    /// each delta that the transcript buffer equals a fresh projection.
    private func streamAndCompare(_ text: String, cuts: [Int], width: Int = 60, _ context: String) throws {
        let screen = try ChatScreen(width: width, height: 20)
        screen.show([("q", "a")])
        screen.controller.append(ChatMessage(role: .assistant, blocks: []))
        let chars = Array(text)
        var from = 0
        for cut in cuts + [chars.count] where cut > from {
            screen.controller.appendDelta(String(chars[from..<cut]), thinking: false)
            from = cut
            let fresh = try ChatScreen(width: width, height: 20)
            fresh.controller.reset(to: screen.controller.messages)
            let got = screen.ui.windows.transcriptBuffer.lines
            let want = fresh.ui.windows.transcriptBuffer.lines
            if got != want {
                Issue.record("\(context): after \(cut) characters\ngot  \(got.suffix(6))\nwant \(want.suffix(6))")
                return
            }
        }
    }

    static let documents = MarkdownCacheTests.corpus + [
        "Code:\n\n```swift\nlet a = 1 /* open\nstill comment */ let b = \"s\"\n```\nafter\n",
        "```python\n" + (0..<40).map { "x\($0) = \($0)  # line" }.joined(separator: "\n") + "\n```\n\nDone.",
        "  ```\n  indented fence\n    more\n  ```\n",
        "~~~~\nnot closed by ```\n~~~\n~~~~\ntext",
    ]

    @Test func streamedRepliesEqualAFreshProjection() throws {
        var rng = SplitMix64(seed: SplitMix64.seed())
        for (d, doc) in Self.documents.enumerated() {
            let n = doc.count
            var cuts: [Int] = []
            var at = 0
            while at < n {
                at += 1 + rng.below(4)
                cuts.append(min(at, n))
            }
            try streamAndCompare(doc, cuts: cuts, "document \(d)")
        }
    }

    @Test func aStreamingFenceIsNotParsedAgain() throws {
        let screen = try ChatScreen(width: 80, height: 20)
        screen.controller.reset(to: [.user("q")])
        screen.controller.append(ChatMessage(role: .assistant, blocks: []))
        screen.controller.appendDelta("```swift\n", thinking: false)
        for i in 0..<300 {
            screen.controller.appendDelta("let v\(i) = ", thinking: false)
            screen.controller.appendDelta("\(i)\n", thinking: false)
        }
        let cache = screen.ui.projector.markdownCache
        #expect(cache.fenceAppends >= 590, "fence appends \(cache.fenceAppends)")
        #expect(cache.fullParses + cache.partialParses <= 4)
        #expect(screen.ui.windows.transcriptBuffer.lines.suffix(2) == ["  let v298 = 298", "  let v299 = 299"])
    }

    /// A closed fence is final: neither its closing line nor any text
    /// after it makes the block be parsed again.
    @Test func aClosedFenceIsNeverParsedAgain() throws {
        let screen = try ChatScreen(width: 80, height: 20)
        screen.controller.reset(to: [.user("q")])
        screen.controller.append(ChatMessage(role: .assistant, blocks: []))
        var block = "```swift\n"
        for i in 0..<300 { block += "let v\(i) = \(i)\n" }
        screen.controller.appendDelta(block, thinking: false)
        screen.controller.appendDelta("// last line\n", thinking: false)  // the cache's first (full) parse
        let cache = screen.ui.projector.markdownCache
        let pieces = ["``", "`", "\n", "Done", ": the ", "list", "\n\n- a", "\n- b\n", "\n```\n", "x\n```\n", "after"]
            + (0..<20).map { " word\($0)" }
        for piece in pieces {
            let before = cache.parsedBytes
            screen.controller.appendDelta(piece, thinking: false)
            #expect(cache.parsedBytes - before < 400, "after \(piece.debugDescription): parsed \(cache.parsedBytes - before) bytes")
        }
        let fresh = try ChatScreen(width: 80, height: 20)
        fresh.controller.reset(to: screen.controller.messages)
        #expect(screen.ui.windows.transcriptBuffer.lines == fresh.ui.windows.transcriptBuffer.lines)
    }

    @Test func theProjectorKeepsNoCopyOfTheReply() throws {
        let screen = try ChatScreen(width: 80, height: 20)
        screen.controller.reset(to: [.user("q")])
        screen.controller.append(ChatMessage(role: .assistant, blocks: []))
        screen.controller.appendDelta("Hello", thinking: false)
        screen.controller.appendDelta(" world", thinking: false)
        #expect(screen.ui.projector.stored.last?.blocks == [TranscriptProjector.placeholder])
        #expect(screen.ui.projector.messages.last?.blocks == [.assistantText("Hello world")])
    }

    /// Two tool calls in one reply, with the welcome notice above the chat:
    /// both tool blocks end with their status, none keeps the spinner.
    @Test func twoToolCallsInOneReplyBothFinish() throws {
        let screen = try ChatScreen(width: 80, height: 30)
        screen.controller.submit("two tools please")
        for _ in 0..<20 { screen.loop.runOnce(timeoutMs: 50) }
        #expect(!screen.controller.isBusy)
        let lines = screen.ui.windows.transcriptBuffer.lines
        #expect(lines.contains { $0.hasPrefix("✗ read_file") || $0.hasPrefix("✓ read_file") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("✗ list_files") || $0.hasPrefix("✓ list_files") }, "\(lines)")
        #expect(!lines.contains { ChatUI.spinnerFrames.contains(String($0.prefix(1))) }, "\(lines)")
        #expect(lines.contains("› two tools please"))
    }

    /// A notice shown while a reply streams goes above the reply, which
    /// keeps streaming below it.
    @Test func aNoticeWhileStreamingStaysAboveTheReply() throws {
        let screen = try ChatScreen(width: 80, height: 30)
        screen.controller.reset(to: [.user("q")])
        screen.controller.append(ChatMessage(role: .assistant, blocks: []))
        screen.controller.state = .streaming
        screen.controller.appendDelta("first part", thinking: false)
        screen.ui.showNotice("a notice")
        screen.controller.appendDelta(", second part", thinking: false)
        let lines = screen.ui.windows.transcriptBuffer.lines
        #expect(lines.suffix(3) == ["  a notice", "", "● first part, second part"], "\(lines)")
        screen.controller.state = .idle
    }

    @Test func modelDeltaDataIsBuiltOnlyForListeners() throws {
        let screen = try ChatScreen()
        screen.controller.reset(to: [.user("q")])
        screen.controller.append(ChatMessage(role: .assistant, blocks: []))
        var texts: [String] = []
        _ = try screen.editor.events.create(events: ["model_delta"], options: AutocmdOptions()) { ev in
            texts.append(ev.data["text"]?.string ?? "")
            return false
        }
        let token = RequestToken()
        screen.controller.currentRequest = token
        screen.controller.receive(.textDelta("a"), for: token)
        screen.controller.receive(.textDelta("b"), for: token)
        #expect(texts == ["a", "b"])
        #expect(screen.controller.messages.last?.blocks == [.assistantText("ab")])
    }
}
