/// Turns successive screen grids into the fewest bytes that make the
/// terminal show them.
///
/// The encoder keeps a shadow of what the terminal shows (grid, cursor
/// position, current SGR pen, cursor visibility; each "unknown" after
/// `invalidate()`), diffs every new grid against it and emits only changed
/// cells (see `FrameEncoder+Rows.swift` for the row algorithm and the
/// wide-character rules, `FrameEncoder+Scroll.swift` for scroll regions).
///
/// A frame with more than one separate span of output is wrapped in
/// synchronized output (BSU/ESU, DEC mode 2026) so the terminal shows it at
/// once; a frame that is one contiguous run of cells (typing, a clock
/// tick) cannot tear and goes without the 16-byte bracket. A frame where
/// nothing changed is empty: no bytes at all.
///
///     var enc = FrameEncoder(terminfo: .xterm, colorMode: .truecolor, highlights: hl)
///     let bytes = enc.encode(next: grid, cursor: Position(row: 0, col: 3), cursorVisible: true)
///     try output.write(bytes)
public struct FrameEncoder {
    /// The capabilities used for cursor motion, erases and scrolls.
    public var terminfo: Terminfo { caps.ti }
    /// How colours are sent.
    public let colorMode: ColorMode
    /// The table the grids' style ids belong to.
    public let highlights: HighlightTable
    /// Use scroll regions when a frame is a scrolled copy of the last one
    /// and that is cheaper (on by default).
    public var useScrollRegions = true
    /// Wrap multi-span frames in BSU/ESU (on by default).
    public var synchronizedOutput = true
    /// Send cells whose style has a link as OSC 8 hyperlinks (off by
    /// default; see `Hyperlinks.detect(env:)`). The open link is part of the
    /// pen; every frame ends with no link open.
    public var hyperlinks = false {
        didSet { effectiveStyles = [] }
    }

    /// What the terminal shows; nil before the first frame and after
    /// `invalidate()` (the next frame then clears and repaints).
    public internal(set) var shadow: Grid? {
        didSet { shadowToken = nil }  // whoever sets it (inline mode does) says nothing of frames
    }
    /// Where the terminal's cursor is; nil when unknown.
    public internal(set) var cursor: Position? {
        didSet { wrapRow = nil }
    }
    /// The row of a cursor left in the "pending wrap" state by writing the
    /// last column: its column is uncertain but a carriage return reliably
    /// brings it to column 0 of this row. Cleared by every cursor change.
    var wrapRow: Int?
    /// Numbers about the last `encode`.
    public internal(set) var lastFrame = FrameStats()
    /// The frame `shadow` is, when it came through ``encode(_:)``: a next
    /// frame whose damage is relative to it needs only its damaged rows
    /// compared.
    var shadowToken: FrameToken?

    /// The SGR state of the terminal (already downgraded); nil = unknown.
    var pen: Style?
    /// Whether the terminal cursor is visible; nil = unknown.
    var cursorShown: Bool?
    /// Downgraded style per style id, filled lazily.
    var effectiveStyles: [Style?] = []
    /// Inline glyphs already classified by `ClusterWidth.isUncertain`.
    var uncertainGlyphs: [UInt64: Bool] = [:]
    /// The terminal's capabilities and motion planner, boxed so copies of
    /// the encoder stay cheap.
    let caps: CursorMotion
    var motion: CursorMotion { caps }

    /// Creates an encoder; the first frame is a full repaint.
    public init(terminfo: Terminfo, colorMode: ColorMode, highlights: HighlightTable) {
        self.colorMode = colorMode
        self.highlights = highlights
        self.caps = CursorMotion(ti: terminfo)
    }

    /// Forgets what the terminal shows, so the next frame clears the screen
    /// and draws everything (in one synchronized frame). Call after a
    /// resize, SIGCONT, or anything else that may have touched the screen.
    public mutating func invalidate() {
        shadow = nil
        cursor = nil
        pen = nil
        cursorShown = nil
    }

    /// The bytes that turn the terminal's screen into `next`, then put the
    /// cursor at `cursor` (clamped to the grid; nil: wherever drawing left
    /// it) and show or hide it. Returns an empty array when nothing
    /// changed. A grid of another size than the last one means a full
    /// repaint.
    public mutating func encode(next: Grid, cursor target: Position?, cursorVisible: Bool) -> [UInt8] {
        // Setting the shadow forgets which frame it was (`shadowToken`).
        encode(next: next, cursor: target, cursorVisible: cursorVisible, damaged: nil)
    }

