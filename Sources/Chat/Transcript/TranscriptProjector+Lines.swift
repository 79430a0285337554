import Kernel

/// Rendering entries and writing them into the buffer.
extension TranscriptProjector {
    func blockAt(_ i: Int) -> ChatBlock {
        let e = entries[i]
        return messages[e.message].blocks[e.block]
    }

    func entryIndex(message: Int, block: Int) -> Int? {
        guard message >= 0, message < firstEntry.count, block >= 0,
              block < messages[message].blocks.count else { return nil }
        let i = firstEntry[message] + block
        return i < entries.count ? i : nil
    }

    /// The entry whose lines contain buffer row `row` (binary search).
    func entryIndex(containing row: Int) -> Int? {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].end <= row { lo = mid + 1 } else { hi = mid }
        }
        return lo < entries.count && entries[lo].start <= row ? lo : nil
    }

    /// Indices of the entries whose lines intersect buffer rows `rows`.
    func entriesIntersecting(_ rows: Range<Int>) -> [Int] {
        guard !rows.isEmpty, !entries.isEmpty else { return [] }
        var i = entryIndex(containing: max(0, rows.lowerBound)) ?? (rows.lowerBound < 0 ? 0 : entries.count)
        var out: [Int] = []
        while i < entries.count, entries[i].start < rows.upperBound {
            out.append(i)
            i += 1
        }
        return out
    }

    /// The lines of block `block` of message `message`: a blank separator
    /// unless it is the first entry, a "You" header for a user message's
    /// first block, then the block itself.
    func render(message: Int, block: Int, entryIndex: Int) -> ([StyledLine], Bool) {
        let msg = messages[message]
        var (lines, dependent) = renderer.render(msg.blocks[block], width: width,
                                                 options: .init(expanded: expanded, spinner: spinner),
                                                 cache: markdownCache)
        if msg.role == .user && block == 0 {
            let header = StyledLine("You", spans: [StyledSpan(0..<3, ChatHighlights.user)], lineHl: ChatHighlights.userBg)
            lines.insert(header, at: 0)
        }
        if entryIndex > 0 { lines.insert(.blank, at: 0) }
        if lines.isEmpty { lines = [.blank] }
        return (lines, dependent)
    }

    /// Re-renders the entries at `indices` and writes what changed,
    /// bottom to top so earlier starts stay valid, then fixes the starts of
    /// the entries after the first changed one.
    func rerender(_ indices: [Int]) throws {
        var firstMoved: Int?
        for i in indices.sorted(by: >) {
            let e = entries[i]
            let (lines, dependent) = render(message: e.message, block: e.block, entryIndex: i)
            entries[i].widthDependent = dependent
            entries[i].renderedWidth = width
            stale.remove(i)
            guard lines != e.lines else { continue }
            try replace(rows: e.start, old: e.lines, new: lines)
            entries[i].lines = lines
            if lines.count != e.lines.count { firstMoved = i }
        }
        guard let from = firstMoved else { return }
        for k in (from + 1)..<entries.count {
            entries[k].start = entries[k - 1].end
        }
    }

    /// Replaces `old` (at buffer row `start`) by `new`, writing only the
    /// lines between their common prefix and common suffix.
    private func replace(rows start: Int, old: [StyledLine], new: [StyledLine]) throws {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let from = start + prefix
        let oldEnd = start + old.count - suffix
        let replacement = Array(new[prefix..<(new.count - suffix)])
        buffer.extmarks.clear(ns: namespace, rows: from..<oldEnd)
        try buffer.setLines(from, oldEnd, replacement.map(\.text))
        setMarks(replacement, from: from)
    }

    /// Sets the extmarks of `lines`, the first at buffer row `row`.
    func setMarks(_ lines: [StyledLine], from row: Int) {
        for (k, line) in lines.enumerated() {
            let r = row + k
            let length = line.text.utf8.count
            if line.lineHl != nil || line.noWrap {
                _ = try? buffer.extmarks.set(ns: namespace, start: Position(row: r, col: 0),
                                             decoration: Decoration(priority: 100, lineHl: line.lineHl, noWrap: line.noWrap))
            }
            for span in line.spans {
                let a = min(max(0, span.range.lowerBound), length)
                let b = min(max(a, span.range.upperBound), length)
                guard a < b else { continue }
                _ = try? buffer.extmarks.set(ns: namespace, start: Position(row: r, col: a),
                                             end: Position(row: r, col: b), decoration: Decoration(hl: span.hl, url: span.url))
            }
            if !line.eol.isEmpty {
                _ = try? buffer.extmarks.set(ns: namespace, start: Position(row: r, col: length),
                                             decoration: Decoration(virtText: line.eol, virtTextPos: .eol))
            }
        }
    }
}
