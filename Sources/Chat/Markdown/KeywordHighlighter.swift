/// A small tokenizer-based highlighter: keywords, strings, comments and
/// numbers. Good enough for chat snippets; not a parser.
///
/// Works on UTF-8 bytes; identifiers may contain non-ASCII bytes, so span
/// boundaries always fall on character boundaries. A block comment may span
/// lines; strings end at the end of their line (except backquoted ones when
/// `multilineBackquote` is set, as in JavaScript templates).
public struct KeywordHighlighter: SyntaxHighlighter {
    /// Words coloured as `SynKeyword`.
    public var keywords: Set<String>
    /// Prefixes that start a comment running to the end of the line.
    public var lineComments: [String]
    /// Opening and closing of block comments, if the language has them.
    public var blockComment: (open: String, close: String)?
    /// Bytes that open and close string literals (e.g. `"`, `'`).
    public var quotes: Set<UInt8>

    /// A highlighter for one language.
    public init(keywords: Set<String>, lineComments: [String] = [], blockComment: (open: String, close: String)? = nil,
                quotes: Set<Character> = ["\"", "'"]) {
        self.keywords = keywords
        self.lineComments = lineComments
        self.blockComment = blockComment
        self.quotes = Set(quotes.compactMap { $0.asciiValue })
    }

    /// Keyword, string, comment and number spans of each line.
    public func highlight(_ lines: [String]) -> [[StyledSpan]] {
        var inBlock = false
        return lines.map { highlightLine(Array($0.utf8), inBlock: &inBlock) }
    }

    /// One line; the state is 1 inside a block comment, else 0.
    public func highlightLine(_ line: String, state: inout Int) -> [StyledSpan]? {
        var inBlock = state != 0
        let spans = highlightLine(Array(line.utf8), inBlock: &inBlock)
        state = inBlock ? 1 : 0
        return spans
    }

    private func highlightLine(_ b: [UInt8], inBlock: inout Bool) -> [StyledSpan] {
        var spans: [StyledSpan] = []
        var i = 0
        let n = b.count
        let open = blockComment.map { Array($0.open.utf8) } ?? []
        let close = blockComment.map { Array($0.close.utf8) } ?? []
        if inBlock {
            let end = Self.find(close, in: b, from: 0)
            let stop = end.map { $0 + close.count } ?? n
            if stop > 0 { spans.append(StyledSpan(0..<stop, ChatHighlights.synComment)) }
            inBlock = end == nil
            i = stop
        }
        while i < n {
            let c = b[i]
            let prevIdent = i > 0 && (Self.isIdent(b[i - 1]) || b[i - 1] == UInt8(ascii: "$"))
            if !open.isEmpty, Self.matches(open, in: b, at: i) {
                let end = Self.find(close, in: b, from: i + open.count)
                let stop = end.map { $0 + close.count } ?? n
                spans.append(StyledSpan(i..<stop, ChatHighlights.synComment))
                inBlock = end == nil
                i = stop
            } else if !prevIdent, lineComments.contains(where: { Self.matches(Array($0.utf8), in: b, at: i) }) {
                spans.append(StyledSpan(i..<n, ChatHighlights.synComment))
                i = n
            } else if quotes.contains(c) {
                var j = i + 1
                while j < n {
                    if b[j] == UInt8(ascii: "\\") { j += 2; continue }
                    j += 1
                    if b[j - 1] == c { break }
                }
                j = min(j, n)
                spans.append(StyledSpan(i..<j, ChatHighlights.synString))
                i = j
            } else if Self.isDigit(c) && !prevIdent {
                var j = i + 1
                while j < n, Self.isIdent(b[j]) || b[j] == UInt8(ascii: "."), b[j] < 0x80 { j += 1 }
                spans.append(StyledSpan(i..<j, ChatHighlights.synNumber))
                i = j
            } else if Self.isIdent(c) {
                var j = i + 1
                while j < n, Self.isIdent(b[j]) { j += 1 }
                let word = String(decoding: b[i..<j], as: UTF8.self)
                if !prevIdent && keywords.contains(word) { spans.append(StyledSpan(i..<j, ChatHighlights.synKeyword)) }
                i = j
            } else {
                i += 1
            }
        }
        return spans
    }

    // MARK: - Bytes

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Letters, digits, `_` and any non-ASCII byte.
    static func isIdent(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0x80
    }

    static func matches(_ needle: [UInt8], in b: [UInt8], at i: Int) -> Bool {
        guard !needle.isEmpty, i >= 0, i + needle.count <= b.count else { return false }
        for k in 0..<needle.count where b[i + k] != needle[k] { return false }
        return true
    }

    static func find(_ needle: [UInt8], in b: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start <= b.count - needle.count else { return nil }
        for i in max(0, start)...(b.count - needle.count) where matches(needle, in: b, at: i) { return i }
        return nil
    }
}
