import Foundation
import Kernel

/// `grep {pattern, path?, literal?}`: lines matching a regular expression
/// (NSRegularExpression syntax; `literal: true` for a plain substring) in a
/// file or, recursively, a directory. Output lines are `file:line:text`
/// with `file` relative to the working directory, files in sorted order.
///
/// Skips binary files, files over ``maxFileSize``, and the same directories
/// as ``ListFilesTool``; stops after ``maxMatches`` matches or
/// ``maxFiles`` files, with a note; long lines are cut to
/// ``maxLineLength`` characters.
public struct GrepTool: Tool {
    /// The most matches reported.
    public static let maxMatches = 200
    /// The most files searched.
    public static let maxFiles = 5000
    /// Larger files are skipped.
    public static let maxFileSize = 2 * 1024 * 1024
    /// Matched lines are cut to this many characters.
    public static let maxLineLength = 300

    /// `grep`.
    public let name = "grep"
    /// What it does.
    public let description = "Search files for a regular expression (or a literal string); prints file:line:text."
    /// Searching needs no approval.
    public let needsApproval = false
    /// `{pattern: string, path?: string, literal?: boolean}`.
    public let parametersSchema = ToolArguments.objectSchema([
        ("pattern", "string", "Regular expression to search for"),
        ("path", "string", "File or directory to search (default: the working directory)"),
        ("literal", "boolean", "Treat the pattern as a plain substring (default false)"),
    ], required: ["pattern"])

    /// Creates the tool.
    public init() {}

    /// Searches (see the type's docs).
    public func execute(arguments: [String: Value], context: ToolContext) -> ToolResult {
        guard let pattern = arguments["pattern"]?.string, !pattern.isEmpty else {
            return .failure(ToolArgumentError.invalidValue(tool: name, argument: "pattern", reason: "must not be empty").description)
        }
        let literal = arguments["literal"] == .bool(true)
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: literal ? NSRegularExpression.escapedPattern(for: pattern) : pattern)
        } catch {
            return .failure("\(name): invalid regular expression: \(pattern) (pass literal: true for a plain string)")
        }
        let path = arguments["path"]?.string ?? "."
        let root = context.resolve(path)
        var files: [String] = []
        switch ToolFiles.kind(root) {
        case .missing: return .failure("\(name): no such file or directory: \(path)")
        case .file: files = [root]
        case .directory: collect(root, into: &files)
        case .other: return .failure("\(name): \(path) is not a file or directory")
        }
        return search(files, regex: regex, cwd: context.cwd)
    }

    private func search(_ files: [String], regex: NSRegularExpression, cwd: String) -> ToolResult {
        var out: [String] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file), data.count <= Self.maxFileSize,
                  let text = ToolFiles.decodeText(data) else { continue }
            var number = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                number += 1
                let s = String(line)
                guard regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil else { continue }
                guard out.count < Self.maxMatches else {
                    out.append("[stopped after \(Self.maxMatches) matches: narrow the pattern or path]")
                    return ToolResult(output: out.joined(separator: "\n"))
                }
                let shown = s.count > Self.maxLineLength ? String(s.prefix(Self.maxLineLength)) + "…" : s
                out.append("\(relative(file, to: cwd)):\(number):\(shown)")
            }
        }
        if files.count >= Self.maxFiles { out.append("[searched only the first \(Self.maxFiles) files]") }
        return ToolResult(output: out.isEmpty ? "[no matches]" : out.joined(separator: "\n"))
    }

    private func collect(_ dir: String, into files: inout [String]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        for entry in names {
            guard files.count < Self.maxFiles else { return }
            let full = dir + "/" + entry
            var st = stat()
            guard lstat(full, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFREG: files.append(full)
            case S_IFDIR where !ListFilesTool.skipped.contains(entry) && !entry.hasPrefix(".build"):
                collect(full, into: &files)
            default: continue
            }
        }
    }

    private func relative(_ file: String, to cwd: String) -> String {
        let base = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return file.hasPrefix(base) ? String(file.dropFirst(base.count)) : file
    }
}
