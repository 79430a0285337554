import Foundation
import Glibc
import Synchronization

/// The checkpoints of one session: before a file tool changes a file, the
/// file's bytes (or its absence) are saved here, so `/undo` and `/rewind`
/// can put every file back byte for byte.
///
/// On disk, under the session's state directory
/// (`$XDG_STATE_HOME/weft/checkpoints/<session>/`): `index.jsonl`, one
/// ``CheckpointRecord`` per line (appended and fsynced), and `blobs/<id>`,
/// the old bytes of change `id`. Changes are grouped by user turn; a turn
/// is undone as a whole, newest first. Before a file is put back, it is
/// compared with what weft last wrote there: a file changed since (by the
/// user, or another program) is reported as a conflict, and restored only
/// if the caller says so.
///
/// Thread-safe: tools record changes from worker threads while the UI
/// lists and undoes on the loop.
public final class CheckpointStore: Sendable {
    /// The directory of this session's checkpoints.
    public let directory: String
    private let records: Mutex<[CheckpointRecord]?>
    private let writer: AtomicWriter

    /// The store in `directory` (read on first use; created on first change).
    public init(directory: String, writer: AtomicWriter = AtomicWriter()) {
        self.directory = directory
        self.writer = writer
        records = Mutex(nil)
    }

    /// `<state>/weft/checkpoints/<session>` for a session store's root
    /// (`<state>/weft/sessions`).
    public static func directory(sessionsRoot: String, session: String) -> String {
        AtomicWriter.split(sessionsRoot).0 + "/checkpoints/" + session
    }

    private var indexPath: String { directory + "/index.jsonl" }

    // MARK: - Recording

    /// Saves `before` (nil: the file does not exist) as the checkpoint of a
    /// change of `path` in `turn`, before the tool writes `after`.
    /// - Returns: the change's id (pass it to ``cancel(_:)`` if the write fails).
    /// - Throws: ``WriteFailure`` when the checkpoint cannot be saved (then
    ///   the tool must not write).
    public func record(turn: Int, path: String, before: [UInt8]?, mode: mode_t?, after: Fingerprint,
                       createdDirectories: [String], tool: String) throws -> Int {
        try records.withLock { state in
            var list = state ?? load()
            try makeDirectories()
            let id = (list.filter { $0.kind == .change }.map(\.id).max() ?? 0) + 1
            var blob: String?
            if let before {
                blob = "blobs/\(id)"
                try writer.write(before, to: directory + "/" + blob!, mode: 0o600)
            }
            let r = CheckpointRecord(kind: .change, id: id, turn: turn, path: path, before: blob, mode: mode.map { UInt32($0) },
                                     after: after, createdDirectories: createdDirectories, tool: tool,
                                     time: Date().timeIntervalSince1970)
            try append(r)
            list.append(r)
            state = list
            return id
        }
    }

    /// Marks change `id` as never made (its write failed).
    public func cancel(_ id: Int) {
        records.withLock { state in
            var list = state ?? load()
            let r = CheckpointRecord(kind: .cancel, id: id, time: Date().timeIntervalSince1970)
            try? append(r)
            list.append(r)
            state = list
        }
    }

    // MARK: - Reading

    /// The turns with changes, oldest first.
    public func turns() -> [CheckpointTurn] {
        let (changes, undone) = live()
        var out: [Int: CheckpointTurn] = [:]
        for c in changes {
            var t = out[c.turn] ?? CheckpointTurn(turn: c.turn, files: [], undone: undone.contains(c.turn), time: c.time)
            if !t.files.contains(c.path) { t.files.append(c.path) }
            out[c.turn] = t
        }
        return out.values.sorted { $0.turn < $1.turn }
    }

    /// The newest turn with changes that are not undone, or nil.
    public var lastUndoableTurn: Int? {
        turns().last(where: { !$0.undone })?.turn
    }

    /// The changes that happened (not cancelled) and the undone turns.
    private func live() -> ([CheckpointRecord], Set<Int>) {
        let list = records.withLock { state -> [CheckpointRecord] in
            if state == nil { state = load() }
            return state!
        }
        let cancelled = Set(list.filter { $0.kind == .cancel }.map(\.id))
        let undone = Set(list.filter { $0.kind == .undo }.map(\.turn))
        return (list.filter { $0.kind == .change && !cancelled.contains($0.id) }, undone)
    }

    // MARK: - Restoring

    /// What undoing `turns` (those not undone yet) would put back. Reads
    /// the files to find the ones changed since weft wrote them.
    public func plan(turns wanted: Set<Int>) -> RestorePlan {
        let (changes, undone) = live()
        let active = changes.filter { !undone.contains($0.turn) }
        let chosen = active.filter { wanted.contains($0.turn) }
        var items: [RestoreItem] = []
        for path in orderedPaths(chosen) {
            let first = chosen.first { $0.path == path }!
            let latest = active.last { $0.path == path }!
            let now: Fingerprint? = {
                guard case .success(let b) = FileAccess.read(path, shown: path, maxSize: Int.max) else { return nil }
                return Fingerprint(b)
            }()
            items.append(RestoreItem(path: path, blob: first.before, mode: first.mode, expected: latest.after!,
                                     changedSince: now != latest.after, createdDirectories: first.createdDirectories))
        }
        return RestorePlan(turns: Set(chosen.map(\.turn)).sorted(), items: items)
    }

