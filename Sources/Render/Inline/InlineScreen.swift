import Kernel

/// The terminal in inline mode: weft draws on the normal screen (no
/// alternate screen) and keeps only a *live area* at the bottom of the
/// output: the streaming reply, the composer, the status line, popups.
/// Finished text is written once above it, as ordinary output, so it
/// scrolls into the terminal's own scrollback, where the terminal's
/// selection, search and scrolling work and where it stays after weft
/// exits.
///
/// The terminal is modelled as `size.height` rows of which rows
/// `top..<size.height` are weft's; the rows above are the terminal's
/// (earlier shell output, committed text) and are never touched. Each
/// frame:
///
/// 1. Committed rows (drawn by the renderer at the terminal's width) are
///    printed from row `top` down: the live area is erased first, each row
///    ends in CRLF, and at the bottom the CRLFs scroll the screen, pushing
///    the oldest rows into the scrollback. `top` ends below them.
/// 2. When the live area does not fit below `top`, line feeds on the last
///    row scroll the screen up by the missing rows; what leaves the screen
///    then is always above `top` (committed or the shell's), never live.
/// 3. The live frame is diffed by the ordinary `FrameEncoder` against its
///    shadow of the whole screen, in which the rows above `top` are
///    "unknown" cells copied unchanged into every frame, so only live
///    cells are ever written. Scroll regions are off (a region starting
///    at row 0 would push live rows into the scrollback).
///
/// Everything of one frame is one write inside one synchronized update.
/// A resize leaves the scrollback to the terminal (which may reflow it)
/// and repaints the live area from where the cursor now is (`resize`).
///
/// ```swift
/// var screen = InlineScreen(encoder: enc, size: Size(width: 80, height: 24), top: cursorRow)
/// out.write(screen.begin())
/// out.write(screen.frame(committed: finishedRows, live: frame))
/// out.write(screen.end(committed: remainingRows))   // on exit
/// ```
public struct InlineScreen {
    /// Draws the live area (synchronized output is done here, not there).
    public private(set) var encoder: FrameEncoder
    /// The terminal's size.
    public private(set) var size: Size
    /// The first terminal row of the live area.
    public private(set) var top: Int
    /// Rows the live area took in the last frame.
    public private(set) var liveHeight = 0
    /// Committed rows written so far (for tests and benchmarks).
    public private(set) var committedRows = 0

    /// A cell no real content equals: the rows above `top`.
    static let unknown = Cell(glyph: 0, style: .default, width: 1)

    /// An inline screen whose live area starts at terminal row `top` (the
    /// row the cursor was on when weft started, or the one after it).
    public init(encoder: FrameEncoder, size: Size, top: Int) {
        var e = encoder
        e.useScrollRegions = false
        e.synchronizedOutput = false
        self.encoder = e
        self.size = Size(width: max(1, size.width), height: max(1, size.height))
        self.top = min(max(0, top), self.size.height - 1)
    }

    /// The first bytes: the live area (from `top` down) erased.
    public mutating func begin() -> [UInt8] {
        var out: [UInt8] = []
        resetShadow(cursorAt: Position(row: top, col: 0), into: &out)
        return out
    }

    /// The bytes of one frame: `committed` rows (at the terminal's width)
    /// go above the live area, then the live area shows `live` (clipped to
    /// the terminal's height: its bottom rows are kept).
    public mutating func frame(committed: Grid?, live: Frame) -> [UInt8] {
        var out: [UInt8] = []
        if let c = committed, c.height > 0 { commit(c, into: &out) }
        let height = min(live.grid.height, size.height)
        if top + height > size.height { makeRoom(top + height - size.height, into: &out) }
        liveHeight = height
        // The rows above `top` are unknown in the shadow and in `next`
        // alike, so they are never written; the live frame is blitted
        // below them (its top rows cut when it is taller than the screen,
        // which happens only with `top` at 0).
        var next = Grid(width: size.width, height: size.height)
        for i in 0..<(top * size.width) { next.cells[i] = Self.unknown }
        let skip = live.grid.height - height
        next.blit(live.grid, at: Position(row: top - skip, col: 0))
        let cursor = live.cursor.map { Position(row: top + $0.row - skip, col: $0.col) }
        let body = encoder.encode(next: next, cursor: cursor, cursorVisible: cursor != nil)
        let sync = !out.isEmpty || encoder.lastFrame.spans > 1
        if sync { out.insert(contentsOf: Terminfo.Modern.bsu, at: 0) }
        out += body
        if sync { out += Terminfo.Modern.esu }
        return out
    }

