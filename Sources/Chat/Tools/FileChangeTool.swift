import Kernel

/// What preparing a file change gave: a change to review and apply, or a
/// result to return at once (an error, or "nothing to change").
public enum PreparedChange: Sendable {
    /// A change worked out and not yet written.
    case change(FileChange)
    /// No change to make; this is the call's result.
    case result(ToolResult)
}

/// A tool that changes a file in two steps, so the user can review the
/// change before anything is written: ``prepare(arguments:context:)``
/// reads the file, checks every rule and computes the new bytes and the
/// diff; ``FileChange/apply(context:)`` writes them (after checking the file
/// did not change in between), saving a checkpoint first.
public protocol FileChangeTool: Tool {
    /// Works out the change without writing anything. Blocking (reads the
    /// file): call it off the main thread.
    func prepare(arguments: [String: Value], context: ToolContext) -> PreparedChange
}

extension FileChangeTool {
    /// A file tool changes files.
    public var kind: ToolKind { .edit }

    /// Prepares and applies in one go (for callers that need no review).
    public func execute(arguments: [String: Value], context: ToolContext) -> ToolResult {
        switch prepare(arguments: arguments, context: context) {
        case .result(let r): return r
        case .change(let c): return c.apply(context: context)
        }
    }

    /// Parses the JSON arguments (a clear error when they are bad) and prepares.
    public func prepare(json: String, context: ToolContext) -> PreparedChange {
        switch ToolArguments.parse(json, schema: parametersSchema, tool: name) {
        case .success(let arguments): return prepare(arguments: arguments, context: context)
        case .failure(let error): return .result(.failure(error.description))
        }
    }

    /// The `path` argument checked (non-empty, no NUL, not ending in `/`)
    /// and resolved: (as written, canonical target).
    func targetPath(_ arguments: [String: Value], context: ToolContext) -> TargetPath {
        guard let path = arguments["path"]?.string, !path.isEmpty else {
            return .bad(.failure(ToolArgumentError.missing(tool: name, argument: "path").description))
        }
        if path.utf8.contains(0) {
            return .bad(.failure(ToolArgumentError.invalidValue(tool: name, argument: "path",
                                                                 reason: "contains a NUL byte").description))
        }
        if path.hasSuffix("/") { return .bad(.failure("\(name): \(path) is a directory path; give a file path")) }
        return .ok(shown: path, target: FileAccess.canonical(path, cwd: context.cwd))
    }

    /// An existing file to change, read and checked in the order both file
    /// tools need: not too large, text (else `binaryRefusal`), read by the
    /// model and unchanged since, writable.
    func existingText(_ target: String, shown: String, stat: FileStat, context: ToolContext, action: String,
                      binaryRefusal: String) -> ExistingText {
        let bytes: [UInt8]
        switch FileAccess.read(target, shown: shown, maxSize: EditFileTool.maxFileSize) {
        case .failure(let e): return .refused(.failure("\(name): \(e)"))
        case .success(let b): bytes = b
        }
        guard let file = TextFile.decode(bytes) else { return .refused(.failure("\(name): \(shown) \(binaryRefusal)")) }
        if let stale = checkFresh(target, shown: shown, stat: stat, bytes: bytes, context: context, action: action) {
            return .refused(stale)
        }
        if let readOnly = checkWritable(target, shown: shown, stat: stat) { return .refused(readOnly) }
        return .ok(bytes: bytes, file: file)
    }

    /// The stale-file check: the model must have read `path` and it must
    /// not have changed since.
    func checkFresh(_ target: String, shown: String, stat: FileStat, bytes: [UInt8], context: ToolContext,
                    action: String) -> ToolResult? {
        guard let ledger = context.files else { return nil }
        switch ledger.freshness(of: target, stat: stat, bytes: bytes) {
        case .current:
            return nil
        case .unread:
            return .failure("\(name): read \(shown) with read_file before \(action) it")
        case .stale(let mtime):
            return .failure("\(name): \(shown) changed on disk since you last read it (modified \(Self.clock(mtime))); "
                + "read it again before \(action) it")
        }
    }

    /// A refusal when nobody may write the file (no write permission bit,
    /// or the process may not write it).
    func checkWritable(_ target: String, shown: String, stat: FileStat) -> ToolResult? {
        if stat.mode & 0o222 == 0 || access(target, W_OK) != 0 {
            return .failure("\(name): \(shown) is read-only (mode \(String(stat.mode, radix: 8))); nothing was written")
        }
        return nil
    }

    /// `HH:MM:SS` local time of a modification time.
    static func clock(_ nanos: Int64) -> String {
        var t = time_t(nanos / 1_000_000_000)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}

/// An existing text file a tool may change (its bytes and decoded text), or
/// the refusal to send back.
enum ExistingText {
    case ok(bytes: [UInt8], file: TextFile)
    case refused(ToolResult)
}

/// A checked `path` argument: as written and canonical, or the error result.
enum TargetPath {
    case ok(shown: String, target: String)
    case bad(ToolResult)
}

#if canImport(Glibc)
import Glibc
#endif
