/// What to run as a job and whom to tell about it (`weft.job.start{...}`).
///
/// ```swift
/// let spec = JobSpec(argv: ["git", "status", "--short"], cwd: repo,
///                    onStdout: { job, line in lines.append(line) },
///                    onExit: { job, code, signal in done(code) })
/// let job = try jobs.start(spec)
/// ```
///
/// Environment: with `env == nil` and `clearEnv == false` the child inherits
/// weft's environment. A non-nil `env` is merged over the inherited one
/// (its values win), unless `clearEnv` is true, in which case `env` (or
/// nothing) is the child's whole environment. The executable is looked up
/// in weft's own `PATH` when `argv[0]` has no slash.
///
/// Callbacks run on the loop thread. `onStdout`/`onStderr` get one call per
/// line, without the newline (a `\r` before it is dropped too); a last line
/// without a newline is delivered when the stream closes. `onExit` comes
/// after every line of both streams, with the exit code and the signal that
/// killed the process (0 if none; a killed process reports code
/// `128 + signal`). Errors thrown by callbacks go to the loop's
/// `reportError`.
public struct JobSpec {
    /// The program and its arguments; `argv[0]` is the executable.
    public var argv: [String]
    /// Working directory for the child; nil means weft's current directory.
    public var cwd: String?
    /// Variables to set in the child (see the type's notes on merging).
    public var env: [String: String]?
    /// When true, `env` replaces the inherited environment entirely.
    public var clearEnv: Bool
    /// Called for each line the child writes to standard output.
    public var onStdout: ((Job, String) throws -> Void)?
    /// Called for each line the child writes to standard error.
    public var onStderr: ((Job, String) throws -> Void)?
    /// Called once, after all output: `(job, code, signal)`.
    public var onExit: ((Job, Int32, Int32) throws -> Void)?

    /// Describes a job; only `argv` is required.
    public init(argv: [String], cwd: String? = nil, env: [String: String]? = nil,
                clearEnv: Bool = false,
                onStdout: ((Job, String) throws -> Void)? = nil,
                onStderr: ((Job, String) throws -> Void)? = nil,
                onExit: ((Job, Int32, Int32) throws -> Void)? = nil) {
        self.argv = argv
        self.cwd = cwd
        self.env = env
        self.clearEnv = clearEnv
        self.onStdout = onStdout
        self.onStderr = onStderr
        self.onExit = onExit
    }

    /// The child's environment as `KEY=VALUE` strings, sorted by key.
    func environment(inherited: [String: String]) -> [String] {
        var merged = clearEnv ? [:] : inherited
        for (k, v) in env ?? [:] { merged[k] = v }
        return merged.keys.sorted().compactMap { k in merged[k].map { "\(k)=\($0)" } }
    }
}
