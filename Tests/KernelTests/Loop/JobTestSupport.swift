import Foundation
@testable import Kernel
#if canImport(Glibc)
import Glibc
#endif

/// Everything a job reported, collected for assertions.
final class JobRecord {
    var stdout: [String] = []
    var stderr: [String] = []
    var exit: (code: Int32, signal: Int32)?
    /// stdout line count seen when onExit ran (must be the final count).
    var stdoutAtExit = -1

    func spec(_ argv: [String], cwd: String? = nil, env: [String: String]? = nil,
              clearEnv: Bool = false) -> JobSpec {
        JobSpec(argv: argv, cwd: cwd, env: env, clearEnv: clearEnv,
                onStdout: { [unowned self] _, line in self.stdout.append(line) },
                onStderr: { [unowned self] _, line in self.stderr.append(line) },
                onExit: { [unowned self] _, code, signal in
                    self.stdoutAtExit = self.stdout.count
                    self.exit = (code, signal)
                })
    }
}

/// Dispatches until `record` saw the exit (bounded: never hangs CI).
func waitForExit(_ loop: MainLoop, _ record: JobRecord, timeoutMs: Int = 30_000) -> Bool {
    loop.run(until: { record.exit != nil }, timeoutMs: timeoutMs)
}

/// True when `pid` is no longer a child of ours (reaped, no zombie).
func isReaped(_ pid: Int32) -> Bool {
    var status: Int32 = 0
    let rc = waitpid(pid, &status, WNOHANG)
    guard rc == -1 && errno == ECHILD else { return false }
    // /proc/PID is gone, or (if the pid was reused already) not our zombie.
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
    return !stat.contains(") Z ")
}
