/// Separates `<think>...</think>` reasoning from answer text in a streamed
/// `content`, also when a tag is split across chunks.
///
/// Text that might be the start of a tag (`<`, `<th`, `</thi`...) is held
/// back until the next chunk decides; ``finish()`` releases it. Newlines
/// right after `</think>` are dropped (models put a blank line there).
///
/// ```swift
/// var s = ThinkTagSplitter()
/// s.feed("<thi")                  // []
/// s.feed("nk>hmm</think>\n\nHi")  // [.thinking("hmm"), .text("Hi")]
/// ```
public struct ThinkTagSplitter: Sendable {
    /// A piece of the split stream.
    public enum Piece: Hashable, Sendable {
        /// Answer text.
        case text(String)
        /// Reasoning from inside the tags.
        case thinking(String)
    }

    private static let open = Array("<think>".utf8)
    private static let close = Array("</think>".utf8)

    private var inThink = false
    private var trimNewlines = false
    private var held: [UInt8] = []

    /// Creates a splitter outside any tag.
    public init() {}

    /// True while inside `<think>`.
    public var isThinking: Bool { inThink }

    /// Splits `chunk`, returning the pieces it completes.
    public mutating func feed(_ chunk: String) -> [Piece] {
        if held.isEmpty && !trimNewlines && !chunk.utf8.contains(0x3C) {
            return chunk.isEmpty ? [] : [piece(chunk)]
        }
        var bytes = held
        bytes.append(contentsOf: chunk.utf8)
        held = []
        var out: [Piece] = []
        var start = 0
        while start < bytes.count {
            if trimNewlines {
                while start < bytes.count && (bytes[start] == 0x0A || bytes[start] == 0x0D) { start += 1 }
                if start == bytes.count { break }
                trimNewlines = false
            }
            let tag = inThink ? Self.close : Self.open
            if let at = find(tag, in: bytes, from: start) {
                emit(bytes, start, at, into: &out)
                inThink.toggle()
                trimNewlines = !inThink
                start = at + tag.count
                continue
            }
            let keep = partialTagLength(tag, in: bytes, from: start)
            emit(bytes, start, bytes.count - keep, into: &out)
            held = Array(bytes[(bytes.count - keep)...])
            break
        }
        return out
    }

    /// Ends the stream, releasing text held back as a possible tag.
    public mutating func finish() -> [Piece] {
        defer { held = [] }
        guard !held.isEmpty else { return [] }
        return [piece(String(decoding: held, as: UTF8.self))]
    }

    private func piece(_ s: String) -> Piece { inThink ? .thinking(s) : .text(s) }

    private func emit(_ bytes: [UInt8], _ from: Int, _ to: Int, into out: inout [Piece]) {
        guard from < to else { return }
        out.append(piece(String(decoding: bytes[from..<to], as: UTF8.self)))
    }

    private func find(_ tag: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard bytes.count - from >= tag.count else { return nil }
        var i = from
        while i + tag.count <= bytes.count {
            if bytes[i] == tag[0] && bytes[i..<(i + tag.count)].elementsEqual(tag) { return i }
            i += 1
        }
        return nil
    }

    /// The length of the longest suffix of `bytes[from...]` that is a
    /// proper prefix of `tag`.
    private func partialTagLength(_ tag: [UInt8], in bytes: [UInt8], from: Int) -> Int {
        let avail = bytes.count - from
        var len = min(tag.count - 1, avail)
        while len > 0 {
            if bytes[(bytes.count - len)...].elementsEqual(tag[0..<len]) { return len }
            len -= 1
        }
        return 0
    }
}
