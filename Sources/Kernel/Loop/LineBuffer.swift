#if canImport(Glibc)
import Glibc
#endif

/// Splits a byte stream into lines for job callbacks.
///
/// Bytes are buffered until a `\n`; each complete line is returned without
/// its newline, and without a `\r` right before it (CRLF -> LF). Lines are
/// split on bytes, so a UTF-8 sequence cut between two reads is joined
/// before decoding; invalid UTF-8 becomes U+FFFD. ``finish()`` returns a
/// trailing line that never got its newline.
struct LineBuffer {
    private var partial: [UInt8] = []

    /// Bytes waiting for their newline.
    var pendingCount: Int { partial.count }

    /// Adds a chunk and returns the lines it completed, in order.
    mutating func append(_ chunk: UnsafeRawBufferPointer) -> [String] {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return [] }
        var lines: [String] = []
        var start = 0
        while start < chunk.count,
              let hit = memchr(base + start, 0x0A, chunk.count - start) {
            let end = base.distance(to: UnsafeRawPointer(hit))
            let piece = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
            if partial.isEmpty {
                lines.append(Self.decode(piece))
            } else {
                partial.append(contentsOf: piece)
                lines.append(partial.withUnsafeBytes { Self.decode($0) })
                partial.removeAll(keepingCapacity: true)
            }
            start = end + 1
        }
        if start < chunk.count {
            partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start...]))
        }
        return lines
    }

    /// Adds bytes from an array (convenience for tests).
    mutating func append(_ bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The unterminated last line, if any; empties the buffer.
    mutating func finish() -> String? {
        guard !partial.isEmpty else { return nil }
        defer { partial = [] }
        return String(decoding: partial, as: UTF8.self)
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        var n = bytes.count
        if n > 0 && bytes[n - 1] == 0x0D { n -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<n]), as: UTF8.self)
    }
}
