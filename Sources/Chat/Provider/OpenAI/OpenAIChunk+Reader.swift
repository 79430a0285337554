import Kernel

/// The chunk decoder of the stream: the shapes servers stream text in,
/// read field by field from the bytes (``JSONReader``) instead of through
/// a ``Value`` tree (three hashed dictionaries a chunk). Anything else (an
/// error object, tool calls, a repeated key, a value of an unexpected type,
/// malformed JSON) is left to ``OpenAIChunk/from(_:)`` over the decoded
/// tree, so the result is always the one the tree gives; a test compares
/// the two on random chunks.
extension OpenAIChunk {
    /// The chunk in `data`, or nil when its shape is not one this reader
    /// handles (the caller decodes the tree instead).
    static func read(utf8 data: UnsafeRawBufferPointer) -> OpenAIChunk? {
        var reader = JSONReader(utf8: data, surrogates: .replace)
        var chunk = OpenAIChunk()
        var handled = true
        do {
            guard reader.peek == .object else { return nil }
            var seen = KeysSeen()
            try reader.readObject { reader, key in
                guard handled else { return }
                switch key {
                case "choices":
                    handled = seen.first(0) ? try readChoices(&reader, into: &chunk) : false
                case "usage":
                    handled = seen.first(1) ? try readUsage(&reader, into: &chunk) : false
                case "object":
                    // vLLM's error: `{"object": "error", ...}`.
                    handled = seen.first(2) && reader.peek == .string ? try reader.readString() != "error" : false
                case "error":
                    handled = false
                default:
                    try reader.skipValue(depth: 1)
                }
            }
            try reader.finish()
        } catch {
            return nil
        }
        return handled ? chunk : nil
    }

    /// Which of a few keys an object has shown (a repeated one is left to
    /// the tree reader, where the last one wins).
    private struct KeysSeen {
        private var bits: UInt8 = 0
        /// True the first time `key` (a small number) is seen.
        mutating func first(_ key: Int) -> Bool {
            defer { bits |= 1 << key }
            return !saw(key)
        }

        /// Whether `key` was seen.
        func saw(_ key: Int) -> Bool { bits & (1 << key) != 0 }
    }

    /// `choices`: null, or an array whose first element with index 0 (a
    /// missing index is 0) is the choice read. False (the value left
    /// unread) for other shapes.
    private static func readChoices(_ reader: inout JSONReader, into chunk: inout OpenAIChunk) throws -> Bool {
        if reader.peek == .null { try reader.skipValue(depth: 1); return true }
        guard reader.peek == .array else { return false }
        var handled = true
        var found = false
        try reader.readArray(depth: 1) { reader in
            guard handled else { return }
            guard !found else { return try reader.skipValue(depth: 2) }
            guard reader.peek == .object else { handled = false; return }
            var choice = OpenAIChunk()
            var index = 0
            var seen = KeysSeen()
            try reader.readObject(depth: 2) { reader, key in
                guard handled else { return }
                switch key {
                case "index":
                    guard seen.first(0), reader.peek == .number, case .int(let n) = try reader.readValue(depth: 3) else {
                        handled = false; return
                    }
                    index = n
                case "finish_reason":
                    guard seen.first(1), let reason = try readOptionalString(&reader) else { handled = false; return }
                    choice.finishReason = reason
                case "delta", "message":
                    // Both a delta and a whole message: the tree reader takes the delta.
                    let slot = key == "delta" ? 2 : 3
                    let other = slot == 2 ? 3 : 2
                    let first = !seen.saw(other) && seen.first(slot)
                    handled = first ? try readDelta(&reader, into: &choice) : false
                default:
                    try reader.skipValue(depth: 3)
                }
            }
            guard handled, index == 0 else { return }
            found = true
            chunk.finishReason = choice.finishReason
            chunk.content = choice.content
            chunk.reasoning = choice.reasoning
        }
        return handled
    }

    /// `delta` (or `message`): an object with text, reasoning and other keys
    /// (a role, a refusal). Tool calls are left to the tree reader.
    private static func readDelta(_ reader: inout JSONReader, into choice: inout OpenAIChunk) throws -> Bool {
        guard reader.peek == .object else { return false }
        var handled = true
        var seen = KeysSeen()
        var reasoningContent: String?
        var reasoning: String?
        try reader.readObject(depth: 3) { reader, key in
            guard handled else { return }
            switch key {
            case "content", "reasoning_content", "reasoning":
                let slot = key == "content" ? 0 : key == "reasoning" ? 1 : 2
                guard seen.first(slot), let text = try readOptionalString(&reader) else { handled = false; return }
                switch slot {
                case 0: choice.content = text
                case 1: reasoning = text
                default: reasoningContent = text
                }
            case "tool_calls":
                // `null` or `[]` carry no call; anything else is read by the tree reader.
                handled = seen.first(3) ? try readNoToolCalls(&reader) : false
            default:
                try reader.skipValue(depth: 4)
            }
        }
        choice.reasoning = reasoningContent ?? reasoning
        return handled
    }

    /// True (the value read) for `null` and `[]`.
    private static func readNoToolCalls(_ reader: inout JSONReader) throws -> Bool {
        switch reader.peek {
        case .null:
            try reader.skipValue(depth: 4)
            return true
        case .array:
            var empty = true
            try reader.readArray(depth: 4) { reader in
                empty = false
                try reader.skipValue(depth: 5)
            }
            return empty
        default:
            return false
        }
    }

    /// `usage`: null, or an object whose token counts are integers.
    private static func readUsage(_ reader: inout JSONReader, into chunk: inout OpenAIChunk) throws -> Bool {
        if reader.peek == .null { try reader.skipValue(depth: 1); return true }
        guard reader.peek == .object else { return false }
        var handled = true
        var seen = KeysSeen()
        var usage = OpenAIUsage(input: 0, output: 0)
        try reader.readObject(depth: 1) { reader, key in
            guard handled else { return }
            switch key {
            case "prompt_tokens", "completion_tokens":
                let input = key == "prompt_tokens"
                guard seen.first(input ? 0 : 1), reader.peek == .number,
                      case .int(let n) = try reader.readValue(depth: 2) else { handled = false; return }
                if input { usage.input = n } else { usage.output = n }
            default:
                try reader.skipValue(depth: 2)
            }
        }
        chunk.usage = usage
        return handled
    }

    /// A string, or null (`.some(nil)`); nil for any other value (which is
    /// then left unread: the caller gives up on the chunk).
    private static func readOptionalString(_ reader: inout JSONReader) throws -> String?? {
        switch reader.peek {
        case .string: return .some(try reader.readString())
        case .null: try reader.skipValue(depth: 0); return .some(nil)
        default: return nil
        }
    }
}
