import Kernel

/// `--output-format`: what print mode writes to stdout.
enum PrintFormat: String, CaseIterable, Sendable {
    /// The reply's text as it streams (exactly, unless stdout is a terminal).
    case text
    /// One result object at the end (see ``PrintOutput/result(_:)``).
    case json
    /// One JSON object per line for every event, then the result object.
    case streamJSON = "stream-json"
}

/// Writes print mode's output in one format. Every event goes through
/// here; the format decides what reaches stdout.
///
/// stream-json lines, each `{"type": ..., ...}`:
/// `text {text}`, `thinking {text}`, `tool_call {id, name, arguments}`,
/// `tool_result {id, name, status, output}`, `usage {input_tokens,
/// output_tokens, cache_read_tokens, cache_write_tokens}` (totals so far),
/// `notice {level, message}`, `compact {messages, tokens, auto, window?,
/// threshold?, instructions?}`, `error {message}`, and last
/// `result {status, exit_code, text, usage, session_id, turns,
/// duration_ms, error?}`. `json` writes the result object alone.
final class PrintOutput {
    let format: PrintFormat
    /// stdout is a terminal: text is made inert (no control characters).
    let terminal: Bool
    private let write: (String) -> Bool
    /// False once a write failed (stdout closed or broken).
    private(set) var ok = true
    private var endsWithNewline = true

    init(format: PrintFormat, terminal: Bool, write: @escaping (String) -> Bool = { StandardStream.output.write($0) }) {
        self.format = format
        self.terminal = terminal
        self.write = write
    }

    /// Reply text arrived.
    func text(_ t: String) {
        switch format {
        case .text:
            let out = terminal ? PrintOutput.stripControls(t) : t
            guard !out.isEmpty else { return }
            put(out)
            endsWithNewline = out.hasSuffix("\n")
        case .streamJSON: event("text", ["text": .string(t)])
        case .json: break
        }
    }

    /// Thinking text arrived (stream-json only).
    func thinking(_ t: String) { event("thinking", ["text": .string(t)]) }

    /// A tool is about to run (or be refused).
    func toolCall(id: String, name: String, arguments: String) {
        event("tool_call", ["id": .string(id), "name": .string(name), "arguments": .string(arguments)])
    }

    /// A tool finished: `status` is ok, error or denied.
    func toolResult(id: String, name: String, status: String, output: String) {
        event("tool_result", ["id": .string(id), "name": .string(name), "status": .string(status),
                              "output": .string(output)])
    }

    /// The token totals changed.
    func usage(_ u: Value) { event("usage", u.table ?? [:]) }

    /// A notice for the user (retries, warnings); stderr gets it too.
    func notice(level: String, _ message: String) {
        event("notice", ["level": .string(level), "message": .string(message)])
    }

    /// The conversation is about to be compacted: the `compact` event's
    /// data (`messages`, `tokens`, `auto`, and for an automatic one
    /// `window` and `threshold`).
    func compact(_ data: [String: Value]) { event("compact", data) }

    /// The provider failed.
    func error(_ message: String) { event("error", ["message": .string(message)]) }

    /// The closing object (json and stream-json); text gets its final
    /// newline when stdout is a terminal.
    func result(_ fields: [String: Value]) {
        switch format {
        case .text:
            if terminal && !endsWithNewline { put("\n") }
        case .json, .streamJSON:
            put(PrintOutput.line(type: "result", fields))
        }
    }

    private func event(_ type: String, _ fields: [String: Value]) {
        guard format == .streamJSON else { return }
        put(PrintOutput.line(type: type, fields))
    }

    private func put(_ s: String) {
        guard ok else { return }
        if !write(s) { ok = false }
    }

    /// One JSON line with `type` first, then the fields in key order.
    static func line(type: String, _ fields: [String: Value]) -> String {
        var rest = fields
        rest["type"] = nil
        let body = JSON.line(.table(rest))  // "{...}"
        let typed = "{\"type\":" + JSON.line(.string(type))
        return typed + (body == "{}" ? "}" : "," + body.dropFirst()) + "\n"
    }

    /// Text shown on a terminal never drives it: C0 (but newline and tab),
    /// DEL and C1 controls are dropped.
    static func stripControls(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { u in
            let v = u.value
            return v == 10 || v == 9 || (v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v))
        }))
    }
}
