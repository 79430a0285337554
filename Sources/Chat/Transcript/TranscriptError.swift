/// Errors of `TranscriptProjector` (buffer errors are thrown as
/// `KernelError`).
public enum TranscriptError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A block was added or updated while the transcript has no message.
    case noMessage
    /// `updateLastBlock` was called on a message without blocks.
    case noBlock
    /// No block at this message and block index.
    case blockOutOfRange(message: Int, block: Int)

    /// A message a user or developer can act on.
    public var description: String {
        switch self {
        case .noMessage: return "the transcript has no message yet; append a message first"
        case .noBlock: return "the last message has no block to update; append a block first"
        case .blockOutOfRange(let m, let b): return "no block \(b) in message \(m)"
        }
    }
}
