import Foundation
import Kernel

/// Carries a provider's events from its thread to the loop thread in
/// batches: however fast the events come, the loop runs one delivery pass
/// per iteration, with adjacent text (and thinking) deltas merged, so a
/// fast stream costs one projection per frame and never starves input.
///
/// ```swift
/// let inbox = ProviderInbox(poster: loop.poster) { event in controller.receive(event) }
/// provider.stream(request: req) { inbox.add($0) }
/// ```
final class ProviderInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ProviderEvent] = []
    private var scheduled = false
    private let poster: LoopPoster
    /// Runs on the loop thread only.
    private let deliver: (ProviderEvent) -> Void

    /// - Parameter deliver: called on the loop thread, in order.
    init(poster: LoopPoster, deliver: @escaping (ProviderEvent) -> Void) {
        self.poster = poster
        self.deliver = deliver
    }

    /// Queues `event` (any thread); the first event of a batch posts the
    /// delivery pass.
    func add(_ event: ProviderEvent) {
        lock.lock()
        events.append(event)
        let post = !scheduled
        scheduled = true
        lock.unlock()
        if post { poster.post { [self] in drain() } }
    }

    private func drain() {
        lock.lock()
        let batch = events
        events = []
        scheduled = false
        lock.unlock()
        for e in ProviderEvent.coalesced(batch) { deliver(e) }
    }
}

extension ProviderEvent {
    /// `events` with each run of adjacent text deltas, and of thinking
    /// deltas, joined into one; other events are kept as they are.
    public static func coalesced(_ events: [ProviderEvent]) -> [ProviderEvent] {
        var out: [ProviderEvent] = []
        out.reserveCapacity(events.count)
        for e in events {
            switch (out.last, e) {
            case (.textDelta(let a)?, .textDelta(let b)): out[out.count - 1] = .textDelta(a + b)
            case (.thinkingDelta(let a)?, .thinkingDelta(let b)): out[out.count - 1] = .thinkingDelta(a + b)
            default: out.append(e)
            }
        }
        return out
    }
}
