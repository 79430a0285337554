import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair for device tests: the slave side is handed to
/// `TerminalDevice`, the master side reads what it wrote.
final class PseudoTerminal: Sendable {
    let master: Int32
    let slave: Int32

    /// Linux ioctls behind `unlockpt` and `ptsname` (Swift's Glibc module
    /// does not expose the XSI pty functions): `_IOW('T', 0x31, int)` and
    /// `_IOR('T', 0x30, unsigned int)`.
    private static let setLock: UInt = 0x4004_5431
    private static let getNumber: UInt = 0x8004_5430

    init?() {
        let m = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard m >= 0 else { return nil }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(m, PseudoTerminal.setLock, &unlock) == 0,
              ioctl(m, PseudoTerminal.getNumber, &number) == 0 else {
            close(m)
            return nil
        }
        let s = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard s >= 0 else {
            close(m)
            return nil
        }
        master = m
        slave = s
    }

    deinit {
        close(slave)
        close(master)
    }

    /// Everything the slave side has written so far (waits briefly for it).
    func readMaster(timeoutMs: Int32 = 200) -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        var wait = timeoutMs
        while poll(&p, 1, wait) > 0 {
            let n = buf.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            out += buf[0..<n]
            wait = 20
        }
        return out
    }

    /// Types bytes as if from the keyboard.
    func type(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// The slave's current termios.
    func attributes() -> termios {
        var t = termios()
        _ = tcgetattr(slave, &t)
        return t
    }

    /// Sets the window size seen by the slave.
    func setSize(cols: UInt16, rows: UInt16) {
        var ws = winsize(ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &ws)
    }
}

/// Compares termios structures field by field (flags, control chars, speeds).
func sameAttributes(_ a: termios, _ b: termios) -> Bool {
    var a = a, b = b
    return a.c_iflag == b.c_iflag && a.c_oflag == b.c_oflag && a.c_cflag == b.c_cflag
        && a.c_lflag == b.c_lflag && cfgetispeed(&a) == cfgetispeed(&b) && cfgetospeed(&a) == cfgetospeed(&b)
        && withUnsafeBytes(of: a.c_cc) { x in withUnsafeBytes(of: b.c_cc) { y in x.elementsEqual(y) } }
}
