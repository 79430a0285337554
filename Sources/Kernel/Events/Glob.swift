/// A glob pattern for autocmd subjects: `*` matches any run of characters
/// (including none), `?` exactly one character, anything else itself.
/// Matching is by grapheme cluster and case-sensitive; the whole subject
/// must match.
///
/// ```swift
/// Glob("*.lua").matches("init.lua")   // true
/// Glob("win?").matches("win10")       // false
/// ```
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    /// The pattern text.
    public let pattern: String
    private let chars: [Character]

    /// Creates a glob from its text.
    public init(_ pattern: String) {
        self.pattern = pattern
        self.chars = Array(pattern)
    }

    /// The pattern text.
    public var description: String { pattern }

    /// Whether `subject` matches the whole pattern.
    ///
    /// Greedy matching with one backtrack point: on a mismatch the last `*`
    /// absorbs one more character. This is linear per `*` and never recurses.
    public func matches(_ subject: String) -> Bool {
        let s = Array(subject)
        var p = 0, i = 0
        var star: Int? = nil   // index in the pattern just after the last `*`
        var starI = 0          // subject index that `*` matched up to
        while i < s.count {
            if p < chars.count, chars[p] == "?" || (chars[p] != "*" && chars[p] == s[i]) {
                p += 1
                i += 1
            } else if p < chars.count, chars[p] == "*" {
                star = p + 1
                starI = i
                p += 1
            } else if let st = star {
                starI += 1
                i = starI
                p = st
            } else {
                return false
            }
        }
        while p < chars.count, chars[p] == "*" { p += 1 }
        return p == chars.count
    }
}
