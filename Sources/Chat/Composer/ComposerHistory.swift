import Foundation
import Kernel

/// Submitted messages, oldest first, optionally persisted to a file of one
/// JSON string per line (e.g. `$XDG_STATE_HOME/weft/history.jsonl`).
///
/// Loading tolerates a missing file and skips lines that are not a JSON
/// string (counted in ``skippedLines``). Adding skips an entry equal to the
/// newest one and entries over ``maxEntryBytes`` (a huge paste stays out of
/// the history), keeps at most ``limit`` entries in memory, and appends one
/// line to the file; the file is rewritten with just the kept entries once
/// it holds twice the limit or had corrupt lines.
///
/// ```swift
/// let history = ComposerHistory(path: stateDir + "/weft/history.jsonl")
/// try history.add("explain this function")
/// ```
public final class ComposerHistory {
    /// The file, or nil for an in-memory history.
    public let path: String?
    /// The most entries kept.
    public let limit: Int
    /// The largest entry (in UTF-8 bytes) recorded; larger ones are skipped.
    public var maxEntryBytes = 100_000
    /// The entries, oldest first.
    public private(set) var entries: [String] = []
    /// Lines of the file that were not a JSON string when it was loaded.
    public private(set) var skippedLines = 0
    /// The number of lines the file holds (known after loading or writing).
    private var fileLines = 0
    /// Whether the file must be rewritten before appending (corrupt lines,
    /// or a last line without its line break).
    private var needsRewrite = false

    /// Creates a history, loading `path` when given (a missing or unreadable
    /// file gives an empty history; corrupt lines are skipped).
    public init(path: String? = nil, limit: Int = 1_000) {
        self.path = path
        self.limit = max(1, limit)
        if let path { load(path) }
    }

    /// Records a submitted message (see the type's rules).
    /// - Throws: ``ComposerError/historyFile(path:reason:)`` when the file
    ///   cannot be written; the entry is kept in memory anyway.
    public func add(_ text: String) throws {
        guard !text.isEmpty, text.utf8.count <= maxEntryBytes, text != entries.last else { return }
        entries.append(text)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        guard let path else { return }
        if fileLines + 1 > 2 * limit || needsRewrite {
            try rewrite(path)
        } else {
            try appendLine(Self.encode(text) + "\n", to: path)
            fileLines += 1
        }
    }

    // MARK: - File

    static func encode(_ text: String) -> String {
        JSON.line(.string(text))
    }

    private func load(_ path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let content = String(decoding: data, as: UTF8.self)
        var loaded: [String] = []
        for line in content.split(separator: "\n", omittingEmptySubsequences: true) {
            fileLines += 1
            if case .string(let s)? = try? JSON.decode(String(line), surrogates: .replace) {
                loaded.append(s)
            } else {
                skippedLines += 1
            }
        }
        entries = Array(loaded.suffix(limit))
        needsRewrite = skippedLines > 0 || (!content.isEmpty && !content.hasSuffix("\n"))
    }

    private func rewrite(_ path: String) throws {
        let body = entries.map { Self.encode($0) + "\n" }.joined()
        do {
            try makeParent(path)
            try body.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ComposerError.historyFile(path: path, reason: "\(error.localizedDescription)")
        }
        fileLines = entries.count
        needsRewrite = false
    }

    private func appendLine(_ line: String, to path: String) throws {
        do {
            try makeParent(path)
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw ComposerError.historyFile(path: path, reason: "cannot create the file")
                }
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line.utf8))
        } catch let e as ComposerError {
            throw e
        } catch {
            throw ComposerError.historyFile(path: path, reason: "\(error.localizedDescription)")
        }
    }

    private func makeParent(_ path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        guard !dir.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
}
