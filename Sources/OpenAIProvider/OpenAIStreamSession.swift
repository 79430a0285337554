import AsyncHTTPClient
import Chat
import Foundation
import NIOCore

/// One streamed chat completion: sends the request (retrying 429 and 5xx
/// with backoff), feeds the body to an ``OpenAIStreamParser`` and emits
/// its events on the handle, and maps every failure to one `.error`.
///
/// Runs as the stream's task: cancelling the stream cancels it, which
/// closes the connection. A watchdog child task runs beside the request;
/// when the server is silent for the read timeout it returns first and the
/// request is cancelled.
struct OpenAIStreamSession: Sendable {
    let configuration: OpenAIConfiguration
    let request: ProviderRequest
    let handle: ProviderStream
    let onStatus: (@Sendable (String) -> Void)?

    /// Runs the request to its end; emits exactly one terminal event unless
    /// the handle was cancelled.
    func run() async {
        let watch = StreamWatch()
        let timeout = configuration.readTimeout
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
            handle.send(.error(message: OpenAIErrorMapper.timedOut(
                url: configuration.chatURL, seconds: configuration.readTimeout, key: configuration.apiKey)))
        }
    }

    /// Returns true when a terminal event was emitted.
    private func perform(watch: StreamWatch) async -> Bool {
        let wire = OpenAIRequest(baseURL: configuration.baseURL, apiKey: configuration.apiKey,
                                 model: configuration.model, request: request,
                                 maxTokens: configuration.effectiveMaxTokens)
        var attempt = 1
        var lastFailure: (status: Int, body: String)?
        while !Task.isCancelled && !handle.isCancelled {
            watch.touch()
            let http = OpenAIHTTP.request(url: wire.url, method: .POST, headers: wire.headers, body: wire.body)
            do {
                let response = try await OpenAIHTTP.client.execute(
                    http, timeout: .milliseconds(Int64(configuration.readTimeout * 1000)))
                watch.touch()
                let status = Int(response.status.code)
                if (200..<300).contains(status) {
                    return try await consume(response.body, watch: watch)
                }
                let body = try await OpenAIHTTP.collect(response.body)
                // A 500 that repeats word for word is the server failing on
                // this request (not a passing fault): one retry is enough.
                let repeated = status == 500 && lastFailure?.status == status && lastFailure?.body == body
                lastFailure = (status, body)
                if OpenAIErrorMapper.isRetryable(status: status, body: body) && !repeated
                    && attempt < configuration.maxAttempts {
                    let after = OpenAIErrorMapper.retryAfter(response.headers.first(name: "Retry-After"))
                    let wait = OpenAIErrorMapper.backoff(attempt: attempt, retryAfter: after, cap: configuration.maxRetryWait)
                    onStatus?("openai: HTTP \(status), retrying in \(Self.seconds(wait)) (try \(attempt + 1) of \(configuration.maxAttempts))")
                    guard await sleep(wait, watch: watch) else { return false }
                    attempt += 1
                    continue
                }
                var message = OpenAIErrorMapper.message(status: status, body: body, url: wire.url, key: configuration.apiKey)
                if attempt > 1 { message += " (gave up after \(attempt) tries)" }
                return handle.send(.error(message: message))
            } catch {
                if Task.isCancelled || handle.isCancelled { return false }
                return handle.send(.error(message: OpenAIHTTP.describe(
                    error, url: wire.url, timeout: configuration.readTimeout, key: configuration.apiKey)))
            }
        }
        return false
    }

    /// Streams a 2xx body through the parser. A connection that breaks
    /// mid-body ends the parser (which reports a truncated reply).
    private func consume(_ body: HTTPClientResponse.Body, watch: StreamWatch) async throws -> Bool {
        var parser = OpenAIStreamParser(apiKey: configuration.apiKey)
        do {
            for try await buffer in body {
                watch.touch()
                for event in buffer.withUnsafeReadableBytes({ parser.feed($0) }) {  // read in place, no copy
                    guard handle.send(event) else { return false }
                }
                if parser.isDone { return true }
                await Task.yield()  // a fast server must not monopolise a pool thread
            }
        } catch {
            if Task.isCancelled || handle.isCancelled { return false }
        }
        var terminal = false
        for event in parser.finish() {
            guard handle.send(event) else { return false }
            terminal = terminal || event.isTerminal
        }
        return terminal
    }

    /// Sleeps `seconds` in slices, keeping the idle watch fresh; false when
    /// cancelled meanwhile.
    private func sleep(_ seconds: Double, watch: StreamWatch) async -> Bool {
        var left = seconds
        while left > 0 {
            if Task.isCancelled || handle.isCancelled { return false }
            watch.touch()
            let slice = min(left, 0.5, max(0.01, configuration.readTimeout / 2))
            try? await Task.sleep(nanoseconds: UInt64(slice * 1_000_000_000))
            left -= slice
        }
        watch.touch()
        return !(Task.isCancelled || handle.isCancelled)
    }

    static func seconds(_ s: Double) -> String {
        s < 10 && s.rounded() != s ? String(format: "%.1f s", s) : "\(Int(s.rounded())) s"
    }
}
