import Kernel

/// Short texts for tool block headers.
enum ToolSummary {
    /// A one-line summary of a JSON arguments string: the values of a flat
    /// object joined by spaces (`{"path":"a.txt"}` -> `a.txt`), otherwise
    /// the JSON with its whitespace collapsed. Never fails: incomplete
    /// JSON (still streaming) is summarised as far as it goes.
    static func arguments(_ json: String) -> String {
        let values = flatValues(Array(json.utf8))
        if let values, !values.isEmpty { return values.joined(separator: " ") }
        return collapseWhitespace(json)
    }

    /// The header summary of a file tool's call: its path, and with a
    /// diff its counts (`src/a.swift  +3 -1`); nil for other tools.
    static func fileChange(_ call: ToolCall, diff: FileDiff?) -> String? {
        guard diff != nil || call.name == "edit_file" || call.name == "write_file" else { return nil }
        let path = diff?.path ?? (try? JSON.decode(call.arguments))?["path"]?.string
        guard let path else { return nil }
        guard let diff else { return path }
        return diff.isNewFile ? "\(path)  new, \(diff.added) lines" : "\(path)  +\(diff.added) -\(diff.removed)"
    }

    /// "350ms", "1.2s", "2m05s".
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 {
            let tenths = Int((seconds * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let total = Int(seconds.rounded())
        let s = total % 60
        return "\(total / 60)m\(s < 10 ? "0" : "")\(s)s"
    }

    /// Whitespace runs (including newlines) become one space; trimmed.
    static func collapseWhitespace(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The scalar values of a flat JSON object, in order, or nil when the
    /// text is not an object whose values are strings, numbers, booleans or
    /// null. String escapes are decoded only for \" \\ \n \t.
    private static func flatValues(_ b: [UInt8]) -> [String]? {
        var i = 0
        func skipSpace() { while i < b.count, b[i] == 32 || b[i] == 10 || b[i] == 13 || b[i] == 9 { i += 1 } }
        func string() -> String? {
            guard i < b.count, b[i] == 34 else { return nil }
            i += 1
            var bytes: [UInt8] = []
            while i < b.count, b[i] != 34 {
                if b[i] == 92, i + 1 < b.count {
                    let e = b[i + 1]
                    bytes.append(e == UInt8(ascii: "n") ? 32 : e == UInt8(ascii: "t") ? 32 : e)
                    i += 2
                } else {
                    bytes.append(b[i])
                    i += 1
                }
            }
            i += 1
            return String(decoding: bytes, as: UTF8.self)
        }
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var values: [String] = []
        while true {
            skipSpace()
            if i >= b.count || b[i] == UInt8(ascii: "}") { return values }
            guard string() != nil else { return nil }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { return values }
            i += 1
            skipSpace()
            if let s = string() {
                values.append(collapseWhitespace(s))
            } else {
                let start = i
                while i < b.count, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "}") {
                    if b[i] == UInt8(ascii: "{") || b[i] == UInt8(ascii: "[") { return nil }
                    i += 1
                }
                values.append(collapseWhitespace(String(decoding: b[start..<i], as: UTF8.self)))
            }
            skipSpace()
            if i < b.count, b[i] == UInt8(ascii: ",") { i += 1 }
        }
    }
}
