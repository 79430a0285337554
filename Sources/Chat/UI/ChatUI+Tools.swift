import Foundation
import Kernel

// `/tools`: every tool the model may call, with its policy (ask, allow,
// deny) and description: the built-ins, tools from Lua and plugins, and
// MCP servers' tools (`mcp__SERVER__TOOL`).
extension ChatUI {
    func installToolsCommand() throws {
        try editor.commands.create(name: "tools", options: CommandOptions(
            desc: "list the tools the model may call, with their approval policy", owner: "weft")) {
            [unowned self] _ in self.showNotice(self.toolsReport())
        }
    }

    /// One line per tool: name, policy, first line of its description.
    func toolsReport() -> String {
        let tools = controller.tools.list()
        guard !tools.isEmpty else { return "No tools." }
        let width = min(40, tools.map { $0.name.count }.max() ?? 0)
        var lines = ["Tools (\(tools.count); policy: ask, allow or deny; mode \(controller.permissionMode.rawValue)):"]
        for t in tools {
            let policy = controller.tools.policy(for: t.name)?.rawValue ?? "?"
            let desc = t.description.split(separator: "\n").first.map(String.init) ?? ""
            let short = desc.count > 70 ? String(desc.prefix(69)) + "…" : desc
            lines.append("  \(t.name.padding(toLength: max(width, t.name.count), withPad: " ", startingAt: 0))  \(policy.padding(toLength: 5, withPad: " ", startingAt: 0))  \(short)")
        }
        return lines.joined(separator: "\n")
    }
}
