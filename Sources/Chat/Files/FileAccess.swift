import Glibc

/// What `stat(2)` says about a path (following symlinks).
public struct FileStat: Hashable, Sendable {
    /// What kind of thing is there.
    public enum Kind: Hashable, Sendable { case file, directory, other }

    /// The kind.
    public var kind: Kind
    /// Size in bytes.
    public var size: Int
    /// Modification time in nanoseconds since 1970.
    public var mtimeNanos: Int64
    /// Permission bits (`st_mode & 0o7777`).
    public var mode: mode_t
    /// Owner.
    public var uid: uid_t
    /// Group.
    public var gid: gid_t
}

/// Why a file could not be read or resolved; the description is for the
/// model, after the tool's name.
public struct FileAccessError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message.
    public let description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// File-system helpers of the file tools: stat, bounded reads and path
/// resolution. Blocking: call them off the main thread.
public enum FileAccess {
    /// The stat of `path`, or nil when nothing is there.
    public static func status(_ path: String) -> FileStat? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let kind: FileStat.Kind
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        default: kind = .other
        }
        return FileStat(kind: kind, size: Int(st.st_size),
                        mtimeNanos: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                        mode: st.st_mode & 0o7777, uid: st.st_uid, gid: st.st_gid)
    }

    /// The bytes of a regular file of at most `maxSize` bytes. `shown` is
    /// the path as the model wrote it, for messages.
    public static func read(_ path: String, shown: String, maxSize: Int) -> Result<[UInt8], FileAccessError> {
        guard let st = status(path) else { return .failure(FileAccessError("no such file: \(shown)")) }
        switch st.kind {
        case .directory: return .failure(FileAccessError("\(shown) is a directory"))
        case .other: return .failure(FileAccessError("\(shown) is not a regular file"))
        case .file: break
        }
        if st.size > maxSize { return .failure(tooLarge(shown, st.size, maxSize)) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(FileAccessError("cannot open \(shown): \(WriteFailure.reason(errno))"))
        }
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: st.size + 1)
        var count = 0
        while true {
            if count == out.count {
                if count > maxSize { return .failure(tooLarge(shown, count, maxSize)) }
                out += [UInt8](repeating: 0, count: max(4096, count))
            }
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileAccessError("cannot read \(shown): \(WriteFailure.reason(errno))"))
            }
            if n == 0 { break }
            count += n
        }
        if count > maxSize { return .failure(tooLarge(shown, count, maxSize)) }
        out.removeSubrange(count...)
        return .success(out)
    }

    private static func tooLarge(_ shown: String, _ size: Int, _ maxSize: Int) -> FileAccessError {
        FileAccessError("\(shown) is too large (\(size / (1024 * 1024)) MB; the limit is \(maxSize / (1024 * 1024)) MB)")
    }

    /// `path` made absolute (against `cwd`), with `.` and `..` resolved
    /// and the symlinks of its existing part followed: two spellings of
    /// one file give one string. A path that does not exist yet keeps its
    /// missing tail.
    public static func canonical(_ path: String, cwd: String) -> String {
        let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") where part != "." {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(part) }
        }
        var tail: [Substring] = []
        while true {
            let head = "/" + parts.joined(separator: "/")
            if let real = realpath(head) {
                return ([real == "/" ? "" : real] + tail.reversed().map(String.init)).joined(separator: "/")
                    .ifEmpty("/")
            }
            guard let last = parts.popLast() else { return "/" + tail.reversed().joined(separator: "/") }
            tail.append(last)
        }
    }

    /// `realpath(3)`, or nil.
    static func realpath(_ path: String) -> String? {
        guard let p = Glibc.realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The directories of `path`'s parents that do not exist yet, outermost first.
    static func missingParents(of path: String) -> [String] {
        var out: [String] = []
        var dir = AtomicWriter.split(path).0
        while dir != "/" && dir != "." && status(dir) == nil {
            out.append(dir)
            dir = AtomicWriter.split(dir).0
        }
        return out.reversed()
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
