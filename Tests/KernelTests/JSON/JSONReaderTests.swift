import Testing
@testable import Kernel

/// `JSONReader` accepts exactly what `JSON.decode` accepts, and reads the
/// same values.
@Suite struct JSONReaderTests {
    private func skipAll(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var reader = JSONReader(utf8: UnsafeRawBufferPointer(bytes), surrogates: .replace)
            return (try? reader.skipValue()).flatMap { try? reader.finish() } != nil
        }
    }

    @Test func readsMembersAndElementsInOrder() throws {
        var text = #"{"a": [1, "two", null], "b": {"c": true}, "d": "\u00e9"}"#
        var seen: [String] = []
        try text.withUTF8 { bytes in
            var reader = JSONReader(utf8: UnsafeRawBufferPointer(bytes))
            try reader.readObject { reader, key in
                seen.append(key)
                switch key {
                case "a": try reader.readArray(depth: 1) { reader in seen.append("\(try reader.readValue(depth: 2))") }
                case "d": seen.append(try reader.readString())
                default: try reader.skipValue(depth: 1)
                }
            }
            try reader.finish()
        }
        #expect(seen == ["a", "\(Value.int(1))", "\(Value.string("two"))", "\(Value.null)", "b", "d", "é"])
    }

    @Test func rejectsWhatDecodeRejects() {
        for bad in ["", "{", #"{"a":"#, #"{"a" 1}"#, "[1,]", "01x", "tru", #""abc"#, "{} x", "-", "1.", #""\x""#,
                    "\"a\u{01}\"", String(repeating: "[", count: 10_000)] {
            #expect(!skipAll(bad), "\(bad.prefix(20).debugDescription)")
        }
    }

    /// Random values, encoded and then cut or altered at random: skipping
    /// succeeds exactly when decoding does.
    @Test func skippingAgreesWithDecoding() throws {
        let seed = SplitMix64.seed()
        var g = SplitMix64(seed: seed)
        for i in 0..<3000 {
            var text = try JSON.encode(JSONTests.randomValue(&g, depth: 0))
            if g.chance(50), !text.isEmpty {
                var bytes = Array(text.utf8)
                let at = g.below(bytes.count)
                switch g.below(3) {
                case 0: bytes.removeSubrange(at...)
                case 1: bytes.insert(g.pick(Array(#"{}[],:"\ 0a-."#.utf8))!, at: at)
                default: bytes.remove(at: at)
                }
                text = String(decoding: bytes, as: UTF8.self)
            }
            let decodes = (try? JSON.decode(text, surrogates: .replace)) != nil
            #expect(skipAll(text) == decodes, "seed \(seed) case \(i): \(text)")
        }
    }
}
