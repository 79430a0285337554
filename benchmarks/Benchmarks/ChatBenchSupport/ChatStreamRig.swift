import Chat
import Foundation
import Glibc
import Kernel
import Render

/// The model-delta path end to end, for `chat.stream_e2e` and the profiler:
/// a 200x50 stock chat UI (editor, loop, controller, transcript projector,
/// compositor, encoder) on a transcript of `messages` messages, streaming
/// one reply whose deltas arrive in lockstep with frames.
///
/// With `loopback` the reply comes from ``LoopbackSSEServer`` through the
/// real OpenAI provider (async-http-client, SSE and chunk parsing, the
/// inbox, the loop); without it a ``ReplayProvider`` feeds the same SSE
/// bytes to the same parser on the loop thread (no threads: exact
/// instruction counts under callgrind). Each measured delta is one SSE
/// event followed by one frame.
public final class ChatStreamRig {
    /// What the reply is made of.
    public enum Reply: String, Sendable {
        /// Markdown prose: paragraphs, a few lists and headings (~3,000 deltas).
        case prose
        /// One fenced Swift block of 2,000 lines (~20,000 deltas).
        case code
    }

    public let editor: Editor
    public let loop: MainLoop
    public let controller: ChatController
    public let ui: ChatUI
    let compositor: Compositor
    var encoder: FrameEncoder
    let server: LoopbackSSEServer?
    let replay: ReplayProvider?
    public private(set) var bytesWritten = 0
    public private(set) var frames = 0
    /// Changes the controller reported to the transcript view (one per
    /// delta that reached it): how a lockstep step knows it arrived.
    private var transcriptChanges = 0
    /// The reply's length in UTF-8 bytes once each step has arrived in
    /// full (see ``advance(step:)``).
    private var replyBytesAfter: [Int] = []

    /// A rig on a transcript of `messages` messages. With `provider`, the
    /// reply comes from a ``LoopbackSSEServer`` through the provider that
    /// `provider` makes for the server's port (the OpenAI one, for the
    /// suite); without it, from a ``ReplayProvider``.
    public init(messages: Int, provider makeProvider: ((Int) -> Provider)? = nil) throws {
        let loopback = makeProvider != nil
        editor = Editor(size: Size(width: 200, height: 50))
        loop = try MainLoop()
        loop.minFrameInterval = .zero
        let highlights = HighlightTable()
        compositor = Compositor(highlights: highlights)
        encoder = FrameEncoder(terminfo: Terminfo.load(term: "xterm-256color"), colorMode: .truecolor,
                               highlights: highlights)
        let dir = NSTemporaryDirectory() + "weft-bench-\(getpid())-\(messages)-\(loopback)"
        let provider: Provider
        if loopback {
            let s = try LoopbackSSEServer()
            server = s
            replay = nil
            provider = makeProvider!(s.port)
        } else {
            let r = ReplayProvider()
            server = nil
            replay = r
            provider = r
        }
        controller = ChatController(editor: editor, loop: loop, provider: provider, tools: ToolRegistry(),
                                    store: SessionStore(root: dir), cwd: dir)
        ui = try ChatUI(editor: editor, loop: loop, highlights: highlights, controller: controller, historyPath: nil)
        // 10,000 messages are far over any context window: without this the
        // prompt would first be compacted (a request of its own, which would
        // take the reply's script), and the measured reply would never come.
        controller.autoCompactThreshold = 0
        controller.reset(to: Self.transcript(messages: messages))
        let view = controller.onTranscript
        controller.onTranscript = { [unowned self] change in
            transcriptChanges += 1
            view?(change)
        }
        editor.onRedrawRequest = { [loop] in loop.requestRedraw() }
        loop.redrawHandler = { [unowned self] in self.frame() }
        frame()
    }

    deinit { server?.shutdown() }

    func frame() {
        editor.emit(.render)
        let f = compositor.compose(editor)
        editor.needsRedraw = false
        bytesWritten += encoder.encode(f).count
        frames += 1
    }

