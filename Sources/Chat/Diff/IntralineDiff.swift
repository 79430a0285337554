/// Which parts of a changed line changed: for a removed line and the
/// added line that replaces it, the byte ranges of each that differ, so a
/// renderer can emphasize them (`DiffDeleteText`, `DiffAddText`).
///
/// Lines are cut into tokens (runs of letters, digits and `_`; runs of
/// whitespace; any other single character) and the token sequences are
/// diffed with `CollectionDifference`. Emphasis is given only where it
/// helps: when most of the line is unchanged. A line rewritten from end to
/// end gets none (the whole row is already coloured).
public enum IntralineDiff {
    /// Lines longer than this (in bytes) are not looked into.
    public static let maxLineBytes = 1000
    /// The least share of unchanged bytes (of the longer line) for emphasis.
    public static let minUnchangedShare = 0.4

    /// The changed byte ranges of `old` and of `new`, or nil when emphasis
    /// would not help.
    public static func ranges(old: String, new: String) -> (old: [Range<Int>], new: [Range<Int>])? {
        let a = Array(old.utf8), b = Array(new.utf8)
        guard a != b, a.count <= maxLineBytes, b.count <= maxLineBytes else { return nil }
        let ta = tokens(a), tb = tokens(b)
        let wordsA = ta.map { Array(a[$0]) }, wordsB = tb.map { Array(b[$0]) }
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in wordsB.difference(from: wordsA) {
            switch change {
            case .remove(let i, _, _): removed.insert(i)
            case .insert(let i, _, _): inserted.insert(i)
            }
        }
        let unchanged = ta.indices.filter { !removed.contains($0) }.reduce(0) { $0 + ta[$1].count }
        guard Double(unchanged) >= minUnchangedShare * Double(max(a.count, b.count)) else { return nil }
        return (merge(removed.sorted().map { ta[$0] }), merge(inserted.sorted().map { tb[$0] }))
    }

    /// The byte ranges of the tokens of `bytes`.
    static func tokens(_ bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            let start = i
            let cls = tokenClass(bytes[i])
            i += 1
            if cls == .other {
                // One character: the lead byte and its continuation bytes.
                while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            } else {
                while i < bytes.count, tokenClass(bytes[i]) == cls { i += 1 }
            }
            out.append(start..<i)
        }
        return out
    }

    private enum TokenClass { case word, space, other }

    /// Letters, digits, `_` and any non-ASCII byte are word bytes (so
    /// words in any script stay whole); spaces and tabs are space.
    private static func tokenClass(_ b: UInt8) -> TokenClass {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), 0x80...0xFF: return .word
        case UInt8(ascii: " "), UInt8(ascii: "\t"): return .space
        default: return .other
        }
    }

    /// Adjacent ranges joined.
    private static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges {
            if let last = out.last, last.upperBound == r.lowerBound {
                out[out.count - 1] = last.lowerBound..<r.upperBound
            } else {
                out.append(r)
            }
        }
        return out
    }
}
