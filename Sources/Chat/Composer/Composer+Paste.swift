import Foundation
import Kernel

// Bracketed paste: small pastes go in as text, large ones behind a
// placeholder (see PasteStore). A 10 MB paste costs one scan for line
// breaks and carriage returns; nothing per character reaches the buffer.

extension Composer {
    /// Pastes text at the cursor as one undo step. Line endings are
    /// normalised (CRLF and lone CR become LF). A paste over
    /// ``pasteLimits`` is kept aside and shown as a placeholder token such as
    /// `[pasted 1234 lines #1]`; ``submit()`` sends its text exactly. During
    /// a Ctrl-R search the first line of the paste extends the query.
    /// Returns the placeholder token, or nil when the text went in as is.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    @discardableResult
    public func paste(_ raw: String) throws -> String? {
        guard !raw.isEmpty else { return nil }
        let scan = Self.scanPaste(raw)
        let text = scan.hasCR ? Self.normalizeLineEndings(raw) : raw
        if searchState != nil {
            let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
            searchType(String(firstLine ?? ""))
            return nil
        }
        let newlines = scan.hasCR ? Self.scanPaste(text).newlines : scan.newlines
        let lineCount = newlines + 1 - (text.hasSuffix("\n") ? 1 : 0)
        guard lineCount > pasteLimits.maxLines || text.utf8.count > pasteLimits.maxChars else {
            try edit(.other) { _, w in try self.editor.insertText(text, in: w) }
            return nil
        }
        let token = pastes.add(text, lineCount: lineCount)
        try edit(.other) { _, w in try self.editor.insertText(token, in: w) }
        return token
    }

    /// Counts line feeds and notes carriage returns in one pass over the bytes.
    static func scanPaste(_ text: String) -> (newlines: Int, hasCR: Bool) {
        var s = text
        return s.withUTF8 { bytes in
            var newlines = 0
            var hasCR = false
            for b in bytes {
                if b == 10 { newlines += 1 } else if b == 13 { hasCR = true }
            }
            return (newlines, hasCR)
        }
    }

    /// CRLF and lone CR to LF.
    static func normalizeLineEndings(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
