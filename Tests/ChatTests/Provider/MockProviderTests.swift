import Foundation
import Kernel
import Testing
@testable import Chat

/// Collects events from any thread.
final class CCEventBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ProviderEvent] = []

    func add(_ e: ProviderEvent) {
        lock.lock()
        items.append(e)
        lock.unlock()
    }

    var events: [ProviderEvent] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// Runs the mock instantly on `messages` and returns its events.
func ccMockEvents(_ messages: [ProviderMessage]) -> [ProviderEvent] {
    let box = CCEventBox()
    let stream = MockProvider(tokensPerSecond: 0).stream(request: ProviderRequest(messages: messages)) { box.add($0) }
    #expect(stream.isFinished)
    return box.events
}

func ccMockEvents(_ prompt: String) -> [ProviderEvent] {
    ccMockEvents([ProviderMessage(role: .user, content: prompt)])
}

func ccText(_ events: [ProviderEvent]) -> String {
    events.compactMap { if case .textDelta(let s) = $0 { return s } else { return nil } }.joined()
}

func ccThinking(_ events: [ProviderEvent]) -> String {
    events.compactMap { if case .thinkingDelta(let s) = $0 { return s } else { return nil } }.joined()
}

func ccToolCalls(_ events: [ProviderEvent]) -> [ToolCallRequest] {
    events.compactMap {
        if case .toolCall(let id, let name, let args) = $0 { return ToolCallRequest(id: id, name: name, arguments: args) }
        return nil
    }
}

@Suite struct MockProviderTests {
    @Test func countToFiveIsExact() {
        let events = ccMockEvents("please Count to 5")
        #expect(ccText(events) == "1\n2\n3\n4\n5")
        #expect(events.last == .finish(reason: "stop"))
        guard events.count >= 2, case .usage(let input, let output) = events[events.count - 2] else {
            Issue.record("no usage before finish: \(events.suffix(2))")
            return
        }
        #expect(input == MockProvider.estimateTokens("please Count to 5".count))
        #expect(output == MockProvider.estimateTokens(9))
        // One token per line.
        #expect(events.filter { if case .textDelta = $0 { return true } else { return false } }.count == 5)
    }

    @Test func countIsClampedAndLarge() {
        let text = ccText(ccMockEvents("count to 99999999999999999999999"))
        #expect(text.hasSuffix("\n99999\n100000"))
        #expect(ccText(ccMockEvents("count to 0")) == "")
    }

    @Test func markdownShowcaseHasEveryElement() {
        let events = ccMockEvents("show me MARKDOWN")
        let text = ccText(events)
        #expect(text == MockTexts.markdownShowcase)
        for needle in ["# Markdown showcase", "## ", "### ", "**bold**", "*italic*", "~~strikethrough~~", "`inline code`",
                       "  - second level", "   1. nested ordered", "| 日本語", "👋", "```swift", "```python",
                       "> ", "](https://", "\n---\n", "- [x]", "- [ ]"] {
            #expect(text.contains(needle), "missing \(needle)")
        }
        #expect(events.last == .finish(reason: "stop"))
    }

    @Test func thinkingComesBeforeTheAnswer() {
        let events = ccMockEvents("think hard")
        #expect(ccThinking(events) == MockTexts.thinking)
        #expect(ccText(events) == MockTexts.thinkingAnswer)
        let firstText = events.firstIndex { if case .textDelta = $0 { return true } else { return false } } ?? 0
        let lastThinking = events.lastIndex { if case .thinkingDelta = $0 { return true } else { return false } } ?? Int.max
        #expect(lastThinking < firstText)
    }

    @Test func readTriggersToolCallThenSummary() {
        let user = ProviderMessage(role: .user, content: "Read the readme")
        let first = ccMockEvents([user])
        let calls = ccToolCalls(first)
        #expect(calls.count == 1)
        #expect(calls.first?.name == "read_file")
        #expect(calls.first?.arguments == #"{"path":"README.md"}"#)
        #expect(first.last == .finish(reason: "tool_calls"))
        guard let call = calls.first else { return }
        let followUp = ccMockEvents([
            user,
            ProviderMessage(role: .assistant, content: ccText(first), toolCalls: [call]),
            ProviderMessage(role: .tool, content: "# Title\n\nline three\n", toolCallID: call.id),
        ])
        #expect(ccText(followUp).contains("**3 lines**"))
        #expect(followUp.last == .finish(reason: "stop"))
    }

    @Test func failToolAsksForMissingFileThenApologises() {
        let user = ProviderMessage(role: .user, content: "fail tool please")
        let calls = ccToolCalls(ccMockEvents([user]))
        #expect(calls.first?.name == "read_file")
        guard let call = calls.first else { return }
        let dir = ccTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = ReadFileTool().execute(json: call.arguments, context: ToolContext(cwd: dir))
        #expect(result.isError)
        let followUp = ccMockEvents([
            user, ProviderMessage(role: .assistant, content: "", toolCalls: [call]),
            ProviderMessage(role: .tool, content: result.output, toolCallID: call.id),
        ])
        #expect(ccText(followUp).hasPrefix("Sorry"))
        #expect(ccText(followUp).contains("no such file"))
    }

    @Test func runAsksForCommand() {
        let calls = ccToolCalls(ccMockEvents("run something"))
        #expect(calls.map(\.name) == ["run_command"])
        #expect(calls.first?.arguments == #"{"command":"echo hello"}"#)
        #expect(RunCommandTool().needsApproval)
    }

    @Test func errorTriggerEmitsOnlyAnError() {
        #expect(ccMockEvents("error please") == [.error(message: "mock: simulated provider error (HTTP 500)")])
    }

    @Test func longReplyHasTwoThousandLines() {
        let text = ccText(ccMockEvents("something long"))
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 2000)
        #expect(text == ccText(ccMockEvents("long")), "deterministic")
    }

    @Test func escapeTextContainsControls() {
        let text = ccText(ccMockEvents("escape test"))
        #expect(text.contains("\u{1B}[31m"))
        #expect(text.contains("\u{1B}]0;"))
        #expect(text.contains("\u{07}"))
    }

    @Test func defaultIsHelpListingTriggers() {
        let text = ccText(ccMockEvents("hello there"))
        #expect(text == MockTexts.help)
        for trigger in MockProvider.triggers where !trigger.phrase.hasPrefix("count") {
            for phrase in trigger.phrase.components(separatedBy: ", ") {
                #expect(text.contains("`\(phrase)`"), "help lacks \(phrase)")
            }
        }
        #expect(ccText(ccMockEvents([])) == MockTexts.help)
    }

    @Test func triggerUsesLastUserMessage() {
        let events = ccMockEvents([
            ProviderMessage(role: .user, content: "count to 3"),
            ProviderMessage(role: .assistant, content: "1\n2\n3"),
            ProviderMessage(role: .user, content: "error"),
        ])
        #expect(events == [.error(message: "mock: simulated provider error (HTTP 500)")])
    }

    @Test func everyTriggerStreamsWholeCharacters() {
        for prompt in ["markdown", "think", "escape", "hello", "long", "count to 50"] {
            for event in ccMockEvents(prompt) {
                guard case .textDelta(let s) = event else { continue }
                #expect(!s.isEmpty)
                #expect(String(validating: Array(s.utf8), as: UTF8.self) == s)
            }
        }
    }
}
