import Foundation
import Kernel
import Testing
@testable import Chat

/// The seeded generator of the chat core tests (seed printed on failure).
typealias CCRandom = SplitMix64

func ccSeed() -> UInt64 { SplitMix64.seed() }

func ccTempDir() -> String {
    let dir = NSTemporaryDirectory() + "weft-chatcore-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct MockStreamTests {
    @Test func tokenizerRoundTripsAndNeverSplitsCharacters() {
        let seed = ccSeed()
        var rng = CCRandom(seed: seed)
        let pieces = ["a", "word", " ", "  ", "\n", "\r\n", "漢字", "こんにちは", "👋🏽", "👨‍👩‍👧", "é", "e\u{301}",
                      "🇯🇵", "\t", "supercalifragilistic", "x", "\u{1B}[0m", "—", "ﷺ"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<rng.below(60) { text += pieces[rng.below(pieces.count)] }
            let tokens = MockTokenizer.tokens(text)
            #expect(tokens.joined() == text, "seed \(seed)")
            #expect(tokens.reduce(0) { $0 + $1.count } == text.count, "grapheme split; seed \(seed)")
            for t in tokens {
                #expect(!t.isEmpty, "seed \(seed)")
                #expect(t.filter { !$0.isWhitespace }.count <= MockTokenizer.maxCharacters, "seed \(seed): \(t.debugDescription)")
                #expect(String(validating: Array(t.utf8), as: UTF8.self) == t, "seed \(seed)")
            }
        }
    }

    @Test func tokenizerSplitsOnWords() {
        #expect(MockTokenizer.tokens("hello big world") == ["hello ", "big ", "world"])
        #expect(MockTokenizer.tokens("a\n\nb") == ["a\n", "\n", "b"])
        #expect(MockTokenizer.tokens("漢字漢字漢字漢字漢字") == ["漢字漢字", "漢字漢字", "漢字"])
    }

    @Test func pacedStreamMatchesInstantEvents() async {
        let request = ProviderRequest(messages: [ProviderMessage(role: .user, content: "count to 30")])
        let box = CCEventBox()
        let provider = MockProvider(tokensPerSecond: 3000, firstTokenLatency: 0)
        let stream = provider.stream(request: request) { box.add($0) }
        #expect(await stream.waitFinished(timeout: 10))
        #expect(box.events == MockProvider.events(for: request))
    }

    @Test func cancelStopsPacedStreamPromptly() async throws {
        let request = ProviderRequest(messages: [ProviderMessage(role: .user, content: "long")])
        let box = CCEventBox()
        let stream = MockProvider(tokensPerSecond: 200, firstTokenLatency: 0).stream(request: request) { box.add($0) }
        let start = Date()
        while box.events.count < 5 && Date().timeIntervalSince(start) < 5 { try await Task.sleep(for: .milliseconds(2)) }
        #expect(box.events.count >= 5)
        stream.cancel()
        let countAtCancel = box.events.count
        // On a starved machine (the whole unit suite in parallel on two
        // cores) the reply may have run to its end before the cancel: then
        // its end is allowed, and only what comes after the cancel counts.
        let endedBeforeCancel = box.events.contains { $0.isTerminal }
        #expect(await stream.waitFinished(timeout: 1), "producer did not stop within 1 s")
        try await Task.sleep(for: .milliseconds(100))
        #expect(box.events.count == countAtCancel, "an event came after the cancel")
        #expect(endedBeforeCancel || !box.events.contains { $0.isTerminal })
        #expect(stream.isCancelled)
    }

    @Test func pacingTakesTime() async {
        let request = ProviderRequest(messages: [ProviderMessage(role: .user, content: "count to 20")])
        let box = CCEventBox()
        let start = Date()
        let stream = MockProvider(tokensPerSecond: 100, firstTokenLatency: 0).stream(request: request) { box.add($0) }
        #expect(box.events.count < 22, "paced stream emitted synchronously")
        #expect(await stream.waitFinished(timeout: 10))
        // 22 events at ~100/s with ±30% jitter: at least ~0.15 s.
        #expect(Date().timeIntervalSince(start) > 0.1)
        #expect(box.events.last == .finish(reason: "stop"))
    }

    @Test func cancelInsideEmitIsAllowed() async {
        let box = CCEventBox()
        final class Holder: @unchecked Sendable {
            private let lock = NSLock()
            private var value: ProviderStream?
            var stream: ProviderStream? {
                get { lock.lock(); defer { lock.unlock() }; return value }
                set { lock.lock(); value = newValue; lock.unlock() }
            }
        }
        let holder = Holder()
        let stream = MockProvider(tokensPerSecond: 1000, firstTokenLatency: 0)
            .stream(request: ProviderRequest(messages: [ProviderMessage(role: .user, content: "count to 100")])) { e in
                box.add(e)
                if box.events.count >= 3 { holder.stream?.cancel() }
            }
        holder.stream = stream
        #expect(await stream.waitFinished(timeout: 5))
        #expect(box.events.count < 50)
        #expect(stream.isCancelled)
    }
}
