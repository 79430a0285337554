import Kernel
import Render

// Measuring, wrapping and truncating text (the hot text paths).
//
// Input: a width, a tab stop, option bits, then raw bytes (invalid UTF-8
// included). Checks: clusters tile the bytes with widths of at least 1;
// sanitized text holds no control character and measures the same;
// prefixes and truncation fit the width and never cut a cluster; wrapped
// rows tile the line, fit their room (a single too-wide cluster excepted)
// and agree with `rowCount`; byte <-> column conversions agree.

public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = FuzzReader(data, size)
    let width = r.int(in: 0...120)
    let tabstop = r.int(in: 0...12)
    let flags = r.byte()
    let showbreak = flags & 4 != 0 ? String(decoding: r.chunk(max: 6), as: UTF8.self) : ""
    let bytes = r.rest()
    bytes.withUnsafeBufferPointer { buf in
        let starts = checkClusters(buf, tabstop: tabstop)
        checkPrefix(buf, width: width, tabstop: tabstop, starts: starts)
        let options = WrapOptions(linebreak: flags & 1 != 0, breakindent: flags & 2 != 0,
                                  showbreak: showbreak, tabstop: tabstop)
        checkWrap(buf, width: width, options: options, starts: starts)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    checkSanitize(text, tabstop: tabstop)
    checkTruncate(text, width: width, tabstop: tabstop, ellipsis: flags & 8 != 0 ? "..." : "…")
    checkColumns(text, tabstop: tabstop, probe: Int(flags))
    return 0
}

/// Clusters tile the bytes in order; returns the cluster start offsets.
private func checkClusters(_ buf: UnsafeBufferPointer<UInt8>, tabstop: Int) -> Set<Int> {
    var next = 0, column = 0
    var starts: Set<Int> = [buf.count]
    TextMeasure.forEachCluster(buf, startColumn: 0, tabstop: tabstop) { c in
        fuzzCheck(c.byteRange.lowerBound == next && !c.byteRange.isEmpty, "clusters do not tile: \(c) after \(next)")
        fuzzCheck(c.width >= 1 && c.column == column, "cluster width/column: \(c) at column \(column)")
        starts.insert(next)
        next = c.byteRange.upperBound
        column += c.width
        return true
    }
    fuzzCheck(next == buf.count, "clusters end at \(next) of \(buf.count)")
    fuzzCheck(TextMeasure.measure(buf, tabstop: tabstop) == column, "measure != sum of cluster widths")
    return starts
}

private func checkPrefix(_ buf: UnsafeBufferPointer<UInt8>, width: Int, tabstop: Int, starts: Set<Int>) {
    let p = TextMeasure.displayPrefix(buf, maxWidth: width, tabstop: tabstop)
    fuzzCheck(p.width <= max(0, width) && starts.contains(p.byteCount), "prefix \(p) for width \(width)")
    let w = TextMeasure.measure(UnsafeBufferPointer(rebasing: buf[..<p.byteCount]), tabstop: tabstop)
    fuzzCheck(w == p.width, "prefix width \(p.width) but measures \(w)")
}

private func checkWrap(_ buf: UnsafeBufferPointer<UInt8>, width: Int, options: WrapOptions, starts: Set<Int>) {
    var segments: [WrapSegment] = []
    Wrapper.layout(buf, width: width, options: options) { segments.append($0) }
    fuzzCheck(!segments.isEmpty, "no rows")
    fuzzCheck(Wrapper.rowCount(buf, width: width, options: options) == segments.count, "rowCount differs")
    var next = 0
    for s in segments {
        fuzzCheck(s.byteRange.lowerBound == next, "rows do not tile: \(segments)")
        fuzzCheck(starts.contains(s.byteRange.upperBound), "row \(s) cuts a cluster")
        next = s.byteRange.upperBound
        guard width > 0 else { continue }
        let room = width - s.startColumn
        fuzzCheck(room >= 1, "no room on a row: \(s) at width \(width)")
        // One cluster only: no cluster starts strictly inside the row.
        let single = !(s.byteRange.lowerBound + 1..<max(s.byteRange.lowerBound + 1, s.byteRange.upperBound))
            .contains { starts.contains($0) }
        fuzzCheck(s.width <= room || single, "row \(s) overflows its room \(room) (width \(width), \(options))")
        fuzzCheck(!s.byteRange.isEmpty || buf.isEmpty, "empty row \(s) in \(segments)")
    }
    fuzzCheck(next == buf.count, "rows end at \(next) of \(buf.count)")
}

private func checkSanitize(_ text: String, tabstop: Int) {
    let clean = TextMeasure.sanitize(text, tabstop: tabstop)
    for u in clean.unicodeScalars {
        fuzzCheck(u.value >= 0x20 && !(0x7F...0x9F).contains(u.value), "control U+\(String(u.value, radix: 16)) survives sanitize")
    }
    fuzzCheck(TextMeasure.measure(clean, tabstop: tabstop) == TextMeasure.measure(text, tabstop: tabstop),
              "sanitize changes the width of \(text.debugDescription)")
    fuzzCheck(TextMeasure.sanitize(clean, tabstop: tabstop) == clean, "sanitize is not idempotent on \(text.debugDescription)")
}

private func checkTruncate(_ text: String, width: Int, tabstop: Int, ellipsis: String) {
    let t = TextMeasure.truncate(text, width: width, ellipsis: ellipsis, tabstop: tabstop)
    fuzzCheck(TextMeasure.measure(t, tabstop: tabstop) <= max(0, width), "truncate(\(text.debugDescription), \(width)) = \(t.debugDescription) is too wide")
    if width > 0, TextMeasure.measure(text, tabstop: tabstop) <= width {
        fuzzCheck(t == TextMeasure.sanitize(text, tabstop: tabstop), "truncate changed text that fits")
    }
}

private func checkColumns(_ text: String, tabstop: Int, probe: Int) {
    let n = text.utf8.count
    let total = TextMeasure.measure(text, tabstop: tabstop)
    var last = 0
    for b in stride(from: 0, through: n + 1, by: max(1, n / 16)) {
        let col = TextMeasure.column(forByte: b, in: text, tabstop: tabstop)
        fuzzCheck(col >= last && col <= total, "column(forByte: \(b)) = \(col) (previous \(last), total \(total))")
        last = col
        let back = TextMeasure.byte(forColumn: col, in: text, tabstop: tabstop)
        fuzzCheck(back <= max(b, 0) || b > n, "byte(forColumn: \(col)) = \(back) > \(b)")
        fuzzCheck(TextMeasure.column(forByte: back, in: text, tabstop: tabstop) == col || col == total,
                  "column/byte disagree at byte \(b)")
    }
    _ = probe
}
