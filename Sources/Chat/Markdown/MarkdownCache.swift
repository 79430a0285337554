import Foundation

/// The top-level blocks of the last markdown text rendered with it, so a
/// streaming reply is parsed again only from its last block, and an open
/// code fence only from its last line.
///
/// When the new text extends the previous one at the same width, every
/// top-level block before the restart line is final: cmark closes a
/// top-level block for good when a line starts the next one, and that
/// decision depends only on the lines up to it. The restart line is the
/// start of the last block when that line was complete (ended by a newline)
/// in the previous text, or when it starts with a letter in column 0 after a
/// blank line (no text added to it can join it to the block before);
/// otherwise the start of the block before it (a partial line such as `#`
/// may start a heading now and continue a paragraph once more characters
/// arrive, and an indented one may continue a list item). Setext underlines, table delimiter rows,
/// list continuations and unclosed fences all belong to the last block and
/// are parsed again with it.
///
/// An open fenced code block at the end is not parsed again at all while it
/// stays open: its complete lines are final (a code line is literal text),
/// so only the new lines and the last, partial one are rendered, with the
/// syntax highlighter continuing from the state after the complete lines
/// (``SyntaxHighlighter/highlightLine(_:state:)``). A complete line that
/// closes the fence makes the block *final* without a parse (its lines are
/// the complete code lines, as cmark would render them), and only the text
/// after it is parsed. A final block (a fenced code block whose closing line
/// is complete) can never change: later text starts new blocks, so parsing
/// restarts after it, however long it is.
///
/// A paragraph at the end that grows by plain text (words, spaces, a few
/// punctuation marks; ``isPlainAddition(_:from:)`` says which) is not
/// parsed again either: that text can only lengthen the paragraph's last
/// line, so the line gets it as it is (``appendToParagraph(_:)``). A
/// streamed paragraph costs its words, not its length; any markup
/// character, newline or link-like word parses the block again.
///
/// The text is not kept: the cache holds its length and its last 64 bytes,
/// and takes a longer text whose bytes there are the same as an extension
/// (the streaming caller only appends; any other text must differ there or
/// use a new cache). Falls back to a full parse when the text does not
/// extend the previous one, the width changed, or the text has a link
/// reference definition (`[x]: url` changes how earlier links render) or a
/// carriage return.
///
/// Holds only the blocks of the last document rendered with it, so its size
/// is bounded by that document.
public final class MarkdownCache {
    /// One rendered top-level block.
    struct Block {
        /// First source line (1-based).
        var startLine: Int
        /// Last source line (1-based).
        var endLine: Int
        /// Byte offset of `startLine` in the source.
        var startByte: Int
        var lines: [StyledLine]
        var dependent: Bool
        /// Index of its first line in the assembled rendering.
        var outputStart = 0
        /// Whether any earlier block depends on the width.
        var dependentBefore = false
        /// For a final block (a closed fence whose closing line is
        /// complete): the byte offset of the line after it.
        var nextByte: Int?
    }

    /// An open fenced code block at the end of the text, rendered line by line.
    struct OpenFence {
        var char: UInt8
        var length: Int
        var indent: Int
        var highlighter: (any SyntaxHighlighter)?
        /// Byte offset where the first line not yet complete starts.
        var pendingStart: Int
        /// Number of complete code lines rendered.
        var completeLines: Int
        /// Highlighter state after the complete lines.
        var state: Int
        /// Index in the block's lines of the first code line (after the label).
        var firstCodeLine: Int
    }

    private var sourceBytes = 0
    /// The last (up to 64) bytes of the text last rendered.
    private var fingerprint: [UInt8] = []
    /// Number of newlines in the source.
    private var newlines = 0
    private var width = 0
    private var hasReferenceDefinition = false
    private(set) var blocks: [Block] = []
    private var fence: OpenFence?
    /// Whether the last top-level block is a paragraph (see
    /// ``appendToParagraph(_:)``).
    private var endsInParagraph = false

