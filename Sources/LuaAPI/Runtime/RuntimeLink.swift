/// How the hottest bindings (`buf.get_lines`, `buf.set_lines`,
/// `extmark.set`) reach their `LuaRuntime` without reference counting.
///
/// A `[unowned self]` capture costs a strong retain and release of the
/// runtime on every call, and the runtime has a side table (it is also
/// referenced weakly), so each is a slow-path atomic update: more than the
/// rest of a `get_lines` call. The link is one object per runtime that
/// the bindings capture strongly (their closure context holds it, so no
/// per-call traffic), pointing back at the runtime without a count.
///
/// Why it is safe:
/// - the runtime sets `target` in `init` and clears it first thing in
///   `deinit`, so a binding called after the runtime is gone (someone kept
///   its `LuaState`) finds nil and raises an error instead of touching
///   freed memory;
/// - a binding reads the runtime only while it resolves its arguments
///   (buffer, namespace) and for `requestRedraw`, none of which runs Lua
///   or Swift code that could release the runtime; work that may call
///   out (an edit emits `buf_changed` to Lua handlers) runs on the strongly
///   held `Buffer` after the last use of the runtime.
final class RuntimeLink {
    /// The runtime, while it lives.
    @exclusivity(unchecked) var target: Unmanaged<LuaRuntime>?

    /// Calls `body` with the runtime, not retained; throws the call's error
    /// when the runtime is gone.
    @inline(__always)
    func with<R>(_ c: LuaCall, _ body: (LuaRuntime) throws -> R) throws -> R {
        guard let target else { throw c.fail("the weft runtime is gone") }
        return try target._withUnsafeGuaranteedRef(body)
    }
}
