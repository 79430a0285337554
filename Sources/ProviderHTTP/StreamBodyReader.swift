import AsyncHTTPClient
import Chat
import NIOCore
import NIOHTTP1
import Synchronization

/// Reads one streamed answer on NIO's event loop, where its bytes arrive:
/// a 2xx body goes through the parser in place and its events go straight
/// to the stream's handle (which posts them to the loop thread); any other
/// answer's body is kept (its first MiB) for the error message.
///
/// Reading on the event loop instead of through `HTTPClientResponse.Body`
/// (an `AsyncSequence`) spares every delta a hop to a concurrency pool
/// thread: the event loop's read is followed directly by the post to the
/// loop. The session's task waits only for the end (``StreamBodyReader/Ending``).
///
/// All callbacks come on the request's event loop, one at a time; the
/// state is still kept in a `Mutex` (uncontended: one lock per body part)
/// so the reader is `Sendable` without an unchecked promise, and the
/// session reads the ending from its own task.
final class StreamBodyReader<Parser: StreamParser>: HTTPClientResponseDelegate {
    typealias Response = Void

    /// How the answer ended, once known.
    enum Ending: Sendable {
        /// A 2xx body was read: true when a terminal event was sent.
        case streamed(terminal: Bool)
        /// The parser reported an overloaded server before any output, and
        /// the request may be sent again.
        case overloaded
        /// The handle was cancelled while events were being sent.
        case cancelled
        /// An error status with its body and `retry-after` header.
        case failed(HTTPFailure, retryAfter: String?)
        /// No answer: the connection failed (or the request was cancelled)
        /// before a status arrived.
        case transport(Error)
    }

    private struct State {
        var parser: Parser
        var status = 0
        var retryAfter: String?
        var errorBody: [UInt8] = []
        var ending: Ending?
    }

    private let state: Mutex<State>
    private let handle: ProviderStream
    private let watch: StreamWatch
    private let canRetry: Bool

    /// A reader feeding `parser`; `canRetry` says whether an overloaded
    /// answer may still be retried.
    init(parser: sending Parser, handle: ProviderStream, watch: StreamWatch, canRetry: Bool) {
        state = Mutex(State(parser: parser))
        self.handle = handle
        self.watch = watch
        self.canRetry = canRetry
    }

    /// The ending, once the request's future has completed.
    var ending: Ending? { state.withLock { $0.ending } }

    /// The session gives the request up (its task was cancelled: the user
    /// stopped the reply, or the server was silent too long): nothing more
    /// is sent, and the error the closed request reports is not a failure.
    /// Call before cancelling the request.
    func abandon() {
        state.withLock { s in
            if s.ending == nil { s.ending = .cancelled }
        }
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        watch.touch()
        state.withLock { s in
            s.status = Int(head.status.code)
            s.retryAfter = head.headers.first(name: "retry-after")
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        watch.touch()
        let stop = state.withLock { s -> Bool in
            guard s.ending == nil else { return true }
            guard (200..<300).contains(s.status) else {
                if s.errorBody.count < HTTPTransport.errorBodyLimit {
                    s.errorBody.append(contentsOf: buffer.readableBytesView.prefix(HTTPTransport.errorBodyLimit - s.errorBody.count))
                }
                return false
            }
            let events = buffer.withUnsafeReadableBytes { s.parser.feed($0) }  // read in place, no copy
            if s.parser.failedRetryably && canRetry {
                s.ending = .overloaded
                return true
            }
            for event in events where !handle.send(event) {
                s.ending = .cancelled
                return true
            }
            if s.parser.isDone { s.ending = .streamed(terminal: true) }
            return s.parser.isDone
        }
        // The answer is decided: close the request instead of reading a
        // body nobody needs (a server may keep it open after its last event).
        if stop { task.cancel() }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: Error) {
        state.withLock { s in
            guard s.ending == nil else { return }
            if s.status == 0 { s.ending = .transport(error); return }
            // A connection that breaks mid-body ends the parser, which
            // reports a truncated reply; a cancelled handle sends nothing.
            s.ending = handle.isCancelled ? .cancelled : end(&s)
        }
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        state.withLock { s in
            guard s.ending == nil else { return }
            s.ending = end(&s)
        }
    }

    /// The ending of a body that ran to its end (or broke off).
    private func end(_ s: inout State) -> Ending {
        guard (200..<300).contains(s.status) else {
            return .failed(HTTPFailure(status: s.status, body: String(decoding: s.errorBody, as: UTF8.self)),
                           retryAfter: s.retryAfter)
        }
        let events = s.parser.finish()
        if s.parser.failedRetryably && canRetry { return .overloaded }
        var terminal = false
        for event in events {
            guard handle.send(event) else { return .cancelled }
            terminal = terminal || event.isTerminal
        }
        return .streamed(terminal: terminal)
    }
}
