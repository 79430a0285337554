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
