/// Waiting for a task's result on the loop thread, without blocking it.
extension MainLoop {
    /// Runs `work` as a task and dispatches this loop (timers, input,
    /// posted closures keep running) until its result is posted back, or
    /// `timeoutMs` pass (then nil; the task is cancelled). Call on the
    /// loop's thread, where no cooperative-pool thread is ever blocked: this
    /// is how code without a running UI (`weft --health`, scripts) awaits
    /// async work in the one model of weft, tasks posting to the loop.
    ///
    /// ```swift
    /// let line = loop.result(timeoutMs: 5_000) { await provider.healthLine() }
    /// ```
    public func result<T: Sendable>(timeoutMs: Int, of work: @escaping @Sendable () async -> T) -> T? {
        let slot = TaskResultSlot<T>()
        let bound = LoopBound(slot)
        let poster = self.poster
        let task = Task {
            let value = await work()
            poster.post { bound.value.value = value }
        }
        _ = run(until: { slot.value != nil }, timeoutMs: timeoutMs)
        if slot.value == nil { task.cancel() }
        return slot.value
    }
}

/// Where a task's result lands on the loop thread.
private final class TaskResultSlot<T> {
    var value: T?
}
