import Chat
import Glibc
import Kernel

/// One print-mode prompt: feeds the controller's events to the output,
/// runs the loop until the reply ends (or the deadline passes) and makes
/// the result object.
final class PrintRun {
    let app: App
    let controller: ChatController
    let out: PrintOutput
    private var done = false
    private var outcome: Outcome = .success
    private var error: String?
    /// The text of the last reply (reset when a tool round starts).
    private var finalText = ""
    private var lastUsage: Value = .null
    private var started: UInt64 = 0

    /// How the prompt ended.
    enum Outcome: String {
        case success, error, maxTurns = "max_turns", timeout, interrupted, output
    }

    init(app: App, controller: ChatController, out: PrintOutput) {
        self.app = app
        self.controller = controller
        self.out = out
    }

    /// Subscribes to the chat's events.
    func observe() throws {
        let events = app.editor.events
        _ = try events.create(events: [.modelDelta]) { [unowned self] ev in
            guard let t = ev.data["text"]?.string else { return false }
            finalText += t
            out.text(t)
            return false
        }
        _ = try events.create(events: [.thinkingDelta]) { [unowned self] ev in
            if let t = ev.data["text"]?.string { out.thinking(t) }
            return false
        }
        _ = try events.create(events: [.toolStart]) { [unowned self] ev in
            finalText = ""
            out.toolCall(id: ev.data["id"]?.string ?? "", name: ev.data["name"]?.string ?? "",
                         arguments: ev.data["arguments"]?.string ?? "")
            return false
        }
        _ = try events.create(events: [.toolEnd]) { [unowned self] ev in
            let id = ev.data["id"]?.string ?? ""
            out.toolResult(id: id, name: ev.data["name"]?.string ?? "", status: ev.data["status"]?.string ?? "",
                           output: toolOutput(id: id))
            return false
        }
        _ = try events.create(events: [.compact]) { [unowned self] ev in
            // Not cancelled (a handler that cancels consumes the event first).
            let data = ev.data.table ?? [:]
            if data["auto"] == .bool(true) {
                StandardStream.error.write("weft: context nearly full (about \(data["tokens"]?.int ?? 0) of "
                    + "\(data["window"]?.int ?? 0) tokens): compacting \(data["messages"]?.int ?? 0) messages first\n")
            }
            out.compact(data)
            return false
        }
        _ = try events.create(events: [.providerError]) { [unowned self] ev in
            out.error(ev.data["message"]?.string ?? "")
            return false
        }
        _ = try events.create(events: [.promptDone]) { [unowned self] ev in
            if let err = ev.data["error"]?.string {
                // The message may quote the server: never let it drive the terminal.
                StandardStream.error.write("weft: \(PrintOutput.stripControls(err))\n")
                error = err
                outcome = .error
            } else if ev.data["reason"]?.string == "max_turns" {
                error = "stopped after \(controller.maxTurns) model requests (--max-turns)"
                StandardStream.error.write("weft: \(error ?? "")\n")
                outcome = .maxTurns
            } else if ev.data["interrupted"] == .bool(true), outcome == .success {
                outcome = .interrupted
            }
            done = true
            return false
        }
        let previous = controller.onChange
        controller.onChange = { [unowned self] in
            previous?()
            reportUsage()
        }
    }

    /// Sends the prompt and runs the loop until the reply ends, the
    /// deadline passes (see ``deadline(from:timeout:)``; `timeout` is the
    /// `--timeout` it came from, for the message), Lua quits or stdout
    /// breaks. A deadline already past (MCP start-up took it all) sends
    /// nothing.
    func wait(prompt: String, deadline: UInt64, timeout: Double) -> Outcome {
        started = app.loop.clock.nowNanos
        if SystemClock().nowNanos < deadline { controller.submit(prompt) }
        while !done && !app.quitting {
            let now = SystemClock().nowNanos
            if now >= deadline {
                outcome = .timeout
                error = "timed out after \(Self.seconds(timeout)) s (--timeout)"
                StandardStream.error.write("weft: \(error ?? "")\n")
                controller.interrupt()
                break
            }
            if !out.ok {
                outcome = .output
                controller.interrupt()
                break
            }
            let left = deadline == .max ? 1000 : Int(min(1000, (deadline - now) / 1_000_000 + 1))
            _ = app.loop.runOnce(timeoutMs: left)
        }
        return outcome
    }

    /// The `SystemClock` time at which a run that began at `begun` times
    /// out (`timeout` seconds; 0: never, `UInt64.max`).
    static func deadline(from begun: UInt64, timeout: Double) -> UInt64 {
        timeout > 0 ? begun &+ UInt64(timeout * 1e9) : UInt64.max
    }

    /// Seconds from now until `deadline` (0 once past), nil for no deadline.
    static func secondsLeft(until deadline: UInt64) -> Double? {
        guard deadline != .max else { return nil }
        let now = SystemClock().nowNanos
        return now >= deadline ? 0 : Double(deadline - now) / 1e9
    }

    /// Writes the closing output and chooses the exit code.
    func finish(_ outcome: Outcome) -> Int32 {
        var code: PrintMode.ExitCode
        switch outcome {
        case .success: code = .success
        case .error, .interrupted: code = .failed
        case .maxTurns: code = .maxTurns
        case .timeout: code = .timeout
        case .output: code = .output
        }
        if app.quitting && outcome == .success && !done { return app.exitCode }
        var fields: [String: Value] = [
            "status": .string(outcome.rawValue), "exit_code": .int(Int(code.rawValue)), "text": .string(finalText),
            "usage": usageValue(), "turns": .int(controller.turnsThisPrompt),
            "session_id": controller.sessionID.map { Value.string($0) } ?? .null,
            "duration_ms": .int(Int((app.loop.clock.nowNanos &- started) / 1_000_000)),
        ]
        if let error { fields["error"] = .string(error) }
        out.result(fields)
        if !out.ok {
            StandardStream.error.write("weft: could not write to stdout\n")
            code = .output
        }
        return code.rawValue
    }

    private func reportUsage() {
        let u = usageValue()
        guard u != lastUsage else { return }
        lastUsage = u
        out.usage(u)
    }

    private func usageValue() -> Value {
        .table(["input_tokens": .int(controller.usage.input), "output_tokens": .int(controller.usage.output),
                "cache_read_tokens": .int(controller.cacheUsage.read),
                "cache_write_tokens": .int(controller.cacheUsage.write)])
    }

    /// The output of tool call `id` in the conversation.
    private func toolOutput(id: String) -> String {
        for m in controller.messages.reversed() {
            for b in m.blocks {
                if case .toolCall(let c) = b, c.id == id { return c.output }
            }
        }
        return ""
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(s)
    }
}
