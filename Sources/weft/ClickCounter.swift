import Kernel
import Render

/// Counts clicks: a press of the same button on the same cell within
/// `intervalMs` of the previous press is the next click of a series
/// (double, triple; a fourth starts again at one).
struct ClickCounter {
    var intervalMs = 500
    private var last: (button: MouseEvent.Button, row: Int, col: Int, atMs: Int, count: Int)?

    /// The click count of `event` (0 for anything but a press).
    mutating func count(_ event: MouseEvent, nowMs: Int) -> Int {
        guard event.kind == .press else { return 0 }
        var n = 1
        if let l = last, l.button == event.button, l.row == event.row, l.col == event.col,
           nowMs - l.atMs <= intervalMs, l.count < 3 {
            n = l.count + 1
        }
        last = (event.button, event.row, event.col, nowMs, n)
        return n
    }
}
