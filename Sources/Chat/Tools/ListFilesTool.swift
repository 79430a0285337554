import Foundation
import Kernel

/// `list_files {path?, depth?}`: the entries under a directory, one per
/// line, relative to it, sorted (byte order, depth-first), directories with
/// a trailing `/`.
///
/// `depth` (default 2, 1...10) is how many levels to descend; `.git`,
/// `node_modules` and `.build*` directories are listed but not entered;
/// symbolic links are listed, never followed. At most ``maxEntries`` lines,
/// then a note.
public struct ListFilesTool: Tool {
    /// The most entries listed.
    public static let maxEntries = 1000
    /// Directories listed but never entered.
    static let skipped: Set<String> = [".git", "node_modules"]

    /// `list_files`.
    public let name = "list_files"
    /// What it does.
    public let description = "List files and directories under a path (default: the working directory), recursively to a depth."
    /// Listing needs no approval.
    public let needsApproval = false
    /// `{path?: string, depth?: integer}`.
    public let parametersSchema = ToolArguments.objectSchema([
        ("path", "string", "Directory to list (default: the working directory)"),
        ("depth", "integer", "Levels to descend, 1-10 (default 2)"),
    ], required: [])

    /// Creates the tool.
    public init() {}

    /// Lists the directory (see the type's docs).
    public func execute(arguments: [String: Value], context: ToolContext) -> ToolResult {
        let path = arguments["path"]?.string ?? "."
        let depth: Int
        switch ToolArguments.optionalInt(arguments, "depth", tool: name, range: 1...10) {
        case .success(let d): depth = d ?? 2
        case .failure(let e): return .failure(e.description)
        }
        let root = context.resolve(path)
        switch ToolFiles.kind(root) {
        case .missing: return .failure("\(name): no such directory: \(path)")
        case .file, .other: return .failure("\(name): \(path) is not a directory (use read_file)")
        case .directory: break
        }
        var lines: [String] = []
        var truncated = false
        walk(root, prefix: "", depth: depth, into: &lines, truncated: &truncated)
        if lines.isEmpty { return ToolResult(output: "[\(path) is empty]") }
        var output = lines.joined(separator: "\n")
        if truncated { output += "\n[truncated after \(Self.maxEntries) entries: list a subdirectory or lower the depth]" }
        return ToolResult(output: output)
    }

    private func walk(_ dir: String, prefix: String, depth: Int, into lines: inout [String], truncated: inout Bool) {
        guard depth > 0, !truncated else { return }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        for entry in names {
            guard lines.count < Self.maxEntries else { truncated = true; return }
            let full = dir + "/" + entry
            let isDir = isRealDirectory(full)
            lines.append(prefix + entry + (isDir ? "/" : ""))
            if isDir && !Self.skipped.contains(entry) && !entry.hasPrefix(".build") {
                walk(full, prefix: prefix + entry + "/", depth: depth - 1, into: &lines, truncated: &truncated)
            }
        }
    }

    /// A directory that is not a symbolic link.
    private func isRealDirectory(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0 else { return false }
        return st.st_mode & S_IFMT == S_IFDIR
    }
}
