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
/// Safe because it is a ``LoopBound`` of a weak box: ``value`` traps (a
/// precondition, in every build) when called off its thread. Holding the object weakly means a pending result never keeps a
/// closed UI alive, and the object is never released on a worker thread
/// (the same idea as swift-nio's `NIOLoopBound`). ``LoopBound`` holds any
/// value strongly.
public struct LoopRef<Object: AnyObject>: Sendable {
    /// The weak reference, boxed so ``LoopBound`` can carry it.
    private final class Weak {
        weak var object: Object?
        init(_ object: Object) { self.object = object }
    }

    private let bound: LoopBound<Weak>

    /// Binds `object` to the calling thread.
    public init(_ object: Object) {
        bound = LoopBound(Weak(object))
    }

    /// The object, or nil once it is gone. Call only on the thread that
    /// made this value (traps elsewhere).
    public var value: Object? {
        bound.value.object
    }
}
