import Kernel

/// The compositor's last frame, kept so the next one can be drawn over it
/// instead of on a blank grid: a stock window then leaves the rows of
/// lines that did not change and did not move as they are (no copy, no
/// drawing), and the frame tells the encoder which rows it wrote
/// (``FrameDamage``), so the encoder compares only those. A streamed
/// delta changes a row or two of a 200x50 screen.
///
/// A frame is drawn over the last one only when the layout is the same:
/// the screen size, the Normal style, the highlight generation and the
/// windows drawn, in order, with their rectangles; and when no float is
/// shown (a float over a tiled window would have to be redrawn over every
/// row it covers). Otherwise it starts from a blank grid, as every frame
/// did before.
///
/// Drawing over the last frame gives the same grid as drawing on a blank
/// one: a window that is not drawn in place (a border, another
/// background, an extension window) fills its rectangle first, as a float
/// does; a stock window drawn in place clears the rows of every line it
/// draws and the rows below its last line. A line is left in place only
/// when the line cache would have copied it, to the same rows and column
/// as in the last frame (``LineDrawCache/Entry/top``).
///
/// The last frame's grid is shared with whoever shows it (the encoder's
/// shadow), so drawing over it would copy all of it first (160 KB at
/// 200x50). The frame before it, which nobody else holds any more once
/// the encoder has taken the last one, is kept as `spare`: the next frame
/// is drawn over the spare after copying into it only the rows the last
/// frame changed (``takeCanvas()``). Two grids take turns, and a frame
/// that changes two rows copies two rows.
struct RetainedFrame {
    /// The last frame's grid.
    var grid: Grid
    /// The layout it was drawn for.
    var layout: Layout
    /// The last frame's identity (the next frame's ``FrameDamage/since``).
    var token: FrameToken
    /// The grid of the frame before, of the same size, when known.
    var spare: Grid?
    /// The rows where `grid` may differ from `spare` (nil: any row).
    var spareDiff: [Int]?

    /// The grid the next frame is drawn over: a grid equal to `grid`, made
    /// from the spare when there is one (only the rows the last frame
    /// changed are copied, and the cells are written in place when nobody
    /// else holds the spare), else `grid` itself (copied on the first
    /// write). Gives up the spare.
    mutating func takeCanvas() -> Grid {
        guard var canvas = spare, let rows = spareDiff, canvas.width == grid.width, canvas.height == grid.height else {
            spare = nil
            return grid
        }
        spare = nil
        let w = grid.width
        grid.cells.withUnsafeBufferPointer { from in
            canvas.cells.withUnsafeMutableBufferPointer { to in
                for r in rows where r >= 0 && r < grid.height {
                    (to.baseAddress! + r * w).update(from: from.baseAddress! + r * w, count: w)
                }
            }
        }
        // Rows not copied are equal cell for cell, side-table references
        // included: the last frame's table reads them all.
        canvas.clusters = grid.clusters
        return canvas
    }

    /// What a frame drawn over another must share with it.
    struct Layout: Equatable {
        var size: Size
        var normal: StyleID
        var generation: Int
        /// The windows drawn, in order, with their outer rectangles.
        var windows: [Placement]
        /// Whether any of them floats.
        var hasFloats: Bool
    }

    /// One window drawn in a frame.
    struct Placement: Equatable {
        var id: WindowID
        var outer: Rect
    }

    /// Side-table clusters past which a frame starts from a blank grid
    /// again (drawing in place keeps the table; a grid drawn afresh drops
    /// clusters no cell uses).
    static let clusterLimit = 512

    /// Whether a frame of `layout` may be drawn over this one.
    func canDrawOver(_ layout: Layout) -> Bool {
        !layout.hasFloats && layout == self.layout && grid.clusters.strings.count <= Self.clusterLimit
    }
}

/// The rows a frame drawn over the last one wrote to.
struct TouchedRows {
    private var marks: [Bool]

    /// No row of a grid of `height` rows touched yet.
    init(height: Int) {
        marks = Array(repeating: false, count: max(0, height))
    }

    /// Marks `rows` (clipped to the grid).
    mutating func insert(_ rows: Range<Int>) {
        let lo = max(0, rows.lowerBound), hi = min(marks.count, rows.upperBound)
        guard lo < hi else { return }
        for r in lo..<hi { marks[r] = true }
    }

    /// The touched rows, ascending.
    var rows: [Int] { marks.indices.filter { marks[$0] } }
}
