import CLua
import Kernel

extension LuaCall {
    /// The argument at `i` as plain data; functions, userdata and threads
    /// (which cannot be stored as data) are a bad argument.
    func plain(_ i: Int32) throws -> Value {
        switch type(i) {
        case LUA_TFUNCTION, LUA_TUSERDATA, LUA_TLIGHTUSERDATA, LUA_TTHREAD:
            throw bad(i, "plain data expected (nil, boolean, number, string or table), got \(typeName(i))")
        default:
            return try value(i)
        }
    }
}
