import CUtf8proc

/// The segmentation core shared by measuring and wrapping: walks UTF-8 bytes
/// and yields `DisplayCluster`s.
///
/// Algorithm
/// ---------
/// * Printable ASCII (0x20-0x7E) is one cell per byte and needs no utf8proc
///   call, except that the last ASCII byte before a non-ASCII byte may start
///   a cluster (`e` + U+0301, `#` + U+FE0F + U+20E3), so it goes through the
///   slow path. `advanceASCII` skips whole runs eight bytes at a time.
/// * C0 controls, DEL, C1 controls and invalid bytes are always clusters of
///   their own (never passed to utf8proc), shown as replacements.
/// * Everything else: decode a code point, then extend the cluster while
///   `utf8proc_grapheme_break_stateful` reports no break (skipping the call
///   when the bound classes make a break certain, see `CharProperties`). The width is the
///   width of the first code point, raised to 2 by a VS16 (U+FE0F) in the
///   cluster or when two regional indicators pair up (a flag). A first code
///   point of width 0, or one that attaches to what precedes it (a skin
///   tone, a spacing mark) but starts the cluster, has nothing to attach
///   to: it becomes an `.invisible` replacement on its own. (Shown as
///   itself after a replacement such as `^C`, it would join the `C` and the
///   sanitized text would measure narrower than the original.)
struct ClusterScanner {
    /// The bytes being scanned; valid only while the scanner is used.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Byte offset of the next cluster.
    var position: Int
    /// Display column of the next cluster (tabs expand relative to it).
    var column: Int
    /// Tab stop distance, at least 1.
    let tabstop: Int
    /// `CharProperties.table`, fetched once per scan.
    let table: UnsafePointer<UInt8>
    /// The code point a cluster's lookahead decoded and found to start the
    /// next cluster: its byte offset (-1 for none), `decode` result and
    /// packed properties, so the next `slowCluster` does not decode it again
    /// (CJK text is one cluster per code point, each seen twice otherwise).
    private var lookaheadAt = -1
    private var lookaheadDecoded: UInt64 = 0
    private var lookaheadPacked: UInt8 = 0

