import Foundation
import Kernel

/// Cursor motions over a buffer's text, by display cluster (a wide
/// character or an emoji sequence is one step): characters, Vim words,
/// line ends, and plain-text search. Pure functions of the buffer; the
/// caller moves the window's cursor and scrolls (display-row motions need
/// the window's wrap, see `Compositor.segments`).
///
/// Words follow Vim's `w`/`b`/`e`: a word is a run of letters, digits and
/// `_` (any non-ASCII letter counts), or a run of other non-blank
/// characters; blanks separate; an empty line is a word of its own.
public enum TextMotion {
    /// The class of a character for word motions: 0 blank, 1 punctuation, 2 word.
    static func wordClass(_ c: Character) -> Int {
        if c.isWhitespace { return 0 }
        if c == "_" || c.isLetter || c.isNumber { return 2 }
        if c.unicodeScalars.first.map({ $0.value >= 0x80 }) == true && !c.isPunctuation && !c.isSymbol { return 2 }
        return 1
    }

    /// Whether `c` belongs to a "word" for double-click selection: Vim's
    /// word characters plus the punctuation of paths and URLs.
    static func isSelectionWordChar(_ c: Character) -> Bool {
        wordClass(c) == 2 || "-./~:@%+#=?&".contains(c)
    }

    /// The clusters of `line` as (byte range, character), in order.
    static func clusters(_ line: String) -> [(bytes: Range<Int>, char: Character)] {
        var out: [(Range<Int>, Character)] = []
        TextMeasure.forEachCluster(line) { c in
            let s = SelectionText.slice(line, c.byteRange)
            out.append((c.byteRange, s.first ?? " "))
            return true
        }
        return out
    }

    /// One cluster left, staying on the line.
    public static func left(_ line: String, col: Int) -> Int {
        let start = SelectionText.clusterStart(line, col)
        guard start > 0 else { return 0 }
        return SelectionText.clusterStart(line, start - 1)
    }

    /// One cluster right, stopping on the last cluster of the line.
    public static func right(_ line: String, col: Int) -> Int {
        let end = SelectionText.clusterEnd(line, col)
        return end >= line.utf8.count ? lastCluster(line) : end
    }

    /// The first byte of the line's last cluster (0 for an empty line).
    public static func lastCluster(_ line: String) -> Int {
        line.isEmpty ? 0 : SelectionText.clusterStart(line, line.utf8.count - 1)
    }

    /// The first non-blank cluster of the line (Vim `^`).
    public static func firstNonBlank(_ line: String) -> Int {
        clusters(line).first { wordClass($0.char) != 0 }?.bytes.lowerBound ?? lastCluster(line)
    }

    /// Vim `w`: the start of the next word, across lines.
    public static func wordForward(_ buffer: Buffer, from p: Position) -> Position {
        var row = p.row
        guard let first = buffer.line(row) else { return p }
        var cs = clusters(first)
        var i = cs.firstIndex { $0.bytes.contains(p.col) || $0.bytes.lowerBound >= p.col } ?? cs.count
        if i < cs.count {
            let cls = wordClass(cs[i].char)
            while i < cs.count, cls != 0, wordClass(cs[i].char) == cls { i += 1 }
        }
        while true {
            while i < cs.count, wordClass(cs[i].char) == 0 { i += 1 }
            if i < cs.count { return Position(row: row, col: cs[i].bytes.lowerBound) }
            guard row + 1 < buffer.lineCount, let next = buffer.line(row + 1) else {
                return Position(row: row, col: lastCluster(buffer.line(row) ?? ""))
            }
            row += 1
            cs = clusters(next)
            i = 0
            if cs.isEmpty { return Position(row: row, col: 0) }
        }
    }

