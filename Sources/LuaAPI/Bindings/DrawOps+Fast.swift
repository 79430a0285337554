import CLua
import Glibc
import CLuaShim
import Kernel

// A fast path for `weft.ui.draw`: extension windows send thousands of ops
// per frame, and converting the whole list to `Value`s first (a dictionary
// per op) cost more than drawing them. The common, valid shapes are read
// straight from the Lua stack; anything else (spans, a wrong type, an
// unknown field, a list with holes) returns nil and the caller runs the
// general parser, which produces the exact error message.
extension DrawOps {
    /// The ops of the list at `index`, or nil when the general parser must
    /// decide (also for every invalid list).
    static func parseFast(_ c: LuaCall, index: Int32) -> [DrawOp]? {
        let L = c.L
        guard lua_type(L, index) == LUA_TTABLE, lua_checkstack(L, 8) != 0 else { return nil }
        let list = lua_absindex(L, index)
        let n = Int(lua_rawlen(L, list))
        guard entryCount(L, list, atMost: n) == n else { return nil }
        var ops: [DrawOp] = []
        ops.reserveCapacity(n)
        var i = 1
        while i <= n {
            lua_rawgeti(L, list, lua_Integer(i))
            defer { weft_pop(L, 1) }
            guard lua_type(L, -1) == LUA_TTABLE, let op = op(L, lua_absindex(L, -1)) else { return nil }
            ops.append(op)
            i += 1
        }
        return ops
    }

    /// The number of entries of the table at `t` when every key is an
    /// integer in 1...n; nil otherwise (or when there are more than n).
    private static func entryCount(_ L: OpaquePointer, _ t: Int32, atMost n: Int) -> Int? {
        var count = 0
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            weft_pop(L, 1)
            guard lua_type(L, -1) == LUA_TNUMBER, lua_isinteger(L, -1) != 0 else { weft_pop(L, 1); return nil }
            let k = Int(lua_tointegerx(L, -1, nil))
            count += 1
            guard k >= 1, k <= n, count <= n else { weft_pop(L, 1); return nil }
        }
        return count
    }

    /// The fields an op of `kind` may have, as a bit per field.
    private static func allowedFields(_ kind: String) -> UInt8? {
        switch kind {
        case "text": return Field.kind | Field.row | Field.col | Field.text | Field.hl
        case "fill": return Field.kind | Field.row | Field.col | Field.width | Field.height | Field.char | Field.hl
        case "clear": return Field.kind | Field.hl
        case "cursor": return Field.kind | Field.row | Field.col
        default: return nil
        }
    }

    private enum Field {
        static let kind: UInt8 = 1, row: UInt8 = 2, col: UInt8 = 4, text: UInt8 = 8
        static let hl: UInt8 = 16, width: UInt8 = 32, height: UInt8 = 64, char: UInt8 = 128

        /// The bit of the field named by the `count` bytes at `p` (compared
        /// bytewise: no String is made for the key), or nil.
        static func bit(_ p: UnsafePointer<CChar>, _ count: Int) -> UInt8? {
            func equals(_ name: StaticString) -> Bool {
                name.utf8CodeUnitCount == count && memcmp(p, name.utf8Start, count) == 0
            }
            switch count {
            case 2: return equals("hl") ? hl : nil
            case 3: return equals("row") ? row : equals("col") ? col : nil
            case 4: return equals("kind") ? kind : equals("text") ? text : equals("char") ? char : nil
            case 5: return equals("width") ? width : nil
            case 6: return equals("height") ? height : nil
            default: return nil
            }
        }
    }

    /// One op read from the table at `t`, or nil to let the general parser
    /// decide.
    private static func op(_ L: OpaquePointer, _ t: Int32) -> DrawOp? {
        guard let kind = string(L, t, "kind"), let allowed = allowedFields(kind),
              let present = fieldMask(L, t), present & ~allowed == 0 else { return nil }
        switch kind {
        case "text":
            guard let row = int(L, t, "row"), let col = int(L, t, "col"),
                  let text = string(L, t, "text"), let hl = optString(L, t, "hl") else { return nil }
            return .text(row: row, col: col, text: text, hl: hl)
        case "fill":
            guard let row = int(L, t, "row"), let col = int(L, t, "col"),
                  let width = int(L, t, "width"), let height = int(L, t, "height"), width >= 0, height >= 0,
                  let char = optString(L, t, "char"), let hl = optString(L, t, "hl") else { return nil }
            return .fill(row: row, col: col, width: width, height: height, char: char ?? " ", hl: hl)
        case "clear":
            guard let hl = optString(L, t, "hl") else { return nil }
            return .clear(hl: hl)
        default:
            guard let row = int(L, t, "row"), let col = int(L, t, "col") else { return nil }
            return .cursor(row: row, col: col)
        }
    }

    /// The fields present in the table at `t` as a mask, or nil when a key
    /// is not a known field name.
    private static func fieldMask(_ L: OpaquePointer, _ t: Int32) -> UInt8? {
        var mask: UInt8 = 0
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            weft_pop(L, 1)
            var len = 0
            guard lua_type(L, -1) == LUA_TSTRING, let p = lua_tolstring(L, -1, &len),
                  let bit = Field.bit(p, len) else { weft_pop(L, 1); return nil }
            mask |= bit
        }
        return mask
    }

    /// Integer field `key`, clamped like the general parser; nil when absent
    /// or not an integer.
    private static func int(_ L: OpaquePointer, _ t: Int32, _ key: String) -> Int? {
        defer { weft_pop(L, 1) }
        guard weft_rawgetfield(L, t, key) == LUA_TNUMBER, lua_isinteger(L, -1) != 0 else { return nil }
        return min(max(Int(lua_tointegerx(L, -1, nil)), -limit), limit)
    }

    /// String field `key`; nil when absent or not a string.
    private static func string(_ L: OpaquePointer, _ t: Int32, _ key: String) -> String? {
        defer { weft_pop(L, 1) }
        guard weft_rawgetfield(L, t, key) == LUA_TSTRING else { return nil }
        return LuaValue.string(L, at: -1)
    }

    /// Optional string field: `.some(nil)` when absent, nil when present but
    /// not a string.
    private static func optString(_ L: OpaquePointer, _ t: Int32, _ key: String) -> String?? {
        defer { weft_pop(L, 1) }
        switch weft_rawgetfield(L, t, key) {
        case LUA_TNIL: return .some(nil)
        case LUA_TSTRING: return .some(LuaValue.string(L, at: -1))
        default: return nil
        }
    }
}
