import CUtf8proc

/// Per-code-point width and grapheme bound class from utf8proc, with the
/// Basic Multilingual Plane and the main emoji block (U+1F000-U+1FBFF)
/// cached in a 67 KB table (built on first use, well under a millisecond)
/// so the hot loop does not call into utf8proc for every code point. Values are exactly utf8proc's; a test compares them.
///
/// A packed entry is `boundclass | charwidth << 5`.
enum CharProperties {
    /// utf8proc bound classes used by the segmentation fast path.
    static let other: UInt8 = 1
    static let l: UInt8 = 6
    static let lv: UInt8 = 9
    static let lvt: UInt8 = 10
    static let prepend: UInt8 = 13
    static let zwj: UInt8 = 14
    static let extend: UInt8 = 5
    static let spacingMark: UInt8 = 12
    static let emojiModifier: UInt8 = 16
    static let extendedPictographic: UInt8 = 19

    /// First code point of the cached emoji block (U+1F000..<U+1FC00).
    static let emojiBase: UInt32 = 0x1F000
    /// Code points cached after the BMP.
    static let emojiCount: UInt32 = 0xC00

    /// The table: the BMP, then the emoji block; never freed.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let size = 0x10000 + Int(emojiCount)
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        for index in 0..<size {
            let scalar = index < 0x10000 ? UInt32(index) : emojiBase + UInt32(index - 0x10000)
            table[index] = CharProperties.lookup(scalar)
        }
        return UnsafePointer(table)
    }()

    /// The packed entry of `scalar` straight from utf8proc.
    static func lookup(_ scalar: UInt32) -> UInt8 {
        let property = utf8proc_get_property(Int32(bitPattern: scalar)).pointee
        let boundclass = UInt8(truncatingIfNeeded: property.boundclass) & 0x1F
        let width = UInt8(truncatingIfNeeded: property.charwidth) & 0x3
        return boundclass | width << 5
    }

    /// The packed entry of `scalar`, from `table` when it is cached.
    @inline(__always)
    static func packed(_ scalar: UInt32, table: UnsafePointer<UInt8>) -> UInt8 {
        if scalar < 0x10000 { return table[Int(scalar)] }
        let offset = scalar &- emojiBase
        return offset < emojiCount ? table[0x10000 + Int(offset)] : self.lookup(scalar)
    }

    /// Width in cells (0, 1 or 2) of a packed entry.
    @inline(__always)
    static func width(_ packed: UInt8) -> Int { Int(packed >> 5) }

    /// Bound class of a packed entry.
    @inline(__always)
    static func boundclass(_ packed: UInt8) -> UInt8 { packed & 0x1F }

    /// True when a code point of bound class `previous` may join the next
    /// one even when that is ASCII (Prepend, ZWJ, Hangul L).
    @inline(__always)
    static func mayJoinNext(_ previous: UInt8) -> Bool {
        previous == prepend || previous == zwj || previous == l
    }

    /// True for code points that attach to whatever precedes them (GB9,
    /// GB9a): Extend (combining marks, skin tones), SpacingMark and ZWJ.
    /// One that starts a cluster had nothing to attach to.
    @inline(__always)
    static func attachesToPrevious(_ boundclass: UInt8) -> Bool {
        boundclass == extend || boundclass == spacingMark || boundclass == zwj || boundclass == emojiModifier
    }

    /// True when a grapheme break between `previous` and `next` (bound
    /// classes) is certain whatever utf8proc's state holds: `next` starts
    /// a new cluster by GB999 unless `previous` is Prepend (GB9b), L before
    /// a Hangul L/LV/LVT (GB6), or ZWJ before a pictograph (GB11). Neither
    /// may be a control (controls never reach segmentation).
    @inline(__always)
    static func isCertainBreak(_ previous: UInt8, _ next: UInt8) -> Bool {
        let startsCluster = next == other || next == extendedPictographic || next == l || next == lv || next == lvt
        return startsCluster && previous != prepend && previous != zwj && previous != l
    }
}