    /// The bytes that turn the terminal's screen into `frame` (its grid,
    /// with the cursor shown at `frame.cursor`, hidden when nil), as
    /// ``encode(next:cursor:cursorVisible:)``. When the frame's damage is
    /// relative to the last frame encoded, only the damaged rows are
    /// compared: the others are the same by the compositor's word.
    public mutating func encode(_ frame: Frame) -> [UInt8] {
        let damaged = frame.damage.flatMap { $0.since === shadowToken ? $0.rows : nil }
        let bytes = encode(next: frame.grid, cursor: frame.cursor, cursorVisible: frame.cursor != nil, damaged: damaged)
        shadowToken = frame.token
        return bytes
    }

    /// `encode(next:cursor:cursorVisible:)`; rows outside `damaged` (when
    /// given) are known to equal the shadow's.
    mutating func encode(next: Grid, cursor target: Position?, cursorVisible: Bool, damaged: [Int]?) -> [UInt8] {
        var body: [UInt8] = []
        var stats = FrameStats()
        var base: Grid
        var candidates = damaged
        if let s = shadow, s.width == next.width, s.height == next.height {
            base = s
        } else {
            base = appendClear(width: next.width, height: next.height, into: &body)
            stats.fullRepaint = true
            candidates = nil
        }
        paintFrame(base: base, next: next, candidates: candidates, into: &body, stats: &stats)
        if let p = pen, p.link != 0 {
            SGR.hyperlink(nil, into: &body)
            pen?.link = 0
        }
        let hides = cursorShown != false && !cursorVisible
        let shows = cursorShown != true && cursorVisible
        if cursorVisible, let target, next.width > 0, next.height > 0 {
            let to = Position(row: min(max(0, target.row), next.height - 1),
                              col: min(max(0, target.col), next.width - 1))
            move(to: to, into: &body)
        }
        shadow = next
        guard !body.isEmpty || hides || shows else {
            lastFrame = stats
            return []
        }
        var frame: [UInt8] = []
        frame.reserveCapacity(body.count + 32)
        let sync = synchronizedOutput && (stats.spans > 1 || stats.fullRepaint || stats.scrolledRows != 0)
        if sync { frame.append(contentsOf: Terminfo.Modern.bsu) }
        if hides, let civis = caps.ti.civis { civis.append(to: &frame) }
        frame.append(contentsOf: body)
        if shows, let cnorm = caps.ti.cnorm { cnorm.append(to: &frame) }
        if sync { frame.append(contentsOf: Terminfo.Modern.esu) }
        cursorShown = cursorVisible
        stats.bytes = frame.count
        lastFrame = stats
        return frame
    }

    /// The byte count of the cheapest move from the known cursor (or from
    /// column 0 of a pending-wrap row, after a carriage return) to `to`.
    func moveCost(to: Position) -> Int {
        let direct = motion.cost(from: cursor, to: to)
        guard cursor == nil, let row = wrapRow, let cr = caps.ti.cr else { return direct }
        return min(direct, cr.format.count + motion.cost(from: Position(row: row, col: 0), to: to))
    }

    /// Moves the cursor to `to` the cheapest way (see `moveCost`).
    mutating func move(to: Position, into out: inout [UInt8]) {
        if cursor == nil, let row = wrapRow, let cr = caps.ti.cr {
            let start = Position(row: row, col: 0)
            if cr.format.count + motion.cost(from: start, to: to) < motion.cost(from: nil, to: to) {
                cr.append(to: &out)
                motion.append(from: start, to: to, into: &out)
                cursor = to
                return
            }
        }
        motion.append(from: cursor, to: to, into: &out)
        cursor = to
    }

