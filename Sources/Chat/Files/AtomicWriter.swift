import Glibc

/// Why a file could not be written. The original file is untouched in
/// every case: nothing replaces it until the new bytes are on disk.
public struct WriteFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file that was to be written.
    public var path: String
    /// What weft was doing, naming the file ("write /p/a.txt", ...).
    public var step: String
    /// The `errno` of the failing call.
    public var code: Int32

    /// Creates a failure.
    public init(path: String, step: String, code: Int32) {
        self.path = path
        self.step = step
        self.code = code
    }

    /// E.g. `could not write /p/a.txt: disk full; the file is unchanged`.
    public var description: String {
        "could not \(step): \(Self.reason(code)); the file is unchanged"
    }

    /// A short reason for common `errno` values.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "disk full"
        case EDQUOT: return "disk quota exceeded"
        case EROFS: return "read-only file system"
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such directory"
        case ENOTDIR: return "a parent is not a directory"
        case EISDIR: return "is a directory"
        case EIO: return "input/output error"
        default: return String(cString: strerror(code))
        }
    }
}

/// Writes files atomically: the bytes go to a temporary file in the same
/// directory, which is synced and then renamed over the target, and the
/// directory is synced. A reader (or a crash) sees the old file or the new
/// one, never a mix; a failure at any step (disk full, read-only file
/// system, no permission) removes the temporary file and leaves the
/// original as it was.
///
///     try AtomicWriter().write(Array("hi\n".utf8), to: "/tmp/a.txt", mode: 0o644)
///
/// The system calls are injectable so tests can fail any step.
public struct AtomicWriter: Sendable {
    /// The calls the writer makes, replaceable in tests.
    public struct System: Sendable {
        /// `write(2)`.
        public var write: @Sendable (Int32, UnsafeRawPointer, Int) -> Int
        /// `fsync(2)`.
        public var fsync: @Sendable (Int32) -> Int32
        /// `rename(2)`.
        public var rename: @Sendable (String, String) -> Int32

        /// The real calls.
        public static let live = System(write: { Glibc.write($0, $1, $2) }, fsync: { Glibc.fsync($0) },
                                        rename: { Glibc.rename($0, $1) })
    }

    /// The calls used.
    public var system: System

    /// A writer using `system` (the real calls by default).
    public init(system: System = .live) { self.system = system }

    /// Writes `bytes` to `path` atomically with permission bits `mode`
    /// (for a new file, nil means `0666` less the umask). When `owner` is
    /// given (the replaced file's uid and gid) the new file gets it if the
    /// process may set it.
    /// - Throws: ``WriteFailure``; the target is unchanged.
    public func write(_ bytes: [UInt8], to path: String, mode: mode_t?, owner: (uid_t, gid_t)? = nil) throws(WriteFailure) {
        let (dir, base) = Self.split(path)
        var template = Array("\(dir)/.\(base).weft-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteFailure(path: path, step: "create a temporary file in \(dir)", code: errno) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func fail(_ step: String, _ code: Int32) -> WriteFailure {
            close(fd)
            unlink(temp)
            return WriteFailure(path: path, step: step + " " + path, code: code)
        }
        if let code = writeAll(fd, bytes) { throw fail("write", code) }
        if fchmod(fd, mode ?? (0o666 & ~Self.umask)) != 0 { throw fail("set the permissions of", errno) }
        if let (uid, gid) = owner, uid != getuid() || gid != getgid() { _ = fchown(fd, uid, gid) }
        if system.fsync(fd) != 0 { throw fail("sync", errno) }
        if close(fd) != 0 {
            let code = errno
            unlink(temp)
            throw WriteFailure(path: path, step: "close " + path, code: code)
        }
        if system.rename(temp, path) != 0 {
            let code = errno
            unlink(temp)
            throw WriteFailure(path: path, step: "replace " + path, code: code)
        }
        Self.syncDirectory(dir)
    }

    /// Writes everything, retrying on EINTR and short writes; the errno of
    /// a failure, or nil.
    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { raw -> Int32? in
            var done = 0
            while done < raw.count {
                let n = system.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { return ENOSPC }
                done += n
            }
            return nil
        }
    }

    /// (directory, file name) of a path; a bare name is in ".".
    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    /// Makes a rename in `dir` durable.
    static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = Glibc.fsync(fd)
        close(fd)
    }

    /// The process's umask, read from `/proc/self/status` (setting it to
    /// read it would race with other threads creating files); `022` when
    /// that is not available.
    static let umask: mode_t = {
        guard let status = try? readSmallFile("/proc/self/status") else { return 0o022 }
        for line in status.split(separator: "\n") where line.hasPrefix("Umask:") {
            let digits = line.dropFirst("Umask:".count).trimmingWhitespace()
            if let value = mode_t(digits, radix: 8) { return value }
        }
        return 0o022
    }()

    private static func readSmallFile(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteFailure(path: path, step: "open", code: errno) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
