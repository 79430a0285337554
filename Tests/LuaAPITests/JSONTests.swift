import Foundation
import Kernel
import Testing
@testable import LuaAPI

/// A seeded generator (SplitMix64) so a failing random case can be replayed
/// with `WEFT_SEED`.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}

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

    static func randomValue(_ g: inout SplitMix64, depth: Int) -> Value {
        switch g.int(depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(g.int(2) == 0)
        case 2: return .int(g.int(2_000_000) - 1_000_000)
        case 3: return .double(Double(g.int(1_000_000)) / 1024 + 0.5)
        case 4:
            let pool: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\u{01}", "é", "世", "😀", "/", "\u{7F}"]
            return .string(String(String.UnicodeScalarView((0..<g.int(8)).map { _ in pool[g.int(pool.count)] })))
        case 5: return .array((0..<g.int(4)).map { _ in randomValue(&g, depth: depth + 1) })
        default:
            var t: [String: Value] = [:]
            for _ in 0..<g.int(4) { t["k\(g.int(10))"] = randomValue(&g, depth: depth + 1) }
            return .table(t)
        }
    }

    @Test func randomRoundTrip() throws {
        let seed = ProcessInfo.processInfo.environment["WEFT_SEED"].flatMap { UInt64($0) }
            ?? UInt64(Date().timeIntervalSince1970 * 1000)
        var g = SplitMix64(state: seed)
        for i in 0..<2000 {
            let v = Self.randomValue(&g, depth: 0)
            let text = try JSON.encode(v)
            let back = try JSON.decode(text)
            #expect(back == v, "seed \(seed) case \(i): \(text)")
            if back != v { return }
        }
    }
}
