import Chat
import LuaAPI

/// Which owner (plugin or config file) registered each Lua tool, so a
/// plugin's tools go when it is unloaded or reloaded, and `:extensions`
/// counts them.
final class PluginTools {
    private var owners: [String: String] = [:]
    private let tools: ToolRegistry

    init(tools: ToolRegistry) {
        self.tools = tools
    }

    /// Records that `owner` registered tool `name` (replacing any earlier owner).
    func registered(_ name: String, by owner: String) {
        owners[name] = owner
    }

    /// The teardown hook for the Lua runtime (kind "tool").
    var hook: OwnerHook {
        OwnerHook(kind: "tool",
                  count: { owner in self.owners.values.filter { $0 == owner }.count },
                  remove: { owner in
                      for (name, o) in self.owners where o == owner {
                          _ = self.tools.unregister(name)
                          self.owners[name] = nil
                      }
                  })
    }
}
