import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The controlling terminal: raw mode, the full-screen modes, size, raw
/// reads and writes, suspend and resume.
///
/// `enter()` puts the terminal in raw mode and turns on the alternate
/// screen, a hidden cursor, bracketed paste, focus events, (optionally)
/// SGR mouse and the ``keyboard`` protocol; `leave()` undoes all of it in reverse and restores the saved
/// termios exactly. Both are idempotent. While entered, the original termios
/// and the leave bytes are also kept in static storage so that a crash
/// signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) or `exit()`
/// restores the terminal (see ``emergencyRestore()``). SIGINT, SIGTERM and
/// SIGHUP are the main loop's to hook; it should call ``leave()``, and
/// ``suspend()`` / ``resume()`` on SIGTSTP / SIGCONT.
///
/// ```swift
/// let tty = try TerminalDevice(path: "/dev/tty")
/// try tty.enter()
/// defer { tty.leave() }
/// ```
public final class TerminalDevice {
    /// The descriptor input is read from (and whose termios is changed).
    public let inputFD: Int32
    /// The descriptor output is written to.
    public let outputFD: Int32
    /// Whether `enter()` turns on mouse reporting (set before `enter()`).
    public var mouse: Bool
    /// Whether `enter()` switches to the alternate screen (off for inline
    /// mode; set before `enter()`).
    public var altScreen = true
    /// The keyboard protocol turned on while entered (see
    /// ``setKeyboard(_:)``); kept across ``leave()`` and ``enter()``, so a
    /// suspend or an external editor turns it off and on again.
    public private(set) var keyboard: KeyboardProtocol = .legacy
    private let ownsDescriptor: Bool
    private var original: termios?
    private var cursorShapeChanged = false

    /// Whether the full-screen modes are on (between `enter()` and `leave()`).
    public private(set) var isEntered = false
    /// Whether raw mode is on.
    public var isRaw: Bool { original != nil }

    /// Uses existing descriptors (default: standard input and output). The
    /// descriptors are not closed by this object.
    public init(inputFD: Int32 = STDIN_FILENO, outputFD: Int32 = STDOUT_FILENO, mouse: Bool = true) {
        self.inputFD = inputFD
        self.outputFD = outputFD
        self.mouse = mouse
        self.ownsDescriptor = false
    }

    /// Opens a terminal device such as `/dev/tty` for both input and output;
    /// the descriptor is closed when this object goes away.
    /// - Throws: ``TerminalError/open(_:_:)`` when it cannot be opened,
    ///   ``TerminalError/notATerminal(_:)`` when it is not a terminal.
    public init(path: String, mouse: Bool = true) throws {
        let fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw TerminalError.open(path, String(cString: strerror(errno))) }
        guard isatty(fd) == 1 else {
            close(fd)
            throw TerminalError.notATerminal(path)
        }
        inputFD = fd
        outputFD = fd
        self.mouse = mouse
        ownsDescriptor = true
    }

    deinit {
        leave()
        leaveRawMode()
        if ownsDescriptor { close(inputFD) }
    }

    // MARK: - Modes

    /// Saves the current termios and switches to raw mode (`cfmakeraw`: no
    /// echo, no line editing, no signals from keys, no output
    /// post-processing). Does nothing when already raw.
    /// - Throws: ``TerminalError/notATerminal(_:)`` when termios fails.
    public func enterRawMode() throws {
        guard original == nil else { return }
        var saved = termios()
        guard tcgetattr(inputFD, &saved) == 0 else {
            throw TerminalError.notATerminal("tcgetattr: \(String(cString: strerror(errno)))")
        }
        var raw = saved
        cfmakeraw(&raw)
        guard tcsetattr(inputFD, TCSADRAIN, &raw) == 0 else {
            throw TerminalError.notATerminal("tcsetattr: \(String(cString: strerror(errno)))")
        }
        original = saved
    }

    /// Restores the termios saved by ``enterRawMode()``, discarding input
    /// not read yet (`TCSAFLUSH`): keys typed or pasted while weft exits
    /// never reach the shell. Idempotent.
    public func leaveRawMode() {
        guard var saved = original else { return }
        _ = tcsetattr(inputFD, TCSAFLUSH, &saved)
        original = nil
    }

    /// Raw mode plus alternate screen, hidden cursor, bracketed paste, focus
    /// events and (when ``mouse``) SGR mouse. Idempotent.
    /// - Throws: ``TerminalError`` when termios or the write fails (the
    ///   terminal is then restored).
    public func enter() throws {
        guard !isEntered else { return }
        try enterRawMode()
        do {
            try write(TerminalModes.enterSequence(mouse: mouse, altScreen: altScreen, keyboard: keyboard))
        } catch {
            leaveRawMode()
            throw error
        }
        isEntered = true
        armEmergencyRestore()
    }

    /// Undoes ``enter()`` in reverse order and restores termios exactly.
    /// Safe to call twice, or without `enter()`.
    public func leave() {
        if isEntered {
            try? write(leaveBytes)
            isEntered = false
            cursorShapeChanged = false
            EmergencyRestore.disarm(termiosFD: inputFD)
        }
        leaveRawMode()
    }

    /// Leaves the terminal and stops the process (SIGTSTP with its default
    /// action, unblocked for the moment); returns after SIGCONT. Call it
    /// from the SIGTSTP hook, then ``resume()``.
    public func suspend() {
        leave()
        var dfl = sigaction()
        dfl.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&dfl.sa_mask)
        var old = sigaction()
        _ = sigaction(SIGTSTP, &dfl, &old)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTSTP)
        var oldMask = sigset_t()
        _ = pthread_sigmask(SIG_UNBLOCK, &set, &oldMask)
        _ = raise(SIGTSTP)
        _ = pthread_sigmask(SIG_SETMASK, &oldMask, nil)
        _ = sigaction(SIGTSTP, &old, nil)
    }

    /// Re-enters after SIGCONT (the caller repaints everything).
    /// - Throws: as ``enter()``.
    public func resume() throws {
        try enter()
    }

    /// Restores the entered terminal from static storage: termios and the
    /// leave bytes. Async-signal-safe; runs at most once per `enter()`.
    /// Installed automatically for crash signals and `atexit`.
    public static func emergencyRestore() {
        EmergencyRestore.run()
    }

    /// Switches the keyboard protocol: while entered, the old one is turned
    /// off and the new one on at once, and every way out (``leave()``,
    /// ``suspend()``, a crash, `exit()`) turns it off.
    /// - Throws: ``TerminalError/write(_:)``.
    public func setKeyboard(_ protocol: KeyboardProtocol) throws {
        guard `protocol` != keyboard else { return }
        let old = keyboard
        keyboard = `protocol`
        guard isEntered else { return }
        armEmergencyRestore()
        try write(Array((old.disableSequence + `protocol`.enableSequence).utf8))
    }

    /// Sets the cursor shape; ``leave()`` resets it to the default.
    /// - Throws: ``TerminalError/write(_:)``.
    public func cursorShape(_ shape: CursorShape) throws {
        try write(Array(shape.sequence.utf8))
        if shape != .default { cursorShapeChanged = true }
        if isEntered { armEmergencyRestore() }
    }

    private var leaveBytes: [UInt8] {
        TerminalModes.leaveSequence(mouse: mouse, resetCursorShape: cursorShapeChanged, altScreen: altScreen,
                                    keyboard: keyboard)
    }

    private func armEmergencyRestore() {
        EmergencyRestore.arm(termiosFD: inputFD, outputFD: outputFD, original: original,
                             leaveBytes: leaveBytes)
    }
}
