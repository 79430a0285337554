import Kernel
import Testing
@testable import Render

@Suite struct WrapCacheTests {
    @Test func hitsAndMisses() {
        var cache = WrapCache(capacity: 16)
        let line = "some long line of text"
        #expect(cache.rowCount(line, width: 5) == Wrapper.rowCount(line, width: 5))
        #expect(cache.misses == 1 && cache.hits == 0)
        #expect(cache.rowCount(line, width: 5) == 5)
        #expect(cache.misses == 1 && cache.hits == 1)
        // A different width, options or content is a different entry.
        _ = cache.rowCount(line, width: 6)
        _ = cache.rowCount(line, width: 5, options: WrapOptions(linebreak: true))
        _ = cache.rowCount(line + "!", width: 5)
        #expect(cache.misses == 4 && cache.hits == 1)
        // Equal content in a different string instance hits.
        let copy = String(decoding: Array(line.utf8), as: UTF8.self)
        _ = cache.rowCount(copy, width: 5)
        #expect(cache.hits == 2)
        cache.resetCounters()
        #expect(cache.hits == 0 && cache.misses == 0)
        cache.removeAll()
        #expect(cache.count == 0)
    }

    /// The per-slot memo answers a repeated line without hashing, and never
    /// answers for a changed line, width or options.
    @Test func slotMemoAgreesWithWrapping() {
        var cache = WrapCache(capacity: 16)
        var rng = SplitMix64(seed: 11)
        let words = ["ab", "中文", "x", "😀", "long-word", "\t"]
        var lines = (0..<8).map { _ in (0..<6).map { _ in words[rng.below(words.count)] }.joined(separator: " ") }
        for step in 0..<2000 {
            let slot = rng.below(8)
            if rng.below(4) == 0 { lines[slot] += " " + words[rng.below(words.count)] }
            let width = 3 + rng.below(6)
            let options = WrapOptions(linebreak: rng.below(2) == 0)
            let want = Wrapper.rowCount(lines[slot], width: width, options: options)
            #expect(cache.rowCount(lines[slot], slot: slot, width: width, options: options) == want, "step \(step)")
        }
        cache.resetCounters()
        _ = cache.rowCount("same", slot: 3, width: 4)
        _ = cache.rowCount("same", slot: 3, width: 4)
        #expect(cache.hits == 1 && cache.misses == 1)
    }

    @Test func staysBoundedAndCorrect() {
        var cache = WrapCache(capacity: 64)
        for i in 0..<5000 {
            let line = String(repeating: "ab 世 ", count: i % 300) + "\(i)"
            let width = 3 + i % 17
            #expect(cache.rowCount(line, width: width) == Wrapper.rowCount(line, width: width))
            #expect(cache.count <= 64)
        }
        #expect(cache.misses == 5000)
    }

    @Test func recentlyUsedEntriesSurvive() {
        var cache = WrapCache(capacity: 8)
        _ = cache.rowCount("hot", width: 2)
        for i in 0..<100 {
            _ = cache.rowCount("cold \(i)", width: 2)
            _ = cache.rowCount("hot", width: 2)
        }
        #expect(cache.misses == 101)
        #expect(cache.hits == 100)
    }

    @Test func contentHashSeparatesLengthsAndBytes() {
        func hash(_ s: String) -> UInt64 {
            Array(s.utf8).withUnsafeBufferPointer { WrapCache.contentHash($0) }
        }
        #expect(hash("") != hash("\u{0}"))
        #expect(hash("abcdefgh") != hash("abcdefgi"))
        #expect(hash("abcdefghi") != hash("abcdefgh"))
        #expect(hash("hello") == hash(String("xhello".dropFirst())))
    }
}
