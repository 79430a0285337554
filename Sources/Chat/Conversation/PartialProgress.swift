import Kernel

/// How much of a streaming assistant reply the session file already holds,
/// so the next snapshot writes only what the reply gained since (a
/// `partial_append` record) instead of the whole reply again.
///
/// Only sizes are kept, never the text: a second reference to the reply's
/// strings would make every streamed delta copy them. The reply grows only
/// at its end while it streams (deltas append to the last block, new blocks
/// are appended), so a reply whose text and thinking are no shorter, with
/// the same tool calls, signed thinking and no error, is the old one plus a
/// suffix. Anything else (another request or message, an error, a new tool
/// call) takes a full `partial`.
struct PartialProgress: Equatable {
    /// The request that streams the reply.
    var request: ObjectIdentifier
    /// The reply's index in the transcript.
    var message: Int
    /// UTF-8 bytes of the reply's text (its text blocks joined).
    var textBytes: Int
    /// UTF-8 bytes of the reply's thinking (its thinking blocks joined).
    var thinkingBytes: Int
    /// Tool-call blocks in the reply.
    var toolCalls: Int
    /// Signed or redacted thinking parts of the reply.
    var signedThinking: Int

    /// The sizes of `m`, the reply at `message` streamed by `request`; nil
    /// when it holds an error (its record's text is then not the joined text).
    init?(_ m: ChatMessage, message: Int, request: ObjectIdentifier) {
        var text = 0, thinking = 0, calls = 0
        for b in m.blocks {
            switch b {
            case .assistantText(let t): text += t.utf8.count
            case .thinking(let t, _): thinking += t.utf8.count
            case .toolCall: calls += 1
            case .error: return nil
            default: break
            }
        }
        self.request = request
        self.message = message
        textBytes = text
        thinkingBytes = thinking
        toolCalls = calls
        signedThinking = m.signedThinking.count
    }

    /// True when a reply with sizes `now` is this one plus appended text or
    /// thinking.
    func isExtended(by now: PartialProgress) -> Bool {
        now.request == request && now.message == message && now.toolCalls == toolCalls
            && now.signedThinking == signedThinking && now.textBytes >= textBytes && now.thinkingBytes >= thinkingBytes
    }

    /// The `partial_append` record taking the file from this snapshot to
    /// `m` (sizes `now`): the text and thinking past the bytes already
    /// written, read from the end of the reply's blocks.
    func appendRecord(_ m: ChatMessage, now: PartialProgress) -> SessionRecord {
        let text = Self.tail(of: m, bytes: now.textBytes - textBytes, thinking: false)
        let thinking = Self.tail(of: m, bytes: now.thinkingBytes - thinkingBytes, thinking: true)
        return SessionRecord(kind: .partialAppend, role: .assistant, text: text,
                             thinking: thinking.isEmpty ? nil : thinking)
    }

    /// The last `bytes` UTF-8 bytes of the joined text (or thinking) blocks
    /// of `m`, walking back from the last block: O(blocks + bytes).
    static func tail(of m: ChatMessage, bytes: Int, thinking: Bool) -> String {
        guard bytes > 0 else { return "" }
        var parts: [Substring.UTF8View] = []
        var left = bytes
        for b in m.blocks.reversed() where left > 0 {
            let t: String
            switch b {
            case .assistantText(let s) where !thinking: t = s
            case .thinking(let s, _) where thinking: t = s
            default: continue
            }
            let n = min(left, t.utf8.count)
            parts.append(t.utf8.suffix(n))
            left -= n
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes)
        for p in parts.reversed() { out.append(contentsOf: p) }
        return String(decoding: out, as: UTF8.self)
    }
}
