import CUtf8proc
import Testing
@testable import Render

@Suite struct CharPropertiesTests {
    /// The cached table holds exactly what utf8proc says, for every cached
    /// code point, and the uncached path agrees too.
    @Test func tableMatchesUtf8proc() {
        let table = CharProperties.table
        var mismatches: [UInt32] = []
        let cached = Array(0..<0x10000) + Array(0x1F000..<0x1FC00)
        for scalar in cached.map(UInt32.init) + [0x20000, 0x2A6DF, 0xE0001, 0x10FFFF] {
            let packed = CharProperties.packed(scalar, table: table)
            let property = utf8proc_get_property(Int32(scalar)).pointee
            if CharProperties.width(packed) != Int(utf8proc_charwidth(Int32(scalar)))
                || CharProperties.boundclass(packed) != UInt8(property.boundclass) {
                mismatches.append(scalar)
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// The shortcut never claims a break that utf8proc would not make.
    @Test func certainBreaksAgreeWithUtf8proc() {
        let samples: [UInt32] = [0x41, 0xE9, 0x301, 0x4E16, 0xAC00, 0x1100, 0x1161, 0x11A8, 0x200D, 0xFE0F,
                                 0x1F469, 0x1F3FD, 0x1F1EF, 0x0600, 0x0903, 0x2764, 0x267B, 0x20E3]
        for a in samples {
            for b in samples {
                let pa = CharProperties.boundclass(CharProperties.packed(a, table: CharProperties.table))
                let pb = CharProperties.boundclass(CharProperties.packed(b, table: CharProperties.table))
                guard CharProperties.isCertainBreak(pa, pb) else { continue }
                var state: Int32 = 0
                #expect(utf8proc_grapheme_break_stateful(Int32(a), Int32(b), &state), "U+\(String(a, radix: 16)) U+\(String(b, radix: 16))")
            }
        }
    }
}
