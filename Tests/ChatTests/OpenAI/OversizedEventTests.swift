import Chat
import Kernel
import Testing

/// An event with a line over ``SSEDecoder/maxLineBytes`` (16 MiB) is cut,
/// and the parsers say so instead of reporting the cut JSON as unreadable.
@Suite struct OversizedEventTests {
    /// `data: {"x":"aaaa…"}` with a string of `size` bytes, then a blank line.
    static func event(size: Int) -> [UInt8] {
        Array("data: {\"choices\":[{\"delta\":{\"content\":\"".utf8) + [UInt8](repeating: 0x61, count: size)
            + Array("\"}}]}\n\n".utf8)
    }

    /// Feeds `bytes` whole or in pieces of `piece` bytes, collecting each
    /// event's `cut` flag.
    static func cutFlags(_ bytes: [UInt8], piece: Int?) -> [Bool] {
        var d = SSEDecoder()
        var flags: [Bool] = []
        let pieces = piece.map { p in stride(from: 0, to: bytes.count, by: p).map { Array(bytes[$0..<min($0 + p, bytes.count)]) } } ?? [bytes]
        for chunk in pieces {
            chunk.withUnsafeBytes { raw in d.feed(raw) { _, _, _, cut in flags.append(cut); return true } }
        }
        d.finish { _, _, _, cut in flags.append(cut); return true }
        return flags
    }

    @Test func overLongLineIsCutWholeOrSplit() {
        let big = Self.event(size: SSEDecoder.maxLineBytes + 10) + Array("data: {}\n\n".utf8)
        #expect(Self.cutFlags(big, piece: nil) == [true, false])
        #expect(Self.cutFlags(big, piece: 1 << 20) == [true, false])
        let small = Self.event(size: 1000)
        #expect(Self.cutFlags(small, piece: nil) == [false])
        #expect(Self.cutFlags(small, piece: 7) == [false])
    }

    @Test func openAIParserReportsTheLimit() {
        var p = OpenAIStreamParser()
        let events = p.feed(Array("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n".utf8))
            + p.feed(Self.event(size: SSEDecoder.maxLineBytes + 1)) + p.finish()
        #expect(events.first == .textDelta("Hi"))
        #expect(events.last == .error(message: OpenAIErrorMapper.eventTooLarge))
        #expect(p.isDone)
    }

    @Test func anthropicParserReportsTheLimit() {
        var p = AnthropicStreamParser()
        let bytes = Array("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"".utf8)
            + [UInt8](repeating: 0x61, count: SSEDecoder.maxLineBytes + 1) + Array("\"}}\n\n".utf8)
        let events = p.feed(bytes) + p.finish()
        #expect(events.last == .error(message: AnthropicErrorMapper.eventTooLarge))
        #expect(events.filter(\.isTerminal).count == 1)
    }
}
