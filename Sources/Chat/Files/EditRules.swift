import Glibc

/// Why `edit_file` refused an edit. The description is the message the
/// model sees (after the tool name and path), so it says what to do next.
public enum EditFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// `old_string` is empty.
    case emptyOldString
    /// `old_string` equals `new_string`.
    case noChange
    /// `old_string` does not occur; `hint` is the 1-based line where its
    /// first line occurs ignoring indentation, if it does.
    case notFound(hint: Int?)
    /// `old_string` occurs more than once (at these 1-based lines) and
    /// `replace_all` is not set.
    case ambiguous(lines: [Int])

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .emptyOldString:
            return "old_string is empty; give the exact text to replace (use write_file to create a file)"
        case .noChange:
            return "old_string and new_string are the same; nothing to change"
        case .notFound(let hint?):
            return "old_string was not found; its first line appears at line \(hint) (ignoring indentation): "
                + "read the file from there again and copy the text exactly"
        case .notFound(nil):
            return "old_string was not found; read the file again and copy the text to replace exactly "
                + "(whitespace and line breaks included)"
        case .ambiguous(let lines):
            let shown = lines.prefix(10).map(String.init).joined(separator: ", ") + (lines.count > 10 ? ", …" : "")
            return "old_string occurs \(lines.count) times (lines \(shown)); add surrounding lines to make it unique, "
                + "or set replace_all to replace every occurrence"
        }
    }
}

/// The exact-string replacement of `edit_file`, on UTF-8 bytes: what
/// matches is the exact byte sequence (no Unicode normalization, no
/// whitespace folding), so an edit never touches text the model did not
/// quote.
public enum EditRules {
    /// The result of a successful replacement.
    public struct Outcome: Hashable, Sendable {
        /// The new text.
        public var text: String
        /// How many occurrences were replaced.
        public var replacements: Int
        /// The 1-based line of the first replacement.
        public var firstLine: Int
    }

    /// Replaces `old` by `new` in `text`: exactly one occurrence must
    /// exist unless `replaceAll` (then every non-overlapping occurrence,
    /// at least one, is replaced).
    public static func replace(in text: String, old: String, new: String,
                               replaceAll: Bool) -> Result<Outcome, EditFailure> {
        guard !old.isEmpty else { return .failure(.emptyOldString) }
        guard Array(old.utf8) != Array(new.utf8) else { return .failure(.noChange) }
        let hay = Array(text.utf8), needle = Array(old.utf8)
        let found = occurrences(of: needle, in: hay, limit: replaceAll ? Int.max : 2)
        guard let first = found.first else { return .failure(.notFound(hint: indentationHint(old, in: text))) }
        if found.count > 1 && !replaceAll {
            let all = occurrences(of: needle, in: hay, limit: Int.max)
            return .failure(.ambiguous(lines: lineNumbers(of: all, in: hay)))
        }
        var out: [UInt8] = []
        out.reserveCapacity(hay.count + (new.utf8.count - needle.count) * found.count)
        var at = 0
        for start in found {
            out += hay[at..<start]
            out += new.utf8
            at = start + needle.count
        }
        out += hay[at...]
        return .success(Outcome(text: String(decoding: out, as: UTF8.self), replacements: found.count,
                                firstLine: lineNumbers(of: [first], in: hay)[0]))
    }

    /// Start offsets of the non-overlapping occurrences of `needle`, at
    /// most `limit` of them.
    static func occurrences(of needle: [UInt8], in hay: [UInt8], limit: Int) -> [Int] {
        guard !needle.isEmpty, needle.count <= hay.count else { return [] }
        var out: [Int] = []
        hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let first = n[0], last = hay.count - n.count
                var i = 0
                while i <= last && out.count < limit {
                    if h[i] == first && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 {
                        out.append(i)
                        i += n.count
                    } else {
                        i += 1
                    }
                }
            }
        }
        return out
    }

    /// The 1-based line of each byte offset (offsets ascending).
    static func lineNumbers(of offsets: [Int], in hay: [UInt8]) -> [Int] {
        var out: [Int] = []
        var line = 1, at = 0
        for o in offsets {
            while at < o {
                if hay[at] == 0x0A { line += 1 }
                at += 1
            }
            out.append(line)
        }
        return out
    }

    /// The 1-based line where the first non-blank line of `old` occurs
    /// once leading and trailing whitespace is ignored, or nil.
    static func indentationHint(_ old: String, in text: String) -> Int? {
        guard let wanted = old.split(separator: "\n").map({ $0.trimmingWhitespace() }).first(where: { !$0.isEmpty })
        else { return nil }
        var line = 0
        for candidate in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            if candidate.trimmingWhitespace() == wanted { return line }
        }
        return nil
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and `\r`.
    func trimmingWhitespace() -> Substring {
        let ws: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let a = firstIndex(where: { !ws($0) }) else { return "" }
        let b = lastIndex(where: { !ws($0) })!
        return self[a...b]
    }
}
