import Foundation
import Testing
@testable import Render
#if canImport(Glibc)
import Glibc
#endif

/// The terminal device and the TTY backend against a real pseudo-terminal.
/// Serialized: the emergency-restore state is process-wide.
@Suite(.serialized) struct TerminalDeviceTests {
    private func ascii(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

    @Test func enterAndLeaveRestoreTermiosExactly() throws {
        let pty = try #require(PseudoTerminal())
        let before = pty.attributes()
        #expect(before.c_lflag & tcflag_t(ICANON) != 0)
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave, mouse: true)
        try tty.enter()
        #expect(tty.isEntered && tty.isRaw)
        let raw = pty.attributes()
        #expect(raw.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
        #expect(raw.c_oflag & tcflag_t(OPOST) == 0)
        #expect(ascii(pty.readMaster()) == "\u{1b}[?1049h\u{1b}[?25l\u{1b}[?2004h\u{1b}[?1004h\u{1b}[?1002h\u{1b}[?1006h")
        tty.leave()
        #expect(sameAttributes(pty.attributes(), before))
        #expect(ascii(pty.readMaster()) == "\u{1b}[?2026l\u{1b}[0m\u{1b}[?1006l\u{1b}[?1002l\u{1b}[?1004l\u{1b}[?2004l\u{1b}[?25h\u{1b}[?1049l")
        tty.leave()   // idempotent: writes nothing more
        #expect(pty.readMaster(timeoutMs: 50) == [])
        #expect(sameAttributes(pty.attributes(), before))
        #expect(!EmergencyRestore.isArmed)   // suite is serialized: nothing else armed
    }

