import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Appends records to one session file.
///
/// Each record is one `write(2)` of a JSON line. Finished messages and meta
/// records are then `fsync`ed, so a crash loses at most the reply being
/// streamed (whose `partial` snapshots are written but not synced). Opening
/// a file whose last line was cut off (a crash mid-write) first ends that
/// line, so new records never merge into it.
///
/// A write that fails (a full disk, an I/O error) leaves whole lines only:
/// the file is cut back to where the record began. If even that fails, the
/// next record starts on a new line, so once space returns nothing merges
/// into the torn one (and the loader skips just the torn part).
///
/// Thread-safe (one lock); `append` blocks on the disk, so the UI may call
/// it from a worker. The file closes on ``close()`` or deinit.
///
/// `@unchecked Sendable` because every use of the fd and of the partial
/// state holds `lock` (a `Mutex` would not fit: the record is written
/// with system calls tests replace through `writeCall`/`truncateCall`,
/// which are set once before the writer is shared).
public final class SessionWriter: @unchecked Sendable {
    /// The session's id.
    public let id: String
    /// The file's path.
    public let path: String
    private let lock = NSLock()
    private var fd: Int32
    /// The file's size before the first `partial` of the reply being
    /// streamed, while nothing but partials followed it.
    private var partialStart: off_t?
    /// Set when a failed write may have left a cut-off line that could
    /// not be removed: the next record first ends it.
    private var mustEndLine = false
    /// The write system call (tests replace it to simulate a full disk).
    var writeCall: (Int32, UnsafeRawPointer?, Int) -> Int = { fd, p, n in Glibc.write(fd, p, n) }
    /// The truncate system call (tests make it fail too).
    var truncateCall: (Int32, off_t) -> Int32 = { fd, size in ftruncate(fd, size) }

    init(id: String, path: String) throws {
        self.id = id
        self.path = path
        fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)  // read: the last byte after a failed write
        guard fd >= 0 else { throw SessionError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        if Self.endsMidLine(path) { try writeAll(Array("\n".utf8)) }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Writes `record` as one line; fsyncs unless it is a `partial` or
    /// `partial_append`.
    ///
    /// The finished assistant message replaces the partial snapshots written
    /// for it just before (a full `partial` repeats the reply so far, so a
    /// long reply could leave megabytes of them): the file is cut back to where they
    /// began, then the message is written and synced. Any other record in
    /// between keeps them.
    /// - Throws: ``SessionError/io(_:)`` if the write or sync fails, or the
    ///   writer is closed.
    public func append(_ record: SessionRecord) throws {
        lock.lock()
        defer { lock.unlock() }
        guard fd >= 0 else { throw SessionError.io("session \(id) is closed") }
        switch (record.kind, record.role) {
        case (.partial, _), (.partialAppend, _):
            if partialStart == nil {
                let end = lseek(fd, 0, SEEK_END)
                partialStart = end >= 0 ? end : nil
            }
        case (.message, .assistant?):
            if let start = partialStart { _ = ftruncate(fd, start) }  // on failure the loader still folds them
            partialStart = nil
        default:
            partialStart = nil
        }
        try writeLine(Array((record.jsonLine + "\n").utf8))
        if !record.isPartial { try syncLocked() }
    }

    /// Writes one whole line or, on failure, nothing: a partly written
    /// line is cut off again (see the type's comment).
    private func writeLine(_ line: [UInt8]) throws {
        if mustEndLine {
            let end = lseek(fd, 0, SEEK_END)
            if end > 0, Self.lastByte(fd, at: end - 1) != 0x0A {
                try writeAll([0x0A])  // still failing: mustEndLine stays set
            }
            mustEndLine = false
        }
        let start = lseek(fd, 0, SEEK_END)
        do {
            try writeAll(line)
        } catch {
            if start < 0 || truncateCall(fd, start) != 0 { mustEndLine = true }
            throw error
        }
    }

    /// The byte at `offset` of the file (pread; nil on failure).
    private static func lastByte(_ fd: Int32, at offset: off_t) -> UInt8? {
        var b: UInt8 = 0
        return pread(fd, &b, 1, offset) == 1 ? b : nil
    }

    /// Forces everything written to disk.
    public func sync() throws {
        lock.lock()
        defer { lock.unlock() }
        guard fd >= 0 else { return }
        try syncLocked()
    }

    /// Closes the file (later appends throw). Idempotent.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    private func syncLocked() throws {
        guard fsync(fd) == 0 else { throw SessionError.io("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { writeCall(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SessionError.io("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// True if the file is non-empty and its last byte is not a newline.
    private static func endsMidLine(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end > 0 else { return false }
        try? handle.seek(toOffset: end - 1)
        let last = (try? handle.read(upToCount: 1)) ?? Data()
        return last.first != 0x0A
    }
}
