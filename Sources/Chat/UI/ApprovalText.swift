import Foundation
import Kernel
import Render

/// The body of the approval float for a call without a diff: what the tool
/// will do, as a person would say it, never raw JSON.
///
/// | tool | lines |
/// |---|---|
/// | run_command | `$ echo hello` (every line of the command), then other arguments as `key: value` |
/// | read_file, list_files, grep | the path or pattern first, then the rest as `key: value` |
/// | any other (MCP, plugins) | one `key: value` line per argument, nested values as compact JSON |
///
/// Values longer than the float are cut with "…"; a command of many lines
/// shows its first `maxCommandLines` and says how many more there are.
/// Arguments that are not a JSON object are shown as text.
enum ApprovalText {
    /// The most command lines shown.
    static let maxCommandLines = 12

    /// The lines describing `call`'s arguments, at most `width` cells each.
    static func lines(for call: ToolCall, width: Int) -> [String] {
        let width = max(10, width)
        guard let args = (try? JSON.decode(call.arguments))?.table else {
            let text = ToolSummary.collapseWhitespace(call.arguments)
            return text.isEmpty ? ["(no arguments)"] : [TextMeasure.truncate(text, width: width)]
        }
        var out: [String] = []
        var rest = args
        if call.name == "run_command" || call.name == Conversation.shellToolName, let command = args["command"]?.string {
            rest["command"] = nil
            out += commandLines(command, width: width)
        }
        let keys = rest.keys.sorted { a, b in
            let pa = Self.leading.firstIndex(of: a) ?? Self.leading.count
            let pb = Self.leading.firstIndex(of: b) ?? Self.leading.count
            return pa != pb ? pa < pb : a < b
        }
        let keyWidth = min(16, keys.map { TextMeasure.measure($0) }.max() ?? 0)
        for key in keys {
            let label = key + ":" + String(repeating: " ", count: max(0, keyWidth - TextMeasure.measure(key)) + 1)
            out.append(TextMeasure.truncate(label + describe(rest[key] ?? .null), width: width))
        }
        return out.isEmpty ? ["(no arguments)"] : out
    }

    /// Keys shown first, in this order; the rest follow alphabetically.
    static let leading = ["path", "pattern", "query", "url", "start_line", "end_line", "cwd", "timeout"]

    /// A value on one line: strings as they are (line breaks shown as
    /// "⏎"), numbers and booleans as written, the rest as compact JSON.
    static func describe(_ value: Value) -> String {
        switch value {
        case .string(let s): return s.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎")
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .array, .table: return JSON.line(value)
        }
    }

    /// `$ command`, continuation lines indented under it, cut to width.
    private static func commandLines(_ command: String, width: Int) -> [String] {
        let lines = command.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = lines.prefix(maxCommandLines).enumerated().map { i, line in
            TextMeasure.truncate((i == 0 ? "$ " : "  ") + line, width: width)
        }
        if lines.count > maxCommandLines { out.append("  … \(lines.count - maxCommandLines) more lines") }
        return out
    }
}
