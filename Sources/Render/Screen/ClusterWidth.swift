import CUtf8proc

/// Width rules for single grapheme clusters, private to the screen grid.
///
/// A stop-gap until the shared measuring code in `Render/Text` is wired in:
/// the width of a cluster is the width of its first scalar from utf8proc,
/// raised to 2 when a VS16 (U+FE0F) follows or for a regional-indicator
/// pair (a flag).
enum ClusterWidth {
    /// Display width of one grapheme cluster: 0, 1 or 2.
    static func of(_ cluster: String) -> Int {
        var scalars = cluster.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0 }
        var width = Int(max(0, utf8proc_charwidth(Int32(bitPattern: first.value))))
        if isRegionalIndicator(first.value) { width = 1 }
        while let s = scalars.next() {
            if s.value == 0xFE0F { width = 2 }
            if isRegionalIndicator(first.value), isRegionalIndicator(s.value) { width = 2 }
        }
        return min(width, 2)
    }

    /// Whether terminals may disagree about this cluster's width: emoji
    /// sequences (ZWJ, VS16, skin tones, flags, keycaps) and pictographs
    /// whose width changed across Unicode versions. The encoder re-anchors
    /// the cursor with an absolute move after printing one.
    static func isUncertain(_ cluster: String) -> Bool {
        var count = 0
        for s in cluster.unicodeScalars {
            count += 1
            switch s.value {
            case 0x200D, 0xFE0F, 0x20E3, 0x1F3FB...0x1F3FF, 0x1F1E6...0x1F1FF: return true
            case 0x2600...0x27BF, 0x2B00...0x2BFF, 0x1F000...0x1FAFF: if count == 1 { return true }
            default: continue
            }
        }
        return false
    }

    /// Whether the scalar is a control character that must never reach the
    /// terminal: C0 (including ESC), DEL and C1.
    static func isControl(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v)
    }

    private static func isRegionalIndicator(_ v: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(v) }
}
