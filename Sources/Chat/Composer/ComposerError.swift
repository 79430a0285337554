/// Errors of the composer's file work: the history file and the external
/// editor. Editing errors are `KernelError`s from the buffer.
public enum ComposerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The history file could not be written (path and the system's reason).
    case historyFile(path: String, reason: String)
    /// The external editor's temporary file could not be written or read.
    case editorFile(path: String, reason: String)
    /// `$VISUAL`/`$EDITOR` exited with an error or could not start.
    case editorFailed

    /// A message a user can act on.
    public var description: String {
        switch self {
        case .historyFile(let path, let reason):
            return "cannot write the history file \(path): \(reason)"
        case .editorFile(let path, let reason):
            return "cannot use the temporary file \(path) for the external editor: \(reason)"
        case .editorFailed:
            return "the editor exited with an error; the message was not changed"
        }
    }
}
