import Foundation
@testable import Render
import Kernel

/// The seeded generator of the text tests.
typealias TextRNG = SplitMix64

/// Pieces of text in several scripts, including the hard cases.
enum TextSamples {
    static let pieces: [String] = [
        "a", "b", "z", " ", " ", "  ", "\t", "-", ".", "/", ",", "word", "hello", "x",
        "é", "e\u{301}", "a\u{301}\u{302}", "ß", "ñ",
        "世", "界", "你好", "한", "\u{1100}\u{1161}\u{11A8}", "ｱ",
        "😀", "👍🏽", "👩\u{200D}👩\u{200D}👧", "♻️", "♻", "🇯🇵", "🇺", "#️⃣",
        "\u{1b}", "\u{1b}[31m", "\u{7f}", "\u{0}", "\r\n", "\u{85}", "\u{9b}",
        "\u{200B}", "\u{202E}", "\u{301}", "\u{FEFF}", "\u{FFFD}",
    ]

    /// A random string of `pieces` of length up to `maxPieces`.
    static func random(_ rng: inout TextRNG, maxPieces: Int) -> String {
        let n = Int.random(in: 0...maxPieces, using: &rng)
        var s = ""
        for _ in 0..<n { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
        return s
    }

    /// Random raw bytes biased towards control, C1 and invalid UTF-8.
    static func randomBytes(_ rng: inout TextRNG, count: Int) -> [UInt8] {
        let interesting: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x80, 0x85, 0x9B, 0xC2, 0xC0, 0xE3, 0xED, 0xF0, 0xF4, 0xFF, 0x41, 0x20]
        return (0..<count).map { _ in
            Bool.random(using: &rng) ? interesting[Int.random(in: 0..<interesting.count, using: &rng)] : UInt8.random(in: 0...255, using: &rng)
        }
    }
}

/// The display text of raw bytes, built the way a renderer would.
func displayBytes(_ bytes: [UInt8], startColumn: Int = 0) -> [UInt8] {
    var out: [UInt8] = []
    bytes.withUnsafeBufferPointer { buffer in
        TextMeasure.forEachCluster(buffer, startColumn: startColumn) { cluster in
            TextMeasure.appendDisplay(of: cluster, from: buffer, to: &out)
            return true
        }
    }
    return out
}

/// True when `bytes` decode to text with no C0, DEL or C1 control.
func isTerminalSafe(_ bytes: [UInt8]) -> Bool {
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v <= 0x9F) { return false }
    }
    return !bytes.contains(0x1B)
}
