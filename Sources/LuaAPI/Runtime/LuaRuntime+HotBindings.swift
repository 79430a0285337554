import CLua
import CLuaShim

// The hottest bindings (`buf.get_lines`, `buf.set_lines`, `extmark.set`),
// pushed from closure literals instead of through a `[String: Body]`
// dictionary: a closure stored in a dictionary and read back out is
// wrapped in reabstraction thunks (four between the trampoline and the
// body, about 86 instructions a call, 3-4% of a get_lines). Their tables'
// other functions are registered from `bufFunctions` and `extmarkFunctions`
// as usual. Each reaches the runtime through `link` (no reference counting
// per call; see RuntimeLink for why it is safe: none of them calls anything
// that could release the runtime while using it).

extension LuaRuntime {
    func installHotBindings() {
        pushHot("buf", "get_lines") { [link] c in try Self.getLines(link, c) }
        pushHot("buf", "set_lines") { [link] c in try Self.setLines(link, c) }
        pushHot("extmark", "set") { [link] c in try link.with(c) { try $0.setExtmark(c) } }
    }

    /// Sets `weft.<table>.<name>` to `body`.
    private func pushHot(_ table: String, _ name: String, _ body: @escaping LuaFunction.Body) {
        let L = state.L
        lua_rawgeti(L, weft_registryindex(), lua_Integer(weftRef))
        LuaState.enterSubtable(L, table)
        LuaFunction.push(L, name: "weft.\(table).\(name)", body)
        weft_rawsetfield(L, -2, name)
        weft_pop(L, 1)
    }
}