    /// Parses done over the whole text (for tests).
    public private(set) var fullParses = 0
    /// Parses done from a restart line (for tests).
    public private(set) var partialParses = 0
    /// Deltas rendered inside an open fence without a parse (for tests).
    public private(set) var fenceAppends = 0
    /// Deltas added to a paragraph at the end without a parse (for tests).
    public private(set) var paragraphAppends = 0
    /// Bytes handed to the markdown parser so far (for tests).
    public private(set) var parsedBytes = 0

    /// An empty cache.
    public init() {}

    /// Number of cached blocks.
    public var count: Int { blocks.count }

    /// Renders `text` at width `w` (already clamped), reusing the finished
    /// blocks of the previous text when `text` extends it; the whole
    /// rendering.
    func render(_ text: String, width w: Int, with renderer: MarkdownRenderer) -> (lines: [StyledLine], widthDependent: Bool) {
        _ = update(text, width: w, with: renderer)
        return renderer.assemble(blocks.map { ($0.lines, $0.dependent) })
    }

    /// Renders `text` at width `w` and returns what changed: the rendering
    /// is the first `kept` lines of the previous one, then `tail`.
    func renderTail(_ text: String, width w: Int, with renderer: MarkdownRenderer)
        -> (kept: Int, tail: [StyledLine], widthDependent: Bool) {
        let (block, line) = update(text, width: w, with: renderer)
        guard !blocks.isEmpty else { return (0, [.blank], false) }
        var tail: [StyledLine] = []
        for k in block..<blocks.count {
            if k > block { tail.append(.blank) }
            tail += k == block ? blocks[k].lines[line...] : blocks[k].lines[...]
        }
        let last = blocks[blocks.count - 1]
        return (blocks[block].outputStart + line, tail, last.dependentBefore || last.dependent)
    }

    /// Brings the blocks up to `text`; returns the first block that changed
    /// and how many of its lines did not.
    private func update(_ text: String, width w: Int, with renderer: MarkdownRenderer) -> (block: Int, line: Int) {
        var text = text
        return text.withUTF8 { all in
            let extends = w == width && extendsSource(all)
            let scanFrom = extends ? max(0, sourceBytes - 1) : 0
            let found = Self.hasReferenceDefinition(UnsafeBufferPointer(rebasing: all[scanFrom...]))
            hasReferenceDefinition = (extends && hasReferenceDefinition) || found
            defer {
                sourceBytes = all.count
                fingerprint = Array(all[max(0, all.count - 64)...])
                width = w
            }
            if extends, !hasReferenceDefinition, let kept = appendToFence(all, with: renderer) { return kept }
            if extends, !hasReferenceDefinition, let kept = appendToParagraph(all) { return kept }
            let restart = extends && !hasReferenceDefinition ? restartPoint(all) : nil
            parse(all, restart, width: w, with: renderer)
            return restart.map { $0.afterFinal ? ($0.keep - 1, blocks[$0.keep - 1].lines.count) : ($0.keep, 0) } ?? (0, 0)
        }
    }

    /// Where a parse restarts: blocks before `keep` are kept, parsing starts
    /// at `base` (the block at `keep`, or after a final block: `afterFinal`).
    struct Restart {
        var keep: Int
        var base: Block
        var afterFinal: Bool
    }

    /// Parses from `restart` (nil: from the start) to the end.
    private func parse(_ all: UnsafeBufferPointer<UInt8>, _ restart: Restart?, width w: Int,
                       with renderer: MarkdownRenderer) {
        let kept = restart?.keep ?? 0
        let base = restart?.base ?? Block(startLine: 1, endLine: 0, startByte: 0, lines: [], dependent: false)
        let bytes = UnsafeBufferPointer(rebasing: all[base.startByte...])
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        let doc = MarkdownNode.parse(String(decoding: bytes, as: UTF8.self))
        if restart == nil { fullParses += 1 } else { partialParses += 1 }
        parsedBytes += bytes.count
        let rendered = renderer.renderBlocks(doc.children, width: w)
        blocks.removeSubrange(kept...)
        for (node, block) in zip(doc.children, rendered) {
            // cmark-gfm leaves 0 on a paragraph whose last line became a
            // table header: such a block never serves as a restart point.
            let known = node.startLine > 0 && node.startLine - 1 < starts.count
            let offset = known ? starts[node.startLine - 1] : 0
            append(Block(startLine: known ? base.startLine + node.startLine - 1 : -1,
                         endLine: known ? base.startLine + node.endLine - 1 : -1,
                         startByte: base.startByte + offset, lines: block.lines, dependent: block.dependent,
                         nextByte: known ? finalEnd(node, bytes, starts).map { base.startByte + $0 } : nil))
        }
        newlines = base.startLine - 1 + starts.count - 1
        if let last = doc.children.last, case .paragraph = last.kind { endsInParagraph = true } else { endsInParagraph = false }
        fence = openFence(doc.children.last, in: all, lineStarts: starts, base: base, renderer: renderer)
    }

