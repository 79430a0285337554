import CLua
import CLuaShim
import Kernel

/// A Swift function exposed to Lua through the C trampoline.
///
/// The body reads its arguments through `LuaCall` (non-raising calls only),
/// pushes its results and returns how many. Errors it throws are turned into
/// a message on the Lua stack; the C trampoline raises it after this Swift
/// frame has returned, so `defer` blocks and releases always run.
public enum LuaFunction {
    public typealias Body = (LuaCall) throws -> Int32

    final class Box {
        let name: String
        let body: Body
        init(name: String, body: @escaping Body) {
            self.name = name
            self.body = body
        }
    }

    /// Number of live boxes: tests use it to prove nothing leaks.
    nonisolated(unsafe) static var liveBoxes = 0

    static func push(_ L: OpaquePointer, name: String, _ body: @escaping Body) {
        let box = Box(name: name, body: body)
        liveBoxes += 1
        let ctx = Unmanaged.passRetained(box).toOpaque()
        weft_push_swift_function(L, trampoline, ctx, release)
    }
}

private let release: weft_release_fn = { ctx in
    guard let ctx else { return }
    Unmanaged<LuaFunction.Box>.fromOpaque(ctx).release()
    LuaFunction.liveBoxes -= 1
}

private let trampoline: weft_swift_fn = { L, ctx in
    guard let L, let ctx else { return WEFT_LUA_ERROR }
    // The box is neither retained nor its name copied per call: the C
    // closure being called holds the box (its userdata is an upvalue of
    // the running function, so it cannot be collected before the call
    // returns), and the name is read only when an error is reported.
    let unmanaged = Unmanaged<LuaFunction.Box>.fromOpaque(ctx)
    let call = LuaCall(L: L, box: unmanaged)
    do {
        return try unmanaged._withUnsafeGuaranteedRef { try $0.body(call) }
    } catch is LuaBudgetExpired {
        return WEFT_BUDGET_ERROR  // the trampoline raises the budget's abort
    } catch let e as LuaError {
        switch e {
        case .badArgument, .failed: LuaValue.pushString(L, e.description)
        // Lua code run by the binding (a command, a handler) failed: say
        // through which function the error came.
        case .runtime, .syntax: LuaValue.pushString(L, "\(call.function): \(e.description)")
        }
    } catch let e as KernelError {
        LuaValue.pushString(L, "\(call.function): \(e.description)")
    } catch {
        LuaValue.pushString(L, "\(call.function): \(error)")
    }
    return WEFT_LUA_ERROR
}
