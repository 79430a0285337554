import Kernel

// package.path and package.loaded for plugins: their `lua/` folder joins
// the search path, and their modules are forgotten when they unload.

extension LuaRuntime {
    /// Runs a plugin file as owner = its path, under the time budget.
    /// - Throws: `LuaError` with "file:line: message" and a traceback.
    public func runOwned(path: String) throws {
        if !loadedFiles.contains(path) { loadedFiles.append(path) }
        try measure(owner: path) {
            do {
                _ = try state.runFile(path, budgeted: true)
            } catch LuaError.runtime(let msg) where state.budgetTripped {
                throw LuaError.runtime("\(path) exceeded its time budget (\(budgetMs) ms) and was aborted: \(msg)")
            }
        }
    }

    /// Puts `<dir>/?.lua;<dir>/?/init.lua` first in `package.path`, once.
    public func addPackageDir(_ dir: String) throws {
        try state.run("""
            local prefix = ...
            if not (";" .. package.path .. ";"):find(";" .. prefix .. ";", 1, true) then
              package.path = prefix .. ";" .. package.path
            end
            """, chunkName: "=package.path", args: [.string("\(dir)/?.lua;\(dir)/?/init.lua")])
    }

    /// Drops from `package.loaded` every module that `require` would load
    /// from `dir`, so the next `require` reads the file again.
    /// - Returns: the module names dropped.
    @discardableResult
    public func unloadModules(under dir: String) -> [String] {
        let r = try? state.run("""
            local pattern = ...
            local dropped = {}
            for name in pairs(package.loaded) do
              if type(name) == "string" and package.searchpath(name, pattern) then
                dropped[#dropped + 1] = name
              end
            end
            for _, name in ipairs(dropped) do package.loaded[name] = nil end
            return dropped
            """, chunkName: "=package.loaded", args: [.string("\(dir)/?.lua;\(dir)/?/init.lua")])
        return r?.first?.array?.compactMap(\.string) ?? []
    }

    /// Whether `require(name)` would find a module (loaded, preloaded, or
    /// on `package.path`/`package.cpath`).
    public func luaModuleExists(_ name: String) -> Bool {
        let r = try? state.run("""
            local name = ...
            if package.loaded[name] ~= nil or package.preload[name] ~= nil then return true end
            return package.searchpath(name, package.path) ~= nil or package.searchpath(name, package.cpath) ~= nil
            """, chunkName: "=require", args: [.string(name)])
        return r?.first == .bool(true)
    }
}