    /// For a fenced code block closed by a complete line: the offset in
    /// `bytes` of the line after it; nil for any other block.
    private func finalEnd(_ node: MarkdownNode, _ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int]) -> Int? {
        guard let f = node.fence, case .codeBlock = node.kind, node.endLine > node.startLine,
              node.endLine < starts.count else { return nil }
        let line = UnsafeBufferPointer(rebasing: bytes[starts[node.endLine - 1]..<(starts[node.endLine] - 1)])
        return Self.isClosing(line, char: f.char, length: f.length) ? starts[node.endLine] : nil
    }

    /// Appends `block`, setting its place in the assembled output.
    private func append(_ block: Block) {
        var b = block
        if let last = blocks.last {
            b.outputStart = last.outputStart + last.lines.count + 1
            b.dependentBefore = last.dependentBefore || last.dependent
        }
        blocks.append(b)
    }

    /// Where to parse again, or nil for a full parse (see the type's
    /// comment): after the last final block at or after the restart index,
    /// else at that index.
    private func restartPoint(_ all: UnsafeBufferPointer<UInt8>) -> Restart? {
        let index = restartIndex(all)
        if let k = ((index ?? 0)..<blocks.count).last(where: { blocks[$0].nextByte != nil }), let next = blocks[k].nextByte {
            let after = Block(startLine: blocks[k].endLine + 1, endLine: blocks[k].endLine, startByte: next,
                              lines: [], dependent: false)
            return Restart(keep: k + 1, base: after, afterFinal: true)
        }
        return index.map { Restart(keep: $0, base: blocks[$0], afterFinal: false) }
    }

    /// The index of the first block to parse again, or nil for a full
    /// parse (see the type's comment).
    private func restartIndex(_ all: UnsafeBufferPointer<UInt8>) -> Int? {
        guard blocks.count >= 2 else { return nil }
        let last = blocks.count - 1
        // The block before the last is final when the last one's first line
        // was complete, or starts a block of its own whatever comes next.
        var index = blocks[last].startLine <= newlines || startsOwnBlock(blocks[last], all) ? last : last - 1
        // A table that took the last line of a paragraph as its header
        // reports the paragraph's start (and the paragraph no lines):
        // restart before any overlap or unknown position.
        while index >= 1 {
            let block = blocks[index], previous = blocks[index - 1]
            if block.startLine > 0, previous.startLine > 0, block.startLine > previous.endLine { break }
            index -= 1
        }
        return index >= 1 ? index : nil
    }

    /// Whether `block`, which starts on the last (partial) line, starts
    /// with an ASCII letter in column 0 right after a blank line: then no
    /// text added to that line can join it to the block before (a lazy
    /// continuation follows no blank line; a list item or quote goes on
    /// only with indentation or a marker, never a letter; HTML and
    /// reference definitions start with `<` and `[`), so that block is
    /// final. A streamed paragraph is one long partial line: without this,
    /// each delta parsed the list or paragraph before it again.
    private func startsOwnBlock(_ block: Block, _ all: UnsafeBufferPointer<UInt8>) -> Bool {
        let at = block.startByte
        guard block.startLine == newlines + 1, at >= 2, at < all.count,
              all[at - 1] == 0x0A, all[at - 2] == 0x0A else { return false }
        return Self.isLetter(all[at])
    }

    /// Whether `all` is longer than the previous source and has its last
    /// bytes in the same place.
    private func extendsSource(_ all: UnsafeBufferPointer<UInt8>) -> Bool {
        guard sourceBytes > 0, all.count >= sourceBytes else { return false }
        let from = sourceBytes - fingerprint.count
        return fingerprint.withUnsafeBufferPointer { f in memcmp(f.baseAddress!, all.baseAddress! + from, f.count) == 0 }
    }

    // MARK: - A growing paragraph

    /// Renders plain text added to a top-level paragraph at the end without
    /// a parse: the paragraph's last line (one buffer line per source line,
    /// never pre-wrapped) gets the text. Nil when the last block is not a
    /// paragraph or the addition could be more than text
    /// (``isPlainAddition(_:from:)``).
    ///
    /// cmark drops the spaces that end a paragraph, so the line was drawn
    /// without the previous text's trailing spaces: they go back in front
    /// of the addition, and the line loses its own trailing spaces again.
    private func appendToParagraph(_ all: UnsafeBufferPointer<UInt8>) -> (block: Int, line: Int)? {
        guard endsInParagraph, let b = blocks.indices.last, let last = blocks[b].lines.indices.last,
              blocks[b].lines[last].text.utf8.last != 0x20,
              Self.isPlainAddition(all, from: sourceBytes) else { return nil }
        var from = sourceBytes
        while all[from - 1] == 0x20 { from -= 1 }  // stops at the line's last letter (isPlainAddition)
        var text = blocks[b].lines[last].text + String(decoding: UnsafeBufferPointer(rebasing: all[from...]), as: UTF8.self)
        while text.utf8.last == 0x20 { text.removeLast() }
        blocks[b].lines[last].text = text
        paragraphAppends += 1
        return (b, last)
    }

    /// Whether the bytes of `all` from `from` on, added to a paragraph that
    /// ends the text before them, are plain text for cmark: they only
    /// lengthen the paragraph's last text run and change nothing before it.
    ///
    /// - The addition holds spaces and plain characters only: letters,
    ///   digits, non-ASCII characters and `, ? ! ' " - / % + = .` (no
    ///   newline, no delimiter, bracket, backslash, `&`, `;`, `:`, `@`, `<`).
    /// - The paragraph's last line starts as text (``startsText(_:)``), so
    ///   no text after it can make it a list item, heading, quote, fence
    ///   or HTML block (`+ ` or `1.` followed by a word would, and `<d`
    ///   followed by `iv`).
    /// - When the addition continues the last word (neither ends or starts
    ///   with a space), that word's last character is plain too: a letter
    ///   right after `*`, `_` or `~` could change what that delimiter
    ///   does, and after `]` start a link. (A space changes nothing there:
    ///   cmark treats the end of the text as whitespace.)
    /// - A word the addition touches holds no autolink: a word with `.` or
    ///   `/` must not hold `@`, `:` or `www` (`www.exa` + `mple` grows a
    ///   link, `a@b.c` is an address).
    static func isPlainAddition(_ all: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
        guard from > 0, from <= all.count else { return false }
        for i in from..<all.count where all[i] != 0x20 && !isPlain(all[i]) { return false }
        var lineStart = from
        while lineStart > 0, all[lineStart - 1] != 0x0A { lineStart -= 1 }
        var first = lineStart
        while first < from, all[first] == 0x20 { first += 1 }
        guard first < from, startsText(UnsafeBufferPointer(rebasing: all[first..<from])) else { return false }
        let continuesWord = all[from - 1] != 0x20 && from < all.count && all[from] != 0x20
        if continuesWord && !isPlain(all[from - 1]) { return false }
        // The words touched: from the start of the last word before the
        // addition when the addition continues it.
        var wordStart = from
        if continuesWord { while wordStart > lineStart, all[wordStart - 1] != 0x20 { wordStart -= 1 } }
        var linkish = false, address = false, www = 0
        for i in wordStart...all.count {
            if i == all.count || all[i] == 0x20 {
                if linkish && (address || www >= 3) { return false }
                linkish = false; address = false; www = 0
                continue
            }
            let b = all[i]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "/") { linkish = true }
            if b == UInt8(ascii: "@") || b == UInt8(ascii: ":") { address = true }
            if www < 3 { www = b | 0x20 == UInt8(ascii: "w") ? www + 1 : 0 }
        }
        return true
    }

    /// Whether a paragraph line that starts with `line` (its first
    /// character not a space) stays a paragraph line whatever text is
    /// added to it: it starts with a letter, or with emphasis or a code
    /// span (`*`, `_`, `` ` ``, `~` not followed by a space, at most two
    /// backticks or tildes: never a bullet or a fence) and already holds a
    /// letter or digit (never a thematic break).
    private static func startsText(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let c = line[0]
        if c >= 0x80 || isLetter(c) { return true }
        guard c == UInt8(ascii: "*") || c == UInt8(ascii: "_") || c == UInt8(ascii: "`") || c == UInt8(ascii: "~"),
              line.count > 1, line[1] != 0x20, line[1] != 0x09 else { return false }
        var run = 0
        while run < line.count, line[run] == c { run += 1 }
        if (c == UInt8(ascii: "`") || c == UInt8(ascii: "~")) && run >= 3 { return false }
        return line[run...].contains { isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
    }

    /// Characters that are text wherever they stand in a paragraph's line
    /// (see ``isPlainAddition(_:from:)``).
    private static func isPlain(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...0xFF,
             UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "'"), UInt8(ascii: "\""),
             UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "="),
             UInt8(ascii: "."):
            return true
        default:
            return isLetter(b)
        }
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")
    }

    // MARK: - Open fences

    /// The open fence state when `node` (the last block) is a fenced code
    /// block not closed yet whose highlighter can continue line by line.
    private func openFence(_ node: MarkdownNode?, in all: UnsafeBufferPointer<UInt8>, lineStarts: [Int], base: Block,
                           renderer: MarkdownRenderer) -> OpenFence? {
        guard let node, let f = node.fence, case .codeBlock(let info) = node.kind, node.startLine > 0,
              node.startLine < lineStarts.count, let block = blocks.last else { return nil }
        let language = MarkdownRenderer.language(info)
        let highlighter = renderer.syntax.highlighter(for: language)
        var state = 0
        if let h = highlighter, h.highlightLine("", state: &state) == nil { return nil }
        var open = OpenFence(char: f.char, length: f.length, indent: f.indent, highlighter: highlighter,
                             pendingStart: base.startByte + lineStarts[node.startLine], completeLines: 0, state: 0,
                             firstCodeLine: MarkdownRenderer.codeLabel(language) == nil ? 0 : 1)
        // Walk the complete code lines once: find a closing fence, and the
        // highlighter state after them.
        var at = open.pendingStart
        while let end = Self.lineEnd(all, from: at) {
            let line = UnsafeBufferPointer(rebasing: all[at..<end])
            if isClosing(line, open) { return nil }
            if !stripIndent(line, open).ok { return nil }
            if let h = open.highlighter {
                _ = h.highlightLine(stripIndent(line, open).text, state: &open.state)
            }
            open.completeLines += 1
            at = end + 1
        }
        open.pendingStart = at
        let partial = UnsafeBufferPointer(rebasing: all[at...])
        guard !isClosing(partial, open), stripIndent(partial, open).ok,
              block.lines.count == open.firstCodeLine + max(1, open.completeLines + (partial.isEmpty ? 0 : 1)) else {
            return nil
        }
        return open
    }

    /// Renders the text added to an open fence at the end without parsing
    /// the block; nil when there is no open fence or the new text cannot be
    /// rendered line by line. A complete closing line makes the block final
    /// and only the text after it is parsed; a partial line that would
    /// close the fence is left out, as cmark does at the end of the text.
    private func appendToFence(_ all: UnsafeBufferPointer<UInt8>, with renderer: MarkdownRenderer) -> (block: Int, line: Int)? {
        guard var open = fence, !blocks.isEmpty else { return nil }
        let b = blocks.count - 1
        var added: [StyledLine] = []
        var at = open.pendingStart
        let keptLines = open.firstCodeLine + open.completeLines
        while let end = Self.lineEnd(all, from: at) {
            let line = UnsafeBufferPointer(rebasing: all[at..<end])
            if isClosing(line, open) {
                close(block: b, keptLines: keptLines, added: added, open: open)
                newlines += 1
                blocks[b].endLine = newlines
                blocks[b].nextByte = end + 1
                let after = Block(startLine: newlines + 1, endLine: newlines, startByte: end + 1, lines: [], dependent: false)
                parse(all, Restart(keep: b + 1, base: after, afterFinal: true), width: width, with: renderer)
                return (b, keptLines)
            }
            let stripped = stripIndent(line, open)
            guard stripped.ok else { fence = nil; return nil }
            added.append(codeLine(stripped.text, &open.state, open))
            open.completeLines += 1
            newlines += 1
            at = end + 1
        }
        let partial = UnsafeBufferPointer(rebasing: all[at...])
        let stripped = stripIndent(partial, open)
        guard stripped.ok else { fence = nil; return nil }
        open.pendingStart = at
        if isClosing(partial, open) {
            close(block: b, keptLines: keptLines, added: added, open: open)
        } else {
            var state = open.state
            if !partial.isEmpty { added.append(codeLine(stripped.text, &state, open)) }
            if open.completeLines == 0 && added.isEmpty { added.append(codeLine("", &state, open)) }
            blocks[b].lines.replaceSubrange(keptLines..., with: added)
            fenceAppends += 1
        }
        blocks[b].endLine = newlines + 1
        fence = open
        return (b, keptLines)
    }

    /// Gives block `b` its complete code lines only (the lines from
    /// `keptLines` become `added`), as cmark renders a closed fence.
    private func close(block b: Int, keptLines: Int, added: [StyledLine], open: OpenFence) {
        var lines = added
        var state = open.state
        if open.completeLines == 0 && lines.isEmpty { lines.append(codeLine("", &state, open)) }
        blocks[b].lines.replaceSubrange(keptLines..., with: lines)
        fence = nil
        fenceAppends += 1
    }

    private func codeLine(_ text: String, _ state: inout Int, _ open: OpenFence) -> StyledLine {
        let spans = open.highlighter?.highlightLine(text, state: &state) ?? []
        return MarkdownRenderer.codeLine(text, spans: spans)
    }

    /// Whether `line` closes the fence: up to 3 spaces, at least `length`
    /// fence characters, then only spaces or tabs.
    private func isClosing(_ line: UnsafeBufferPointer<UInt8>, _ open: OpenFence) -> Bool {
        Self.isClosing(line, char: open.char, length: open.length)
    }

    /// Whether `line` closes a fence of `length` `char`s (see above).
    private static func isClosing(_ line: UnsafeBufferPointer<UInt8>, char: UInt8, length: Int) -> Bool {
        var i = 0
        while i < line.count, i < 4, line[i] == 0x20 { i += 1 }
        guard i < 4 else { return false }
        var n = 0
        while i < line.count, line[i] == char { i += 1; n += 1 }
        guard n >= length else { return false }
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        return i == line.count
    }

    /// `line` without up to `indent` leading spaces (cmark's rule for the
    /// content of an indented fence); not ok for a tab in that indentation
    /// (the parser's column rules apply then).
    private func stripIndent(_ line: UnsafeBufferPointer<UInt8>, _ open: OpenFence) -> (text: String, ok: Bool) {
        if let base = line.baseAddress, memchr(base, 0, line.count) != nil { return ("", false) }  // cmark maps NUL to U+FFFD
        var i = 0
        while i < open.indent, i < line.count, line[i] == 0x20 { i += 1 }
        if i < open.indent, i < line.count, line[i] == 0x09 { return ("", false) }
        return (String(decoding: UnsafeBufferPointer(rebasing: line[i...]), as: UTF8.self), true)
    }

    /// The offset of the next newline at or after `from`, nil when none.
    private static func lineEnd(_ all: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < all.count, let base = all.baseAddress,
              let p = memchr(base + from, 0x0A, all.count - from) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether the bytes may hold a link reference definition ("]:"), or a
    /// carriage return (cmark counts a lone CR as a line end, which would
    /// put its line numbers out of step with the newline count here).
    static func hasReferenceDefinition(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for b in bytes {
            if b == 13 || (b == UInt8(ascii: ":") && previous == UInt8(ascii: "]")) { return true }
            previous = b
        }
        return false
    }
}
