#if canImport(Glibc)
import Glibc
#endif

/// A value that belongs to the loop thread but may be carried through other
/// threads, to be used only back on the loop thread.
///
/// Where ``LoopRef`` holds an object weakly, `LoopBound` holds any value
/// (a closure, a tuple of loop-owned objects) strongly. Typical use: a tool
/// that runs on a worker thread but must call into Lua, which lives on the
/// loop, via ``LoopPoster/callAndWait(_:)``:
///
/// ```swift
/// let lua = LoopBound(runtime)
/// let tool = FunctionTool(name: "x", ...) { args, _ in
///     poster.callAndWait { lua.value.invoke(args) }
/// }
/// ```
///
/// Safe because ``value`` traps when read off the thread that made it, so
/// the wrapped value is only ever used on one thread; the box itself is
/// immutable. Keep the last reference on the loop thread (store it in a
/// loop-owned object) so the value is also released there.
public struct LoopBound<Value>: @unchecked Sendable {
    private final class Box {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let box: Box
    private let owner: pthread_t

    /// Binds `value` to the calling thread.
    public init(_ value: Value) {
        self.box = Box(value)
        self.owner = pthread_self()
    }

    /// The value. Call only on the thread that made this `LoopBound`.
    public var value: Value {
        precondition(pthread_equal(owner, pthread_self()) != 0,
                     "LoopBound<\(Value.self)> read off the loop thread")
        return box.value
    }
}
