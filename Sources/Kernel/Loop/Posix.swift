import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Thin helpers over POSIX calls the loop and jobs need. Some glibc
/// functions (`pipe2`, `pidfd_open`, the `_np` spawn actions) are not visible
/// through Swift's Glibc module, so they are looked up once with `dlsym`;
/// each has a portable fallback.
enum Posix {
    private typealias Pipe2Fn = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias PidfdOpenFn = @convention(c) (pid_t, UInt32) -> Int32
    typealias CloseFromFn = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias AddChdirFn = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, name) else { return nil }
        return unsafeBitCast(sym, to: type)
    }

    private static let pipe2Fn = symbol("pipe2", as: Pipe2Fn.self)
    private static let pidfdOpenFn = symbol("pidfd_open", as: PidfdOpenFn.self)
    /// `posix_spawn_file_actions_addclosefrom_np`, if this libc has it.
    static let addCloseFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFromFn.self)
    /// `posix_spawn_file_actions_addchdir_np`, if this libc has it.
    static let addChdir = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdirFn.self)

    /// The message for an errno value.
    static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Creates a close-on-exec pipe; both ends are non-blocking when asked.
    /// Returns `(read, write)`.
    static func makePipe(nonBlocking: Bool) throws -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        let rc: Int32
        if let pipe2Fn {
            rc = fds.withUnsafeMutableBufferPointer { buf -> Int32 in
                guard let base = buf.baseAddress else { return -1 }
                return pipe2Fn(base, O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0))
            }
        } else {
            rc = pipe(&fds)
            if rc == 0 {
                for fd in fds {
                    setCloseOnExec(fd)
                    if nonBlocking { setNonBlocking(fd) }
                }
            }
        }
        guard rc == 0 else {
            throw KernelError.invalidState("cannot create a pipe: \(message(errno))")
        }
        return (fds[0], fds[1])
    }

    /// Sets `O_NONBLOCK` on `fd`.
    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Sets `FD_CLOEXEC` on `fd`.
    static func setCloseOnExec(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }

    /// Opens a pidfd for `pid` (readable once the process exits), or nil
    /// when the kernel or libc does not support it.
    static func pidfdOpen(_ pid: pid_t) -> Int32? {
        guard let pidfdOpenFn else { return nil }
        let fd = pidfdOpenFn(pid, 0)
        return fd >= 0 ? fd : nil
    }

    /// Reads and discards everything currently in a non-blocking fd.
    /// Returns the bytes read (at most `limit`).
    @discardableResult
    static func drain(_ fd: Int32, limit: Int = 4096) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256)
        while out.count < limit {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                out.append(contentsOf: chunk[0..<n])
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return out
    }

    /// Writes one byte to a non-blocking fd, ignoring a full pipe.
    static func poke(_ fd: Int32, _ byte: UInt8 = 1) {
        var b = byte
        while write(fd, &b, 1) < 0 && errno == EINTR {}
    }

    /// Decodes a `waitpid` status into `(code, signal)`: a normal exit gives
    /// `(code, 0)`, death by a signal gives `(128 + signal, signal)`.
    static func decodeWaitStatus(_ status: Int32) -> (code: Int32, signal: Int32) {
        let low = status & 0x7f
        if low == 0 { return ((status >> 8) & 0xff, 0) }
        return (128 + low, low)
    }
}
