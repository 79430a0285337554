import Chat
import Foundation
import Glibc
@testable import Kernel
@testable import OpenAIProvider

/// The Python fake server (Tests/Fixtures/fake_openai_server.py) on a free
/// port of 127.0.0.1, for one test. It exits by itself after 600 idle
/// seconds; ``stop()`` ends it sooner.
final class FakeServer: @unchecked Sendable {
    static let script: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fake_openai_server.py").path
    }()

    private let child: ChildProcess
    let port: Int

    init(extraArguments: [String] = []) throws {
        child = try ChildProcess(["python3", Self.script, "--port", "0", "--idle-timeout", "600"] + extraArguments)
        // Dozens start at once when the suites run in parallel: a loaded
        // 2-core machine takes its time.
        guard let p = child.readLine(timeout: 180).flatMap({ Int($0) }) else {
            child.kill()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "fake server did not start"])
        }
        port = p
    }

    deinit { stop() }

    /// Starts a server without blocking a cooperative thread.
    static func start(extraArguments: [String] = []) async throws -> FakeServer {
        let r: Result<FakeServer, Error> = await onThread { Result { try FakeServer(extraArguments: extraArguments) } }
        return try r.get()
    }

    /// ``debug(_:)`` without blocking a cooperative thread.
    func state(_ path: String) async throws -> Value {
        let r: Result<Value, Error> = await onThread { Result { try self.debug(path) } }
        return try r.get()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Kills the server (SIGKILL: a child of the test runner may inherit
    /// a mask that blocks SIGTERM) and reaps it.
    func stop() { child.kill() }

    /// A provider pointed at this server.
    func provider(key: String? = nil, readTimeout: Double = 10, maxAttempts: Int = 3,
                  onStatus: (@Sendable (String) -> Void)? = nil) -> OpenAIProvider {
        OpenAIProvider(configuration: OpenAIConfiguration(baseURL: baseURL, apiKey: key, model: "fake-model-1",
                                                          readTimeout: readTimeout, maxAttempts: maxAttempts),
                       onStatus: onStatus)
    }

    /// GET a debug endpoint (with curl), decoded.
    func debug(_ path: String) throws -> Value {
        let (_, output) = try ChildProcess(["curl", "-s", "--max-time", "5", baseURL + path]).finish()
        return try JSON.decode(String(decoding: output, as: UTF8.self), surrogates: .replace)
    }
}

/// Collects the events of one stream, with their arrival times.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Double, ProviderEvent)] = []
    private let start = Date()

    func add(_ e: ProviderEvent) {
        lock.lock()
        items.append((Date().timeIntervalSince(start), e))
        lock.unlock()
    }

    var events: [ProviderEvent] {
        lock.lock()
        defer { lock.unlock() }
        return items.map(\.1)
    }

    var timed: [(Double, ProviderEvent)] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// Thread-safe list of status notices.
final class Notices: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ s: String) {
        lock.lock()
        items.append(s)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// A one-message request.
func ask(_ text: String) -> ProviderRequest {
    ProviderRequest(messages: [ProviderMessage(role: .user, content: text)])
}

/// Streams `request` and waits (up to `timeout` s) for the end. Waits
/// without blocking a thread: the provider's task needs the cooperative
/// pool, which blocked tests could exhaust.
func run(_ provider: OpenAIProvider, _ request: ProviderRequest, timeout: Double = 20) async -> [ProviderEvent] {
    let log = EventLog()
    let handle = provider.stream(request: request) { log.add($0) }
    _ = await waitFinished(handle, timeout: timeout)
    return log.events
}

/// Waits until `handle` is finished; false after `timeout` seconds.
func waitFinished(_ handle: ProviderStream, timeout: Double) async -> Bool {
    await handle.waitFinished(timeout: timeout)
}

/// Runs blocking `body` on a thread of its own (not the cooperative pool).
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { k in
        Thread { k.resume(returning: body()) }.start()
    }
}

/// Concatenated text of the text deltas.
func text(_ events: [ProviderEvent]) -> String {
    events.reduce(into: "") { s, e in if case .textDelta(let t) = e { s += t } }
}

/// Concatenated text of the thinking deltas.
func thinking(_ events: [ProviderEvent]) -> String {
    events.reduce(into: "") { s, e in if case .thinkingDelta(let t) = e { s += t } }
}

/// The message of the last `.error`, if any.
func errorMessage(_ events: [ProviderEvent]) -> String? {
    for e in events.reversed() { if case .error(let m) = e { return m } }
    return nil
}

/// ``dumpCase(_:)`` without blocking a cooperative thread.
func dumpCaseAsync(_ name: String) async throws -> [UInt8] {
    let r: Result<[UInt8], Error> = await onThread { Result { try dumpCase(name) } }
    return try r.get()
}

/// The exact bytes the server sends for a streaming case.
func dumpCase(_ name: String) throws -> [UInt8] {
    try ChildProcess(["python3", FakeServer.script, "--dump", name]).finish().output
}

/// Events with adjacent deltas of one kind merged (chunking-independent).
func normalized(_ events: [ProviderEvent]) -> [ProviderEvent] {
    var merged: [ProviderEvent] = []
    for e in events { ProviderEvent.append(e, to: &merged) }
    return merged
}
