import CLua
import Glibc
import CLuaShim
import Kernel

// A fast path for `weft.ui.draw`: extension windows send thousands of ops
// per frame, and converting the whole list to `Value`s first (a dictionary
// per op) cost more than drawing them. The common, valid shapes are read
// straight from the Lua stack, each op table in one C walk
// (`weft_draw_read_fields`); anything else (spans, a wrong type, an
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
        guard weft_draw_is_list(L, list, lua_Integer(n)) != 0 else { return nil }
        var ops: [DrawOp] = []
        ops.reserveCapacity(n)
        var lastHl = LastString()
        var i = 1
        while i <= n {
            lua_rawgeti(L, list, lua_Integer(i))
            defer { weft_pop(L, 1) }
            guard lua_type(L, -1) == LUA_TTABLE, let op = op(L, lua_gettop(L), &lastHl) else { return nil }
            ops.append(op)
            i += 1
        }
        return ops
    }

    /// The fields each kind may have (`WEFT_DRAW_*` bits).
    private static func allowed(_ kind: Int32) -> UInt32 {
        switch kind {
        case WEFT_DRAW_OP_TEXT: return WEFT_DRAW_KIND | WEFT_DRAW_ROW | WEFT_DRAW_COL | WEFT_DRAW_TEXT | WEFT_DRAW_HL
        case WEFT_DRAW_OP_FILL:
            return WEFT_DRAW_KIND | WEFT_DRAW_ROW | WEFT_DRAW_COL | WEFT_DRAW_WIDTH | WEFT_DRAW_HEIGHT | WEFT_DRAW_CHAR
                | WEFT_DRAW_HL
        case WEFT_DRAW_OP_CLEAR: return WEFT_DRAW_KIND | WEFT_DRAW_HL
        default: return WEFT_DRAW_KIND | WEFT_DRAW_ROW | WEFT_DRAW_COL
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

        mutating func read(_ s: weft_draw_string) -> String {
            if s.bytes == pointer && s.length == length { return string }
            pointer = s.bytes
            length = s.length
            string = LuaValue.decode(s.bytes, s.length)
            return string
        }
    }

    /// One op read from the table at `t`, or nil to let the general parser
    /// decide.
    private static func op(_ L: OpaquePointer, _ t: Int32, _ lastHl: inout LastString) -> DrawOp? {
        var f = weft_draw_fields()
        guard weft_draw_read_fields(L, t, &f) != 0, f.kind >= 0, f.mask & ~allowed(f.kind) == 0 else { return nil }
        func has(_ bits: UInt32) -> Bool { f.mask & bits == bits }
        func clamped(_ v: lua_Integer) -> Int { min(max(Int(v), -DrawOps.limit), DrawOps.limit) }
        func string(_ s: weft_draw_string) -> String { LuaValue.decode(s.bytes, s.length) }
        let hl = has(WEFT_DRAW_HL) ? lastHl.read(f.hl) : nil
        switch f.kind {
        case WEFT_DRAW_OP_TEXT:
            guard has(WEFT_DRAW_ROW | WEFT_DRAW_COL | WEFT_DRAW_TEXT) else { return nil }
            return .text(row: clamped(f.row), col: clamped(f.col), text: string(f.text), hl: hl)
        case WEFT_DRAW_OP_FILL:
            guard has(WEFT_DRAW_ROW | WEFT_DRAW_COL | WEFT_DRAW_WIDTH | WEFT_DRAW_HEIGHT) else { return nil }
            let width = clamped(f.width), height = clamped(f.height)
            guard width >= 0, height >= 0 else { return nil }
            return .fill(row: clamped(f.row), col: clamped(f.col), width: width, height: height,
                         char: has(WEFT_DRAW_CHAR) ? string(f.chr) : " ", hl: hl)
        case WEFT_DRAW_OP_CLEAR:
            return .clear(hl: hl)
        default:
            guard has(WEFT_DRAW_ROW | WEFT_DRAW_COL) else { return nil }
            return .cursor(row: clamped(f.row), col: clamped(f.col))
        }
    }
}
