/// One line of a diff.
public struct DiffLine: Hashable, Sendable {
    /// Whether the line is unchanged, added or removed.
    public enum Kind: Hashable, Sendable {
        case context
        case added
        case removed
    }

    /// The kind.
    public var kind: Kind
    /// The text, without its line ending.
    public var text: String
    /// 1-based line in the old text (nil for added lines).
    public var oldLine: Int?
    /// 1-based line in the new text (nil for removed lines).
    public var newLine: Int?
    /// True for the last line of a text that does not end with a newline.
    public var noNewline: Bool

    /// Creates a line.
    public init(_ kind: Kind, _ text: String, oldLine: Int?, newLine: Int?, noNewline: Bool = false) {
        self.kind = kind
        self.text = text
        self.oldLine = oldLine
        self.newLine = newLine
        self.noNewline = noNewline
    }
}

/// A run of changed lines with their context.
public struct DiffHunk: Hashable, Sendable {
    /// First old line (1-based; 0 for an empty old side).
    public var oldStart: Int
    /// Old lines covered.
    public var oldCount: Int
    /// First new line (1-based; 0 for an empty new side).
    public var newStart: Int
    /// New lines covered.
    public var newCount: Int
    /// The lines in order.
    public var lines: [DiffLine]

    /// `@@ -oldStart,oldCount +newStart,newCount @@`.
    public var header: String { "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@" }
}

/// The difference between two versions of a text file as unified-diff
/// hunks with line numbers: what the approval float, the transcript and
/// the session file show.
///
///     let d = FileDiff.make(old: "a\nb\n", new: "a\nc\n", path: "x.txt")
///     d.unified   // "--- a/x.txt\n+++ b/x.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
public struct FileDiff: Hashable, Sendable {
    /// The file's path as shown.
    public var path: String
    /// True when the old side did not exist (a created file).
    public var isNewFile: Bool
    /// The hunks, in order.
    public var hunks: [DiffHunk]

    /// Creates a diff from its parts.
    public init(path: String, isNewFile: Bool, hunks: [DiffHunk]) {
        self.path = path
        self.isNewFile = isNewFile
        self.hunks = hunks
    }

    /// Lines added.
    public var added: Int { hunks.reduce(0) { $0 + $1.lines.filter { $0.kind == .added }.count } }
    /// Lines removed.
    public var removed: Int { hunks.reduce(0) { $0 + $1.lines.filter { $0.kind == .removed }.count } }
    /// True when nothing changed.
    public var isEmpty: Bool { hunks.isEmpty }

    /// The diff from `old` (nil: the file did not exist) to `new`, with
    /// `context` unchanged lines around each change; changes closer than
    /// twice the context share a hunk.
    public static func make(old: String?, new: String, path: String, context: Int = 3) -> FileDiff {
        let a = splitForDiff(old ?? ""), b = splitForDiff(new)
        let ids = lineIDs(a, b)
        let ops = LineDiff.script(ids: ids.old, ids.new)
        let lines = ops.map { op -> DiffLine in
            switch op {
            case .equal(let i, let j):
                return DiffLine(.context, String(b.lines[j]), oldLine: i + 1, newLine: j + 1,
                                noNewline: j == b.lines.count - 1 && !b.finalNewline)
            case .delete(let i):
                return DiffLine(.removed, String(a.lines[i]), oldLine: i + 1, newLine: nil,
                                noNewline: i == a.lines.count - 1 && !a.finalNewline)
            case .insert(let j):
                return DiffLine(.added, String(b.lines[j]), oldLine: nil, newLine: j + 1,
                                noNewline: j == b.lines.count - 1 && !b.finalNewline)
            }
        }
        return FileDiff(path: path, isNewFile: old == nil, hunks: group(lines, context: max(0, context)))
    }

    /// The lines of a text and whether it ends with a newline ("" has no lines).
    static func splitForDiff(_ text: String) -> (lines: [Substring], finalNewline: Bool) {
        guard !text.isEmpty else { return ([], true) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let final = text.hasSuffix("\n")
        if final { lines.removeLast() }
        return (lines, final)
    }

    /// Line ids for both sides, equal for equal bytes; a last line without
    /// a newline differs from the same text with one (as in `diff -u`).
    private static func lineIDs(_ a: (lines: [Substring], finalNewline: Bool),
                                _ b: (lines: [Substring], finalNewline: Bool)) -> (old: [Int], new: [Int]) {
        var table: [[UInt8]: Int] = [:]
        func ids(of side: (lines: [Substring], finalNewline: Bool)) -> [Int] {
            side.lines.indices.map { i in
                var key = Array(side.lines[i].utf8)
                if i == side.lines.count - 1 && !side.finalNewline { key.append(0xFF) }
                if let id = table[key] { return id }
                table[key] = table.count
                return table.count - 1
            }
        }
        return (ids(of: a), ids(of: b))
    }

    /// Cuts the annotated lines into hunks with `context` lines around changes.
    private static func group(_ lines: [DiffLine], context: Int) -> [DiffHunk] {
        let changed = lines.indices.filter { lines[$0].kind != .context }
        guard !changed.isEmpty else { return [] }
        var ranges: [ClosedRange<Int>] = []
        for i in changed {
            let lo = max(0, i - context), hi = min(lines.count - 1, i + context)
            if let last = ranges.last, lo <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, hi)
            } else {
                ranges.append(lo...hi)
            }
        }
        return ranges.map { r in
            let slice = Array(lines[r])
            let olds = slice.filter { $0.kind != .added }, news = slice.filter { $0.kind != .removed }
            let oldStart = olds.first?.oldLine ?? startBefore(lines, r.lowerBound, \.oldLine)
            let newStart = news.first?.newLine ?? startBefore(lines, r.lowerBound, \.newLine)
            return DiffHunk(oldStart: oldStart, oldCount: olds.count, newStart: newStart, newCount: news.count, lines: slice)
        }
    }

    /// For a hunk with no line on one side: the number of the line before
    /// it on that side (0 at the start), as unified diffs write it.
    private static func startBefore(_ lines: [DiffLine], _ index: Int, _ key: KeyPath<DiffLine, Int?>) -> Int {
        var i = index - 1
        while i >= 0 {
            if let n = lines[i][keyPath: key] { return n }
            i -= 1
        }
        return 0
    }
}
