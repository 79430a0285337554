import Chat
import Foundation
@testable import Kernel

/// The seeded generator of the OpenAI decoder tests (seed printed on failure).
typealias OpenAIRandom = SplitMix64

/// The seed from `WEFT_SEED`, or one from the clock.
func openAISeed() -> UInt64 { SplitMix64.seed() }

/// The fake server script, found from this file's path.
let fakeServerScript: String = {
    let here = URL(fileURLWithPath: #filePath)
    return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fake_openai_server.py").path
}()

/// The exact SSE body bytes the fake server sends for `name`
/// (`fake_openai_server.py --dump NAME`).
func fakeCaseBytes(_ name: String) throws -> [UInt8] {
    let (status, output) = try ChildProcess(["python3", fakeServerScript, "--dump", name]).finish()
    guard status == 0, !output.isEmpty else {
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "dump \(name) failed"])
    }
    return output
}

/// What a stream amounted to: concatenated text and thinking, tool calls,
/// usage, the terminal event, and the order of event kinds (runs of one
/// kind collapsed), so that different chunkings compare equal.
struct StreamOutcome: Equatable, CustomStringConvertible {
    var text = ""
    var thinking = ""
    var calls: [ToolCallRequest] = []
    var usage: [Int]?
    var finish: String?
    var error: String?
    var kinds: [String] = []

    init(_ events: [ProviderEvent]) {
        for e in events {
            let kind: String
            switch e {
            case .textDelta(let t): text += t; kind = "text"
            case .thinkingDelta(let t): thinking += t; kind = "thinking"
            case .toolCall(let id, let name, let args):
                calls.append(ToolCallRequest(id: id, name: name, arguments: args)); kind = "tool"
            case .usage(let i, let o): usage = [i, o]; kind = "usage"
            case .finish(let r): finish = r; kind = "finish"
            case .error(let m): error = m; kind = "error"
            case .signedThinking, .cacheUsage: continue  // the OpenAI wire has neither
            }
            if kinds.last != kind || kind == "tool" { kinds.append(kind) }
        }
    }

    var description: String {
        "text=\(text.debugDescription) thinking=\(thinking.debugDescription) calls=\(calls) usage=\(String(describing: usage)) finish=\(String(describing: finish)) error=\(String(describing: error)) kinds=\(kinds)"
    }
}

/// Runs a fresh parser over `pieces`, then finishes it.
/// Adjacent deltas are merged as the chat controller's inbox merges them.
func parse(pieces: [[UInt8]], apiKey: String? = nil) -> [ProviderEvent] {
    var p = OpenAIStreamParser(apiKey: apiKey)
    var events: [ProviderEvent] = []
    for piece in pieces {
        for e in p.feed(piece) { ProviderEvent.append(e, to: &events) }
    }
    for e in p.finish() { ProviderEvent.append(e, to: &events) }
    return events
}

/// `bytes` split at `cuts` (sorted, in range).
func split(_ bytes: [UInt8], at cuts: [Int]) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var start = 0
    for c in cuts where c > start && c < bytes.count {
        out.append(Array(bytes[start..<c]))
        start = c
    }
    out.append(Array(bytes[start...]))
    return out
}
