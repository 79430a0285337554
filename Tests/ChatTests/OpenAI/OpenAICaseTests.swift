import Chat
import Foundation
import Testing

/// Every streaming case of the fake server (PROVIDERS.md numbering), fed
/// to the parser whole, split at every byte position, and split at many
/// random positions: the outcome must not depend on the chunking.
@Suite struct OpenAICaseTests {
    static let case1Text = "Hello, wörld! 日本語 and 😀 emoji, done."

    static func expected(_ name: String) -> StreamOutcome {
        var o = StreamOutcome([])
        o.finish = "stop"
        switch name {
        case "1a", "1b", "1c", "1d", "1e":
            o.text = case1Text
            o.usage = [10, 5]
            o.kinds = ["text", "usage", "finish"]
        case "len":
            o.text = "Cut short because"
            o.usage = [10, 5]
            o.finish = "length"
            o.kinds = ["text", "usage", "finish"]
        case "2a", "2b", "2c":
            o.thinking = "Let me check the time."
            o.text = "It is noon."
            o.usage = [10, 9]
            o.kinds = ["thinking", "text", "usage", "finish"]
        case "3a", "3b", "3c", "3d", "tool":
            o.calls = expectedCalls(name)
            o.usage = [20, 8]
            o.finish = "tool_calls"
            o.kinds = o.calls.map { _ in "tool" } + ["usage", "finish"]
        case "4a", "4b":
            o.text = "Counted."
            o.usage = [12, 3]
            o.kinds = ["text", "usage", "finish"]
        case "6a":
            o.text = "Partial "
            o.finish = nil
            o.error = "openai: server error (server_error): upstream model crashed"
            o.kinds = ["text", "error"]
        default:
            break
        }
        return o
    }

    static func expectedCalls(_ name: String) -> [ToolCallRequest] {
        switch name {
        case "3a": return [ToolCallRequest(id: "call_1", name: "read_file", arguments: #"{"path": "README.md"}"#)]
        case "3b", "3c":
            return [ToolCallRequest(id: "call_a", name: "read_file", arguments: #"{"path": "a.txt"}"#),
                    ToolCallRequest(id: "call_b", name: "list_files", arguments: #"{"path": "."}"#)]
        case "3d": return [ToolCallRequest(id: "id_1", name: "read_file", arguments: #"{"path": "b.txt"}"#)]
        default: return [ToolCallRequest(id: "call_run", name: "run_command",
                                         arguments: #"{"command": "echo hello-from-tool"}"#)]
        }
    }

    static let cases = ["1a", "1b", "1c", "1d", "1e", "len", "2a", "2b", "2c", "3a", "3b", "3c", "3d", "tool",
                        "4a", "4b", "6a"]

    @Test(arguments: cases)
    func wholeBody(name: String) throws {
        let bytes = try fakeCaseBytes(name)
        let got = StreamOutcome(parse(pieces: [bytes]))
        #expect(got == Self.expected(name), "case \(name): \(got)")
    }

    @Test(arguments: cases)
    func everySplitPosition(name: String) throws {
        let bytes = try fakeCaseBytes(name)
        let want = Self.expected(name)
        // Big pretty-printed bodies are sampled every few bytes.
        let step = bytes.count > 6000 ? 3 : 1
        var failures = 0
        for cut in stride(from: 0, through: bytes.count, by: step) {
            let got = StreamOutcome(parse(pieces: split(bytes, at: [cut])))
            if got != want {
                failures += 1
                if failures <= 3 { Issue.record("case \(name) split at \(cut): \(got)") }
            }
        }
        #expect(failures == 0)
    }

    @Test(arguments: cases)
    func randomSplits(name: String) throws {
        let bytes = try fakeCaseBytes(name)
        let seed = openAISeed()
        var rng = OpenAIRandom(seed: seed)
        let want = Self.expected(name)
        for round in 0..<60 {
            let cuts = (0..<(1 + rng.below(40))).map { _ in rng.below(bytes.count + 1) }.sorted()
            let got = StreamOutcome(parse(pieces: split(bytes, at: cuts)))
            #expect(got == want, "case \(name) seed \(seed) round \(round) cuts \(cuts): \(got)")
            if got != want { return }
        }
    }

    @Test func oneByteAtATime() throws {
        for name in ["1a", "1b", "1e", "2c", "3c"] {
            let bytes = try fakeCaseBytes(name)
            let got = StreamOutcome(parse(pieces: bytes.map { [$0] }))
            #expect(got == Self.expected(name), "case \(name): \(got)")
        }
    }

    @Test func case1bReallyUsesCRLFAndCase1eBareCR() throws {
        let crlf = try fakeCaseBytes("1b")
        let cr = try fakeCaseBytes("1e")
        #expect(String(decoding: crlf, as: UTF8.self).contains("\r\n\r\n"))
        #expect(!cr.contains(0x0A))
        #expect(String(decoding: try fakeCaseBytes("1c"), as: UTF8.self).contains(": ping"))
    }
}
