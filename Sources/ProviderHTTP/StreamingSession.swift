import AsyncHTTPClient
import Chat
import Foundation
import NIOCore

/// An error answer: its HTTP status and (the first MiB of) its body.
public struct HTTPFailure: Hashable, Sendable {
    /// The HTTP status, 300 or more.
    public var status: Int
    /// The body, as text.
    public var body: String

    /// An error answer.
    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}

/// What one streamed model request needs: where, what, how long to wait,
/// and how to word failures.
public struct StreamingRequest: Sendable {
    /// The provider's short name, the first word of every message
    /// (`anthropic: ...`).
    public var provider: String
    /// The endpoint.
    public var url: String
    /// Request headers (the key among them).
    public var headers: [HTTPHeader]
    /// The JSON body.
    public var body: String
    /// Seconds without a byte before the request fails (also the limit
    /// for the response headers).
    public var readTimeout: Double
    /// Retries of 429/5xx answers and of streams that failed retryably.
    public var retry: RetryPolicy
    /// The API key, scrubbed from every message.
    public var secret: String?

    /// A request description.
    public init(provider: String, url: String, headers: [HTTPHeader], body: String, readTimeout: Double,
                retry: RetryPolicy, secret: String?) {
        self.provider = provider
        self.url = url
        self.headers = headers
        self.body = body
        self.readTimeout = readTimeout
        self.retry = retry
        self.secret = secret
    }

    /// `PROVIDER: no answer from URL within N s (timeout)`.
    public func timedOutMessage(seconds: Double) -> String {
        TransportError.timedOut(provider: provider, url: url, seconds: seconds, secret: secret).description
    }

    /// The message for a request that got no HTTP answer (see ``TransportError``).
    public func transportMessage(_ error: Error) -> String {
        TransportError(error, provider: provider, url: url, timeout: readTimeout, secret: secret).description
    }
}

/// Runs one streamed request to its end: sends it (retrying 429 and 5xx
/// with backoff that honours `retry-after`, and streams that failed
/// retryably before any output), feeds the body to a ``StreamParser`` on
/// NIO's event loop as it arrives (``StreamBodyReader``) and emits its
/// events on the handle, and maps every failure to one `.error`.
///
/// A watchdog child task runs beside the request; when the server is
/// silent for the read timeout it returns first and the request is
/// cancelled.
///
/// ```swift
/// ProviderStream.start(emit: emit) { stream in
///     await StreamingSession(request: r, handle: stream, onStatus: nil,
///                            errorMessage: { status, body in "..." }, makeParser: { MyParser() }).run()
/// }
/// ```
public struct StreamingSession<Parser: StreamParser>: Sendable {
    let request: StreamingRequest
    let handle: ProviderStream
    let onStatus: (@Sendable (String) -> Void)?
    let errorMessage: @Sendable (_ status: Int, _ body: String) -> String
    let isRetryable: @Sendable (_ answer: HTTPFailure, _ previous: HTTPFailure?) -> Bool
    let makeParser: @Sendable () -> Parser

    /// A session; `errorMessage` words an HTTP error status with its body.
    /// `isRetryable` decides whether an error answer is worth another try,
    /// given the previous failed answer of this request if any (default:
    /// the status alone, ``RetryPolicy/isRetryable(status:)``).
    public init(request: StreamingRequest, handle: ProviderStream, onStatus: (@Sendable (String) -> Void)?,
                errorMessage: @escaping @Sendable (_ status: Int, _ body: String) -> String,
                isRetryable: (@Sendable (_ answer: HTTPFailure, _ previous: HTTPFailure?) -> Bool)? = nil,
                makeParser: @escaping @Sendable () -> Parser) {
        self.request = request
        self.handle = handle
        self.onStatus = onStatus
        self.errorMessage = errorMessage
        self.isRetryable = isRetryable ?? { answer, _ in RetryPolicy.isRetryable(status: answer.status) }
        self.makeParser = makeParser
    }

