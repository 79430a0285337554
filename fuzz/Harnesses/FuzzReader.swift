/// Reads typed choices from a fuzzer's input, front to back.
///
/// Every read succeeds: past the end of the input it returns zeros (and
/// empty strings), so a target never has to check lengths and libFuzzer's
/// mutations of any byte change one decision. Structure-aware targets draw
/// sizes, split points and operations from it.
///
/// ```swift
/// var r = FuzzReader(data, size)
/// let width = r.int(in: 1...200)
/// let text = r.rest()
/// ```
public struct FuzzReader {
    /// The whole input.
    public let bytes: [UInt8]
    /// The next byte to read.
    public private(set) var position = 0

    /// A reader over `size` bytes at `data`.
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    }

    /// A reader over `bytes` (for replaying a saved input).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { position >= bytes.count }

    /// The bytes not read yet.
    public var remaining: Int { max(0, bytes.count - position) }

    /// The next byte (0 past the end).
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// A number in `range`, from one byte (two when the range is wider
    /// than 256 values).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = range.upperBound - range.lowerBound + 1
        let raw = span > 256 ? Int(byte()) << 8 | Int(byte()) : Int(byte())
        return range.lowerBound + raw % span
    }

    /// True with a probability of about `percent` in 100.
    public mutating func chance(_ percent: Int) -> Bool {
        Int(byte()) * 100 < percent * 256
    }

    /// One of `choices` (the first when it is empty... callers pass some).
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[int(in: 0...(choices.count - 1))]
    }

    /// Up to `max` bytes: a length byte, then that many bytes.
    public mutating func chunk(max: Int = 255) -> [UInt8] {
        let n = Swift.min(int(in: 0...Swift.min(max, 255)), remaining)
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    /// Everything not read yet.
    public mutating func rest() -> [UInt8] {
        guard position < bytes.count else { return [] }
        defer { position = bytes.count }
        return Array(bytes[position...])
    }

    /// `bytes` cut into pieces whose lengths come from the input (each 1
    /// to `maxPiece`), for checking that a streaming decoder gives the same
    /// result however its input is split.
    public mutating func split(_ data: [UInt8], maxPiece: Int = 64) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var i = 0
        while i < data.count {
            let n = Swift.min(1 + int(in: 0...(maxPiece - 1)), data.count - i)
            out.append(Array(data[i..<(i + n)]))
            i += n
        }
        return out
    }
}
