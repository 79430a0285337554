/// A cheap identity of a file's bytes: their count and a 64-bit FNV-1a
/// hash. Used to tell whether a file changed since weft (or the model)
/// last saw it, not as a security measure: an accidental collision needs
/// two different contents of the same size with the same 64-bit hash.
///
///     Fingerprint(Array("hello".utf8)) == Fingerprint(Array("hello".utf8))  // true
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    /// Number of bytes.
    public let size: Int
    /// FNV-1a hash of the bytes.
    public let hash: UInt64

    /// The fingerprint of `bytes`.
    public init(_ bytes: [UInt8]) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for b in buffer {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01b3
            }
        }
        size = bytes.count
        hash = h
    }

    /// Rebuilds a fingerprint from its parts (e.g. read from a checkpoint index).
    public init(size: Int, hash: UInt64) {
        self.size = size
        self.hash = hash
    }

    /// `size:hash` with the hash in hex, e.g. `5:a430d84680aabd0b`.
    public var description: String { "\(size):" + String(hash, radix: 16) }

    /// Parses ``description``; nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let size = Int(parts[0]), size >= 0, let hash = UInt64(parts[1], radix: 16) else {
            return nil
        }
        self.init(size: size, hash: hash)
    }
}
