import Kernel

/// From buffer rows back to the chat: which message a row shows, and a
/// message's source text (what `Y` in the transcript copies).
extension TranscriptProjector {
    /// The index of the last message with `role` (searched from the end).
    public func lastMessage(role: ChatRole) -> Int? {
        stored.lastIndex { $0.role == role }
    }

    /// The index of the message whose lines include buffer row `row`.
    public func messageIndex(atRow row: Int) -> Int? {
        entryIndex(containing: row).map { entries[$0].message }
    }

    /// The buffer rows of message `index` (its blank separator excluded).
    public func lineRange(ofMessage index: Int) -> Range<Int>? {
        guard index >= 0, index < firstEntry.count else { return nil }
        let first = firstEntry[index]
        let last = index + 1 < firstEntry.count ? firstEntry[index + 1] : entries.count
        guard first < last, first < entries.count else { return nil }
        let start = entries[first].start + (first > 0 && entries[first].lines.first == .blank ? 1 : 0)
        return start..<entries[last - 1].end
    }

    /// The source of message `index`: its text blocks as written (the
    /// markdown of a reply, the text a user typed) joined by a blank line;
    /// a message without text (a tool call, a notice) gives its lines as
    /// shown.
    public func sourceText(ofMessage index: Int) -> String {
        guard stored.indices.contains(index) else { return "" }
        let texts = stored[index].blocks.indices.compactMap { b -> String? in
            switch block(message: index, block: b) {
            case .userText(let t), .assistantText(let t): return t
            default: return nil
            }
        }
        if !texts.isEmpty { return texts.joined(separator: "\n\n") }
        guard let rows = lineRange(ofMessage: index), let lines = try? buffer.getLines(rows.lowerBound, rows.upperBound) else {
            return ""
        }
        return lines.joined(separator: "\n")
    }
}