    @Test func leaveDiscardsUnreadInput() throws {
        let pty = try #require(PseudoTerminal())
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave)
        try tty.enter()
        _ = pty.readMaster()
        pty.type(Array("rm -rf typed while quitting\r".utf8))
        var p = pollfd(fd: pty.slave, events: Int16(POLLIN), revents: 0)
        #expect(poll(&p, 1, 200) == 1)   // the keys are pending
        tty.leave()
        p.revents = 0
        #expect(poll(&p, 1, 50) == 0, "pending input survived leave() and would reach the shell")
    }

    @Test func mouseOffAndCursorShapeReset() throws {
        let pty = try #require(PseudoTerminal())
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave, mouse: false)
        try tty.enter()
        #expect(!ascii(pty.readMaster()).contains("1006"))
        try tty.cursorShape(.bar)
        #expect(ascii(pty.readMaster()) == "\u{1b}[6 q")
        tty.leave()
        let out = ascii(pty.readMaster())
        #expect(out.contains("\u{1b}[0 q") && !out.contains("1006"))
        #expect(out.hasSuffix("\u{1b}[?25h\u{1b}[?1049l"))
    }

    @Test func enterTwiceIsOneEnter() throws {
        let pty = try #require(PseudoTerminal())
        let before = pty.attributes()
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave)
        try tty.enter()
        _ = pty.readMaster()
        try tty.enter()
        #expect(pty.readMaster(timeoutMs: 50) == [])
        tty.leave()
        #expect(sameAttributes(pty.attributes(), before))
    }

    @Test func emergencyRestoreUsesStaticState() throws {
        let pty = try #require(PseudoTerminal())
        let before = pty.attributes()
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave)
        try tty.enter()
        _ = pty.readMaster()
        #expect(EmergencyRestore.isArmed)
        TerminalDevice.emergencyRestore()
        #expect(sameAttributes(pty.attributes(), before))
        #expect(ascii(pty.readMaster()).hasSuffix("\u{1b}[?1049l"))
        TerminalDevice.emergencyRestore()   // once only
        #expect(pty.readMaster(timeoutMs: 50) == [])
        tty.leave()
    }

    @Test func crashSignalRestoresTerminalInChild() throws {
        let pty = try #require(PseudoTerminal())
        let before = pty.attributes()
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave)
        try tty.enter()
        _ = pty.readMaster()
        let pid = fork()
        if pid == 0 {
            // Child: only async-signal-safe calls. A real segfault goes
            // through the inherited crash handler, which restores the
            // terminal and hands the signal on (to the Swift backtracer when
            // it is enabled, whose report goes to the silenced stderr).
            let null = open("/dev/null", O_WRONLY)
            _ = dup2(null, STDERR_FILENO)
            UnsafeMutablePointer<Int>(bitPattern: 8)?.pointee = 1
            _exit(0)
        }
        #expect(pid > 0)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        let signalled = status & 0x7f
        #expect(signalled == SIGSEGV, "child status \(status)")
        #expect(sameAttributes(pty.attributes(), before))
        #expect(ascii(pty.readMaster()).hasSuffix("\u{1b}[?25h\u{1b}[?1049l"))
        tty.leave()
    }

    /// The keyboard protocol goes on after the alternate screen (kitty keeps
    /// one stack per screen) and off before it on leave, on emergency
    /// restore, and again on the next enter (a suspend or an editor).
    @Test func keyboardProtocolOnAndOffOnEveryPath() throws {
        let pty = try #require(PseudoTerminal())
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave, mouse: false)
        try tty.setKeyboard(.kitty)   // not entered: remembered, nothing written
        #expect(pty.readMaster(timeoutMs: 30) == [])
        try tty.enter()
        #expect(ascii(pty.readMaster()).hasSuffix("\u{1b}[?1004h\u{1b}[>1u"))
        try tty.setKeyboard(.modifyOtherKeys)
        #expect(ascii(pty.readMaster()) == "\u{1b}[<u\u{1b}[>4;2m")
        tty.leave()
        let out = ascii(pty.readMaster())
        #expect(out.hasPrefix("\u{1b}[?2026l\u{1b}[0m\u{1b}[>4m") && !out.contains("[<u"))
        try tty.setKeyboard(.kitty)
        try tty.enter()
        #expect(ascii(pty.readMaster()).hasSuffix("\u{1b}[>1u"))
        TerminalDevice.emergencyRestore()
        let restored = ascii(pty.readMaster())
        #expect(restored.contains("\u{1b}[<u") && restored.hasSuffix("\u{1b}[?1049l"))
        tty.leave()
        try tty.setKeyboard(.legacy)
    }

    @Test func sizeFromWindowSize() throws {
        let pty = try #require(PseudoTerminal())
        pty.setSize(cols: 132, rows: 43)
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave)
        #expect(tty.size() == Size(width: 132, height: 43))
    }

    @Test func sizeFallsBackWhenNotATerminal() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let tty = TerminalDevice(inputFD: fds[0], outputFD: fds[1])
        let env = ProcessInfo.processInfo.environment
        let expected = Size(width: env["COLUMNS"].flatMap { Int($0) } ?? 80,
                            height: env["LINES"].flatMap { Int($0) } ?? 24)
        #expect(tty.size() == expected)
        #expect(throws: TerminalError.self) { try tty.enter() }
    }

    @Test func readReturnsTypedBytesWithoutBlocking() throws {
        let pty = try #require(PseudoTerminal())
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave)
        try tty.enter()
        defer { tty.leave() }
        #expect(tty.read() == [])
        pty.type(Array("x\u{1b}[A\r".utf8))
        var got: [UInt8] = []
        for _ in 0..<50 where got.count < 5 {
            got += tty.read()
            if got.count < 5 { usleep(2000) }
        }
        #expect(got == Array("x\u{1b}[A\r".utf8))   // raw: no CR->LF, no echo
        #expect(!ascii(pty.readMaster(timeoutMs: 30)).contains("x"))
    }

    @Test func writeLargeFrame() throws {
        let pty = try #require(PseudoTerminal())
        let tty = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave)
        try tty.enterRawMode()
        defer { tty.leaveRawMode() }
        let frame = [UInt8](repeating: UInt8(ascii: "z"), count: 200_000)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var received = 0
        let reader = Thread {
            received = pty.readMaster(timeoutMs: 1000).count
            done.signal()
        }
        reader.start()
        try tty.write(frame)
        done.wait()
        #expect(received == frame.count)
    }

    @Test func openPathErrors() {
        #expect(throws: TerminalError.self) { try TerminalDevice(path: "/nonexistent/tty") }
        #expect(throws: TerminalError.self) { try TerminalDevice(path: "/dev/null") }
    }

    @Test func ttyBackendWritesAndDecodes() throws {
        let pty = try #require(PseudoTerminal())
        pty.setSize(cols: 90, rows: 30)
        let device = TerminalDevice(inputFD: pty.slave, outputFD: pty.slave)
        try device.enter()
        defer { device.leave() }
        _ = pty.readMaster()
        let backend = try TTYBackend(device: device, term: "xterm-256color")
        #expect(backend.size == Size(width: 90, height: 30))
        try backend.write(Array("frame".utf8))
        #expect(pty.readMaster() == Array("frame".utf8))

        pty.type(Array("q\u{1b}[<0;3;2M\u{1b}".utf8))
        var events: [InputEvent] = []
        for _ in 0..<50 where events.count < 2 {
            events += backend.readInput()
            usleep(2000)
        }
        #expect(events == [.key("q"), .mouse(MouseEvent(kind: .press, button: .left, row: 1, col: 2))])
        #expect(backend.pendingTimeoutMs == 50)
        usleep(60_000)
        #expect(backend.readInput() == [.key("<Esc>")])
        #expect(backend.pendingTimeoutMs == nil)
    }
}
