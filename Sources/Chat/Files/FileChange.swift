import Foundation
import Glibc

/// A change a file tool worked out and has not written yet: the file's
/// bytes before (nil when it does not exist), the bytes after, and the
/// diff the user reviews.
public struct FileChange: Hashable, Sendable {
    /// The tool that made it (`edit_file`, `write_file`).
    public var tool: String
    /// The path as the model wrote it (shown to the user).
    public var shownPath: String
    /// The canonical path written (symlinks followed).
    public var path: String
    /// The bytes before, or nil for a new file.
    public var before: [UInt8]?
    /// The file's stat before (nil for a new file).
    public var beforeStat: FileStat?
    /// The bytes to write.
    public var after: [UInt8]
    /// The change, for review.
    public var diff: FileDiff
    /// What the model is told it did, e.g. "replaced 1 occurrence at line 12".
    public var summary: String

    /// Creates a change.
    public init(tool: String, shownPath: String, path: String, before: [UInt8]?, beforeStat: FileStat?,
                after: [UInt8], diff: FileDiff, summary: String) {
        self.tool = tool
        self.shownPath = shownPath
        self.path = path
        self.before = before
        self.beforeStat = beforeStat
        self.after = after
        self.diff = diff
        self.summary = summary
    }

    /// Lines of diff given to the model with the result.
    public static let resultDiffLines = 120

    /// Writes the change: checks the file is still what it was when the
    /// change was prepared (the user may have taken a while to approve),
    /// creates missing parent directories, saves a checkpoint of the old
    /// bytes, writes the new ones atomically (keeping the mode) and
    /// records the new content as seen by the model. Any failure leaves
    /// the file as it was and says so.
    public func apply(context: ToolContext, writer: AtomicWriter = AtomicWriter()) -> ToolResult {
        if let problem = changedSincePrepared() { return .failure("\(tool): \(problem); nothing was written") }
        let created: [String]
        switch makeParents() {
        case .failure(let message): return .failure("\(tool): \(message); nothing was written")
        case .success(let dirs): created = dirs
        }
        var checkpoint: Int?
        if let store = context.checkpoints {
            do {
                checkpoint = try store.record(turn: context.turn, path: path, before: before, mode: beforeStat?.mode,
                                              after: Fingerprint(after), createdDirectories: created, tool: tool)
            } catch {
                removeDirectories(created)
                return .failure("\(tool): could not save a checkpoint of \(shownPath) (\(error)); nothing was written")
            }
        }
        do {
            try writer.write(after, to: path, mode: beforeStat?.mode, owner: beforeStat.map { ($0.uid, $0.gid) })
        } catch {
            if let id = checkpoint { context.checkpoints?.cancel(id) }
            removeDirectories(created)
            return .failure("\(tool): \(error.description.replacingPath(path, with: shownPath))")
        }
        if let st = FileAccess.status(path) {
            context.files?.record(path, FileStamp(mtimeNanos: st.mtimeNanos, fingerprint: Fingerprint(after)))
        }
        return ToolResult(output: resultText(), diff: diff.unified)
    }

    /// What the model gets back: the summary, then (for changes to an
    /// existing file) the diff, cut at ``resultDiffLines`` lines.
    func resultText() -> String {
        let counts = "+\(diff.added) -\(diff.removed) lines"
        guard before != nil else { return "Created \(shownPath) (\(summary))." }
        var text = "Changed \(shownPath): \(summary) (\(counts))."
        let lines = diff.unified.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        if !lines.isEmpty {
            text += "\n" + lines.prefix(Self.resultDiffLines).joined(separator: "\n")
            if lines.count > Self.resultDiffLines {
                text += "\n[diff cut: \(lines.count - Self.resultDiffLines) more lines]"
            }
        }
        return text
    }

    /// Why the file on disk is no longer what the change was made from, or nil.
    func changedSincePrepared() -> String? {
        let now = FileAccess.status(path)
        switch (before, now) {
        case (nil, nil): return nil
        case (nil, .some): return "\(shownPath) was created by someone else in the meantime"
        case (.some, nil): return "\(shownPath) was deleted in the meantime"
        case (.some(let bytes), .some(let st)):
            if st.kind != .file { return "\(shownPath) is no longer a regular file" }
            if let was = beforeStat, was.mtimeNanos == st.mtimeNanos && was.size == st.size { return nil }
            guard case .success(let current) = FileAccess.read(path, shown: shownPath, maxSize: bytes.count + 1),
                  current == bytes else {
                return "\(shownPath) changed on disk while the change waited for approval"
            }
            return nil
        }
    }

    /// Creates the missing parent directories; the ones made, outermost first.
    private func makeParents() -> Result<[String], FileAccessError> {
        var made: [String] = []
        for dir in FileAccess.missingParents(of: path) {
            if mkdir(dir, 0o777) != 0 && errno != EEXIST {
                let reason = WriteFailure.reason(errno)
                removeDirectories(made)
                return .failure(FileAccessError("cannot create directory \(dir): \(reason)"))
            }
            made.append(dir)
        }
        return .success(made)
    }

    /// Removes directories this change created (innermost first), if empty.
    private func removeDirectories(_ dirs: [String]) {
        for dir in dirs.reversed() { rmdir(dir) }
    }
}

extension String {
    /// The text with `path` replaced by `shown` (messages name the file as
    /// the model wrote it).
    func replacingPath(_ path: String, with shown: String) -> String {
        guard path != shown, !path.isEmpty else { return self }
        return components(separatedBy: path).joined(separator: shown)
    }
}
