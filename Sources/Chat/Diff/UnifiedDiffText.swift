// The unified diff text of a `FileDiff` (what the session file and the
// model get) and parsing it back (what the transcript renders from a
// loaded session).
extension FileDiff {
    /// The diff in unified format: `--- a/PATH` (or `/dev/null`),
    /// `+++ b/PATH`, then each hunk's `@@` header and its lines prefixed
    /// with space, `-` or `+`; a line without a final newline is followed
    /// by `\ No newline at end of file`. Empty for an empty diff.
    public var unified: String {
        guard !hunks.isEmpty else { return "" }
        var out = (isNewFile ? "--- /dev/null\n" : "--- a/\(path)\n") + "+++ b/\(path)\n"
        for h in hunks {
            out += h.header + "\n"
            for line in h.lines {
                switch line.kind {
                case .context: out += " "
                case .added: out += "+"
                case .removed: out += "-"
                }
                out += line.text + "\n"
                if line.noNewline { out += "\\ No newline at end of file\n" }
            }
        }
        return out
    }

    /// Parses text made by ``unified`` (or `diff -u` / `git diff` for one
    /// file: extended headers before `---` are skipped). Nil when the text
    /// has no `+++` header or a malformed hunk.
    public static func parse(_ text: String) -> FileDiff? {
        var path: String?
        var isNewFile = false
        var hunks: [DiffHunk] = []
        var oldLine = 0, newLine = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if raw.hasPrefix("--- ") && hunks.isEmpty {
                isNewFile = raw == "--- /dev/null"
            } else if raw.hasPrefix("+++ ") && hunks.isEmpty {
                let name = raw.dropFirst(4)
                path = String(name.hasPrefix("b/") ? name.dropFirst(2) : name)
            } else if raw.hasPrefix("@@") {
                guard path != nil, let h = parseHeader(raw) else { return nil }
                hunks.append(DiffHunk(oldStart: h.0, oldCount: h.1, newStart: h.2, newCount: h.3, lines: []))
                oldLine = max(1, h.0)
                newLine = max(1, h.2)
            } else if !hunks.isEmpty, let first = raw.first {
                let body = String(raw.dropFirst())
                var lines = hunks[hunks.count - 1].lines
                switch first {
                case " ":
                    lines.append(DiffLine(.context, body, oldLine: oldLine, newLine: newLine)); oldLine += 1; newLine += 1
                case "-": lines.append(DiffLine(.removed, body, oldLine: oldLine, newLine: nil)); oldLine += 1
                case "+": lines.append(DiffLine(.added, body, oldLine: nil, newLine: newLine)); newLine += 1
                case "\\": if !lines.isEmpty { lines[lines.count - 1].noNewline = true }
                default: return nil
                }
                hunks[hunks.count - 1].lines = lines
            }
        }
        guard let path else { return nil }
        return FileDiff(path: path, isNewFile: isNewFile, hunks: hunks)
    }

    /// (oldStart, oldCount, newStart, newCount) of `@@ -a,b +c,d @@`; a
    /// missing count is 1.
    private static func parseHeader(_ line: Substring) -> (Int, Int, Int, Int)? {
        let parts = line.split(separator: " ")
        guard parts.count >= 3, parts[1].hasPrefix("-"), parts[2].hasPrefix("+") else { return nil }
        func range(_ s: Substring) -> (Int, Int)? {
            let nums = s.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
            guard let a = Int(nums[0]), a >= 0 else { return nil }
            guard nums.count > 1 else { return (a, 1) }
            guard nums.count == 2, let b = Int(nums[1]), b >= 0 else { return nil }
            return (a, b)
        }
        guard let o = range(parts[1]), let n = range(parts[2]) else { return nil }
        return (o.0, o.1, n.0, n.1)
    }
}
