import Kernel
import LuaAPI
import MCPClient

/// `weft.chat.mcp`: list, add and remove MCP servers from Lua.
enum MCPLuaBindings {
    /// Which owner (plugin or config file) added each server, so a
    /// plugin's servers stop when it is reloaded or unloaded.
    final class Owners {
        var byServer: [String: String] = [:]
    }

    static func install(_ lua: LuaRuntime, manager: MCPManager) {
        let owners = Owners()
        lua.addOwnerHook(OwnerHook(kind: "mcp server",
                                   count: { owner in owners.byServer.values.filter { $0 == owner }.count },
                                   remove: { owner in
                                       for (name, o) in owners.byServer where o == owner {
                                           manager.remove(name)
                                           owners.byServer[name] = nil
                                       }
                                   }))
        lua.register(table: "chat.mcp", functions: [
            "list": { call in
                call.push(.array(manager.list().map(statusValue)))
            },
            "add": { call in
                let name = try call.string(1)
                guard MCPToolName.isValidServerName(name) else {
                    throw call.bad(1, "server names use letters, digits, - and _ (no __), at most 32; got '\(name)'")
                }
                let config: MCPServerConfig
                do { config = try MCPServerConfig.parse(name: name, .table(try call.table(2))) } catch {
                    throw call.bad(2, "\(error)")
                }
                manager.add(MCPServerEntry(name: name, source: .lua, config: .success(config)))
                owners.byServer[name] = lua.currentOwner
                return 0
            },
            "remove": { call in
                let name = try call.string(1)
                owners.byServer[name] = nil
                return call.push(.bool(manager.remove(name)))
            },
        ])
    }

    /// One server as `weft.chat.mcp.list()` shows it.
    static func statusValue(_ s: MCPManager.Status) -> Value {
        var t: [String: Value] = ["name": .string(s.name), "state": .string(s.state), "source": .string(s.source.rawValue),
                                  "target": .string(s.target), "tools": .array(s.tools.map { .string($0) })]
        if let transport = s.transport { t["transport"] = .string(transport) }
        if let e = s.error { t["error"] = .string(e) }
        return .table(t)
    }
}
