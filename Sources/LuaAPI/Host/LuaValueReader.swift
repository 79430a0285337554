import CLua
import CLuaShim
import Kernel

/// Why a Lua value could not become plain data (`Value`).
public enum LuaValueError: Error, Equatable, CustomStringConvertible {
    /// A table that contains itself, directly or through other tables.
    case cycle
    /// Tables nested deeper than ``LuaValueReader/maxDepth`` levels.
    case tooDeep
    /// More than ``LuaValueReader/maxValues`` values, a subtable counted
    /// once for every place it is used (plain data has no sharing).
    case tooLarge
    /// A value plain data cannot hold (strict reading only): its type name.
    case unsupported(String)
    /// A table key plain data cannot hold (strict reading only): its type name.
    case badKey(String)
    /// The time budget of the Lua code being served expired during a long
    /// walk (checked every ``LuaValueReader/budgetInterval`` entries).
    case budgetExpired

    public var description: String {
        switch self {
        case .cycle: return "a table that contains itself (a cycle) cannot be converted to plain data"
        case .tooDeep: return "tables nested deeper than \(LuaValueReader.maxDepth) levels cannot be converted to plain data"
        case .tooLarge:
            return "a table with more than \(LuaValueReader.maxValues) values (shared subtables counted at each use) cannot be converted to plain data"
        case .unsupported(let t): return "a \(t) cannot be converted to plain data"
        case .badKey(let t): return "a table key of type \(t) cannot be converted to plain data"
        case .budgetExpired: return "the time budget expired while converting a table to plain data"
        }
    }
}

/// Converts Lua values to plain data in one walk that always ends.
///
/// A table met again on the way down is a cycle and an error. A table met
/// again elsewhere (a shared subtable) is converted once and its result
/// reused; since plain data is a tree, its values are still counted at
/// every use, and a result of more than ``maxValues`` values is an error,
/// so a small Lua value that shares subtables 40 levels deep (2^40 values
/// as plain data) fails at once instead of being walked for ever.
///
/// Lenient reading (the default) turns functions, userdata and threads
/// into `.null` and skips keys that are neither strings nor numbers;
/// strict reading (`weft.json.encode`) rejects them. Only non-raising Lua
/// calls are used.
struct LuaValueReader {
    /// Deepest nesting converted (the JSON codec's limit too).
    static let maxDepth = JSON.maxDepth
    /// Most values one conversion may produce.
    static let maxValues = 1 << 22
    /// Table entries read between two looks at the time budget.
    static let budgetInterval = 4096

    let L: OpaquePointer
    let strict: Bool
    private var onPath: Set<UnsafeRawPointer> = []
    private var done: [UnsafeRawPointer: (value: Value, size: Int)] = [:]
    private var entriesRead = 0

    init(_ L: OpaquePointer, strict: Bool = false) {
        self.L = L
        self.strict = strict
    }

    /// The value at `index` as plain data.
    mutating func read(at index: Int32) throws(LuaValueError) -> Value {
        try read(at: index, depth: 0).value
    }

    private mutating func read(at index: Int32, depth: Int) throws(LuaValueError) -> (value: Value, size: Int) {
        switch lua_type(L, index) {
        case LUA_TBOOLEAN: return (.bool(lua_toboolean(L, index) != 0), 1)
        case LUA_TNUMBER: return (LuaValue.number(L, at: index), 1)
        case LUA_TSTRING: return (.string(LuaValue.string(L, at: index) ?? ""), 1)
        case LUA_TTABLE: return try table(at: lua_absindex(L, index), depth: depth + 1)
        case LUA_TNIL, LUA_TNONE: return (.null, 1)
        default:
            if strict { throw .unsupported(LuaValue.typeName(L, at: index)) }
            return (.null, 1)
        }
    }

    private mutating func table(at t: Int32, depth: Int) throws(LuaValueError) -> (value: Value, size: Int) {
        guard let ptr = lua_topointer(L, t) else { return (.null, 1) }
        if onPath.contains(ptr) { throw .cycle }
        if let known = done[ptr] { return known }
        guard depth <= Self.maxDepth else { throw .tooDeep }
        // Each nesting level uses stack slots: grow the stack (non-raising).
        guard lua_checkstack(L, 4) != 0 else { throw .tooDeep }
        onPath.insert(ptr)
        defer { onPath.remove(ptr) }
        let result = try entries(of: t, depth: depth)
        done[ptr] = result
        return result
    }

    /// Reads every entry of the table at `t`; keys 1...n (and nothing
    /// else) make an array.
    private mutating func entries(of t: Int32, depth: Int) throws(LuaValueError) -> (value: Value, size: Int) {
        let n = Int(lua_rawlen(L, t))
        var dict: [String: Value] = [:]
        var size = 1
        var pairs = 0, sequenceKeys = 0
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            entriesRead += 1
            if entriesRead % Self.budgetInterval == 0 && LuaBudget.expired {
                weft_pop(L, 2)
                throw .budgetExpired
            }
            let key: String?
            switch lua_type(L, -2) {
            case LUA_TSTRING: key = LuaValue.string(L, at: -2)
            case LUA_TNUMBER: key = numberKey(n: n, isSequence: &sequenceKeys)
            default:
                if strict {
                    let name = LuaValue.typeName(L, at: -2)
                    weft_pop(L, 2)
                    throw .badKey(name)
                }
                key = nil
            }
            if let key {
                pairs += 1
                let entry: (value: Value, size: Int)
                do { entry = try read(at: -1, depth: depth) } catch {
                    weft_pop(L, 2)
                    throw error
                }
                size += entry.size
                if size > Self.maxValues { weft_pop(L, 2); throw .tooLarge }
                dict[key] = entry.value
            }
            weft_pop(L, 1)
        }
        if n > 0 && pairs == n && sequenceKeys == n {
            return (.array((1...n).map { dict[String($0)] ?? .null }), size)
        }
        if strict && pairs == 0 { return (.array([]), size) }
        return (.table(dict), size)
    }

    /// The key at -2 (a number) as a dictionary key: its decimal form;
    /// counts keys 1...n in `isSequence`.
    private func numberKey(n: Int, isSequence: inout Int) -> String {
        if lua_isinteger(L, -2) != 0 {
            let i = Int(lua_tointegerx(L, -2, nil))
            if i >= 1 && i <= n { isSequence += 1 }
            return String(i)
        }
        return LuaValue.number(L, at: -2).description
    }
}
