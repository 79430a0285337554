/// Errors of the chat UI's own actions.
enum ChatUIError: Error, CustomStringConvertible {
    /// `$VISUAL`/`$EDITOR` exited with an error or could not start.
    case editorFailed

    var description: String {
        switch self {
        case .editorFailed: return "the editor exited with an error; the message was not changed"
        }
    }
}
