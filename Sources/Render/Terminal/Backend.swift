/// Where frames go and input comes from: the real terminal or a test double.
///
/// The encoder hands each finished frame to ``write(_:)`` in one call; the
/// main loop calls ``readInput()`` when input is ready (and again when
/// ``pendingTimeoutMs`` expires, which flushes a held ESC).
public protocol Backend: AnyObject {
    /// The screen size in cells.
    var size: Size { get }
    /// Writes one frame's bytes.
    /// - Throws: ``TerminalError/write(_:)`` when the terminal is gone.
    func write(_ frame: [UInt8]) throws
    /// Everything decoded from the input available now (may be empty).
    func readInput() -> [InputEvent]
    /// Milliseconds until held input should be flushed, or nil.
    var pendingTimeoutMs: Int? { get }
}

/// The real terminal: a ``TerminalDevice`` plus an ``InputDecoder``.
public final class TTYBackend: Backend {
    /// The terminal device.
    public let device: TerminalDevice
    /// The decoder for the device's input.
    public let decoder: InputDecoder
    private var lastInput = ContinuousClock.now

    /// Wraps `device`, decoding input for terminal type `term` (default `$TERM`).
    /// - Throws: ``TerminalError/inputDecoder(_:)`` when libtermkey fails.
    public init(device: TerminalDevice, term: String? = nil) throws {
        self.device = device
        self.decoder = try InputDecoder(term: term)
    }

    /// The device size (`TIOCGWINSZ`, else `$COLUMNS`/`$LINES`, else 80x24).
    public var size: Size { device.size() }

    /// Writes a frame with one write loop.
    public func write(_ frame: [UInt8]) throws { try device.write(frame) }

    /// Reads and decodes what is available. When nothing arrived and held
    /// input has waited longer than ``pendingTimeoutMs``, flushes it.
    public func readInput() -> [InputEvent] {
        let bytes = device.read()
        let now = ContinuousClock.now
        if !bytes.isEmpty {
            lastInput = now
            return decoder.feed(bytes)
        }
        if let ms = decoder.pendingTimeoutMs, now - lastInput >= .milliseconds(ms) {
            return decoder.flushPending()
        }
        return []
    }

    /// The decoder's pending timeout.
    public var pendingTimeoutMs: Int? { decoder.pendingTimeoutMs }
}

/// A virtual terminal for tests: the size is set by the test, written frames
/// are recorded, and input is injected as events or as raw bytes.
public final class HeadlessBackend: Backend {
    /// The virtual screen size.
    public var size: Size
    /// Every byte written, in order.
    public private(set) var written: [UInt8] = []
    /// Each ``write(_:)`` call's bytes.
    public private(set) var frames: [[UInt8]] = []
    private var queued: [InputEvent] = []
    private let decoder: InputDecoder?

    /// Creates a headless backend of `size` (default 80x24). Raw bytes
    /// injected with ``injectBytes(_:)`` are decoded as `xterm-256color`.
    public init(size: Size = Size(width: 80, height: 24)) {
        self.size = size
        self.decoder = try? InputDecoder(term: "xterm-256color")
    }

    /// Records a frame.
    public func write(_ frame: [UInt8]) throws {
        written += frame
        frames.append(frame)
    }

    /// Returns and clears the injected events.
    public func readInput() -> [InputEvent] {
        defer { queued = [] }
        return queued
    }

    /// Headless input is never held.
    public var pendingTimeoutMs: Int? { nil }

    /// Queues events for the next ``readInput()``.
    public func inject(_ events: [InputEvent]) { queued += events }

    /// Decodes raw bytes (a held ESC is flushed at once) and queues the events.
    public func injectBytes(_ bytes: [UInt8]) {
        guard let decoder else { return }
        queued += decoder.feed(bytes)
        if decoder.hasPending { queued += decoder.flushPending() }
    }

    /// Forgets the recorded output.
    public func clearWritten() {
        written = []
        frames = []
    }
}
