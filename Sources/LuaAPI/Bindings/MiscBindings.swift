import Kernel

// Top-level `weft` functions (schedule, wait, notify, stdpath, quit,
// set_budget) and weft.log.

extension LuaRuntime {
    func topLevelFunctions() -> [String: LuaFunction.Body] {
        [
            "schedule": { [unowned self] c in
                c.push(startTimer(ms: 0, handler(try c.function(1)), repeating: false, kind: "scheduled function"))
            },
            "wait": { [unowned self] c in try wait(c) },
            "notify": { [unowned self] c in
                let msg = try c.string(1)
                let level = try levelArg(c, 2) ?? .info
                log.write(level, msg, owner: currentOwner)
                editor.notify(msg, level: level)
                return 0
            },
            "stdpath": { [unowned self] c in
                let kind = try c.string(1)
                guard let p = LuaPaths.stdpath(kind, runtime: runtimeDir) else {
                    throw c.bad(1, "expected \"config\", \"state\", \"data\" or \"runtime\", got \"\(kind)\"")
                }
                return c.push(p)
            },
            "quit": { [unowned self] c in
                let code = try c.optInt(1) ?? 0
                if let ui {
                    ui.quit(code: code)
                } else if let onQuit {
                    onQuit(code)
                } else {
                    throw c.fail("no UI attached")
                }
                return 0
            },
            "set_budget": { [unowned self] c in
                let ms = try c.int(1)
                guard ms >= 0 else { throw c.bad(1, "budget must not be negative, got \(ms)") }
                budgetMs = ms
                return 0
            },
        ]
    }

    /// A level name ("debug", "info", "warn", "error"); nil when absent.
    private func levelArg(_ c: LuaCall, _ i: Int32) throws -> MessageLevel? {
        guard let s = try c.optString(i) else { return nil }
        guard let level = MessageLevel(rawValue: s) else {
            throw c.bad(i, "expected \"debug\", \"info\", \"warn\" or \"error\", got \"\(s)\"")
        }
        return level
    }

    func logFunctions() -> [String: LuaFunction.Body] {
        var out: [String: LuaFunction.Body] = [:]
        for level in MessageLevel.allCases {
            out[level.rawValue] = { [unowned self] c in
                log.write(level, try c.string(1), owner: currentOwner)
                return 0
            }
        }
        return out
    }
}
