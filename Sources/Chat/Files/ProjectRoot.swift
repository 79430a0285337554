/// The project a session works in: the git repository around the working
/// directory (the nearest ancestor with a `.git` entry), else the working
/// directory itself. File tools may change files inside it without asking
/// in `edits` mode; anything outside it (or inside `.git`) always asks.
public struct ProjectRoot: Hashable, Sendable {
    /// The canonical root directory.
    public let path: String

    /// A root at `path` (made canonical).
    public init(path: String) {
        self.path = FileAccess.canonical(path, cwd: "/")
    }

    /// The root for working directory `cwd`: its git repository's top
    /// directory, else `cwd`.
    public static func find(from cwd: String) -> ProjectRoot {
        let start = FileAccess.canonical(cwd, cwd: "/")
        var dir = start
        while true {
            if FileAccess.status(dir == "/" ? "/.git" : dir + "/.git") != nil { return ProjectRoot(path: dir) }
            guard dir != "/" else { return ProjectRoot(path: start) }
            dir = AtomicWriter.split(dir).0
        }
    }

    /// Whether canonical path `canonicalPath` is inside the project and not
    /// inside its `.git` directory.
    public func contains(_ canonicalPath: String) -> Bool {
        let prefix = path == "/" ? "/" : path + "/"
        guard canonicalPath.hasPrefix(prefix) else { return false }
        let rest = canonicalPath.dropFirst(prefix.count)
        return !(rest == ".git" || rest.hasPrefix(".git/"))
    }
}
