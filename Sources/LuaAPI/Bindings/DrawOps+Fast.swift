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
        var lastHl = LastString()
        var i = 1
        while i <= n {
            lua_rawgeti(L, list, lua_Integer(i))
            defer { weft_pop(L, 1) }
            guard lua_type(L, -1) == LUA_TTABLE, let op = op(L, lua_absindex(L, -1), &lastHl) else { return nil }
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

    /// The kinds the fast path reads, with the fields each may have (a bit
    /// per field).
    private enum Kind: UInt8 {
        case text, fill, clear, cursor

        init?(_ p: UnsafePointer<CChar>, _ count: Int) {
            func equals(_ name: StaticString) -> Bool {
                name.utf8CodeUnitCount == count && memcmp(p, name.utf8Start, count) == 0
            }
            if equals("text") {
                self = .text
            } else if equals("fill") {
                self = .fill
            } else if equals("clear") {
                self = .clear
            } else if equals("cursor") {
                self = .cursor
            } else {
                return nil
            }
        }

        var allowed: UInt8 {
            switch self {
            case .text: return Field.kind | Field.row | Field.col | Field.text | Field.hl
            case .fill: return Field.kind | Field.row | Field.col | Field.width | Field.height | Field.char | Field.hl
            case .clear: return Field.kind | Field.hl
            case .cursor: return Field.kind | Field.row | Field.col
            }
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

    /// The last highlight name read and the Lua string it came from. Ops
    /// mostly repeat one name; short Lua strings are interned, so the same
    /// name is the same string (and a string's bytes do not move while the
    /// op list holding it is on the stack): a pointer comparison replaces
    /// decoding it again.
    private struct LastString {
        var pointer: UnsafePointer<CChar>?
        var length = 0
        var string = ""

        mutating func read(_ L: OpaquePointer) -> String? {
            var len = 0
            guard lua_type(L, -1) == LUA_TSTRING, let p = lua_tolstring(L, -1, &len) else { return nil }
            if p == pointer && len == length { return string }
            pointer = p
            length = len
            string = LuaValue.decode(p, len)
            return string
        }
    }

    /// The fields of one op table, read in one `lua_next` walk (no key is
    /// interned, no field looked up by name).
    private struct Fields {
        var mask: UInt8 = 0
        var kind: Kind?
        var row = 0, col = 0, width = 0, height = 0
        var text: String?, char: String?, hl: String?

        /// Stores the value at -1 as field `bit`; false when its type is
        /// not the field's (the general parser then reports it).
        mutating func store(_ bit: UInt8, _ L: OpaquePointer, _ lastHl: inout LastString) -> Bool {
            mask |= bit
            switch bit {
            case Field.hl:
                guard let s = lastHl.read(L) else { return false }
                hl = s
                return true
            case Field.kind:
                var len = 0
                guard lua_type(L, -1) == LUA_TSTRING, let p = lua_tolstring(L, -1, &len) else { return false }
                kind = Kind(p, len)
                return kind != nil
            case Field.text, Field.char:
                guard let s = LuaValue.string(L, at: -1) else { return false }
                if bit == Field.text { text = s } else { char = s }
                return true
            default:
                guard lua_type(L, -1) == LUA_TNUMBER, lua_isinteger(L, -1) != 0 else { return false }
                let v = min(max(Int(lua_tointegerx(L, -1, nil)), -DrawOps.limit), DrawOps.limit)
                switch bit {
                case Field.row: row = v
                case Field.col: col = v
                case Field.width: width = v
                default: height = v
                }
                return true
            }
        }

        func has(_ bits: UInt8) -> Bool { mask & bits == bits }
    }

    /// One op read from the table at `t`, or nil to let the general parser
    /// decide.
    private static func op(_ L: OpaquePointer, _ t: Int32, _ lastHl: inout LastString) -> DrawOp? {
        guard let f = fields(L, t, &lastHl), let kind = f.kind, f.mask & ~kind.allowed == 0 else { return nil }
        switch kind {
        case .text:
            guard f.has(Field.row | Field.col | Field.text), let text = f.text else { return nil }
            return .text(row: f.row, col: f.col, text: text, hl: f.hl)
        case .fill:
            guard f.has(Field.row | Field.col | Field.width | Field.height), f.width >= 0, f.height >= 0 else { return nil }
            return .fill(row: f.row, col: f.col, width: f.width, height: f.height, char: f.char ?? " ", hl: f.hl)
        case .clear:
            return .clear(hl: f.hl)
        case .cursor:
            guard f.has(Field.row | Field.col) else { return nil }
            return .cursor(row: f.row, col: f.col)
        }
    }

    /// The fields of the table at `t`, or nil when a key is not a known
    /// field name or a value has the wrong type.
    private static func fields(_ L: OpaquePointer, _ t: Int32, _ lastHl: inout LastString) -> Fields? {
        var f = Fields()
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            var len = 0
            guard lua_type(L, -2) == LUA_TSTRING, let p = lua_tolstring(L, -2, &len),
                  let bit = Field.bit(p, len), f.store(bit, L, &lastHl) else { weft_pop(L, 2); return nil }
            weft_pop(L, 1)
        }
        return f
    }
}
