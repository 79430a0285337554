import Kernel

// weft.timer, weft.schedule and weft.wait: Lua on the main loop.

/// A live timer created from Lua (a `schedule`d function counts too until it runs).
struct TimerRecord {
    let handler: LuaRef
    let repeating: Bool
}

/// Holds an id assigned after the closure that needs it was created.
final class IDBox {
    var id = 0
}

extension LuaRuntime {
    /// Longer delays are clamped to this (about 24 days), keeping the
    /// loop's nanosecond arithmetic far from overflow.
    static let maxDelay = Int(Int32.max)

    func timerFunctions() -> [String: LuaFunction.Body] {
        [
            "defer": { [unowned self] c in
                let ms = try c.int(1)
                guard ms >= 0 else { throw c.bad(1, "delay must not be negative, got \(ms)") }
                return c.push(startTimer(ms: min(ms, Self.maxDelay), handler(try c.function(2)), repeating: false, kind: "timer"))
            },
            "every": { [unowned self] c in
                let ms = try c.int(1)
                guard ms >= 1 else { throw c.bad(1, "interval must be at least 1 ms, got \(ms)") }
                return c.push(startTimer(ms: min(ms, Self.maxDelay), handler(try c.function(2)), repeating: true, kind: "timer"))
            },
            "stop": { [unowned self] c in
                let id = try c.int(1)
                let live = timers.removeValue(forKey: id) != nil
                return c.push(loop.cancel(TimerID(id)) && live)
            },
        ]
    }

    /// Schedules `h` on the loop; returns the timer id.
    func startTimer(ms: Int, _ h: LuaRef, repeating: Bool, kind: String) -> Int {
        let box = IDBox()
        let fire: () throws -> Void = { [weak self] in
            guard let self else { return }
            if !repeating { self.timers[box.id] = nil }
            self.invokeReporting(h, [], what: "\(kind) \(box.id) (\(h.owner))")
        }
        let id = repeating ? loop.every(ms: ms, fire) : loop.after(ms: ms, fire)
        box.id = id.raw
        timers[id.raw] = TimerRecord(handler: h, repeating: repeating)
        return id.raw
    }

    /// `weft.wait(ms, cond)`: runs the loop until `cond()` is truthy or `ms`
    /// pass. The caller's budget is paused while waiting, and the wait is
    /// charged to nobody; handlers run meanwhile get their own budget.
    func wait(_ c: LuaCall) throws -> Int32 {
        let raw = try c.int(1)
        guard raw >= 0 else { throw c.bad(1, "timeout must not be negative, got \(raw)") }
        let ms = min(raw, Self.maxDelay)
        let cond = try c.optFunction(2).map(handler)
        var failure: Error?
        let ok = state.withoutBudget {
            measure(owner: nil) {
                loop.run(until: {
                    guard let cond, failure == nil else { return failure != nil }
                    do {
                        let r = try invoke(cond, [], what: "weft.wait condition (\(cond.owner))")
                        return Self.truthy(r.first)
                    } catch {
                        failure = error
                        return true
                    }
                }, timeoutMs: ms)
            }
        }
        if let failure { throw failure }
        return c.push(ok)
    }

    static func truthy(_ v: Value?) -> Bool {
        switch v {
        case nil, .null?, .bool(false)?: return false
        default: return true
        }
    }
}
