/// Lets long text work (measuring, truncating or wrapping megabytes) be cut
/// short by its caller, e.g. when a Lua handler's time budget runs out.
///
/// The work asks `shouldStop` about once every ``interval`` bytes of input
/// (so the happy path pays one comparison per step and one call per 64 KB).
/// Once it answers true the work ends early and its result is incomplete:
/// the caller must throw it away.
///
/// ```swift
/// let rows = Wrapper.wrap(text, width: 80, stop: StopCheck { deadline.passed })
/// if deadline.passed { throw TimeUp() }  // rows may be partial
/// ```
public struct StopCheck {
    /// Bytes of input between two questions.
    public static let interval = 64 * 1024

    private let shouldStop: () -> Bool
    private var next = StopCheck.interval

    /// A check that asks `shouldStop` whether to give up.
    public init(_ shouldStop: @escaping () -> Bool) {
        self.shouldStop = shouldStop
    }

    /// Whether to stop, now that the work has reached byte `position`.
    public mutating func stop(at position: Int) -> Bool {
        guard position >= next else { return false }
        next = position + Self.interval
        return shouldStop()
    }
}

extension Optional where Wrapped == StopCheck {
    /// `stop(at:)` of the check, or false when there is none.
    public mutating func stop(at position: Int) -> Bool {
        guard self != nil else { return false }
        return self!.stop(at: position)
    }
}
