import Kernel

// What inline mode (`weft --inline`) needs from the chat: which transcript
// lines are final (they go to the terminal's scrollback once) and when the
// transcript was replaced.
extension ChatUI {
    /// Transcript lines that will not change any more: all of them while
    /// idle; while a reply is produced, those up to the last message the
    /// user sent (the reply, its tool calls and approvals stay live).
    public var finishedTranscriptLines: Int {
        let all = projector.lineCount
        guard controller.isBusy, let user = projector.lastMessage(role: .user),
              user + 1 < projector.messageCount,
              let live = projector.lineRange(ofMessage: user + 1) else { return all }
        // The blank line that separates the live reply stays with it.
        return max(0, live.lowerBound - 1)
    }

    /// Changes whenever the transcript is replaced (`/new`, a session
    /// loaded), so inline mode starts writing it from its first line.
    public var transcriptGeneration: Int { textOut.generation }
}
