/// The kernel's whole model: buffers, windows, layout, namespaces, and the
/// registries (events, keymaps, commands). One instance per weft process,
/// owned by the main loop's thread; pure data + rules, no terminal, no Lua.
///
/// Buffers and windows are addressed by typed ids; `0` ("current") is
/// resolved by `buffer(_:)`/`window(_:)` helpers that take raw ints.
public final class Editor {
    public internal(set) var buffers: [BufferID: Buffer] = [:] {
        didSet { lastBuffer = nil }
    }
    /// The buffer `buffer(_:)` found last by a nonzero raw id: Lua loops
    /// call the API on one buffer thousands of times, and hashing the id
    /// cost more than some of the calls. Not retained: cleared by every
    /// change of `buffers`, which holds it until then.
    @exclusivity(unchecked) var lastBuffer: (raw: Int, buffer: Unmanaged<Buffer>)?
    /// Not checked for exclusivity at run time: every buffer edit walks it,
    /// and it is only read or replaced, never passed `inout`.
    @exclusivity(unchecked) public internal(set) var windows: [WindowID: Window] = [:]
    /// The split tree of tiled windows; nil when no tiled window is shown.
    public internal(set) var layout: LayoutTree?
    /// The focused window (nil only before the first window opens).
    public internal(set) var currentWindowID: WindowID?
    public let namespaces = NamespaceRegistry()
    public let events = EventRegistry()
    public let keymaps = KeymapTable()
    public let commands = CommandRegistry()
    /// The clipboard (`weft.clipboard`); the frontend adds its paths.
    public let clipboard = Clipboard()
    /// Screen size in cells; the layout is computed for it.
    public var screenSize: Size {
        didSet { if screenSize != oldValue { layoutChanged() } }
    }
    /// Set whenever something visible may have changed; the frontend draws and clears it.
    /// Not checked for exclusivity at run time (a flag every API call sets).
    @exclusivity(unchecked) public var needsRedraw = true
    /// Called when a redraw is needed (the main loop coalesces these).
    /// Not checked for exclusivity at run time: read by every
    /// `requestRedraw`, one check (about 75 instructions) per API call.
    @exclusivity(unchecked) public var onRedrawRequest: (() -> Void)?
    /// The current mode name ("normal", "insert", "composer", ...).
    public internal(set) var mode = "normal"

    /// Resolves typed keys against the keymap table (multi-key, timeout).
    public private(set) lazy var dispatcher = KeyDispatcher(table: keymaps)
    /// Per mode, what keys no mapping takes do (see
    /// ``setUnmappedKeyHandler(mode:_:)``).
    var unmappedKeyHandlers: [String: (Key) -> Void] = [:]
    /// Per mode, what pasted text does (see ``setPasteHandler(mode:_:)``).
    var pasteHandlers: [String: (String) -> Void] = [:]
    /// Recent messages (`notify`, errors from handlers), newest last.
    public internal(set) var messages: [Message] = []
    /// Called for every new message (the frontend logs and shows it).
    public var onMessage: ((Message) -> Void)?
    /// The mouse event being handled (set by the frontend before it feeds
    /// a mouse key); nil before the first one.
    public var mouse: MouseState?
    /// The current time in milliseconds for key timeouts (set by the loop owner).
    public var now: () -> Int = { 0 }

    var nextBuffer = 1
    var nextWindow = 1000
    /// Creation order of windows, used to order floats of equal zindex.
    var windowOrder: [WindowID: Int] = [:]

    public init(size: Size = Size(width: 80, height: 24)) {
        screenSize = size
        events.onError = { [unowned self] failure in
            self.notify(failure.description, level: .error)
        }
        clipboard.onReport = { [unowned self] text, level in self.notify(text, level: level) }
    }

    deinit {
        // Buffers may outlive the editor (a caller kept one): their edits
        // must no longer reach it (`onChange` does not count its reference).
        for b in buffers.values { b.onChange = nil }
    }

    /// Marks the screen dirty and asks the loop for a frame.
    public func requestRedraw() {
        needsRedraw = true
        onRedrawRequest?()
    }

    /// Changes the mode and emits `mode_changed` with `{old, new}`.
    public func setMode(_ name: String) throws {
        guard !name.isEmpty else { throw KernelError.invalidArgument("mode name must not be empty") }
        guard name != mode else { return }
        let old = mode
        mode = name
        emit(.modeChanged, subject: name, data: .table(["old": .string(old), "new": .string(name)]))
        requestRedraw()
    }

    /// Emits an event to autocmd handlers; returns whether one consumed it.
    @discardableResult
    public func emit(_ event: EventName, subject: String? = nil, data: Value = .null,
                     buf: BufferID? = nil, win: WindowID? = nil) -> Bool {
        events.emit(event: event.rawValue, subject: subject, data: data, buf: buf, win: win).consumed
    }
}
