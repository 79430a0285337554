/// Errors raised by kernel operations. Each message is one a user can act on;
/// the Lua layer prefixes it with the function name.
public enum KernelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An argument was outside its valid range (message says which and why).
    case outOfRange(String)
    /// An argument had the right type but an invalid value.
    case invalidArgument(String)
    /// No object with this id or name exists.
    case notFound(String)
    /// The buffer has `modifiable = false`.
    case notModifiable(BufferID)
    /// The operation conflicts with the current state.
    case invalidState(String)

    public var description: String {
        switch self {
        case .outOfRange(let m), .invalidArgument(let m), .notFound(let m), .invalidState(let m):
            return m
        case .notModifiable(let b):
            return "buffer \(b.raw) is not modifiable"
        }
    }
}
