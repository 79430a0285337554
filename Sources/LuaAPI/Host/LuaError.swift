import Kernel

/// An error raised toward Lua from a Swift binding, or reported by Lua.
public enum LuaError: Error, Equatable, CustomStringConvertible {
    /// `bad argument #N to 'fn' (message)`: the Lua-standard form.
    case badArgument(function: String, index: Int, message: String)
    /// Any other failure inside a binding, prefixed with the function name.
    case failed(function: String, message: String)
    /// A Lua chunk or handler failed; the message includes file:line and traceback.
    case runtime(String)
    /// A chunk did not compile.
    case syntax(String)

    public var description: String {
        switch self {
        case .badArgument(let f, let i, let m): return "bad argument #\(i) to '\(f)' (\(m))"
        case .failed(let f, let m): return "\(f): \(m)"
        case .runtime(let m), .syntax(let m): return m
        }
    }
}
