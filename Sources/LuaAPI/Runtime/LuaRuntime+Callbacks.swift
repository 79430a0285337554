import Kernel

/// A Lua function held by Swift code outside LuaAPI (for example the chat
/// layer's `weft.chat.tool.register`), tagged with the owner that passed it.
public final class LuaCallback {
    let ref: LuaRef
    init(ref: LuaRef) { self.ref = ref }
    /// The file (owner) that registered the function.
    public var owner: String { ref.owner }
}

extension LuaRuntime {
    /// Keeps the function argument `index` of `call` (raises the standard
    /// bad-argument error when it is not a function).
    public func callback(_ call: LuaCall, at index: Int32) throws -> LuaCallback {
        LuaCallback(ref: handler(try call.function(index)))
    }

    /// Keeps the function in field `key` of the table argument `index`, if any.
    public func callback(_ call: LuaCall, table index: Int32, field key: String) throws -> LuaCallback? {
        try call.functionField(index, key).map { LuaCallback(ref: handler($0)) }
    }

    /// Calls a kept function under pcall, traceback and time budget,
    /// charging its owner. `what` names it in error messages.
    @discardableResult
    public func invoke(_ cb: LuaCallback, _ args: [Value], what: String) throws -> [Value] {
        try invoke(cb.ref, args.map { .value($0) }, what: what)
    }
}
