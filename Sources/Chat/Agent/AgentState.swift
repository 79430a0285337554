import Kernel

/// What the chat controller keeps for the coding agent: the permission
/// mode, the project, the `AGENTS.md` instructions, the files the model
/// has seen, and the checkpoint store of the current session.
/// Loop-owned (lives in `ChatController.agent`).
public final class AgentState {
    /// The permission mode; change it through `ChatController.setPermissionMode`.
    public internal(set) var mode: PermissionMode
    /// Whether Shift-Tab cycles through `yolo` too (only once the user chose
    /// it: on the command line, from Lua or with `/mode`).
    public internal(set) var yoloInCycle: Bool
    /// The project root (git root, or the working directory).
    public internal(set) var root: ProjectRoot
    /// The instruction files in the system prompt.
    public internal(set) var instructions: ProjectInstructions
    /// Whether the user's own `AGENTS.md` is read (`--clean` says no).
    public let includeUserInstructions: Bool
    /// The files the model has read, for the stale-file check.
    public let ledger = FileLedger()
    /// The root of all checkpoint stores (`<state>/weft/checkpoints`).
    let checkpointsRoot: String
    /// Stops the `!command` running now, if any.
    var shellCancellation: ToolCancellation?
    private var store: (session: String, store: CheckpointStore)?

    /// Agent state for `cwd`: its project, its instructions (read now),
    /// and checkpoints beside the sessions in `sessionsRoot`.
    public init(cwd: String, mode: PermissionMode = .ask, sessionsRoot: String,
                environment: [String: String], includeUserInstructions: Bool = true) {
        self.mode = mode
        yoloInCycle = mode == .yolo
        root = ProjectRoot.find(from: cwd)
        self.includeUserInstructions = includeUserInstructions
        instructions = ProjectInstructions.load(cwd: cwd, root: root, environment: environment,
                                                includeUser: includeUserInstructions)
        checkpointsRoot = AtomicWriter.split(sessionsRoot).0 + "/checkpoints"
        self.environment = environment
    }

    private let environment: [String: String]

    /// Reads the instructions again (e.g. for a new conversation).
    public func reloadInstructions(cwd: String) {
        root = ProjectRoot.find(from: cwd)
        instructions = ProjectInstructions.load(cwd: cwd, root: root, environment: environment,
                                                includeUser: includeUserInstructions)
    }

    /// The checkpoint store of session `id`.
    public func checkpoints(session id: String) -> CheckpointStore {
        if let s = store, s.session == id { return s.store }
        let made = CheckpointStore(directory: checkpointsRoot + "/" + id)
        store = (id, made)
        return made
    }

    /// The permission policy now.
    public var policy: PermissionPolicy { PermissionPolicy(mode: mode, root: root) }
}
