import Glibc
import Kernel
import Render

/// The real terminal: raw mode and modes, input decoding on the loop,
/// signals (resize, suspend, termination) and frame output with one write.
final class TerminalSession {
    let device: TerminalDevice
    let decoder: InputDecoder
    var encoder: FrameEncoder
    unowned let app: App
    /// Inline mode's display (nil on the alternate screen).
    private(set) var inline: InlineDisplay?
    private var escTimer: TimerID?
    private var keyTimer: TimerID?
    private var settleTimer: TimerID?
    /// Picks the keyboard protocol from the terminal's answers.
    private var keyboard = KeyboardNegotiation()

    init(app: App, mouse: Bool) throws {
        self.app = app
        device = TerminalDevice(mouse: mouse)
        let term = ProcessInfoLite.env["TERM"]
        decoder = try InputDecoder(term: term)
        let terminfo = Terminfo.load(term: term)
        let mode = ColorMode.detect(env: ProcessInfoLite.env, terminfoColors: terminfo.colors)
        encoder = FrameEncoder(terminfo: terminfo, colorMode: mode, highlights: app.highlights)
        encoder.hyperlinks = Hyperlinks.detect(env: ProcessInfoLite.env)
    }

    /// Enters the terminal and wires input and signals into the loop.
    /// Inline mode keeps the normal screen and leaves the mouse to the
    /// terminal (its selection and scrollback are the point).
    func start(inline: Bool = false) throws {
        if inline {
            device.altScreen = false
            device.mouse = false
        }
        try device.enter()
        try? device.write(Array(KeyboardProtocol.query.utf8))
        app.editor.screenSize = device.size()
        if inline { try startInline() }
        let loop = app.loop
        _ = loop.watch(fd: device.inputFD, events: .read) { [unowned self] _, _ in self.readInput() }
        _ = try loop.onSignal(SIGWINCH) { [unowned self] _ in self.resized() }
        _ = try loop.onSignal(SIGTSTP) { [unowned self] _ in self.suspend() }
        _ = try loop.onSignal(SIGCONT) { [unowned self] _ in self.resumed() }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            _ = try loop.onSignal(sig) { [unowned self] s in self.app.quit(code: 128 + s) }
        }
    }

    /// Leaves the terminal exactly as it was found (inline: with the
    /// whole conversation written into it).
    func stop() {
        if let inline { try? device.write(inline.end(app)) }
        device.leave()
    }

    /// Inline mode: the live area starts on the cursor's row (the row
    /// after it when the shell left the cursor behind some text).
    private func startInline() throws {
        let size = device.size()
        let top: Int
        if let at = queryCursor(timeoutMs: 500) {
            top = at.col > 0 ? at.row + 1 : at.row
        } else {
            top = size.height - 1   // no answer: start at the bottom
        }
        let display = InlineDisplay(encoder: encoder, terminalSize: size, top: top)
        inline = display
        try device.write(display.screen.begin())
    }

    /// Asks the terminal where its cursor is (`CSI 6 n`) and waits at most
    /// `timeoutMs` for the answer; other input read meanwhile is handled
    /// after it, in order.
    func queryCursor(timeoutMs: Int) -> Position? {
        decoder.expectedCursorReports += 1
        guard (try? device.write(Array("\u{1b}[6n".utf8))) != nil else {
            decoder.expectedCursorReports -= 1
            return nil
        }
        var others: [InputEvent] = []
        var found: Position?
        let deadline = app.loop.clock.nowNanos + UInt64(timeoutMs) * 1_000_000
        while found == nil {
            let now = app.loop.clock.nowNanos
            guard now < deadline else { break }
            var p = pollfd(fd: device.inputFD, events: Int16(POLLIN), revents: 0)
            let r = poll(&p, 1, Int32(max(1, (deadline - now) / 1_000_000)))
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else { break }
            for e in decoder.feed(device.read()) {
                if found == nil, case .cursorReport(let row, let col) = e {
                    found = Position(row: row, col: col)
                } else {
                    others.append(e)
                }
            }
        }
        if found == nil { decoder.expectedCursorReports = max(0, decoder.expectedCursorReports - 1) }
        if !others.isEmpty { app.loop.schedule { [weak self] in self?.dispatch(others) } }
        return found
    }

    /// SIGWINCH: repaint at the new size now, and once more when resizing has
    /// settled (100 ms later): a terminal that reflows its own screen after
    /// reading our frame (tmux during quick successive resizes) is brought
    /// back in line with what we drew.
    func resized() {
        if let inline {
            let size = device.size()
            let row = queryCursor(timeoutMs: 200)?.row
            try? device.write(inline.resize(size, cursorRow: row))
        }
        app.resize(device.size())
        if let t = settleTimer { _ = app.loop.cancel(t) }
        settleTimer = app.loop.after(ms: 100) { [unowned self] in
            self.settleTimer = nil
            self.app.resize(self.device.size())
        }
    }

    func readInput() {
        let bytes = device.read()
        if bytes.isEmpty { return }
        dispatch(decoder.feed(bytes))
        if decoder.hasPending, let ms = decoder.pendingTimeoutMs {
            if let t = escTimer { _ = app.loop.cancel(t) }
            escTimer = app.loop.after(ms: ms) { [unowned self] in
                self.escTimer = nil
                self.dispatch(self.decoder.flushPending())
            }
        }
    }

    func dispatch(_ events: [InputEvent]) {
        for e in events {
            if keyboard.consume(e) {
                if let p = keyboard.decision { try? device.setKeyboard(p) }
                continue
            }
            app.handle(e)
        }
        scheduleKeyTimeout()
    }

    /// A pending multi-key mapping fires (or falls through) after `timeoutlen`.
    func scheduleKeyTimeout() {
        if let t = keyTimer { _ = app.loop.cancel(t); keyTimer = nil }
        let d = app.editor.dispatcher
        guard d.needsTimeout else { return }
        keyTimer = app.loop.after(ms: d.timeoutlen) { [unowned self] in
            self.keyTimer = nil
            self.app.editor.keyTimeout()
        }
    }

    func present(_ frame: Frame) {
        let bytes = inline.map { $0.present(frame) }
            ?? encoder.encode(frame)
        guard !bytes.isEmpty else { return }
        try? device.write(bytes)
    }

    func invalidate() {
        if inline == nil { encoder.invalidate() }
    }

    func suspend() {
        if let inline { try? device.write(inline.screen.invalidate()) }
        device.suspend()
    }

    func resumed() {
        try? device.resume()
        if let inline {
            let size = device.size()
            try? device.write(inline.resize(size, cursorRow: queryCursor(timeoutMs: 200)?.row))
        }
        encoder.invalidate()
        app.resize(device.size())
        app.editor.requestRedraw()
    }
}

/// Environment access without Foundation.
enum ProcessInfoLite {
    /// The environment weft was started with, read once: weft never sets
    /// a variable of its own, and start-up asks for it about fifteen times.
    static let env: [String: String] = {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") {
                out[String(s[..<eq])] = String(s[s.index(after: eq)...])
            }
            p += 1
        }
        return out
    }()
}

extension TerminalSession {
    /// Runs `$VISUAL`/`$EDITOR` (default `vi`) on `path` with the terminal
    /// handed over, then takes it back and repaints. Returns whether the
    /// editor exited with status 0.
    func runExternalEditor(_ path: String) -> Bool {
        let env = ProcessInfoLite.env
        let editor = env["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        if let inline { try? device.write(inline.screen.invalidate()) }
        device.leave()
        defer {
            try? device.enter()
            if let inline {
                try? device.write(inline.resize(device.size(), cursorRow: queryCursor(timeoutMs: 200)?.row))
            }
            encoder.invalidate()
            app.editor.requestRedraw()
        }
        let quoted = "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let status = system("\(editor) \(quoted)")
        return status == 0
    }
}
