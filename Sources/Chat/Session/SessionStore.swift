import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A session as listed by ``SessionStore/list()``.
public struct SessionSummary: Hashable, Sendable {
    /// The id (the file name without `.jsonl`).
    public var id: String
    /// A meta `title`, else the first line of the first user message
    /// (cut to 60 characters), else `(empty)`.
    public var title: String
    /// Messages after loading (an interrupted partial counts).
    public var messageCount: Int
    /// When the file was last written.
    public var modified: Date
    /// The working directory it was started in (its first meta record's `cwd`).
    public var cwd: String?
    /// Its project root (meta `project`; older sessions have none).
    public var project: String?
    /// Started by print mode (`weft -p`, meta `print`): left out of
    /// `/sessions` and `weft.chat.sessions()` unless asked for.
    public var isPrint: Bool = false

    /// Whether the session belongs to the project at `root`: its recorded
    /// project, else (older sessions) a working directory inside `root`.
    public func belongs(to root: String) -> Bool {
        if let project { return project == root }
        guard let cwd else { return false }
        return cwd == root || cwd.hasPrefix(root == "/" ? "/" : root + "/")
    }
}

/// A loaded session: its records and what was skipped.
public struct SessionLoad: Hashable, Sendable {
    /// The id.
    public var id: String
    /// The records in order, with partial replies folded in (see
    /// ``SessionStore/load(_:)``).
    public var records: [SessionRecord]
    /// One message per skipped line, e.g. `line 7: truncated line skipped (...)`.
    public var warnings: [String]
}

/// Session files: one JSONL file per conversation in ``root``, named
/// `<id>.jsonl` where the id is a UTC timestamp plus a random suffix
/// (`20261121-225247-3fa9c2`), so ids sort by creation time.
public struct SessionStore: Sendable {
    /// The directory holding the session files.
    public let root: String

    /// A store in `root` (created on first write).
    public init(root: String) { self.root = root }

    /// `$XDG_STATE_HOME/weft/sessions`, else `$HOME/.local/state/weft/sessions`
    /// (a relative `XDG_STATE_HOME` is ignored, as the spec says).
    public static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/weft/sessions" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/weft/sessions"
    }

    /// A new id: `yyyyMMdd-HHmmss` in UTC, a dash and 6 random hex digits.
    public static func makeID(date: Date = Date()) -> String {
        var t = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let stamp = pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2) + "-"
            + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2)
        let suffix = String(UInt32.random(in: 0..<0x100_0000), radix: 16)
        return stamp + "-" + String(repeating: "0", count: 6 - suffix.count) + suffix
    }

    /// The file of session `id`.
    /// - Throws: ``SessionError/invalidID(_:)`` for ids with other
    ///   characters than letters, digits, `-` and `_` (no paths).
    public func path(for id: String) throws -> String {
        let ok = !id.isEmpty && id.utf8.count <= 128 && id.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
        }
        guard ok else { throw SessionError.invalidID(id) }
        return root + "/" + id + ".jsonl"
    }

    /// True if session `id` has a file.
    public func exists(_ id: String) -> Bool {
        guard let p = try? path(for: id) else { return false }
        return FileManager.default.fileExists(atPath: p)
    }

    /// Starts a new session (a fresh id unless given) and returns its writer.
    /// - Throws: ``SessionError`` if the directory or file cannot be created.
    public func create(id: String? = nil) throws -> SessionWriter {
        let id = id ?? Self.makeID()
        try makeRoot()
        let writer = try SessionWriter(id: id, path: path(for: id))
        syncDirectory()
        return writer
    }

    /// A writer appending to an existing session (for `--resume`).
    /// - Throws: ``SessionError/notFound(_:)`` if it does not exist.
    public func writer(for id: String) throws -> SessionWriter {
        let p = try path(for: id)
        guard FileManager.default.fileExists(atPath: p) else { throw SessionError.notFound(id) }
        return try SessionWriter(id: id, path: p)
    }

    /// Appends one record to session `id` (creating it), opening and closing
    /// the file; prefer a ``SessionWriter`` while a session is live.
    public func append(_ record: SessionRecord, to id: String) throws {
        try makeRoot()
        let writer = try SessionWriter(id: id, path: path(for: id))
        defer { writer.close() }
        try writer.append(record)
    }

    private func makeRoot() throws {
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SessionError.io("cannot create \(root): \(error.localizedDescription)")
        }
    }

    /// Makes a new file's directory entry durable.
    private func syncDirectory() {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
