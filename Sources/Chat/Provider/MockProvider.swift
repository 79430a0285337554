import Foundation
import Kernel

/// The default provider: deterministic, offline, paced like a real model.
///
/// It answers the last user message by trigger (case-insensitive
/// substring, first match wins, in this order):
///
/// | trigger | reply |
/// |---|---|
/// | (the `/compact` request) | a summary: the number of messages and the user's prompts |
/// | `fail tool` | `read_file` on a missing path; after the error result, an apology |
/// | `fail edit` | `read_file` of `weft-scratch.txt`, then an `edit_file` whose `old_string` is not there; an apology |
/// | `edit` | `read_file` of `weft-scratch.txt`, then an `edit_file` of its `counter:` and `status:` lines |
/// | `write` | a `write_file` creating `weft-scratch.txt` (if it exists: `read_file`, then `write_file` again) |
/// | `count to N` | `1\n2\n...\nN` (N clamped to 100,000) |
/// | `markdown` | a markdown showcase (headings, lists, task list, table with CJK/emoji, Swift + Python code, quote, link, rule) |
/// | `think` | thinking deltas, then an answer |
/// | `escape` | text with ESC sequences and control characters |
/// | `error` | an `.error("mock: simulated provider error (HTTP 500)")` event |
/// | `long` | ~2,000 lines of prose |
/// | `two tools` | two tool calls in one reply (`read_file` on `README.md`, `list_files` on `.`); after the results, a summary |
/// | `call mcp__SERVER__TOOL {json}` | a call of that MCP tool with those arguments; after the result, "The `mcp__…` tool said: …" |
/// | `read` / `tool` | a `read_file` call on `README.md`; after the result, a summary of its length in lines |
/// | `run` | a `run_command` call (`echo hello`), which needs approval |
/// | anything else | a help text listing these triggers |
///
/// When the last message of the request is a tool result, the mock answers
/// that instead: an apology if the result looks like an error (starts with
/// `<tool name>:`, `error` or `denied`, or the prompt was "fail tool"), else
/// a summary.
///
/// Text streams as ``MockTokenizer`` deltas. With `tokensPerSecond > 0`
/// events are emitted from a task (``ProviderStream/start(priority:emit:_:)``,
/// sleeping with `Task.sleep`), one delta per token with
/// ±30% jitter from a seeded PRNG after a short first-token latency; with
/// `tokensPerSecond == 0` everything is emitted synchronously before
/// ``stream(request:emit:)`` returns (for tests). A finished stream ends
/// with `.usage` (estimated tokens: characters / 4) then `.finish`.
public struct MockProvider: Provider {
    /// Always `mock`.
    public let name = "mock"
    /// The model name shown in the status line.
    public let model: String
    /// Pacing in tokens per second; 0 emits instantly and synchronously.
    public let tokensPerSecond: Double
    /// Delay before the first event when paced, in seconds.
    public let firstTokenLatency: Double
    /// Seed for the jitter and the long text.
    public let seed: UInt64
    /// Lines in the "long" reply.
    public let longLines: Int

    /// The triggers with one-line descriptions, for a welcome screen.
    public static let triggers: [MockTrigger] = [
        MockTrigger(phrase: "markdown", summary: "a showcase: headings, lists, a table with CJK and emoji, code"),
        MockTrigger(phrase: "think", summary: "a thinking block, then an answer"),
        MockTrigger(phrase: "read", summary: "a read_file tool call on README.md, then a summary"),
        MockTrigger(phrase: "fail tool", summary: "a failing tool call, then an apology"),
        MockTrigger(phrase: "run", summary: "a run_command call that asks for approval"),
        MockTrigger(phrase: "write, edit, fail edit", summary: "write_file, edit_file on weft-scratch.txt; then /undo"),
        MockTrigger(phrase: "error", summary: "a simulated provider error"),
        MockTrigger(phrase: "long", summary: "a long reply, for scrolling"),
        MockTrigger(phrase: "count to 100", summary: "the numbers 1 to N, one per line"),
        MockTrigger(phrase: "escape", summary: "text with escape sequences, shown inert"),
    ]

