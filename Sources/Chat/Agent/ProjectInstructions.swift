import Foundation

/// One instructions file added to the system prompt.
public struct InstructionFile: Hashable, Sendable {
    /// Where it was read from.
    public var path: String
    /// Its text (cut at the cap).
    public var text: String
    /// Its size on disk in bytes.
    public var size: Int
    /// True when only the first part was kept.
    public var truncated: Bool
    /// True for the user's own file (`$XDG_CONFIG_HOME/weft/AGENTS.md`).
    public var isUser: Bool
}

/// The `AGENTS.md` files that instruct the model about a project: the
/// user's own (`$XDG_CONFIG_HOME/weft/AGENTS.md`, else
/// `~/.config/weft/AGENTS.md`), then one per directory from the project
/// root down to the working directory, the most specific last. Each file
/// is cut at ``fileCap`` bytes and all of them at ``totalCap``, with a
/// note saying so.
public struct ProjectInstructions: Hashable, Sendable {
    /// The most bytes kept of one file.
    public static let fileCap = 32 * 1024
    /// The most bytes kept of all files together.
    public static let totalCap = 96 * 1024
    /// The file name looked for.
    public static let fileName = "AGENTS.md"

    /// The files loaded, in prompt order (the user's first).
    public var files: [InstructionFile]

    /// Instructions made of `files`.
    public init(files: [InstructionFile]) { self.files = files }

    /// Loads the files for working directory `cwd` in project `root`;
    /// `includeUser: false` (as with `--clean`) skips the user's file.
    public static func load(cwd: String, root: ProjectRoot, environment: [String: String],
                            includeUser: Bool) -> ProjectInstructions {
        var paths: [(String, Bool)] = []
        if includeUser, let user = userFile(environment) { paths.append((user, true)) }
        for dir in directories(from: root.path, to: FileAccess.canonical(cwd, cwd: "/")) {
            paths.append(((dir == "/" ? "" : dir) + "/" + fileName, false))
        }
        var files: [InstructionFile] = []
        var budget = totalCap
        for (path, isUser) in paths {
            guard budget > 0, FileAccess.status(path)?.kind == .file,
                  case .success(let bytes) = FileAccess.read(path, shown: path, maxSize: 16 * 1024 * 1024) else { continue }
            let cap = min(fileCap, budget)
            let kept = bytes.count > cap ? cutAtCharacter(bytes, cap) : bytes
            budget -= kept.count
            files.append(InstructionFile(path: path, text: String(decoding: kept, as: UTF8.self), size: bytes.count,
                                         truncated: kept.count < bytes.count, isUser: isUser))
        }
        return ProjectInstructions(files: files)
    }

    /// `$XDG_CONFIG_HOME/weft/AGENTS.md` (an absolute XDG path), else
    /// `$HOME/.config/weft/AGENTS.md`.
    static func userFile(_ env: [String: String]) -> String? {
        if let xdg = env["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/weft/" + fileName }
        guard let home = env["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/weft/" + fileName
    }

    /// `root`, then each directory below it on the way to `cwd` (only
    /// `cwd` itself when it is not under `root`).
    static func directories(from root: String, to cwd: String) -> [String] {
        let prefix = root == "/" ? "/" : root + "/"
        guard cwd == root || cwd.hasPrefix(prefix) else { return [cwd] }
        var out = [root]
        var dir = root
        for part in cwd.dropFirst(root.count).split(separator: "/") {
            dir = (dir == "/" ? "" : dir) + "/" + part
            out.append(dir)
        }
        return out
    }

    /// The first `cap` bytes, backed up to a character boundary.
    private static func cutAtCharacter(_ bytes: [UInt8], _ cap: Int) -> [UInt8] {
        var end = cap
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(bytes[..<end])
    }

    /// The section added to the system prompt, or "" when no file was loaded.
    public var promptSection: String {
        guard !files.isEmpty else { return "" }
        var out = "# Instructions\n\nThe user and the project give these instructions (AGENTS.md files; "
            + "later files are more specific and take precedence):\n"
        for f in files {
            out += "\n## \(f.isUser ? "The user's instructions" : "Project instructions") (\(f.path))\n\n"
            out += f.text
            if !f.text.hasSuffix("\n") { out += "\n" }
            if f.truncated { out += "[cut: only the first \(f.text.utf8.count) of \(f.size) bytes are shown]\n" }
        }
        return out
    }

    /// One line per file for `/context`: path, size, and whether it was cut.
    public var summaryLines: [String] {
        files.map { f in
            "\(f.path)  \(Self.size(f.size))\(f.truncated ? " (cut to \(Self.size(f.text.utf8.count)))" : "")"
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) B" : "\((bytes + 512) / 1024) KB"
    }
}
