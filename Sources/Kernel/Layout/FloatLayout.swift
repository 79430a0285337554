/// Where a floating window lands on screen: its outer rect (border
/// included) and inner rect (the text area).
///
/// Placement, as in Neovim:
/// 1. The origin is the editor area's top-left (`.editor`), the window's
///    top-left (`.win`; the editor's when no window rect is given) or the
///    cursor's screen cell (`.cursor`; the editor's origin when unknown).
/// 2. The anchor corner sits at origin + (row, col). `width`/`height` are
///    the inner size; the outer size adds the border on each side. An east
///    anchor (NE, SE) moves the float left by its outer width; a south anchor
///    (SW, SE) moves it up by its outer height.
/// 3. The float is then moved to stay inside the editor area. If it is larger
///    than the area it is pinned to the area's top/left edge and cut to the
///    area's size, so the rects are what is visible.
/// Rects are never negative; with a border, an outer rect too small to hold
/// it yields an empty inner rect.
///
/// ```swift
/// let cfg = FloatConfig(row: 1, col: 78, width: 20, height: 5, anchor: .NE, border: .single)
/// let f = FloatLayout(config: cfg, editor: Rect(row: 0, col: 0, width: 80, height: 24))
/// // f.outer == Rect(row: 1, col: 56, width: 22, height: 7)
/// ```
public struct FloatLayout: Hashable, Sendable {
    /// The float's rect including its border.
    public var outer: Rect
    /// The text area inside the border.
    public var inner: Rect

    /// Places `config` inside `editor`.
    ///
    /// - Parameters:
    ///   - window: the screen rect of the window a `.win` float is relative to.
    ///   - cursor: the cursor's screen cell, for `.cursor` floats.
    public init(config: FloatConfig, editor: Rect, window: Rect? = nil, cursor: Position? = nil) {
        let origin: Position
        switch config.relative {
        case .editor: origin = Position(row: editor.row, col: editor.col)
        case .win: origin = window.map { Position(row: $0.row, col: $0.col) }
            ?? Position(row: editor.row, col: editor.col)
        case .cursor: origin = cursor ?? Position(row: editor.row, col: editor.col)
        }
        let border = config.border.thickness
        let outerWidth = Self.clampAdd(max(0, config.width), 2 * border)
        let outerHeight = Self.clampAdd(max(0, config.height), 2 * border)
        var row = Self.clampAdd(origin.row, config.row)
        var col = Self.clampAdd(origin.col, config.col)
        if config.anchor.isEast { col = Self.clampAdd(col, -outerWidth) }
        if config.anchor.isSouth { row = Self.clampAdd(row, -outerHeight) }
        let (r, h) = Self.fit(start: row, length: outerHeight, areaStart: editor.row, areaLength: editor.height)
        let (c, w) = Self.fit(start: col, length: outerWidth, areaStart: editor.col, areaLength: editor.width)
        outer = Rect(row: r, col: c, width: w, height: h)
        inner = Rect(row: r + min(border, h), col: c + min(border, w),
                     width: w - 2 * border, height: h - 2 * border)
    }

    /// Moves [start, start+length) inside [areaStart, areaStart+areaLength),
    /// cutting it to the area when it is longer.
    private static func fit(start: Int, length: Int, areaStart: Int, areaLength: Int) -> (Int, Int) {
        let area = max(0, areaLength)
        guard length <= area else { return (areaStart, area) }
        let latest = areaStart + area - length
        return (min(max(start, areaStart), latest), length)
    }

    /// `a + b` saturating at the Int range instead of trapping.
    private static func clampAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }
}