    /// Runs the request to its end; emits exactly one terminal event unless
    /// the handle was cancelled. Run it as the stream's task
    /// (``ProviderStream/start(priority:emit:_:)``): cancelling the stream
    /// cancels it, which closes the connection.
    public func run() async {
        let watch = StreamWatch()
        let timeout = request.readTimeout
        let (terminal, timedOut) = await withTaskGroup(of: (terminal: Bool, timedOut: Bool).self) { group in
            group.addTask { (await perform(watch: watch), false) }
            group.addTask { (false, await watch.expired(after: timeout)) }
            let first = await group.next()
            group.cancelAll()
            var terminal = first?.terminal ?? false
            for await rest in group { terminal = terminal || rest.terminal }
            return (terminal, first?.timedOut ?? false)
        }
        if timedOut && !terminal {
            handle.send(.error(message: request.timedOutMessage(seconds: request.readTimeout)))
        }
    }

    /// How one try ended: with or without a terminal event, or to be
    /// tried again (why, and the server's `retry-after` if it gave one).
    private enum Outcome { case ended(Bool), retry(String, after: Double?) }

    /// Returns true when a terminal event was emitted.
    private func perform(watch: StreamWatch) async -> Bool {
        var attempt = 1
        var previous: HTTPFailure?
        while !Task.isCancelled && !handle.isCancelled {
            watch.touch()
            let outcome = await attemptOnce(watch: watch, attempt: attempt, previous: &previous)
            switch outcome {
            case .ended(let terminal): return terminal
            case .retry(let why, let after):
                let wait = request.retry.wait(after: attempt, retryAfter: after)
                onStatus?("\(request.provider): \(why), retrying in \(RetryPolicy.seconds(wait)) (try \(attempt + 1) of \(request.retry.maxAttempts))")
                guard await sleep(wait, watch: watch) else { return false }
                attempt += 1
            }
        }
        return false
    }

    private func attemptOnce(watch: StreamWatch, attempt: Int, previous: inout HTTPFailure?) async -> Outcome {
        let reader = StreamBodyReader(parser: makeParser(), handle: handle, watch: watch,
                                      canRetry: attempt < request.retry.maxAttempts)
        do {
            let http = try HTTPTransport.streamingRequest(url: request.url, headers: request.headers, body: request.body)
            let task = HTTPTransport.client.execute(request: http, delegate: reader)
            // The body is read on NIO's event loop (see StreamBodyReader);
            // this task only waits for the end. The watchdog beside it
            // covers the wait for the status line as well as the body.
            await withTaskCancellationHandler {
                _ = try? await task.futureResult.get()
            } onCancel: {
                reader.abandon()
                task.cancel()
            }
        } catch {
            return .ended(handle.send(.error(message: request.transportMessage(error))))
        }
        switch reader.ending {
        case .streamed(let terminal): return .ended(terminal)
        case .overloaded: return .retry("server overloaded", after: nil)
        case .cancelled, nil: return .ended(false)
        case .transport(let error):
            if Task.isCancelled || handle.isCancelled { return .ended(false) }
            return .ended(handle.send(.error(message: request.transportMessage(error))))
        case .failed(let answer, let retryAfter):
            defer { previous = answer }
            if isRetryable(answer, previous) && attempt < request.retry.maxAttempts {
                return .retry("HTTP \(answer.status)", after: RetryPolicy.retryAfter(retryAfter))
            }
            var message = errorMessage(answer.status, answer.body)
            if attempt > 1 { message += " (gave up after \(attempt) tries)" }
            return .ended(handle.send(.error(message: Secrets.scrub(message, key: request.secret))))
        }
    }

    /// Sleeps `seconds` in slices, keeping the idle watch fresh; false when
    /// cancelled meanwhile.
    private func sleep(_ seconds: Double, watch: StreamWatch) async -> Bool {
        var left = seconds
        while left > 0 {
            if Task.isCancelled || handle.isCancelled { return false }
            watch.touch()
            let slice = min(left, 0.5, max(0.01, request.readTimeout / 2))
            try? await Task.sleep(nanoseconds: UInt64(slice * 1_000_000_000))
            left -= slice
        }
        watch.touch()
        return !(Task.isCancelled || handle.isCancelled)
    }
}
