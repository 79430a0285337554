import Foundation

/// The top-level blocks of the last markdown text rendered with it, so a
/// streaming reply is parsed again only from its last block.
///
/// When the new text extends the previous one at the same width, every
/// top-level block before the restart line is final: cmark closes a
/// top-level block for good when a line starts the next one, and that
/// decision depends only on the lines up to it. The restart line is the
/// start of the last block when that line was complete (ended by a newline)
/// in the previous text, otherwise the start of the block before it (a
/// partial line such as `#` may start a heading now and continue a paragraph
/// once more characters arrive). Setext underlines, table delimiter rows,
/// list continuations and unclosed fences all belong to the last block and
/// are parsed again with it.
///
/// Falls back to a full parse when the text does not extend the previous
/// one, the width changed, or the text has a link reference definition
/// (`[x]: url` changes how earlier links render) or a carriage return.
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
    }

    /// The text last rendered.
    private(set) var source = ""
    private var sourceBytes = 0
    /// Number of newlines in `source`.
    private var newlines = 0
    private var width = 0
    private var hasReferenceDefinition = false
    private(set) var blocks: [Block] = []

    /// Parses done over the whole text (for tests).
    public private(set) var fullParses = 0
    /// Parses done from a restart line (for tests).
    public private(set) var partialParses = 0

    /// An empty cache.
    public init() {}

    /// Number of cached blocks.
    public var count: Int { blocks.count }

    /// Renders `text` at width `w` (already clamped), reusing the finished
    /// blocks of the previous text when `text` extends it.
    func render(_ text: String, width w: Int, with renderer: MarkdownRenderer) -> (lines: [StyledLine], widthDependent: Bool) {
        var text = text
        let restart = restartIndex(for: &text, width: w)
        let kept = restart ?? 0
        let base = restart.map { blocks[$0] } ?? Block(startLine: 1, endLine: 0, startByte: 0, lines: [], dependent: false)
        let tail = text.withUTF8 { all -> (String, [Int]) in
            let bytes = UnsafeBufferPointer(rebasing: all[base.startByte...])
            var starts = [0]
            for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
            return (String(decoding: bytes, as: UTF8.self), starts)
        }
        let doc = MarkdownNode.parse(tail.0)
        if restart == nil { fullParses += 1 } else { partialParses += 1 }
        let rendered = renderer.renderBlocks(doc.children, width: w)
        blocks.removeSubrange(kept...)
        for (node, block) in zip(doc.children, rendered) {
            // cmark-gfm leaves 0 on a paragraph whose last line became a
            // table header: such a block never serves as a restart point.
            let known = node.startLine > 0 && node.startLine - 1 < tail.1.count
            let offset = known ? tail.1[node.startLine - 1] : 0
            blocks.append(Block(startLine: known ? base.startLine + node.startLine - 1 : -1,
                                endLine: known ? base.startLine + node.endLine - 1 : -1,
                                startByte: base.startByte + offset,
                                lines: block.lines, dependent: block.dependent))
        }
        newlines = base.startLine - 1 + tail.1.count - 1
        source = text
        sourceBytes = text.utf8.count
        width = w
        return renderer.assemble(blocks.map { ($0.lines, $0.dependent) })
    }

    /// The index of the first block to parse again, or nil for a full
    /// parse (see the type's comment). Updates the reference-definition flag.
    private func restartIndex(for text: inout String, width w: Int) -> Int? {
        let extends = w == width && extendsSource(&text)
        let scanFrom = extends ? max(0, sourceBytes - 1) : 0
        let found = text.withUTF8 { Self.hasReferenceDefinition(UnsafeBufferPointer(rebasing: $0[scanFrom...])) }
        hasReferenceDefinition = (extends && hasReferenceDefinition) || found
        guard extends, !hasReferenceDefinition, blocks.count >= 2 else { return nil }
        let last = blocks.count - 1
        // The last block's first line is final only if it was complete.
        var index = blocks[last].startLine <= newlines ? last : last - 1
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

    /// Whether `text` starts with the previous source (memcmp of UTF-8).
    private func extendsSource(_ text: inout String) -> Bool {
        guard sourceBytes > 0, text.utf8.count >= sourceBytes else { return false }
        var old = source
        return old.withUTF8 { o in text.withUTF8 { n in memcmp(o.baseAddress!, n.baseAddress!, o.count) == 0 } }
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
