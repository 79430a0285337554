import AnthropicProvider
import Chat
import Foundation
@testable import Kernel
import ProviderHTTP

/// The Python fake server (Tests/Fixtures/fake_anthropic_server.py) on a
/// free port of 127.0.0.1, for one test. It exits by itself after 600 idle
/// seconds; ``stop()`` ends it sooner.
final class FakeAnthropicServer: @unchecked Sendable {
    static let script: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fake_anthropic_server.py").path
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
    static func start(extraArguments: [String] = []) async throws -> FakeAnthropicServer {
        let r: Result<FakeAnthropicServer, Error> = await onThread {
            Result { try FakeAnthropicServer(extraArguments: extraArguments) }
        }
        return try r.get()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Kills the server and reaps it.
    func stop() { child.kill() }

    /// A provider pointed at this server.
    func provider(key: String? = "sk-ant-test-0123456789", thinking: Int = 0, caching: Bool = true,
                  readTimeout: Double = 10, maxAttempts: Int = 3,
                  onStatus: (@Sendable (String) -> Void)? = nil) -> AnthropicProvider {
        AnthropicProvider(configuration: AnthropicConfiguration(
            baseURL: baseURL, apiKey: key, model: "claude-fake-1", maxTokens: 2048, thinkingBudget: thinking,
            promptCaching: caching, readTimeout: readTimeout, retry: RetryPolicy(maxAttempts: maxAttempts, maxWait: 5)),
            onStatus: onStatus)
    }

    /// The requests the server received, oldest first.
    func requests() async throws -> [Value] {
        let url = baseURL + "/debug/requests"
        let r: Result<Value, Error> = await onThread {
            Result {
                let (_, output) = try ChildProcess(["curl", "-s", "--max-time", "5", url]).finish()
                return try JSON.decode(String(decoding: output, as: UTF8.self), surrogates: .replace)
            }
        }
        return try r.get().array ?? []
    }
}

/// The exact bytes the server sends for a streaming case.
func dumpCase(_ name: String) async throws -> [UInt8] {
    let r: Result<[UInt8], Error> = await onThread {
        Result { try ChildProcess(["python3", FakeAnthropicServer.script, "--dump", name]).finish().output }
    }
    return try r.get()
}

/// Collects the events of one stream.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ProviderEvent] = []

    func add(_ e: ProviderEvent) {
        lock.lock()
        items.append(e)
        lock.unlock()
    }

    var events: [ProviderEvent] {
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
func ask(_ text: String, tools: [ToolSchema] = []) -> ProviderRequest {
    ProviderRequest(messages: [ProviderMessage(role: .user, content: text)], tools: tools)
}

/// Streams `request` and waits (up to `timeout` s) for the end, without
/// blocking a cooperative thread.
func run(_ provider: AnthropicProvider, _ request: ProviderRequest, timeout: Double = 20) async -> [ProviderEvent] {
    let log = EventLog()
    let handle = provider.stream(request: request) { log.add($0) }
    let deadline = Date(timeIntervalSinceNow: timeout)
    while !handle.isFinished && Date() < deadline { try? await Task.sleep(nanoseconds: 5_000_000) }
    return log.events
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

/// The events that are not deltas (tool calls, signatures, usage, the end).
func structure(_ events: [ProviderEvent]) -> [ProviderEvent] {
    events.filter { e in
        switch e {
        case .textDelta, .thinkingDelta: return false
        default: return true
        }
    }
}

/// Parses `bytes` fed in pieces of `size` bytes.
func parse(_ bytes: [UInt8], pieces size: Int = Int.max, key: String? = nil) -> [ProviderEvent] {
    var p = AnthropicStreamParser(apiKey: key)
    var out: [ProviderEvent] = []
    var i = 0
    while i < bytes.count {
        let j = min(bytes.count, i + max(1, min(size, bytes.count)))
        out += p.feed(Array(bytes[i..<j]))
        i = j
    }
    return normalized(out + p.finish())
}

/// Events with adjacent deltas of one kind merged (chunking-independent).
func normalized(_ events: [ProviderEvent]) -> [ProviderEvent] {
    var merged: [ProviderEvent] = []
    for e in events { ProviderEvent.append(e, to: &merged) }
    return merged
}

/// A read_file tool schema.
let readFileTool = ToolSchema(name: "read_file", description: "read a file",
                              parameters: .table(["type": "object", "properties": .table(["path": .table(["type": "string"])])]))
