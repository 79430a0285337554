import Kernel

// weft.ui.get_config / set_config: the frontend's options (`inline`).

extension LuaRuntime {
    func uiConfigFunctions() -> [String: LuaFunction.Body] {
        [
            "get_config": { [unowned self] c in
                c.push(.table(ui?.uiConfig() ?? [:]))
            },
            "set_config": { [unowned self] c in
                let t = try c.table(1)
                guard let ui else { throw c.fail("no UI attached") }
                for key in t.keys.sorted() {
                    do {
                        try ui.setUIConfig(key, t[key] ?? .null)
                    } catch let e as KernelError {
                        throw c.bad(1, "field '\(key)': \(e)")
                    }
                }
                return 0
            },
        ]
    }
}
