import Testing
@testable import Kernel

@Suite struct GlobTests {
    @Test(arguments: [
        ("*", "", true), ("*", "anything", true), ("", "", true), ("", "a", false),
        ("*.lua", "init.lua", true), ("*.lua", "init.luac", false), ("*.lua", ".lua", true),
        ("a?c", "abc", true), ("a?c", "ac", false), ("a?c", "a漢c", true),
        ("transcript", "transcript", true), ("transcript", "Transcript", false),
        ("*a*b*", "xxaxxbxx", true), ("*a*b*", "xxbxxaxx", false), ("a*", "a", true),
        ("**", "x", true), ("*?", "", false), ("*?", "x", true), ("?*?", "ab", true),
        ("*ab", "aab", true), ("*aab", "aaab", true), ("a*a*a", "aaaa", true), ("a*a*a", "aa", false),
        ("😀*", "😀 hi", true), ("win?", "win10", false),
    ])
    func matches(pattern: String, subject: String, expected: Bool) {
        #expect(Glob(pattern).matches(subject) == expected)
    }

    /// Compares with a plain recursive matcher on random inputs.
    @Test func agreesWithARecursiveMatcher() {
        func slow(_ p: [Character], _ s: [Character]) -> Bool {
            guard let c = p.first else { return s.isEmpty }
            if c == "*" { return (0...s.count).contains { slow(Array(p.dropFirst()), Array(s.dropFirst($0))) } }
            guard let f = s.first, c == "?" || c == f else { return false }
            return slow(Array(p.dropFirst()), Array(s.dropFirst()))
        }
        let seed = InputTestRNG.seed()
        var rng = InputTestRNG(seed: seed)
        let pc: [Character] = ["a", "b", "*", "?"], sc: [Character] = ["a", "b"]
        for _ in 0..<2000 {
            let p = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pc.randomElement(using: &rng) ?? "a" }
            let s = (0..<Int.random(in: 0...7, using: &rng)).map { _ in sc.randomElement(using: &rng) ?? "a" }
            #expect(Glob(String(p)).matches(String(s)) == slow(p, s), "seed \(seed): \(String(p)) vs \(String(s))")
        }
    }
}
