/// The name of an event (autocmd). Swift code names the events it emits
/// with these constants, never with string literals; Lua passes any string,
/// and a name no layer emits is a user event.
///
/// The kernel's events are listed in ``kernel``; the chat layer adds its own
/// (`EventName.chat` in the `Chat` target). docs/lua-api.md and the LuaLS
/// meta (`weft.EventName`) are checked against both lists by a test.
///
/// ```swift
/// editor.emit(.resize, data: .table(["width": 80, "height": 24]))
/// try editor.events.create(events: [.bufChanged]) { ev in false }
/// ```
public struct EventName: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The name as Lua sees it (`"buf_changed"`).
    public let rawValue: String

    /// An event named `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// An event named `name` (a user event unless it is a known one).
    public init(_ name: String) { rawValue = name }

    /// The name.
    public var description: String { rawValue }
}

// MARK: - Kernel events

extension EventName {
    /// Once, after the configuration and plugins loaded, before the first frame.
    public static let startup = EventName("startup")
    /// Once, when weft is about to quit.
    public static let shutdown = EventName("shutdown")
    /// The screen changed size: `{width, height}`.
    public static let resize = EventName("resize")
    /// A key, before keymap dispatch (consumable): `{key, mode}`; the
    /// subject is the key.
    public static let key = EventName("key")
    /// A mouse event, before it is dispatched as a key (consumable):
    /// `{row, col, key, clicks}`; the subject is the key.
    public static let mouse = EventName("mouse")
    /// A bracketed paste, before the mode's paste handler (consumable): `{text}`.
    public static let paste = EventName("paste")
    /// The mode changed: `{old, new}`; the subject is the new mode.
    public static let modeChanged = EventName("mode_changed")
    /// The terminal gained the focus.
    public static let focusGained = EventName("focus_gained")
    /// The terminal lost the focus.
    public static let focusLost = EventName("focus_lost")
    /// A buffer was created: `{buf}`.
    public static let bufNew = EventName("buf_new")
    /// Lines of a buffer changed: `{buf, first, last_old, last_new, tick}`.
    public static let bufChanged = EventName("buf_changed")
    /// A buffer is being deleted: `{buf}`.
    public static let bufDelete = EventName("buf_delete")
    /// A window was opened: `{win}`.
    public static let winNew = EventName("win_new")
    /// A window was closed: `{win}`.
    public static let winClosed = EventName("win_closed")
    /// A window got the focus: `{win}`.
    public static let winEnter = EventName("win_enter")
    /// A window is losing the focus: `{win}`.
    public static let winLeave = EventName("win_leave")
    /// The split tree, a float's placement or the screen size changed.
    public static let layoutChanged = EventName("layout_changed")
    /// Once per frame, before it is composed (extension windows draw here).
    public static let render = EventName("render")
    /// Once per main-loop turn that did work (input, timers, posted work),
    /// after that work and before the frame; an idle weft has no ticks.
    public static let tick = EventName("tick")
    /// A window's selection was set or cleared: `{win, mode}` (mode nil
    /// when cleared); the subject is the window's name.
    public static let selectionChanged = EventName("selection_changed")

    /// Every event the kernel and the executable emit, in the order the
    /// docs list them.
    public static let kernel: [EventName] = [
        .startup, .shutdown, .resize, .key, .mouse, .paste, .modeChanged, .focusGained, .focusLost,
        .bufNew, .bufChanged, .bufDelete, .winNew, .winClosed, .winEnter, .winLeave,
        .layoutChanged, .render, .tick, .selectionChanged,
    ]
}