    /// Streams one `reply`: everything before its last `measured` deltas
    /// arrives in 20 large batches, then each of the last `measured` deltas
    /// arrives alone and is followed by a frame (all inside `around`, for a
    /// profiler), then the rest. Returns the CPU nanoseconds of the measured
    /// deltas (the whole process less the loopback server's thread).
    @discardableResult
    public func stream(_ reply: Reply, measured: Int, at position: Position = .end,
                       around: (() -> Void) -> Void = { $0() }) -> UInt64 {
        let deltas = Self.deltas(reply)
        let cut = position == .end ? max(0, deltas.count - measured) : 0
        let before = Array(deltas[..<cut])
        let timed = Array(deltas[cut..<min(deltas.count, cut + measured)])
        let after = Array(deltas[min(deltas.count, cut + measured)...])
        var steps: [[UInt8]] = []
        var replyBytes = 0
        replyBytesAfter = []
        let batch = max(1, before.count / 20)
        for start in stride(from: 0, to: before.count, by: batch) {
            let part = before[start..<min(before.count, start + batch)]
            steps.append(Array(part.map(SSE.delta).joined().utf8))
            replyBytes += part.reduce(0) { $0 + $1.utf8.count }
            replyBytesAfter.append(replyBytes)
        }
        let firstTimed = steps.count
        for d in timed {
            steps.append(Array(SSE.delta(d).utf8))
            replyBytes += d.utf8.count
            replyBytesAfter.append(replyBytes)
        }
        steps.append(Array((after.map(SSE.delta).joined() + SSE.finish).utf8))
        replyBytesAfter.append(replyBytes + after.reduce(0) { $0 + $1.utf8.count })
        // The role chunk carries no text: it rides with the first step, so
        // every step but the last brings at least one delta to wait for.
        steps[0] = Array(SSE.role.utf8) + steps[0]
        if let server { server.enqueue(steps) }
        if let replay { replay.script = steps }
        controller.submit("go")
        for i in 0..<firstTimed { advance(step: i) }
        var cpu: UInt64 = 0
        around {
            Self.perfControl("enable")
            let start = (process: Self.processCPU(), server: server?.serverCPUNanos ?? 0)
            for i in firstTimed..<(firstTimed + timed.count) { advance(step: i) }
            cpu = (Self.processCPU() - start.process) - ((server?.serverCPUNanos ?? 0) - start.server)
            Self.perfControl("disable")
        }
        for i in (firstTimed + timed.count)..<steps.count { advance(step: i) }
        while controller.isBusy { loop.runOnce(timeoutMs: 100) }
        return cpu
    }

    /// Where the measured deltas are in the reply.
    public enum Position: Sendable {
        case start, end
    }

    /// Lets step `i` arrive and runs the loop until the controller has
    /// taken all of its text (the frame that asks for is drawn in the same
    /// loop turn). Waiting for a write to the transcript buffer instead
    /// hung the suite: a step whose text changes no drawn line never
    /// ended its wait, and the server waited for the next release. Waiting
    /// for the first delta of a step only let the rest of a batch (a
    /// twentieth of the reply, split over several socket reads) arrive
    /// during the measured deltas, and be counted as theirs.
    private func advance(step i: Int) {
        let seen = transcriptChanges
        let want = i < replyBytesAfter.count ? replyBytesAfter[i] : 0
        func waiting() -> Bool {
            controller.isBusy && (transcriptChanges == seen || replyBytes() < want)
        }
        if let server {
            if i > 0 { server.release() }
            let giveUp = DispatchTime.now().uptimeNanoseconds + 30_000_000_000
            while waiting() {
                loop.runOnce(timeoutMs: 1000)
                precondition(DispatchTime.now().uptimeNanoseconds < giveUp,
                             "chat.stream_e2e: step \(i) brought no delta in 30 s")
            }
        } else {
            if i > 0 { replay?.play(step: i) }
            while waiting() && loop.runOnce(timeoutMs: 0) {}
        }
    }

    /// The UTF-8 length of the reply's text so far.
    private func replyBytes() -> Int {
        guard let m = controller.messages.last, m.role == .assistant,
              case .assistantText(let text)? = m.blocks.last else { return 0 }
        return text.utf8.count
    }

    /// Writes `command` to perf's control FIFO when `PERF_CTL` names one
    /// (`perf record --control fifo:CTL -D -1`: only the measured deltas
    /// are sampled, in the suite as in the profiler).
    static func perfControl(_ command: String) {
        guard let path = ProcessInfo.processInfo.environment["PERF_CTL"] else { return }
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { return }
        _ = (command + "\n").withCString { write(fd, $0, strlen($0)) }
        close(fd)
    }

