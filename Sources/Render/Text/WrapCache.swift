/// A bounded cache of wrapped row counts keyed by (line content, width,
/// options), so that scrolling and redrawing do not re-wrap lines.
///
/// The content is identified by a 64-bit hash of its UTF-8 bytes plus its
/// length (hashing is several times cheaper than wrapping). Memory stays
/// bounded by generations: entries go into the current generation; when it
/// holds `capacity / 2` entries it becomes the previous one and the old
/// previous generation is dropped. A hit in the previous generation moves
/// the entry to the current one, so recently used lines survive (an
/// approximate LRU). At most `capacity` entries are ever held.
///
/// ```swift
/// var cache = WrapCache(capacity: 1024)
/// cache.rowCount("some long line", width: 4, options: WrapOptions())  // miss: 4
/// cache.rowCount("some long line", width: 4, options: WrapOptions())  // hit: 4
/// ```
public struct WrapCache: Sendable {
    /// What a cached row count is keyed by.
    public struct Key: Hashable, Sendable {
        /// Hash of the line's UTF-8 bytes.
        public var contentHash: UInt64
        /// UTF-8 length of the line.
        public var byteCount: Int
        /// Wrap width.
        public var width: Int
        /// Wrap options.
        public var options: WrapOptions

        /// One combine of the already well-mixed content hash with the
        /// other fields (the showbreak string by its length only): most of
        /// a lookup's cost was hashing the key field by field.
        public func hash(into hasher: inout Hasher) {
            var x = contentHash ^ UInt64(truncatingIfNeeded: byteCount) &* 0x9E37_79B9_7F4A_7C15
            x ^= UInt64(truncatingIfNeeded: width) &* 0xBF58_476D_1CE4_E5B9
            x ^= UInt64(truncatingIfNeeded: options.tabstop << 8 | options.showbreak.utf8.count << 2
                        | (options.linebreak ? 2 : 0) | (options.breakindent ? 1 : 0)) &* 0x94D0_49BB_1331_11EB
            hasher.combine(x)
        }
    }

    /// The most entries the cache holds (at least 2).
    public let capacity: Int
    /// Lookups answered from the cache.
    public private(set) var hits = 0
    /// Lookups that had to wrap.
    public private(set) var misses = 0
    private var current: [Key: Int] = [:]
    private var previous: [Key: Int] = [:]
    /// Direct-mapped by a caller's slot (a buffer row): the last line
    /// measured there. A redraw asks for the same lines frame after frame,
    /// and comparing a line with the one it was (usually the same string
    /// storage) is much cheaper than hashing it.
    private var recent: [Recent?] = []
    private struct Recent {
        var text: String
        var width: Int
        var options: WrapOptions
        var rows: Int
    }
    private static let recentSlots = 1024

    /// Creates an empty cache holding at most `capacity` entries (values
    /// below 2 mean 2).
    public init(capacity: Int = 8192) {
        self.capacity = max(2, capacity)
    }

    /// Entries currently held (never more than `capacity`).
    public var count: Int { self.current.count + self.previous.count }

    /// The number of rows `line` takes when wrapped at `width`, from the
    /// cache when possible (same as `Wrapper.rowCount`).
    public mutating func rowCount(_ line: String, width: Int, options: WrapOptions = WrapOptions()) -> Int {
        var copy = line
        return copy.withUTF8 { bytes in
            let key = Key(contentHash: Self.contentHash(bytes), byteCount: bytes.count, width: width, options: options)
            if let rows = self.lookup(key) { return rows }
            self.misses += 1
            let rows = Wrapper.rowCount(bytes, width: width, options: options)
            self.insert(rows, for: key)
            return rows
        }
    }

    /// ``rowCount(_:width:options:)`` for the line at `slot` (its buffer
    /// row, say): a line equal to the one last measured at that slot, with
    /// the same width and options, is answered without hashing it.
    public mutating func rowCount(_ line: String, slot: Int, width: Int, options: WrapOptions = WrapOptions()) -> Int {
        if recent.isEmpty { recent = Array(repeating: nil, count: Self.recentSlots) }
        let i = slot & (Self.recentSlots - 1)
        if let e = recent[i], e.width == width, e.text == line, e.options == options {
            hits += 1
            return e.rows
        }
        let rows = rowCount(line, width: width, options: options)
        recent[i] = Recent(text: line, width: width, options: options, rows: rows)
        return rows
    }

    /// Drops every entry (counters are kept).
    public mutating func removeAll() {
        self.current.removeAll()
        self.previous.removeAll()
        self.recent.removeAll()
    }

    /// Resets the hit and miss counters.
    public mutating func resetCounters() {
        self.hits = 0
        self.misses = 0
    }

    private mutating func lookup(_ key: Key) -> Int? {
        if let rows = self.current[key] {
            self.hits += 1
            return rows
        }
        if let rows = self.previous.removeValue(forKey: key) {
            self.hits += 1
            self.insert(rows, for: key)
            return rows
        }
        return nil
    }

    private mutating func insert(_ rows: Int, for key: Key) {
        if self.current.count >= self.capacity / 2 {
            self.previous = self.current
            self.current = [:]
        }
        self.current[key] = rows
    }

    /// A fast 64-bit hash of `bytes`, eight bytes per step.
    static func contentHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(truncatingIfNeeded: bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let count = bytes.count
        var i = 0
        while i + 8 <= count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            hash = Self.mix(hash ^ word)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        return Self.mix(hash ^ tail ^ 0xFF)
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 32)
    }
}
