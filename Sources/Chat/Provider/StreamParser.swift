/// Turns the bytes of a streamed reply into ``ProviderEvent``s. Pure and
/// synchronous: the transport feeds it as bytes arrive, tests (and fuzzers)
/// feed it bytes directly.
///
/// Contract: after the terminal event (`.finish` or `.error`) ``isDone`` is
/// true and further input is ignored; ``finish()`` (the connection ended)
/// returns the terminal event if none came yet.
public protocol StreamParser: Sendable {
    /// Consumes body bytes (any chunking), read in place (the transport
    /// passes its buffer's storage), returning the events they complete.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [ProviderEvent]
    /// The body ended: flushes what is pending and ends the stream.
    mutating func finish() -> [ProviderEvent]
    /// True once the terminal event was produced.
    var isDone: Bool { get }
    /// True when the stream ended in an error worth retrying (the server
    /// was overloaded) before any text, thinking or tool call came: the
    /// request may be sent again as if it had never been answered.
    var failedRetryably: Bool { get }
}

extension StreamParser {
    /// Consumes body bytes held in an array (tests, fuzzers).
    public mutating func feed(_ bytes: [UInt8]) -> [ProviderEvent] {
        bytes.withUnsafeBytes { feed($0) }
    }
}