    static func processCPU() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// The transcript before the reply: alternating questions and answers
    /// of a few markdown paragraphs.
    static func transcript(messages: Int) -> [ChatMessage] {
        var rng = SplitMix64(seed: 11)
        return (0..<messages).map { i in
            let text = (0..<(1 + rng.below(3))).map { _ in Self.sentence(&rng, words: 12 + rng.below(30)) }
                .joined(separator: "\n\n")
            return i % 2 == 0 ? .user(text) : .assistant(text)
        }
    }

    static let words = ["the", "kernel", "window", "buffer", "render", "a", "of", "wrap", "terminal", "quick",
                        "measure", "diff", "extmark", "layout", "streaming", "token", "model", "`code`", "**bold**"]

    static func sentence(_ rng: inout SplitMix64, words count: Int) -> String {
        (0..<count).map { _ in words[rng.below(words.count)] }.joined(separator: " ") + "."
    }

    /// The reply cut into deltas the way a model streams it: a word (with
    /// its space) or at most 6 characters of punctuation and code.
    public static func deltas(_ reply: Reply) -> [String] {
        let text = replyText(reply)
        var out: [String] = []
        var token = ""
        for ch in text {
            token.append(ch)
            if ch == " " || ch == "\n" || token.count >= 6 {
                out.append(token)
                token = ""
            }
        }
        if !token.isEmpty { out.append(token) }
        return out
    }

    static func replyText(_ reply: Reply) -> String {
        var rng = SplitMix64(seed: 5)
        switch reply {
        case .prose:
            var parts: [String] = []
            while parts.joined().count < 14_000 {
                switch rng.below(8) {
                case 0: parts.append("## " + sentence(&rng, words: 5))
                case 1: parts.append((0..<4).map { _ in "- " + sentence(&rng, words: 9) }.joined(separator: "\n"))
                default: parts.append((0..<3).map { _ in sentence(&rng, words: 14) }.joined(separator: " "))
                }
            }
            return "Here is the answer.\n\n" + parts.joined(separator: "\n\n") + "\n"
        case .code:
            let kinds = ["let value = compute(index, offset: 42) // running total",
                         "if value > limit { return \"over the limit\" }",
                         "for item in items where item.isReady { process(item) }",
                         "    guard let next = queue.popFirst() else { break }",
                         "func render(_ line: String, width: Int) -> [Cell] {", "}"]
            let lines = (0..<2_000).map { i in kinds[rng.below(kinds.count)] + (i % 50 == 0 ? " /* \(i) */" : "") }
            return "```swift\n" + lines.joined(separator: "\n") + "\n```\n"
        }
    }
}

/// SSE chunks as an OpenAI-compatible server sends them.
enum SSE {
    static let role = event(#"{"role":"assistant","content":""}"#, finish: nil)
    static let finish = event("{}", finish: "stop")
        + #"data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"bench","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}"#
        + "\n\ndata: [DONE]\n\n"

    static func delta(_ text: String) -> String {
        event(#"{"content":"# + JSON.line(.string(text)) + "}", finish: nil)
    }

    static func event(_ delta: String, finish: String?) -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return #"data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"bench","choices":[{"index":0,"delta":"#
            + delta + #","finish_reason":"# + reason + "}]}\n\n"
    }
}

/// A provider that replays SSE bytes through the OpenAI stream parser on
/// the calling thread, one step at a time (for callgrind).
final class ReplayProvider: Provider, @unchecked Sendable {
    // Safe: used only on the loop thread of the benchmark.
    let name = "openai"
    let model = "bench"
    var script: [[UInt8]] = []
    private var parser = OpenAIStreamParser()
    private var handle: ProviderStream?

    func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        parser = OpenAIStreamParser()
        let h = ProviderStream(emit: emit)
        handle = h
        play(step: 0)
        return h
    }

    func play(step i: Int) {
        guard let handle, i < script.count else { return }
        for e in parser.feed(script[i]) { handle.send(e) }
        if i == script.count - 1 {
            for e in parser.finish() { handle.send(e) }
            handle.markFinished()
        }
    }
}
