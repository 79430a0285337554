import Kernel
import Render

// `/` in the transcript: the query is typed in mode `transcript_search`
// (shown in the status line), the cursor jumps to the first match as it
// is typed, Enter keeps it, Esc goes back to where the search started.
// Case-insensitive unless the query has a capital letter.
extension ChatUI {
    func installSearchKeymaps() throws {
        let mode = TranscriptMode.search
        try editor.keymaps.setDefaults(mode: mode, owner: "weft", [
            KeyBinding("<CR>", "search: go to the match") { [unowned self] in self.finishSearch(keep: true) },
            KeyBinding("<Esc>", "search: cancel") { [unowned self] in self.finishSearch(keep: false) },
            KeyBinding("<C-c>", "search: cancel") { [unowned self] in self.finishSearch(keep: false) },
            KeyBinding("<BS>", "search: delete the last character") { [unowned self] in
                guard var q = self.textOut.searchInput else { return }
                if q.isEmpty { self.finishSearch(keep: false); return }
                q.removeLast()
                self.textOut.searchInput = q
                self.previewSearch()
            },
            KeyBinding("<C-u>", "search: clear") { [unowned self] in
                self.textOut.searchInput = ""
                self.previewSearch()
            },
        ])
        editor.setUnmappedKeyHandler(mode: mode) { [unowned self] key in
            guard let t = key.text, self.textOut.searchInput != nil else { return }
            self.textOut.searchInput! += t
            self.previewSearch()
        }
        editor.setPasteHandler(mode: mode) { [unowned self] text in
            guard self.textOut.searchInput != nil else { return }
            self.textOut.searchInput! += text.replacingNewlines()
            self.previewSearch()
        }
    }

    func startSearch() {
        textOut.searchInput = ""
        textOut.searchOrigin = (transcript.cursor, editor.mode)
        try? editor.setMode(TranscriptMode.search)
        refreshStatus()
    }

    /// Moves the cursor to the first match after the origin (as typed).
    func previewSearch() {
        guard let q = textOut.searchInput, let origin = textOut.searchOrigin else { return }
        if let p = TextMotion.search(tbuf, q, from: origin.cursor, forward: true) {
            moveTo(p)
        } else {
            moveTo(origin.cursor)
        }
        refreshStatus()
    }

    func finishSearch(keep: Bool) {
        guard let origin = textOut.searchOrigin else { return }
        let query = textOut.searchInput ?? ""
        textOut.searchInput = nil
        textOut.searchOrigin = nil
        try? editor.setMode(origin.mode)
        if keep, !query.isEmpty {
            textOut.lastSearch = query
            textOut.searchForward = true
            if TextMotion.search(tbuf, query, from: origin.cursor, forward: true) == nil {
                notice("not found: \(query)")
                moveTo(origin.cursor)
            }
        } else {
            moveTo(origin.cursor)
        }
        refreshStatus()
    }

    /// n / N: the next match of the last search (N: the other way).
    func searchAgain(reverse: Bool) {
        let q = textOut.lastSearch
        guard !q.isEmpty else {
            notice("no previous search")
            return
        }
        let forward = textOut.searchForward != reverse
        guard let p = TextMotion.search(tbuf, q, from: transcript.cursor, forward: forward) else {
            notice("not found: \(q)")
            return
        }
        moveTo(p)
    }
}
