/// One unit of display produced by sanitizing and segmenting text: an
/// extended grapheme cluster shown as is, or an inert, visible replacement
/// for something that must never reach the terminal.
///
/// Every cluster has a width of at least 1, so a loop that places clusters
/// always makes progress.
///
/// ```swift
/// TextMeasure.forEachCluster("a\u{1b}[1m") { c in
///     print(c.byteRange, c.width, c.replacementText ?? "(source)")
///     return true
/// }
/// // 0..<1 1 (source)
/// // 1..<2 2 ^[
/// // 2..<3 1 (source) ...
/// ```
public struct DisplayCluster: Hashable, Sendable {
    /// What the cluster is and how it is shown.
    public enum Kind: Hashable, Sendable {
        /// A grapheme cluster shown verbatim from the source bytes.
        case text
        /// A horizontal tab, shown as `width` spaces.
        case tab
        /// A C0 control byte (0x00-0x1F) or DEL (0x7F), shown in caret
        /// notation: `^@` ... `^_`, `^?`. ESC is `^[`.
        case control(UInt8)
        /// A C1 control code point (U+0080-U+009F), shown as `<80>` ... `<9f>`.
        case c1(UInt8)
        /// One byte that is not part of valid UTF-8, shown as U+FFFD.
        case invalid
        /// A zero-width code point with no base to attach to (a lone
        /// combining mark, U+200B, a bidi override such as U+202E, U+FEFF),
        /// shown as `<200b>`-style hex so it cannot hide or reorder text.
        case invisible(UInt32)
    }

    /// Byte offsets of the cluster in the source UTF-8.
    public var byteRange: Range<Int>
    /// Display column where the cluster starts (includes the start column
    /// the scan was given).
    public var column: Int
    /// Cells the cluster occupies (1 or 2 for text; more for replacements
    /// and tabs).
    public var width: Int
    /// What the cluster is.
    public var kind: Kind

    /// Creates a cluster; normally produced by `TextMeasure.forEachCluster`.
    public init(byteRange: Range<Int>, column: Int, width: Int, kind: Kind) {
        self.byteRange = byteRange
        self.column = column
        self.width = width
        self.kind = kind
    }

    /// True when the cluster stands in for something unsafe or invalid
    /// (control, C1, invalid UTF-8, invisible code point): the renderer
    /// should highlight it as special. Tabs and text are not replacements.
    public var isReplacement: Bool {
        switch self.kind {
        case .text, .tab: return false
        case .control, .c1, .invalid, .invisible: return true
        }
    }

    /// The column just after the cluster.
    public var endColumn: Int { self.column + self.width }

    /// The text to show when it is not the source bytes: spaces for a tab,
    /// the replacement for controls and invalid bytes; nil for `.text`.
    /// Short replacements are small strings (no heap allocation).
    public var replacementText: String? {
        switch self.kind {
        case .text:
            return nil
        case .tab:
            return String(repeating: " ", count: max(0, self.width))
        case .control(let byte):
            return DisplayCluster.caret(byte)
        case .c1(let value):
            return "<" + DisplayCluster.hex(UInt32(value), minDigits: 2) + ">"
        case .invalid:
            return "\u{FFFD}"
        case .invisible(let scalar):
            return "<" + DisplayCluster.hex(scalar, minDigits: 4) + ">"
        }
    }

    /// The text to show for this cluster, taking `.text` clusters from
    /// `line` (the string the cluster was scanned from). Never contains a
    /// control character.
    public func text(in line: String) -> String {
        if let replacement = self.replacementText { return replacement }
        let utf8 = line.utf8
        let count = utf8.count
        let lower = min(max(0, self.byteRange.lowerBound), count)
        let upper = min(max(lower, self.byteRange.upperBound), count)
        let start = utf8.index(utf8.startIndex, offsetBy: lower)
        let end = utf8.index(start, offsetBy: upper - lower)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}

// MARK: - Replacement spelling

extension DisplayCluster {
    /// Caret notation for a C0 control or DEL: 0x1B -> "^[", 0x7F -> "^?".
    static func caret(_ byte: UInt8) -> String {
        let shown = byte == 0x7F ? UInt8(ascii: "?") : (byte & 0x1F) | 0x40
        return String(decoding: [UInt8(ascii: "^"), shown], as: UTF8.self)
    }

    /// Lowercase hex with at least `minDigits` digits.
    static func hex(_ value: UInt32, minDigits: Int) -> String {
        let digits = String(value, radix: 16)
        let pad = max(0, minDigits - digits.count)
        return String(repeating: "0", count: pad) + digits
    }

    /// Display width of the replacement for `kind` (not for text or tab).
    static func replacementWidth(_ kind: Kind) -> Int {
        switch kind {
        case .text, .tab: return 1
        case .control: return 2
        case .c1: return 4
        case .invalid: return 1
        case .invisible(let scalar): return 2 + max(4, hexDigits(scalar))
        }
    }

    private static func hexDigits(_ value: UInt32) -> Int {
        var digits = 1
        var rest = value >> 4
        while rest != 0 { digits += 1; rest >>= 4 }
        return digits
    }
}
