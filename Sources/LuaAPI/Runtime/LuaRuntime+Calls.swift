import CLua
import CLuaShim
import Kernel

/// A Lua function kept in the registry on behalf of a handler (keymap,
/// command, autocmd, timer, job callback). Releasing the last Swift
/// reference releases the registry slot, so a deleted keymap frees its
/// function.
final class LuaRef {
    let ref: Int32
    /// Who registered the function.
    let owner: String
    weak var runtime: LuaRuntime?
    /// Budget aborts in a row; reset by a call that finishes in time.
    var budgetAborts = 0
    /// Set after ``LuaRuntime/maxBudgetAborts`` aborts in a row: the
    /// handler is not called any more (it was reported once).
    var disabled = false

    init(ref: Int32, owner: String, runtime: LuaRuntime) {
        self.ref = ref
        self.owner = owner
        self.runtime = runtime
    }

    deinit { runtime?.state.unref(ref) }
}

/// One argument for a call into Lua: plain data, or a value kept in the
/// registry (a job object).
enum LuaArg {
    case value(Value)
    case ref(Int32)
}

extension LuaRuntime {
    /// Wraps the function reference `ref` (from `LuaCall.function`) as a
    /// handler owned by the current owner.
    func handler(_ ref: Int32) -> LuaRef {
        LuaRef(ref: ref, owner: currentOwner, runtime: self)
    }

    /// Calls handler `h` with `args` under pcall, traceback and budget, as
    /// its owner, charging its time to it.
    ///
    /// - Parameter what: names the handler in a budget-abort message, e.g.
    ///   "keymap normal <C-x> (init.lua)".
    /// A handler aborted by the budget ``maxBudgetAborts`` times in a row
    /// is disabled, and its last abort message says so (a `render` handler
    /// stuck in a loop would otherwise cost every frame its whole budget);
    /// calls to a disabled handler do nothing and return no values.
    ///
    /// - Throws: `LuaError.runtime` with the Lua message and traceback; a
    ///   budget abort says which handler was aborted.
    func invoke(_ h: LuaRef, _ args: [LuaArg], what: @autoclosure () -> String) throws -> [Value] {
        if h.disabled { return [] }
        return try measure(owner: h.owner) {
            let L = state.L
            let top = lua_gettop(L)
            lua_rawgeti(L, weft_registryindex(), lua_Integer(h.ref))
            for a in args {
                switch a {
                case .value(let v): LuaValue.push(L, v)
                case .ref(let r): lua_rawgeti(L, weft_registryindex(), lua_Integer(r))
                }
            }
            do {
                let results = try state.callFunction(below: top, nargs: Int32(args.count))
                h.budgetAborts = 0
                return results
            } catch LuaError.runtime(let msg) where state.budgetTripped {
                h.budgetAborts += 1
                h.disabled = h.budgetAborts >= Self.maxBudgetAborts
                let disabled = h.disabled
                    ? " (\(h.budgetAborts) times in a row: it was disabled, :reload brings it back)" : ""
                throw LuaError.runtime(
                    "\(what()) exceeded its time budget (\(budgetMs) ms) and was aborted\(disabled): \(msg)")
            }
        }
    }

    /// Budget aborts in a row after which a handler is disabled.
    static let maxBudgetAborts = 3

    /// Calls a handler from the loop (timer, scheduled function, job
    /// callback): failures are reported, never thrown.
    func invokeReporting(_ h: LuaRef, _ args: [LuaArg], what: String) {
        do {
            _ = try invoke(h, args, what: what)
        } catch {
            report("\(what) failed: \(error)")
        }
    }

    /// Shows an error in the message area and writes it to the log.
    func report(_ message: String) {
        log.write(.error, message, owner: currentOwner)
        editor.notify(message, level: .error)
    }

    /// Runs `body` as `owner` (nil: charge nobody, e.g. time spent waiting
    /// in `weft.wait`) and charges its wall time, minus nested calls, to it.
    func measure<T>(owner: String?, _ body: () throws -> T) rethrows -> T {
        frames.append(Frame(owner: owner, start: Clock.monotonicNanos()))
        defer {
            let f = frames.removeLast()
            let elapsed = Clock.monotonicNanos() - f.start
            if let o = f.owner { luaNanos[o, default: 0] += max(0, elapsed - f.child) }
            if !frames.isEmpty { frames[frames.count - 1].child += elapsed }
        }
        return try body()
    }

    /// Cumulative Lua time of `owner`, in milliseconds.
    public func luaTimeMs(owner: String) -> Double {
        Double(luaNanos[owner] ?? 0) / 1_000_000
    }
}
