/// Neovim's indexing rules for line ranges, in one place.
///
/// Rows are 0-based and ranges end-exclusive. A negative index `i` means
/// `count + 1 + i`, so `-1` is "past the last line" and `-2` the last line.
enum LineIndex {
    /// Resolves a possibly negative row index against `count` lines.
    static func resolve(_ index: Int, count: Int) -> Int {
        index < 0 ? count + 1 + index : index
    }

    /// Resolves and validates a `[start, end)` line range.
    ///
    /// - Throws: `KernelError.outOfRange` when either end falls outside
    ///   `0...count`, `.invalidArgument` when start > end.
    static func range(_ start: Int, _ end: Int, count: Int, strict: Bool = true) throws -> Range<Int> {
        var s = resolve(start, count: count)
        var e = resolve(end, count: count)
        if !strict {
            s = min(max(s, 0), count)
            e = min(max(e, 0), count)
        }
        guard s >= 0, s <= count else {
            throw KernelError.outOfRange("start index \(start) out of range (buffer has \(count) lines)")
        }
        guard e >= 0, e <= count else {
            throw KernelError.outOfRange("end index \(end) out of range (buffer has \(count) lines)")
        }
        guard s <= e else {
            throw KernelError.invalidArgument("start index \(start) is after end index \(end)")
        }
        return s..<e
    }
}
