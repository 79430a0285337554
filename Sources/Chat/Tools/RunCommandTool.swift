import Foundation
import Kernel
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `run_command {command, timeout?}`: runs `/bin/sh -c command` in the
/// working directory and returns its combined stdout and stderr plus the
/// exit code. Needs approval.
///
/// The command runs in its own process group with stdin from `/dev/null`;
/// after `timeout` seconds (default ``defaultTimeout``) or a cancel through
/// ``ToolContext/cancellation`` the whole group is killed. Output is capped
/// at ``outputCap`` bytes (the first and last halves are kept). A non-zero
/// exit, a timeout or a cancel is an error result. The output ends with a
/// line `[exit code: N]` (signals count as 128 + N).
public struct RunCommandTool: Tool {
    /// The default time limit in seconds.
    public static let defaultTimeout: Double = 30
    /// The most output bytes kept.
    public static let outputCap = 64 * 1024

    /// `run_command`.
    public let name = "run_command"
    /// What it does.
    public let description = "Run a shell command (/bin/sh -c) in the working directory; returns stdout+stderr and the exit code."
    /// Running commands needs approval.
    public let needsApproval = true
    /// A command: asks in `ask` and `edits` mode, refused in `read-only`.
    public var kind: ToolKind { .command }
    /// `{command: string, timeout?: integer}`.
    public let parametersSchema = ToolArguments.objectSchema([
        ("command", "string", "The shell command line"),
        ("timeout", "integer", "Time limit in seconds, 1-600 (default 30)"),
    ], required: ["command"])
    /// The time limit used when the call gives none.
    public let timeout: Double

    /// Creates the tool with a default time limit in seconds.
    public init(timeout: Double = RunCommandTool.defaultTimeout) {
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : Self.defaultTimeout
    }

    /// Runs the command (see the type's docs).
    public func execute(arguments: [String: Value], context: ToolContext) -> ToolResult {
        guard let command = arguments["command"]?.string,
              !command.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .failure(ToolArgumentError.missing(tool: name, argument: "command").description)
        }
        guard !command.utf8.contains(0), !context.cwd.utf8.contains(0) else {
            return .failure(ToolArgumentError.invalidValue(tool: name, argument: "command", reason: "contains a NUL byte").description)
        }
        let limit: Double
        switch ToolArguments.optionalInt(arguments, "timeout", tool: name, range: 1...600) {
        case .success(let t): limit = t.map(Double.init) ?? timeout
        case .failure(let e): return .failure(e.description)
        }
        guard ToolFiles.kind(context.cwd) == .directory else {
            return .failure("\(name): working directory does not exist: \(context.cwd)")
        }
        let run: CommandRun
        do {
            run = try CommandRunner.run(command, cwd: context.cwd, timeout: limit,
                                        cap: Self.outputCap, cancellation: context.cancellation)
        } catch {
            return .failure("\(name): \(error)")
        }
        return format(run, limit: limit)
    }

    private func format(_ run: CommandRun, limit: Double) -> ToolResult {
        var text = run.output
        if text.isEmpty { text = "[no output]" }
        if !text.hasSuffix("\n") { text += "\n" }
        if run.truncatedBytes > 0 { text += "[\(run.truncatedBytes) bytes of output omitted in the middle]\n" }
        if run.timedOut { text += "[timed out after \(Int(limit)) s: killed]\n" }
        if run.cancelled { text += "[cancelled: killed]\n" }
        text += "[exit code: \(run.exitCode)]"
        return ToolResult(output: text, isError: run.exitCode != 0 || run.timedOut || run.cancelled)
    }
}

/// A cancel flag a tool checks while it runs (thread-safe: one atomic).
public final class ToolCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    /// Creates an uncancelled flag.
    public init() {}

    /// Asks the running tool to stop (it kills what it started).
    public func cancel() {
        cancelled.store(true, ordering: .releasing)
    }

    /// True once ``cancel()`` was called.
    public var isCancelled: Bool {
        cancelled.load(ordering: .acquiring)
    }
}
