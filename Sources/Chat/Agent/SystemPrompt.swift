/// The system prompt weft sends: who the model is and where it works, the
/// permission mode, and the `AGENTS.md` instructions.
public enum SystemPrompt {
    /// The prompt for a session in `cwd` (project `root`) in `mode`, with
    /// `instructions`, and `extra` text (e.g. set from Lua) at the end.
    public static func make(cwd: String, root: ProjectRoot, mode: PermissionMode,
                            instructions: ProjectInstructions, extra: String? = nil) -> String {
        var parts = ["""
            You are a coding agent working in a terminal with the user. The working directory is \(cwd)\
            \(root.path == cwd ? "" : " (project root: \(root.path))"). Use the tools to read, search and change files \
            and to run commands. Read a file before you change it. Prefer edit_file for changes to part of a file and \
            write_file for new files. Keep replies short and concrete.
            """, mode.instruction]
        let section = instructions.promptSection
        if !section.isEmpty { parts.append(section) }
        if let extra, !extra.isEmpty { parts.append(extra) }
        return parts.joined(separator: "\n\n")
    }
}
