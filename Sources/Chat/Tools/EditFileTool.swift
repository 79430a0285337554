import Kernel

/// `edit_file {path, old_string, new_string, replace_all?}`: replaces an
/// exact string in a text file.
///
/// Refused, touching nothing, when: an argument is missing or of the wrong
/// type; the path is a directory, missing, binary or not UTF-8, or larger
/// than ``maxFileSize``; the model has not read the file, or it changed on
/// disk since (``FileLedger``); `old_string` is empty, absent, equal to
/// `new_string`, or occurs more than once without `replace_all`. The file
/// keeps its line endings (CRLF stays CRLF; `old_string` and `new_string`
/// may use either), its final newline (or the lack of one), its BOM and its
/// mode. Needs approval; in `edits` mode it runs without asking inside the
/// project.
public struct EditFileTool: FileChangeTool {
    /// The largest file edited.
    public static let maxFileSize = ReadFileTool.maxFileSize

    /// `edit_file`.
    public let name = "edit_file"
    /// What it does, for the model.
    public let description = """
        Replace an exact string in a text file. old_string must match the file exactly (whitespace and line breaks \
        included) and occur exactly once: include enough surrounding lines to make it unique, or set replace_all to \
        replace every occurrence. Read the file with read_file first; the edit is refused if the file changed since. \
        The file's line endings and final newline are kept.
        """
    /// Edits need approval.
    public let needsApproval = true
    /// `{path: string, old_string: string, new_string: string, replace_all?: boolean}`.
    public let parametersSchema = ToolArguments.objectSchema([
        ("path", "string", "File path, relative to the working directory or absolute"),
        ("old_string", "string", "The exact text to replace"),
        ("new_string", "string", "The text to put in its place"),
        ("replace_all", "boolean", "Replace every occurrence (default false)"),
    ], required: ["path", "old_string", "new_string"])

    /// Creates the tool.
    public init() {}

    /// Checks every rule and computes the edited bytes and the diff.
    public func prepare(arguments: [String: Value], context: ToolContext) -> PreparedChange {
        let shown: String, target: String
        switch targetPath(arguments, context: context) {
        case .bad(let r): return .result(r)
        case .ok(let s, let t): (shown, target) = (s, t)
        }
        guard let old = arguments["old_string"]?.string else {
            return .result(.failure(ToolArgumentError.missing(tool: name, argument: "old_string").description))
        }
        guard let new = arguments["new_string"]?.string else {
            return .result(.failure(ToolArgumentError.missing(tool: name, argument: "new_string").description))
        }
        let replaceAll = arguments["replace_all"] == .bool(true)
        guard let st = FileAccess.status(target) else {
            return .result(.failure("\(name): no such file: \(shown) (use write_file to create it)"))
        }
        let bytes: [UInt8], file: TextFile
        switch existingText(target, shown: shown, stat: st, context: context, action: "editing",
                            binaryRefusal: "is a binary file or not UTF-8 text; edit_file only changes text files") {
        case .refused(let r): return .result(r)
        case .ok(let b, let f): (bytes, file) = (b, f)
        }
        let outcome: EditRules.Outcome
        switch EditRules.replace(in: file.text, old: file.normalize(old), new: file.normalize(new), replaceAll: replaceAll) {
        case .failure(let e): return .result(.failure("\(name): \(shown): \(e)"))
        case .success(let o): outcome = o
        }
        let after = file.encode(outcome.text)
        guard after != bytes else {
            return .result(.failure("\(name): \(shown): the edit changes nothing (the file keeps its final newline "
                + "and line endings); nothing to do"))
        }
        let newText = TextFile.decode(after)?.text ?? outcome.text
        let count = outcome.replacements
        let summary = count == 1 ? "replaced 1 occurrence at line \(outcome.firstLine)"
            : "replaced \(count) occurrences, the first at line \(outcome.firstLine)"
        return .change(FileChange(tool: name, shownPath: shown, path: target, before: bytes, beforeStat: st, after: after,
                                  diff: FileDiff.make(old: file.text, new: newText, path: shown), summary: summary))
    }
}
