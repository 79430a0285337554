import Foundation
import Logging
import MCP

/// The stdio transport of an MCP server weft starts itself: one JSON-RPC
/// message per line on the child's standard input and output.
///
/// Unlike the SDK's `StdioTransport` (which polls a descriptor), a reader
/// thread blocks on the child's output, so an idle server costs nothing.
/// Lines that are not JSON are dropped and kept for error messages; when
/// the child's output ends the stream fails with ``MCPError/exited(server:detail:)``
/// (which also ends the SDK client's message loop).
actor StdioProcessTransport: Transport {
    nonisolated let logger = Logger(label: "weft.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })
    let server: String
    let argv: [String]
    let cwd: String?
    let env: [String]
    private let onExit: @Sendable (String) -> Void
    private var child: MCPChild?
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation

    /// A transport for `argv`; `onExit` hears why the process ended.
    init(server: String, argv: [String], cwd: String?, env: [String], onExit: @escaping @Sendable (String) -> Void) {
        self.server = server
        self.argv = argv
        self.cwd = cwd
        self.env = env
        self.onExit = onExit
        (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    /// The process, once started (for diagnostics and kill).
    var process: MCPChild? { child }

    func connect() async throws {
        guard child == nil else { return }
        let c: MCPChild
        do { c = try MCPChild(argv: argv, cwd: cwd, env: env) } catch {
            throw MCPError.startFailed(server: server, detail: "\(error)")
        }
        child = c
        let cont = continuation
        let name = server
        let exit = onExit
        c.startReading(onLine: { cont.yield($0) }, onExit: { detail in
            cont.finish(throwing: MCPError.exited(server: name, detail: detail))
            exit(detail)
        })
    }

    func disconnect() async {
        child?.signal(SIGTERM)
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        guard let child else { throw MCPError.protocolError(server: server, detail: "not started") }
        if let why = child.exited { throw MCPError.exited(server: server, detail: why) }
        var line = data
        line.append(0x0A)
        do { try child.write(line) } catch {
            throw MCPError.exited(server: server, detail: child.exited ?? "\(error)")
        }
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, Swift.Error> { stream }
}