    /// Starts a scan at byte 0 and display column `startColumn`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, startColumn: Int, tabstop: Int) {
        self.bytes = bytes
        self.position = 0
        self.column = startColumn
        self.tabstop = tabstop > 0 ? tabstop : TextMeasure.defaultTabstop
        self.table = CharProperties.table
    }

    /// True when every byte has been consumed.
    var isAtEnd: Bool { self.position >= self.bytes.count }

    /// The next cluster, or nil at the end.
    @inline(__always)
    mutating func next() -> DisplayCluster? {
        let count = self.bytes.count
        let i = self.position
        guard i < count else { return nil }
        let byte = self.bytes[i]
        if byte >= 0x20 && byte < 0x7F && (i + 1 >= count || self.bytes[i + 1] < 0x80) {
            return self.emit(i..<(i + 1), width: 1, kind: .text)
        }
        if byte < 0x20 || byte == 0x7F {
            if byte == 0x09 { return self.emit(i..<(i + 1), width: self.tabWidth(at: self.column), kind: .tab) }
            return self.emit(i..<(i + 1), width: 2, kind: .control(byte))
        }
        return self.slowCluster(at: i)
    }

    /// Width of a tab that starts at display column `column`.
    @inline(__always)
    func tabWidth(at column: Int) -> Int {
        let rem = column % self.tabstop
        return self.tabstop - (rem < 0 ? rem + self.tabstop : rem)
    }

    @inline(__always)
    private mutating func emit(_ range: Range<Int>, width: Int, kind: DisplayCluster.Kind) -> DisplayCluster {
        let cluster = DisplayCluster(byteRange: range, column: self.column, width: width, kind: kind)
        self.position = range.upperBound
        self.column += width
        return cluster
    }

    /// A cluster that starts with a non-ASCII byte, or with an ASCII byte
    /// followed by a non-ASCII one.
    private mutating func slowCluster(at start: Int) -> DisplayCluster {
        let known = start == self.lookaheadAt
        let decoded = known ? self.lookaheadDecoded : Self.decode(self.bytes, at: start)
        guard decoded != 0 else { return self.emit(start..<(start + 1), width: 1, kind: .invalid) }
        let first = UInt32(truncatingIfNeeded: decoded)
        let firstEnd = start + Int(decoded >> 32)
        if first >= 0x80 && first <= 0x9F {
            return self.emit(start..<firstEnd, width: 4, kind: .c1(UInt8(truncatingIfNeeded: first)))
        }
        let firstProperties = known ? self.lookaheadPacked : CharProperties.packed(first, table: self.table)
        var width = CharProperties.width(firstProperties)
        if width <= 0 || CharProperties.attachesToPrevious(CharProperties.boundclass(firstProperties)) {
            let kind = DisplayCluster.Kind.invisible(first)
            return self.emit(start..<firstEnd, width: DisplayCluster.replacementWidth(kind), kind: kind)
        }
        var end = firstEnd
        var previous = first
        var previousClass = CharProperties.boundclass(firstProperties)
        var state: Int32 = 0
        let count = self.bytes.count
        while end < count {
            // ASCII never extends a cluster unless the previous code point
            // is Prepend, ZWJ or L (all non-ASCII).
            if self.bytes[end] < 0x80 && !CharProperties.mayJoinNext(previousClass) { break }
            let next64 = Self.decode(self.bytes, at: end)
            let next = UInt32(truncatingIfNeeded: next64)
            if next64 == 0 || next < 0x20 || (next >= 0x7F && next <= 0x9F) { break }
            let nextPacked = CharProperties.packed(next, table: self.table)
            let nextClass = CharProperties.boundclass(nextPacked)
            if CharProperties.isCertainBreak(previousClass, nextClass)
                || utf8proc_grapheme_break_stateful(Int32(bitPattern: previous), Int32(bitPattern: next), &state) {
                self.lookaheadAt = end
                self.lookaheadDecoded = next64
                self.lookaheadPacked = nextPacked
                break
            }
            if next == 0xFE0F || (end == firstEnd && Self.isRegionalIndicator(first) && Self.isRegionalIndicator(next)) {
                width = 2
            }
            end += Int(next64 >> 32)
            previous = next
            previousClass = nextClass
        }
        return self.emit(start..<end, width: width, kind: .text)
    }

    @inline(__always)
    static func isRegionalIndicator(_ scalar: UInt32) -> Bool {
        scalar >= 0x1F1E6 && scalar <= 0x1F1FF
    }
}

// MARK: - Single-scalar clusters

extension ClusterScanner {
    /// When the next cluster is one printable code point that certainly
    /// ends where the following one starts (CJK, kana, Hangul syllables, a
    /// lone emoji or accented letter followed by a space or another such
    /// code point), adds its width and moves past it; false (nothing
    /// consumed) when `next()` must decide. The same widths and break rules
    /// as `slowCluster` without building a cluster: `measure` spends most
    /// of its time on such text.
    @inline(__always)
    mutating func advanceSimpleScalar() -> Bool {
        let count = self.bytes.count
        let start = self.position
        guard start < count else { return false }
        let known = start == self.lookaheadAt
        let decoded = known ? self.lookaheadDecoded : Self.decode(self.bytes, at: start)
        let scalar = UInt32(truncatingIfNeeded: decoded)
        // Invalid bytes, controls, DEL and C1 controls become replacements.
        guard decoded != 0, scalar >= 0x20, scalar < 0x7F || scalar > 0x9F else { return false }
        let packed = known ? self.lookaheadPacked : CharProperties.packed(scalar, table: self.table)
        let width = CharProperties.width(packed)
        let boundclass = CharProperties.boundclass(packed)
        guard width > 0, !CharProperties.attachesToPrevious(boundclass) else { return false }
        let end = start + Int(decoded >> 32)
        if end < count {
            let byte = self.bytes[end]
            if byte < 0x80 {
                guard !CharProperties.mayJoinNext(boundclass) else { return false }
            } else {
                let next64 = Self.decode(self.bytes, at: end)
                let next = UInt32(truncatingIfNeeded: next64)
                if next64 != 0 && (next < 0x7F || next > 0x9F) {
                    let nextPacked = CharProperties.packed(next, table: self.table)
                    guard CharProperties.isCertainBreak(boundclass, CharProperties.boundclass(nextPacked)) else { return false }
                    // Kept for the next cluster, as `slowCluster` does.
                    self.lookaheadAt = end
                    self.lookaheadDecoded = next64
                    self.lookaheadPacked = nextPacked
                }
            }
        }
        self.position = end
        self.column += width
        return true
    }
}

