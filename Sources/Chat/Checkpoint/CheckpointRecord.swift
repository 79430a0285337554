import Kernel

/// One line of a checkpoint index.
///
/// `change`: before a tool changed a file, what the file was (`before`: a
/// blob holding its bytes, or none when the file did not exist; its
/// `mode`) and the fingerprint of what the tool wrote (`after`), with the
/// directories it created. `cancel`: the write of change `id` failed, so
/// the change never happened. `undo`: the changes of `turn` were undone.
struct CheckpointRecord: Hashable, Sendable {
    enum Kind: String { case change, cancel, undo }

    var kind: Kind
    var id = 0
    var turn = 0
    var path = ""
    var before: String?
    var mode: UInt32?
    var after: Fingerprint?
    var createdDirectories: [String] = []
    var tool = ""
    var time = 0.0

    /// The record as one JSON line.
    var jsonLine: String {
        var t: [String: Value] = ["kind": .string(kind.rawValue), "time": .double(time)]
        switch kind {
        case .change:
            t["id"] = .int(id)
            t["turn"] = .int(turn)
            t["path"] = .string(path)
            t["before"] = before.map { .string($0) } ?? .null
            if let mode { t["mode"] = .int(Int(mode)) }
            if let after { t["after"] = .string(after.description) }
            if !createdDirectories.isEmpty { t["dirs"] = .array(createdDirectories.map { .string($0) }) }
            t["tool"] = .string(tool)
        case .cancel:
            t["id"] = .int(id)
        case .undo:
            t["turn"] = .int(turn)
        }
        return JSON.line(.table(t))
    }

    /// Decodes a line; nil for a corrupt or unknown one.
    init?(jsonLine: String) {
        guard let v = try? JSON.decode(jsonLine, surrogates: .replace), let t = v.table,
              let kind = t["kind"]?.string.flatMap(Kind.init(rawValue:)) else { return nil }
        self.kind = kind
        id = t["id"]?.int ?? 0
        turn = t["turn"]?.int ?? 0
        path = t["path"]?.string ?? ""
        before = t["before"]?.string
        mode = t["mode"]?.int.map { UInt32(truncatingIfNeeded: $0) }
        after = t["after"]?.string.flatMap(Fingerprint.init)
        createdDirectories = (t["dirs"]?.array ?? []).compactMap(\.string)
        tool = t["tool"]?.string ?? ""
        if case .double(let d)? = t["time"] { time = d } else { time = Double(t["time"]?.int ?? 0) }
        if kind == .change && (path.isEmpty || after == nil || id <= 0) { return nil }
    }

    init(kind: Kind, id: Int = 0, turn: Int = 0, path: String = "", before: String? = nil, mode: UInt32? = nil,
         after: Fingerprint? = nil, createdDirectories: [String] = [], tool: String = "", time: Double) {
        self.kind = kind
        self.id = id
        self.turn = turn
        self.path = path
        self.before = before
        self.mode = mode
        self.after = after
        self.createdDirectories = createdDirectories
        self.tool = tool
        self.time = time
    }
}

/// The file changes of one user turn, as ``CheckpointStore/turns()`` lists them.
public struct CheckpointTurn: Hashable, Sendable {
    /// The turn (1 for the changes made in reply to the first prompt, ...).
    public var turn: Int
    /// The files changed, in the order they were first changed.
    public var files: [String]
    /// Whether the changes were undone.
    public var undone: Bool
    /// When the first change was made (seconds since 1970).
    public var time: Double
}

/// One file a restore puts back.
public struct RestoreItem: Hashable, Sendable {
    /// The file.
    public var path: String
    /// The checkpoint holding its old bytes (nil: the file did not exist,
    /// so restoring deletes it).
    public var blob: String?
    /// Its old permission bits.
    public var mode: UInt32?
    /// What weft last wrote there: if the file differs, someone changed it since.
    public var expected: Fingerprint
    /// True when the file is no longer what weft last wrote (edited by the
    /// user or another program): restoring would lose that.
    public var changedSince: Bool
    /// Directories the first change created (removed, if empty, when the
    /// file is deleted).
    public var createdDirectories: [String]
}

/// What a restore would do: the turns it undoes and the files it puts back.
public struct RestorePlan: Hashable, Sendable {
    /// The turns undone, ascending.
    public var turns: [Int]
    /// The files, in the order they were first changed.
    public var items: [RestoreItem]
    /// The files changed since weft wrote them.
    public var conflicts: [String] { items.filter(\.changedSince).map(\.path) }
    /// True when there is nothing to restore.
    public var isEmpty: Bool { items.isEmpty }
}

/// What a restore did.
public struct RestoreResult: Hashable, Sendable {
    /// Files put back (rewritten or deleted).
    public var restored: [String] = []
    /// Files left alone because they changed since and the caller chose to keep them.
    public var kept: [String] = []
    /// Files that could not be restored, with the reason.
    public var failed: [String: String] = [:]
}
