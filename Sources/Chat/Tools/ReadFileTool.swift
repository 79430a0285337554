import Foundation
import Kernel

/// `read_file {path, offset?, limit?}`: a text file's lines.
///
/// `offset` is the 1-based first line (default 1), `limit` the most lines
/// (default all). Output is capped at ``outputCap`` bytes (cut at a line
/// end, with a note saying how to read on). Missing files, directories,
/// binary files (a NUL byte or invalid UTF-8) and files over ``maxFileSize``
/// are clear errors. A file whose lines all end in CRLF is shown with LF
/// (edits keep its CRLF). Every file returned is recorded in the context's
/// ``FileLedger``, so `edit_file` can tell whether it changed since.
public struct ReadFileTool: Tool {
    /// The most bytes of output.
    public static let outputCap = 256 * 1024
    /// The largest file read at all.
    public static let maxFileSize = 64 * 1024 * 1024

    /// `read_file`.
    public let name = "read_file"
    /// What it does.
    public let description = "Read a UTF-8 text file. Optional offset (1-based first line) and limit (number of lines)."
    /// Reading needs no approval.
    public let needsApproval = false
    /// `{path: string, offset?: integer, limit?: integer}`.
    public let parametersSchema = ToolArguments.objectSchema([
        ("path", "string", "File path, relative to the working directory or absolute"),
        ("offset", "integer", "First line to read, 1-based (default 1)"),
        ("limit", "integer", "Most lines to read (default: to the end)"),
    ], required: ["path"])

    /// Creates the tool.
    public init() {}

    /// Reads the file (see the type's docs).
    public func execute(arguments: [String: Value], context: ToolContext) -> ToolResult {
        guard let path = arguments["path"]?.string, !path.isEmpty else {
            return .failure(ToolArgumentError.missing(tool: name, argument: "path").description)
        }
        let offset: Int, limit: Int?
        switch ToolArguments.optionalInt(arguments, "offset", tool: name, range: 1...Int.max) {
        case .success(let o): offset = o ?? 1
        case .failure(let e): return .failure(e.description)
        }
        switch ToolArguments.optionalInt(arguments, "limit", tool: name, range: 1...Int.max) {
        case .success(let l): limit = l
        case .failure(let e): return .failure(e.description)
        }
        let full = context.resolve(path)
        let bytes: [UInt8]
        switch ToolFiles.readBytes(full, displayPath: path, tool: name, maxSize: Self.maxFileSize) {
        case .failure(let error): return .failure(error.description)
        case .success(let b): bytes = b
        }
        guard let file = TextFile.decode(bytes) else { return .failure("\(name): \(path) looks like a binary file") }
        if let ledger = context.files, let st = FileAccess.status(full) {
            ledger.record(FileAccess.canonical(full, cwd: context.cwd),
                          FileStamp(mtimeNanos: st.mtimeNanos, fingerprint: Fingerprint(bytes)))
        }
        return .init(output: select(file.text, offset: offset, limit: limit, path: path))
    }

    private func select(_ text: String, offset: Int, limit: Int?, path: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        let total = lines.count
        guard offset <= max(total, 1) else {
            return "[\(path) has \(total) lines; offset \(offset) is past the end]"
        }
        let start = offset - 1
        let end = limit.map { min(total, start + min($0, total)) } ?? total
        var out = ""
        var bytes = 0
        var line = start
        while line < end {
            let piece = lines[line]
            let size = piece.utf8.count + 1
            if bytes + size > Self.outputCap, line > start {
                out += "[truncated at line \(line) of \(total): read on with offset \(line + 1)]"
                return out
            }
            out += piece
            out += "\n"
            bytes += size
            line += 1
        }
        if end < total { out += "[\(total - end) more lines: read on with offset \(end + 1)]" }
        return out
    }
}

/// File-system helpers shared by the built-in tools.
enum ToolFiles {
    /// What kind of thing is at a path.
    enum Kind { case missing, file, directory, other }

    static func kind(_ path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// A file's bytes, or a user-facing error message.
    static func readBytes(_ full: String, displayPath: String, tool: String, maxSize: Int) -> Result<[UInt8], ToolFileError> {
        switch kind(full) {
        case .missing: return .failure(ToolFileError("\(tool): no such file: \(displayPath)"))
        case .directory: return .failure(ToolFileError("\(tool): \(displayPath) is a directory (use list_files)"))
        case .other: return .failure(ToolFileError("\(tool): \(displayPath) is not a regular file"))
        case .file: break
        }
        if let size = FileAccess.status(full)?.size, size > maxSize {
            return .failure(ToolFileError("\(tool): \(displayPath) is larger than \(maxSize / (1024 * 1024)) MB"))
        }
        switch FileAccess.read(full, shown: displayPath, maxSize: maxSize) {
        case .success(let bytes): return .success(bytes)
        case .failure(let e): return .failure(ToolFileError("\(tool): \(e)"))
        }
    }

    /// UTF-8 text, or nil for binary data (a NUL byte or invalid UTF-8).
    static func decodeText(_ data: Data) -> String? {
        if data.contains(0) { return nil }
        return String(data: data, encoding: .utf8)
    }
}

/// A tool failure message (so `Result` can carry it).
struct ToolFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
