import Foundation
import Testing
@testable import Kernel

@Suite struct JSONTests {
    @Test func encodesAndEscapes() throws {
        #expect(try JSON.encode(.table(["b": .array([1, .null]), "a": "x\"\\\u{01}é"])) == #"{"a":"x\"\\\u0001é","b":[1,null]}"#)
        #expect(try JSON.encode(.double(0.5)) == "0.5")
        #expect(try JSON.encode(.double(2)) == "2.0")
        #expect(throws: JSON.Failure.self) { try JSON.encode(.double(.nan)) }
    }

    @Test func decodesEscapesAndReportsPositions() throws {
        #expect(try JSON.decode(#"["\ud83d\ude00", "\u00e9", -1.5e2, 7]"#) == .array(["😀", "é", .double(-150), 7]))
        #expect(throws: JSON.Failure.syntax("high surrogate without a following low surrogate", position: 2)) {
            try JSON.decode(#""\ud83d""#)
        }
        #expect(throws: JSON.Failure.syntax("unexpected character ']', expected a value", position: 4)) {
            try JSON.decode("[1,]")
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSON.Failure.self) { try JSON.decode(deep) }
    }

    @Test func lineNeverFailsAndStaysOnOneLine() {
        let v: Value = .table(["b": .array([1, .null, .bool(false)]), "a": .string("line\n\"q\"\u{1B}\t\\\u{2028}"), "d": .double(1.5)])
        #expect(JSON.line(v) == #"{"a":"line\n\"q\"\u001b\t\\\u2028","b":[1,null,false],"d":1.5}"#)
        #expect(JSON.line(.array([.double(.nan), .double(.infinity)])) == "[null,null]")
        #expect(JSON.line(.double(2)) == "2.0")
    }

    @Test func lenientDecodingReplacesLoneSurrogates() throws {
        #expect(try JSON.decode(#""\ud800x""#, surrogates: .replace) == .string("\u{FFFD}x"))
        #expect(try JSON.decode(#""\udc00""#, surrogates: .replace) == .string("\u{FFFD}"))
        #expect(try JSON.decode(#""\ud800\u0041""#, surrogates: .replace) == .string("\u{FFFD}A"))
        #expect(try JSON.decode(#""\ud83d\ude00""#, surrogates: .replace) == .string("😀"))
        #expect(throws: JSON.Failure.self) { try JSON.decode(#""\ud800x""#) }
    }

    @Test func rejectsBadInputWithoutCrashing() {
        for bad in ["", "{", #"{"a":"#, #"{"a" 1}"#, "[1,]", "01x", "tru", #""abc"#, "{} x", "-", "1.", #""\x""#,
                    "\"a\u{01}\"", String(repeating: "[", count: 10_000)] {
            #expect(throws: JSON.Failure.self, "\(bad.prefix(20).debugDescription)") { try JSON.decode(bad, surrogates: .replace) }
        }
    }

    static func randomValue(_ g: inout SplitMix64, depth: Int) -> Value {
        switch g.below(depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(g.below(2) == 0)
        case 2: return .int(g.below(2_000_000) - 1_000_000)
        case 3: return .double(Double(g.below(1_000_000)) / 1024 + 0.5)
        case 4:
            let pool: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\u{01}", "é", "世", "😀", "/", "\u{7F}", "\u{2028}"]
            return .string(String(String.UnicodeScalarView((0..<g.below(8)).map { _ in pool[g.below(pool.count)] })))
        case 5: return .array((0..<g.below(4)).map { _ in randomValue(&g, depth: depth + 1) })
        default:
            var t: [String: Value] = [:]
            for _ in 0..<g.below(4) { t["k\(g.below(10))"] = randomValue(&g, depth: depth + 1) }
            return .table(t)
        }
    }

    @Test func randomRoundTrip() throws {
        let seed = SplitMix64.seed()
        var g = SplitMix64(seed: seed)
        for i in 0..<2000 {
            let v = Self.randomValue(&g, depth: 0)
            let text = try JSON.encode(v)
            #expect(JSON.line(v) == text && !text.contains("\n"), "seed \(seed) case \(i)")
            let back = try JSON.decode(text)
            #expect(back == v, "seed \(seed) case \(i): \(text)")
            if back != v { return }
        }
    }
}
