import CLua
import CLuaShim
import Glibc
import Kernel

/// The one Lua 5.4 state, owned by the main loop's thread.
///
/// Swift functions reach Lua only through `LuaFunction` (the C trampoline in
/// CLuaShim), so no longjmp ever crosses a Swift frame: bindings throw Swift
/// errors, the trampoline raises them in C after the Swift frame returned.
/// Lua is called from Swift only through `call`, i.e. `lua_pcall` with a
/// traceback handler.
public final class LuaState {
    public let L: OpaquePointer
    /// A runaway handler is aborted after this many milliseconds (0 = never;
    /// values are kept within 0...``maxBudgetMs``).
    public var budgetMs = 2000 {
        didSet { budgetMs = min(max(0, budgetMs), Self.maxBudgetMs) }
    }

    /// The longest budget (about 24 days), far from overflowing the
    /// nanosecond deadline.
    public static let maxBudgetMs = Int(Int32.max)

    public init() {
        // Small blocks from per-size free lists (include/lua_pool.h): Lua
        // code that builds many small tables spent more in malloc and free
        // than in its own work.
        L = weft_pool_newstate()!
        luaL_openlibs(L)
        weft_pool_install_collect(L)
        weft_install_patterns(L)
        weft_install_budget(L)
    }

    deinit { weft_pool_close(L) }

    /// Pushes a Swift function as a Lua function named `name` (for error messages).
    public func push(function name: String, _ body: @escaping LuaFunction.Body) {
        LuaFunction.push(L, name: name, body)
    }

    /// Runs `code` as a chunk named `chunkName` ("@file.lua" or "=name").
    /// - Returns: the values the chunk returned.
    @discardableResult
    public func run(_ code: String, chunkName: String = "=chunk", args: [Value] = []) throws -> [Value] {
        let top = lua_gettop(L)
        let status = code.withCString { luaL_loadbufferx(L, $0, code.utf8.count, chunkName, nil) }
        if status != LUA_OK {
            let msg = LuaValue.string(L, at: -1) ?? "syntax error"
            weft_pop(L, 1)
            throw LuaError.syntax(msg)
        }
        for a in args { LuaValue.push(L, a) }
        return try callFunction(below: top, nargs: Int32(args.count))
    }

    /// Loads and runs a file; errors carry "file:line: message" and a traceback.
    /// With `budgeted: false` the file's own body has no time budget (a
    /// headless script), while calls into Lua it triggers get their own.
    @discardableResult
    /// A path that is not a regular file (a FIFO, a device, a directory)
    /// is refused before it is opened: opening a FIFO would block forever.
    public func runFile(_ path: String, args: [Value] = [], budgeted: Bool = true) throws -> [Value] {
        if let kind = Self.irregularKind(path) {
            throw LuaError.syntax("cannot read \(path): it is \(kind), not a regular file")
        }
        let top = lua_gettop(L)
        if luaL_loadfilex(L, path, nil) != LUA_OK {
            let msg = LuaValue.string(L, at: -1) ?? "cannot load \(path)"
            weft_pop(L, 1)
            throw LuaError.syntax(msg)
        }
        for a in args { LuaValue.push(L, a) }
        return try callFunction(below: top, nargs: Int32(args.count), budgeted: budgeted)
    }

    /// What `path` is when it exists and is not a regular file ("a FIFO",
    /// "a directory", ...); nil for a regular file or a missing one (the
    /// loader reports that).
    static func irregularKind(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a FIFO"
        case S_IFDIR: return "a directory"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a plain file"
        }
    }

    /// Calls the function stored in the registry under `ref` with `args`,
    /// under the time budget. Returns its results as plain values.
    @discardableResult
    public func call(ref: Int32, args: [Value]) throws -> [Value] {
        let top = lua_gettop(L)
        lua_rawgeti(L, weft_registryindex(), lua_Integer(ref))
        for a in args { LuaValue.push(L, a) }
        return try callFunction(below: top, nargs: Int32(args.count))
    }

    /// Calls the function at `top + 1` (already pushed with its `nargs`
    /// arguments) under pcall + traceback + budget, and pops everything.
    func callFunction(below top: Int32, nargs: Int32, budgeted: Bool = true) throws -> [Value] {
        let due = budgetMs > 0 ? Clock.monotonicNanos() + Int64(budgetMs) * 1_000_000 : 0
        let outer = budgeted && budgetDepth == 0
        if outer { weft_clear_budget_tripped(L); weft_set_budget(L, due); deadline = due }
        if budgeted { budgetDepth += 1 }
        let status = weft_pcall_traceback(L, nargs, LUA_MULTRET)
        if budgeted { budgetDepth -= 1 }
        if outer { weft_set_budget(L, 0); deadline = 0 }
        defer { lua_settop(L, top) }
        if status != LUA_OK {
            let msg = LuaValue.string(L, at: -1) ?? "error"
            throw LuaError.runtime(msg)
        }
        var out: [Value] = []
        let n = lua_gettop(L) - top
        if n > 0 {
            for i in 1...n {
                do { out.append(try LuaValue.value(L, at: top + i)) } catch {
                    throw LuaError.runtime("returned value \(i): \(error)")
                }
            }
        }
        return out
    }

    /// Nesting depth of protected calls, so only the outermost sets the budget.
    var budgetDepth = 0
    /// The armed deadline (monotonic ns; 0 = none).
    var deadline: Int64 = 0

    /// Whether the last failed call was aborted by the time budget.
    public var budgetTripped: Bool { weft_budget_tripped(L) != 0 }

    /// Runs `body` with the budget of the running handler paused: calls into
    /// Lua made inside `body` (e.g. handlers run by `weft.wait`) get their
    /// own budget, and the time spent in `body` is not charged to the
    /// handler, whose remaining budget is re-armed afterwards.
    public func withoutBudget<T>(_ body: () throws -> T) rethrows -> T {
        let savedDepth = budgetDepth
        let savedDeadline = deadline
        let remaining = savedDeadline > 0 ? max(1, savedDeadline - Clock.monotonicNanos()) : 0
        weft_set_budget(L, 0)
        budgetDepth = 0
        deadline = 0
        defer {
            budgetDepth = savedDepth
            if savedDeadline > 0 {
                deadline = Clock.monotonicNanos() + remaining
                weft_set_budget(L, deadline)
            }
        }
        return try body()
    }

    /// Stores the value at `index` in the registry; returns the reference.
    public func ref(at index: Int32) -> Int32 {
        lua_pushvalue(L, index)
        return luaL_ref(L, weft_registryindex())
    }

    /// Replaces the table on top of the stack with its field `key`, first
    /// storing a new empty table there when the field is not a table.
    public static func enterSubtable(_ L: OpaquePointer, _ key: String) {
        if weft_rawgetfield(L, -1, key) != LUA_TTABLE {
            weft_pop(L, 1)
            weft_newtable(L)
            lua_pushvalue(L, -1)
            weft_rawsetfield(L, -3, key)
        }
        weft_remove(L, -2)
    }

    /// Releases a registry reference.
    public func unref(_ ref: Int32) {
        luaL_unref(L, weft_registryindex(), ref)
    }

    /// Memory in use by Lua, in bytes.
    public var memoryBytes: Int {
        Int(weft_gc_count_bytes(L))
    }
}

/// A monotonic clock reading for budgets (independent of the loop's clock).
enum Clock {
    static func monotonicNanos() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
