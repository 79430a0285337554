/// The loop's timers: a binary min-heap of due times with lazy deletion.
///
/// Each scheduling gets a fresh sequence number; a heap entry is live only
/// while its timer still carries that number, so cancelling or rescheduling
/// just forgets the timer and stale entries are skipped when they surface.
/// Entries are ordered by (due, seq), so timers due together fire in the
/// order they were scheduled.
///
/// Repeating timers are rescheduled from their previous due time (no drift
/// accumulates); after a stall longer than the interval they fire once and
/// are rescheduled from now (no burst of catch-up calls).
struct TimerQueue {
    typealias Callback = () throws -> Void

    private struct Entry {
        var due: UInt64
        var seq: UInt64
        var id: Int
        func before(_ o: Entry) -> Bool { due != o.due ? due < o.due : seq < o.seq }
    }

    private struct Timer {
        var interval: UInt64?
        var seq: UInt64
        var callback: Callback
    }

    private var heap: [Entry] = []
    private var timers: [Int: Timer] = [:]
    private(set) var nextSeq: UInt64 = 0

    /// Number of live timers.
    var count: Int { timers.count }

    /// True when timer `id` is scheduled.
    func contains(_ id: Int) -> Bool { timers[id] != nil }

    /// Schedules timer `id` at `due`, repeating every `interval` if given.
    mutating func schedule(id: Int, due: UInt64, interval: UInt64?, callback: @escaping Callback) {
        let seq = takeSeq()
        timers[id] = Timer(interval: interval, seq: seq, callback: callback)
        push(Entry(due: due, seq: seq, id: id))
        if heap.count > 64 && heap.count > 4 * timers.count { compact() }
    }

    /// Forgets timer `id`; false if it was not scheduled.
    @discardableResult
    mutating func cancel(_ id: Int) -> Bool {
        timers.removeValue(forKey: id) != nil
    }

    /// The earliest live due time.
    mutating func nextDue() -> UInt64? {
        dropStale()
        return heap.first?.due
    }

    /// Takes the next timer due at or before `now` that was scheduled before
    /// `seqLimit`, rescheduling it if it repeats. Returns its callback.
    mutating func popDue(now: UInt64, seqLimit: UInt64) -> Callback? {
        dropStale()
        guard let top = heap.first, top.due <= now, top.seq < seqLimit,
              var timer = timers[top.id] else { return nil }
        removeTop()
        if let interval = timer.interval {
            var next = top.due &+ interval
            if next <= now { next = now &+ interval }
            timer.seq = takeSeq()
            timers[top.id] = timer
            push(Entry(due: next, seq: timer.seq, id: top.id))
        } else {
            timers[top.id] = nil
        }
        return timer.callback
    }

    // MARK: - Heap

    private mutating func takeSeq() -> UInt64 {
        defer { nextSeq &+= 1 }
        return nextSeq
    }

    private func isLive(_ e: Entry) -> Bool { timers[e.id]?.seq == e.seq }

    private mutating func dropStale() {
        while let top = heap.first, !isLive(top) { removeTop() }
    }

    private mutating func compact() {
        heap = heap.filter(isLive)
        var i = heap.count / 2
        while i > 0 { i -= 1; siftDown(i) }
    }

    private mutating func push(_ e: Entry) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].before(heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func removeTop() {
        guard !heap.isEmpty else { return }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        siftDown(0)
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count && heap[l].before(heap[m]) { m = l }
            if r < heap.count && heap[r].before(heap[m]) { m = r }
            if m == i { return }
            heap.swapAt(i, m)
            i = m
        }
    }
}
