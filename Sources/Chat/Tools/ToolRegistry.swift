import Foundation
import Kernel
import Synchronization

/// Whether a tool may run without asking.
public enum ToolPolicy: String, Hashable, Sendable, CaseIterable {
    /// Ask the user every time (the default for tools that need approval).
    case ask
    /// Run without asking (the default for the others).
    case allow
    /// Never run; the model gets a "denied" result.
    case deny
}

/// The user's answer to an approval prompt.
public enum ToolApprovalDecision: String, Hashable, Sendable, CaseIterable {
    /// Run this call.
    case allow
    /// Do not run this call.
    case deny
    /// Run this call and every later call of the tool this session (sets
    /// the policy to ``ToolPolicy/allow``).
    case alwaysAllow
}

/// The tools the model may call and the approval policy of each.
///
/// Thread-safe (one mutex over its state): the UI registers tools and
/// answers approvals on the main thread while workers look tools up and run
/// them.
public final class ToolRegistry: Sendable {
    private struct State {
        var tools: [Tool] = []
        var policies: [String: ToolPolicy] = [:]
    }

    private let state = Mutex(State())

    /// An empty registry.
    public init() {}

    /// A registry with the built-in tools: `read_file`, `list_files`,
    /// `grep`, `edit_file`, `write_file`, `run_command`.
    public static func withBuiltins(commandTimeout: Double = RunCommandTool.defaultTimeout) -> ToolRegistry {
        let registry = ToolRegistry()
        registry.register(ReadFileTool())
        registry.register(ListFilesTool())
        registry.register(GrepTool())
        registry.register(EditFileTool())
        registry.register(WriteFileTool())
        registry.register(RunCommandTool(timeout: commandTimeout))
        return registry
    }

    /// Adds `tool`, replacing a tool of the same name (in place, keeping its
    /// position). The policy resets to the tool's default.
    public func register(_ tool: Tool) {
        state.withLock { s in
            if let i = s.tools.firstIndex(where: { $0.name == tool.name }) { s.tools[i] = tool } else { s.tools.append(tool) }
            s.policies[tool.name] = nil
        }
    }

    /// Removes the named tool; returns false if there was none.
    @discardableResult
    public func unregister(_ name: String) -> Bool {
        state.withLock { s in
            guard let i = s.tools.firstIndex(where: { $0.name == name }) else { return false }
            s.tools.remove(at: i)
            s.policies[name] = nil
            return true
        }
    }

    /// The tools in registration order.
    public func list() -> [Tool] {
        state.withLock { $0.tools }
    }

    /// The schemas to send to a provider, in registration order.
    public func schemas() -> [ToolSchema] { list().map(\.schema) }

    /// The named tool, or nil.
    public func lookup(_ name: String) -> Tool? {
        state.withLock { s in s.tools.first(where: { $0.name == name }) }
    }

    /// The tool's current policy: the one set, else `.ask` if it needs
    /// approval and `.allow` if not. Nil for an unknown tool.
    public func policy(for name: String) -> ToolPolicy? {
        state.withLock { s in
            guard let tool = s.tools.first(where: { $0.name == name }) else { return nil }
            return s.policies[name] ?? (tool.needsApproval ? .ask : .allow)
        }
    }

    /// The policy set for a tool (from Lua, or by "always allow"), or nil
    /// when it has its default.
    public func explicitPolicy(for name: String) -> ToolPolicy? {
        state.withLock { $0.policies[name] }
    }

    /// Sets the policy of a tool (e.g. from Lua).
    /// - Throws: ``KernelError/notFound(_:)`` for an unknown tool.
    public func setPolicy(_ policy: ToolPolicy, for name: String) throws {
        let known = state.withLock { s in
            guard s.tools.contains(where: { $0.name == name }) else { return false }
            s.policies[name] = policy
            return true
        }
        guard known else { throw KernelError.notFound("tool: no tool named \(name)") }
    }

    /// Applies the user's answer to an approval prompt and says whether this
    /// call may run: `.allow` runs once, `.deny` refuses once (the policy
    /// stays `.ask`), `.alwaysAllow` runs and sets the policy to `.allow`.
    /// Returns false for an unknown tool.
    @discardableResult
    public func decide(_ decision: ToolApprovalDecision, for name: String) -> Bool {
        state.withLock { s in
            guard s.tools.contains(where: { $0.name == name }) else { return false }
            switch decision {
            case .allow: return true
            case .deny: return false
            case .alwaysAllow:
                s.policies[name] = .allow
                return true
            }
        }
    }

    /// Resets every policy to its tool's default (e.g. for `/new`).
    public func resetPolicies() {
        state.withLock { $0.policies.removeAll() }
    }

    /// Runs a call whose approval was settled (policy `.allow`, or the user
    /// allowed it): unknown tools, bad JSON and invalid arguments are error
    /// results. Blocking: call it from a worker thread.
    public func execute(_ call: ToolCallRequest, context: ToolContext) -> ToolResult {
        guard let tool = lookup(call.name) else {
            let known = list().map(\.name).joined(separator: ", ")
            return .failure("unknown tool: \(call.name) (available: \(known))")
        }
        return tool.execute(json: call.arguments, context: context)
    }

    /// The result given to the model for a denied call.
    public static func deniedResult(_ name: String) -> ToolResult {
        .failure("denied: the user did not allow \(name) to run")
    }
}
