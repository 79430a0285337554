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
/// retryably before any output), feeds the body to a ``StreamParser`` and
/// emits its events on the handle, and maps every failure to one `.error`.
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
        let http = HTTPTransport.request(url: request.url, method: .POST, headers: request.headers, body: request.body)
        do {
            let response = try await HTTPTransport.client.execute(
                http, timeout: .milliseconds(Int64(request.readTimeout * 1000)))
            watch.touch()
            let status = Int(response.status.code)
            if (200..<300).contains(status) {
                return try await consume(response.body, watch: watch, canRetry: attempt < request.retry.maxAttempts)
            }
            let body = try await HTTPTransport.collect(response.body)
            let answer = HTTPFailure(status: status, body: body)
            defer { previous = answer }
            if isRetryable(answer, previous) && attempt < request.retry.maxAttempts {
                return .retry("HTTP \(status)", after: RetryPolicy.retryAfter(response.headers.first(name: "retry-after")))
            }
            var message = errorMessage(status, body)
            if attempt > 1 { message += " (gave up after \(attempt) tries)" }
            return .ended(handle.send(.error(message: Secrets.scrub(message, key: request.secret))))
        } catch {
            if Task.isCancelled || handle.isCancelled { return .ended(false) }
            return .ended(handle.send(.error(message: request.transportMessage(error))))
        }
    }

    /// Streams a 2xx body through a fresh parser. A connection that breaks
    /// mid-body ends the parser (which reports a truncated reply).
    private func consume(_ body: HTTPClientResponse.Body, watch: StreamWatch, canRetry: Bool) async throws -> Outcome {
        var parser = makeParser()
        var lastYield = ContinuousClock.now
        do {
            for try await buffer in body {
                watch.touch()
                let events = buffer.withUnsafeReadableBytes { parser.feed($0) }  // read in place, no copy
                if parser.failedRetryably && canRetry { return .retry("server overloaded", after: nil) }
                for event in events {
                    guard handle.send(event) else { return .ended(false) }
                }
                if parser.isDone { return .ended(true) }
                // A server that never pauses must not hold a pool thread:
                // yield now and then. (Not after every part: each yield
                // puts the task back on the executor, a thread wake-up
                // for every delta of a stream that arrives as fast as it
                // is read.)
                if ContinuousClock.now - lastYield > .milliseconds(10) {
                    await Task.yield()
                    lastYield = ContinuousClock.now
                }
            }
        } catch {
            if Task.isCancelled || handle.isCancelled { return .ended(false) }
        }
        let events = parser.finish()
        if parser.failedRetryably && canRetry { return .retry("server overloaded", after: nil) }
        var terminal = false
        for event in events {
            guard handle.send(event) else { return .ended(false) }
            terminal = terminal || event.isTerminal
        }
        return .ended(terminal)
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