    /// The last bytes (on exit or suspend): `committed` rows written, the
    /// live area erased, the cursor at the start of the row after the
    /// text, SGR reset. The conversation stays on the screen and in the
    /// scrollback.
    public mutating func end(committed: Grid?) -> [UInt8] {
        var out = Terminfo.Modern.bsu
        if let c = committed, c.height > 0 {
            commit(c, into: &out)
        } else {
            resetShadow(cursorAt: Position(row: top, col: 0), into: &out)
        }
        liveHeight = 0
        out += Terminfo.Modern.esu
        return out
    }

    /// After a resize: the new size, and the row the cursor is on now
    /// (the terminal's answer to a cursor position report; nil when it did
    /// not answer). The live area moves so that the cursor keeps its place
    /// in it, and is repainted from scratch by the next frame.
    public mutating func resize(_ newSize: Size, cursorRow: Int?) -> [UInt8] {
        let offset = (encoder.cursor?.row).map { $0 - top } ?? 0
        size = Size(width: max(1, newSize.width), height: max(1, newSize.height))
        let row = cursorRow.map { $0 - max(0, offset) } ?? top
        top = min(max(0, row), size.height - 1)
        var out: [UInt8] = []
        resetShadow(cursorAt: Position(row: top, col: 0), into: &out)
        return out
    }

    /// Forgets the screen (after SIGCONT, or an external program ran):
    /// the live area is erased from `top` and drawn again by the next frame.
    public mutating func invalidate() -> [UInt8] {
        var out: [UInt8] = []
        resetShadow(cursorAt: Position(row: top, col: 0), into: &out)
        return out
    }

    // MARK: - Steps

    /// Moves to `at`, resets the pen, erases to the end of the screen and
    /// sets the shadow: unknown above `at.row`, blank from it down.
    ///
    /// An erase to the end of the screen from the top-left cell clears the
    /// whole screen, which tmux (and some other terminals) take as "save
    /// the screen into the scrollback": the live rows would end up there.
    /// From row 0 the first row is erased on its own and the rest from
    /// row 1.
    private mutating func resetShadow(cursorAt at: Position, into out: inout [UInt8]) {
        encoder.cursor = nil
        SGR.transition(from: nil, to: .plain, into: &out)
        if encoder.hyperlinks { SGR.hyperlink(nil, into: &out) }
        encoder.pen = .plain
        let ti = encoder.terminfo
        if at.row == 0 && size.height > 1 {
            encoder.move(to: Position(row: 1, col: 0), into: &out)
            ti.ed?.append(to: &out)
            encoder.move(to: Position(row: 0, col: 0), into: &out)
            ti.el?.append(to: &out)
        } else {
            encoder.move(to: Position(row: at.row, col: 0), into: &out)
            ti.ed?.append(to: &out)
        }
        encoder.move(to: at, into: &out)
        var shadow = Grid(width: size.width, height: size.height)
        for i in 0..<(at.row * size.width) { shadow.cells[i] = Self.unknown }
        encoder.shadow = shadow
        encoder.cursor = at
    }

    /// Prints `rows` from `top` (the live area erased first) and moves
    /// `top` below them.
    private mutating func commit(_ rows: Grid, into out: inout [UInt8]) {
        resetShadow(cursorAt: Position(row: top, col: 0), into: &out)
        for r in 0..<rows.height { encoder.appendTextRow(r, of: rows, into: &out) }
        committedRows += rows.height
        let end = min(top + rows.height, size.height - 1)
        top = end
        var shadow = Grid(width: size.width, height: size.height)
        for i in 0..<(top * size.width) { shadow.cells[i] = Self.unknown }
        encoder.shadow = shadow
        encoder.cursor = Position(row: top, col: 0)
    }

    /// Scrolls the screen up by `rows` (line feeds on the last row) so the
    /// live area fits; the shadow moves with it.
    private mutating func makeRoom(_ rows: Int, into out: inout [UInt8]) {
        let k = min(rows, top)
        guard k > 0 else { return }
        encoder.move(to: Position(row: size.height - 1, col: 0), into: &out)
        if encoder.pen != .plain {
            SGR.transition(from: nil, to: .plain, into: &out)
            encoder.pen = .plain
        }
        out += [UInt8](repeating: 0x0A, count: k)
        if var shadow = encoder.shadow {
            let w = size.width
            shadow.cells.removeFirst(k * w)
            shadow.cells += [Cell](repeating: .blank(), count: k * w)
            encoder.shadow = shadow
        }
        top -= k
        encoder.cursor = Position(row: size.height - 1, col: 0)
    }
}
