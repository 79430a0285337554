/// Prefixes, truncation and byte <-> column conversion. None of these ever
/// splits a grapheme cluster.
extension TextMeasure {
    /// The longest prefix of `s` made of whole clusters whose display width
    /// is at most `maxWidth`.
    ///
    /// - Returns: `byteCount`, the UTF-8 length of the prefix, and `width`,
    ///   its display width (may be `maxWidth - 1` when a wide char would
    ///   straddle the limit). Both are 0 when `maxWidth <= 0`.
    public static func displayPrefix(
        _ s: String, maxWidth: Int, startColumn: Int = 0, tabstop: Int = defaultTabstop
    ) -> (byteCount: Int, width: Int) {
        var copy = s
        return copy.withUTF8 { self.displayPrefix($0, maxWidth: maxWidth, startColumn: startColumn, tabstop: tabstop) }
    }

    /// `displayPrefix` over raw UTF-8 bytes.
    public static func displayPrefix(
        _ bytes: UnsafeBufferPointer<UInt8>, maxWidth: Int, startColumn: Int = 0, tabstop: Int = defaultTabstop
    ) -> (byteCount: Int, width: Int) {
        guard maxWidth > 0 else { return (0, 0) }
        var scanner = ClusterScanner(bytes, startColumn: startColumn, tabstop: tabstop)
        var width = 0
        while width < maxWidth {
            width += scanner.advanceASCII(maxCells: maxWidth - width)
            let before = scanner.position
            guard let cluster = scanner.next() else { break }
            if width + cluster.width > maxWidth { return (before, width) }
            width += cluster.width
        }
        return (scanner.position, width)
    }

    /// `s` shortened to at most `width` cells, sanitized for display (tabs
    /// expanded from column 0, controls replaced).
    ///
    /// Never splits a cluster. When something is cut, `ellipsis` is
    /// appended and counted in the width; a wide char that would straddle
    /// the limit is dropped and no padding is added, so the result can be
    /// one cell narrower than `width`. If `ellipsis` alone is wider than
    /// `width`, the text is cut without one. `width <= 0` gives "".
    ///
    /// ```swift
    /// TextMeasure.truncate("hello world", width: 8)   // "hello w…"
    /// TextMeasure.truncate("ab世界", width: 4)          // "ab…" (世 would straddle)
    /// ```
    ///
    /// With a `stop` check that fires, the result is incomplete
    /// (``StopCheck``).
    public static func truncate(
        _ s: String, width: Int, ellipsis: String = "…", tabstop: Int = defaultTabstop,
        stop: StopCheck? = nil
    ) -> String {
        guard width > 0 else { return "" }
        var copy = s
        var stop = stop
        return copy.withUTF8 { bytes in
            if self.measure(bytes, tabstop: tabstop, stop: stop) <= width {
                return self.sanitize(s, tabstop: tabstop, stop: stop)
            }
            let ellipsisWidth = self.measure(ellipsis, tabstop: tabstop)
            let useEllipsis = ellipsisWidth <= width
            let budget = useEllipsis ? width - ellipsisWidth : width
            var out: [UInt8] = []
            out.reserveCapacity(min(bytes.count, budget * 4 + 8))
            self.forEachCluster(bytes, tabstop: tabstop) { cluster in
                guard cluster.endColumn <= budget, !stop.stop(at: cluster.byteRange.lowerBound) else { return false }
                self.appendDisplay(of: cluster, from: bytes, to: &out)
                return true
            }
            if useEllipsis { out.append(contentsOf: self.sanitize(ellipsis, tabstop: tabstop).utf8) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The display column at which the cluster containing byte offset
    /// `byte` of `line` starts (a byte inside a cluster maps to the
    /// cluster's first column). `byte <= 0` gives 0; a byte at or past the
    /// end gives the line's full width (where a cursor after the text sits).
    public static func column(forByte byte: Int, in line: String, tabstop: Int = defaultTabstop) -> Int {
        guard byte > 0 else { return 0 }
        var copy = line
        return copy.withUTF8 { bytes in
            var scanner = ClusterScanner(bytes, startColumn: 0, tabstop: tabstop)
            while true {
                let room = byte - scanner.position
                if room > 1 { _ = scanner.advanceASCII(maxCells: room - 1) }
                let column = scanner.column
                guard let cluster = scanner.next() else { return column }
                if cluster.byteRange.upperBound > byte { return column }
            }
        }
    }

    /// The byte offset of the cluster of `line` that covers display column
    /// `column` (a column inside a wide char or tab maps to its first
    /// byte). `column <= 0` gives 0; a column at or past the line's width
    /// gives the line's UTF-8 length.
    public static func byte(forColumn column: Int, in line: String, tabstop: Int = defaultTabstop) -> Int {
        guard column > 0 else { return 0 }
        var copy = line
        return copy.withUTF8 { bytes in
            var scanner = ClusterScanner(bytes, startColumn: 0, tabstop: tabstop)
            while true {
                let room = column - scanner.column
                if room > 1 { _ = scanner.advanceASCII(maxCells: room - 1) }
                let start = scanner.position
                guard let cluster = scanner.next() else { return bytes.count }
                if cluster.endColumn > column { return start }
            }
        }
    }
}
