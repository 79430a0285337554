/// Word boundaries inside one line, as UTF-8 byte columns on character
/// (grapheme cluster) boundaries.
///
/// Two notions of a word, as in readline: a *word* for Alt-B/Alt-F/Alt-D is
/// a run of letters, digits and `_` (CJK ideographs are letters, so a run of
/// them is one word; emoji and punctuation separate words); a *big word*
/// for Ctrl-W is a run of anything but whitespace.
enum ComposerWords {
    /// Whether a character belongs to a word (letters, digits, `_`).
    static func isWordChar(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    /// Whether a character belongs to a big word (not whitespace).
    static func isBigWordChar(_ c: Character) -> Bool {
        !c.isWhitespace
    }

    /// The start of the word before `col`: skips non-word characters
    /// backwards, then word characters. Returns `col` clamped when nothing
    /// precedes it.
    static func wordStart(_ line: String, before col: Int,
                          isWord: (Character) -> Bool = isWordChar) -> Int {
        var starts: [(offset: Int, char: Character)] = []
        var offset = 0
        for ch in line {
            if offset >= col { break }
            starts.append((offset, ch))
            offset += ch.utf8.count
        }
        var i = starts.count - 1
        while i >= 0, !isWord(starts[i].char) { i -= 1 }
        while i >= 0, isWord(starts[i].char) { i -= 1 }
        let next = i + 1
        return next < starts.count ? starts[next].offset : min(col, offset)
    }

    /// The end of the word at or after `col`: skips non-word characters
    /// forwards, then word characters.
    static func wordEnd(_ line: String, after col: Int,
                        isWord: (Character) -> Bool = isWordChar) -> Int {
        var offset = 0
        var inWord = false
        for ch in line {
            if offset < col {
                offset += ch.utf8.count
                continue
            }
            if inWord {
                if !isWord(ch) { return offset }
            } else if isWord(ch) {
                inWord = true
            }
            offset += ch.utf8.count
        }
        return line.utf8.count
    }

    /// The byte range of the big word containing or touching `col` (the
    /// run of non-whitespace around it); empty when `col` is between spaces.
    static func bigWordRange(_ line: String, at col: Int) -> Range<Int> {
        var start = 0
        var offset = 0
        var end = line.utf8.count
        for ch in line {
            let next = offset + ch.utf8.count
            if ch.isWhitespace {
                if next <= col {
                    start = next
                } else if offset >= col {
                    end = offset
                    break
                }
            }
            offset = next
        }
        return start..<max(start, end)
    }

    /// The UTF-8 slice `[from, to)` of a line (columns on boundaries).
    static func slice(_ line: String, _ from: Int, _ to: Int) -> String {
        let u = line.utf8
        let lo = u.index(u.startIndex, offsetBy: min(max(0, from), u.count))
        let hi = u.index(u.startIndex, offsetBy: min(max(from, to), u.count))
        return String(line[lo..<hi])
    }
}
