#if canImport(Glibc)
import Glibc
#endif

/// Terminal state that must be restorable from a signal handler.
///
/// Everything lives in memory allocated once, before any handler is
/// installed, so the handler only reads it: no allocation, no locks, no
/// Swift runtime calls. The handler does `tcsetattr` and `write` only (both
/// async-signal-safe), then hands the signal on.
struct EmergencyState {
    /// 1 while a terminal is entered and needs restoring.
    var active: Int32 = 0
    /// The descriptor whose termios is restored.
    var termiosFD: Int32 = -1
    /// The descriptor the leave bytes go to.
    var outputFD: Int32 = -1
    /// Whether `original` holds saved attributes.
    var hasTermios: Int32 = 0
    /// The attributes to restore.
    var original = termios()
    /// How many of the bytes in `emergencyBytes` to write.
    var length: Int = 0
}

private let emergencyCapacity = 512
nonisolated(unsafe) private let emergencyState: UnsafeMutablePointer<EmergencyState> = {
    let p = UnsafeMutablePointer<EmergencyState>.allocate(capacity: 1)
    p.initialize(to: EmergencyState())
    return p
}()
nonisolated(unsafe) private let emergencyBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 512)
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    p.initialize(repeating: sigaction(), count: 65)
    return p
}()
nonisolated(unsafe) private var handlersInstalled = false

/// The crash handler: restore the terminal, then put back the disposition
/// that was there before (the default action, or the Swift runtime's
/// backtracer) and re-raise, so the crash still reports and dumps core.
private func weftCrashHandler(_ signal: Int32) {
    EmergencyRestore.run()
    if signal > 0 && signal < 65 {
        _ = sigaction(signal, previousActions + Int(signal), nil)
    }
    _ = raise(signal)
}

/// The process-wide emergency restore behind `TerminalDevice`.
enum EmergencyRestore {
    /// Signals after which the terminal is restored before the process dies.
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Records what to restore (normal context only).
    static func arm(termiosFD: Int32, outputFD: Int32, original: termios?, leaveBytes: [UInt8]) {
        installHandlers()
        let state = emergencyState
        state.pointee.active = 0
        state.pointee.termiosFD = termiosFD
        state.pointee.outputFD = outputFD
        state.pointee.hasTermios = original == nil ? 0 : 1
        if let original { state.pointee.original = original }
        let n = min(leaveBytes.count, emergencyCapacity)
        for i in 0..<n { emergencyBytes[i] = leaveBytes[i] }
        state.pointee.length = n
        state.pointee.active = 1
    }

    /// Forgets the armed terminal when it is `termiosFD` (after a normal leave).
    static func disarm(termiosFD: Int32) {
        if emergencyState.pointee.termiosFD == termiosFD { emergencyState.pointee.active = 0 }
    }

    /// Whether a terminal is armed.
    static var isArmed: Bool { emergencyState.pointee.active != 0 }

    /// Restores the armed terminal once. Async-signal-safe.
    static func run() {
        let state = emergencyState
        guard state.pointee.active != 0 else { return }
        state.pointee.active = 0
        var offset = 0
        while offset < state.pointee.length {
            let n = write(state.pointee.outputFD, emergencyBytes + offset, state.pointee.length - offset)
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
        if state.pointee.hasTermios != 0 {
            _ = tcflush(state.pointee.termiosFD, TCIFLUSH)   // pending keys never reach the shell
            _ = tcsetattr(state.pointee.termiosFD, TCSANOW, &state.pointee.original)
        }
    }

    /// Installs the crash handlers and the atexit hook, once.
    static func installHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        _ = emergencyState
        _ = emergencyBytes
        _ = previousActions
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = weftCrashHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            if sigaction(signal, &action, &old) == 0 {
                // SIG_IGN is the handler value 1: never ignore a crash.
                if old.sa_flags & Int32(SA_SIGINFO) == 0,
                   unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == 1 {
                    old.__sigaction_handler.sa_handler = SIG_DFL
                }
                previousActions[Int(signal)] = old
            }
        }
        _ = atexit { EmergencyRestore.run() }
    }
}
