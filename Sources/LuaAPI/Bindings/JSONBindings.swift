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
                var reader = LuaValueReader(c.L, strict: true)
                let v: Value
                do throws(LuaValueError) { v = try reader.read(at: 1) } catch .budgetExpired { throw LuaBudgetExpired() } catch {
                    throw c.fail(Self.encodeFailure(error))
                }
                do { return c.push(try JSON.encode(v)) } catch { throw c.fail("\(error)") }
            },
            "decode": { c in
                let s = try c.string(1)
                do { return c.push(try JSON.decode(s)) } catch { throw c.fail("\(error)") }
            },
        ]
    }

    /// Why a Lua value cannot be encoded, in the words of `weft.json.encode`.
    static func encodeFailure(_ e: LuaValueError) -> String {
        switch e {
        case .unsupported(let type): return "cannot encode a \(type) as JSON"
        case .badKey(let type): return "cannot encode a table key of type \(type)"
        case .cycle: return "cannot encode a table that contains itself (cycle)"
        case .tooDeep: return "cannot encode: tables nested too deeply"
        case .tooLarge, .budgetExpired: return "cannot encode: \(e)"
        }
    }
}
