// MARK: - Text and debug description

extension Grid: CustomDebugStringConvertible {
    /// The text of row `r` with continuation cells skipped ("" outside).
    public func rowText(_ r: Int) -> String {
        guard r >= 0, r < height else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width)
        for c in 0..<width where !cells[r * width + c].isContinuation {
            appendBytes(of: cells[r * width + c], to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of every row.
    public var lines: [String] { (0..<height).map(rowText) }

    /// The screen in the style of Neovim's screen tests: one row per line
    /// ending in `|`, runs in a non-default style written `{N:text}` where
    /// N is the style id. (The cursor is not part of a grid; screen tests
    /// mark it themselves.) Paste it into a test as the expectation.
    ///
    ///     ab{3:cd}  |
    ///     中x       |
    public var styledDescription: String {
        (0..<height).map(styledRow).joined(separator: "\n")
    }

    /// One row of `styledDescription`.
    public func styledRow(_ r: Int) -> String {
        guard r >= 0, r < height else { return "" }
        var out = ""
        var open: StyleID? = nil
        for c in 0..<width {
            let cell = cells[r * width + c]
            if cell.isContinuation { continue }
            if cell.style != (open ?? .default) {
                if open != nil { out += "}" }
                open = cell.style == .default ? nil : cell.style
                if let s = open { out += "{\(s.raw):" }
            }
            out += text(of: cell)
        }
        if open != nil { out += "}" }
        return out + "|"
    }

    public var debugDescription: String {
        "Grid(\(width)x\(height))\n" + styledDescription
    }
}
