import CLuaShim
import Render

/// Thrown by a Swift binding that stopped long work because the time
/// budget of the Lua code calling it expired. The trampoline turns it into
/// the budget's abort ("handler exceeded its time budget"), with the same
/// bookkeeping as when the Lua hook stops a loop.
public struct LuaBudgetExpired: Error {}

/// The time budget as seen from Swift bindings: work that can run long on
/// big input (megabytes of text, huge tables) asks at safe points, about
/// once per 64 KB or few thousand elements, and gives up when it expired.
enum LuaBudget {
    /// Whether an armed budget's deadline has passed (one clock read).
    static var expired: Bool { weft_budget_expired() != 0 }

    /// A Render stop check that fires once the budget has expired.
    static func stopCheck() -> StopCheck { StopCheck { expired } }

    /// - Throws: `LuaBudgetExpired` when the budget has expired.
    static func check() throws {
        if expired { throw LuaBudgetExpired() }
    }

    /// Every `every` steps (a power of two), `check()`.
    static func check(step: Int, every: Int = 4096) throws {
        if step & (every - 1) == 0 { try check() }
    }
}
