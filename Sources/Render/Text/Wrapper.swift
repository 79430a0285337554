/// Soft wrapping of one line into screen rows, at display time only.
///
/// Rules:
/// * every row holds at least one cluster, so wrapping always ends; a
///   cluster wider than the whole row (a wide char at width 1) gets a row
///   of its own and the renderer clips it;
/// * a wide char that does not fit in the last cell(s) moves to the next
///   row, leaving the last cell empty;
/// * a tab expands relative to the start of the row's text and is clipped
///   at the row's edge (it is blank);
/// * `linebreak` breaks after the last blank, `breakat` char or wide char
///   that fits, else hard-breaks; blanks that overflow hang at the end of
///   the row (in its byte range, counted only up to the row's edge);
/// * `width <= 0`: nothing can be shown; the line is one segment;
/// * an empty line is one row.
///
/// ```swift
/// Wrapper.wrap("hello world", width: 8, options: WrapOptions(linebreak: true))
/// // [0..<6 "hello ", 6..<11 "world"]
/// ```
public enum Wrapper {
    /// The rows of `line` wrapped at `width` cells. With a `stop` check
    /// that fires, only the first rows (``StopCheck``).
    public static func wrap(
        _ line: String, width: Int, options: WrapOptions = WrapOptions(), stop: StopCheck? = nil
    ) -> [WrapSegment] {
        var segments: [WrapSegment] = []
        var copy = line
        copy.withUTF8 { bytes in
            self.layout(bytes, width: width, options: options, stop: stop) { segments.append($0) }
        }
        return segments
    }

    /// The number of rows `wrap` would return, without building them.
    public static func rowCount(_ line: String, width: Int, options: WrapOptions = WrapOptions()) -> Int {
        var copy = line
        return copy.withUTF8 { self.rowCount($0, width: width, options: options) }
    }

    /// `rowCount` over raw UTF-8 bytes.
    public static func rowCount(_ bytes: UnsafeBufferPointer<UInt8>, width: Int, options: WrapOptions = WrapOptions()) -> Int {
        var rows = 0
        self.layout(bytes, width: width, options: options) { _ in rows += 1 }
        return rows
    }

    /// Wraps raw UTF-8 `bytes`, calling `emit` for each row in order (and
    /// ending early when `stop` fires).
    public static func layout(
        _ bytes: UnsafeBufferPointer<UInt8>, width: Int, options: WrapOptions,
        stop: StopCheck? = nil, emit: (WrapSegment) -> Void
    ) {
        var stop = stop
        let count = bytes.count
        if count == 0 || width <= 0 {
            let used = width <= 0 ? TextMeasure.measure(bytes, tabstop: options.tabstop) : 0
            emit(WrapSegment(byteRange: 0..<count, startColumn: 0, width: used, showsBreak: false))
            return
        }
        let continuation = self.continuationIndent(bytes, width: width, options: options)
        var scanner = ClusterScanner(bytes, startColumn: 0, tabstop: options.tabstop)
        var first = true
        while true {
            let start = scanner.position
            let room = first ? width : width - continuation.column
            scanner.column = 0
            let used = self.fillRow(&scanner, room: room, linebreak: options.linebreak)
            emit(WrapSegment(
                byteRange: start..<scanner.position,
                startColumn: first ? 0 : continuation.column,
                width: used,
                showsBreak: !first && continuation.showsBreak))
            if scanner.position >= count || stop.stop(at: scanner.position) { return }
            first = false
        }
    }

    /// Where continuation rows start: showbreak width plus break indent,
    /// always leaving at least one cell (half the width with breakindent).
    static func continuationIndent(
        _ bytes: UnsafeBufferPointer<UInt8>, width: Int, options: WrapOptions
    ) -> (column: Int, showsBreak: Bool) {
        var showbreak = options.showbreak.isEmpty ? 0 : TextMeasure.measure(options.showbreak, tabstop: options.tabstop)
        if showbreak >= width { showbreak = 0 }
        var indent = 0
        if options.breakindent {
            let lead = self.leadingBlankWidth(bytes, tabstop: options.tabstop)
            if lead > 0 && (width - showbreak - lead) * 2 >= width { indent = lead }
        }
        return (showbreak + indent, showbreak > 0)
    }

    /// Display width of the leading spaces and tabs of a line.
    static func leadingBlankWidth(_ bytes: UnsafeBufferPointer<UInt8>, tabstop: Int) -> Int {
        var scanner = ClusterScanner(bytes, startColumn: 0, tabstop: tabstop)
        var width = 0
        while let cluster = scanner.next(), Self.isBlank(cluster, bytes) { width = cluster.endColumn }
        return width
    }

    /// Fills one row of `room` cells from the scanner's position; leaves
    /// the scanner at the first byte of the next row and returns the
    /// cells used.
    private static func fillRow(_ scanner: inout ClusterScanner, room: Int, linebreak: Bool) -> Int {
        let bytes = scanner.bytes
        let rowStart = scanner.position
        var used = 0
        var breakByte = -1
        var breakUsed = 0
        while true {
            let runStart = scanner.position
            let skipped = scanner.advanceASCII(maxCells: room - used)
            if linebreak && skipped > 0, let k = self.lastBreakat(bytes, in: runStart..<scanner.position) {
                breakByte = k + 1
                breakUsed = used + (k + 1 - runStart)
            }
            used += skipped
            let start = scanner.position
            guard let cluster = scanner.next() else { return used }
            if used + cluster.width <= room {
                used += cluster.width
                if linebreak && self.isBreakAfter(cluster, bytes) { breakByte = cluster.byteRange.upperBound; breakUsed = used }
                continue
            }
            let blank = self.isBlank(cluster, bytes)
            if linebreak && blank {
                used = min(room, used + cluster.width)
                self.skipBlanks(&scanner)
                return used
            }
            if cluster.kind == .tab && used < room { return room }
            if used == 0 { return cluster.kind == .tab ? room : cluster.width }
            if linebreak && breakByte > rowStart {
                scanner.position = breakByte
                return breakUsed
            }
            scanner.position = start
            return used
        }
    }

    /// Consumes the blanks at the scanner's position.
    private static func skipBlanks(_ scanner: inout ClusterScanner) {
        while true {
            var peek = scanner
            guard let cluster = peek.next(), self.isBlank(cluster, scanner.bytes) else { return }
            scanner = peek
        }
    }

    /// The last index in `range` whose byte is in `WrapOptions.breakat`.
    @inline(__always)
    private static func lastBreakat(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
        var k = range.upperBound - 1
        while k >= range.lowerBound {
            if self.isBreakatByte(bytes[k]) { return k }
            k -= 1
        }
        return nil
    }

    @inline(__always)
    private static func isBreakatByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x21, 0x40, 0x2A, 0x2D, 0x2B, 0x3B, 0x3A, 0x2C, 0x2E, 0x2F, 0x3F: return true
        default: return false
        }
    }

    /// True when `linebreak` may break after `cluster`.
    @inline(__always)
    private static func isBreakAfter(_ cluster: DisplayCluster, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch cluster.kind {
        case .tab: return true
        case .text:
            if cluster.width >= 2 { return true }
            return cluster.byteRange.count == 1 && self.isBreakatByte(bytes[cluster.byteRange.lowerBound])
        default: return false
        }
    }

    /// True for a space or a tab.
    @inline(__always)
    static func isBlank(_ cluster: DisplayCluster, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch cluster.kind {
        case .tab: return true
        case .text: return cluster.byteRange.count == 1 && bytes[cluster.byteRange.lowerBound] == 0x20
        default: return false
        }
    }
}
