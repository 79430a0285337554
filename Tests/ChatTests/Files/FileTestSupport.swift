import Foundation
import Glibc
import Kernel
@testable import Chat

/// A temporary project directory for file-tool tests, with a ledger and a
/// checkpoint store, removed by `cleanup()`.
struct FileFixture {
    let dir: String
    let ledger = FileLedger()
    let checkpoints: CheckpointStore

    init() {
        dir = FileAccess.canonical(NSTemporaryDirectory() + "weft-files-\(UUID().uuidString)", cwd: "/")
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        checkpoints = CheckpointStore(directory: dir + "/.state/checkpoints/s1")
    }

    func context(turn: Int = 1) -> ToolContext {
        ToolContext(cwd: dir, files: ledger, checkpoints: checkpoints, turn: turn)
    }

    /// Writes raw bytes (creating parents).
    func write(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) {
        let full = dir + "/" + path
        try? FileManager.default.createDirectory(atPath: AtomicWriter.split(full).0, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
        chmod(full, mode)
    }

    func write(_ path: String, _ text: String) { write(path, Array(text.utf8)) }

    func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: dir + "/" + path).map { [UInt8]($0) }
    }

    func text(_ path: String) -> String? { bytes(path).map { String(decoding: $0, as: UTF8.self) } }

    func mode(_ path: String) -> mode_t? { FileAccess.status(dir + "/" + path)?.mode }

    /// Reads `path` through read_file, as the model would.
    @discardableResult
    func modelReads(_ path: String) -> ToolResult {
        ReadFileTool().execute(json: "{\"path\":\"\(path)\"}", context: context())
    }

    func edit(_ json: String, turn: Int = 1) -> ToolResult {
        EditFileTool().execute(json: json, context: context(turn: turn))
    }

    func writeTool(_ json: String, turn: Int = 1) -> ToolResult {
        WriteFileTool().execute(json: json, context: context(turn: turn))
    }

    /// Sets a file's modification time `seconds` into the past (so a
    /// rewrite within the same clock tick still looks changed).
    func age(_ path: String, seconds: Int) {
        var times = [timespec(tv_sec: time(nil) - seconds, tv_nsec: 0), timespec(tv_sec: time(nil) - seconds, tv_nsec: 0)]
        utimensat(AT_FDCWD, dir + "/" + path, &times, 0)
    }

    func cleanup() {
        chmod(dir, 0o755)
        try? FileManager.default.removeItem(atPath: dir)
    }
}

/// JSON for tool arguments (escapes quotes, backslashes and controls).
func toolJSON(_ fields: [String: Value]) -> String { JSON.line(.table(fields)) }
