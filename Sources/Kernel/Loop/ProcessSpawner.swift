import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child started by ``ProcessSpawner``: its pid and the parent's
/// (non-blocking, close-on-exec) ends of its pipes. The caller owns and
/// closes the fds and reaps the pid.
public struct SpawnedProcess: Sendable {
    /// The child's pid, also its process group id.
    public let pid: pid_t
    /// The write end of the child's standard input.
    public let stdin: Int32
    /// The read end of the child's standard output (and of its standard
    /// error when spawned with `mergeStderr`).
    public let stdout: Int32
    /// The read end of the child's standard error, or -1 when spawned with
    /// `mergeStderr` (then both streams arrive in order on ``stdout``).
    public let stderr: Int32
}

/// Starts processes with posix_spawn(2): the one spawner of weft (jobs,
/// clipboard tools, test fixtures and the chat's `run_command` all use it).
///
/// The child gets exactly three fds: pipes on 0, 1 and 2 (every other fd
/// is closed in the child with `closefrom`-style file actions, and all the
/// loop's own fds are close-on-exec anyway). It runs in its own process
/// group (so `kill(-pid, ...)` reaches its children too), with default signal
/// dispositions and an empty signal mask.
///
/// ```swift
/// let p = try ProcessSpawner.spawn(argv: ["/bin/sh", "-c", "ls"], cwd: "/tmp",
///                                  env: ["PATH=/bin"], mergeStderr: true)
/// ```
public enum ProcessSpawner {
    /// Signals whose disposition the child gets reset to the default.
    private static let resetSignals: [Int32] = [
        SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU,
        SIGCHLD, SIGWINCH, SIGCONT, SIGUSR1, SIGUSR2, SIGALRM,
    ]

    /// Spawns `argv` in `cwd` with environment `env` (`KEY=VALUE` strings).
    /// With `mergeStderr` the child's standard error goes to the pipe of its
    /// standard output (one stream, in the order written) and the result's
    /// `stderr` is -1.
    /// - Throws: ``KernelError`` with a message naming the executable (the
    ///   caller adds its own prefix): `.invalidArgument` for an empty argv or
    ///   a NUL byte, `.notFound` for a missing executable or directory,
    ///   `.invalidState` if spawning fails.
    public static func spawn(argv: [String], cwd: String?, env: [String],
                             mergeStderr: Bool = false) throws -> SpawnedProcess {
        guard let program = argv.first, !program.isEmpty else {
            throw KernelError.invalidArgument("cmd must name a program")
        }
        for s in argv + env + [cwd ?? ""] where s.utf8.contains(0) {
            throw KernelError.invalidArgument("argument contains a NUL byte: \(s.debugDescription)")
        }
        if let cwd { try checkDirectory(cwd) }
        let path = try resolve(program, cwd: cwd)
        var fds: [Int32] = []
        do {
            let (inR, inW) = try lowPipe(); fds += [inR, inW]
            let (outR, outW) = try lowPipe(); fds += [outR, outW]
            let (errR, errW) = mergeStderr ? (-1, outW) : try lowPipe()
            if !mergeStderr { fds += [errR, errW] }
            let pid = try launch(path: path, argv: argv, env: env, cwd: cwd, childFDs: (inR, outW, errW))
            for fd in Set([inR, outW, errW]) { close(fd) }
            for fd in [inW, outR, errR] where fd >= 0 { Posix.setNonBlocking(fd) }
            return SpawnedProcess(pid: pid, stdin: inW, stdout: outR, stderr: errR)
        } catch {
            for fd in fds { close(fd) }
            throw error
        }
    }

    /// A close-on-exec pipe whose fds are above 2 (so the dup2 actions onto
    /// 0, 1, 2 never clobber one another even if weft's own stdio is closed).
    private static func lowPipe() throws -> (Int32, Int32) {
        let (r, w) = try Posix.makePipe(nonBlocking: false)
        return (lift(r), lift(w))
    }

    private static func lift(_ fd: Int32) -> Int32 {
        guard fd < 3 else { return fd }
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, 3)
        guard moved >= 0 else { return fd }
        close(fd)
        return moved
    }

    private static func checkDirectory(_ cwd: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: cwd, isDirectory: &isDir), isDir.boolValue else {
            throw KernelError.notFound("cwd is not a directory: \(cwd)")
        }
    }

    /// Finds the executable: as given when it has a slash (relative to `cwd`
    /// if set), else in weft's `PATH`.
    static func resolve(_ program: String, cwd: String?) throws -> String {
        if program.contains("/") {
            let full = program.hasPrefix("/") || cwd == nil ? program : "\(cwd ?? "")/\(program)"
            try checkExecutable(full, named: program)
            return program
        }
        let pathVar = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in pathVar.split(separator: ":", omittingEmptySubsequences: false) {
            let base = dir.isEmpty ? "." : String(dir)
            let candidate = "\(base)/\(program)"
            if isExecutableFile(candidate) { return candidate }
        }
        throw KernelError.notFound("executable not found in PATH: \(program)")
    }

    private static func checkExecutable(_ path: String, named program: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw KernelError.notFound("executable not found: \(program)")
        }
        guard !isDir.boolValue, access(path, X_OK) == 0 else {
            throw KernelError.invalidArgument("not an executable file: \(program)")
        }
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            && !isDir.boolValue && access(path, X_OK) == 0
    }

    // MARK: - posix_spawn

    private static func launch(path: String, argv: [String], env: [String], cwd: String?,
                               childFDs: (Int32, Int32, Int32)) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childFDs.0, 0)
        posix_spawn_file_actions_adddup2(&actions, childFDs.1, 1)
        posix_spawn_file_actions_adddup2(&actions, childFDs.2, 2)
        if let cwd {
            guard let addChdir = Posix.addChdir else {
                throw KernelError.invalidState("this system cannot set a child's working directory")
            }
            _ = cwd.withCString { addChdir(&actions, $0) }
        }
        closeOtherFDs(&actions)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in resetSignals { sigaddset(&defaults, s) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer { (cArgv + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, cArgv, cEnv)
        guard rc == 0 else {
            let program = argv.first ?? path
            if rc == ENOENT { throw KernelError.notFound("executable not found: \(program)") }
            throw KernelError.invalidState("cannot start \(program): \(Posix.message(rc))")
        }
        return pid
    }

    /// Closes every fd above 2 in the child: `closefrom` when libc has it,
    /// else one close action per fd open now.
    private static func closeOtherFDs(_ actions: inout posix_spawn_file_actions_t) {
        if let closeFrom = Posix.addCloseFrom, closeFrom(&actions, 3) == 0 { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in names.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }
}
