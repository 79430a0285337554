@testable import Chat
import Kernel
import Testing

/// The stream's chunk reader (``OpenAIChunk/read(utf8:)``) against the
/// tree reader (``OpenAIChunk/from(_:)`` over `JSON.decode`): whenever the
/// stream's reader answers, it gives what the tree gives, and it answers
/// for the chunks servers stream text in.
@Suite struct OpenAIChunkReaderTests {
    private func read(_ json: String) -> OpenAIChunk? {
        var text = json
        return text.withUTF8 { OpenAIChunk.read(utf8: UnsafeRawBufferPointer($0)) }
    }

    private func tree(_ json: String) -> OpenAIChunk? {
        (try? JSON.decode(json, surrogates: .replace)).map(OpenAIChunk.from)
    }

    @Test func readsTheChunksServersStream() {
        let cases = [
            #"{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"logprobs":null,"finish_reason":null}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"a\"b\\n\u00e9\ud83d\ude00"},"finish_reason":null}],"usage":null}"#,
            #"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
            #"{"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46}}"#,
            #"{"choices":[{"delta":{"reasoning_content":"think","content":null}}]}"#,
            #"{"choices":[{"index":0,"delta":{"reasoning":"r","tool_calls":[]}}]}"#,
            #"{"choices":[{"index":1,"delta":{"content":"x"}},{"index":0,"delta":{"content":"y"}}]}"#,
            #"{"choices":[{"index":0,"message":{"role":"assistant","content":"whole"},"finish_reason":"stop"}]}"#,
            #"{"choices":null}"#,
        ]
        for json in cases {
            let fast = read(json)
            #expect(fast != nil, "not read: \(json)")
            #expect(fast == tree(json), "\(json)")
        }
    }

    @Test func leavesOtherShapesToTheTree() {
        let cases = [
            #"{"error":{"message":"boom","type":"server_error"}}"#,
            #"{"object":"error","message":"bad"}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"t","function":{"name":"f","arguments":"{}"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"a","content":"b"}}]}"#,
            #"{"choices":[{"index":0.0,"delta":{"content":"a"}}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":5}}]}"#,
            #"{"choices":[{"index":0,"delta":null}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"a"},"message":{"content":"b"}}]}"#,
            #"{"usage":{"prompt_tokens":"3"}}"#,
            #"{"choices":[{"index":0,"delta":{"content":"a"}}]} x"#,
            #"[1]"#,
        ]
        for json in cases { #expect(read(json) == nil, "\(json)") }
    }

    /// Random chunks built from the keys and values servers use, some
    /// malformed: the reader answers only with the tree's answer.
    @Test func agreesWithTheTreeOnRandomChunks() {
        let seed = SplitMix64.seed()
        var rng = SplitMix64(seed: seed)
        var answered = 0
        let rounds = 20_000
        for round in 0..<rounds {
            let json = Self.randomChunk(&rng)
            guard let fast = read(json) else { continue }
            answered += 1
            #expect(fast == tree(json), "seed \(seed) round \(round): \(json)")
        }
        #expect(answered > rounds / 10, "seed \(seed): the reader answered only \(answered) of \(rounds)")
    }

    private static let strings = [#""""#, #""hi""#, #""a\"b""#, #""\u00e9\n""#, #""\ud800""#, #""\ud83d\ude00""#, #""error""#,
                                  #""stop""#, "\"\u{1B}[31m\""]
    private static let scalars = ["null", "0", "1", "-3", "2.5", "1e2", "true", "false", "{}", "[]", #"{"a":[1,{"b":null}]}"#]

    private static func value(_ rng: inout SplitMix64) -> String {
        rng.chance(50) ? rng.pick(strings)! : rng.pick(scalars)!
    }

    private static func object(_ rng: inout SplitMix64, keys: [String], value make: (inout SplitMix64, String) -> String) -> String {
        var members: [String] = []
        for _ in 0..<rng.below(5) {
            let key = rng.pick(keys)!
            members.append("\"\(key)\":" + make(&rng, key))
        }
        return "{" + members.joined(separator: rng.chance(10) ? " , " : ",") + "}"
    }

    static func randomChunk(_ rng: inout SplitMix64) -> String {
        let deltaKeys = ["content", "reasoning_content", "reasoning", "role", "tool_calls", "refusal", "cont\\u0065nt"]
        let choiceKeys = ["index", "delta", "message", "finish_reason", "logprobs"]
        let topKeys = ["id", "object", "created", "model", "choices", "usage", "error", "system_fingerprint"]
        func delta(_ rng: inout SplitMix64) -> String {
            if rng.chance(10) { return value(&rng) }
            return object(&rng, keys: deltaKeys) { rng, key in
                key == "tool_calls" && rng.chance(50) ? rng.pick(["[]", "null", #"[{"index":0,"function":{"arguments":"{"}}]"#])!
                    : value(&rng)
            }
        }
        func choice(_ rng: inout SplitMix64) -> String {
            if rng.chance(10) { return value(&rng) }
            return object(&rng, keys: choiceKeys) { rng, key in
                switch key {
                case "index": return rng.pick(["0", "0", "1", "0.0", "\"0\"", "null"])!
                case "delta", "message": return delta(&rng)
                default: return value(&rng)
                }
            }
        }
        var json = object(&rng, keys: topKeys) { rng, key in
            switch key {
            case "choices":
                if rng.chance(15) { return value(&rng) }
                return "[" + (0..<rng.below(3)).map { _ in choice(&rng) }.joined(separator: ",") + "]"
            case "usage":
                if rng.chance(20) { return value(&rng) }
                return object(&rng, keys: ["prompt_tokens", "completion_tokens", "total_tokens"]) { rng, _ in
                    rng.pick(["1", "25", "-1", "2.0", "\"3\"", "null"])!
                }
            case "object": return rng.pick([#""chat.completion.chunk""#, #""error""#, "1"])!
            default: return value(&rng)
            }
        }
        if rng.chance(5) { json.removeLast(rng.below(min(4, json.count)) + 1) }
        if rng.chance(3) { json += rng.pick([" ", "x", "}", "\n"])! }
        return json
    }
}
