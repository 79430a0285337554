import Foundation
import Kernel

// Loading init.lua and scripts: package.path, owner = the file's path.

extension LuaRuntime {
    /// Sets `package.path` so that `require` finds modules in
    /// `<configDir>/lua/` and `<runtimeDir>/lua/` (then Lua's defaults).
    public func setPackagePath(configDir: String?) throws {
        var dirs: [String] = []
        if let configDir { dirs.append(configDir) }
        if !runtimeDir.isEmpty { dirs.append(runtimeDir) }
        // Each directory is added once (loading a config again adds nothing).
        for dir in dirs.reversed() { try addPackageDir(dir + "/lua") }
    }

    /// Loads a config file (`init.lua`): `package.path` gains the file's
    /// directory `lua/` and the runtime's `lua/`, and the file runs as owner
    /// = its path, under the time budget.
    ///
    /// - Throws: `LuaError` whose message has "file:line: message" and a
    ///   traceback. The caller shows it; weft still starts with what the
    ///   file registered before failing.
    public func loadConfig(path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try setPackagePath(configDir: dir.isEmpty ? "." : dir)
        _ = try runFile(path, budgeted: true)
    }

    /// Runs a script (`weft --headless -l FILE`) as owner = its path, with
    /// `args` as `...`, without a time budget for the script's own body
    /// (handlers it triggers still have theirs).
    @discardableResult
    public func runScript(path: String, args: [String] = []) throws -> [Value] {
        try setPackagePath(configDir: nil)
        return try runFile(path, budgeted: false, args: args.map { .string($0) })
    }

    private func runFile(_ path: String, budgeted: Bool, args: [Value] = []) throws -> [Value] {
        if !loadedFiles.contains(path) { loadedFiles.append(path) }
        return try measure(owner: path) {
            do {
                return try state.runFile(path, args: args, budgeted: budgeted)
            } catch LuaError.runtime(let msg) where budgeted && state.budgetTripped {
                throw LuaError.runtime("\(path) exceeded its time budget (\(budgetMs) ms) and was aborted: \(msg)")
            }
        }
    }
}
