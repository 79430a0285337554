import Foundation
import Kernel

/// One line of a session file.
///
/// `message` is a finished message (user, assistant, tool result, system);
/// `partial` is a snapshot of the assistant reply being streamed (the full
/// text so far; a later `partial` or the finished assistant `message`
/// supersedes it); `partial_append` carries only the text and thinking the
/// reply gained since the record before it (so a long reply costs
/// O(new text) per snapshot); `meta` carries session data (title, model,
/// provider, cwd) in ``meta``.
public struct SessionRecord: Hashable, Sendable {
    /// The kind of a record.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A finished message (fsynced when appended).
        case message
        /// The reply streamed so far (not fsynced).
        case partial
        /// Text and thinking appended to the `partial` before it (not fsynced).
        case partialAppend = "partial_append"
        /// Session data, not a message.
        case meta
    }

    /// What this line is.
    public var kind: Kind
    /// Who wrote the message (nil for meta).
    public var role: ProviderRole?
    /// The message text (tool output for tool results).
    public var text: String
    /// The assistant's reasoning, if any.
    public var thinking: String?
    /// Tool calls an assistant message made.
    public var toolCalls: [ToolCallRequest]
    /// For tool results: the call answered.
    public var toolCallID: String?
    /// For tool results: the tool's name.
    public var toolName: String?
    /// True for a failed tool result or an error message.
    public var isError: Bool
    /// True for a reply that was cut off (interrupt, crash).
    public var interrupted: Bool
    /// When it was written, in seconds since 1970.
    public var time: Double
    /// Extra data (meta records: `title`, `model`, `provider`, `cwd`, ...;
    /// user messages: `shell` for a `!command` run, `note` for a notice).
    public var meta: [String: Value]
    /// An assistant reply's signed or redacted reasoning, kept so a resumed
    /// session can send it back unchanged (see ``SignedThinking``).
    public var signedThinking: [SignedThinking]
    /// For tool results that changed a file: the change as a unified diff.
    public var diff: String?

    /// Creates a record; `time` defaults to now.
    public init(kind: Kind, role: ProviderRole? = nil, text: String = "", thinking: String? = nil,
                toolCalls: [ToolCallRequest] = [], toolCallID: String? = nil, toolName: String? = nil,
                isError: Bool = false, interrupted: Bool = false,
                time: Double = Date().timeIntervalSince1970, meta: [String: Value] = [:],
                signedThinking: [SignedThinking] = [], diff: String? = nil) {
        self.kind = kind
        self.role = role
        self.text = text
        self.thinking = thinking
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.toolName = toolName
        self.isError = isError
        self.interrupted = interrupted
        self.time = time
        self.meta = meta
        self.signedThinking = signedThinking
        self.diff = diff
    }

    /// True for `partial` and `partial_append`: a reply still streaming.
    public var isPartial: Bool { kind == .partial || kind == .partialAppend }

    /// A finished message.
    public static func message(_ role: ProviderRole, _ text: String, time: Double = Date().timeIntervalSince1970) -> SessionRecord {
        SessionRecord(kind: .message, role: role, text: text, time: time)
    }
}

// MARK: - JSON

extension SessionRecord {
    /// The record as one line of JSON (no newline).
    public var jsonLine: String { JSON.line(value) }

    /// The record as a ``Value`` table (absent optionals are left out).
    public var value: Value {
        var t: [String: Value] = ["kind": .string(kind.rawValue), "text": .string(text), "time": .double(time)]
        if let role { t["role"] = .string(role.rawValue) }
        if let thinking { t["thinking"] = .string(thinking) }
        if !toolCalls.isEmpty {
            t["tool_calls"] = .array(toolCalls.map {
                .table(["id": .string($0.id), "name": .string($0.name), "arguments": .string($0.arguments)])
            })
        }
        if let toolCallID { t["tool_call_id"] = .string(toolCallID) }
        if let toolName { t["tool_name"] = .string(toolName) }
        if isError { t["is_error"] = .bool(true) }
        if interrupted { t["interrupted"] = .bool(true) }
        if !meta.isEmpty { t["meta"] = .table(meta) }
        if !signedThinking.isEmpty { t["signed_thinking"] = .array(signedThinking.map(\.value)) }
        if let diff { t["diff"] = .string(diff) }
        return .table(t)
    }

    /// Decodes one JSON line.
    /// - Throws: ``SessionError/corruptLine(_:)`` describing what is wrong.
    public init(jsonLine: String) throws {
        let value: Value
        do { value = try JSON.decode(jsonLine, surrogates: .replace) } catch {
            throw SessionError.corruptLine("\(error)")
        }
        guard let t = value.table else { throw SessionError.corruptLine("not a JSON object") }
        guard let kindName = t["kind"]?.string, let kind = Kind(rawValue: kindName) else {
            throw SessionError.corruptLine("missing or unknown \"kind\"")
        }
        var role: ProviderRole?
        if let name = t["role"]?.string {
            guard let r = ProviderRole(rawValue: name) else { throw SessionError.corruptLine("unknown role \"\(name)\"") }
            role = r
        }
        if kind != .meta && role == nil { throw SessionError.corruptLine("a \(kind.rawValue) needs a \"role\"") }
        let calls: [ToolCallRequest] = (t["tool_calls"]?.array ?? []).compactMap { c in
            guard let id = c["id"]?.string, let name = c["name"]?.string else { return nil }
            return ToolCallRequest(id: id, name: name, arguments: c["arguments"]?.string ?? "{}")
        }
        var time = 0.0
        switch t["time"] {
        case .double(let d)?: time = d
        case .int(let i)?: time = Double(i)
        default: break
        }
        self.init(kind: kind, role: role, text: t["text"]?.string ?? "", thinking: t["thinking"]?.string,
                  toolCalls: calls, toolCallID: t["tool_call_id"]?.string, toolName: t["tool_name"]?.string,
                  isError: t["is_error"] == .bool(true), interrupted: t["interrupted"] == .bool(true),
                  time: time, meta: t["meta"]?.table ?? [:],
                  signedThinking: (t["signed_thinking"]?.array ?? []).compactMap(SignedThinking.init(value:)),
                  diff: t["diff"]?.string)
    }
}

/// Session store failures; messages a user can act on.
public enum SessionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The id has characters other than letters, digits, `-` and `_`.
    case invalidID(String)
    /// No session with that id.
    case notFound(String)
    /// A file-system call failed (path and reason).
    case io(String)
    /// A line could not be decoded (reason).
    case corruptLine(String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .invalidID(let id): return "session: invalid id \"\(id)\" (letters, digits, - and _ only)"
        case .notFound(let id): return "session: no session with id \(id)"
        case .io(let m): return "session: \(m)"
        case .corruptLine(let m): return "session: corrupt line: \(m)"
        }
    }
}