    /// Vim `b`: the start of the previous word, across lines.
    public static func wordBackward(_ buffer: Buffer, from p: Position) -> Position {
        var row = p.row
        guard let first = buffer.line(row) else { return p }
        var cs = clusters(first)
        var i = (cs.lastIndex { $0.bytes.lowerBound < p.col } ?? -1)
        while true {
            while i >= 0, wordClass(cs[i].char) == 0 { i -= 1 }
            if i >= 0 {
                let cls = wordClass(cs[i].char)
                while i > 0, wordClass(cs[i - 1].char) == cls { i -= 1 }
                return Position(row: row, col: cs[i].bytes.lowerBound)
            }
            guard row > 0, let prev = buffer.line(row - 1) else { return Position(row: row, col: 0) }
            row -= 1
            cs = clusters(prev)
            if cs.isEmpty { return Position(row: row, col: 0) }
            i = cs.count - 1
        }
    }

    /// Vim `e`: the end (last cluster) of the current or next word.
    public static func wordEnd(_ buffer: Buffer, from p: Position) -> Position {
        var row = p.row
        guard let first = buffer.line(row) else { return p }
        var cs = clusters(first)
        var i = (cs.firstIndex { $0.bytes.lowerBound > p.col }) ?? cs.count
        while true {
            while i < cs.count, wordClass(cs[i].char) == 0 { i += 1 }
            if i < cs.count {
                let cls = wordClass(cs[i].char)
                while i + 1 < cs.count, wordClass(cs[i + 1].char) == cls { i += 1 }
                return Position(row: row, col: cs[i].bytes.lowerBound)
            }
            guard row + 1 < buffer.lineCount, let next = buffer.line(row + 1) else {
                return Position(row: row, col: lastCluster(buffer.line(row) ?? ""))
            }
            row += 1
            cs = clusters(next)
            i = 0
        }
    }

    /// The bytes of the double-click word at byte `col` of `line` (path
    /// and URL punctuation included); a blank gives its run of blanks.
    public static func word(in line: String, at col: Int) -> Range<Int> {
        let cs = clusters(line)
        guard let i = cs.firstIndex(where: { $0.bytes.contains(col) }) ?? (cs.isEmpty ? nil : cs.count - 1) else {
            return 0..<0
        }
        let inWord = isSelectionWordChar(cs[i].char)
        let blank = wordClass(cs[i].char) == 0
        func same(_ k: Int) -> Bool {
            if inWord { return isSelectionWordChar(cs[k].char) }
            if blank { return wordClass(cs[k].char) == 0 }
            return k == i
        }
        var lo = i, hi = i
        while lo > 0, same(lo - 1) { lo -= 1 }
        while hi + 1 < cs.count, same(hi + 1) { hi += 1 }
        // A word never ends in the sentence punctuation that follows it.
        while inWord, hi > lo, ".,:;?!".contains(cs[hi].char) { hi -= 1 }
        return cs[lo].bytes.lowerBound..<cs[hi].bytes.upperBound
    }

    /// The next match of `query` after (forward) or before `from`, wrapping
    /// around the buffer; nil when there is none. Case-insensitive unless
    /// the query has an uppercase letter (Vim's smartcase).
    public static func search(_ buffer: Buffer, _ query: String, from p: Position, forward: Bool) -> Position? {
        guard !query.isEmpty, buffer.lineCount > 0 else { return nil }
        let options: String.CompareOptions = query == query.lowercased() ? [.caseInsensitive] : []
        func matches(_ row: Int) -> [Int] {
            guard let line = buffer.line(row) else { return [] }
            var out: [Int] = []
            var searchStart = line.startIndex
            while let r = line.range(of: query, options: options, range: searchStart..<line.endIndex) {
                out.append(line.utf8.distance(from: line.startIndex, to: r.lowerBound))
                searchStart = line.index(after: r.lowerBound)
            }
            return out
        }
        let n = buffer.lineCount
        for step in 0...n {
            let row = ((forward ? p.row + step : p.row - step) % n + n) % n
            let cols = matches(row)
            let pick: Int?
            if step == 0 {
                pick = forward ? cols.first { $0 > p.col } : cols.last { $0 < p.col }
            } else if step == n {
                pick = forward ? cols.first { $0 <= p.col } : cols.last { $0 >= p.col }
            } else {
                pick = forward ? cols.first : cols.last
            }
            if let col = pick { return Position(row: row, col: col) }
        }
        return nil
    }
}
