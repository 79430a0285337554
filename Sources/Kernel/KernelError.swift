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

// MARK: - Context

extension KernelError {
    /// The same error with `context: ` put before its message, e.g.
    /// `error.prefixed("job.start")` (a buffer error keeps its own text).
    public func prefixed(_ context: String) -> KernelError {
        switch self {
        case .outOfRange(let m): return .outOfRange("\(context): \(m)")
        case .invalidArgument(let m): return .invalidArgument("\(context): \(m)")
        case .notFound(let m): return .notFound("\(context): \(m)")
        case .invalidState(let m): return .invalidState("\(context): \(m)")
        case .notModifiable: return self
        }
    }
}
