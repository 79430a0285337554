import CLua
import CLuaShim

// Several integer arguments in one call into C (`weft_int_args`): the
// hottest bindings read three or four, and `int(_:)` costs two calls into
// Lua plus Swift's checks per argument (about 80 instructions each). Nil
// when one is not a Lua integer: the binding then reads them through
// `int(_:)`, which accepts a float with an integer value and names a bad
// argument in its error.

extension LuaCall {
    /// Arguments `first`, `first + 1` and `first + 2` when all are integers.
    @inline(__always)
    public func ints3(_ first: Int32) -> (Int, Int, Int)? {
        var a: (lua_Integer, lua_Integer, lua_Integer) = (0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &a) { raw in
            weft_int_args(L, first, 3, raw.baseAddress!.assumingMemoryBound(to: lua_Integer.self))
        }
        return ok != 0 ? (Int(a.0), Int(a.1), Int(a.2)) : nil
    }

    /// Arguments `first` to `first + 3` when all are integers.
    @inline(__always)
    public func ints4(_ first: Int32) -> (Int, Int, Int, Int)? {
        var a: (lua_Integer, lua_Integer, lua_Integer, lua_Integer) = (0, 0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &a) { raw in
            weft_int_args(L, first, 4, raw.baseAddress!.assumingMemoryBound(to: lua_Integer.self))
        }
        return ok != 0 ? (Int(a.0), Int(a.1), Int(a.2), Int(a.3)) : nil
    }
}