    /// Creates a mock provider.
    /// - Parameters:
    ///   - model: the model name to report.
    ///   - tokensPerSecond: pacing (negative counts as 0 = instant).
    ///   - firstTokenLatency: seconds before the first paced event.
    ///   - seed: PRNG seed for jitter and the long text.
    ///   - longLines: lines in the "long" reply.
    public init(model: String = "mock-1", tokensPerSecond: Double = 60, firstTokenLatency: Double = 0.15,
                seed: UInt64 = 0x5EED, longLines: Int = 2000) {
        self.model = model
        self.tokensPerSecond = tokensPerSecond.isFinite ? max(0, tokensPerSecond) : 0
        self.firstTokenLatency = firstTokenLatency.isFinite ? max(0, firstTokenLatency) : 0
        self.seed = seed
        self.longLines = max(1, longLines)
    }

    /// Streams the scripted reply for `request` (see the type's docs).
    public func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        let events = Self.events(for: request, longLines: longLines, seed: seed)
        if tokensPerSecond == 0 {
            let handle = ProviderStream(emit: emit)
            for event in events where !handle.send(event) { break }
            handle.markFinished()
            return handle
        }
        let pacing = MockPacer(tokensPerSecond: tokensPerSecond, firstTokenLatency: firstTokenLatency, seed: seed)
        return ProviderStream.start(emit: emit) { stream in await pacing.play(events, on: stream) }
    }

    /// The full event sequence for `request`, without pacing.
    public static func events(for request: ProviderRequest, longLines: Int = 2000, seed: UInt64 = 0x5EED) -> [ProviderEvent] {
        let script = MockScript.choose(for: request, longLines: longLines, seed: seed)
        var events: [ProviderEvent] = []
        var outputChars = 0
        for (index, step) in script.steps.enumerated() {
            switch step {
            case .thinking(let text):
                outputChars += text.count
                events += MockTokenizer.tokens(text).map { .thinkingDelta($0) }
            case .text(let text):
                outputChars += text.count
                events += MockTokenizer.tokens(text).map { .textDelta($0) }
            case .toolCall(let name, let arguments):
                outputChars += name.count + arguments.count
                events.append(.toolCall(id: "mock_call_\(request.messages.count)_\(index)", name: name, arguments: arguments))
            case .error(let message):
                events.append(.error(message: message))
                return events
            }
        }
        events.append(.usage(input: estimateTokens(inputCharacters(request)), output: estimateTokens(outputChars)))
        events.append(.finish(reason: script.finishReason))
        return events
    }

    /// Estimated tokens for a character count (characters / 4, at least 1
    /// for non-empty text).
    public static func estimateTokens(_ characters: Int) -> Int {
        characters <= 0 ? 0 : max(1, characters / 4)
    }

    private static func inputCharacters(_ request: ProviderRequest) -> Int {
        request.messages.reduce(0) { sum, m in
            sum + m.content.count + m.toolCalls.reduce(0) { $0 + $1.name.count + $1.arguments.count }
        }
    }
}

/// One mock trigger for a welcome screen: what to type and what it shows.
public struct MockTrigger: Hashable, Sendable {
    /// The text to type (contained in a message); several phrases are
    /// separated by ", ".
    public var phrase: String
    /// What the reply shows.
    public var summary: String

    /// Creates a trigger description.
    public init(phrase: String, summary: String) {
        self.phrase = phrase
        self.summary = summary
    }
}

/// Sleeps between events like a model producing tokens.
struct MockPacer: Sendable {
    let tokensPerSecond: Double
    let firstTokenLatency: Double
    let seed: UInt64

    /// Emits `events` with delays until done or cancelled (a cancelled
    /// task's `Task.sleep` returns at once). Tiny delays are accumulated so
    /// fast pacing does not oversleep.
    func play(_ events: [ProviderEvent], on stream: ProviderStream) async {
        var rng = SplitMix64(seed: seed)
        var debt = firstTokenLatency
        for event in events {
            let weight: Double
            if case .toolCall = event { weight = 8 } else { weight = 1 }
            debt += weight / tokensPerSecond * (0.7 + 0.6 * rng.unit())
            if debt >= 0.002 {
                do { try await Task.sleep(for: .microseconds(Int64(debt * 1_000_000))) } catch { return }
                debt = 0
            }
            guard stream.send(event) else { return }
        }
    }
}
