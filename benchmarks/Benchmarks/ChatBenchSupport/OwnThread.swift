import Foundation
import Synchronization

/// Runs `body` on a thread of its own and returns its result (or rethrows
/// its error) once it ends.
///
/// weft runs its loop on the main thread, which does nothing else. A
/// benchmark closure runs on a thread of the benchmark runner, which
/// otherwise serves Swift's cooperative pool; a rig whose loop runs there
/// measures that thread's scheduling too. The chat rigs are made and run
/// on a thread of their own instead (the rig's loop state is bound to the
/// thread that made it, so both happen in `body`).
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let result = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        let r = Result { try body() }
        result.withLock { $0 = r }
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.name = "rig-loop"
    thread.start()
    done.wait()
    return try result.withLock { $0! }.get()
}
