import CUtf8proc

/// Display width of text in terminal cells, per extended grapheme cluster,
/// with everything unsafe replaced by something visible and inert.
///
/// Rules (utf8proc 2.8, Unicode 15; see `TERMINAL.md`):
/// * printable ASCII is 1 cell per byte (fast path, no utf8proc calls);
/// * a cluster is as wide as its first code point (`utf8proc_charwidth`),
///   raised to 2 by VS16 (U+FE0F); a flag (regional-indicator pair) is 2;
///   combining marks, ZWJ sequences and skin tones stay in the cluster and
///   add nothing, so 👩‍👩‍👧, 👍🏽, ♻️ and 🇯🇵 are all 2 cells;
/// * C0 controls, ESC and DEL become caret notation (`^[`, `^A`, `^?`, 2
///   cells), C1 controls `<80>`-style hex (4 cells), each invalid UTF-8 byte
///   U+FFFD (1 cell), a zero-width code point with nothing to attach to
///   (U+200B, U+202E, a lone combining mark) `<200b>`-style hex;
/// * TAB expands to the next multiple of `tabstop` relative to the display
///   column (`startColumn` plus what precedes it).
///
/// ```swift
/// TextMeasure.measure("héllo 世界")     // 10
/// TextMeasure.measure("\u{1b}[31m")   // 6: "^[" + "[31m"
/// ```
public enum TextMeasure {
    /// The tab stop used when none (or a value below 1) is given.
    public static let defaultTabstop = 8

    /// The Unicode version of the width and segmentation tables ("15.0.0").
    public static var unicodeVersion: String {
        String(cString: utf8proc_unicode_version())
    }

    /// Calls `body` for each display cluster of `s` in order, until it
    /// returns false. Allocation-free; ASCII needs no utf8proc calls.
    ///
    /// - Parameters:
    ///   - startColumn: display column of the first byte (for tabs and the
    ///     clusters' `column`).
    ///   - tabstop: tab stop distance; values below 1 mean 8.
    ///   - body: receives each cluster; return false to stop early.
    public static func forEachCluster(
        _ s: String, startColumn: Int = 0, tabstop: Int = defaultTabstop,
        _ body: (DisplayCluster) throws -> Bool
    ) rethrows {
        var copy = s
        try copy.withUTF8 { bytes in
            try self.forEachCluster(bytes, startColumn: startColumn, tabstop: tabstop, body)
        }
    }

    /// Calls `body` for each display cluster of raw UTF-8 `bytes` (which
    /// may be invalid: bad bytes become U+FFFD clusters) until it returns
    /// false. Byte ranges are offsets into `bytes`.
    public static func forEachCluster(
        _ bytes: UnsafeBufferPointer<UInt8>, startColumn: Int = 0, tabstop: Int = defaultTabstop,
        _ body: (DisplayCluster) throws -> Bool
    ) rethrows {
        var scanner = ClusterScanner(bytes, startColumn: startColumn, tabstop: tabstop)
        while let cluster = scanner.next() {
            if try !body(cluster) { return }
        }
    }

    /// Calls `body` for each display cluster of `s` (byte ranges are
    /// offsets from the substring's start) until it returns false.
    public static func forEachCluster(
        _ s: Substring, startColumn: Int = 0, tabstop: Int = defaultTabstop,
        _ body: (DisplayCluster) throws -> Bool
    ) rethrows {
        var copy = s
        try copy.withUTF8 { bytes in
            try self.forEachCluster(bytes, startColumn: startColumn, tabstop: tabstop, body)
        }
    }

    /// Calls `body` for each display cluster of the UTF-8 bytes in `bytes`.
    public static func forEachCluster(
        _ bytes: [UInt8], startColumn: Int = 0, tabstop: Int = defaultTabstop,
        _ body: (DisplayCluster) throws -> Bool
    ) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            try self.forEachCluster(buffer, startColumn: startColumn, tabstop: tabstop, body)
        }
    }

    /// All display clusters of `s` (convenience; allocates an array).
    public static func clusters(_ s: String, startColumn: Int = 0, tabstop: Int = defaultTabstop) -> [DisplayCluster] {
        var result: [DisplayCluster] = []
        self.forEachCluster(s, startColumn: startColumn, tabstop: tabstop) { result.append($0); return true }
        return result
    }

    /// Display width of `s` after sanitizing, in cells, when it starts at
    /// display column `startColumn` (which only matters for tabs). With a
    /// `stop` check that fires, the width of a prefix (``StopCheck``).
    public static func measure(
        _ s: String, startColumn: Int = 0, tabstop: Int = defaultTabstop, stop: StopCheck? = nil
    ) -> Int {
        var copy = s
        return copy.withUTF8 { self.measure($0, startColumn: startColumn, tabstop: tabstop, stop: stop) }
    }

    /// Display width of `s` after sanitizing, in cells.
    public static func measure(_ s: Substring, startColumn: Int = 0, tabstop: Int = defaultTabstop) -> Int {
        var copy = s
        return copy.withUTF8 { self.measure($0, startColumn: startColumn, tabstop: tabstop) }
    }

    /// Display width of raw UTF-8 `bytes` after sanitizing (invalid bytes
    /// count 1 cell each). With a `stop` check that fires, the result is
    /// the width of a prefix only (see ``StopCheck``).
    public static func measure(
        _ bytes: UnsafeBufferPointer<UInt8>, startColumn: Int = 0, tabstop: Int = defaultTabstop,
        stop: StopCheck? = nil
    ) -> Int {
        var scanner = ClusterScanner(bytes, startColumn: startColumn, tabstop: tabstop)
        let count = bytes.count
        var stop = stop
        while scanner.position < count {
            if stop.stop(at: scanner.position) { break }
            if bytes[scanner.position] < 0x80 { _ = scanner.advanceASCII(maxCells: Int.max) }
            if scanner.advanceSimpleScalar() { continue }
            _ = scanner.next()
        }
        return scanner.column - startColumn
    }

    /// Display width of one Unicode scalar on its own, as `measure` would
    /// count it (controls and zero-width scalars count as their
    /// replacements).
    public static func width(of scalar: Unicode.Scalar) -> Int {
        self.measure(String(Character(scalar)))
    }

    /// `s` as it is shown: tabs expanded to spaces (from `startColumn`),
    /// controls and invalid bytes replaced. The result never contains a
    /// control character, so it is safe to send to a terminal. With a
    /// `stop` check that fires, only a prefix is returned (``StopCheck``).
    public static func sanitize(
        _ s: String, startColumn: Int = 0, tabstop: Int = defaultTabstop, stop: StopCheck? = nil
    ) -> String {
        var copy = s
        if copy.withUTF8({ bytes in !bytes.contains { $0 < 0x20 || $0 >= 0x7F } }) { return s }  // printable ASCII
        var stop = stop
        return copy.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            self.forEachCluster(bytes, startColumn: startColumn, tabstop: tabstop) { cluster in
                if stop.stop(at: cluster.byteRange.lowerBound) { return false }
                self.appendDisplay(of: cluster, from: bytes, to: &out)
                return true
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends what `cluster` shows (source bytes or replacement) to `out`.
    static func appendDisplay(of cluster: DisplayCluster, from bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if let replacement = cluster.replacementText {
            out.append(contentsOf: replacement.utf8)
        } else {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cluster.byteRange]))
        }
    }
}