    /// The plan for the newest turn not undone yet (empty when there is none).
    public func planUndo() -> RestorePlan {
        guard let turn = lastUndoableTurn else { return RestorePlan(turns: [], items: []) }
        return plan(turns: [turn])
    }

    /// The plan for every turn from `turn` on.
    public func planRewind(to turn: Int) -> RestorePlan {
        plan(turns: Set(turns().map(\.turn).filter { $0 >= turn }))
    }

    /// Puts the files of `plan` back: old bytes and mode written
    /// atomically, files that did not exist deleted (with the directories
    /// weft created for them, if empty). Files changed since weft wrote
    /// them are kept unless `overwriteChanged`. The plan's turns are
    /// marked undone unless a file failed.
    public func restore(_ plan: RestorePlan, overwriteChanged: Bool) -> RestoreResult {
        var result = RestoreResult()
        for item in plan.items {
            if item.changedSince && !overwriteChanged {
                result.kept.append(item.path)
                continue
            }
            if let problem = restore(item) { result.failed[item.path] = problem } else { result.restored.append(item.path) }
        }
        if result.failed.isEmpty {
            records.withLock { state in
                var list = state ?? load()
                for turn in plan.turns {
                    let r = CheckpointRecord(kind: .undo, turn: turn, time: Date().timeIntervalSince1970)
                    try? append(r)
                    list.append(r)
                }
                state = list
            }
        }
        return result
    }

    /// Restores one file; a reason on failure.
    private func restore(_ item: RestoreItem) -> String? {
        guard let blob = item.blob else {
            if unlink(item.path) != 0 && errno != ENOENT { return "cannot delete it: \(WriteFailure.reason(errno))" }
            for dir in item.createdDirectories.reversed() { rmdir(dir) }
            return nil
        }
        guard case .success(let bytes) = FileAccess.read(directory + "/" + blob, shown: blob, maxSize: Int.max) else {
            return "its checkpoint \(directory)/\(blob) is missing"
        }
        do {
            try writer.write(bytes, to: item.path, mode: item.mode.map { mode_t($0) })
        } catch {
            return error.description
        }
        return nil
    }

    /// Copies the checkpoints of the turns before `turn` into `other` (a
    /// rewound conversation continues with its earlier checkpoints).
    public func copy(turnsBefore turn: Int, to other: CheckpointStore) throws {
        let (changes, undone) = live()
        for c in changes where c.turn < turn {
            let before: [UInt8]? = try c.before.map { blob in
                guard case .success(let b) = FileAccess.read(directory + "/" + blob, shown: blob, maxSize: Int.max) else {
                    throw WriteFailure(path: directory + "/" + blob, step: "read the checkpoint \(directory)/\(blob)", code: ENOENT)
                }
                return b
            }
            _ = try other.record(turn: c.turn, path: c.path, before: before, mode: c.mode.map { mode_t($0) },
                                 after: c.after!, createdDirectories: c.createdDirectories, tool: c.tool)
        }
        for t in undone where t < turn { other.markUndone(t) }
    }

    func markUndone(_ turn: Int) {
        records.withLock { state in
            var list = state ?? load()
            let r = CheckpointRecord(kind: .undo, turn: turn, time: Date().timeIntervalSince1970)
            try? append(r)
            list.append(r)
            state = list
        }
    }

    // MARK: - Disk

    private func orderedPaths(_ records: [CheckpointRecord]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for r in records where seen.insert(r.path).inserted { out.append(r.path) }
        return out
    }

    private func load() -> [CheckpointRecord] {
        guard case .success(let bytes) = FileAccess.read(indexPath, shown: indexPath, maxSize: Int.max) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { CheckpointRecord(jsonLine: String($0)) }
    }

    private func makeDirectories() throws(WriteFailure) {
        let blobs = directory + "/blobs"
        guard FileAccess.status(blobs) == nil else { return }
        do {
            try FileManager.default.createDirectory(atPath: blobs, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { Int32($0.code) } ?? EACCES
            throw WriteFailure(path: directory, step: "create the checkpoint directory \(directory)", code: code)
        }
    }

    /// Appends one record and syncs it.
    private func append(_ record: CheckpointRecord) throws(WriteFailure) {
        let fd = open(indexPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteFailure(path: indexPath, step: "open the checkpoint index \(indexPath)", code: errno) }
        defer { close(fd) }
        let line = Array((record.jsonLine + "\n").utf8)
        let n = line.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
        guard n == line.count else {
            throw WriteFailure(path: indexPath, step: "write the checkpoint index \(indexPath)", code: n < 0 ? errno : ENOSPC)
        }
        _ = fsync(fd)
    }
}
