import Kernel

/// Provider messages as plain data, for the `model_request` event: a
/// handler reads `ev.data.messages` and may hand back an edited list
/// (`weft.chat.set_request`).
///
///     {role = "user", content = "hi"}
///     {role = "assistant", content = "", tool_calls = {{id = "c1", name = "read_file", arguments = "{}"}}}
///     {role = "tool", content = "…", tool_call_id = "c1"}
extension ProviderMessage {
    /// The message as a table (`tool_calls` and `tool_call_id` only when set).
    public var value: Value {
        var t: [String: Value] = ["role": .string(role.rawValue), "content": .string(content)]
        if !toolCalls.isEmpty {
            t["tool_calls"] = .array(toolCalls.map {
                .table(["id": .string($0.id), "name": .string($0.name), "arguments": .string($0.arguments)])
            })
        }
        if let id = toolCallID { t["tool_call_id"] = .string(id) }
        return .table(t)
    }

    /// Reads a list of messages from plain data, naming the first bad field
    /// in the error (`messages[2].role: ...`).
    /// - Throws: `ChatValueError` for anything that is not a valid message list.
    public static func list(from value: Value) throws -> [ProviderMessage] {
        let items: [Value]
        switch value {
        case .array(let a): items = a
        case .table(let t) where t.isEmpty: items = []
        default: throw ChatValueError("messages: expected a list of messages, got \(value.typeName)")
        }
        return try items.enumerated().map { i, item in try ProviderMessage(item, at: "messages[\(i + 1)]") }
    }

    init(_ value: Value, at path: String) throws {
        guard let t = value.table else { throw ChatValueError("\(path): expected a table, got \(value.typeName)") }
        let roles = ProviderRole.allCases.map(\.rawValue)
        for key in t.keys where !["role", "content", "tool_calls", "tool_call_id"].contains(key) {
            throw ChatValueError("\(path): unknown field '\(key)' (role, content, tool_calls, tool_call_id)")
        }
        guard let r = t["role"]?.string, let role = ProviderRole(rawValue: r) else {
            throw ChatValueError("\(path).role: expected one of \(roles.joined(separator: ", ")), got \(t["role"].map { $0.string.map { "'\($0)'" } ?? $0.typeName } ?? "nothing")")
        }
        var content = ""
        if let c = t["content"], c != .null {
            guard let s = c.string else { throw ChatValueError("\(path).content: expected a string, got \(c.typeName)") }
            content = s
        }
        var calls: [ToolCallRequest] = []
        if let list = t["tool_calls"], list != .null {
            guard let items = list.array ?? (list.table?.isEmpty == true ? [] : nil) else {
                throw ChatValueError("\(path).tool_calls: expected a list, got \(list.typeName)")
            }
            for (k, item) in items.enumerated() {
                let p = "\(path).tool_calls[\(k + 1)]"
                guard let c = item.table, let id = c["id"]?.string, let name = c["name"]?.string else {
                    throw ChatValueError("\(p): expected {id = string, name = string, arguments = string}")
                }
                calls.append(ToolCallRequest(id: id, name: name, arguments: c["arguments"]?.string ?? "{}"))
            }
        }
        var callID: String?
        if let id = t["tool_call_id"], id != .null {
            guard let s = id.string else { throw ChatValueError("\(path).tool_call_id: expected a string, got \(id.typeName)") }
            callID = s
        }
        if role == .tool && callID == nil { throw ChatValueError("\(path).tool_call_id: a tool message needs one") }
        self.init(role: role, content: content, toolCalls: calls, toolCallID: callID)
    }
}

/// A chat value from Lua or JSON that does not have the expected shape; the
/// message names the field.
public struct ChatValueError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, starting with the field's path.
    public let description: String

    /// An error with `description`.
    public init(_ description: String) { self.description = description }
}

