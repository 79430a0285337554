import Kernel
import Synchronization

/// Carries a provider's events from its task to the loop thread in
/// batches: however fast the events come, the loop runs one delivery pass
/// per iteration, with adjacent text (and thinking) deltas merged as they
/// arrive (the one place deltas are merged), so a fast stream costs one
/// projection per frame and never starves input.
///
/// ```swift
/// let inbox = ProviderInbox(poster: loop.poster) { event in controller.receive(event) }
/// provider.stream(request: req) { inbox.add($0) }
/// ```
final class ProviderInbox: Sendable {
    private struct Queue {
        var events: [ProviderEvent] = []
        var scheduled = false
    }

    private let queue = Mutex(Queue())
    private let poster: LoopPoster
    /// Runs on the loop thread only.
    private let deliver: LoopBound<(ProviderEvent) -> Void>

    /// Call on the loop thread. `deliver` is called on the loop thread, in
    /// order.
    init(poster: LoopPoster, deliver: @escaping (ProviderEvent) -> Void) {
        self.poster = poster
        self.deliver = LoopBound(deliver)
    }

    /// Queues `event` (any thread, never blocks for long); the first event
    /// of a batch posts the delivery pass.
    func add(_ event: ProviderEvent) {
        let post = queue.withLock { q in
            ProviderEvent.append(event, to: &q.events)
            defer { q.scheduled = true }
            return !q.scheduled
        }
        if post { poster.post { [self] in drain() } }
    }

    /// Runs on the loop thread (posted by `add`).
    private func drain() {
        let batch = queue.withLock { q in
            q.scheduled = false
            return q.events.isEmpty ? [] : q.events.take()
        }
        let deliver = deliver.value
        for e in batch { deliver(e) }
    }
}

extension Array {
    /// The elements, leaving the array empty (no copy of the storage).
    fileprivate mutating func take() -> [Element] {
        var out: [Element] = []
        swap(&out, &self)
        return out
    }
}

extension ProviderEvent {
    /// Appends `event` to `events`, joining it to the last event when both
    /// are text deltas (or both thinking deltas). The text is appended in
    /// place, so merging a run of deltas costs their length, not its square.
    public static func append(_ event: ProviderEvent, to events: inout [ProviderEvent]) {
        switch event {
        case .textDelta(let more) where events.last?.isTextDelta == true:
            events[events.count - 1].extend(more)
        case .thinkingDelta(let more) where events.last?.isThinkingDelta == true:
            events[events.count - 1].extend(more)
        default:
            events.append(event)
        }
    }

    private var isTextDelta: Bool {
        if case .textDelta = self { return true }
        return false
    }

    private var isThinkingDelta: Bool {
        if case .thinkingDelta = self { return true }
        return false
    }

    /// Appends `more` to a text or thinking delta's text, in place: the
    /// case is replaced for the time of the append so the text's storage
    /// is uniquely referenced.
    private mutating func extend(_ more: String) {
        // The text is consumed out of its binding and the case replaced, so
        // the append sees the only reference.
        if case .textDelta(let old) = self {
            var text = consume old
            self = .finish(reason: "")
            text += more
            self = .textDelta(text)
        } else if case .thinkingDelta(let old) = self {
            var text = consume old
            self = .finish(reason: "")
            text += more
            self = .thinkingDelta(text)
        }
    }

}
