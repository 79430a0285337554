import Kernel

// The `model_request` event: handlers see the messages about to be sent and
// may replace them.
extension ChatController {
    /// Emits `model_request` with `ev.data.messages` (the provider messages,
    /// see `ProviderMessage.value`) and `ev.data.count`, and returns the
    /// messages to send: `messages` unchanged, or the list a handler passed
    /// to `setRequest` (the last one wins). The table is built only when
    /// someone listens.
    func modelRequestMessages(_ messages: [ProviderMessage]) -> [ProviderMessage] {
        guard editor.events.hasHandlers(.modelRequest) else { return messages }
        requestOverride = nil
        isEmittingModelRequest = true
        editor.emit(.modelRequest, data: .table(["messages": .array(messages.map(\.value)),
                                                   "count": .int(messages.count)]))
        isEmittingModelRequest = false
        defer { requestOverride = nil }
        return requestOverride ?? messages
    }

    /// Replaces the messages of the request being made; only valid inside
    /// a `model_request` handler.
    ///
    ///     // in a handler: add a system message
    ///     try controller.setRequest(.array([.table(["role": "system", "content": "Be brief."])] + old))
    ///
    /// - Throws: `ChatValueError` naming the event and the bad field, or
    ///   when called outside a `model_request` handler.
    public func setRequest(_ value: Value) throws {
        guard isEmittingModelRequest else {
            throw ChatValueError("model_request: the request can only be changed inside a model_request handler")
        }
        do {
            requestOverride = try ProviderMessage.list(from: value)
        } catch let e as ChatValueError {
            throw ChatValueError("model_request: " + e.description)
        }
    }
}
