import CLua
import CLuaShim
import Glibc
import Kernel

// weft.job: processes speaking lines (docs/lua-api.md). A job object
// is a table `{id =, pid =}` whose metatable offers write, close_stdin and
// kill; it is passed to every callback.

/// A job started from Lua, live until its exit callback has run.
struct JobRecord {
    let job: Job
    let owner: String
    /// Registry reference of the job's Lua object.
    let objectRef: Int32
}

extension LuaRuntime {
    static let jobOptionKeys: Set<String> = ["cmd", "cwd", "env", "on_stdout", "on_stderr", "on_exit"]

    func jobFunctions() -> [String: LuaFunction.Body] {
        ["start": { [unowned self] c in try startJob(c) }]
    }

    private func startJob(_ c: LuaCall) throws -> Int32 {
        _ = try c.table(1)
        let o = try LuaOptions(c, 1, allowed: Self.jobOptionKeys)
        let argv = try Self.jobArgv(o)
        let env = try Self.jobEnv(o)
        let onStdout = try c.functionField(1, "on_stdout").map(handler)
        let onStderr = try c.functionField(1, "on_stderr").map(handler)
        let onExit = try c.functionField(1, "on_exit").map(handler)
        let owner = currentOwner
        let box = IDBox()
        var spec = JobSpec(argv: argv, cwd: try o.string("cwd"), env: env)
        if let h = onStdout {
            spec.onStdout = { [weak self] _, line in self?.jobCallback(box.id, h, "on_stdout", [.value(.string(line))]) }
        }
        if let h = onStderr {
            spec.onStderr = { [weak self] _, line in self?.jobCallback(box.id, h, "on_stderr", [.value(.string(line))]) }
        }
        spec.onExit = { [weak self] _, code, signal in
            guard let self else { return }
            if let h = onExit {
                self.jobCallback(box.id, h, "on_exit", [.value(.int(Int(code))), .value(.int(Int(signal)))])
            }
            if let r = self.jobs.removeValue(forKey: box.id) { self.state.unref(r.objectRef) }
        }
        let job: Job
        do {
            job = try jobManager.start(spec)
        } catch let e as KernelError {
            let msg = e.description
            throw c.fail(msg.hasPrefix("job.start: ") ? String(msg.dropFirst(11)) : msg)
        }
        box.id = job.id.raw
        let L = c.L
        lua_createtable(L, 0, 2)
        lua_pushinteger(L, lua_Integer(job.id.raw))
        weft_rawsetfield(L, -2, "id")
        lua_pushinteger(L, lua_Integer(job.pid))
        weft_rawsetfield(L, -2, "pid")
        lua_rawgeti(L, weft_registryindex(), lua_Integer(jobMetaRef))
        lua_setmetatable(L, -2)
        jobs[job.id.raw] = JobRecord(job: job, owner: owner, objectRef: c.ref(at: -1))
        return 1
    }

    /// `cmd`: an argv list, or a shell command line run by `/bin/sh -c`.
    private static func jobArgv(_ o: LuaOptions) throws -> [String] {
        let argv: [String]
        switch o.value("cmd") {
        case .string(let s)?: argv = ["/bin/sh", "-c", s]
        case .array(let a)?:
            argv = try a.map { v in
                guard let s = v.string else { throw o.call.bad(o.index, "field 'cmd': every element must be a string") }
                return s
            }
        case let other: throw o.error("cmd", "list of strings or string", other ?? .null)
        }
        guard !argv.isEmpty else { throw o.call.bad(o.index, "field 'cmd': empty command") }
        return argv
    }

    /// `env`: names to string values (numbers are converted).
    private static func jobEnv(_ o: LuaOptions) throws -> [String: String]? {
        guard let t = try o.table("env") else { return nil }
        return try t.mapValues { v in
            guard let s = v.string ?? (v.int.map(String.init)) else {
                throw o.call.bad(o.index, "field 'env': values must be strings")
            }
            return s
        }
    }

    private func jobCallback(_ id: Int, _ h: LuaRef, _ name: String, _ args: [LuaArg]) {
        guard let r = jobs[id] else { return }
        invokeReporting(h, [.ref(r.objectRef)] + args, what: "job \(id) \(name) (\(h.owner))")
    }

    /// The metatable of job objects: `__index` holds the methods.
    func installJobMetatable() {
        let L = state.L
        weft_newtable(L)
        weft_newtable(L)
        let methods: [String: LuaFunction.Body] = [
            "write": { [unowned self] c in
                try jobArg(c).write(try c.string(2))
                return 0
            },
            "close_stdin": { [unowned self] c in
                try jobArg(c).closeStdin()
                return 0
            },
            "kill": { [unowned self] c in
                let job = try jobArg(c)
                return c.push(job.kill(try Self.signalArg(c, 2)))
            },
        ]
        for (name, body) in methods {
            LuaFunction.push(L, name: "job:\(name)", body)
            weft_rawsetfield(L, -2, name)
        }
        weft_rawsetfield(L, -2, "__index")
        jobMetaRef = state.ref(at: -1)
        weft_pop(L, 1)
    }

    /// The job behind `self` (argument 1) while it runs.
    private func jobArg(_ c: LuaCall) throws -> Job {
        guard c.type(1) == LUA_TTABLE else {
            throw c.bad(1, "job expected, got \(c.typeName(1)) (use job:\(c.function.dropFirst(4))(...))")
        }
        let t = weft_rawgetfield(c.L, 1, "id")
        let id = t == LUA_TNUMBER ? Int(lua_tointegerx(c.L, -1, nil)) : 0
        weft_pop(c.L, 1)
        guard let r = jobs[id] else { throw c.fail("job \(id) is not running") }
        return r.job
    }

    /// A signal number or name ("TERM", "KILL", "INT", "HUP"...); default TERM.
    static func signalArg(_ c: LuaCall, _ i: Int32) throws -> Int32 {
        if c.isNil(i) { return SIGTERM }
        if c.type(i) == LUA_TNUMBER { return Int32(clamping: try c.int(i)) }
        let names: [String: Int32] = ["TERM": SIGTERM, "KILL": SIGKILL, "INT": SIGINT, "HUP": SIGHUP,
                                      "QUIT": SIGQUIT, "USR1": SIGUSR1, "USR2": SIGUSR2, "STOP": SIGSTOP,
                                      "CONT": SIGCONT]
        let s = try c.string(i)
        let key = s.uppercased().hasPrefix("SIG") ? String(s.uppercased().dropFirst(3)) : s.uppercased()
        guard let n = names[key] else { throw c.bad(i, "unknown signal '\(s)'") }
        return n
    }

    /// Kills this runtime's jobs (at teardown).
    func stopAllJobs() {
        for r in jobs.values { r.job.kill(SIGKILL) }
        jobs.removeAll()
    }
}
