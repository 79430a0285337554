import Foundation

// MARK: - Bracketed paste

extension InputDecoder {
    /// The end marker `ESC [ 201 ~`.
    static let pasteEnd: [UInt8] = [0x1b, 0x5b, 0x32, 0x30, 0x31, 0x7e]

    /// Text of a finished paste: CRLF and lone CR become LF, invalid UTF-8
    /// becomes U+FFFD.
    static func pasteText(_ bytes: [UInt8]) -> String {
        guard bytes.contains(0x0d) else { return String(decoding: bytes, as: UTF8.self) }
        var normalised: [UInt8] = []
        normalised.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0d {
                normalised.append(0x0a)
                if i + 1 < bytes.count && bytes[i + 1] == 0x0a { i += 1 }
            } else {
                normalised.append(b)
            }
            i += 1
        }
        return String(decoding: normalised, as: UTF8.self)
    }

    /// Index of the paste end marker in `bytes` at or after `from`, or nil.
    static func findPasteEnd(_ bytes: [UInt8], from: Int) -> Int? {
        let marker = pasteEnd
        return bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress else { return nil }
            var i = from
            while i + marker.count <= buf.count {
                guard let hit = memchr(base + i, 0x1b, buf.count - i) else { return nil }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + marker.count > buf.count { return nil }
                if memcmp(base + at, marker, marker.count) == 0 { return at }
                i = at + 1
            }
            return nil
        }
    }
}
