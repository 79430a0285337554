#if canImport(Glibc)
import Glibc
#endif

/// A weak reference to a loop-owned object that may travel to other threads
/// but is only dereferenced on the thread that made it (the loop thread).
///
/// Objects such as the editor, the chat controller or the UI belong to the
/// main loop's thread and are not `Sendable`. Work on another thread (a tool,
/// a network request) carries a `LoopRef` of its owner and hands its result
/// back through ``LoopPoster/post(_:)``; the posted closure, running on the
/// loop again, reads ``value``:
///
/// ```swift
/// let owner = LoopRef(self)
/// let poster = loop.poster
/// DispatchQueue.global().async {
///     let result = slowWork()
///     poster.post { owner.value?.finish(result) }
/// }
/// ```
///
/// Safe because the wrapped reference is never read off its thread:
/// ``value`` traps (a precondition, in every build) when called elsewhere,
/// and copying the struct only touches the weak reference's atomic side
/// table. Holding the object weakly means a pending result never keeps a
/// closed UI alive, and the object is never released on a worker thread
/// (the same idea as swift-nio's `NIOLoopBound`). ``LoopBound`` holds any
/// value strongly.
public struct LoopRef<Object: AnyObject>: @unchecked Sendable {
    private weak var object: Object?
    private let owner: pthread_t

    /// Binds `object` to the calling thread.
    public init(_ object: Object) {
        self.object = object
        self.owner = pthread_self()
    }

    /// The object, or nil once it is gone. Call only on the thread that
    /// made this value.
    public var value: Object? {
        precondition(pthread_equal(owner, pthread_self()) != 0,
                     "LoopRef<\(Object.self)> read off the loop thread")
        return object
    }
}
