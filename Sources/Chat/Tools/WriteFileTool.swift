import Kernel

/// `write_file {path, content}`: creates a file, or replaces the content
/// of one, creating missing parent directories.
///
/// Replacing an existing file needs the model to have read it, unchanged
/// since (as for ``EditFileTool``); binary files are not overwritten. A
/// replaced file keeps its mode, its line endings (the content's `\n`
/// become `\r\n` in a CRLF file), its final newline (or the lack of one)
/// and its BOM. A new file gets the content as given, with the usual
/// permissions (`0666` less the umask). Needs approval.
public struct WriteFileTool: FileChangeTool {
    /// The largest content written.
    public static let maxContentSize = 16 * 1024 * 1024

    /// `write_file`.
    public let name = "write_file"
    /// What it does, for the model.
    public let description = """
        Create a file with the given content, or replace the whole content of an existing file (read it with \
        read_file first). Missing parent directories are created. Prefer edit_file for changes to part of a file.
        """
    /// Writes need approval.
    public let needsApproval = true
    /// `{path: string, content: string}`.
    public let parametersSchema = ToolArguments.objectSchema([
        ("path", "string", "File path, relative to the working directory or absolute"),
        ("content", "string", "The complete new content of the file"),
    ], required: ["path", "content"])

    /// Creates the tool.
    public init() {}

    /// Checks the rules and computes the bytes to write and the diff.
    public func prepare(arguments: [String: Value], context: ToolContext) -> PreparedChange {
        let shown: String, target: String
        switch targetPath(arguments, context: context) {
        case .bad(let r): return .result(r)
        case .ok(let s, let t): (shown, target) = (s, t)
        }
        guard let content = arguments["content"]?.string else {
            return .result(.failure(ToolArgumentError.missing(tool: name, argument: "content").description))
        }
        if content.utf8.count > Self.maxContentSize {
            return .result(.failure("\(name): content is \(content.utf8.count / (1024 * 1024)) MB; the limit is "
                + "\(Self.maxContentSize / (1024 * 1024)) MB"))
        }
        guard let st = FileAccess.status(target) else { return create(shown, target, content) }
        switch st.kind {
        case .directory: return .result(.failure("\(name): \(shown) is a directory"))
        case .other: return .result(.failure("\(name): \(shown) is not a regular file"))
        case .file: break
        }
        let bytes: [UInt8], file: TextFile
        switch existingText(target, shown: shown, stat: st, context: context, action: "overwriting",
                            binaryRefusal: "is a binary file or not UTF-8 text; write_file does not overwrite it") {
        case .refused(let r): return .result(r)
        case .ok(let b, let f): (bytes, file) = (b, f)
        }
        let after = file.encode(content)
        guard after != bytes else {
            return .result(ToolResult(output: "\(shown) already has this content; nothing was written."))
        }
        let newText = TextFile.decode(after)?.text ?? content
        let lines = FileDiff.splitForDiff(newText).lines.count
        return .change(FileChange(tool: name, shownPath: shown, path: target, before: bytes, beforeStat: st, after: after,
                                  diff: FileDiff.make(old: file.text, new: newText, path: shown),
                                  summary: "rewrote it, \(lines) line\(lines == 1 ? "" : "s")"))
    }

    private func create(_ shown: String, _ target: String, _ content: String) -> PreparedChange {
        let lines = FileDiff.splitForDiff(content).lines.count
        return .change(FileChange(tool: name, shownPath: shown, path: target, before: nil, beforeStat: nil,
                                  after: Array(content.utf8), diff: FileDiff.make(old: nil, new: content, path: shown),
                                  summary: "\(lines) line\(lines == 1 ? "" : "s")"))
    }
}