// MARK: - ASCII runs

extension ClusterScanner {
    /// Skips printable ASCII bytes that are complete clusters, at most
    /// `maxCells` of them, and returns how many were skipped (each is one
    /// cell). Stops before the last ASCII byte of a run that a non-ASCII
    /// byte follows, since it may start a longer cluster.
    @inline(__always)
    mutating func advanceASCII(maxCells: Int) -> Int {
        let count = self.bytes.count
        let start = self.position
        guard maxCells > 0, start < count else { return 0 }
        let room = count - start
        let limit = maxCells >= room ? count : start + maxCells + 1
        var end = Self.printableASCIIRunEnd(self.bytes, from: start, limit: limit)
        if end > start && end < count && self.bytes[end] >= 0x80 { end -= 1 }
        if end - start > maxCells { end = start + maxCells }
        let skipped = end - start
        self.position = end
        self.column += skipped
        return skipped
    }

    /// The first index in `from..<limit` that is not printable ASCII
    /// (0x20-0x7E), or `limit`. Checks eight bytes per step.
    @inline(__always)
    static func printableASCIIRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var j = start
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        while j + 8 <= limit {
            let word = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
            // High bit set, a byte below 0x20, or a byte equal to 0x7F.
            let below = (word &- (ones &* 0x20)) & ~word
            let del = word ^ (ones &* 0x7F)
            let isDel = (del &- ones) & ~del
            if ((word | below | isDel) & high) != 0 { break }
            j += 8
        }
        while j < limit {
            let byte = bytes[j]
            if byte < 0x20 || byte >= 0x7F { break }
            j += 1
        }
        return j
    }
}

// MARK: - UTF-8 decoding

extension ClusterScanner {
    /// Decodes one well-formed UTF-8 sequence at `i` (no overlongs, no
    /// surrogates, nothing above U+10FFFF): the scalar in the low 32 bits
    /// and the length in the high bits; 0 when the bytes at `i` are not the
    /// start of one.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt64 {
        let count = bytes.count
        let b0 = bytes[i]
        if b0 < 0x80 { return UInt64(b0) | 1 << 32 }
        if b0 < 0xC2 || b0 > 0xF4 || i + 1 >= count { return 0 }
        let b1 = bytes[i + 1]
        if b0 < 0xE0 {
            guard b1 & 0xC0 == 0x80 else { return 0 }
            return (UInt64(b0 & 0x1F) << 6 | UInt64(b1 & 0x3F)) | 2 << 32
        }
        let low: UInt8 = b0 == 0xE0 ? 0xA0 : (b0 == 0xF0 ? 0x90 : 0x80)
        let high: UInt8 = b0 == 0xED ? 0x9F : (b0 == 0xF4 ? 0x8F : 0xBF)
        guard b1 >= low && b1 <= high, i + 2 < count else { return 0 }
        let b2 = bytes[i + 2]
        guard b2 & 0xC0 == 0x80 else { return 0 }
        if b0 < 0xF0 {
            return (UInt64(b0 & 0x0F) << 12 | UInt64(b1 & 0x3F) << 6 | UInt64(b2 & 0x3F)) | 3 << 32
        }
        guard i + 3 < count else { return 0 }
        let b3 = bytes[i + 3]
        guard b3 & 0xC0 == 0x80 else { return 0 }
        let scalar = UInt64(b0 & 0x07) << 18 | UInt64(b1 & 0x3F) << 12 | UInt64(b2 & 0x3F) << 6 | UInt64(b3 & 0x3F)
        return scalar | 4 << 32
    }
}
