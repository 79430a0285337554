import Chat
import Kernel
import Render

// Markdown projection (cmark-gfm -> styled lines) at random widths.
//
// Input: a width byte, a split seed, then markdown. Rendering must not
// crash; every span must lie inside its line on character boundaries;
// rendering the text as a
// stream (growing prefixes through one `MarkdownCache`, as a reply
// arrives) must end with exactly the lines of rendering it in one go.

public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = FuzzReader(data, size)
    let width = r.int(in: 1...160)
    let splitSeed = r.chunk(max: 24)
    let bytes = r.rest()
    let text = String(decoding: bytes, as: UTF8.self)
    let renderer = MarkdownRenderer()
    let full = renderer.renderDocument(text, width: width)
    fuzzCheck(!full.lines.isEmpty, "no lines")
    for line in full.lines { check(line, width: max(8, width)) }

    // Streaming: prefixes ending at the split points, then the whole text.
    let cache = MarkdownCache()
    var splitter = FuzzReader(bytes: splitSeed)
    var cut = 0
    for piece in splitter.split(Array(text.utf8), maxPiece: 1 + Int(splitSeed.first ?? 0) % 48).dropLast() {
        cut += piece.count
        let prefix = String(decoding: Array(text.utf8.prefix(cut)), as: UTF8.self)
        _ = renderer.renderDocument(prefix, width: width, cache: cache)
    }
    let streamed = renderer.renderDocument(text, width: width, cache: cache)
    fuzzCheck(streamed.lines == full.lines,
              "streamed render differs at width \(width) for \(fuzzDescribe(bytes)):\n"
              + diff(streamed.lines, full.lines))
    return 0
}

private func check(_ line: StyledLine, width: Int) {
    let count = line.text.utf8.count
    for span in line.spans {
        fuzzCheck(span.range.lowerBound >= 0 && span.range.upperBound <= count && !span.range.isEmpty || span.range.isEmpty,
                  "span \(span.range) outside a line of \(count) bytes: \(line.text.debugDescription)")
        fuzzCheck(boundary(line.text, span.range.lowerBound) && boundary(line.text, span.range.upperBound),
                  "span \(span.range) cuts a character: \(line.text.debugDescription)")
    }
}

private func boundary(_ s: String, _ offset: Int) -> Bool {
    let u = s.utf8
    guard offset >= 0, offset <= u.count else { return false }
    return offset == u.count || u[u.index(u.startIndex, offsetBy: offset)] & 0xC0 != 0x80
}

private func diff(_ a: [StyledLine], _ b: [StyledLine]) -> String {
    for i in 0..<max(a.count, b.count) where i >= a.count || i >= b.count || a[i] != b[i] {
        return "first difference at line \(i):\n  streamed \(i < a.count ? "\(a[i])" : "-")\n  full     \(i < b.count ? "\(b[i])" : "-")"
    }
    return "(same lines)"
}
