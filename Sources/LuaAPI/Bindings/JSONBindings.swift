import CLua
import CLuaShim
import Kernel

// weft.json: encode/decode through the `JSON` codec. Encoding reads the
// Lua value strictly (functions, userdata, cycles and odd keys are errors);
// an empty table encodes as `[]`; JSON null decodes to nil.

extension LuaRuntime {
    func jsonFunctions() -> [String: LuaFunction.Body] {
        [
            "encode": { c in
                guard c.count >= 1 else { throw c.bad(1, "value expected") }
                var seen = Set<UnsafeRawPointer>()
                let v = try StrictValue.read(c, at: 1, seen: &seen, depth: 0)
                do { return c.push(try JSON.encode(v)) } catch { throw c.fail("\(error)") }
            },
            "decode": { c in
                let s = try c.string(1)
                do { return c.push(try JSON.decode(s)) } catch { throw c.fail("\(error)") }
            },
        ]
    }
}

/// Lua -> `Value` for encoding, failing on what JSON cannot represent.
enum StrictValue {
    static func read(_ c: LuaCall, at index: Int32, seen: inout Set<UnsafeRawPointer>, depth: Int) throws -> Value {
        let L = c.L
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .null
        case LUA_TTABLE: break
        case LUA_TFUNCTION, LUA_TUSERDATA, LUA_TLIGHTUSERDATA, LUA_TTHREAD:
            throw c.fail("cannot encode a \(LuaValue.typeName(L, at: index)) as JSON")
        default: return LuaValue.value(L, at: index)
        }
        guard depth < JSON.maxDepth, lua_checkstack(L, 4) != 0 else {
            throw c.fail("cannot encode: tables nested too deeply")
        }
        let t = lua_absindex(L, index)
        guard let ptr = lua_topointer(L, t) else { return .null }
        guard seen.insert(ptr).inserted else { throw c.fail("cannot encode a table that contains itself (cycle)") }
        defer { seen.remove(ptr) }
        let n = Int(lua_rawlen(L, t))
        var dict: [String: Value] = [:]
        var pairs = 0
        var seqKeys = 0
        lua_pushnil(L)
        while lua_next(L, t) != 0 {
            pairs += 1
            let key: String
            switch lua_type(L, -2) {
            case LUA_TSTRING: key = LuaValue.string(L, at: -2) ?? ""
            case LUA_TNUMBER:
                let k = LuaValue.value(L, at: -2)
                if let i = k.int, case .int = k, i >= 1, i <= n { seqKeys += 1 }
                key = k.description
            default:
                let name = LuaValue.typeName(L, at: -2)
                weft_pop(L, 2)
                throw c.fail("cannot encode a table key of type \(name)")
            }
            do {
                dict[key] = try read(c, at: -1, seen: &seen, depth: depth + 1)
            } catch {
                weft_pop(L, 2)
                throw error
            }
            weft_pop(L, 1)
        }
        if pairs == n && seqKeys == n {
            return .array((1...max(1, n)).prefix(n).map { dict[String($0)] ?? .null })
        }
        return .table(dict)
    }
}