    /// Resets the pen and the scroll region, clears the screen, leaving the
    /// cursor home, and returns what the screen then shows: blanks, or, on a
    /// terminal that cannot clear, cells that match nothing so that every
    /// cell is drawn.
    ///
    /// The scroll region is reset because a repaint follows a resize, and a
    /// frame encoded for the old size may have reached the terminal after
    /// it resized: its closing "region = whole screen" then names the old
    /// height, and line feeds and cursor-down of the repaint would stop at
    /// that stale bottom margin.
    mutating func appendClear(width: Int, height: Int, into out: inout [UInt8]) -> Grid {
        SGR.transition(from: nil, to: .plain, into: &out)
        if hyperlinks { SGR.hyperlink(nil, into: &out) }
        pen = .plain
        if let csr = caps.ti.csr, height > 0 { csr.append(to: &out, 0, height - 1) }
        var base = Grid(width: width, height: height)
        if let clear = caps.ti.clear {
            clear.append(to: &out)
        } else if let ed = caps.ti.ed {
            motion.append(from: nil, to: Position(row: 0, col: 0), into: &out)
            ed.append(to: &out)
        } else {
            for i in base.cells.indices { base.cells[i] = Cell(glyph: 0, style: .default, width: 1) }
            motion.append(from: nil, to: Position(row: 0, col: 0), into: &out)
        }
        cursor = Position(row: 0, col: 0)
        return base
    }

    /// Paints `next` over `base`, first trying a scroll when enabled and
    /// keeping whichever encoding is shorter (the plain one on a tie).
    ///
    /// The scrolled encoding is made first, so the plain one can stop as
    /// soon as it is longer: when a streamed line scrolls a screen of code,
    /// painting every changed row in full (twenty to fifty times the bytes
    /// of the scroll) is the largest cost of the frame, and its bytes are
    /// thrown away.
    ///
    /// `candidates`: the only rows that may differ (nil: any row).
    mutating func paintFrame(base: Grid, next: Grid, candidates: [Int]? = nil, into out: inout [UInt8],
                             stats: inout FrameStats) {
        // The rows are compared once, for the scroll detection and the paint.
        let changed = candidates.map { $0.filter { !Self.rowsEqual(next, $0, base, $0) } }
            ?? Self.changedRows(base: base, next: next)
        guard useScrollRegions else {
            paintRows(base: base, next: next, changedRows: changed, into: &out, stats: &stats)
            return
        }
        guard let scroll = scrollCandidate(base: base, next: next, changedRows: changed) else {
            paintRows(base: base, next: next, changedRows: changed, into: &out, stats: &stats)
            return
        }
        var scrolled = self, scrolledOut = out, scrolledStats = stats
        let done = scrolled.emitScroll(scroll, height: next.height, into: &scrolledOut)
        scrolledStats.scrolledRows = scroll.count
        scrolled.paintRows(base: base, scrolled: done ? scroll : nil, next: next, into: &scrolledOut,
                           stats: &scrolledStats)
        var plain = self, plainOut = out, plainStats = stats
        if plain.paintRows(base: base, next: next, changedRows: changed, into: &plainOut, stats: &plainStats,
                           limit: scrolledOut.count) {
            self = plain
            out = plainOut
            stats = plainStats
        } else {
            self = scrolled
            out = scrolledOut
            stats = scrolledStats
        }
    }

    /// The style id as the terminal will show it: colours downgraded to the
    /// colour mode, underline colour dropped below 256 colours.
    mutating func effectiveStyle(_ id: StyleID) -> Style {
        let i = Int(id.raw)
        if i < effectiveStyles.count, let s = effectiveStyles[i] { return s }
        var s = highlights.style(for: id)
        s.fg = colorMode.downgrade(s.fg)
        s.bg = colorMode.downgrade(s.bg)
        s.sp = colorMode == .truecolor || colorMode == .color256 ? colorMode.downgrade(s.sp) : .default
        if !hyperlinks || highlights.url(for: s.link) == nil { s.link = 0 }
        if i >= effectiveStyles.count {
            effectiveStyles.append(contentsOf: repeatElement(nil, count: i - effectiveStyles.count + 1))
        }
        effectiveStyles[i] = s
        return s
    }
}

/// What one `FrameEncoder.encode` did, for tests, health and benchmarks.
public struct FrameStats: Hashable, Sendable {
    /// Bytes in the frame.
    public var bytes = 0
    /// Cells (leads of characters) written.
    public var cellsWritten = 0
    /// Separate runs of output (each started by a cursor motion).
    public var spans = 0
    /// Rows moved by a scroll (0 when no scroll was used).
    public var scrolledRows = 0
    /// Whether the frame cleared the screen and drew everything.
    public var fullRepaint = false

    /// Creates empty stats.
    public init() {}
}
