/// What a tool does, as the permission modes see it (see
/// ``PermissionPolicy``).
public enum ToolKind: String, Hashable, Sendable, CaseIterable {
    /// Reads only (`read_file`, `list_files`, `grep`): runs in every mode.
    case read
    /// Changes files (`edit_file`, `write_file`): runs without asking in
    /// `edits` mode when every path is inside the project.
    case edit
    /// Runs commands (`run_command`).
    case command
    /// Anything else that needs approval (tools from Lua or plugins).
    case other
}
