import Kernel

/// The wrapped heights (rows, virtual lines included) of the lines of each
/// stock window, kept from one frame to the next, so that a frame measures
/// only the lines that changed.
///
/// A window's viewport asks for the height of every line it shows and of
/// the lines it walks to find the tail. With marks that change heights
/// (virtual text or lines, `noWrap`: every line of a code block in a
/// transcript has one), each frame listed the marks of those rows again:
/// at the end of a streamed code block that was a quarter of the frame.
///
/// A height is kept until its line is among the rows the buffer's damage
/// log reports changed (its text or its marks), or the window shows
/// another buffer, at another width or with other wrap options. Tables
/// are direct-mapped (a line whose slot holds another line is measured
/// again), so their size does not grow with the buffer.
final class LineHeightCache {
    /// The heights of one window's lines.
    final class Table {
        private var buffer: BufferID?
        private var stamp = 0
        private var width = -1
        private var wrap = false
        private var options = WrapOptions()
        /// Slot `line % slots`: the line it holds (-1: none) and its rows.
        private var lines: [Int]
        private var heights: [Int]
        static let slots = 256

        init() {
            lines = Array(repeating: -1, count: Self.slots)
            heights = Array(repeating: 0, count: Self.slots)
        }

        /// Drops what no longer holds for `buf` shown `width` wide with
        /// `options` (`wrap`: the window's wrap option): every height when
        /// one of those changed, else the heights of the rows changed since
        /// the last call.
        func validate(_ buf: Buffer, width: Int, wrap: Bool, options: WrapOptions) {
            if buffer != buf.id || self.width != width || self.wrap != wrap || self.options != options {
                buffer = buf.id
                self.width = width
                self.wrap = wrap
                self.options = options
                forget(0..<Int.max)
            } else if let changed = buf.damage.rows(since: stamp) {
                forget(changed)
            }
            stamp = buf.damage.stamp
        }

        private func forget(_ rows: Range<Int>) {
            if rows.count < Self.slots {
                for line in rows where lines[line & (Self.slots - 1)] == line { lines[line & (Self.slots - 1)] = -1 }
            } else {
                for i in lines.indices where rows.contains(lines[i]) { lines[i] = -1 }
            }
        }

        /// The height kept for `line`, if any.
        @inline(__always)
        func rows(of line: Int) -> Int? {
            let slot = line & (Self.slots - 1)
            return lines[slot] == line ? heights[slot] : nil
        }

        /// Keeps `rows` as the height of `line`.
        @inline(__always)
        func store(_ rows: Int, of line: Int) {
            let slot = line & (Self.slots - 1)
            lines[slot] = line
            heights[slot] = rows
        }
    }

    private var tables: [WindowID: Table] = [:]

    /// The table of window `win` (made empty on first use).
    func table(for win: WindowID) -> Table {
        if let t = tables[win] { return t }
        let t = Table()
        tables[win] = t
        return t
    }

    /// Forgets windows not in `drawn` (closed or hidden ones).
    func keep(only drawn: Set<WindowID>) {
        if tables.keys.contains(where: { !drawn.contains($0) }) {
            tables = tables.filter { drawn.contains($0.key) }
        }
    }
}
