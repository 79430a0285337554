import Kernel

// Edits to the chat model, each reported to the transcript view.
extension ChatController {
    func append(_ m: ChatMessage) {
        messages.append(m)
        onTranscript?(.appendedMessage)
    }

    func appendBlock(_ b: ChatBlock) {
        guard !messages.isEmpty else { return }
        messages[messages.count - 1].blocks.append(b)
        onTranscript?(.appendedBlock)
    }

    func replaceLast(_ m: ChatMessage, appended: Bool) {
        guard !messages.isEmpty else { return }
        messages[messages.count - 1] = m
        onTranscript?(appended ? .appendedBlock : .updatedLastBlock)
    }

    /// Appends streamed text to the last block when it is of the same kind
    /// (in place: the reply is not copied), else starts a new block.
    func appendDelta(_ text: String, thinking: Bool) {
        let m = messages.count - 1
        guard m >= 0, messages[m].role == .assistant else { return }
        if let b = messages[m].blocks.indices.last, messages[m].blocks[b].append(text, thinking: thinking) {
            onTranscript?(.grewLastBlock)
        } else {
            appendBlock(thinking ? .thinking(text, collapsed: true) : .assistantText(text))
        }
    }

    /// Replaces the tool-call block with this id in the last message.
    func updateToolBlock(_ call: ToolCall) {
        guard var last = messages.last else { return }
        for (i, b) in last.blocks.enumerated() {
            if case .toolCall(let c) = b, c.id == call.id {
                last.blocks[i] = .toolCall(call)
                messages[messages.count - 1] = last
                onTranscript?(i == last.blocks.count - 1 ? .updatedLastBlock : .updatedBlock(i))
                return
            }
        }
    }
}
