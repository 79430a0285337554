import Kernel

// The mock's file triggers: "write" creates (or rewrites) a scratch file,
// "edit" reads it and changes two lines, "fail edit" tries an edit whose
// old_string is not in the file. Every step is a real tool call, so the
// approval float, the diffs, the checkpoints and /undo can be tried
// offline.
extension MockScript {
    /// The file the file triggers work on, in the working directory.
    static let scratchPath = "weft-scratch.txt"

    /// The content "write" writes: long enough that its diff scrolls.
    static let scratchContent: String = {
        var lines = ["# weft scratch file", "",
                     "The mock model wrote this file to show file changes. Type \"edit\" to change it,",
                     "then /undo to put it back, or /rewind to go back to an earlier prompt.", "",
                     "counter: 1", "status: draft", ""]
        lines += ["func greet(_ name: String) -> String {", "    \"Hello, \\(name)!\"", "}", ""]
        for i in 1...24 { lines.append("line \(i): the quick brown fox jumps over the lazy dog") }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// The script for a file trigger, or nil when `prompt` has none.
    static func fileTrigger(_ prompt: String) -> MockScript? {
        let read = Step.toolCall(name: "read_file", arguments: json(["path": .string(scratchPath)]))
        let write = Step.toolCall(name: "write_file", arguments: json(["path": .string(scratchPath),
                                                                       "content": .string(scratchContent)]))
        if prompt.contains("fail edit") {
            return MockScript(steps: [.text("I'll try an edit that cannot work.\n"), read], finishReason: "tool_calls")
        }
        if prompt.contains("edit") {
            return MockScript(steps: [.text("Let me read \(scratchPath) first.\n"), read], finishReason: "tool_calls")
        }
        if prompt.contains("write") {
            return MockScript(steps: [.text("I'll write \(scratchPath).\n"), write], finishReason: "tool_calls")
        }
        return nil
    }

    /// The next step of a file trigger after a tool result, or nil when
    /// the prompt had no file trigger.
    static func fileFollowUp(tool: String, content: String, prompt: String) -> MockScript? {
        guard prompt.contains("edit") || prompt.contains("write") else { return nil }
        let failed = content.hasPrefix("\(tool):") || content.lowercased().hasPrefix("denied")
        switch (tool, prompt.contains("fail edit"), prompt.contains("edit")) {
        case ("read_file", true, _):
            guard !failed else { return missingScratch() }
            return call("edit_file", ["path": .string(scratchPath), "old_string": "this text is not in the file",
                                      "new_string": "nor is this"])
        case ("read_file", false, true):
            guard !failed else { return missingScratch() }
            return editStep(content)
        case ("write_file", false, false) where content.contains("before overwriting"):
            // It exists and the model has not read it: read it, then write again.
            return MockScript(steps: [.text("It exists: I'll read it before rewriting it.\n"),
                                      .toolCall(name: "read_file", arguments: json(["path": .string(scratchPath)]))],
                              finishReason: "tool_calls")
        case ("read_file", false, false) where !failed:
            return MockScript(steps: [.toolCall(name: "write_file", arguments: json(["path": .string(scratchPath),
                                                                                     "content": .string(scratchContent)]))],
                              finishReason: "tool_calls")
        case ("write_file", _, _) where !failed:
            return reply("Wrote `\(scratchPath)`. Type **edit** to change it, **/undo** to take the change back.")
        case ("edit_file", false, _) where !failed:
            return reply("Edited `\(scratchPath)`: the counter went up and the status changed. "
                + "**/undo** restores the file byte for byte.")
        default:
            return nil
        }
    }

    /// Increments the `counter:` line and marks the status edited.
    private static func editStep(_ content: String) -> MockScript {
        let lines = content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = lines.firstIndex(where: { $0.hasPrefix("counter: ") }) else {
            return call("edit_file", ["path": .string(scratchPath), "old_string": "counter: 1", "new_string": "counter: 2"])
        }
        let n = Int(lines[i].dropFirst("counter: ".count)) ?? 0
        var old = lines[i], new = "counter: \(n + 1)"
        if i + 1 < lines.count, lines[i + 1].hasPrefix("status: ") {
            old += "\n" + lines[i + 1]
            new += "\nstatus: edited \(n) time\(n == 1 ? "" : "s")"
        }
        return call("edit_file", ["path": .string(scratchPath), "old_string": .string(old), "new_string": .string(new)])
    }

    private static func missingScratch() -> MockScript {
        reply("There is no readable `\(scratchPath)` here yet: type **write** first to create it.")
    }

    private static func call(_ name: String, _ args: [String: Value]) -> MockScript {
        MockScript(steps: [.toolCall(name: name, arguments: json(args))], finishReason: "tool_calls")
    }

    private static func json(_ t: [String: Value]) -> String { JSON.line(.table(t)) }
}
