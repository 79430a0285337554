import Kernel

/// Rendering entries and writing them into the buffer.
extension TranscriptProjector {
    func blockAt(_ i: Int) -> ChatBlock {
        let e = entries[i]
        return block(message: e.message, block: e.block)
    }

    /// Block `b` of message `m`: stored, or read through `linkedBlock`.
    func block(message m: Int, block b: Int) -> ChatBlock {
        guard linked[m], let reader = linkedBlock else { return stored[m].blocks[b] }
        return reader(m, b) ?? stored[m].blocks[b]
    }

    func entryIndex(message: Int, block: Int) -> Int? {
        guard message >= 0, message < firstEntry.count, block >= 0,
              block < stored[message].blocks.count else { return nil }
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
    /// unless it is the first entry, then the block itself.
    func render(message: Int, block index: Int, entryIndex: Int) -> ([StyledLine], Bool) {
        var content = block(message: message, block: index)
        if let collapsed = thinkingCollapsed, case .thinking(let text, _) = content {
            content = .thinking(text, collapsed: collapsed)
        }
        var (lines, dependent) = renderer.render(content, width: width,
                                                 options: .init(expanded: expanded, spinner: spinner))
        let (header, _) = headerLines(message: message, block: index, entryIndex: entryIndex)
        if !header.isEmpty { lines.insert(contentsOf: header, at: 0) }
        if lines.isEmpty { lines = [.blank] }
        return (lines, dependent)
    }

    /// The lines before a block's own: a blank separator unless it is the
    /// first entry (the same space between every two blocks; a user's turn
    /// is told by its "›" and tint, not by a header).
    func headerLines(message: Int, block: Int, entryIndex: Int) -> ([StyledLine], Int) {
        entryIndex > 0 ? ([.blank], 1) : ([], 0)
    }

    /// A streaming delta: entry `i` (the last) shows assistant `text`, which
    /// extends what it showed. The markdown cache re-renders only the tail
    /// from its last top-level block (or an open fence's last line); only
    /// the lines from there on are compared and written, in place.
    func rerenderGrowing(_ text: String, entry i: Int) throws {
        // Fields are read one by one: a copy of the entry would share its
        // lines, and the in-place edit below would then copy them all.
        let (_, header) = headerLines(message: entries[i].message, block: entries[i].block, entryIndex: i)
        let update = renderer.markdown.renderTail(text, width: ChatBlockRenderer.textWidth(width), cache: markdownCache)
        let keep = min(entries[i].lines.count, header + update.kept)
        entries[i].widthDependent = update.widthDependent
        entries[i].renderedWidth = width
        stale.remove(i)
        var tail = ChatBlockRenderer.assistantGutter(update.tail[...], firstRow: update.kept)
        if keep == header && tail.isEmpty { tail = [.blank] }
        let oldTail = Array(entries[i].lines[keep...])
        guard oldTail != tail else { return }
        try replace(rows: entries[i].start + keep, old: oldTail[...], new: tail[...])
        entries[i].lines.replaceSubrange(keep..., with: tail)
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
            try replace(rows: e.start, old: e.lines[...], new: lines[...])
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
    private func replace(rows start: Int, old: ArraySlice<StyledLine>, new: ArraySlice<StyledLine>) throws {
        let old = Array(old), new = Array(new)
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
        StyledLine.setMarks(lines, in: buffer, ns: namespace, from: row)
    }
}
