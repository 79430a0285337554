import Foundation
import Kernel

/// The log behind `weft.log.*` and handler failures: lines appended to a
/// file (created with its directory on first write) and the most recent
/// ones kept in memory.
///
/// A line reads `2025-01-31T12:00:00Z ERROR init.lua: message`. Failing to
/// write the file never raises: the entry stays in memory.
public final class LuaLog {
    /// One log entry.
    public struct Entry: Hashable, Sendable {
        /// Severity.
        public var level: MessageLevel
        /// Who logged it (file or handler owner).
        public var owner: String
        /// The message.
        public var text: String
    }

    /// The file appended to (nil: memory only). Settable at any time.
    public var path: String?
    /// The most recent entries, oldest first.
    public private(set) var entries: [Entry] = []
    /// How many entries are kept in memory.
    public var memoryLimit = 1000

    /// A log writing to `path` (nil: memory only).
    public init(path: String?) {
        self.path = path
    }

    /// Records an entry and appends it to the file.
    public func write(_ level: MessageLevel, _ text: String, owner: String) {
        entries.append(Entry(level: level, owner: owner, text: text))
        if entries.count > memoryLimit { entries.removeFirst(entries.count - memoryLimit) }
        guard let path else { return }
        let stamp = ISO8601DateFormatter().string(from: Date())
        let line = "\(stamp) \(level.rawValue.uppercased()) \(owner): \(text)\n"
        append(line, to: path)
    }

    private func append(_ line: String, to path: String) {
        let fm = FileManager.default
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !fm.fileExists(atPath: dir) {
            try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        if !fm.fileExists(atPath: path) { _ = fm.createFile(atPath: path, contents: nil) }
        guard let h = FileHandle(forWritingAtPath: path) else { return }
        defer { try? h.close() }
        _ = try? h.seekToEnd()
        try? h.write(contentsOf: Data(line.utf8))
    }
}
