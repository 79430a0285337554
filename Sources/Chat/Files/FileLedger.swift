import Synchronization

/// What a file was when the model last saw it whole: its stat identity and
/// the fingerprint of its bytes.
public struct FileStamp: Hashable, Sendable {
    /// Modification time in nanoseconds.
    public var mtimeNanos: Int64
    /// The bytes' fingerprint (their size included).
    public var fingerprint: Fingerprint

    /// A stamp of `bytes` with modification time `mtimeNanos`.
    public init(mtimeNanos: Int64, fingerprint: Fingerprint) {
        self.mtimeNanos = mtimeNanos
        self.fingerprint = fingerprint
    }
}

/// The files the model has read (or written) in this conversation and
/// what they were then, so `edit_file` and `write_file` can refuse to
/// change a file that changed on disk since: the model's idea of its
/// content would be stale.
///
/// `read_file` records every file it returns; a successful edit records
/// the new content; `/undo` forgets the files it restores. Keys are
/// canonical paths (``FileAccess/canonical(_:cwd:)``). Thread-safe.
public final class FileLedger: Sendable {
    private let stamps = Mutex<[String: FileStamp]>([:])

    /// An empty ledger.
    public init() {}

    /// Records that the model saw `path` as `stamp`.
    public func record(_ path: String, _ stamp: FileStamp) {
        stamps.withLock { $0[path] = stamp }
    }

    /// What the model last saw of `path`, or nil if it never read it.
    public func stamp(for path: String) -> FileStamp? {
        stamps.withLock { $0[path] }
    }

    /// Forgets `path`: the model must read it again before changing it.
    public func forget(_ path: String) {
        _ = stamps.withLock { $0.removeValue(forKey: path) }
    }

    /// Forgets every file (a new or rewound conversation).
    public func removeAll() {
        stamps.withLock { $0.removeAll() }
    }

    /// Whether the model's view of `path` is current: it read the file and
    /// the file (`stat`, `bytes`) is what it read. A changed modification
    /// time with the same bytes counts as current (and is recorded).
    public enum Freshness: Hashable, Sendable {
        /// The model never read the file.
        case unread
        /// The file is as the model last saw it.
        case current
        /// The file changed since; the time of the change.
        case stale(mtimeNanos: Int64)
    }

    /// The freshness of `path` now.
    public func freshness(of path: String, stat: FileStat, bytes: [UInt8]) -> Freshness {
        guard let seen = stamp(for: path) else { return .unread }
        if seen.mtimeNanos == stat.mtimeNanos && seen.fingerprint.size == bytes.count { return .current }
        let now = Fingerprint(bytes)
        guard now == seen.fingerprint else { return .stale(mtimeNanos: stat.mtimeNanos) }
        record(path, FileStamp(mtimeNanos: stat.mtimeNanos, fingerprint: now))
        return .current
    }
}
