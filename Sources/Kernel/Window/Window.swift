/// A window: a view of a buffer in a rectangle of the screen.
///
/// Windows are owned by the `Editor`. A tiled window's rectangle comes from
/// the layout tree; a floating window's from its `FloatConfig`. Hidden
/// windows keep their state and come back when shown again.
public final class Window {
    public let id: WindowID
    /// The buffer shown. Not checked for exclusivity at run time (nor is
    /// `hidden`): plain values read by every buffer edit's window walk,
    /// never passed `inout`.
    @exclusivity(unchecked) public var buffer: BufferID
    /// Unique name for `win.find` (e.g. "transcript"); may be empty.
    public var name: String
    public var placement: WindowPlacement
    public var renderer: WindowRenderer = .stock
    @exclusivity(unchecked) public var hidden = false
    /// Border drawn inside the window's rectangle (floats: around the content).
    public var border: BorderStyle = .none
    /// Title shown in the top border.
    public var title: String?
    public var titlePos: TitlePosition = .left
    /// Footer shown in the bottom border.
    public var footer: String?
    public var footerPos: TitlePosition = .left
    /// Whether `focus` and mouse clicks may make this window current.
    public var focusable = true
    /// Cursor position in the buffer (row, UTF-8 byte column).
    public var cursor = Position(row: 0, col: 0)
    public var view = WindowView()
    public var options = WindowOptions()
    /// The retained draw list of an extension window (`ui.draw`).
    public var drawList: [DrawOp] = []
    /// Window-local variables.
    public var vars: [String: Value] = [:]
    /// The first buffer line the window may show (0: all). Inline mode
    /// raises it as finished lines move to the terminal's scrollback.
    public var firstShownLine = 0
    /// The selected text, drawn with `Visual` (see ``Selection``); nil
    /// when nothing is selected. Set it through `Editor.setSelection`.
    public internal(set) var selection: Selection?

    public init(id: WindowID, buffer: BufferID, name: String = "", placement: WindowPlacement = .tiled) {
        self.id = id
        self.buffer = buffer
        self.name = name
        self.placement = placement
        if case .floating(let f) = placement {
            border = f.border
            title = f.title
            titlePos = f.titlePos
            footer = f.footer
            footerPos = f.footerPos
            focusable = f.focusable
        }
    }

    /// The float configuration, when floating.
    public var floatConfig: FloatConfig? {
        if case .floating(let f) = placement { return f }
        return nil
    }

    public var isFloating: Bool { floatConfig != nil }
}
