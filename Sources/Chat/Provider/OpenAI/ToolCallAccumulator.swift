import Foundation
import Kernel

/// Assembles streamed tool-call fragments into complete calls.
///
/// Fragments are grouped by `index`; argument fragments are appended in
/// arrival order and the text is checked once, at the end. Servers differ:
///
/// - OpenAI sends id and name on the first fragment of each index, then
///   argument pieces only.
/// - Some servers reuse index 0 for parallel calls: a fragment for an index
///   whose slot already has a name, carrying a different id *and* a name,
///   opens a new slot (when it repeats the same name, only if the current
///   arguments are already a complete JSON value).
/// - Some send a new id on every fragment: without a name, a different id
///   is ignored (the first id is kept, so the result echoes it).
///
/// ```swift
/// var acc = ToolCallAccumulator()
/// acc.add(OpenAIToolCallDelta(index: 0, id: "call_1", name: "read_file", arguments: "{\"pa"))
/// acc.add(OpenAIToolCallDelta(index: 0, arguments: "th\":\"a\"}"))
/// acc.finish()  // [ToolCallRequest(id: "call_1", name: "read_file", arguments: "{\"path\":\"a\"}")]
/// ```
public struct ToolCallAccumulator: Sendable {
    private struct Slot: Sendable {
        var id: String
        var name: String
        var arguments: String
    }

    private var slots: [Slot] = []
    private var current: [Int: Int] = [:]  // server index -> slot position

    /// Creates an empty accumulator.
    public init() {}

    /// True when no fragment was added since the last ``finish()``.
    public var isEmpty: Bool { slots.isEmpty }

    /// Adds one fragment.
    public mutating func add(_ delta: OpenAIToolCallDelta) {
        guard let pos = current[delta.index], pos < slots.count else {
            openSlot(delta)
            return
        }
        var slot = slots[pos]
        if startsNewCall(delta, after: slot) {
            openSlot(delta)
            return
        }
        if slot.id.isEmpty, let id = delta.id { slot.id = id }
        if slot.name.isEmpty, let name = delta.name { slot.name = name }
        if let a = delta.arguments { slot.arguments += a }
        slots[pos] = slot
    }

    /// The completed calls in the order they started, and a reset. Missing
    /// ids become `call_N`; empty arguments become `{}`; arguments that are
    /// not valid JSON are passed as sent (the tool reports the problem).
    public mutating func finish() -> [ToolCallRequest] {
        defer {
            slots = []
            current = [:]
        }
        return slots.enumerated().compactMap { n, s in
            if s.name.isEmpty && s.arguments.isEmpty { return nil }
            let trimmed = s.arguments.trimmingCharacters(in: .whitespacesAndNewlines)
            return ToolCallRequest(id: s.id.isEmpty ? "call_\(n)" : s.id, name: s.name,
                                   arguments: trimmed.isEmpty ? "{}" : s.arguments)
        }
    }

    private mutating func openSlot(_ delta: OpenAIToolCallDelta) {
        current[delta.index] = slots.count
        slots.append(Slot(id: delta.id ?? "", name: delta.name ?? "", arguments: delta.arguments ?? ""))
    }

    private func startsNewCall(_ delta: OpenAIToolCallDelta, after slot: Slot) -> Bool {
        guard !slot.name.isEmpty, let id = delta.id, !slot.id.isEmpty, id != slot.id,
              let name = delta.name else { return false }
        if name != slot.name { return true }
        return (try? JSON.decode(slot.arguments, surrogates: .replace)) != nil
    }
}
